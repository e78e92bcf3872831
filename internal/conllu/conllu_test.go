package conllu

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"

	"annals/internal/shared"
)

func TestRoundTrip(t *testing.T) {
	data, err := os.ReadFile("testdata/small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	sents, err := ReadAll(bytes.NewReader(data), "small.conllu")
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2 {
		t.Fatalf("got %d sentences, want 2", len(sents))
	}
	s := sents[0]
	if got := len(s.Words()); got != 7 {
		t.Errorf("words = %d, want 7", got)
	}
	kinds := []Kind{}
	for _, l := range s.Lines {
		kinds = append(kinds, l.Kind)
	}
	wantKinds := []Kind{Word, Word, MultiWord, Word, Word, Word, Empty, Word, Word}
	if !reflect.DeepEqual(kinds, wantKinds) {
		t.Errorf("kinds = %v, want %v", kinds, wantKinds)
	}
	if txt := s.Text(); txt != "The mayor didn't sign it." {
		t.Errorf("Text = %q", txt)
	}
	if id, _ := s.Comment("sent_id"); id != "t1" {
		t.Errorf("sent_id = %q", id)
	}
	if s.Lines[2].IDString() != "3-4" || s.Lines[6].IDString() != "5.1" || s.Lines[6].Head != NoHead {
		t.Errorf("ids: %q %q head %d", s.Lines[2].IDString(), s.Lines[6].IDString(), s.Lines[6].Head)
	}
	if sents[1].Line != 13 {
		t.Errorf("second sentence starts at line %d, want 13", sents[1].Line)
	}
	var out bytes.Buffer
	for _, s := range sents {
		if err := Write(&out, s); err != nil {
			t.Fatal(err)
		}
	}
	if out.String() != string(data) {
		t.Errorf("round trip differs:\n%s\nwant\n%s", out.String(), data)
	}
}

func TestTextWithoutComment(t *testing.T) {
	in := "1\tRain\t_\t_\t_\t_\t2\t_\t_\t_\n2\tfell\t_\t_\t_\t_\t0\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t2\t_\t_\t_\n"
	s, err := NewReader(strings.NewReader(in), "").Read()
	if err != nil {
		t.Fatal(err)
	}
	if got := s.Text(); got != "Rain fell." {
		t.Errorf("Text = %q", got)
	}
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct{ in, msg string }{
		{"1\tA\t_\t_\t_\t_\t0\t_\t_\n", "line 1: 9 tab-separated columns"},
		{"1\tA\t_\t_\t_\t_\tx\t_\t_\t_\n", "line 1: bad number"},
		{"2\tA\t_\t_\t_\t_\t0\t_\t_\t_\n", "line 1: word ID 2 follows word 0"},
		{"1\tA\t_\t_\t_\t_\t0\t_\t_\t_\n# late\n", "line 2: comment after"},
		{"0\tA\t_\t_\t_\t_\t0\t_\t_\t_\n", "must be positive"},
		{"1\t\t_\t_\t_\t_\t0\t_\t_\t_\n", "column 2 is empty"},
		{"1-x\tA\t_\t_\t_\t_\t_\t_\t_\t_\n", "bad number"},
	} {
		_, err := ReadAll(strings.NewReader(tc.in), "")
		if err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%q: error %v, want %q", tc.in, err, tc.msg)
		}
	}
}

func TestGoesOnAfterBadSentence(t *testing.T) {
	in := "1\tA\t_\t_\t_\t_\t0\t_\t_\n\n1\tB\t_\t_\t_\t_\t0\troot\t_\t_\n\n"
	sents, err := ReadAll(strings.NewReader(in), "f.conllu")
	var ce *Error
	if !errors.As(err, &ce) || ce.Line != 1 || ce.File != "f.conllu" {
		t.Fatalf("error %v, want one at f.conllu line 1", err)
	}
	if len(sents) != 1 || sents[0].Lines[0].Form != "B" || sents[0].Line != 3 {
		t.Fatalf("got %d sentences, want the good one at line 3", len(sents))
	}
}

// TestEWT reads the whole EWT training file: every sentence must read and
// write back byte for byte.
func TestEWT(t *testing.T) {
	p := shared.Require(t, "data/ud_english_ewt/en_ewt-ud-dev.conllu")
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	sents, err := ReadAll(bytes.NewReader(data), p)
	if err != nil {
		t.Fatal(err)
	}
	if len(sents) != 2001 {
		t.Errorf("%d sentences, want 2001", len(sents))
	}
	var out bytes.Buffer
	for _, s := range sents {
		Write(&out, s)
	}
	if !bytes.Equal(out.Bytes(), data) {
		t.Errorf("EWT dev does not round-trip")
	}
}

func FuzzRead(f *testing.F) {
	if data, err := os.ReadFile("testdata/small.conllu"); err == nil {
		f.Add(string(data))
	}
	f.Add("1\tA\t_\t_\t_\t_\t0\t_\t_\t_\n")
	f.Add("# c\n1-2\tAB\t_\t_\t_\t_\t_\t_\t_\t_\n1\tA\t_\t_\t_\t_\t0\t_\t_\t_\n1.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, _ := ReadAll(strings.NewReader(in), "fuzz")
		var out bytes.Buffer
		for _, s := range sents {
			if err := Write(&out, s); err != nil {
				t.Fatal(err)
			}
		}
		again, err := ReadAll(bytes.NewReader(out.Bytes()), "again")
		if err != nil {
			t.Fatalf("written output does not read back: %v\n%q", err, out.String())
		}
		if len(again) != len(sents) {
			t.Fatalf("%d sentences read back, want %d", len(again), len(sents))
		}
		for i := range sents {
			a, b := *sents[i], *again[i]
			a.Line, b.Line = 0, 0
			if !reflect.DeepEqual(a, b) {
				t.Fatalf("sentence %d differs after a round trip:\n%+v\n%+v", i, a, b)
			}
		}
	})
}
