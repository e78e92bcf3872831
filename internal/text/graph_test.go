package text

import (
	"strings"
	"testing"
)

// graphDoc returns "Aid reached camps in the north ." with a hand-made
// tree and its graph (every token one arc, camps' nmod marked by "in").
func graphDoc() *Document {
	d := New("g", "Aid reached camps in the north .")
	tokenize(d)
	heads := []TokenID{1, NoToken, 1, 5, 5, 2, 1}
	rels := []DepRel{DepNSubj, DepRoot, DepObj, DepCase, DepDet, DepNMod, DepPunct}
	for i := range d.Tokens {
		d.Tokens[i].Head, d.Tokens[i].Dep = heads[i], rels[i]
		d.Tokens[i].Lemma = strings.ToLower(d.TokenText(TokenID(i)))
		d.Graph = append(d.Graph, Arc{Head: heads[i], Dep: TokenID(i), Rel: rels[i], Marker: NoToken})
	}
	d.Graph[5].Marker = 3
	d.Mark(LayerDeps | LayerGraph)
	return d
}

func TestGraphAccessors(t *testing.T) {
	d := graphDoc()
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		arc  int
		want string
	}{{5, "nmod:in"}, {0, "nsubj"}, {1, "root"}}
	for _, tt := range tests {
		if got := d.ArcLabel(d.Graph[tt.arc]); got != tt.want {
			t.Errorf("ArcLabel(arc %d) = %q, want %q", tt.arc, got, tt.want)
		}
	}
	if got := d.HeadArcs(5); len(got) != 1 || got[0].Head != 2 {
		t.Errorf("HeadArcs(5) = %v", got)
	}
	if got := len(d.GraphArcs(0)); got != 7 {
		t.Errorf("GraphArcs(0) has %d arcs, want 7", got)
	}
}

func TestArcLabelWords(t *testing.T) {
	tests := []struct{ form, lemma, want string }{
		{"Including", "include", "obl:including"}, // the form, lower-cased
		{"b/c", "because", "obl:because"},         // an abbreviation gives way to its lemma
		{"and/or", "and/or", "obl:and_or"},        // non-letters inside become _
		{"/", "/", "obl"},                         // nothing left: no extension
	}
	for _, tt := range tests {
		d := New("w", tt.form+" x")
		tokenize(d)
		d.Tokens[0].Lemma = tt.lemma
		if got := d.ArcLabel(Arc{Head: NoToken, Dep: 1, Rel: DepObl, Marker: 0}); got != tt.want {
			t.Errorf("ArcLabel with marker %q = %q, want %q", tt.form, got, tt.want)
		}
	}
}

func TestCheckFindsBrokenGraph(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d *Document)
		want   string
	}{
		{"unsorted", func(d *Document) { d.Graph[0], d.Graph[1] = d.Graph[1], d.Graph[0] }, "not sorted"},
		{"repeated", func(d *Document) { d.Graph = append(d.Graph[:2], d.Graph[1:]...) }, "repeats"},
		{"own head", func(d *Document) { d.Graph[2].Head = 2 }, "own head"},
		{"out of range", func(d *Document) { d.Graph[3].Marker = 40 }, "out of range"},
		{"headless token", func(d *Document) { d.Graph = append(d.Graph[:4], d.Graph[5:]...) }, "token 4 has no head"},
		{"last token headless", func(d *Document) { d.Graph = d.Graph[:6] }, "token 6 has no head"},
		{"no relation", func(d *Document) { d.Graph[0].Rel = NoDep }, "no relation"},
	}
	for _, tt := range tests {
		d := graphDoc()
		tt.break_(d)
		if err := d.Check(); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Check() = %v, want an error containing %q", tt.name, err, tt.want)
		}
	}
}
