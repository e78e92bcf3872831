package actor_test

import (
	"strings"
	"sync"
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

var (
	frontOnce sync.Once
	front     *pipeline.Pipeline
	frontErr  error
)

// actorFront is the coder's front up to the actor stage: segmenter,
// tagger, parser, entity recognizer, actors.
func actorFront(t *testing.T) *pipeline.Pipeline {
	t.Helper()
	frontOnce.Do(func() {
		var tagger *postag.Tagger
		var parser *depparse.Parser
		var rec *ner.Recognizer
		var kb *actor.KB
		if tagger, frontErr = postag.Load(); frontErr != nil {
			return
		}
		if parser, frontErr = depparse.Load(); frontErr != nil {
			return
		}
		if rec, frontErr = ner.Load(); frontErr != nil {
			return
		}
		if kb, frontErr = actor.Default(); frontErr != nil {
			return
		}
		front, frontErr = pipeline.New(segment.New(), tagger, parser, ner.NewStage(rec), actor.NewStage(kb))
	})
	if frontErr != nil {
		t.Fatal(frontErr)
	}
	return front
}

// mentionsOf runs the front over s and returns its mentions as
// "text=code/via" items, uncoded ones as "text=-".
func mentionsOf(t *testing.T, s string) []string {
	t.Helper()
	d := text.New("t", s)
	d.Published = time.Date(2021, 6, 1, 0, 0, 0, 0, time.UTC)
	if err := actorFront(t).Process(d); err != nil {
		t.Fatal(err)
	}
	if err := d.Check(); err != nil {
		t.Fatalf("%q: %v", s, err)
	}
	var out []string
	for _, m := range d.Mentions {
		item := d.Slice(m.Span) + "="
		if m.NamesActor() {
			item += m.Actor.Code + "/" + m.Via
		} else {
			item += "-"
		}
		out = append(out, item)
	}
	return out
}

// TestComposedActors checks actors composed from the words around an
// agent noun, through the real front of the pipeline. The sentences are
// written for this test. Each case lists items that must be among the
// sentence's mentions (want) and texts that must not name an actor
// (none).
func TestComposedActors(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
		none       []string
	}{
		// a nationality, demonym or country name and an agent noun
		{"demonym+derived agent", "Peruvian farmers blocked the main highway for a week.",
			[]string{"Peruvian farmers=PERAGR/agent"}, nil},
		{"demonym+aircraft", "Chilean jets flew low over the disputed islands.",
			[]string{"Chilean jets=CHLMIL/agent"}, nil},
		{"country possessive", "Egypt's navy escorted the tanker through the canal.",
			[]string{"Egypt's navy=EGYMIL/agent"}, nil},
		{"led", "Kenyan-led troops entered the port city at dawn.",
			[]string{"Kenyan-led troops=KENMIL/agent"}, nil},
		{"of country", "The army of Bolivia closed the northern border crossings.",
			[]string{"army=BOLMIL/agent"}, nil},
		{"of a body", "Leaders of the African Union met in the capital on Friday.",
			[]string{"Leaders=IGOAFRAFUGOV/agent"}, nil},
		{"conjoined forces", "Chilean warships and helicopters patrolled the coast.",
			[]string{"Chilean warships=CHLMIL/agent", "helicopters=CHLMIL/agent"}, nil},
		{"conjoined forces, two sectors", "Chilean soldiers and police guarded the polling stations.",
			[]string{"Chilean soldiers=CHLMIL/agent", "police=CHLCOP/agent"}, nil},
		{"conjoined opponents", "Nepali troops and rebels clashed near the border.",
			[]string{"Nepali troops=NPLMIL/agent"}, []string{"rebels"}},
		// a place on the agent or on its verb
		{"place on agent", "Police in western Nepal arrested four smugglers.",
			[]string{"Police=NPLCOP/place"}, nil},
		{"place on verb", "Insurgents ambushed a supply convoy in Helmand on Sunday.",
			[]string{"Insurgents=AFGINS/place"}, nil},
		{"unidentified attackers", "Gunmen in Aleppo kidnapped a local council member.",
			[]string{"Gunmen=SYR/place"}, nil},
		{"residents by place", "Serbs of northern Kosovo blocked the roads again.",
			[]string{"Serbs=XKX/place"}, nil},
		{"abroad, not residents", "Canadians in Haiti were told to leave.",
			[]string{"Canadians=CAN/demonym"}, nil},
		{"diplomats are not placed", "The ambassador in Ottawa protested the decision.",
			nil, []string{"ambassador"}},
		{"refugees are not placed", "Refugees in Chad crossed back over the border.",
			nil, []string{"Refugees"}},
		// generic words with no country name no actor
		{"bare agent", "Troops fired tear gas at the crowd.",
			nil, []string{"Troops"}},
		{"agent before a thing, no country", "The rebels overran two army bases overnight.",
			nil, []string{"army", "rebels"}},
		{"agent before an act, no country", "A police crackdown followed the vote.",
			[]string{"police=-"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := mentionsOf(t, tt.text)
			joined := "; " + strings.Join(got, "; ") + ";"
			for _, w := range tt.want {
				if !strings.Contains(joined, "; "+w+";") {
					t.Errorf("%q: want %s among %v", tt.text, w, got)
				}
			}
			for _, n := range tt.none {
				for _, g := range got {
					if strings.HasPrefix(g, n+"=") && !strings.HasSuffix(g, "=-") {
						t.Errorf("%q: %s names an actor, want none", tt.text, g)
					}
				}
			}
		})
	}
}
