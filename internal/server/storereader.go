package server

import (
	"context"
	"errors"
	"fmt"

	"annals/internal/analyze"
	"annals/internal/record"
	"annals/internal/store"
)

// StoreReader is the Reader over annals' DuckDB store: it calls the
// store's read API (parameterized SQL) and converts its results.
type StoreReader struct {
	db  *store.DB
	mem *Memory // every document, after Preload; nil before
}

// NewStoreReader returns a Reader over db (open it with
// store.OpenReadOnly for serving).
func NewStoreReader(db *store.DB) *StoreReader { return &StoreReader{db: db} }

// notFound makes the store's "not found" the server's.
func notFound(err error) error {
	if errors.Is(err, store.ErrNotFound) && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%w: %w", ErrNotFound, err)
	}
	return err
}

func toStore(f EventFilter) store.EventFilter {
	sf := store.EventFilter{
		Actor: f.Actor, DyadA: f.DyadA, DyadB: f.DyadB, Source: f.Source, Target: f.Target,
		Type: f.Type, Quad: int(f.Quad), From: f.From, To: f.To, Doc: f.Doc, Basis: f.Basis,
		Page: store.Page(f.Page),
	}
	if f.After != nil {
		k := store.EventKey(*f.After)
		sf.After = &k
	}
	return sf
}

// Events implements Reader. A preloaded reader answers from memory, where
// an index by actor, document and date finds the candidates without a
// scan.
func (r *StoreReader) Events(ctx context.Context, f EventFilter) ([]record.Event, int, error) {
	if r.mem != nil {
		return r.mem.Events(ctx, f)
	}
	return r.db.Events(ctx, toStore(f))
}

// Event implements Reader.
func (r *StoreReader) Event(ctx context.Context, id string) (record.Event, error) {
	if r.mem != nil {
		return r.mem.Event(ctx, id)
	}
	e, err := r.db.Event(ctx, id)
	return e, notFound(err)
}

// Documents implements Reader.
func (r *StoreReader) Documents(ctx context.Context, q string, pg Page) ([]DocSummary, int, error) {
	if r.mem != nil {
		return r.mem.Documents(ctx, q, pg)
	}
	ds, total, err := r.db.Documents(ctx, q, store.Page(pg))
	out := make([]DocSummary, len(ds))
	for i, d := range ds {
		out[i] = DocSummary(d)
	}
	return out, total, err
}

// Document implements Reader.
func (r *StoreReader) Document(ctx context.Context, id string) (DocDetail, error) {
	if r.mem != nil {
		return r.mem.Document(ctx, id)
	}
	d, err := r.db.Document(ctx, id)
	if err != nil {
		return DocDetail{}, notFound(err)
	}
	return fromStore(d), nil
}

// fromStore converts a document read from the store.
func fromStore(d store.DocDetail) DocDetail {
	out := DocDetail{DocSummary: DocSummary(d.DocSummary), Text: d.Text, Events: d.Events, Incomplete: d.Incomplete, Mentions: make([]MentionOut, len(d.Mentions))}
	for i, m := range d.Mentions {
		out.Mentions[i] = repairSpan(d.Text, MentionOut(m))
	}
	return out
}

// Preloaded reports whether Preload has read every document into memory.
func (r *StoreReader) Preloaded() bool { return r.mem != nil }

// MaxPreloadEvents is the largest store that Preload holds in memory.
const MaxPreloadEvents = 250_000

// Preload reads every document of a store of at most maxEvents events
// into memory, after which everything but clusters is answered from memory (Memory, whose meaning of every filter the
// store's SQL is tested against; it computes the aggregates once). It
// returns store.ErrTooLarge (wrapped) for a larger store, which is then
// read as before. Use it only on a store opened read-only.
func (r *StoreReader) Preload(ctx context.Context, maxEvents int) error {
	docs, err := r.db.AllDocuments(ctx, maxEvents)
	if err != nil {
		return err
	}
	out := make([]DocDetail, len(docs))
	for i, d := range docs {
		out[i] = fromStore(d)
	}
	r.mem = NewMemory(out)
	return nil
}

// repairSpan gives a mention whose end offset does not slice its own text
// the end its text implies. Stores written before the fix of the
// mentions' end_byte column (it held the end token index) read right
// through it; a correct span is returned as it is.
func repairSpan(text string, m MentionOut) MentionOut {
	if m.Start >= 0 && m.Start <= m.End && m.End <= len(text) && text[m.Start:m.End] == m.Text {
		return m
	}
	if e := m.Start + len(m.Text); m.Text != "" && m.Start >= 0 && e <= len(text) && text[m.Start:e] == m.Text {
		m.End = e
	}
	return m
}

// Dyads implements Reader (from memory when preloaded, as are the other
// aggregates but clusters: Memory computes them once, when loaded).
func (r *StoreReader) Dyads(ctx context.Context, actor string, pg Page) ([]DyadOut, int, error) {
	if r.mem != nil {
		return r.mem.Dyads(ctx, actor, pg)
	}
	ds, total, err := r.db.Dyads(ctx, actor, store.Page(pg))
	out := make([]DyadOut, len(ds))
	for i, d := range ds {
		out[i] = DyadOut(d)
	}
	return out, total, err
}

// DyadSeries implements Reader.
func (r *StoreReader) DyadSeries(ctx context.Context, a, b string) ([]analyze.MonthCount, int, error) {
	if r.mem != nil {
		return r.mem.DyadSeries(ctx, a, b)
	}
	return r.db.DyadSeries(ctx, a, b)
}

// Actors implements Reader.
func (r *StoreReader) Actors(ctx context.Context, pg Page) ([]ActorOut, int, error) {
	if r.mem != nil {
		return r.mem.Actors(ctx, pg)
	}
	as, total, err := r.db.Actors(ctx, store.Page(pg))
	out := make([]ActorOut, len(as))
	for i, a := range as {
		out[i] = ActorOut(a)
	}
	return out, total, err
}

// Clusters implements Reader.
func (r *StoreReader) Clusters(ctx context.Context, disputed bool, pg Page) ([]ClusterOut, int, error) {
	cs, total, err := r.db.Clusters(ctx, disputed, store.Page(pg))
	out := make([]ClusterOut, len(cs))
	for i, c := range cs {
		out[i] = ClusterOut(c)
	}
	return out, total, err
}

// Timeline implements Reader.
func (r *StoreReader) Timeline(ctx context.Context, f EventFilter) ([]analyze.TimeCount, int, error) {
	if r.mem != nil {
		return r.mem.Timeline(ctx, f)
	}
	return r.db.Timeline(ctx, toStore(f))
}

// Links implements Reader.
func (r *StoreReader) Links(ctx context.Context, level string) ([]analyze.Link, error) {
	if r.mem != nil {
		return r.mem.Links(ctx, level)
	}
	return r.db.Links(ctx, level)
}
