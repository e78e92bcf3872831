package coref

import (
	"strconv"
	"strings"
	"testing"

	"annals/internal/text"
)

// people is a tiny knowledge base for the tests: entry → actor and gender.
var people = map[string]struct {
	actor  text.Actor
	gender string
}{
	"putin":    {text.Actor{Code: "RUSGOV", Country: "RUS", Name: "Vladimir Putin", Kind: "person"}, "m"},
	"merkel":   {text.Actor{Code: "DEUGOV", Country: "DEU", Name: "Angela Merkel", Kind: "person"}, "f"},
	"biden":    {text.Actor{Code: "USAGOV", Country: "USA", Name: "Joe Biden", Kind: "person"}, "m"},
	"russia":   {text.Actor{Code: "RUS", Country: "RUS", Name: "Russia", Kind: "state"}, ""},
	"ukraine":  {text.Actor{Code: "UKR", Country: "UKR", Name: "Ukraine", Kind: "state"}, ""},
	"nato":     {text.Actor{Code: "IGOWSTNAT", Name: "NATO", Kind: "igo"}, ""},
	"ethiopia": {text.Actor{Code: "ETH", Country: "ETH", Name: "Ethiopia", Kind: "state"}, ""},
}

type genders struct{}

func (genders) Gender(entry string) string { return people[entry].gender }

