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
// mentions, Stage resolves those it can and adds its own matches where
// they overlap no existing mention:
//
//   - a recognized span that contains a knowledge-base match takes the
//     longest one ("Mr. Lavrov" → lavrov);
//   - a person the knowledge base does not know takes the country and
//     sector of the title next to it, before ("Nigerian junior foreign
//     minister Chidi Okafor", "President Chidi Okafor") or after it as an
//     apposition ("Chidi Okafor, Nigeria's foreign minister,"): the
//     mention keeps its own name, with kind person, via description, and
//     no knowledge-base entry; the title is not written as a mention of
//     its own;
//   - a recognized span inside a longer match of the stage gives way to
//     it ("US" in "the US ambassador to the UN");
//   - other spans stay unresolved, with a zero actor.
//
// On a parsed document it then gives agents with no country the country
// of an of/from phrase or of the place the sentence gives them or their
// event (compose.go, docs/actor-conventions.md). An agent alone
// ("troops") keeps its sector but no code: it names no one.
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
	var given []text.Mention
	if doc.Has(text.LayerMentions) {
		given = doc.Mentions
	}
	// about one mention in five words: grow the slice once, not per
	// sentence
	out := make([]text.Mention, 0, len(given)+len(doc.Tokens)/5+4)
	parsed := doc.Has(text.LayerDeps)
	words := make([]string, 0, 64)
	var ext []text.Mention
	var drop []bool
	k := 0 // next given mention
	for si, sent := range doc.Sentences {
		if sent.First < 0 || sent.End < sent.First || int(sent.End) > len(doc.Tokens) {
			continue // Check reports it
		}
		// the given mentions that start before this sentence ends
		ext = ext[:0]
		for ; k < len(given) && given[k].First < sent.End; k++ {
			m := given[k]
			if m.First < sent.First || m.End > sent.End || m.End <= m.First {
				out = append(out, m) // not inside one sentence: kept as it is
				continue
			}
			ext = append(ext, m)
		}
		words = words[:0]
		for t := sent.First; t < sent.End; t++ {
			words = append(words, doc.TokenText(t))
		}
		found := s.kb.Find(words, date)
		drop = drop[:0]
		for range found {
			drop = append(drop, false)
		}
		kept := len(out)
		for _, m := range ext {
			if m, keep := s.resolveGiven(doc, m, int(sent.First), words, found, drop, date); keep {
				out = append(out, m)
			}
		}
		resolved := out[kept:]
		for i, f := range found {
			if drop[i] {
				continue
			}
			first, end := sent.First+text.TokenID(f.First), sent.First+text.TokenID(f.End)
			sp := text.Span{Start: doc.Tokens[first].Start, End: doc.Tokens[end-1].End}
			if overlapsAny(resolved, sp) {
				continue
			}
			head := end - 1
			if parsed {
				head = spanHead(doc, first, end)
			}
			out = append(out, text.Mention{
				Span:       sp,
				First:      first,
				End:        end,
				Head:       head,
				Sentence:   text.SentenceID(si),
				Label:      f.Label,
				Via:        f.Via,
				Antecedent: text.NoMention,
				Entry:      f.Entry,
				Actor:      s.kb.Resolve(f.Entry, date),
			})
		}
		if parsed {
			s.composeSentence(doc, out[kept:], sent.First, sent.End, date)
		}
	}
	out = append(out, given[k:]...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	doc.Mentions = out
	doc.Mark(text.LayerMentions | text.LayerActors)
	return nil
}

