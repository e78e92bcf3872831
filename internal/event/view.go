package event

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"annals/internal/text"
)

// sentenceView gives the coder quick access to one sentence: children of
// each token and the mention covering each token.
type sentenceView struct {
	doc         *text.Document
	id          text.SentenceID
	first, end  text.TokenID
	children    [][]text.TokenID // by token index relative to first
	mentionOf   []text.MentionID // by token index relative to first
	trigger     []bool           // by token index relative to first: the word triggers an event
	tree        bool
	hasMentions bool
	// trigFirst, trigLast are the tokens of the trigger being coded.
	trigFirst, trigLast text.TokenID
	// when is the date of the event being coded, at which resolver (when
	// set) resolves mentions' knowledge-base entries.
	when     time.Time
	resolver ActorResolver
	// roles is the role table; evType, evMode the class of the event
	// being coded, whose paths it reads.
	roles          *Roles
	evType, evMode string
	// cues is the cue table the coder was given.
	cues *Cues
	// roleLog, when set, records each event's role candidates.
	roleLog *[]RoleEvent
}

// actorOf returns the actor of mention m at the date of the event being
// coded: the knowledge base's resolution of its entry then, else the
// mention's own actor.
func (s *sentenceView) actorOf(m text.MentionID) text.Actor {
	men := s.doc.Mentions[m]
	if s.resolver != nil && !s.when.IsZero() && men.Entry != "" {
		if a := s.resolver.Resolve(men.Entry, s.when); !a.IsZero() {
			return a
		}
	}
	return men.Actor
}

func newSentenceView(d *text.Document) *sentenceView {
	return &sentenceView{doc: d, tree: d.Has(text.LayerDeps), hasMentions: d.Has(text.LayerMentions), trigFirst: text.NoToken, trigLast: text.NoToken}
}

func (s *sentenceView) reset(id text.SentenceID) {
	sent := s.doc.Sentences[id]
	s.id, s.first, s.end = id, sent.First, sent.End
	n := int(s.end - s.first)
	s.children = s.children[:0]
	s.mentionOf = s.mentionOf[:0]
	s.trigger = s.trigger[:0]
	for range n {
		s.children = append(s.children, nil)
		s.mentionOf = append(s.mentionOf, text.NoMention)
		s.trigger = append(s.trigger, false)
	}
	if s.tree {
		for t := s.first; t < s.end; t++ {
			h := s.doc.Tokens[t].Head
			if h >= s.first && h < s.end {
				s.children[h-s.first] = append(s.children[h-s.first], t)
			}
		}
	}
	if s.hasMentions {
		for i, m := range s.doc.Mentions {
			if m.Sentence != id {
				continue
			}
			for t := m.First; t < m.End; t++ {
				if t < s.first || t >= s.end {
					continue
				}
				// A token in several mentions takes the one with an actor,
				// then the shortest: "Malian" inside an unresolved
				// "Malian Prime Minister Ali Traore".
				if old := s.mentionOf[t-s.first]; old == text.NoMention || better(m, s.doc.Mentions[old]) {
					s.mentionOf[t-s.first] = text.MentionID(i)
				}
			}
		}
	}
}

func (s *sentenceView) kids(t text.TokenID) []text.TokenID {
	if t < s.first || t >= s.end {
		return nil
	}
	return s.children[t-s.first]
}

func (s *sentenceView) lemma(t text.TokenID) string {
	tok := s.doc.Tokens[t]
	if s.doc.Has(text.LayerLemmas) && tok.Lemma != "" {
		return strings.ToLower(tok.Lemma)
	}
	return strings.ToLower(s.doc.TokenText(t))
}

func (s *sentenceView) form(t text.TokenID) string { return strings.ToLower(s.doc.TokenText(t)) }

