package postag

import (
	"bytes"
	"regexp"
	"strings"
	"testing"

	"annals/internal/perceptron"
)

// toyModel returns the bytes of a small perceptron model over classes.
func toyModel(classes []string) []byte {
	tr := perceptron.NewTrainer(classes)
	for i := range 50 {
		tr.Tick()
		tr.Update([]uint64{perceptron.F1(1, uint64(i%len(classes))), perceptron.F1(2, uint64(i))}, i%len(classes), (i+1)%len(classes))
	}
	var buf bytes.Buffer
	tr.Model(0).Write(&buf)
	return buf.Bytes()
}

var lineErr = regexp.MustCompile(`line [0-9]+: `)

// FuzzRead builds a tagger from fuzzed model bytes, tag dictionary,
// lexicon and lemmatizer: it must not panic, a table's error must name
// its line, and a tagger it returns must tag and lemmatize.
func FuzzRead(f *testing.F) {
	good := toyModel([]string{"NOUN NN", "VERB VBZ", "DET DT", "PUNCT ."})
	dict := "the\tDET DT\n# comment\n\n.\tPUNCT .\n"
	lex := "dog\tNOUN NN|VERB VBZ\nbarks\tVERB VBZ\n"
	lem := "r\tVBZ\ts\t1\t\nw\twent\tVBD\tgo\nk\tbark\n"
	f.Add(good, dict, lex, lem)
	f.Add(good, "the\tDET\n", lex, lem)                       // a class not in the model
	f.Add(good, dict, "dog\n", lem)                           // no classes
	f.Add(good, dict, lex, "r\tVBZ\ts\t-1\t\n")               // a negative cut
	f.Add(good, dict, lex, "q\tx\n")                          // an unknown row
	f.Add(good[:len(good)/2], dict, lex, lem)                 // a model cut short
	f.Add(toyModel([]string{"NOUN", "VERB"}), dict, lex, lem) // classes not "UPOS XPOS"
	f.Add(append([]byte{}, taggerModel[:min(len(taggerModel), 4096)]...), string(tagDict[:min(len(tagDict), 2000)]),
		string(lexiconModel[:min(len(lexiconModel), 2000)]), string(lemmaModel[:min(len(lemmaModel), 2000)]))
	f.Fuzz(func(t *testing.T, model []byte, dict, lex, lem string) {
		tg, err := Read(Files{Model: bytes.NewReader(model), Dict: strings.NewReader(dict), Lexicon: strings.NewReader(lex), Lemmas: strings.NewReader(lem)})
		if err != nil {
			msg := err.Error()
			if (strings.Contains(msg, "dictionary") || strings.Contains(msg, "lexicon line") || strings.Contains(msg, "lemmatizer")) && !lineErr.MatchString(msg) {
				t.Fatalf("a table's error without its line: %v", err)
			}
			if !strings.HasPrefix(msg, "tagger: ") {
				t.Fatalf("an error that does not say it is the tagger's: %v", err)
			}
			return
		}
		for _, words := range [][]string{{"The", "dog", "barks", "."}, {}, {"", "went", "\xff"}} {
			tags := tg.Tag(words)
			if len(tags) != len(words) {
				t.Fatalf("%d tags for %d words", len(tags), len(words))
			}
		}
		tg.Lemmatizer().Lemma("barks", "VBZ")
		tg.Lemmatizer().Lemma("", "")
	})
}

// FuzzReadLemmatizer reads fuzzed lemmatizer tables: no panic, errors
// name the line, and a table read back lemmatizes.
func FuzzReadLemmatizer(f *testing.F) {
	f.Add(string(lemmaModel[:min(len(lemmaModel), 3000)]))
	f.Add("r\tNNS\tes\t2\t\nr\tNNS\ts\t1\t\nw\tmice\tNNS\tmouse\n")
	f.Add("r\tNNS\ts\tx\t\n")
	f.Add("w\ta\n\tb\n")
	f.Add("r\tVBN\ted\t99\te\n")
	f.Fuzz(func(t *testing.T, in string) {
		l, err := ReadLemmatizer(strings.NewReader(in))
		if err != nil {
			if !lineErr.MatchString(err.Error()) {
				t.Fatalf("error without its line: %v", err)
			}
			return
		}
		for _, w := range []string{"cats", "ed", "", "s", "mice"} {
			for _, x := range []string{"NNS", "VBN", "VBD", ""} {
				l.Lemma(w, x)
			}
		}
	})
}

// TestToyTaggerReads checks that FuzzRead's first seed is a tagger, so
// that the fuzzer tags with what it reads.
func TestToyTaggerReads(t *testing.T) {
	_, err := Read(Files{Model: bytes.NewReader(toyModel([]string{"NOUN NN", "VERB VBZ", "DET DT", "PUNCT ."})),
		Dict: strings.NewReader("the\tDET DT\n"), Lexicon: strings.NewReader("dog\tNOUN NN\n"), Lemmas: strings.NewReader("k\tdog\n")})
	if err != nil {
		t.Fatal(err)
	}
}