// build makes a parsed document from sentences written one token a field:
// form/UPOS/XPOS/head/dep[/lemma][@entry], head 1-based within the
// sentence (0 for the root). Adjacent tokens with the same @entry form one
// knowledge-base mention.
func build(t *testing.T, sents ...string) *text.Document {
	t.Helper()
	var b strings.Builder
	type tok struct {
		form, upos, xpos, dep, lemma, entry string
		head                                int
	}
	var all [][]tok
	for _, s := range sents {
		var ts []tok
		for _, f := range strings.Fields(s) {
			var x tok
			f, x.entry, _ = strings.Cut(f, "@")
			parts := strings.Split(f, "/")
			if len(parts) < 5 {
				t.Fatalf("bad token %q", f)
			}
			x.form, x.upos, x.xpos, x.dep = parts[0], parts[1], parts[2], parts[4]
			x.head, _ = strconv.Atoi(parts[3])
			x.lemma = strings.ToLower(x.form)
			if len(parts) > 5 {
				x.lemma = parts[5]
			}
			ts = append(ts, x)
		}
		all = append(all, ts)
	}
	d := text.New("t", "")
	for si, ts := range all {
		if si > 0 {
			b.WriteByte(' ')
		}
		first := text.TokenID(len(d.Tokens))
		for i, x := range ts {
			if i > 0 {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(x.form)
			upos, err := text.ParsePOS(x.upos)
			if err != nil {
				t.Fatal(err)
			}
			dep, err := text.ParseDepRel(x.dep)
			if err != nil {
				t.Fatal(err)
			}
			head := text.NoToken
			if x.head > 0 {
				head = first + text.TokenID(x.head-1)
			}
			d.Tokens = append(d.Tokens, text.Token{Span: text.Span{Start: start, End: b.Len()}, Sentence: text.SentenceID(si),
				UPOS: upos, XPOS: x.xpos, Lemma: x.lemma, Head: head, Dep: dep})
			if x.entry != "" {
				k := len(d.Mentions) - 1
				if k >= 0 && d.Mentions[k].Entry == x.entry && d.Mentions[k].End == text.TokenID(len(d.Tokens)-1) {
					d.Mentions[k].End++
					d.Mentions[k].Span.End = b.Len()
					d.Mentions[k].Head = d.Mentions[k].End - 1
					continue
				}
				p, ok := people[x.entry]
				if !ok {
					t.Fatalf("unknown entry %q", x.entry)
				}
				label := "GPE"
				if p.actor.Kind == "person" {
					label = "PER"
				}
				id := text.TokenID(len(d.Tokens) - 1)
				d.Mentions = append(d.Mentions, text.Mention{Span: text.Span{Start: start, End: b.Len()}, First: id, End: id + 1, Head: id,
					Sentence: text.SentenceID(si), Label: text.MentionLabel(label), Via: "name", Antecedent: text.NoMention, Entry: x.entry, Actor: p.actor})
			}
		}
		d.Sentences = append(d.Sentences, text.Sentence{Span: text.Span{Start: d.Tokens[first].Start, End: d.Tokens[len(d.Tokens)-1].End},
			First: first, End: text.TokenID(len(d.Tokens))})
	}
	d.Text = b.String()
	d.Mark(text.LayerTokens | text.LayerSentences | text.LayerPOS | text.LayerLemmas | text.LayerDeps | text.LayerMentions | text.LayerActors)
	if err := d.Check(); err != nil {
		t.Fatalf("test document: %v", err)
	}
	return d
}

// pronounAt returns the mention covering exactly the n-th token whose
// text is form (counting from 1).
func pronounAt(t *testing.T, d *text.Document, form string, n int) *text.Mention {
	t.Helper()
	seen := 0
	for i := range d.Tokens {
		if d.TokenText(text.TokenID(i)) != form {
			continue
		}
		if seen++; seen < n {
			continue
		}
		for k := range d.Mentions {
			if d.Mentions[k].First == text.TokenID(i) && d.Mentions[k].End == text.TokenID(i)+1 {
				return &d.Mentions[k]
			}
		}
		return nil
	}
	t.Fatalf("no %d-th %q", n, form)
	return nil
}

// rain returns n sentences that mention nobody.
func rain(n int) []string {
	var out []string
	for range n {
		out = append(out, "Rain/NOUN/NN/2/nsubj fell/VERB/VBD/0/root ./PUNCT/./2/punct")
	}
	return out
}

func TestResolve(t *testing.T) {
	tests := []struct {
		name    string
		sents   []string
		pronoun string // the pronoun's text, then #n for the n-th
		want    string // the antecedent's text, "" for none, "-" for no pronoun mention
		actor   string // the pronoun's actor code
	}{
		{"gender picks the woman", []string{"Putin/PROPN/NNP/2/nsubj@putin met/VERB/VBD/0/root Merkel/PROPN/NNP/2/obj@merkel ./PUNCT/./2/punct", "She/PRON/PRP/2/nsubj praised/VERB/VBD/0/root him/PRON/PRP/2/obj ./PUNCT/./2/punct"}, "She", "Merkel", "DEUGOV"},
		{"gender picks the man", []string{"Putin/PROPN/NNP/2/nsubj@putin met/VERB/VBD/0/root Merkel/PROPN/NNP/2/obj@merkel ./PUNCT/./2/punct", "She/PRON/PRP/2/nsubj praised/VERB/VBD/0/root him/PRON/PRP/2/obj ./PUNCT/./2/punct"}, "him", "Putin", "RUSGOV"},
		{"binding: object is not its subject", []string{"Biden/PROPN/NNP/2/nsubj@biden called/VERB/VBD/0/root Putin/PROPN/NNP/2/obj@putin ./PUNCT/./2/punct", "Putin/PROPN/NNP/2/nsubj@putin thanked/VERB/VBD/0/root him/PRON/PRP/2/obj ./PUNCT/./2/punct"}, "him", "Biden", "USAGOV"},
		{"binding alone: no antecedent", []string{"Putin/PROPN/NNP/2/nsubj@putin praised/VERB/VBD/0/root him/PRON/PRP/2/obj ./PUNCT/./2/punct"}, "him", "", ""},
		{"reflexive takes its subject", []string{"Biden/PROPN/NNP/2/nsubj@biden called/VERB/VBD/0/root Putin/PROPN/NNP/2/obj@putin ./PUNCT/./2/punct", "Putin/PROPN/NNP/2/nsubj@putin defended/VERB/VBD/0/root himself/PRON/PRP/2/obj ./PUNCT/./2/punct"}, "himself", "Putin", "RUSGOV"},
		{"possessive may take its subject", []string{"Putin/PROPN/NNP/2/nsubj@putin praised/VERB/VBD/0/root his/PRON/PRP$/4/nmod:poss army/NOUN/NN/2/obj ./PUNCT/./2/punct"}, "his", "Putin", "RUSGOV"},
		{"reported speech: the speaker", []string{"Russia/PROPN/NNP/2/nsubj@russia told/VERB/VBD/0/root/tell Ukraine/PROPN/NNP/2/obj@ukraine it/PRON/PRP/6/nsubj would/AUX/MD/6/aux withdraw/VERB/VB/2/ccomp ./PUNCT/./2/punct"}, "it", "Russia", "RUS"},
		{"chain carries the actor", []string{"Putin/PROPN/NNP/2/nsubj@putin spoke/VERB/VBD/0/root ./PUNCT/./2/punct", "He/PRON/PRP/2/nsubj said/VERB/VBD/0/root he/PRON/PRP/5/nsubj would/AUX/MD/5/aux stay/VERB/VB/2/ccomp ./PUNCT/./2/punct"}, "he", "He", "RUSGOV"},
		{"common noun antecedent has no actor", []string{"The/DET/DT/2/det woman/NOUN/NN/3/nsubj met/VERB/VBD/0/root Putin/PROPN/NNP/3/obj@putin ./PUNCT/./3/punct", "She/PRON/PRP/2/nsubj left/VERB/VBD/0/root ./PUNCT/./2/punct"}, "She", "The woman", ""},
		{"plural noun for they", []string{"Putin/PROPN/NNP/2/nsubj@putin thanked/VERB/VBD/0/root the/DET/DT/4/det soldiers/NOUN/NNS/2/obj/soldier ./PUNCT/./2/punct", "They/PRON/PRP/2/nsubj returned/VERB/VBD/0/root ./PUNCT/./2/punct"}, "They", "the soldiers", ""},
		{"it is not a person", []string{"Putin/PROPN/NNP/2/nsubj@putin visited/VERB/VBD/0/root NATO/PROPN/NNP/2/obj@nato ./PUNCT/./2/punct", "It/PRON/PRP/2/nsubj protested/VERB/VBD/0/root ./PUNCT/./2/punct"}, "It", "NATO", "IGOWSTNAT"},
		{"given name gives the gender", []string{"John/PROPN/NNP/4/nsubj and/CCONJ/CC/3/cc Mary/PROPN/NNP/1/conj left/VERB/VBD/0/root ./PUNCT/./4/punct", "She/PRON/PRP/2/nsubj stayed/VERB/VBD/0/root ./PUNCT/./2/punct"}, "She", "Mary", ""},
		{"coordination for they", []string{"John/PROPN/NNP/4/nsubj and/CCONJ/CC/3/cc Mary/PROPN/NNP/1/conj left/VERB/VBD/0/root ./PUNCT/./4/punct", "They/PRON/PRP/2/nsubj returned/VERB/VBD/0/root ./PUNCT/./2/punct"}, "They", "John and Mary", ""},
		{"person noun for he", []string{"The/DET/DT/2/det president/NOUN/NN/3/nsubj signed/VERB/VBD/0/root the/DET/DT/5/det treaty/NOUN/NN/3/obj ./PUNCT/./3/punct", "He/PRON/PRP/2/nsubj smiled/VERB/VBD/0/root ./PUNCT/./2/punct"}, "He", "The president", ""},
		{"it for a thing, not a person", []string{"The/DET/DT/2/det president/NOUN/NN/3/nsubj signed/VERB/VBD/0/root the/DET/DT/5/det treaty/NOUN/NN/3/obj ./PUNCT/./3/punct", "It/PRON/PRP/3/nsubj:pass was/AUX/VBD/3/aux:pass published/VERB/VBN/0/root ./PUNCT/./3/punct"}, "It", "the treaty", ""},
		{"possessive in a conjunct: the first conjunct", []string{"The/DET/DT/2/det talks/NOUN/NNS/3/nsubj/talk ended/VERB/VBD/0/root the/DET/DT/5/det war/NOUN/NN/3/obj between/ADP/IN/7/case Ethiopia/PROPN/NNP/5/nmod@ethiopia and/CCONJ/CC/10/cc its/PRON/PRP$/10/nmod:poss neighbour/NOUN/NN/7/conj ./PUNCT/./3/punct"}, "its", "Ethiopia", "ETH"},
		{"a group pronoun for their", []string{"Those/PRON/DT/4/nsubj who/PRON/WP/3/nsubj work/VERB/VBP/1/acl:relcl want/VERB/VBP/0/root their/PRON/PRP$/6/nmod:poss pay/NOUN/NN/4/obj ./PUNCT/./4/punct"}, "their", "Those", ""},
		{"intensive reflexive: its noun", []string{"NATO/PROPN/NNP/2/nsubj@nato grew/VERB/VBD/0/root in/ADP/IN/4/case Ukraine/PROPN/NNP/2/obl@ukraine itself/PRON/PRP/4/nmod:npmod ./PUNCT/./2/punct"}, "itself", "Ukraine", "UKR"},
		{"reflexive after a preposition is not intensive", []string{"Russia/PROPN/NNP/2/nsubj@russia created/VERB/VBD/0/root an/DET/DT/4/det image/NOUN/NN/2/obj of/ADP/IN/6/case itself/PRON/PRP/4/nmod ./PUNCT/./2/punct"}, "itself", "Russia", "RUS"},
		{"her for a country", []string{"They/PRON/PRP/2/nsubj isolated/VERB/VBD/0/root Russia/PROPN/NNP/2/obj@russia and/CCONJ/CC/5/cc split/VERB/VBD/2/conj her/PRON/PRP/5/obj ./PUNCT/./2/punct"}, "her", "Russia", "RUS"},
		{"expletive it is no mention", []string{"It/PRON/PRP/2/expl seems/VERB/VBZ/0/root that/SCONJ/IN/5/mark Russia/PROPN/NNP/5/nsubj@russia lost/VERB/VBD/2/ccomp ./PUNCT/./2/punct"}, "It", "-", ""},
		{"too far back", append(append([]string{"Putin/PROPN/NNP/2/nsubj@putin spoke/VERB/VBD/0/root ./PUNCT/./2/punct"}, rain(9)...), "He/PRON/PRP/2/nsubj left/VERB/VBD/0/root ./PUNCT/./2/punct"), "He", "", ""},
		{"within the window", append(append([]string{"Putin/PROPN/NNP/2/nsubj@putin spoke/VERB/VBD/0/root ./PUNCT/./2/punct"}, rain(3)...), "He/PRON/PRP/2/nsubj left/VERB/VBD/0/root ./PUNCT/./2/punct"), "He", "Putin", "RUSGOV"},
	}
	r := New(genders{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := build(t, tt.sents...)
			before := append([]text.Mention(nil), d.Mentions...)
			if err := r.Process(d); err != nil {
				t.Fatal(err)
			}
			d.Mark(r.Provides())
			if err := d.Check(); err != nil {
				t.Fatalf("Check after coref: %v", err)
			}
			// coreference only appends: every earlier mention keeps its id
			for i, b := range before {
				if i >= len(d.Mentions) {
					t.Fatalf("mention %d %q lost", i, d.Slice(b.Span))
				}
				if m := d.Mentions[i]; m.Span != b.Span || m.Entry != b.Entry || m.Label != b.Label {
					t.Errorf("mention %d was %q, is %q after coref", i, d.Slice(b.Span), d.Slice(m.Span))
				}
			}
			form, nth := tt.pronoun, 1
			if f, n, ok := strings.Cut(tt.pronoun, "#"); ok {
				form = f
				nth, _ = strconv.Atoi(n)
			}
			m := pronounAt(t, d, form, nth)
			if tt.want == "-" {
				if m != nil {
					t.Fatalf("%q got a mention: %+v", form, *m)
				}
				return
			}
			if m == nil {
				t.Fatalf("no mention for %q", form)
			}
			got := ""
			if m.Antecedent.Valid() {
				got = d.Slice(d.Mentions[m.Antecedent].Span)
			}
			if got != tt.want || m.Actor.Code != tt.actor {
				t.Errorf("%q → %q (actor %q), want %q (actor %q)", form, got, m.Actor.Code, tt.want, tt.actor)
			}
			if m.Actor.Code != "" && m.Via != "pronoun" {
				t.Errorf("Via = %q, want pronoun", m.Via)
			}
		})
	}
}

