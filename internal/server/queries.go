package server

import (
	"context"

	"annals/internal/analyze"
	"annals/internal/record"
)

// Reader is what the server reads from a store. Package store's database
// provides it through StoreReader; tests may give a small one of their own.
// Lists return the items of one page and the total number that match.
// A missing document or event is an error wrapping ErrNotFound.
type Reader interface {
	// Events returns the events that match f, ordered by event date (undated
	// last), then document and id.
	Events(ctx context.Context, f EventFilter) ([]record.Event, int, error)
	// Event returns one event by its id.
	Event(ctx context.Context, id string) (record.Event, error)
	// Documents returns documents whose title or text contains q (all when
	// q is ""), newest first.
	Documents(ctx context.Context, q string, pg Page) ([]DocSummary, int, error)
	// Document returns a document with its text, mentions and events.
	Document(ctx context.Context, id string) (DocDetail, error)
	// Dyads returns pairs of actors by the number of events between them
	// (either direction); with actor set, only pairs that include it.
	Dyads(ctx context.Context, actor string, pg Page) ([]DyadOut, int, error)
	// DyadSeries groups the events between a and b (each matching by code
	// or country) by month of event date, direction and quad class, and
	// counts the undated ones.
	DyadSeries(ctx context.Context, a, b string) ([]analyze.MonthCount, int, error)
	// Actors returns actors by the number of events they take part in.
	Actors(ctx context.Context, pg Page) ([]ActorOut, int, error)
	// Clusters returns clusters of reports of the same event, the largest
	// first; disputed keeps only those whose reports disagree.
	Clusters(ctx context.Context, disputed bool, pg Page) ([]ClusterOut, int, error)
	// Timeline groups the events that match f (paging ignored) by month of
	// event date and quad class, and counts the undated ones.
	Timeline(ctx context.Context, f EventFilter) ([]analyze.TimeCount, int, error)
	// Links returns who acts on whom: events and summed Goldstein scores by
	// source and target, actors taken by full code (level "code") or by
	// country (level "country").
	Links(ctx context.Context, level string) ([]analyze.Link, error)
}

// ClusterOut is a cluster of reports of the same event.
type ClusterOut struct {
	ID        string   `json:"id"`
	EventType string   `json:"event_type"`
	Source    string   `json:"source"`
	Target    string   `json:"target"`
	Date      string   `json:"date"`      // first day, or "first/last" when they differ
	Reports   int      `json:"reports"`   // events in the cluster
	Documents int      `json:"documents"` // distinct documents
	Outlets   int      `json:"outlets"`   // distinct publishers
	Disputed  bool     `json:"disputed"`
	Conflicts []string `json:"conflicts"` // what the reports disagree about
	Events    []string `json:"events"`    // ids of the events
}