// resolveGiven resolves a mention written by an earlier stage from the
// stage's own matches in its sentence (words, found; base is the
// sentence's first token) and marks in drop the matches it absorbs. It
// reports false when the mention gives way to a longer match.
func (s *Stage) resolveGiven(doc *text.Document, m text.Mention, base int, words []string, found []Found, drop []bool, date time.Time) (text.Mention, bool) {
	if m.Entry != "" || !m.Actor.IsZero() {
		return m, true
	}
	first, end := int(m.First)-base, int(m.End)-base
	person := m.Label == text.LabelPER
	// the longest match inside the span
	best := -1
	for i, f := range found {
		if f.First >= first && f.End <= end && (best < 0 || f.End-f.First > found[best].End-found[best].First) {
			best = i
		}
	}
	if best >= 0 {
		f := found[best]
		drop[best] = true
		if person && f.title != "" && f.First == first && f.End < end {
			// "President Chidi Okafor" recognized as one span
			return s.titled(doc, m, f.title, date), true
		}
		m.Entry, m.Actor, m.Via = f.Entry, s.kb.Resolve(f.Entry, date), f.Via
		return m, true
	}
	if person {
		if i := titleNear(words, found, first, end); i >= 0 {
			drop[i] = true
			return s.titled(doc, m, found[i].title, date), true
		}
	}
	for _, f := range found {
		if f.First <= first && end <= f.End {
			return m, false // "US" in "the US ambassador"
		}
	}
	// A match of the sentence may straddle the span's edge ("in the UN
	// Security Council" read as "the UN"): read the span's words alone.
	if first < end && end <= len(words) {
		best := Found{}
		for _, f := range s.kb.Find(words[first:end], date) {
			if f.End-f.First > best.End-best.First {
				best = f
			}
		}
		if best.Entry != "" && !(person && best.title != "") {
			m.Entry, m.Actor, m.Via = best.Entry, s.kb.Resolve(best.Entry, date), best.Via
		}
	}
	return m, true
}

// titled gives a person mention the actor of the title key next to it,
// with the mention's own name.
func (s *Stage) titled(doc *text.Document, m text.Mention, title string, date time.Time) text.Mention {
	a := s.kb.Resolve(title, date)
	if a.IsZero() {
		return m
	}
	a.Name, a.Kind = doc.Slice(m.Span), text.KindPerson
	m.Actor, m.Via = a, "description"
	return m
}

// titleNear returns the index of the title match that describes the
// person in words [first, end): right before it ("foreign minister Chidi
// Okafor"), before it and a comma when a comma follows the name too
// ("Nigeria's foreign minister, Chidi Okafor,"), or after it and a comma,
// with or without an article ("Chidi Okafor, the Nigerian foreign
// minister"). It returns -1 when there is none.
func titleNear(words []string, found []Found, first, end int) int {
	commaAfter := end < len(words) && words[end] == ","
	closes := end == len(words) || commaAfter || isSentenceEnd(words[end])
	for i, f := range found {
		if f.title == "" {
			continue
		}
		switch {
		case f.End == first:
			return i
		case f.End == first-1 && words[f.End] == "," && closes:
			return i
		case commaAfter && (f.First == end+1 || f.First == end+2 && isArticle(words[end+1])):
			if f.End == len(words) || words[f.End] == "," || isSentenceEnd(words[f.End]) {
				return i
			}
		}
	}
	return -1
}

func isArticle(w string) bool {
	switch strings.ToLower(w) {
	case "the", "a", "an":
		return true
	}
	return false
}

func isSentenceEnd(w string) bool {
	switch w {
	case ".", "!", "?", ";", ":":
		return true
	}
	return false
}

// spanHead returns the syntactic head of tokens [first, end): the last
// token whose head lies outside the span (the root counts as outside),
// or end-1 when the tree gives none.
func spanHead(doc *text.Document, first, end text.TokenID) text.TokenID {
	for t := end - 1; t >= first; t-- {
		if h := doc.Tokens[t].Head; h < first || h >= end {
			return t
		}
	}
	return end - 1
}

func overlapsAny(ms []text.Mention, s text.Span) bool {
	for i := range ms {
		if ms[i].Span.Overlaps(s) {
			return true
		}
	}
	return false
}

