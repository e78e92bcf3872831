package timex

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"annals/internal/text"
)

// testDoc builds a document with a minimal tokenizer of its own: runs of
// letters and digits (numbers keep inner "," and "."), every other
// character a token; a sentence ends after ".", "!" or "?" followed by a
// space and an upper-case letter, or at a line break.
func testDoc(src string, pub string) *text.Document {
	doc := text.New("t", src)
	if pub != "" {
		doc.Published, _ = time.Parse("2006-01-02", pub)
	}
	isAN := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }
	var toks []text.Span
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRuneInString(src[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		start := i
		if isAN(r) {
			for i < len(src) {
				r, n := utf8.DecodeRuneInString(src[i:])
				if isAN(r) {
					i += n
					continue
				}
				if (r == ',' || r == '.') && i > start && i+1 < len(src) && isDigitByte(src[i-1]) && isDigitByte(src[i+1]) {
					i++
					continue
				}
				break
			}
		} else {
			i += n
		}
		toks = append(toks, text.Span{Start: start, End: i})
	}
	sentStart := 0
	for i, t := range toks {
		doc.Tokens = append(doc.Tokens, text.Token{Span: t, Sentence: text.SentenceID(len(doc.Sentences)), Head: text.NoToken})
		end := i == len(toks)-1
		if !end {
			gap := src[t.End:toks[i+1].Start]
			next, _ := utf8.DecodeRuneInString(src[toks[i+1].Start:])
			tk := src[t.Start:t.End]
			end = strings.Contains(gap, "\n") || (tk == "." || tk == "!" || tk == "?") && gap != "" && unicode.IsUpper(next)
		}
		if end {
			doc.Sentences = append(doc.Sentences, text.Sentence{
				Span:  text.Span{Start: toks[sentStart].Start, End: t.End},
				First: text.TokenID(sentStart), End: text.TokenID(i + 1),
			})
			sentStart = i + 1
		}
	}
	doc.Mark(text.LayerTokens | text.LayerSentences)
	return doc
}

// render writes the expressions of doc as "span|value|precision|basis",
// joined by " ; ".
func render(doc *text.Document) string {
	var parts []string
	for _, x := range doc.Timexes {
		parts = append(parts, fmt.Sprintf("%s|%s|%s|%s", doc.Slice(x.Span), x.Value, x.Precision, x.Basis))
	}
	return strings.Join(parts, " ; ")
}

func tag(t testing.TB, src, pub string) *text.Document {
	t.Helper()
	doc := testDoc(src, pub)
	if err := New().Process(doc); err != nil {
		t.Fatalf("Process(%q): %v", src, err)
	}
	if err := doc.Check(); err != nil {
		t.Fatalf("Check after Process(%q): %v", src, err)
	}
	return doc
}

func unixDay(u int64) time.Time { return time.Unix(u, 0).UTC() }
