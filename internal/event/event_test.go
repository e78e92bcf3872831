package event

import (
	"strings"
	"testing"

	"annals/internal/actor"
	"annals/internal/text"
)

func TestDefaultLexiconLoads(t *testing.T) {
	l, err := DefaultLexicon()
	if err != nil {
		t.Fatal(err)
	}
	if l.Len() < 1000 || l.ID() != "hand+derived.v3" {
		t.Errorf("default lexicon: %d entries, id %q", l.Len(), l.ID())
	}
	if _, err := DefaultCues(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadLexiconReportsBadLines(t *testing.T) {
	src := "# name=mine version=3\n" +
		"condemn\tV\tACCUSE\tdisapprove\t122\t-\n" +
		"frobnicate\tX\tACCUSE\t-\t122\n" + // bad pos
		"bomb\tV\tBOMB\t-\t190\n" + // bad type
		"shell\tV\tASSAULT\tfirearms-x\t190\n" + // bad mode
		"seize\tV\tCOERCE\tseize\t9999\n" + // bad CAMEO
		"short\tV\n"
	l, err := LoadLexicon(strings.NewReader(src), "mine.tsv")
	if err == nil {
		t.Fatal("want errors")
	}
	for _, want := range []string{"mine.tsv:3:", "mine.tsv:4:", "mine.tsv:5:", "mine.tsv:6:", "mine.tsv:7:"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not name %s: %v", want, err)
		}
	}
	if l.Len() != 1 || l.ID() != "mine.v3" {
		t.Errorf("good lines kept: %d entries, id %s", l.Len(), l.ID())
	}
}

func TestUserLexiconOverrides(t *testing.T) {
	l, _ := DefaultLexicon()
	n := l.Len()
	user, err := LoadLexicon(strings.NewReader("condemn\tV\tREJECT\t-\t120\t-\nbamboozle\tV\tCOERCE\t-\t170\t-\n"), "user.tsv")
	if err != nil {
		t.Fatal(err)
	}
	l.Merge(user)
	if l.Len() != n+1 {
		t.Errorf("after merge: %d entries, want %d (one override, one new)", l.Len(), n+1)
	}
	var open *Entry // the entry with no object list
	for _, e := range l.Candidates("condemn", "condemned") {
		if e.Objects == nil && !e.Noun {
			open = e
		}
	}
	if open == nil || open.Type.String() != "REJECT" || !strings.HasPrefix(open.Source, "user.tsv:1") {
		t.Errorf("override not applied: %+v", open)
	}
}

func TestInflect(t *testing.T) {
	tests := []struct {
		lemma string
		noun  bool
		want  []string
	}{
		{"agree", false, []string{"agrees", "agreed", "agreeing"}},
		{"ban", false, []string{"bans", "banned", "banning"}},
		{"expel", false, []string{"expelled", "expelling"}},
		{"shoot", false, []string{"shot", "shooting"}},
		{"deny", false, []string{"denies", "denied", "denying"}},
		{"threat", true, []string{"threats"}},
		{"visit", false, []string{"visited", "visiting"}},
	}
	for _, tt := range tests {
		got := strings.Join(inflect(tt.lemma, tt.noun), " ")
		for _, w := range tt.want {
			if !strings.Contains(" "+got+" ", " "+w+" ") {
				t.Errorf("inflect(%q) = %s, missing %s", tt.lemma, got, w)
			}
		}
	}
}

// tree builds a parsed one-sentence document from space-separated tokens
// and, for each token, its head (1-based, 0 for root), relation, UPOS and lemma.
func tree(t *testing.T, words string, rows [][4]string) *text.Document {
	t.Helper()
	ws := strings.Fields(words)
	if len(ws) != len(rows) {
		t.Fatalf("%d words, %d rows", len(ws), len(rows))
	}
	d := text.New("t", strings.Join(ws, " "))
	off := 0
	for i, w := range ws {
		var head int
		for _, c := range rows[i][0] {
			head = head*10 + int(c-'0')
		}
		dep, err := text.ParseDepRel(rows[i][1])
		if err != nil {
			t.Fatal(err)
		}
		pos, err := text.ParsePOS(rows[i][2])
		if err != nil {
			t.Fatal(err)
		}
		d.Tokens = append(d.Tokens, text.Token{Span: text.Span{Start: off, End: off + len(w)}, Head: text.TokenID(head - 1), Dep: dep, UPOS: pos, Lemma: rows[i][3]})
		off += len(w) + 1
	}
	d.Sentences = []text.Sentence{{Span: text.Span{Start: 0, End: len(d.Text)}, First: 0, End: text.TokenID(len(ws))}}
	d.Mark(text.LayerTokens | text.LayerSentences | text.LayerPOS | text.LayerLemmas | text.LayerDeps)
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	return d
}

func code(t *testing.T, d *text.Document) []text.Event {
	t.Helper()
	// These cases check the rules that read arguments and attributes of a
	// trigger; the classifier is tested on its own (classify_test.go).
	c, err := New(Options{NoClassifier: true})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.Process(d); err != nil {
		t.Fatal(err)
	}
	d.Mark(text.LayerEvents)
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	return d.Events
}

func args(d *text.Document, a []text.Argument) string {
	var s []string
	for _, x := range a {
		s = append(s, d.Slice(x.Span))
	}
	return strings.Join(s, "+")
}

func TestCoderReadsTheTree(t *testing.T) {
	// A passive with a by-agent: the agent is the source.
	d := tree(t, "The proposal was rejected by Bush .", [][4]string{
		{"2", "det", "DET", "the"}, {"4", "nsubj:pass", "NOUN", "proposal"}, {"4", "aux:pass", "AUX", "be"},
		{"0", "root", "VERB", "reject"}, {"6", "case", "ADP", "by"}, {"4", "obl:agent", "PROPN", "Bush"}, {"4", "punct", "PUNCT", "."},
	})
	evs := code(t, d)
	if len(evs) != 1 || evs[0].Type != "REJECT" || args(d, evs[0].Source) != "Bush" || args(d, evs[0].Target) != "proposal" {
		t.Fatalf("passive: %+v", evs)
	}
	// Conjoined subjects, a negation and a future auxiliary.
	d = tree(t, "India and Pakistan will not attack Kashmir .", [][4]string{
		{"6", "nsubj", "PROPN", "India"}, {"3", "cc", "CCONJ", "and"}, {"1", "conj", "PROPN", "Pakistan"},
		{"6", "aux", "AUX", "will"}, {"6", "advmod", "PART", "not"}, {"0", "root", "VERB", "attack"},
		{"6", "obj", "PROPN", "Kashmir"}, {"6", "punct", "PUNCT", "."},
	})
	evs = code(t, d)
	if len(evs) != 1 {
		t.Fatalf("got %d events", len(evs))
	}
	e := evs[0]
	if e.Type != "ASSAULT" || args(d, e.Source) != "India+Pakistan" || args(d, e.Target) != "Kashmir" ||
		e.Polarity != text.Negated || e.Modality != text.Future {
		t.Errorf("conjoined: type %s src %s tgt %s pol %v mod %v", e.Type, args(d, e.Source), args(d, e.Target), e.Polarity, e.Modality)
	}
	// Attribution through a parataxis reporting verb.
	d = tree(t, "Police arrested protesters , officials said .", [][4]string{
		{"2", "nsubj", "NOUN", "police"}, {"0", "root", "VERB", "arrest"}, {"2", "obj", "NOUN", "protester"},
		{"6", "punct", "PUNCT", ","}, {"6", "nsubj", "NOUN", "official"}, {"2", "parataxis", "VERB", "say"}, {"2", "punct", "PUNCT", "."},
	})
	evs = code(t, d)
	if len(evs) != 1 || evs[0].Type != "COERCE" || evs[0].Attribution.Author || d.Slice(evs[0].Attribution.Span) != "officials" {
		t.Errorf("attribution: %+v", evs)
	}
}

func TestObjectConstraint(t *testing.T) {
	// "deploy" is MOBILIZE only with a military object.
	d := tree(t, "Russia deployed troops .", [][4]string{
		{"2", "nsubj", "PROPN", "Russia"}, {"0", "root", "VERB", "deploy"}, {"2", "obj", "NOUN", "troop"}, {"2", "punct", "PUNCT", "."},
	})
	if evs := code(t, d); len(evs) != 1 || evs[0].Type != "MOBILIZE" {
		t.Errorf("deploy troops: %+v", evs)
	}
	d = tree(t, "Google deployed software .", [][4]string{
		{"2", "nsubj", "PROPN", "Google"}, {"0", "root", "VERB", "deploy"}, {"2", "obj", "NOUN", "software"}, {"2", "punct", "PUNCT", "."},
	})
	if evs := code(t, d); len(evs) != 0 {
		t.Errorf("deploy software coded: %+v", evs)
	}
}

// TestPlacedActorEvidence checks that an argument the actor stage placed
// by a place phrase says so in the event's evidence.
func TestPlacedActorEvidence(t *testing.T) {
	kb, err := actor.Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		words   string
		rows    [][4]string
		field   text.EvidenceField
		country string
	}{
		{"Soldiers in Gabon detained two reporters .", [][4]string{
			{"4", "nsubj", "NOUN", "soldier"}, {"3", "case", "ADP", "in"}, {"1", "nmod", "PROPN", "Gabon"},
			{"0", "root", "VERB", "detain"}, {"6", "nummod", "NUM", "two"}, {"4", "obj", "NOUN", "reporter"}, {"4", "punct", "PUNCT", "."},
		}, "source", "GAB"},
		{"Rebels attacked police in Cameroon .", [][4]string{
			{"2", "nsubj", "NOUN", "rebel"}, {"0", "root", "VERB", "attack"}, {"2", "obj", "NOUN", "police"},
			{"5", "case", "ADP", "in"}, {"3", "nmod", "PROPN", "Cameroon"}, {"2", "punct", "PUNCT", "."},
		}, "target", "CMR"},
	}
	for _, tt := range tests {
		d := tree(t, tt.words, tt.rows)
		if err := actor.NewStage(kb).Process(d); err != nil {
			t.Fatal(err)
		}
		evs := code(t, d)
		found := false
		for _, e := range evs {
			for _, ev := range e.Evidence {
				if ev.Field == tt.field && strings.Contains(ev.Rule, "via place, "+tt.country) {
					found = true
				}
			}
		}
		if !found {
			t.Errorf("%q: no %s evidence of a place-coded actor (%s) in %+v", tt.words, tt.field, tt.country, evs)
		}
	}
}