func TestDescriptions(t *testing.T) {
	putinSpoke := "Putin/PROPN/NNP/2/nsubj@putin spoke/VERB/VBD/0/root ./PUNCT/./2/punct"
	bothMet := "Putin/PROPN/NNP/2/nsubj@putin met/VERB/VBD/0/root Biden/PROPN/NNP/2/obj@biden ./PUNCT/./2/punct"
	tests := []struct {
		name   string
		sents  []string
		phrase string
		want   string // antecedent text, "" for none
		actor  string
	}{
		{"one person named: the president is him", []string{putinSpoke, "The/DET/DT/2/det president/NOUN/NN/3/nsubj smiled/VERB/VBD/0/root ./PUNCT/./3/punct"}, "The president", "Putin", "RUSGOV"},
		{"two people named: open", []string{bothMet, "The/DET/DT/2/det president/NOUN/NN/3/nsubj smiled/VERB/VBD/0/root ./PUNCT/./3/punct"}, "The president", "", ""},
		{"not an office", []string{putinSpoke, "The/DET/DT/2/det doctor/NOUN/NN/3/nsubj smiled/VERB/VBD/0/root ./PUNCT/./3/punct"}, "The doctor", "", ""},
		{"indefinite", []string{putinSpoke, "A/DET/DT/2/det president/NOUN/NN/3/nsubj smiled/VERB/VBD/0/root ./PUNCT/./3/punct"}, "A president", "", ""},
		{"then a pronoun", []string{putinSpoke, "The/DET/DT/2/det president/NOUN/NN/3/nsubj said/VERB/VBD/0/root he/PRON/PRP/5/nsubj would/AUX/MD/6/aux stay/VERB/VB/3/ccomp ./PUNCT/./3/punct"}, "he", "The president", "RUSGOV"},
	}
	r := New(genders{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := build(t, tt.sents...)
			if err := r.Process(d); err != nil {
				t.Fatal(err)
			}
			d.Mark(r.Provides())
			if err := d.Check(); err != nil {
				t.Fatalf("Check after coref: %v", err)
			}
			got, actor := "", ""
			for _, m := range d.Mentions {
				if d.Slice(m.Span) == tt.phrase {
					if m.Antecedent.Valid() {
						got = d.Slice(d.Mentions[m.Antecedent].Span)
					}
					actor = m.Actor.Code
				}
			}
			if got != tt.want || actor != tt.actor {
				t.Errorf("%q → %q (actor %q), want %q (actor %q)", tt.phrase, got, actor, tt.want, tt.actor)
			}
		})
	}
}