// phraseEnd checks the remaining words of a phrasal trigger: each must
// follow within three tokens ("called on", "carried out"), or, with a
// tree, be a child of the trigger ("shot it down"). A preposition or
// particle that follows a noun phrase in that window is the noun's, not
// the verb's, and a word after another verb is that verb's: they count
// only as the trigger's children. It returns the last
// token of the phrase.
func (s *sentenceView) phraseEnd(t text.TokenID, e *Entry) (text.TokenID, bool) {
	last := t
	for _, w := range e.Words[1:] {
		found := text.NoToken
		for k := last + 1; k < s.end && k <= last+3; k++ {
			if matchesWord(w, s.lemma(k), s.form(k)) && !s.timeCase(k) {
				if s.particleAfterNoun(last, k) || s.verbBetween(last, k) {
					break // "pressed Caracas on the deal", "forces carried out": the word is another's
				}
				found = k
				break
			}
		}
		if found == text.NoToken && s.tree {
			for _, k := range s.kids(t) {
				if k > last && matchesWord(w, s.lemma(k), s.form(k)) {
					found = k
					break
				}
			}
		}
		if found == text.NoToken {
			return 0, false
		}
		last = found
	}
	return last, true
}

// separable are the particles that may follow a phrasal verb's object
// ("pulled its troops out", "turned the convoy back"); a prepositional
// verb's preposition may not ("called on Kenya", not "called Kenya on").
var separable = map[string]bool{"up": true, "down": true, "out": true, "off": true, "back": true,
	"away": true, "over": true, "aside": true, "apart": true, "around": true, "together": true}

// particleAfterNoun reports whether token k, a preposition (tagged so and
// not a separable particle), comes after a noun, pronoun or number that
// follows the phrase's last word: "pressed Caracas on": "on" begins
// Caracas's neighbour, not "press on". Adverbs between are no obstacle
// ("called repeatedly for").
func (s *sentenceView) particleAfterNoun(last, k text.TokenID) bool {
	d := s.doc
	if !d.Has(text.LayerPOS) {
		return false
	}
	switch d.Tokens[k].UPOS {
	case text.ADP, text.PART:
	default:
		return false
	}
	if separable[s.form(k)] {
		return false // "pull its engineers out", "shot the drone down"
	}
	for j := last + 1; j < k; j++ {
		switch d.Tokens[j].UPOS {
		case text.NOUN, text.PROPN, text.PRON, text.NUM:
			return true
		}
	}
	return false
}

// verbBetween reports whether a verb stands between tokens last and k: a
// word after it belongs to that verb's phrase ("forces carried out": "out"
// is carried's, not a "force out").
func (s *sentenceView) verbBetween(last, k text.TokenID) bool {
	if !s.doc.Has(text.LayerPOS) {
		return false
	}
	for j := last + 1; j < k; j++ {
		if s.doc.Tokens[j].UPOS == text.VERB {
			return true
		}
	}
	return false
}

// timeCase reports whether k is the preposition of a time phrase ("on" of
// "fired on Monday"), which is no part of a prepositional verb.
func (s *sentenceView) timeCase(k text.TokenID) bool {
	if !s.tree || s.dep(k) != text.DepCase {
		return false
	}
	h := s.head(k)
	return h.Valid() && s.temporal(h)
}

// hasObject reports whether the trigger's object (tree) or one of the next
// few words (no tree) has a lemma in objs.
func (s *sentenceView) hasObject(t, last text.TokenID, objs map[string]bool) bool {
	check := func(k text.TokenID) bool {
		if objs["@actor"] && s.actorLike(k) {
			return true
		}
		if objs["@place"] && s.placeLike(k) {
			return true
		}
		l := s.lemma(k)
		if objs[l] || objs[strings.TrimSuffix(l, "s")] {
			return true
		}
		f := s.form(k)
		return objs[f] || objs[strings.TrimSuffix(f, "s")]
	}
	if s.tree {
		for _, k := range s.kids(t) {
			d := s.doc.Tokens[k].Dep
			if d.Base() == text.DepNSubj && d != text.DepNSubjPass {
				continue // the object of a passive is its subject; an agent is not
			}
			switch d.Base() {
			case text.DepObj, text.DepObl, text.DepNMod, text.DepIObj, text.DepXComp, text.DepNSubj:
				if check(k) {
					return true
				}
				// "tons of food aid", "a share of the relief budget".
				for _, g := range s.kids(k) {
					switch s.doc.Tokens[g].Dep.Base() {
					case text.DepCompound, text.DepNMod, text.DepConj:
						if check(g) {
							return true
						}
						for _, gg := range s.kids(g) {
							if s.doc.Tokens[gg].Dep.Base() == text.DepCompound && check(gg) {
								return true
							}
						}
					}
				}
			}
		}
	}
	if s.tree {
		return false
	}
	for k := last + 1; k < s.end && k <= last+6; k++ {
		if check(k) {
			return true
		}
	}
	return false
}

