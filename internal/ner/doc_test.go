package ner

import (
	"reflect"
	"testing"
)

func TestDocContext(t *testing.T) {
	sents := [][]string{
		{"Miramar", "is", "nice", "."},
		{"I", "like", "Miramar", "and", "miramar", "beach"},
	}
	tg := [][]Tag{
		{Begin(LOC), O, O, O},
		{O, O, O, O, Begin(PER), O},
	}
	ctx := docContext(sents, tg)
	bit := func(ts ...Tag) uint64 {
		var m uint64
		for _, t := range ts {
			m |= 1 << t
		}
		return m
	}
	want := [][]uint64{
		{bit(O, Begin(PER)), 0, 0, 0},                                 // the other two "miramar"s; "." is no word
		{0, 0, bit(Begin(LOC), Begin(PER)), 0, bit(Begin(LOC), O), 0}, // "I" is one letter
	}
	if !reflect.DeepEqual(ctx, want) {
		t.Errorf("docContext = %v, want %v", ctx, want)
	}
}

func TestDocuments(t *testing.T) {
	sents := []Sentence{{Doc: "a"}, {Doc: "a"}, {Doc: "b"}, {}, {}, {Doc: "a"}}
	want := [][2]int{{0, 2}, {2, 3}, {3, 4}, {4, 5}, {5, 6}}
	if got := Documents(sents); !reflect.DeepEqual(got, want) {
		t.Errorf("Documents = %v, want %v", got, want)
	}
}

func TestRecognizeDocument(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	doc := [][]string{
		words("Maria Gonzalez opened a bakery in Porto last year ."),
		words("Gonzalez says the bakery is busy every morning ."),
		nil,
		words("Porto has many bakeries ."),
	}
	got := r.RecognizeDocument(doc)
	if len(got) != len(doc) {
		t.Fatalf("%d sentences of entities for %d sentences", len(got), len(doc))
	}
	for i, ents := range got {
		for _, e := range ents {
			if e.First < 0 || e.End > len(doc[i]) || e.First >= e.End {
				t.Errorf("sentence %d: bad entity %+v", i, e)
			}
		}
	}
	if !has(got[0], 0, 2, PER) || !has(got[0], 6, 7, LOC) {
		t.Errorf("sentence 0: %v; want Maria Gonzalez (PER) and Porto (LOC)", got[0])
	}
	if !has(got[1], 0, 1, PER) {
		t.Errorf("sentence 1: %v; want Gonzalez (PER)", got[1])
	}
	if len(r.RecognizeDocument(nil)) != 0 {
		t.Error("entities for an empty document")
	}
}
