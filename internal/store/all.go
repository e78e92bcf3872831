package store

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"annals/internal/record"
)

// ErrTooLarge is returned by AllDocuments for a store with more events
// than asked for.
var ErrTooLarge = errors.New("store too large to load")

// AllDocuments returns every document with its text, mentions, events and
// incomplete events, ordered by id, in five queries; a store of more than
// maxEvents events is not read (ErrTooLarge). It lets a server over a
// small read-only store answer from memory.
func (s *DB) AllDocuments(ctx context.Context, maxEvents int) ([]DocDetail, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM events").Scan(&n); err != nil {
		return nil, fmt.Errorf("store %s: %w", s.path, err)
	}
	if n > maxEvents {
		return nil, fmt.Errorf("store %s: %d events, more than %d: %w", s.path, n, maxEvents, ErrTooLarge)
	}
	rs, err := s.db.QueryContext(ctx, "SELECT "+s.d.docSummaryCols()+", text, coalesce(source, '') FROM documents ORDER BY id")
	if err != nil {
		return nil, fmt.Errorf("store %s: documents: %w", s.path, err)
	}
	var docs []DocDetail
	byID := map[string]int{}
	for rs.Next() {
		var d DocDetail
		if err := rs.Scan(&d.ID, &d.Title, &d.URL, &d.Published, &d.DocSummary.Events, &d.Bytes, &d.Teaser, &d.Text, &d.Source); err != nil {
			rs.Close()
			return nil, fmt.Errorf("store %s: documents: %w", s.path, err)
		}
		d.Mentions, d.Events, d.Incomplete = []Mention{}, []record.Event{}, []record.Event{}
		byID[d.ID] = len(docs)
		docs = append(docs, d)
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("store %s: documents: %w", s.path, err)
	}
	rs, err = s.db.QueryContext(ctx, `SELECT doc_id, start_byte, end_byte, coalesce(text, ''), coalesce(label, ''), coalesce(via, ''),
		coalesce(actor_code, ''), coalesce(actor_country, ''), `+s.d.list("actor_sector")+`, coalesce(actor_name, ''), coalesce(actor_kind, '')
		FROM mentions ORDER BY doc_id, start_byte, idx`)
	if err != nil {
		return nil, fmt.Errorf("store %s: mentions: %w", s.path, err)
	}
	for rs.Next() {
		var id string
		var m Mention
		var sect any
		if err := rs.Scan(&id, &m.Start, &m.End, &m.Text, &m.Label, &m.Via, &m.Actor.Code, &m.Actor.Country, &sect, &m.Actor.Name, &m.Actor.Kind); err != nil {
			rs.Close()
			return nil, fmt.Errorf("store %s: mentions: %w", s.path, err)
		}
		m.Actor.Sector = strings1(sect)
		if i, ok := byID[id]; ok {
			docs[i].Mentions = append(docs[i].Mentions, m)
		}
	}
	rs.Close()
	if err := rs.Err(); err != nil {
		return nil, fmt.Errorf("store %s: mentions: %w", s.path, err)
	}
	evs, err := s.queryEvents(ctx, s.d.selectEvents("", " ORDER BY e.doc_id, e.seq", ""))
	if err != nil {
		return nil, err
	}
	for _, e := range evs {
		if i, ok := byID[e.DocID]; ok {
			docs[i].Events = append(docs[i].Events, e)
		}
	}
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'incomplete_events'").Scan(&n); err != nil || n == 0 {
		return docs, err
	}
	rs, err = s.db.QueryContext(ctx, "SELECT doc_id, record FROM incomplete_events ORDER BY doc_id, seq")
	if err != nil {
		return nil, fmt.Errorf("store %s: incomplete events: %w", s.path, err)
	}
	defer rs.Close()
	for rs.Next() {
		var id, js string
		if err := rs.Scan(&id, &js); err != nil {
			return nil, fmt.Errorf("store %s: incomplete events: %w", s.path, err)
		}
		var e record.Event
		if err := json.Unmarshal([]byte(js), &e); err != nil {
			return nil, fmt.Errorf("store %s: document %q incomplete event: %w", s.path, id, err)
		}
		if i, ok := byID[id]; ok {
			docs[i].Incomplete = append(docs[i].Incomplete, e)
		}
	}
	return docs, rs.Err()
}