// TestNegativeNounPhrase checks that "no" on the thing done and "without"
// after the verb deny the event, and that a fronted "without" (a
// condition) and a plain object do not. Sentences written for this test.
func TestNegativeNounPhrase(t *testing.T) {
	tests := []struct {
		words string
		rows  [][4]string
		want  text.Polarity
	}{
		{"Chile signed no treaty with Peru .", [][4]string{
			{"2", "nsubj", "PROPN", "Chile"}, {"0", "root", "VERB", "sign"}, {"4", "det", "DET", "no"}, {"2", "obj", "NOUN", "treaty"},
			{"6", "case", "ADP", "with"}, {"2", "obl", "PROPN", "Peru"}, {"2", "punct", "PUNCT", "."},
		}, text.Negated},
		{"Chile signed a treaty with Peru .", [][4]string{
			{"2", "nsubj", "PROPN", "Chile"}, {"0", "root", "VERB", "sign"}, {"4", "det", "DET", "a"}, {"2", "obj", "NOUN", "treaty"},
			{"6", "case", "ADP", "with"}, {"2", "obl", "PROPN", "Peru"}, {"2", "punct", "PUNCT", "."},
		}, text.Asserted},
		{"Bolivia left the summit without a treaty .", [][4]string{
			{"2", "nsubj", "PROPN", "Bolivia"}, {"0", "root", "VERB", "leave"}, {"4", "det", "DET", "the"}, {"2", "obj", "NOUN", "summit"},
			{"7", "case", "ADP", "without"}, {"7", "det", "DET", "a"}, {"2", "obl", "NOUN", "treaty"}, {"2", "punct", "PUNCT", "."},
		}, text.Negated},
		{"Without a treaty , Bolivia left the summit .", [][4]string{
			{"3", "case", "ADP", "without"}, {"3", "det", "DET", "a"}, {"6", "obl", "NOUN", "treaty"}, {"6", "punct", "PUNCT", ","},
			{"6", "nsubj", "PROPN", "Bolivia"}, {"0", "root", "VERB", "leave"}, {"8", "det", "DET", "the"}, {"6", "obj", "NOUN", "summit"}, {"6", "punct", "PUNCT", "."},
		}, text.Asserted},
	}
	for _, tt := range tests {
		d := tree(t, tt.words, tt.rows)
		var got []string
		found := false
		for _, e := range code(t, d) {
			got = append(got, string(e.Type)+" "+d.Slice(e.Trigger)+" "+e.Polarity.String())
			if d.Slice(e.Trigger) == "treaty" || d.Slice(e.Trigger) == "signed" {
				found = true
				if e.Polarity != tt.want {
					t.Errorf("%q: %s is %v, want %v", tt.words, d.Slice(e.Trigger), e.Polarity, tt.want)
				}
			}
		}
		if !found {
			t.Errorf("%q: no event at the treaty or its signing; coded %v", tt.words, got)
		}
	}
}