// smallClause reports whether verb t takes a clause ("saw the minister
// signing", "see that …") rather than a plain object.
func (s *sentenceView) smallClause(t text.TokenID) bool {
	if !s.tree {
		return false
	}
	if h := s.head(t); h.Valid() && s.doc.Tokens[h].UPOS == text.ADJ {
		return true // "it is sad to see X …": an evaluation, not a visit
	}
	for _, k := range s.kids(t) {
		switch s.dep(k).Base() {
		case text.DepXComp, text.DepCComp:
			return true
		case text.DepAdvCl:
			if s.doc.Tokens[k].XPOS == "VBG" && k > t {
				return true // "see the minister signing …"
			}
		case text.DepObj:
			if n := k + 1; n < s.end && s.doc.Tokens[n].XPOS == "VBG" && s.doc.Tokens[n].UPOS == text.VERB {
				return true // "to see the minister signing …", however it is parsed
			}
			for _, g := range s.kids(k) {
				if s.dep(g).Base() == text.DepACL || (s.doc.Tokens[g].UPOS == text.VERB && s.doc.Tokens[g].XPOS == "VBG") {
					return true
				}
			}
		}
	}
	return false
}

// capitalized reports whether the token starts with an upper-case letter.
func (s *sentenceView) capitalized(t text.TokenID) bool {
	r, _ := utf8.DecodeRuneInString(s.doc.TokenText(t))
	return unicode.IsUpper(r)
}

// timeWords are nouns that name times, never actors.
var timeWords = map[string]bool{
	"today": true, "yesterday": true, "tomorrow": true, "tonight": true, "day": true, "week": true,
	"month": true, "year": true, "decade": true, "century": true, "weekend": true, "morning": true,
	"evening": true, "night": true, "afternoon": true, "hour": true, "minute": true, "time": true,
	"monday": true, "tuesday": true, "wednesday": true, "thursday": true, "friday": true, "saturday": true, "sunday": true,
	"january": true, "february": true, "march": true, "april": true, "may": true, "june": true, "july": true,
	"august": true, "september": true, "october": true, "november": true, "december": true,
	"jan.": true, "feb.": true, "mar.": true, "apr.": true, "jun.": true, "jul.": true, "aug.": true,
	"sep.": true, "sept.": true, "oct.": true, "nov.": true, "dec.": true, "spring": true, "summer": true,
	"autumn": true, "fall": true, "winter": true, "period": true, "term": true, "era": true,
}

// temporal reports whether the phrase headed by k is a time, not a
// participant: a time word, a bare number, a temporal relation, or inside a
// temporal expression of the timex layer.
func (s *sentenceView) temporal(k text.TokenID) bool {
	d := s.doc
	switch s.doc.Tokens[k].Dep {
	case text.DepOblTmod, text.DepNModTmod, text.DepOblUnmarked, text.DepNModUnmarked:
		if timeWords[s.lemma(k)] || d.Tokens[k].UPOS == text.NUM {
			return true
		}
	}
	if timeWords[s.lemma(k)] || timeWords[s.form(k)] {
		return true
	}
	if d.Tokens[k].UPOS == text.NUM {
		return true
	}
	if d.Has(text.LayerTimex) {
		for _, x := range d.Timexes {
			if x.Sentence == s.id && x.Span.Overlaps(d.Tokens[k].Span) {
				return true
			}
		}
	}
	return false
}

// personal pronouns that can stand for actors.
var actorPronouns = map[string]bool{"he": true, "she": true, "they": true, "it": true, "we": true, "him": true, "her": true, "them": true, "us": true, "i": true, "you": true}

