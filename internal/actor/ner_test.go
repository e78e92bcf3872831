package actor_test

import (
	"strings"
	"testing"
	"time"

	"annals/internal/actor"
	"annals/internal/depparse"
	"annals/internal/ner"
	"annals/internal/pipeline"
	"annals/internal/postag"
	"annals/internal/segment"
	"annals/internal/text"
)

// nerText is written for this test: people the knowledge base does not
// know, with and without titles, among names it knows.
const nerText = `Nigerian junior interior minister Chidi Okafor arrived in Abuja on Monday.
Chidi Okafor told reporters that the talks with Ghana had gone well.
Kenyan Vice-President Moody Awori later met Sergei Lavrov in Moscow.
The Taiwanese foreign ministry protested, and Chile's Vice Foreign Minister flew to Tokyo.`

// TestEntityStageWithActors runs the entity recognizer's stage before the
// actor stage on a parsed document and checks what each writes.
func TestEntityStageWithActors(t *testing.T) {
	tagger, err := postag.Load()
	if err != nil {
		t.Fatal(err)
	}
	parser, err := depparse.Load()
	if err != nil {
		t.Fatal(err)
	}
	rec, err := ner.Load()
	if err != nil {
		t.Fatal(err)
	}
	kb, err := actor.Default()
	if err != nil {
		t.Fatal(err)
	}
	front, err := pipeline.New(segment.New(), tagger, parser, ner.NewStage(rec))
	if err != nil {
		t.Fatal(err)
	}
	published := time.Date(2004, 3, 1, 0, 0, 0, 0, time.UTC)

	// The entity stage alone: labels, no actors, heads from the tree.
	d := text.New("t", nerText)
	d.Published = published
	if err := front.Process(d); err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	if len(d.Mentions) == 0 {
		t.Fatal("no entities")
	}
	people := map[string]bool{}
	for _, m := range d.Mentions {
		switch m.Label {
		case "PER", "ORG", "LOC":
		default:
			t.Errorf("%q: label %q", d.Slice(m.Span), m.Label)
		}
		if m.Via != "" || m.Entry != "" || !m.Actor.IsZero() || m.Antecedent != text.NoMention {
			t.Errorf("%q: the entity stage resolved it: %+v", d.Slice(m.Span), m)
		}
		if m.Head < m.First || m.Head >= m.End {
			t.Errorf("%q: head %d outside [%d,%d)", d.Slice(m.Span), m.Head, m.First, m.End)
		} else if h := d.Tokens[m.Head].Head; h >= m.First && h < m.End {
			t.Errorf("%q: head %q depends on %q inside the span", d.Slice(m.Span), d.TokenText(m.Head), d.TokenText(h))
		}
		if m.Label == "PER" {
			people[d.Slice(m.Span)] = true
		}
	}

	// Then the actor stage.
	if err := actor.NewStage(kb).Process(d); err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	got := map[string][]string{}
	for _, m := range d.Mentions {
		s := d.Slice(m.Span)
		got[s] = append(got[s], m.Actor.Code+"/"+m.Via)
	}
	for _, tt := range []struct{ name, want string }{
		{"Chidi Okafor", "NGAGOV/description"}, // first sentence, after its title
		{"Moody Awori", "KENGOV/description"},
		{"Sergei Lavrov", "RUSGOV/name"},
	} {
		if !people[tt.name] {
			t.Logf("the recognizer did not find %q as a person", tt.name)
			continue
		}
		if len(got[tt.name]) == 0 || got[tt.name][0] != tt.want {
			t.Errorf("%s: %v, want first %s", tt.name, got[tt.name], tt.want)
		}
	}
	// The second "Chidi Okafor" has no title: unresolved but kept.
	if people["Chidi Okafor"] {
		if g := got["Chidi Okafor"]; len(g) != 2 || g[1] != "/" {
			t.Errorf("Chidi Okafor: %v, want the second unresolved", g)
		}
	}
	for _, want := range []string{"Taiwanese foreign ministry=TWNGOV", "Chile's Vice Foreign Minister=CHLGOV", "Abuja=NGAGOV", "Moscow=RUSGOV"} {
		name, code, _ := strings.Cut(want, "=")
		if len(got[name]) != 1 || !strings.HasPrefix(got[name][0], code+"/") {
			t.Errorf("%s: %v, want %s", name, got[name], code)
		}
	}
}