// Found is a mention found in a sentence's words: words [First, End), the
// knowledge-base key to resolve (a composite "country+agent" key for
// joined mentions, see Resolve), how it was found, and an entity label
// (PER, ORG, LOC, GPE, NORP, AGENT, DESC).
type Found struct {
	First, End int
	Entry      string
	Via        string
	Label      text.MentionLabel
	// title is, for an agent or a description, the key that codes a
	// person it describes: the agent's id, or "country+agent" when a
	// country word comes first (a description's Entry is the office
	// holder; title still codes the office).
	title string
}

// Find returns the mentions in a sentence's words, joining adjacent
// matches as Stage describes. date picks among ambiguous names and finds
// office holders; zero means now.
func (kb *KB) Find(words []string, date time.Time) []Found {
	ms := kb.MatchAll(words)
	out := make([]Found, 0, len(ms))
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
		// "Russia 's army", "Russia's army", "Taiwan's vice foreign
		// minister")
		if countryLike(m) {
			after := m.End
			if !m.Possessive && after < len(words) && isPossessiveWord(words[after]) {
				after++
			} else if n := ledSuffix(words, after); n > 0 && m.Kind != KindPerson {
				// "Vietnamese-led forces": the forces are the leader's
				after += n
			}
			titleFirst := after
			ai := i + 1 // the index of the agent match
			a, ok := next(ai, after)
			if !ok || a.Kind != KindAgent {
				for after < len(words) && kb.isModifier(words[after]) {
					after++
				}
				a, ok = next(ai, after)
			} else if b, k, ok2 := kb.modifiedTitle(ms, ai, words); ok2 {
				// "Kenyan deputy interior minister": "deputy" modifies
				// the title that follows; it is no agent of its own.
				a, ai = b, k
			}
			if ok && a.Kind == KindAgent {
				// a title then a name: "Russian President Vladimir Putin"
				if p, ok := next(ai+1, a.End); ok && p.Kind == KindPerson {
					out = append(out, Found{First: p.First, End: p.End, Entry: kb.Choose(p, date), Via: p.Via.String(), Label: text.LabelPER})
					i = ai + 1
					continue
				}
				key, title := id+"+"+a.Entry, ""
				if singular(words[a.First:a.End]) {
					title = key
				}
				definite := m.First == 0 || !isIndefinite(words[m.First-1])
				if holder, ok := kb.holder(kb.Resolve(id, date), a, words[titleFirst:a.End], date); ok && definite {
					out = append(out, Found{First: m.First, End: a.End, Entry: holder, Via: "description", Label: text.LabelDesc, title: title})
				} else {
					out = append(out, Found{First: m.First, End: a.End, Entry: key, Via: ViaAgent.String(), Label: text.LabelAgent, title: title})
				}
				i = ai
				continue
			}
		}
		// a title then a name: "President Putin", "Foreign Minister Lavrov"
		if m.Kind == KindAgent {
			if e := kb.entries[m.Entry]; e != nil && e.Bound {
				continue // alone, a derived agent names no one
			}
			if _, _, ok := kb.modifiedTitle(ms, i, words); ok {
				continue // "deputy" in "deputy foreign minister": the title follows
			}
			if p, ok := next(i+1, m.End); ok && p.Kind == KindPerson {
				out = append(out, Found{First: p.First, End: p.End, Entry: kb.Choose(p, date), Via: p.Via.String(), Label: text.LabelPER})
				i++
				continue
			}
			f := Found{First: m.First, End: m.End, Entry: id, Via: m.Via.String(), Label: text.LabelAgent}
			if singular(words[m.First:m.End]) {
				f.title = id
			}
			out = append(out, f)
			continue
		}
		out = append(out, Found{First: m.First, End: m.End, Entry: id, Via: m.Via.String(), Label: label(m)})
	}
	return out
}

