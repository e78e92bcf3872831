package lexgen

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"annals/internal/event"
	"annals/internal/shared"
	"annals/internal/verbdict"
	"annals/internal/wordnet"
)

func fixtureInputs(t *testing.T) Inputs {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", "verbs.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	dict, errs := verbdict.Parse(f, "verbs.txt")
	if len(errs) > 0 {
		t.Fatalf("fixture dictionary: %v", errs)
	}
	wn, err := wordnet.Open(filepath.Join("testdata", "wordnet"))
	if err != nil {
		t.Fatalf("fixture WordNet: %v", err)
	}
	cf, err := os.Open(filepath.Join("testdata", "codebook.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer cf.Close()
	cb, err := ReadCodebook(cf, "codebook.csv")
	if err != nil {
		t.Fatalf("fixture codebook: %v", err)
	}
	hand, err := ParseSupplement(strings.NewReader("sit-in\tN\tPROTEST\tdemo\t141\t-\t# a form of protest\n"), "hand.tsv")
	if err != nil {
		t.Fatal(err)
	}
	return Inputs{Verbs: dict, Codebook: cb, WordNet: wn, Supplement: hand}
}

// lines derives the table and returns its data lines without the source
// column, and the whole output.
func derive(t *testing.T, in Inputs) (map[string]string, []byte) {
	t.Helper()
	rows, err := Derive(in)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, rows); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, l := range strings.Split(buf.String(), "\n") {
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		f := strings.Split(l, "\t")
		got[strings.Join(f[:6], " ")] = f[6]
	}
	return got, buf.Bytes()
}

func TestDeriveRules(t *testing.T) {
	got, _ := derive(t, fixtureInputs(t))
	tests := []struct {
		line   string // trigger pos type mode cameo object
		source string // "" when the line must be absent
	}{
		{"raid V ASSAULT - 190 -", "cameo-verbs:13"},              // a block's head verb
		{"raid N ASSAULT - 190 -", "wordnet:raid.n.01"},           // its noun form
		{"storm V ASSAULT - 190 -", ""},                           // a synonym in a block named after a verb
		{"raid V ASSAULT torture 1822 festival", ""},              // "(DURING FESTIVAL)" is when, not what
		{"raid V ASSAULT abduct 181 dark", ""},                    // nor "(AFTER DARK)"
		{"raid V ASSAULT - 175 marcher,protester", ""},            // a pair of codes [175:140]
		{"perish V ASSAULT - 190 -", ""},                          // intransitive: happens to its subject
		{"stage V PROTEST boycott 143 walkout", "cameo-verbs:25"}, // an object pattern
		{"hold V PROTEST boycott 143 walkout", "cameo-verbs:26"},  // the plural lemmatized
		{"stage V PROTEST demo 141 march", "cameo-verbs:27"},      // a noun phrase's head
		{"walkout N PROTEST boycott 143 -", "cameo-verbs:25"},     // two light verbs agree
		{"stage V PROTEST boycott 143 -", ""},                     // a null-coded verb is no bare trigger
		{"appeal V REQUEST assist 022 -", "cameo-verbs:30"},       // an appeal takes its demand twin's type
		{"appeal N REQUEST assist 022 -", "wordnet:appeal.n.01"},  // and so does its noun
		{"refuse V REJECT - 120 -", "cameo-verbs:33"},             // its patterns agree on REJECT
		{"dawdle out V ASSAULT - 190 -", "cameo-verbs:43"},        // a particle makes a phrasal verb
		{"abduct V ASSAULT abduct 181 -", "codebook:2"},           // the codebook's verbs
		{"kidnap V ASSAULT abduct 181 -", "codebook:2"},           // ... after "or"
		{"hunger V PROTEST hunger 142 -", ""},                     // "Hunger strike" is a noun
		{"bring V ACCUSE allege 112 -", ""},                       // "bring to trial" needs the rest
		{"sit-in N PROTEST demo 141 -", "hand:1"},                 // the hand supplement
		{"toss at V ASSAULT - 190 -", "cameo-verbs:59"},           // a lone directed preposition
		{"hurl at V ASSAULT - 190 -", ""},                         // the comment names "toss", inflected
		{"hurl into V ASSAULT - 190 -", ""},                       // "into" after a verb of motion is where to
		{"heave against V ASSAULT - 190 -", "cameo-verbs:65"},     // in parentheses too
		{"heave at V ASSAULT - 175 -", ""},                        // not when the code needs its subject
		{"shove V ASSAULT - 190 -", "cameo-verbs:69"},             // a block's head verb
		{"shove at V ASSAULT - 175 -", ""},                        // a preposition adds no code to a verb that is an event alone
		{"toss with V ASSAULT - 190 -", ""},                       // "with" is no directed preposition
		{"toss V ASSAULT - 190 -", ""},                            // nor does a preposition make the verb bare
	}
	for _, tc := range tests {
		src, ok := got[tc.line]
		switch {
		case tc.source == "" && ok:
			t.Errorf("%q derived (from %s), want it absent", tc.line, src)
		case tc.source != "" && !ok:
			t.Errorf("%q not derived", tc.line)
		case tc.source != "" && src != tc.source:
			t.Errorf("%q from %s, want %s", tc.line, src, tc.source)
		}
	}
	if t.Failed() {
		for l, s := range got {
			t.Logf("derived: %s\t%s", l, s)
		}
	}
}

func TestDeriveIsDeterministic(t *testing.T) {
	_, a := derive(t, fixtureInputs(t))
	_, b := derive(t, fixtureInputs(t))
	if !bytes.Equal(a, b) {
		t.Error("two derivations from the same inputs differ")
	}
	if _, err := event.LoadLexicon(bytes.NewReader(a), "derived.tsv"); err != nil {
		t.Errorf("the derived table does not load: %v", err)
	}
}

func TestSupplementNeedsReasons(t *testing.T) {
	_, err := ParseSupplement(strings.NewReader("raid\tN\tASSAULT\t-\t190\t-\n"), "s.tsv")
	if err == nil || !strings.Contains(err.Error(), "s.tsv:1:") {
		t.Errorf("a hand line with no reason: err = %v", err)
	}
	rows, err := Supplement()
	if err != nil || len(rows) == 0 {
		t.Errorf("embedded supplement: %d rows, %v", len(rows), err)
	}
}

// TestCommittedTableIsCurrent derives the table from the real sources and
// compares it with the committed internal/event/data/lexicon.tsv.
func TestCommittedTableIsCurrent(t *testing.T) {
	vp := shared.Require(t, "data/phoenix/CAMEO.2.0.verbs.txt")
	cp := shared.Require(t, "data/ngec_synthetic/PLOVER_structured_codebook_updated.csv")
	if _, err := os.Stat("/usr/share/wordnet/data.verb"); err != nil {
		t.Skip("WordNet is not installed (scripts/wordnet.sh installs it)")
	}
	f, err := os.Open(vp)
	if err != nil {
		t.Fatal(err)
	}
	dict, _ := verbdict.Parse(f, vp) // its two unreadable lines are reported by the command
	f.Close()
	cf, err := os.Open(cp)
	if err != nil {
		t.Fatal(err)
	}
	cb, err := ReadCodebook(cf, cp)
	cf.Close()
	if err != nil {
		t.Fatal(err)
	}
	wn, err := wordnet.Open("/usr/share/wordnet")
	if err != nil {
		t.Fatal(err)
	}
	hand, err := Supplement()
	if err != nil {
		t.Fatal(err)
	}
	_, got := derive(t, Inputs{Verbs: dict, Codebook: cb, WordNet: wn, Supplement: hand})
	want, err := os.ReadFile(filepath.Join("..", "event", "data", "lexicon.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Error("internal/event/data/lexicon.tsv is not what the sources derive: run \"annals train lexicon\"")
	}
}
