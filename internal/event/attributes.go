package event

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"

	"annals/internal/text"
)

//go:embed data/cues.tsv
var defaultCues []byte

// Cue is a word or phrase that sets an attribute of the events it governs.
type Cue struct {
	Words []string
	Kind  string // negation, modality, certainty, report
	Value string
}

// Cues is a set of attribute cues indexed by first word.
type Cues struct {
	byFirst map[string][]Cue
}

var (
	cuesOnce sync.Once
	cuesDef  *Cues
	cuesErr  error
)

// DefaultCues returns the embedded cue table.
func DefaultCues() (*Cues, error) {
	cuesOnce.Do(func() { cuesDef, cuesErr = LoadCues(bytes.NewReader(defaultCues), "cues.tsv") })
	return cuesDef, cuesErr
}

// LoadCues reads a cue table (format at the top of data/cues.tsv).
func LoadCues(r io.Reader, file string) (*Cues, error) {
	c := &Cues{byFirst: map[string][]Cue{}}
	err := readTable(r, file, 3, func(f []string) error {
		switch f[1] {
		case "negation", "certainty", "report", "denial", "allegation", "modality", "control", "stative", "naming":
		default:
			return fmt.Errorf("unknown kind %q", f[1])
		}
		if f[1] == "modality" {
			if _, err := text.ParseModality(f[2]); err != nil {
				return err
			}
		}
		if f[1] == "certainty" {
			if _, err := text.ParseCertainty(f[2]); err != nil {
				return err
			}
		}
		w := strings.Fields(f[0])
		if len(w) == 0 {
			return fmt.Errorf("empty cue")
		}
		c.byFirst[w[0]] = append(c.byFirst[w[0]], Cue{Words: w, Kind: f[1], Value: f[2]})
		return nil
	})
	if err != nil {
		return c, fmt.Errorf("cues: %w", err)
	}
	return c, nil
}

// at returns the cues of a kind that start at token t and match the
// following tokens, longest first, with the token after the phrase.
func (c *Cues) at(s *sentenceView, t text.TokenID, kind string) (Cue, text.TokenID, bool) {
	var best Cue
	bestEnd := text.NoToken
	for _, key := range []string{s.lemma(t), s.form(t)} {
		for _, cue := range c.byFirst[key] {
			if cue.Kind != kind || len(cue.Words) <= len(best.Words) {
				continue
			}
			k := t + 1
			ok := true
			for _, w := range cue.Words[1:] {
				// Adverbs may stand between the words of a cue: "should
				// probably not have gone".
				for skip := 0; skip < 2 && k < s.end && s.lemma(k) != w && s.form(k) != w && (s.doc.Tokens[k].UPOS == text.ADV || s.doc.Tokens[k].UPOS == text.PART && s.form(k) != "to"); skip++ {
					k++
				}
				if k >= s.end || (s.lemma(k) != w && s.form(k) != w) {
					ok = false
					break
				}
				k++
			}
			if ok {
				best, bestEnd = cue, k
			}
		}
	}
	return best, bestEnd, bestEnd != text.NoToken
}