// actorLike reports whether the phrase headed by k refers to an actor: a
// mention with a resolved actor, a proper noun, or a personal pronoun.
func (s *sentenceView) actorLike(k text.TokenID) bool {
	if s.hasMentions {
		if m := s.mentionOf[k-s.first]; m.Valid() && !s.doc.Mentions[m].Actor.IsZero() {
			return true
		}
		for _, c := range s.kids(k) {
			switch s.dep(c) {
			case text.DepAMod, text.DepCompound, text.DepNModPoss:
				if m := s.mentionOf[c-s.first]; m.Valid() && !s.doc.Mentions[m].Actor.IsZero() {
					return true
				}
			}
		}
	}
	switch s.doc.Tokens[k].UPOS {
	case text.PROPN:
		return true
	case text.PRON:
		return actorPronouns[s.form(k)]
	}
	return false
}

// placeLike reports whether the phrase headed by k is a mention of a
// place or a state ("went to Lima", "flown home"), not of a person,
// group or thing.
func (s *sentenceView) placeLike(k text.TokenID) bool {
	if !s.hasMentions {
		return false
	}
	m := s.mentionOf[k-s.first]
	if !m.Valid() {
		return false
	}
	switch s.doc.Mentions[m].Actor.Kind {
	case "place", "state":
		l := s.doc.Mentions[m].Label
		return l != text.LabelAgent && l != text.LabelNORP // not "Swedish" in "a Swedish vessel"
	}
	return false
}

// path describes the dependency path from the trigger t to the phrase in
// span sp: "seizing ─obj→ port", "seizing ←advcl─ responded ─nsubj→
// Chile". It is "" without a tree or when the phrase is not in t's
// sentence.
func (s *sentenceView) path(t text.TokenID, sp text.Span) string {
	if !s.tree {
		return ""
	}
	d := s.doc
	// The phrase's head: its token whose head lies outside it.
	h := text.NoToken
	for k := s.first; k < s.end; k++ {
		if sp.Contains(d.Tokens[k].Span) {
			hd := d.Tokens[k].Head
			if !hd.Valid() || !sp.Contains(d.Tokens[hd].Span) {
				h = k
				break
			}
		}
	}
	if h == text.NoToken {
		return ""
	}
	up := func(x text.TokenID) []text.TokenID {
		var chain []text.TokenID
		for hops := 0; x.Valid() && hops < 12; hops++ {
			chain = append(chain, x)
			x = d.Tokens[x].Head
		}
		return chain
	}
	ta, ha := up(t), up(h)
	pos := map[text.TokenID]int{}
	for i, x := range ta {
		pos[x] = i
	}
	lca, hi := text.NoToken, -1
	for i, x := range ha {
		if _, ok := pos[x]; ok {
			lca, hi = x, i
			break
		}
	}
	if lca == text.NoToken {
		return ""
	}
	var b strings.Builder
	b.WriteString(d.TokenText(t))
	for _, x := range ta[:pos[lca]] {
		b.WriteString(" ←" + d.Tokens[x].Dep.String() + "─ " + d.TokenText(d.Tokens[x].Head))
	}
	for i := hi - 1; i >= 0; i-- {
		x := ha[i]
		b.WriteString(" ─" + d.Tokens[x].Dep.String() + "→ " + d.TokenText(x))
	}
	return b.String()
}

// better reports whether mention a should stand for a token rather than b.
func better(a, b text.Mention) bool {
	if a.Actor.IsZero() != b.Actor.IsZero() {
		return !a.Actor.IsZero()
	}
	return a.Len() < b.Len()
}

// inName reports whether token t is a word inside a named actor of more
// than one word (not a demonym or a single-word name).
func (s *sentenceView) inName(t text.TokenID) bool {
	if !s.hasMentions {
		return false
	}
	m := s.mentionOf[t-s.first]
	if !m.Valid() {
		return false
	}
	men := s.doc.Mentions[m]
	if men.End-men.First < 2 || men.Actor.IsZero() {
		return false
	}
	switch men.Via {
	case "name", "alias", "metonym":
		return true
	}
	return false
}
