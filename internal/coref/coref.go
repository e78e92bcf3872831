// Package coref links pronouns to the actors they stand for, within a
// document, by agreement, syntax and salience (a Hobbs/Lappin–Leass style
// ranking over the mentions of the last few sentences).
//
// The stage adds a mention for each personal or possessive pronoun that
// can refer to an actor, links it to its antecedent (Mention.Antecedent)
// and gives it the antecedent's actor, with Via "pronoun". A pronoun
// without a fitting antecedent is kept, unresolved.
package coref

import (
	"sort"
	"strings"

	"annals/internal/text"
)

// Genders tells the grammatical gender of a knowledge-base entry: "m",
// "f", or "" when unknown or not a person.
type Genders interface {
	Gender(entry string) string
}

// Resolver is the coreference stage. It is safe for concurrent use.
type Resolver struct {
	genders Genders
	// Window is how many sentences back antecedents are sought.
	Window int
}

// New returns a Resolver; genders may be nil.
func New(g Genders) *Resolver { return &Resolver{genders: g, Window: 3} }

// Name implements pipeline.Stage.
func (r *Resolver) Name() string { return "coref" }

// Requires implements pipeline.Stage.
func (r *Resolver) Requires() text.Layer {
	return text.LayerTokens | text.LayerSentences | text.LayerPOS | text.LayerDeps | text.LayerMentions | text.LayerActors
}

// Provides implements pipeline.Stage.
func (r *Resolver) Provides() text.Layer { return text.LayerCoref }

// pronoun describes what a pronoun can refer to.
type pronoun struct {
	person, female, male bool // he/she: a person
	thing                bool // it: a state, organization, group
	plural               bool // they: a group, agents, several actors
	reflexive            bool
}

var pronouns = map[string]pronoun{
	"he": {person: true, male: true}, "him": {person: true, male: true}, "his": {person: true, male: true}, "himself": {person: true, male: true, reflexive: true},
	"she": {person: true, female: true}, "her": {person: true, female: true}, "hers": {person: true, female: true}, "herself": {person: true, female: true, reflexive: true},
	"it": {thing: true}, "its": {thing: true}, "itself": {thing: true, reflexive: true},
	"they": {plural: true}, "them": {plural: true}, "their": {plural: true}, "theirs": {plural: true}, "themselves": {plural: true, reflexive: true},
}

// Process adds pronoun mentions and links them.
func (r *Resolver) Process(d *text.Document) error {
	// Pronoun mentions, unresolved for now.
	var added []text.Mention
	for si, s := range d.Sentences {
		for t := s.First; t < s.End; t++ {
			tok := d.Tokens[t]
			if tok.UPOS != text.PRON && tok.UPOS != text.DET {
				continue
			}
			w := strings.ToLower(d.TokenText(t))
			if _, ok := pronouns[w]; !ok {
				continue
			}
			if tok.Dep == text.DepExpl || (w == "it" && expletive(d, t)) {
				continue
			}
			if covered(d, t) {
				continue
			}
			added = append(added, text.Mention{Span: tok.Span, First: t, End: t + 1, Head: t, Sentence: text.SentenceID(si),
				Label: "PRON", Antecedent: text.NoMention})
		}
	}
	if len(added) > 0 {
		d.Mentions = append(d.Mentions, added...)
		sort.SliceStable(d.Mentions, func(i, j int) bool { return d.Mentions[i].Start < d.Mentions[j].Start })
	}
	for i := range d.Mentions {
		m := &d.Mentions[i]
		if m.Label != "PRON" || m.Antecedent != text.NoMention {
			continue
		}
		p := pronouns[strings.ToLower(d.Slice(m.Span))]
		if a := r.antecedent(d, i, p); a != text.NoMention {
			m.Antecedent = a
			src := d.Mentions[a]
			m.Entry, m.Actor, m.Via = src.Entry, src.Actor, "pronoun"
		}
	}
	return nil
}

// covered reports whether token t is already inside a mention.
func covered(d *text.Document, t text.TokenID) bool {
	for _, m := range d.Mentions {
		if m.First <= t && t < m.End {
			return true
		}
	}
	return false
}

// expletive reports a non-referring "it": "it is important to", "it seems".
func expletive(d *text.Document, t text.TokenID) bool {
	h := d.Tokens[t].Head
	if !h.Valid() {
		return false
	}
	for k := h + 1; k < d.Sentences[d.Tokens[t].Sentence].End; k++ {
		if d.Tokens[k].Head == h {
			switch d.Tokens[k].Dep.Base() {
			case text.DepCComp, text.DepXComp, text.DepCSubj:
				if d.Tokens[h].UPOS == text.ADJ || d.Tokens[h].UPOS == text.AUX || strings.EqualFold(d.Tokens[h].Lemma, "be") ||
					strings.EqualFold(d.Tokens[h].Lemma, "seem") || strings.EqualFold(d.Tokens[h].Lemma, "appear") {
					return true
				}
			}
		}
	}
	return false
}

