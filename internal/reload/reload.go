// Package reload rebuilds coded documents from event records, so that the
// output of the Beam pipeline (documents-*.jsonl and events-*.jsonl) can be
// stored without coding the documents again: `annals ingest --input events
// --documents 'DIR/documents-*.jsonl' 'DIR/events-*.jsonl'`.
//
// A rebuilt document has the text, the sentences (the segmenter is run
// again: it is cheap and gives the same sentences as the coding did), the
// events and the time expressions the events name. It has no mentions or
// parse: what the records do not carry is not invented. The rebuilt
// document gives back exactly its records (record.FromDocument), or the
// stage fails for it with the first record that differs.
package reload

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"sync"

	"annals/internal/record"
	"annals/internal/segment"
	"annals/internal/text"
)

// Records holds event records by document id, in the order they were read.
type Records struct {
	mu    sync.Mutex
	byDoc map[string][]record.Event
	used  map[string]bool
}

// NewRecords returns an empty set of records.
func NewRecords() *Records {
	return &Records{byDoc: map[string][]record.Event{}, used: map[string]bool{}}
}

// Read reads event records, one JSON object a line, from r (named name in
// errors). A bad line is reported to bad with its line number and
// reading goes on; the error returned is a failure to read r.
func (rs *Records) Read(r io.Reader, name string, bad func(error)) error {
	br := bufio.NewReaderSize(r, 1<<16)
	for n := 1; ; n++ {
		line, err := br.ReadBytes('\n')
		if s := strings.TrimSpace(string(line)); s != "" {
			var e record.Event
			if jerr := json.Unmarshal([]byte(s), &e); jerr != nil {
				bad(fmt.Errorf("%s:%d: bad event record: %w", name, n, jerr))
			} else if e.DocID == "" || e.ID == "" {
				bad(fmt.Errorf("%s:%d: event record without \"id\" or \"doc_id\"", name, n))
			} else {
				rs.mu.Lock()
				rs.byDoc[e.DocID] = append(rs.byDoc[e.DocID], e)
				rs.mu.Unlock()
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
}

// Events returns the number of records held.
func (rs *Records) Events() int {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	n := 0
	for _, evs := range rs.byDoc {
		n += len(evs)
	}
	return n
}

// Unused returns the ids of the documents that have records but were not
// rebuilt, sorted.
func (rs *Records) Unused() []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	var ids []string
	for id := range rs.byDoc {
		if !rs.used[id] {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

func (rs *Records) take(id string) []record.Event {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	rs.used[id] = true
	return rs.byDoc[id]
}

// Stage is a pipeline stage that gives a document its sentences and the
// events of its records, in place of the coder's stages.
type Stage struct {
	seg  *segment.Segmenter
	recs *Records
}

// NewStage returns the stage that rebuilds documents from recs.
func NewStage(recs *Records) *Stage { return &Stage{seg: segment.New(), recs: recs} }

// Name returns "reload".
func (s *Stage) Name() string { return "reload" }

// Requires returns no layer: the stage reads only the text.
func (s *Stage) Requires() text.Layer { return 0 }

// Provides returns the token and sentence layers (the events and time
// expressions it adds are partial layers, so they are not declared).
func (s *Stage) Provides() text.Layer { return s.seg.Provides() }

// Process segments d and adds the events of its records.
func (s *Stage) Process(d *text.Document) error {
	if err := s.seg.Process(d); err != nil {
		return err
	}
	return Rebuild(d, s.recs.take(d.ID))
}

// Rebuild adds recs, the records of d, to d, which must have its sentences
// and no events, and checks that d gives back recs.
func Rebuild(d *text.Document, recs []record.Event) error {
	for i := range recs {
		r := &recs[i]
		if r.DocID != d.ID {
			return fmt.Errorf("event %s: of document %q, not %q", r.ID, r.DocID, d.ID)
		}
		e, err := event(d, r)
		if err != nil {
			return fmt.Errorf("event %s: %w", r.ID, err)
		}
		d.Events = append(d.Events, e)
	}
	back := record.FromDocument(d)
	for i := range recs {
		if back[i].ID != recs[i].ID {
			return fmt.Errorf("event %s: it would be stored as %s: the ids of the document's events have gaps (annals-beam leaves out events with no coded actor unless --all; run it with --all to load its output)", recs[i].ID, back[i].ID)
		}
		want, _ := json.Marshal(recs[i])
		got, _ := json.Marshal(back[i])
		if string(want) != string(got) {
			return fmt.Errorf("event %s: the rebuilt record differs from the one read:\n  read    %s\n  rebuilt %s", recs[i].ID, want, got)
		}
	}
	return nil
}

// event rebuilds the text.Event of r in d.
func event(d *text.Document, r *record.Event) (text.Event, error) {
	sid := text.SentenceID(r.Sentence)
	if r.Sentence < 0 || r.Sentence >= len(d.Sentences) {
		return text.Event{}, fmt.Errorf("sentence %d: the document has %d sentences", r.Sentence, len(d.Sentences))
	}
	if got := d.SentenceText(sid); got != r.SentenceText {
		return text.Event{}, fmt.Errorf("sentence %d is %q in the document, %q in the record (the document text is not the one coded)", r.Sentence, got, r.SentenceText)
	}
	sent := d.Sentences[sid].Span
	e := text.Event{
		Sentence: sid, Type: text.EventType(r.EventType), Mode: r.Mode, Context: r.Context, CAMEO: r.CAMEO,
		QuadClass: r.QuadClass, Goldstein: r.Goldstein, Confidence: r.Confidence, Rule: r.Rule,
		TriggerTok: text.NoToken,
	}
	var err error
	if e.Trigger, err = at(d, r.Trigger, "trigger"); err != nil {
		return e, err
	}
	for _, side := range []struct {
		args []record.Argument
		out  *[]text.Argument
		name string
	}{{r.Source, &e.Source, "source"}, {r.Target, &e.Target, "target"}} {
		for _, a := range side.args {
			sp, err := at(d, a.Span, side.name)
			if err != nil {
				return e, err
			}
			*side.out = append(*side.out, text.Argument{Span: sp, Mention: text.NoMention, Actor: a.Actor})
		}
	}
	if e.Polarity, err = text.ParsePolarity(r.Polarity); err != nil {
		return e, err
	}
	if e.Modality, err = text.ParseModality(r.Modality); err != nil {
		return e, err
	}
	if e.Certainty, err = text.ParseCertainty(r.Certainty); err != nil {
		return e, err
	}
	e.Date = text.EventDate{Value: r.Date.Value, Timex: text.NoTimex}
	if e.Date.Precision, err = precision(r.Date.Precision); err != nil {
		return e, err
	}
	if e.Date.Basis, err = basis(r.Date.Basis); err != nil {
		return e, err
	}
	if r.Date.Text != "" {
		sp, err := find(d, sent, r.Date.Text, "date text")
		if err != nil {
			return e, err
		}
		e.Date.Timex = text.TimexID(len(d.Timexes))
		d.Timexes = append(d.Timexes, text.Timex{Span: sp, Sentence: sid, Value: r.Date.Value,
			Precision: e.Date.Precision, Basis: e.Date.Basis, Anchor: text.NoTimex})
	}
	e.Location.Country = r.Location.Country
	if r.Location.Text != "" {
		if e.Location.Span, err = find(d, sent, r.Location.Text, "location"); err != nil {
			return e, err
		}
	}
	attr := r.Attribution
	if attr.Speaker == "author" && attr.Start == 0 && attr.End == 0 {
		e.Attribution.Author = true
	} else {
		if e.Attribution.Span, err = span(d, attr.Start, attr.End, attr.Speaker, "speaker"); err != nil {
			return e, err
		}
		if attr.Cue != "" {
			if e.Attribution.Cue, err = find(d, sent, attr.Cue, "attribution cue"); err != nil {
				return e, err
			}
		}
		if attr.Actor != nil {
			e.Attribution.Speaker = *attr.Actor
		}
	}
	for _, ev := range r.Evidence {
		sp, err := at(d, ev.Span, "evidence of "+ev.Field)
		if err != nil {
			return e, err
		}
		e.Evidence = append(e.Evidence, text.Evidence{Field: text.EvidenceField(ev.Field), Span: sp, Rule: ev.Rule})
	}
	return e, nil
}

func at(d *text.Document, s record.Span, what string) (text.Span, error) {
	return span(d, s.Start, s.End, s.Text, what)
}

// span checks that the bytes start:end of d are want.
func span(d *text.Document, start, end int, want, what string) (text.Span, error) {
	if start < 0 || end < start || end > len(d.Text) {
		return text.Span{}, fmt.Errorf("%s at %d:%d: outside the text of %d bytes", what, start, end, len(d.Text))
	}
	sp := text.Span{Start: start, End: end}
	if got := d.Slice(sp); got != want {
		return sp, fmt.Errorf("%s at %d:%d is %q in the document, %q in the record", what, start, end, got, want)
	}
	return sp, nil
}

// find returns the first place of s in the sentence sent, else in the
// whole text (records give these texts without offsets).
func find(d *text.Document, sent text.Span, s, what string) (text.Span, error) {
	if i := strings.Index(d.Slice(sent), s); i >= 0 {
		return text.Span{Start: sent.Start + i, End: sent.Start + i + len(s)}, nil
	}
	if i := strings.Index(d.Text, s); i >= 0 {
		return text.Span{Start: i, End: i + len(s)}, nil
	}
	return text.Span{}, fmt.Errorf("%s %q is not in the document", what, s)
}

// precision and basis read the names the record writes.
func precision(s string) (text.Precision, error) {
	for p := text.Precision(0); p < 32; p++ {
		if p.String() == s {
			return p, nil
		}
	}
	return 0, fmt.Errorf("unknown date precision %q", s)
}

func basis(s string) (text.Basis, error) {
	for b := text.Basis(0); b < 32; b++ {
		if b.String() == s {
			return b, nil
		}
	}
	return 0, fmt.Errorf("unknown date basis %q", s)
}
