package conllu

import (
	"fmt"
	"strconv"
	"strings"

	"annals/internal/text"
)

// Document returns a text.Document over the syntactic words of sents,
// for running stages on a treebank's own trees: its text is the forms,
// one space between words and a line break between sentences; each word
// is a token with the file's LEMMA, UPOS, XPOS, HEAD and DEPREL, and the
// tokens, sentences, POS, lemma and dependency layers are marked.
// Multi-word token lines and empty nodes are left out. A sentence with a
// column that cannot be read is an error naming id (the file) and the
// sentence's line.
func Document(id string, sents []*Sentence) (*text.Document, error) {
	var b strings.Builder
	var toks []text.Token
	var ss []text.Sentence
	for si, s := range sents {
		if si > 0 {
			b.WriteByte('\n')
		}
		first := text.TokenID(len(toks))
		for n, i := range s.Words() {
			l := &s.Lines[i]
			if n > 0 {
				b.WriteByte(' ')
			}
			start := b.Len()
			b.WriteString(strings.Map(func(r rune) rune {
				if r == ' ' || r == '\n' {
					return '_'
				}
				return r
			}, l.Form))
			upos, err := text.ParsePOS(l.UPOS)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: word %d: %w", id, s.Line, l.ID, err)
			}
			dep, err := text.ParseDepRel(l.Deprel)
			if err != nil {
				return nil, fmt.Errorf("%s:%d: word %d: %w", id, s.Line, l.ID, err)
			}
			if l.Head == NoHead {
				return nil, fmt.Errorf("%s:%d: word %d: no head", id, s.Line, l.ID)
			}
			if l.Head > len(s.Words()) {
				return nil, fmt.Errorf("%s:%d: word %d: head %d out of range", id, s.Line, l.ID, l.Head)
			}
			head := text.NoToken
			if l.Head > 0 {
				head = first + text.TokenID(l.Head-1)
			}
			lemma := l.Lemma
			if lemma == "_" && l.Form != "_" {
				lemma = ""
			}
			toks = append(toks, text.Token{
				Span: text.Span{Start: start, End: b.Len()}, Sentence: text.SentenceID(si),
				UPOS: upos, XPOS: l.XPOS, Lemma: lemma, Head: head, Dep: dep,
			})
		}
		end := text.TokenID(len(toks))
		if end == first {
			return nil, fmt.Errorf("%s:%d: sentence without words", id, s.Line)
		}
		ss = append(ss, text.Sentence{
			Span:  text.Span{Start: toks[first].Start, End: toks[end-1].End},
			First: first, End: end,
		})
	}
	doc := text.New(id, b.String())
	doc.Tokens, doc.Sentences = toks, ss
	doc.Mark(text.LayerTokens | text.LayerSentences | text.LayerPOS | text.LayerLemmas | text.LayerDeps)
	return doc, nil
}

// Deps returns the DEPS column of token t: the enhanced arcs into it in
// doc.Graph as "head:label", ordered by head (0 for the root, else the
// head's 1-based number in the sentence), joined by "|"; "_" when there
// are none.
func Deps(doc *text.Document, t text.TokenID) string {
	arcs := doc.HeadArcs(t)
	if len(arcs) == 0 {
		return "_"
	}
	first := doc.Sentences[doc.Tokens[t].Sentence].First
	var b strings.Builder
	for i, a := range arcs { // sorted by head; NoToken (the root) first
		if i > 0 {
			b.WriteByte('|')
		}
		h := 0
		if a.Head.Valid() {
			h = int(a.Head-first) + 1
		}
		b.WriteString(strconv.Itoa(h))
		b.WriteByte(':')
		b.WriteString(doc.ArcLabel(a))
	}
	return b.String()
}
