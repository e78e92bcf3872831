package event

import (
	"strings"

	"annals/internal/text"
)

// candidate is a trigger the lexicon proposes at a token: the entries its
// words could be, and for each whether the entry's object list fits. The
// object lists are evidence for the classifier, not a filter.
type candidate struct {
	tok, last text.TokenID
	entries   []*Entry // every entry whose words and part of speech fit, lexicon order
	objOK     []bool   // by entry: its object list (if any) fits the sentence
	primary   int      // the entry the lexicon alone would choose
	pattern   bool     // the chosen entry is a verb dictionary pattern's
}

// entry returns the entry the lexicon alone would choose.
func (c *candidate) entry() *Entry { return c.entries[c.primary] }

// candidateAt returns every lexicon entry that can start at token t, with
// the one the lexicon alone would choose: the first (longest phrase,
// constrained before open) whose object list fits, else the first. The
// entries kept span the same words as that one.
func (c *Coder) candidateAt(s *sentenceView, t text.TokenID, cd *candidate) bool {
	d := s.doc
	tok := d.Tokens[t]
	lemma, form := s.lemma(t), strings.ToLower(d.TokenText(t))
	var entries []*Entry
	hyphen := false
	if j, ok := s.hyphenated(t); ok {
		// "sit-in", "cease-fire": the tokenizer splits a hyphenated word
		// in three; its entry is found at the last part, which carries the
		// word's relations. The tagger's guess for a part ("in" as an
		// adverb) says little of the whole word's.
		entries = c.lex.Candidates(s.lemma(j)+"-"+lemma, s.form(j)+"-"+form)
		hyphen = len(entries) > 0
	}
	if !hyphen {
		if d.Has(text.LayerPOS) {
			switch tok.UPOS {
			case text.VERB, text.NOUN, text.PROPN, text.ADJ:
			default:
				return false
			}
		}
		entries = c.lex.Candidates(lemma, form)
	}
	if s.inName(t) {
		return false // "Rapid Support Forces" names a group
	}
	cd.entries, cd.objOK, cd.primary, cd.pattern = cd.entries[:0], cd.objOK[:0], -1, false
	cd.tok, cd.last = t, t
	var lasts []text.TokenID
	for _, e := range entries {
		if d.Has(text.LayerPOS) && !hyphen && !posFits(s, t, e) {
			continue
		}
		last, ok := s.phraseEnd(t, e)
		if !ok {
			continue
		}
		if e.rule != nil { // a verb dictionary's patterns (patterns.go)
			pe, ok := s.matchRule(e.rule, t, last)
			if !ok {
				continue
			}
			if pe == nil {
				return false // a pattern that says no event
			}
			cd.entries = append(cd.entries, pe)
			cd.objOK = append(cd.objOK, pe.Objects != nil)
			lasts = append(lasts, last)
			if cd.primary < 0 {
				cd.primary, cd.pattern = len(cd.entries)-1, true
			}
			continue
		}
		fits := e.Objects == nil || s.hasObject(t, last, e.Objects)
		if e.Objects["@actor"] && s.smallClause(t) {
			fits = false // "to see Putin accepting …" is perception, not a visit
		}
		cd.entries = append(cd.entries, e)
		cd.objOK = append(cd.objOK, fits && e.Objects != nil)
		lasts = append(lasts, last)
		if cd.primary < 0 && fits {
			cd.primary = len(cd.entries) - 1
		}
	}
	if len(cd.entries) == 0 {
		return false
	}
	if cd.primary < 0 {
		cd.primary = 0
	}
	if p := cd.entries[cd.primary]; p.rule == nil && p.Objects == nil && len(p.Words) > 1 && int(lasts[cd.primary]-t)+1 > len(p.Words) {
		// "fired rockets at": a phrase open to any object, whose words
		// the verb's object splits, gives way to an entry of the same type
		// whose object list the sentence fits (the more specific mode and
		// code).
		for i, e := range cd.entries {
			if i != cd.primary && e.Type == p.Type && cd.objOK[i] {
				cd.primary = i
				break
			}
		}
	}
	cd.last = lasts[cd.primary]
	// Keep the entries over the same words as the chosen one: a longer
	// phrase that did not match is another trigger, not another sense.
	n := 0
	for i, e := range cd.entries {
		if lasts[i] != cd.last && len(e.Words) != len(cd.entry().Words) {
			continue
		}
		if i == cd.primary {
			cd.primary = n
		}
		cd.entries[n], cd.objOK[n] = e, cd.objOK[i]
		n++
	}
	cd.entries, cd.objOK = cd.entries[:n], cd.objOK[:n]
	s.applySense(cd)
	if e, ok := c.meetSense(s, cd); !ok {
		return false // "met the deadline": no event
	} else if e != cd.entry() {
		cd.entries[cd.primary], cd.objOK[cd.primary] = e, false // a copy: the lexicon's entry is untouched
	}
	if !cd.pattern && (s.harmByMishap(cd) || s.offSense(cd)) {
		return false // "killed in the flood": no assailant, no event; sense.go
	}
	return true
}

// hyphenated returns the first part j of a hyphenated word whose last
// part is t ("sit" of "sit - in").
func (s *sentenceView) hyphenated(t text.TokenID) (text.TokenID, bool) {
	j := t - 2
	if j < s.first || s.form(t-1) != "-" {
		return 0, false
	}
	d := s.doc
	if d.Tokens[t-1].Start != d.Tokens[j].End || d.Tokens[t].Start != d.Tokens[t-1].End {
		return 0, false // "x - y" with spaces is no word
	}
	return j, true
}

// triggerSpan is the text of a trigger from t to last, from the first part
// of a hyphenated word when e is one ("sit-in", not "in").
func (s *sentenceView) triggerSpan(t, last text.TokenID, e *Entry) text.Span {
	d := s.doc
	sp := text.Span{Start: d.Tokens[t].Start, End: d.Tokens[last].End}
	if strings.Contains(e.Words[0], "-") {
		if j, ok := s.hyphenated(t); ok {
			sp.Start = d.Tokens[j].Start
		}
	}
	return sp
}

// lexiconFits reports whether the lexicon alone, with object lists as
// filters, would code the candidate (the coder without a classifier).
func (cd *candidate) lexiconFits() bool {
	e := cd.entry()
	return e.Objects == nil || cd.objOK[cd.primary]
}
