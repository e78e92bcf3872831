package event

import (
	"strings"
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
	tree        bool
	hasMentions bool
}

func newSentenceView(d *text.Document) *sentenceView {
	return &sentenceView{doc: d, tree: d.Has(text.LayerDeps), hasMentions: d.Has(text.LayerMentions)}
}

func (s *sentenceView) reset(id text.SentenceID) {
	sent := s.doc.Sentences[id]
	s.id, s.first, s.end = id, sent.First, sent.End
	n := int(s.end - s.first)
	s.children = s.children[:0]
	s.mentionOf = s.mentionOf[:0]
	for range n {
		s.children = append(s.children, nil)
		s.mentionOf = append(s.mentionOf, text.NoMention)
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
				if t >= s.first && t < s.end && s.mentionOf[t-s.first] == text.NoMention {
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
// follow within two tokens ("shot it down", "called on"), or, with a tree,
// be a child of the trigger. It returns the last token of the phrase.
func (s *sentenceView) phraseEnd(t text.TokenID, e *Entry) (text.TokenID, bool) {
	last := t
	for _, w := range e.Words[1:] {
		found := text.NoToken
		for k := last + 1; k < s.end && k <= last+3; k++ {
			if matchesWord(w, s.lemma(k), s.form(k)) {
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

// hasObject reports whether the trigger's object (tree) or one of the next
// few words (no tree) has a lemma in objs.
func (s *sentenceView) hasObject(t, last text.TokenID, objs map[string]bool) bool {
	check := func(k text.TokenID) bool {
		l := s.lemma(k)
		if objs[l] || objs[strings.TrimSuffix(l, "s")] {
			return true
		}
		f := s.form(k)
		return objs[f] || objs[strings.TrimSuffix(f, "s")]
	}
	if s.tree {
		for _, k := range s.kids(t) {
			switch s.doc.Tokens[k].Dep.Base() {
			case text.DepObj, text.DepObl, text.DepNMod, text.DepIObj, text.DepXComp, text.DepNSubj:
				if check(k) {
					return true
				}
				for _, g := range s.kids(k) {
					if s.doc.Tokens[g].Dep.Base() == text.DepCompound && check(g) {
						return true
					}
				}
			}
		}
	}
	for k := last + 1; k < s.end && k <= last+6; k++ {
		if check(k) {
			return true
		}
	}
	return false
}

// capitalized reports whether the token starts with an upper-case letter.
func (s *sentenceView) capitalized(t text.TokenID) bool {
	r, _ := utf8.DecodeRuneInString(s.doc.TokenText(t))
	return unicode.IsUpper(r)
}