// antecedent ranks the candidate mentions before pronoun i and returns the
// best, or NoMention.
func (r *Resolver) antecedent(d *text.Document, i int, p pronoun) text.MentionID {
	m := d.Mentions[i]
	ps := m.Sentence
	best, bestScore := text.NoMention, 0.0
	for j := i - 1; j >= 0; j-- {
		c := d.Mentions[j]
		if c.Sentence < ps-text.SentenceID(r.Window) {
			break
		}
		if c.End > m.First {
			continue
		}
		actor, entry, kind := c.Actor, c.Entry, c.Actor.Kind
		if c.Label == "PRON" {
			// Chain through a resolved pronoun.
			if c.Antecedent == text.NoMention {
				continue
			}
			a := d.Mentions[c.Antecedent]
			actor, entry, kind = a.Actor, a.Entry, a.Actor.Kind
		}
		if actor.IsZero() {
			continue
		}
		fit := r.agree(d, c, p, kind, entry)
		if fit <= 0 {
			continue
		}
		score := fit
		dist := float64(ps - c.Sentence)
		score -= 1.2 * dist
		role := roleOf(d, c)
		switch {
		case role.Subject():
			score += 2
		case role.Base() == text.DepObj || role.Base() == text.DepIObj:
			score += 0.8
		case role == text.DepNModPoss:
			score += 0.5
		}
		if c.Sentence == ps {
			if sameClauseArgs(d, c, m) && !p.reflexive && m.Label == "PRON" && !possessive(d, m) {
				// "Putin praised him": a non-reflexive object pronoun
				// cannot be its own clause's subject.
				continue
			}
			if speakerOf(d, m) == c.Head {
				score += 3 // "X said it would …"
			}
		}
		// Recency within the window breaks ties.
		score += 0.001 * float64(j)
		if best == text.NoMention || score > bestScore {
			best, bestScore = text.MentionID(j), score
		}
	}
	if bestScore < 0 {
		return text.NoMention
	}
	return best
}

// agree scores how well candidate c fits pronoun p (0: not at all).
func (r *Resolver) agree(d *text.Document, c text.Mention, p pronoun, kind, entry string) float64 {
	plural := isPlural(d, c)
	person := kind == "person" || c.Label == "PER"
	gender := ""
	if r.genders != nil && entry != "" {
		gender = r.genders.Gender(entry)
	}
	switch {
	case p.person:
		if !person {
			// "her" for a country is old-fashioned but seen ("split her
			// from the West").
			if p.female && kind == "state" {
				return 0.5
			}
			return 0
		}
		if plural || (p.male && gender == "f") || (p.female && gender == "m") {
			return 0
		}
		if gender != "" {
			return 2
		}
		return 1
	case p.thing:
		if person || plural {
			return 0
		}
		switch kind {
		case "state", "igo", "organization", "group", "place":
			return 2
		}
		return 0.5
	case p.plural:
		if person && !plural {
			return 0
		}
		switch {
		case plural:
			return 2
		case kind == "group" || kind == "organization" || kind == "agent":
			return 1.5
		case kind == "state" || kind == "igo":
			return 1
		}
		return 0.5
	}
	return 0
}

// isPlural reports whether a mention's head is a plural noun or it is
// conjoined with another.
func isPlural(d *text.Document, c text.Mention) bool {
	h := c.Head
	if !h.Valid() {
		h = c.End - 1
	}
	x := d.Tokens[h].XPOS
	if x == "NNS" || x == "NNPS" {
		return true
	}
	for t := c.First; t < c.End; t++ {
		if d.Tokens[t].Dep == text.DepConj {
			return true
		}
	}
	return false
}

// roleOf returns the relation of a mention's phrase to its clause: the
// relation of its highest token.
func roleOf(d *text.Document, c text.Mention) text.DepRel {
	for t := c.First; t < c.End; t++ {
		h := d.Tokens[t].Head
		if !h.Valid() || h < c.First || h >= c.End {
			return d.Tokens[t].Dep
		}
	}
	return text.NoDep
}

// clauseHead returns the verb that a mention's phrase depends on.
func clauseHead(d *text.Document, c text.Mention) text.TokenID {
	for t := c.First; t < c.End; t++ {
		h := d.Tokens[t].Head
		if !h.Valid() || h < c.First || h >= c.End {
			return h
		}
	}
	return text.NoToken
}

// sameClauseArgs reports whether c and m are arguments of the same verb.
func sameClauseArgs(d *text.Document, c, m text.Mention) bool {
	a, b := clauseHead(d, c), clauseHead(d, m)
	return a.Valid() && a == b
}

// possessive reports whether m is a possessive pronoun ("his", "its").
func possessive(d *text.Document, m text.Mention) bool {
	return d.Tokens[m.First].Dep == text.DepNModPoss
}

// speakerOf returns the subject of the reporting verb whose complement
// holds mention m ("X said that it …"), or NoToken.
func speakerOf(d *text.Document, m text.Mention) text.TokenID {
	cur := clauseHead(d, m)
	for hops := 0; cur.Valid() && hops < 3; hops++ {
		dep := d.Tokens[cur].Dep.Base()
		h := d.Tokens[cur].Head
		if !h.Valid() {
			return text.NoToken
		}
		if dep == text.DepCComp || dep == text.DepParataxis || dep == text.DepXComp {
			for k := d.Sentences[d.Tokens[h].Sentence].First; k < d.Sentences[d.Tokens[h].Sentence].End; k++ {
				if d.Tokens[k].Head == h && d.Tokens[k].Dep.Subject() {
					return k
				}
			}
		}
		cur = h
	}
	return text.NoToken
}
