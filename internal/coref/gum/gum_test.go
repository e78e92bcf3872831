package gum

import (
	"errors"
	"strings"
	"testing"

	"annals/internal/shared"
	"annals/internal/text"
)

func TestRead(t *testing.T) {
	g, err := ReadFile("testdata/small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	d := g.Doc
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	var words []string
	for i := range d.Tokens {
		words = append(words, d.TokenText(text.TokenID(i)))
	}
	if got, want := strings.Join(words, " "), "Anna met the mayor . She did n't like him or his office ."; got != want {
		t.Errorf("tokens %q, want %q", got, want)
	}
	if d.Text != "Anna met the mayor.\nShe didn't like him or his office." || len(d.Sentences) != 2 {
		t.Errorf("text %q, %d sentences", d.Text, len(d.Sentences))
	}
	var ms []string
	for _, m := range g.Gold {
		ms = append(ms, m.Entity+":"+m.Type+":"+d.Slice(text.Span{Start: d.Tokens[m.First].Start, End: d.Tokens[m.End-1].End}))
	}
	if got, want := strings.Join(ms, " | "), "1:person:Anna | 2:person:the mayor | 1:person:She | 2:person:him | 3:place:his office | 2:person:his"; got != want {
		t.Errorf("gold\n got %s\nwant %s", got, want)
	}
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"unclosed", "# text = Anna left\n1\tAnna\t_\t_\t_\t_\t0\troot\t_\tEntity=(1-person-new\n2\tleft\t_\t_\t_\t_\t1\tdep\t_\t_\n\n", "not closed"},
		{"closed not open", "# text = Anna left\n1\tAnna\t_\t_\t_\t_\t0\troot\t_\tEntity=4)\n2\tleft\t_\t_\t_\t_\t1\tdep\t_\t_\n\n", "closed but not open"},
		{"word not in text", "# text = Anna left\n1\tBob\t_\t_\t_\t_\t0\troot\t_\t_\n\n", "not found"},
		{"withheld", "# text = _ _\n1\t_\t_\t_\t_\t_\t0\troot\t_\t_\n2\t_\t_\t_\t_\t_\t1\tdep\t_\t_\n\n", "withheld"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tt.in), "x.conllu", "x")
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
			if tt.name == "withheld" && !errors.Is(err, ErrNoText) {
				t.Errorf("err = %v, want ErrNoText", err)
			}
		})
	}
}

// TestScore links the pronouns of the small document by hand: She → Anna
// (right), him → the mayor (right), his → Anna (wrong).
func TestScore(t *testing.T) {
	g, err := ReadFile("testdata/small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	d := g.Doc
	tok := func(w string) text.TokenID {
		for i := range d.Tokens {
			if d.TokenText(text.TokenID(i)) == w {
				return text.TokenID(i)
			}
		}
		t.Fatalf("no %q", w)
		return 0
	}
	mention := func(first, end text.TokenID, ante text.MentionID) text.Mention {
		return text.Mention{Span: text.Span{Start: d.Tokens[first].Start, End: d.Tokens[end-1].End}, First: first, End: end, Head: end - 1, Antecedent: ante}
	}
	d.Mentions = []text.Mention{
		mention(tok("Anna"), tok("Anna")+1, text.NoMention), // 0
		mention(tok("the"), tok("mayor")+1, text.NoMention), // 1
		mention(tok("She"), tok("She")+1, 0),                // 2
		mention(tok("him"), tok("him")+1, 1),                // 3
		mention(tok("his"), tok("his")+1, 0),                // 4
	}
	by, misses := Score(g, d)
	var all Count
	for _, c := range by {
		all.add(c)
	}
	if all != (Count{Pronouns: 3, Resolved: 3, Correct: 2}) {
		t.Errorf("all = %+v", all)
	}
	if by["his"].Correct != 0 || by["she"].Correct != 1 || by["him"].Correct != 1 {
		t.Errorf("by pronoun = %+v", by)
	}
	if len(misses) != 1 || misses[0].Pronoun != "his" || misses[0].Ours != "Anna" || misses[0].Gold != "him" {
		t.Errorf("misses = %+v", misses)
	}
	d.Mentions = d.Mentions[:2]
	by, _ = Score(g, d)
	if c := by["she"]; c != (Count{Pronouns: 1}) {
		t.Errorf("unresolved she = %+v", c)
	}
}

// TestEvaluate runs the whole pipeline on GUM's dev split when the corpus
// is here, and reports the figures; the floor is loose.
func TestEvaluate(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	dir := shared.Require(t, "data/gum/dep")
	rep, err := Evaluate(Options{Dir: dir, Split: "dev", Workers: 1})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("GUM dev: %d docs, %d pronouns, accuracy %.1f%%, coverage %.1f%%, %.2fs; %s", rep.Docs, rep.All.Pronouns,
		100*rep.Accuracy, 100*rep.Coverage, rep.Seconds, rep.Note)
	if rep.Docs == 0 || rep.All.Pronouns < 50 {
		t.Fatalf("too little scored: %+v", rep)
	}
	if rep.Accuracy < 0.6 {
		t.Errorf("accuracy %.1f%% below the 60%% floor", 100*rep.Accuracy)
	}
}