// TestConcurrent runs one Resolver on many documents at once (go test
// -race checks that it shares nothing mutable) and expects what a single
// run gives.
func TestConcurrent(t *testing.T) {
	sents := []string{"Putin/PROPN/NNP/2/nsubj@putin met/VERB/VBD/0/root Merkel/PROPN/NNP/2/obj@merkel ./PUNCT/./2/punct", "She/PRON/PRP/2/nsubj praised/VERB/VBD/0/root him/PRON/PRP/2/obj ./PUNCT/./2/punct"}
	r := New(genders{})
	want := build(t, sents...)
	if err := r.Process(want); err != nil {
		t.Fatal(err)
	}
	docs := make([]*text.Document, 16)
	for i := range docs {
		docs[i] = build(t, sents...)
	}
	done := make(chan error)
	for _, d := range docs {
		go func() { done <- r.Process(d) }()
	}
	for range docs {
		if err := <-done; err != nil {
			t.Fatal(err)
		}
	}
	for i, d := range docs {
		if len(d.Mentions) != len(want.Mentions) {
			t.Fatalf("doc %d: %d mentions, want %d", i, len(d.Mentions), len(want.Mentions))
		}
		for k := range d.Mentions {
			if d.Mentions[k].Antecedent != want.Mentions[k].Antecedent || d.Mentions[k].Actor.Code != want.Mentions[k].Actor.Code {
				t.Errorf("doc %d mention %d: %+v, want %+v", i, k, d.Mentions[k], want.Mentions[k])
			}
		}
	}
}

