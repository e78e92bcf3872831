package event

//go:generate sh -c "go run ./mkmishaps > data/mishaps.tsv"

import (
	"bytes"
	_ "embed"
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
	})
	return mishaps, mishapErr
}

// agentlessHarm reports whether the verb at t harms by a mishap rather
// than by anyone's hand: its subject or agent is a mishap noun ("the
// storm injured three"), or it has no agent and an oblique names a mishap
// ("two were killed in the flood", "died in a crash"). Such harm is no
// ASSAULT: an assault needs an assailant, even an unnamed one ("killed in
// an airstrike" names an attack, not a mishap).
func (s *sentenceView) agentlessHarm(t text.TokenID) bool {
	if !s.tree || len(mishaps) == 0 {
		return false
	}
	d := s.doc
	found, subject := false, false
	for _, k := range s.kids(t) {
		dep := d.Tokens[k].Dep
		switch {
		case dep == text.DepNSubj || dep == text.DepCSubj || dep == text.DepOblAgent:
			if !s.mishap(k) {
				return false // someone did it
			}
			found, subject = true, true
		case dep == text.DepNSubjPass:
			subject = true
		case dep.Base() == text.DepObl:
			if s.mishap(k) && s.causeCase(k) {
				found = true
			}
		}
	}
	if !subject && !found {
		// A verb without a subject of its own shares its head's: "a
		// landslide buried the village, killing 17"; "the storm flooded
		// towns and killed nine".
		switch d.Tokens[t].Dep.Base() {
		case text.DepAdvCl, text.DepConj, text.DepXComp:
			if h := d.Tokens[t].Head; h >= s.first && h < s.end && h != t {
				for _, k := range s.kids(h) {
					if dep := d.Tokens[k].Dep; dep == text.DepNSubj || dep == text.DepOblAgent {
						return s.mishap(k)
					}
				}
			}
		}
	}
	return found
}

// mishap reports whether the noun at k, or a compound modifier of it,
// names a mishap ("the flood", "a cholera outbreak").
func (s *sentenceView) mishap(k text.TokenID) bool {
	if m := s.mentionOf[k-s.first]; m.Valid() && !s.doc.Mentions[m].Actor.IsZero() {
		return false // "security forces" is an actor, whatever WordNet says of "force"
	}
	if mishaps[s.lemma(k)] || mishaps[s.form(k)] {
		return true
	}
	for _, g := range s.kids(k) {
		if s.doc.Tokens[g].Dep.Base() == text.DepCompound && (mishaps[s.lemma(g)] || mishaps[s.form(g)]) {
			return true
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
	return e.Type == plover.ASSAULT && !e.Noun && !cd.objOK[cd.primary] && s.agentlessHarm(cd.tok)
}
