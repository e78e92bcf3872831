package enhanced

import (
	"bytes"
	"flag"
	"os"
	"strconv"
	"strings"
	"testing"

	"annals/internal/conllu"
	"annals/internal/shared"
	"annals/internal/text"
)

var update = flag.Bool("update", false, "rewrite the DEPS column of testdata/graphs.conllu with the graphs built")

const graphs = "testdata/graphs.conllu"

// TestGraphs builds the graph of every tree of testdata/graphs.conllu
// (sentences written for this test, each named by a "# case" comment)
// from its basic columns and compares it with the DEPS column.
func TestGraphs(t *testing.T) {
	src, err := os.ReadFile(graphs)
	if err != nil {
		t.Fatal(err)
	}
	sents, err := conllu.ReadAll(bytes.NewReader(src), graphs)
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	for _, s := range sents {
		name, _ := s.Comment("case")
		doc, err := conllu.Document(name, []*conllu.Sentence{s})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		doc.Graph = Build(doc, nil)
		doc.Mark(text.LayerGraph)
		if err := doc.Check(); err != nil {
			t.Errorf("%s: Check: %v", name, err)
		}
		for j, i := range s.Words() {
			l := &s.Lines[i]
			got := conllu.Deps(doc, text.TokenID(j))
			if got != l.Deps && !*update {
				t.Errorf("%s: word %d %q: DEPS %s, want %s", name, l.ID, l.Form, got, l.Deps)
			}
			l.Deps = got
		}
		if err := conllu.Write(&out, s); err != nil {
			t.Fatal(err)
		}
	}
	if *update {
		if err := os.WriteFile(graphs, out.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// tree builds a one-sentence document from "form/UPOS/XPOS/head/deprel"
// words (heads 1-based, 0 for the root); lemmas are the lower-cased forms.
func tree(t *testing.T, words ...string) *text.Document {
	t.Helper()
	var b strings.Builder
	for i, w := range words {
		f := strings.Split(w, "/")
		if len(f) != 5 {
			t.Fatalf("word %q: want form/UPOS/XPOS/head/deprel", w)
		}
		b.WriteString(strings.Join([]string{strconv.Itoa(i + 1), f[0], strings.ToLower(f[0]), f[1], f[2], "_", f[3], f[4], "_", "_"}, "\t"))
		b.WriteByte('\n')
	}
	sents, err := conllu.ReadAll(strings.NewReader(b.String()), "tree")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := conllu.Document("tree", sents)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// TestRules checks single arcs of small trees, several unlike sentences
// per rule.
func TestRules(t *testing.T) {
	tests := []struct {
		name  string
		words []string
		dep   int    // 1-based word
		want  string // its DEPS column
	}{
		{"xcomp of a passive controller", []string{"Talks/NOUN/NNS/3/nsubj:pass", "were/AUX/VBD/3/aux:pass", "expected/VERB/VBN/0/root", "to/PART/TO/5/mark", "resume/VERB/VB/3/xcomp"},
			1, "3:nsubj:pass|5:nsubj:xsubj"},
		{"xcomp with its own subject has no controller", []string{"I/PRON/PRP/2/nsubj", "saw/VERB/VBD/0/root", "it/PRON/PRP/4/nsubj", "fall/VERB/VB/2/xcomp"},
			1, "2:nsubj"},
		{"iobj controls when there is no object", []string{"They/PRON/PRP/2/nsubj", "told/VERB/VBD/0/root", "us/PRON/PRP/2/iobj", "to/PART/TO/5/mark", "wait/VERB/VB/2/xcomp"},
			3, "2:iobj|5:nsubj:xsubj"},
		{"a nominal conjunct of a verb gets no subject", []string{"Rebels/NOUN/NNS/2/nsubj", "attacked/VERB/VBD/0/root", "and/CCONJ/CC/4/cc", "looting/NOUN/NN/2/conj"},
			1, "2:nsubj"},
		{"a conjunct with its own subject keeps it alone", []string{"Kim/PROPN/NNP/2/nsubj", "left/VERB/VBD/0/root", "but/CCONJ/CC/5/cc", "Lee/PROPN/NNP/5/nsubj", "stayed/VERB/VBD/2/conj"},
			1, "2:nsubj"},
		{"conjunct with its own preposition", []string{"Aid/NOUN/NN/2/nsubj", "came/VERB/VBD/0/root", "from/ADP/IN/4/case", "Oslo/PROPN/NNP/2/obl", "and/CCONJ/CC/7/cc", "via/ADP/IN/7/case", "Rome/PROPN/NNP/4/conj"},
			7, "2:obl:via|4:conj:and"},
		{"relative that as object", []string{"the/DET/DT/2/det", "deal/NOUN/NN/0/root", "that/PRON/WDT/5/obj", "they/PRON/PRP/5/nsubj", "signed/VERB/VBD/2/acl:relcl"},
			2, "0:root|5:obj"},
		{"whose: the antecedent is the possessor", []string{"a/DET/DT/2/det", "man/NOUN/NN/0/root", "whose/PRON/WP$/4/nmod:poss", "son/NOUN/NN/5/nsubj", "fled/VERB/VBD/2/acl:relcl"},
			2, "0:root|4:nmod:poss"},
		{"reduced passive relative takes a passive subject", []string{"the/DET/DT/2/det", "aid/NOUN/NN/0/root", "was/AUX/VBD/4/aux:pass", "sent/VERB/VBN/2/acl:relcl"},
			2, "0:root|4:nsubj:pass"},
		{"genitive is not case-marked", []string{"Iran/PROPN/NNP/3/nmod:poss", "'s/PART/POS/1/case", "leader/NOUN/NN/0/root"},
			1, "3:nmod:poss"},
		{"adnominal infinitive", []string{"a/DET/DT/2/det", "plan/NOUN/NN/0/root", "to/PART/TO/4/mark", "withdraw/VERB/VB/2/acl"},
			4, "2:acl:to"},
	}
	for _, tt := range tests {
		doc := tree(t, tt.words...)
		doc.Graph = Build(doc, nil)
		doc.Mark(text.LayerGraph)
		if err := doc.Check(); err != nil {
			t.Errorf("%s: Check: %v", tt.name, err)
		}
		if got := conllu.Deps(doc, text.TokenID(tt.dep-1)); got != tt.want {
			t.Errorf("%s: word %d: DEPS %s, want %s", tt.name, tt.dep, got, tt.want)
		}
	}
}

// TestMalformedTrees checks that trees a parser should not produce (a
// cycle, no root, a missing relation) still give a graph that passes
// Check, with every word attached.
func TestMalformedTrees(t *testing.T) {
	doc := tree(t, "a/NOUN/NN/2/conj", "b/NOUN/NN/1/conj", "c/VERB/VB/2/xcomp")
	doc.Tokens[1].Dep = text.NoDep
	doc.Graph = Build(doc, nil)
	doc.Mark(text.LayerGraph)
	if err := doc.Check(); err != nil {
		t.Error(err)
	}
}

// TestProcessReusesGraph checks that the stage replaces an earlier graph
// rather than adding to it.
func TestProcessReusesGraph(t *testing.T) {
	doc := tree(t, "Troops/NOUN/NNS/2/nsubj", "left/VERB/VBD/0/root")
	s := New()
	for range 2 {
		if err := s.Process(doc); err != nil {
			t.Fatal(err)
		}
	}
	if len(doc.Graph) != 2 {
		t.Errorf("graph has %d arcs after two runs, want 2", len(doc.Graph))
	}
}

// BenchmarkBuild measures building the graphs of the test trees.
func BenchmarkBuild(b *testing.B) {
	benchmark(b, graphs)
}

// BenchmarkBuildEWT measures building the graphs of the EWT dev trees
// (gold trees; skipped without ../shared).
func BenchmarkBuildEWT(b *testing.B) {
	benchmark(b, shared.Require(b, "data/ud_english_ewt/en_ewt-ud-dev.conllu"))
}

func benchmark(b *testing.B, path string) {
	src, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	sents, err := conllu.ReadAll(bytes.NewReader(src), path)
	if err != nil {
		b.Fatal(err)
	}
	doc, err := conllu.Document(path, sents)
	if err != nil {
		b.Fatal(err)
	}
	var g []text.Arc
	b.ReportAllocs()
	for b.Loop() {
		g = Build(doc, g[:0])
	}
	b.ReportMetric(float64(len(doc.Tokens))*float64(b.N)/b.Elapsed().Seconds(), "words/s")
}
