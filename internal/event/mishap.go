package event

//go:generate sh -c "go run ./mkmishaps > data/mishaps.tsv"

import (
	"bytes"
	_ "embed"
	"strings"
	"sync"

	"annals/internal/plover"
	"annals/internal/text"
)

// mishapNouns are the nouns that name harm without an agent (floods,
// storms, diseases, accidents, fires), derived from WordNet by mkmishaps.
//
//go:embed data/mishaps.tsv
var mishapTable []byte

var (
	mishapOnce sync.Once
	mishaps    map[string]bool
	mishapErr  error
)

// mishapSet returns the embedded mishap nouns, read once.
func mishapSet() (map[string]bool, error) {
	mishapOnce.Do(func() {
		mishaps = map[string]bool{}
		mishapErr = readTable(bytes.NewReader(mishapTable), "mishaps.tsv", 3, func(f []string) error {
			mishaps[f[0]] = true
			return nil
		})
		if mishapErr == nil {
			_, mishapErr = senseSet() // the sense rules' words, checked with these
		}
	})
	return mishaps, mishapErr
}

// agentlessHarm reports whether the verb at t harms by a mishap rather
// than by anyone's hand: its subject or agent is a mishap noun ("the
// storm injured three"), or it has no agent and an oblique names a mishap
// ("two were killed in the flood", "died in a crash"), or a clause of
// its tells of one ("were killed when their bus overturned in a flood",
// "when the bridge collapsed"). Such harm is no ASSAULT: an assault needs
// an assailant, even an unnamed one ("killed in an airstrike" names an
// attack, not a mishap). byDoer tells that the mishap is the verb's own
// subject or its head's, whatever the verb's object.
func (s *sentenceView) agentlessHarm(t text.TokenID) (found, byDoer bool) {
	if !s.tree || len(mishaps) == 0 {
		return false, false
	}
	d := s.doc
	subject := false
	for _, k := range s.kids(t) {
		dep := d.Tokens[k].Dep
		switch {
		case dep == text.DepNSubj || dep == text.DepCSubj || dep == text.DepOblAgent:
			if !s.mishap(k) {
				return false, false // someone did it
			}
			found, subject, byDoer = true, true, true
		case dep == text.DepNSubjPass:
			subject = true
		case dep.Base() == text.DepObl:
			if s.mishap(k) && s.causeCase(k) {
				found = true
			}
		case dep.Base() == text.DepAdvCl:
			if s.mishapClause(k) {
				found = true
			}
		}
	}
	if !subject && !found {
		// A verb without a subject of its own shares its head's: "a
		// landslide buried the village, killing 17"; "the storm flooded
		// towns and killed nine"; "a train derailed, injuring dozens"; or
		// tells what its head noun did: "a
		// landslide triggered by rains, killing 17".
		h := d.Tokens[t].Head
		if h < s.first || h >= s.end || h == t {
			return false, false
		}
		switch d.Tokens[t].Dep.Base() {
		case text.DepAdvCl, text.DepConj, text.DepXComp:
			for _, k := range s.kids(h) {
				if dep := d.Tokens[k].Dep; dep == text.DepNSubj || dep == text.DepOblAgent {
					// the head's subject is a mishap, or the head tells
					// of one ("a ferry capsized, killing 41")
					m := s.mishap(k) || s.mishapClause(h)
					return m, m
				}
			}
		case text.DepACL:
			m := d.Tokens[h].UPOS == text.NOUN && s.mishap(h)
			return m, m
		}
	}
	return found, byDoer
}

// mishapClause reports whether the adverbial clause at v tells of a
// mishap that no one did: its subject is a mishap ("when the storm
// struck"), or its subject is a thing, no actor, and its verb or an
// oblique of it names a mishap ("when their jet crashed", "when the bus
// overturned in a flood"; not "when troops fired").
func (s *sentenceView) mishapClause(v text.TokenID) bool {
	d := s.doc
	if d.Tokens[v].UPOS != text.VERB {
		return false
	}
	byThing := false
	for _, k := range s.kids(v) {
		switch d.Tokens[k].Dep {
		case text.DepNSubj, text.DepOblAgent:
			if s.mishap(k) {
				return true
			}
			if d.Tokens[k].UPOS == text.PRON || s.codedActor(k) || s.trigger[k-s.first] {
				return false
			}
			byThing = true
		case text.DepNSubjPass:
			return false // "when the convoy was hit"
		}
	}
	if !byThing {
		return false
	}
	if s.mishapVerb(v) {
		return true
	}
	for _, k := range s.kids(v) {
		if d.Tokens[k].Dep.Base() == text.DepObl && s.mishap(k) && s.causeCase(k) {
			return true // "when their bus overturned in a flood"
		}
	}
	return false
}

// mishapVerb reports whether the verb at v names a mishap by itself or
// by its noun form ("crash", "capsize" → "capsizing", "derail" →
// "derailment").
func (s *sentenceView) mishapVerb(v text.TokenID) bool {
	l := s.lemma(v)
	return mishaps[l] || mishaps[l+"ing"] || mishaps[strings.TrimSuffix(l, "e")+"ing"] || mishaps[l+"ment"]
}

// codedActor reports whether the word at k is part of a mention of a
// coded actor.
func (s *sentenceView) codedActor(k text.TokenID) bool {
	if !s.hasMentions {
		return false
	}
	m := s.mentionOf[k-s.first]
	return m.Valid() && !s.doc.Mentions[m].Actor.IsZero()
}

// mishap reports whether the noun at k, a compound modifier of it, or
// the two together name a mishap ("the flood", "a cholera outbreak", "a
// heat wave").
func (s *sentenceView) mishap(k text.TokenID) bool {
	if m := s.mentionOf[k-s.first]; m.Valid() && !s.doc.Mentions[m].Actor.IsZero() {
		return false // "security forces" is an actor, whatever WordNet says of "force"
	}
	if mishaps[s.lemma(k)] || mishaps[s.form(k)] {
		return true
	}
	for _, g := range s.kids(k) {
		if s.doc.Tokens[g].Dep.Base() != text.DepCompound {
			continue
		}
		if mishaps[s.lemma(g)] || mishaps[s.form(g)] || mishaps[s.form(g)+" "+s.lemma(k)] {
			return true // "a cholera outbreak", "a heat wave"
		}
	}
	return false
}

// causeCase reports whether the oblique k is introduced by a preposition
// that can name a cause or circumstance ("in", "by", "during", ...).
func (s *sentenceView) causeCase(k text.TokenID) bool {
	for _, g := range s.kids(k) {
		if s.doc.Tokens[g].Dep.Base() != text.DepCase {
			continue
		}
		switch s.lemma(g) {
		case "in", "by", "during", "from", "after", "amid", "of":
			return true
		}
	}
	return false
}

// harmByMishap reports whether candidate cd is an assault verb whose harm
// came from a mishap (see agentlessHarm).
func (s *sentenceView) harmByMishap(cd *candidate) bool {
	e := cd.entry()
	if e.Type != plover.ASSAULT || e.Noun {
		return false
	}
	found, byDoer := s.agentlessHarm(cd.tok)
	return found && (byDoer || !cd.objOK[cd.primary])
}
