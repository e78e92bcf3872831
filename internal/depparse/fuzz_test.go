package depparse

import (
	"bytes"
	"strings"
	"testing"

	"annals/internal/perceptron"
	"annals/internal/text"
)

// toyModel returns the bytes of a small perceptron model over classes.
func toyModel(classes []string) []byte {
	tr := perceptron.NewTrainer(classes)
	for i := range 60 {
		tr.Tick()
		tr.Update([]uint64{perceptron.F1(1, uint64(i%len(classes))), perceptron.F1(3, uint64(i))}, i%len(classes), (i+2)%len(classes))
	}
	var buf bytes.Buffer
	tr.Model(0).Write(&buf)
	return buf.Bytes()
}

// FuzzRead builds a parser from fuzzed model bytes: it must not panic,
// its errors must say they are the parser's, and a parser it returns must
// parse sentences of any length into a head and a relation a word.
func FuzzRead(f *testing.F) {
	f.Add(toyModel([]string{"shift", "left root", "right root", "left nsubj", "right nsubj", "left obj", "right obj"}))
	f.Add(toyModel([]string{"shift", "left nsubj", "right nsubj"}))         // no root
	f.Add(toyModel([]string{"shift", "left root", "right obj"}))            // left and right differ
	f.Add(toyModel([]string{"left root", "right root", "shift"}))           // shift not first
	f.Add(toyModel([]string{"shift", "left nosuchrel", "right nosuchrel"})) // unknown relation
	f.Add(append([]byte{}, parserModel[:min(len(parserModel), 4096)]...))   // the real model, cut short
	f.Fuzz(func(t *testing.T, model []byte) {
		p, err := Read(bytes.NewReader(model))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "parser: ") {
				t.Fatalf("an error that does not say it is the parser's: %v", err)
			}
			return
		}
		for _, n := range []int{0, 1, 2, 7} {
			words, upos, xpos := make([]string, n), make([]text.POS, n), make([]string, n)
			for i := range n {
				words[i], upos[i], xpos[i] = []string{"Ships", "sail", "north", "."}[i%4], []text.POS{text.NOUN, text.VERB, text.ADV, text.PUNCT}[i%4], []string{"NNS", "VBP", "RB", "."}[i%4]
			}
			heads, rels, err := p.Parse(words, upos, xpos)
			if err != nil {
				t.Fatal(err)
			}
			if len(heads) != n || len(rels) != n {
				t.Fatalf("%d words: %d heads, %d relations", n, len(heads), len(rels))
			}
			for i, h := range heads {
				if h < -1 || h >= n || h == i {
					t.Fatalf("word %d of %d has head %d", i, n, h)
				}
			}
		}
	})
}

// TestToyParserReads checks that FuzzRead's first seed is a parser, so
// that the fuzzer parses with what it reads, and that the others are not.
func TestToyParserReads(t *testing.T) {
	if _, err := Read(bytes.NewReader(toyModel([]string{"shift", "left root", "right root", "left nsubj", "right nsubj"}))); err != nil {
		t.Fatal(err)
	}
	for _, cl := range [][]string{{"shift", "left nsubj", "right nsubj"}, {"shift", "left root", "right obj"}, {"left root", "right root", "shift"}} {
		if _, err := Read(bytes.NewReader(toyModel(cl))); err == nil {
			t.Errorf("classes %v read as a parser", cl)
		}
	}
}
