package ner

import (
	"sort"

	"annals/internal/text"
)

// Stage is the pipeline stage that writes the recognizer's entities as
// mentions: label "PER", "ORG" or "LOC", no actor (Via and Entry empty,
// the actor zero), no antecedent, and as head the syntactic head of the
// span when the document is parsed, else its last token. A later stage
// (the actor knowledge base) resolves them.
//
// Mentions already in the document are kept; an entity that overlaps one
// of them is not added.
type Stage struct {
	r *Recognizer
}

// NewStage returns a stage over r. The stage tags each sentence in the
// context of its document when r has a document model (see
// RecognizeDocument).
func NewStage(r *Recognizer) *Stage { return &Stage{r: r} }

// Name returns "entities".
func (s *Stage) Name() string { return "entities" }

// Requires returns the layers the stage reads: tokens and sentences.
func (s *Stage) Requires() text.Layer { return text.LayerTokens | text.LayerSentences }

// Provides returns the layer the stage writes: mentions.
func (s *Stage) Provides() text.Layer { return text.LayerMentions }

// Process finds the entities of doc and adds them to its mentions.
func (s *Stage) Process(doc *text.Document) error {
	if len(doc.Sentences) == 0 {
		doc.Mark(text.LayerMentions)
		return nil
	}
	var ents [][]Entity
	if s.r.HasDocumentModel() {
		sents := make([][]string, len(doc.Sentences))
		for si := range doc.Sentences {
			sents[si] = sentenceWords(doc, si, nil)
		}
		ents = s.r.RecognizeDocument(sents)
	} else {
		ents = make([][]Entity, len(doc.Sentences))
		var words []string // reused: Recognize keeps no reference to it
		for si := range doc.Sentences {
			words = sentenceWords(doc, si, words[:0])
			ents[si] = s.r.Recognize(words)
		}
	}
	had := doc.Has(text.LayerMentions) && len(doc.Mentions) > 0
	old := len(doc.Mentions)
	parsed := doc.Has(text.LayerDeps)
	for si, list := range ents {
		sent := doc.Sentences[si]
		for _, e := range list {
			first, end := sent.First+text.TokenID(e.First), sent.First+text.TokenID(e.End)
			if e.First < 0 || e.End <= e.First || end > sent.End {
				continue
			}
			m := text.Mention{
				Span:       text.Span{Start: doc.Tokens[first].Start, End: doc.Tokens[end-1].End},
				First:      first,
				End:        end,
				Head:       end - 1,
				Sentence:   text.SentenceID(si),
				Label:      text.MentionLabel(e.Label.String()),
				Antecedent: text.NoMention,
			}
			if parsed {
				m.Head = spanHead(doc, first, end)
			}
			if had && overlapsAny(doc.Mentions[:old], m.Span) {
				continue
			}
			doc.Mentions = append(doc.Mentions, m)
		}
	}
	if had {
		sort.SliceStable(doc.Mentions, func(i, j int) bool { return doc.Mentions[i].Start < doc.Mentions[j].Start })
	}
	doc.Mark(text.LayerMentions)
	return nil
}

// sentenceWords appends the words of sentence si to words, or returns
// words empty when the sentence's token range is broken (Check reports it;
// the other sentences are still tagged).
func sentenceWords(doc *text.Document, si int, words []string) []string {
	sent := doc.Sentences[si]
	if sent.First < 0 || sent.End < sent.First || int(sent.End) > len(doc.Tokens) {
		return words[:0]
	}
	for t := sent.First; t < sent.End; t++ {
		words = append(words, doc.TokenText(t))
	}
	return words
}

// spanHead returns the syntactic head of tokens [first, end): the last
// token whose head lies outside the span (the root counts as outside),
// or end-1 when the tree gives none.
func spanHead(doc *text.Document, first, end text.TokenID) text.TokenID {
	for t := end - 1; t >= first; t-- {
		h := doc.Tokens[t].Head
		if h < first || h >= end {
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