// modifiedTitle reports whether match k of ms is a one-word agent that is
// also a title modifier ("deputy", "chief") followed, after any further
// modifiers, by another agent ("deputy foreign minister", "chief prosecutor"):
// then the word modifies that title. It returns the title's match and index.
func (kb *KB) modifiedTitle(ms []Match, k int, words []string) (Match, int, bool) {
	m := ms[k]
	if m.Kind != KindAgent || m.End-m.First != 1 || !kb.isModifier(words[m.First]) {
		return Match{}, 0, false
	}
	after := m.End
	for after < len(words) && kb.isModifier(words[after]) {
		after++
	}
	for j := k + 1; j < len(ms) && ms[j].First <= after; j++ {
		if ms[j].First == after && ms[j].Kind == KindAgent {
			return ms[j], j, true
		}
	}
	return Match{}, 0, false
}

// isModifier reports whether w is a title modifier (data/modifiers.tsv).
func (kb *KB) isModifier(w string) bool {
	if len(kb.modifiers) == 0 || len(w) > 16 {
		return false
	}
	if kb.modifiers[w] {
		return true
	}
	var buf [16]byte
	return kb.modifiers[string(lowerASCII(buf[:0], w))]
}

// lowerASCII appends w to dst with ASCII letters lowered.
func lowerASCII(dst []byte, w string) []byte {
	for i := 0; i < len(w); i++ {
		c := w[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst
}

// holder returns the person holding the office that the title words name
// in country at date ("Russian president" → putin, "Saudi crown prince"),
// if the knowledge base knows one. The agent a must be a government noun
// or the title one that titles.tsv declares ("spy chief" is an
// intelligence chief; "commander" is not an office).
func (kb *KB) holder(country text.Actor, a Match, title []string, date time.Time) (string, bool) {
	if country.Country == "" || country.Kind == text.KindPlace {
		return "", false
	}
	t := kb.title(strings.Join(title, " "))
	if e, ok := kb.entries[a.Entry]; !ok || e.Code != "GOV" && !kb.canon[t] {
		return "", false
	}
	return kb.OfficeHolder(country.Country, t, date)
}

// singular reports whether title words name one person: their head word
// (the last before "of", "to", "in", "for" or "at", else the last) is not
// an English plural ("foreign minister", "minister of foreign affairs";
// not "reporters", "chiefs of staff").
func singular(words []string) bool {
	head := ""
	for _, w := range words {
		switch strings.ToLower(w) {
		case "of", "to", "in", "for", "at":
			return !pluralWord(head)
		}
		head = w
	}
	return !pluralWord(head)
}

func pluralWord(w string) bool {
	n := len(w)
	return n > 3 && (w[n-1] == 's' || w[n-1] == 'S') && w[n-2] != 's' && w[n-2] != 'S' && w[n-2] != 'u' && w[n-2] != '\''
}

func isIndefinite(w string) bool {
	switch strings.ToLower(w) {
	case "a", "an", "another", "one", "some", "any":
		return true
	}
	return false
}

// ledSuffix returns how many words at i say "-led" ("-" "led", or
// "-led" as one word) when an agent follows them, else 0.
func ledSuffix(words []string, i int) int {
	switch {
	case i+2 < len(words) && words[i] == "-" && strings.EqualFold(words[i+1], "led"):
		return 2
	case i+1 < len(words) && strings.EqualFold(words[i], "-led"):
		return 1
	}
	return 0
}

func isPossessiveWord(w string) bool {
	switch w {
	case "'s", "’s", "'", "’", "'S":
		return true
	}
	return false
}

// label returns the entity label for a match.
func label(m Match) text.MentionLabel {
	switch m.Kind {
	case KindPerson:
		return text.LabelPER
	case KindState:
		if m.Via == ViaDemonym {
			return text.LabelNORP
		}
		return text.LabelGPE
	case KindPlace:
		if m.Via == ViaDemonym {
			return text.LabelNORP
		}
		return text.LabelLOC
	case KindAgent:
		return text.LabelAgent
	}
	return text.LabelORG
}