// attributes sets polarity, modality, certainty and attribution of ev,
// triggered at t, with their evidence.
func (s *sentenceView) attributes(ev *text.Event, t text.TokenID) {
	cues := s.cues
	if cues == nil {
		return
	}
	// The clause of the trigger: its own dependents and those of the verbs
	// it is an xcomp of (modal and negation scope climbs "failed to meet").
	scope := s.scope(t)
	evidence := func(field text.EvidenceField, from, to text.TokenID, rule string) {
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: field,
			Span: text.Span{Start: s.doc.Tokens[from].Start, End: s.doc.Tokens[to-1].End}, Rule: rule})
	}
	setModality := func(m text.Modality) bool {
		// Stronger readings win: counterfactual > hypothetical > conditional > future > intended.
		rank := map[text.Modality]int{text.Actual: 0, text.Intended: 1, text.Future: 2, text.Conditional: 3, text.Hypothetical: 4, text.Counterfactual: 5}
		if rank[m] > rank[ev.Modality] {
			ev.Modality = m
			return true
		}
		return false
	}
	for _, k := range scope {
		for _, kind := range []string{"negation", "modality", "certainty"} {
			cue, end, ok := cues.at(s, k, kind)
			if !ok || k == t {
				continue
			}
			rule := "cue/" + kind + ":" + strings.Join(cue.Words, " ")
			switch kind {
			case "negation":
				// Negation scopes over its own head only: "not
				// surprisingly, X did Y" does not deny Y.
				if h := s.head(k); h.Valid() && s.dep(h).Base() == text.DepAdvMod && s.tree {
					continue
				}
				if ev.Polarity != text.Negated {
					ev.Polarity = text.Negated
					evidence(text.FieldPolarity, k, end, rule)
				}
			case "modality":
				m, _ := text.ParseModality(cue.Value)
				if setModality(m) {
					evidence(text.FieldModality, k, end, rule)
				}
			case "certainty":
				c, _ := text.ParseCertainty(cue.Value)
				if ev.Certainty == text.Certain && c != text.Certain {
					ev.Certainty = c
					evidence(text.FieldCertainty, k, end, rule)
				}
			}
		}
	}
	if k, ok := s.negativePhrase(t); ok && ev.Polarity != text.Negated {
		ev.Polarity = text.Negated
		evidence(text.FieldPolarity, k, k+1, "negation: \""+s.form(k)+"\" on the event's noun phrase")
	}
	// "should not have gone": the negation is the modal's (he went, and
	// should not have), so the event stays asserted.
	if ev.Modality == text.Counterfactual && ev.Polarity == text.Negated {
		var mod, neg text.Span
		for _, e := range ev.Evidence {
			switch e.Field {
			case "modality":
				mod = e.Span
			case "polarity":
				neg = e.Span
			}
		}
		if mod.Start <= neg.Start && neg.End <= mod.End {
			ev.Polarity = text.Asserted
			ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldPolarity, Span: neg, Rule: "cue/negation inside a counterfactual modal: the event happened"})
		}
	}
	// "… would be decided by arms if the talks failed": a condition
	// clause of the trigger.
	if s.tree {
		for _, k := range s.kids(t) {
			if b := s.dep(k).Base(); b != text.DepAdvCl && b != text.DepConj {
				continue // (a clause marked "if" is a condition however attached)
			}
			marks := s.kids(k)
			for _, c := range s.kids(k) {
				if s.dep(c).Base() == text.DepNSubj || s.dep(c) == text.DepNSubjPass {
					marks = append(marks[:len(marks):len(marks)], s.kids(c)...) // a marker misattached to the subject
				}
			}
			for _, m := range marks {
				if s.dep(m) == text.DepMark && (s.form(m) == "if" || s.form(m) == "unless") && m < k && (setModality(text.Conditional) || ev.Modality == text.Conditional) {
					evidence(text.FieldModality, m, m+1, "cue/modality:"+s.form(m)+" (condition clause)")
				}
			}
		}
	}
	s.attribution(ev, t, cues, evidence)
	// "would" in reported speech is the future of the report, not a
	// condition: "they said they would meet".
	if ev.Modality == text.Conditional && !ev.Attribution.Author {
		would, condition := false, false
		for _, e := range ev.Evidence {
			if e.Field == text.FieldModality {
				would = would || e.Rule == "cue/modality:would"
				condition = condition || strings.HasSuffix(e.Rule, "(condition clause)")
			}
		}
		if would && !condition {
			ev.Modality = text.Future
		}
	}
}

// negativePhrase finds the word that denies an event named by a noun
// phrase: the determiner "no" ("reached no agreement", "no talks were
// held") or the preposition "without" ("ended without a deal"), on the
// nominal trigger at t or on the object of the verbal one, or its passive
// subject when that names an event ("no talks were held"; the thing done;
// "no one was hurt in the attack" denies the harm, not the attack, and is
// left to the other cues).
func (s *sentenceView) negativePhrase(t text.TokenID) (text.TokenID, bool) {
	if !s.tree {
		return 0, false
	}
	nps := []text.TokenID{t}
	if s.doc.Tokens[t].UPOS == text.VERB {
		nps = nps[:0]
		for _, k := range s.kids(t) {
			if s.dep(k) == text.DepObj || (s.dep(k) == text.DepNSubjPass && s.trigger[k-s.first]) {
				nps = append(nps, k)
			}
		}
	}
	for _, n := range nps {
		if !s.doc.Tokens[n].UPOS.Nominal() {
			continue
		}
		for _, k := range s.kids(n) {
			switch {
			case s.dep(k) == text.DepDet && s.form(k) == "no":
				return k, true
			case s.dep(k) == text.DepCase && s.form(k) == "without" && n == t && s.head(n) < n:
				// After its verb ("ended without a deal"); fronted, it
				// is a condition ("Without their support, the war would
				// have ended").
				return k, true
			}
		}
	}
	return 0, false
}

