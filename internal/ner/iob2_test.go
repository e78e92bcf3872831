package ner

import (
	"bytes"
	"errors"
	"reflect"
	"strings"
	"testing"
)

const sampleIOB2 = "# newdoc id = d1\n" +
	"# sent_id = d1-1\n" +
	"# text = Maria Lopez flew to Lima .\n" +
	"1\tMaria\tB-PER\t-\tannotator\n" +
	"2\tLopez\tI-PER\t-\tannotator\n" +
	"3\tflew\tO\t-\t-\n" +
	"4\tto\tO\n" +
	"5\tLima\tB-LOC\n" +
	"6\t.\tO\n" +
	"\n" +
	"# sent_id = d1-2\r\n" +
	"1\tShe\tO\r\n" +
	"2\tjoined\tO\r\n" +
	"3\tOxfam\tB-ORG\r\n" +
	"\r\n"

func TestReadIOB2(t *testing.T) {
	got, err := ReadIOB2(strings.NewReader(sampleIOB2), "sample")
	if err != nil {
		t.Fatal(err)
	}
	want := []Sentence{
		{ID: "d1-1", Doc: "d1", Line: 4, Words: []string{"Maria", "Lopez", "flew", "to", "Lima", "."},
			Tags: []Tag{Begin(PER), Inside(PER), O, O, Begin(LOC), O}},
		{ID: "d1-2", Doc: "d1", Line: 12, Words: []string{"She", "joined", "Oxfam"}, Tags: []Tag{O, O, Begin(ORG)}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("ReadIOB2 =\n%+v\nwant\n%+v", got, want)
	}
}

func TestReadIOB2NoFinalBlank(t *testing.T) {
	got, err := ReadIOB2(strings.NewReader("1\tRome\tB-LOC"), "x")
	if err != nil || len(got) != 1 || got[0].Words[0] != "Rome" {
		t.Errorf("ReadIOB2 without a final blank line = %+v, %v", got, err)
	}
}

func TestReadIOB2Errors(t *testing.T) {
	for _, c := range []struct {
		name, in string
		line     int
		reason   string
	}{
		{"two columns", "1\tRome\n", 1, "3 tab-separated columns"},
		{"bad index", "1\tIn\tO\n3\tRome\tB-LOC\n", 2, "want 2"},
		{"index not a number", "x\tRome\tB-LOC\n", 1, "word index"},
		{"bad tag", "1\tRome\tB-GPE\n", 1, "GPE"},
		{"odd tag", "1\tRome\tU-LOC\n", 1, "bad tag"},
		{"empty word", "1\t\tO\n", 1, "empty word"},
	} {
		// A good sentence after the bad one is still read.
		in := c.in + "\n# sent_id = ok\n1\tOslo\tB-LOC\n\n"
		got, err := ReadIOB2(strings.NewReader(in), "f.iob2")
		var le *LineError
		if !errors.As(err, &le) {
			t.Errorf("%s: error %v, want a *LineError", c.name, err)
			continue
		}
		if le.File != "f.iob2" || le.Line != c.line || !strings.Contains(le.Reason, c.reason) {
			t.Errorf("%s: error %q, want line %d and %q", c.name, le, c.line, c.reason)
		}
		if len(got) != 1 || got[0].ID != "ok" {
			t.Errorf("%s: sentences %+v, want only the good one", c.name, got)
		}
	}
}

func TestReadIOB2ManyErrors(t *testing.T) {
	var b strings.Builder
	for range 50 {
		b.WriteString("1\tx\n\n")
	}
	_, err := ReadIOB2(strings.NewReader(b.String()), "f")
	if err == nil || !strings.Contains(err.Error(), "30 more bad lines") {
		t.Errorf("error %v, want the first 20 and a count of the rest", err)
	}
}

func TestWriteIOB2RoundTrip(t *testing.T) {
	sents, err := ReadIOB2(strings.NewReader(sampleIOB2), "sample")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteIOB2(&buf, sents); err != nil {
		t.Fatal(err)
	}
	again, err := ReadIOB2(&buf, "again")
	if err != nil {
		t.Fatal(err)
	}
	for i := range sents {
		sents[i].Line, again[i].Line = 0, 0
	}
	if !reflect.DeepEqual(again, sents) {
		t.Errorf("round trip = %+v, want %+v", again, sents)
	}
}

func FuzzReadIOB2(f *testing.F) {
	f.Add(sampleIOB2)
	f.Add("1\tRome\tB-LOC\n2\tx\tI-LOC\n\n1\ty\tI-PER")
	f.Add("# sent_id = a\n1\ta\tO\n1\tb\tO\n")
	f.Add("\t\t\t\n#\n1\t \tB-\n")
	f.Fuzz(func(t *testing.T, in string) {
		sents, _ := ReadIOB2(strings.NewReader(in), "fuzz")
		for _, s := range sents {
			if len(s.Words) == 0 || len(s.Words) != len(s.Tags) {
				t.Fatalf("sentence with %d words and %d tags", len(s.Words), len(s.Tags))
			}
			for _, e := range Spans(s.Tags) {
				if e.First < 0 || e.End > len(s.Words) || e.First >= e.End {
					t.Fatalf("bad span %+v in %d words", e, len(s.Words))
				}
			}
		}
	})
}
