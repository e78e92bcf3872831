package server

import (
	"context"
	"errors"

	"annals/internal/analyze"
	"annals/internal/record"
)

// ClusterOut is a cluster of reports of the same event.
type ClusterOut struct {
	ID int64 `json:"id"`
}

var errTODO = errors.New("not wired to the store yet")

func (s *Server) events(ctx context.Context, f EventFilter) ([]record.Event, int, error) {
	return nil, 0, errTODO
}
func (s *Server) event(ctx context.Context, id string) (record.Event, error) {
	return record.Event{}, errTODO
}
func (s *Server) documents(ctx context.Context, q string, pg Page) ([]DocSummary, int, error) {
	return nil, 0, errTODO
}
func (s *Server) document(ctx context.Context, id string) (DocDetail, error) {
	return DocDetail{}, errTODO
}
func (s *Server) dyads(ctx context.Context, actor string, pg Page) ([]DyadOut, int, error) {
	return nil, 0, errTODO
}
func (s *Server) dyadSeries(ctx context.Context, a, b string) ([]analyze.MonthCount, int, error) {
	return nil, 0, errTODO
}
func (s *Server) actors(ctx context.Context, pg Page) ([]ActorOut, int, error) {
	return nil, 0, errTODO
}
func (s *Server) clusters(ctx context.Context, disputed bool, pg Page) ([]ClusterOut, int, error) {
	return nil, 0, errTODO
}
func (s *Server) timeline(ctx context.Context, f EventFilter) ([]analyze.TimeCount, int, error) {
	return nil, 0, errTODO
}
func (s *Server) links(ctx context.Context, level string) ([]analyze.Link, error) {
	return nil, errTODO
}
