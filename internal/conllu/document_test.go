package conllu

import (
	"strings"
	"testing"

	"annals/internal/text"
)

const twoTrees = `# text = Ships sailed.
1	Ships	ship	NOUN	NNS	_	2	nsubj	_	_
2	sailed	sail	VERB	VBD	_	0	root	_	SpaceAfter=No
3	.	.	PUNCT	.	_	2	punct	_	_

1-2	Don't	_	_	_	_	_	_	_	_
1	Do	do	AUX	VBP	_	3	aux	_	_
2	n't	not	PART	RB	_	3	advmod	_	_
3	wait	wait	VERB	VB	_	0	root	_	_
3.1	go	go	VERB	VB	_	_	_	3:conj	_
`

func TestDocument(t *testing.T) {
	sents, err := ReadAll(strings.NewReader(twoTrees), "two")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Document("two", sents)
	if err != nil {
		t.Fatal(err)
	}
	if err := doc.Check(); err != nil {
		t.Fatal(err)
	}
	if doc.Text != "Ships sailed .\nDo n't wait" {
		t.Errorf("text %q", doc.Text)
	}
	if len(doc.Tokens) != 6 || len(doc.Sentences) != 2 {
		t.Fatalf("%d tokens in %d sentences, want 6 in 2", len(doc.Tokens), len(doc.Sentences))
	}
	if tk := doc.Tokens[4]; tk.Head != 5 || tk.Dep != text.DepAdvMod || tk.Lemma != "not" || tk.UPOS != text.PART {
		t.Errorf("token 4 = %+v", tk)
	}
	if doc.Tokens[5].Head != text.NoToken {
		t.Errorf("root has head %d", doc.Tokens[5].Head)
	}
	// Deps numbers heads within the sentence, root first.
	doc.Graph = []text.Arc{
		{Head: 1, Dep: 0, Rel: text.DepNSubj, Marker: text.NoToken},
		{Head: text.NoToken, Dep: 1, Rel: text.DepRoot, Marker: text.NoToken},
		{Head: 5, Dep: 3, Rel: text.DepAux, Marker: text.NoToken},
		{Head: text.NoToken, Dep: 5, Rel: text.DepRoot, Marker: text.NoToken},
		{Head: 3, Dep: 5, Rel: text.DepConj, Marker: 4},
	}
	for _, tt := range []struct {
		tok  text.TokenID
		want string
	}{{0, "2:nsubj"}, {3, "3:aux"}, {5, "0:root|1:conj:not"}, {2, "_"}} {
		if got := Deps(doc, tt.tok); got != tt.want {
			t.Errorf("Deps(%d) = %q, want %q", tt.tok, got, tt.want)
		}
	}
}

func TestDocumentErrors(t *testing.T) {
	tests := []struct{ name, conllu, want string }{
		{"bad UPOS", "1\tx\tx\tNOPE\tX\t_\t0\troot\t_\t_\n", "bad:1: word 1"},
		{"bad relation", "1\tx\tx\tX\tX\t_\t0\tnope\t_\t_\n", "nope"},
		{"head out of range", "1\tx\tx\tX\tX\t_\t7\troot\t_\t_\n", "out of range"},
		{"no head", "1\tx\tx\tX\tX\t_\t_\troot\t_\t_\n", "no head"},
	}
	for _, tt := range tests {
		sents, err := ReadAll(strings.NewReader(tt.conllu), "bad")
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if _, err := Document("bad", sents); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v, want one containing %q", tt.name, err, tt.want)
		}
	}
}
