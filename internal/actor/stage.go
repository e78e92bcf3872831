package actor

import (
	"sort"
	"strings"
	"time"

	"annals/internal/text"
)

// Stage is the pipeline stage that finds the knowledge base's names in each
// sentence and writes them as mentions resolved at the document's
// publication date. It joins a country word and an agent noun into one
// mention ("the Ukrainian military" → UKR+MIL, "Russia's army"), a title
// and the name after it into the person ("President Putin"), and a
// country word with an office title into the office holder when the
// knowledge base knows one ("the Russian president" → putin, via
// description).
//
// When an earlier stage (an entity recognizer) has already written
// mentions, Stage resolves those it can from their words and adds its own
// matches where they overlap no existing mention.
type Stage struct {
	kb *KB
}

// NewStage returns a stage over kb.
func NewStage(kb *KB) *Stage { return &Stage{kb: kb} }

// Name returns "actors".
func (s *Stage) Name() string { return "actors" }

// Requires returns the layers the stage reads: tokens and sentences.
func (s *Stage) Requires() text.Layer { return text.LayerTokens | text.LayerSentences }

// Provides returns the layers the stage writes: mentions and actors.
func (s *Stage) Provides() text.Layer { return text.LayerMentions | text.LayerActors }

// Process finds and resolves the mentions of doc.
func (s *Stage) Process(doc *text.Document) error {
	date := doc.Published
	var found []text.Mention
	for si, sent := range doc.Sentences {
		words := make([]string, 0, sent.Len())
		for t := sent.First; t < sent.End; t++ {
			words = append(words, doc.TokenText(t))
		}
		for _, c := range s.kb.Find(words, date) {
			first, end := sent.First+text.TokenID(c.First), sent.First+text.TokenID(c.End)
			found = append(found, text.Mention{
				Span:       text.Span{Start: doc.Tokens[first].Start, End: doc.Tokens[end-1].End},
				First:      first,
				End:        end,
				Head:       end - 1,
				Sentence:   text.SentenceID(si),
				Label:      c.Label,
				Via:        c.Via,
				Antecedent: text.NoMention,
				Entry:      c.Entry,
				Actor:      s.kb.Resolve(c.Entry, date),
			})
		}
	}
	if doc.Has(text.LayerMentions) && len(doc.Mentions) > 0 {
		found = s.merge(doc, found)
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].Start < found[j].Start })
	doc.Mentions = found
	doc.Mark(text.LayerMentions | text.LayerActors)
	return nil
}

// merge resolves the existing mentions of doc from the words they cover
// and adds the stage's own mentions that overlap none of them.
func (s *Stage) merge(doc *text.Document, own []text.Mention) []text.Mention {
	out := make([]text.Mention, 0, len(doc.Mentions)+len(own))
	for _, m := range doc.Mentions {
		if m.Entry == "" && m.Actor.IsZero() {
			// the longest of the stage's matches inside the recognized span
			best := -1
			for k, o := range own {
				if m.Span.Contains(o.Span) && (best < 0 || o.Span.Len() > own[best].Span.Len()) {
					best = k
				}
			}
			if best >= 0 {
				m.Entry, m.Actor, m.Via = own[best].Entry, own[best].Actor, own[best].Via
			}
		}
		out = append(out, m)
	}
	for _, o := range own {
		overlaps := false
		for _, m := range doc.Mentions {
			if m.Span.Overlaps(o.Span) {
				overlaps = true
				break
			}
		}
		if !overlaps {
			out = append(out, o)
		}
	}
	return out
}

// Found is a mention found in a sentence's words: words [First, End), the
// knowledge-base key to resolve (a composite "country+agent" key for
// joined mentions, see Resolve), how it was found, and an entity label
// (PER, ORG, LOC, GPE, NORP, AGENT, DESC).
type Found struct {
	First, End int
	Entry      string
	Via        string
	Label      string
}

// Find returns the mentions in a sentence's words, joining adjacent
// matches as Stage describes. date picks among ambiguous names and finds
// office holders; zero means now.
func (kb *KB) Find(words []string, date time.Time) []Found {
	ms := kb.MatchAll(words)
	var out []Found
	countryLike := func(m Match) bool {
		switch m.Kind {
		case KindState, KindPlace, KindIGO, KindOrganization, KindGroup, KindPerson:
			return true
		}
		return false
	}
	for i := 0; i < len(ms); i++ {
		m := ms[i]
		id := kb.Choose(m, date)
		next := func(k int, after int) (Match, bool) {
			if k < len(ms) && ms[k].First == after {
				return ms[k], true
			}
			return Match{}, false
		}
		// country/organization word + agent ("Ukrainian military",
		// "Russia 's army", "Russia's army")
		if countryLike(m) {
			after := m.End
			if !m.Possessive && after < len(words) && isPossessiveWord(words[after]) {
				after++
			}
			if a, ok := next(i+1, after); ok && a.Kind == KindAgent {
				// a title then a name: "Russian President Vladimir Putin"
				if p, ok := next(i+2, a.End); ok && p.Kind == KindPerson {
					out = append(out, Found{p.First, p.End, kb.Choose(p, date), p.Via.String(), "PER"})
					i += 2
					continue
				}
				country := kb.Resolve(id, date)
				if holder, ok := kb.holder(country, a, words, date); ok {
					out = append(out, Found{m.First, a.End, holder, "description", "DESC"})
				} else {
					out = append(out, Found{m.First, a.End, id + "+" + a.Entry, ViaAgent.String(), "AGENT"})
				}
				i++
				continue
			}
		}
		// a title then a name: "President Putin", "Foreign Minister Lavrov"
		if m.Kind == KindAgent {
			if p, ok := next(i+1, m.End); ok && p.Kind == KindPerson {
				out = append(out, Found{p.First, p.End, kb.Choose(p, date), p.Via.String(), "PER"})
				i++
				continue
			}
		}
		out = append(out, Found{m.First, m.End, id, m.Via.String(), label(m)})
	}
	return out
}

// holder returns the person holding the office that agent a names in
// country at date ("Russian president" → putin), if a is a singular
// government title the knowledge base knows holders of.
func (kb *KB) holder(country text.Actor, a Match, words []string, date time.Time) (string, bool) {
	e, ok := kb.entries[a.Entry]
	if !ok || e.Code != "GOV" || country.Country == "" || country.Kind == KindPlace.String() {
		return "", false
	}
	title := strings.ToLower(strings.Join(words[a.First:a.End], " "))
	return kb.OfficeHolder(country.Country, title, date)
}

func isPossessiveWord(w string) bool {
	switch w {
	case "'s", "’s", "'", "’", "'S":
		return true
	}
	return false
}

// label returns the entity label for a match.
func label(m Match) string {
	switch m.Kind {
	case KindPerson:
		return "PER"
	case KindState:
		if m.Via == ViaDemonym {
			return "NORP"
		}
		return "GPE"
	case KindPlace:
		if m.Via == ViaDemonym {
			return "NORP"
		}
		return "LOC"
	case KindAgent:
		return "AGENT"
	}
	return "ORG"
}