// scope returns the tokens whose cues bear on the event at t: with a tree,
// the children of t and of the verbs above it through xcomp/ccomp-free
// chains (aux, advmod, mark, and the governing verb itself); without one, the
// four tokens before t and the one after it.
func (s *sentenceView) scope(t text.TokenID) []text.TokenID {
	var out []text.TokenID
	if !s.tree {
		for k := max(s.first, t-4); k < t; k++ {
			out = append(out, k)
		}
		if t+1 < s.end {
			out = append(out, t+1)
		}
		return out
	}
	cur := t
	for hops := 0; hops < 4; hops++ {
		for _, k := range s.kids(cur) {
			switch s.dep(k).Base() {
			case text.DepAux, text.DepAdvMod, text.DepMark, text.DepCop, text.DepFixed:
				out = append(out, k)
				for _, g := range s.kids(k) {
					if s.dep(g).Base() == text.DepAdvMod || s.dep(g).Base() == text.DepFixed {
						out = append(out, g)
					}
				}
			case text.DepAdvCl:
				// "if ..." marks a conditional only on the clause it heads.
			}
		}
		h := s.head(cur)
		if !h.Valid() {
			break
		}
		switch s.dep(cur).Base() {
		case text.DepXComp:
			out = append(out, h)
			cur = h
			continue
		case text.DepACL, text.DepCComp, text.DepCSubj:
			// "was most likely carried out", "it is possible that …": a
			// certainty predicate over the event's clause.
			if cues := s.cues; cues != nil {
				if _, _, ok := cues.at(s, h, "certainty"); ok {
					out = append(out, h)
					for _, k := range s.kids(h) {
						if s.dep(k).Base() == text.DepAdvMod {
							out = append(out, k)
						}
					}
				}
			}
		}
		break
	}
	// Sort by position so phrase cues ("very likely", "should have") read in order.
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

// attribution finds who asserts the event: the subject of a reporting verb
// that governs it (ccomp "X said that …", parataxis "…, X said"), or the
// object of "according to".
func (s *sentenceView) attribution(ev *text.Event, t text.TokenID, cues *Cues, evidence func(text.EvidenceField, text.TokenID, text.TokenID, string)) {
	d := s.doc
	speakerOf := func(verb text.TokenID) (text.TokenID, bool) {
		for _, k := range s.kids(verb) {
			if s.dep(k).Base() == text.DepNSubj {
				return k, true
			}
		}
		return text.NoToken, false
	}
	set := func(speaker, cue text.TokenID, cueEnd text.TokenID, rule string) {
		a := s.single(speaker)
		ev.Attribution = text.Attribution{Span: a.Span, Speaker: a.Actor,
			Cue: text.Span{Start: d.Tokens[cue].Start, End: d.Tokens[cueEnd-1].End}}
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldAttribution, Span: a.Span, Rule: rule})
		evidence(text.FieldAttribution, cue, cueEnd, rule)
	}
	if !s.tree {
		return
	}
	// Climb from the trigger: a reporting verb above it whose complement
	// contains it.
	cur := t
	for hops := 0; hops < 6; hops++ {
		// "…, officials said": parataxis child of the clause head.
		for _, k := range s.kids(cur) {
			if s.dep(k) == text.DepParataxis {
				if _, _, ok := cues.at(s, k, "report"); ok {
					if sp, ok := speakerOf(k); ok {
						set(sp, k, k+1, "attribution/parataxis:"+s.lemma(k))
						return
					}
				}
			}
			// "according to X": obl with fixed "according to"; "as X explained".
			if s.dep(k).Base() == text.DepObl || s.dep(k).Base() == text.DepNMod {
				for _, c := range s.kids(k) {
					if s.dep(c) == text.DepCase && s.lemma(c) == "accord" || s.form(c) == "according" {
						set(s.accordingTo(k), c, c+1, "attribution/according-to")
						return
					}
				}
			}
			if s.dep(k).Base() == text.DepAdvCl {
				if _, _, ok := cues.at(s, k, "report"); ok {
					for _, m := range s.kids(k) {
						if s.dep(m) == text.DepMark && s.form(m) == "as" {
							if sp, ok := speakerOf(k); ok {
								set(sp, k, k+1, "attribution/as-X-said:"+s.lemma(k))
								return
							}
						}
					}
				}
			}
		}
		h := s.head(cur)
		if !h.Valid() {
			break
		}
		switch s.dep(cur).Base() {
		case text.DepCComp, text.DepParataxis:
			if _, _, ok := cues.at(s, h, "report"); ok {
				if sp, ok := speakerOf(h); ok {
					set(sp, h, h+1, "attribution/complement:"+s.lemma(h))
					return
				}
			}
		case text.DepXComp, text.DepConj, text.DepAdvCl, text.DepACL, text.DepObl, text.DepNMod:
		default:
			hops = 6
			continue
		}
		cur = h
	}
	// "meanwhile, according to what the minister has said, the
	// rebels were trying to …": an "according to" phrase the tree does
	// not put above the trigger still governs what follows it in the
	// sentence.
	for c := s.first; c < t; c++ {
		if s.form(c) != "according" || c+1 >= s.end || s.form(c+1) != "to" {
			continue
		}
		k := s.head(c)
		if !k.Valid() || k == c || k > t {
			continue
		}
		set(s.accordingTo(k), c, c+2, "attribution/according-to (phrase before the event)")
		return
	}
}

// accordingTo returns the speaker of an "according to" phrase headed by
// k: k itself ("according to officials"), or the subject of the clause of
// a free relative ("according to what the minister has said").
func (s *sentenceView) accordingTo(k text.TokenID) text.TokenID {
	if w := s.form(k); w != "what" && w != "which" {
		return k
	}
	var clauses []text.TokenID
	for _, c := range s.kids(k) {
		if s.dep(c).Base() == text.DepACL {
			clauses = append(clauses, c) // "what [the minister has said]"
		}
	}
	if cues := s.cues; cues != nil {
		if v := s.head(k); v.Valid() {
			if _, _, ok := cues.at(s, v, "report"); ok {
				clauses = append(clauses, v) // "what" as the claim's object
			}
		}
	}
	for _, v := range clauses {
		for _, c := range s.kids(v) {
			if s.dep(c).Base() == text.DepNSubj {
				return c
			}
		}
	}
	return k
}
