package store

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"annals/internal/text"
)

// ev describes an event for mkDoc: words of the text for trigger, source
// and target, with their actors.
type ev struct {
	typ, trigger string
	src, srcCode string
	tgt, tgtCode string
	date         string
	quad         int
	goldstein    float64
	negated      bool
	speaker, cue string
}

// actorOf makes an actor from a code: its first three letters are the
// country unless the code starts with IGO.
func actorOf(code, name string) text.Actor {
	a := text.Actor{Code: code, Name: name, Kind: "state", Sector: []string{}}
	if !strings.HasPrefix(code, "IGO") && len(code) >= 3 {
		a.Country = code[:3]
		if len(code) > 3 {
			a.Sector = []string{code[3:]}
			a.Kind = "organization"
		}
	} else {
		a.Kind = "igo"
	}
	return a
}

func span(t testing.TB, s, word string) text.Span {
	t.Helper()
	i := strings.Index(s, word)
	if i < 0 {
		t.Fatalf("%q not in %q", word, s)
	}
	return text.Span{Start: i, End: i + len(word)}
}

// mkDoc builds a coded document over one sentence of s.
func mkDoc(t testing.TB, id, s, published string, evs ...ev) *text.Document {
	t.Helper()
	d := text.New(id, s)
	if published != "" {
		d.Published, _ = time.Parse("2006-01-02", published)
	}
	d.Sentences = []text.Sentence{{Span: text.Span{Start: 0, End: len(s)}, First: 0, End: 0}}
	for _, e := range evs {
		srcSpan, tgtSpan := span(t, s, e.src), span(t, s, e.tgt)
		src := actorOf(e.srcCode, e.src)
		tgt := actorOf(e.tgtCode, e.tgt)
		d.Mentions = append(d.Mentions,
			text.Mention{Span: srcSpan, Sentence: 0, Label: "GPE", Via: "name", Antecedent: text.NoMention, Head: text.NoToken, Actor: src},
			text.Mention{Span: tgtSpan, Sentence: 0, Label: "GPE", Via: "name", Antecedent: text.NoMention, Head: text.NoToken, Actor: tgt})
		x := text.Event{
			Sentence: 0, Type: text.EventType(e.typ), QuadClass: e.quad, Goldstein: e.goldstein, CAMEO: "111", Context: []string{"military"},
			Trigger: span(t, s, e.trigger), TriggerTok: text.NoToken,
			Source:     []text.Argument{{Span: srcSpan, Mention: text.MentionID(len(d.Mentions) - 2), Actor: src}},
			Target:     []text.Argument{{Span: tgtSpan, Mention: text.MentionID(len(d.Mentions) - 1), Actor: tgt}},
			Date:       text.EventDate{Value: e.date, Precision: text.PrecisionMonth, Basis: text.BasisExplicit, Timex: text.NoTimex},
			Confidence: 0.7, Rule: "test/rule.v1", Attribution: text.Attribution{Author: true},
			Evidence: []text.Evidence{{Field: "trigger", Span: span(t, s, e.trigger), Rule: "lexicon"}},
		}
		if e.negated {
			x.Polarity = text.Negated
		}
		if e.speaker != "" {
			x.Attribution = text.Attribution{Span: span(t, s, e.speaker), Speaker: actorOf("UKRGOV", e.speaker), Cue: span(t, s, e.cue)}
		}
		d.Events = append(d.Events, x)
	}
	return d
}

func openTemp(t testing.TB) *DB {
	t.Helper()
	db, err := Open(filepath.Join(t.TempDir(), "test.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func put(t testing.TB, db *DB, docs ...Doc) PutResult {
	t.Helper()
	r, err := db.Put(context.Background(), docs)
	if err != nil {
		t.Fatal(err)
	}
	return r
}