func TestBrokenInput(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d *text.Document)
		want   string
	}{
		{"head out of range", func(d *text.Document) { d.Tokens[1].Head = 99 }, "head 99"},
		{"mention out of range", func(d *text.Document) { d.Mentions[0].End = 42 }, "mention 0"},
		{"sentence out of range", func(d *text.Document) { d.Tokens[0].Sentence = 7 }, "sentence 7"},
		{"antecedent out of range", func(d *text.Document) { d.Mentions[0].Antecedent = 5 }, "antecedent 5"},
	}
	r := New(genders{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := build(t, "Putin/PROPN/NNP/2/nsubj@putin praised/VERB/VBD/0/root him/PRON/PRP/2/obj ./PUNCT/./2/punct")
			tt.break_(d)
			err := r.Process(d)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestProcessOnce(t *testing.T) {
	r := New(genders{})
	d := build(t, "Putin/PROPN/NNP/2/nsubj@putin met/VERB/VBD/0/root Merkel/PROPN/NNP/2/obj@merkel ./PUNCT/./2/punct", "She/PRON/PRP/2/nsubj left/VERB/VBD/0/root ./PUNCT/./2/punct")
	if err := r.Process(d); err != nil {
		t.Fatal(err)
	}
	d.Mark(r.Provides())
	n := len(d.Mentions)
	if err := r.Process(d); err != nil || len(d.Mentions) != n {
		t.Errorf("second run: %v, %d mentions, want %d", err, len(d.Mentions), n)
	}
}
