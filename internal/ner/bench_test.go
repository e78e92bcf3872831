package ner

import (
	"bytes"
	"testing"

	"annals/internal/shared"
)

// BenchmarkRecognize tags sentences written for this benchmark, reporting
// words per second.
func BenchmarkRecognize(b *testing.B) {
	r, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	sents := [][]string{
		words("Angela Merkel met Emmanuel Macron in Paris on Tuesday to discuss the budget ."),
		words("Officials in Manila denied the report , according to a spokesman for the ministry ."),
		words("i met jorge in denver yesterday and we talked about the game"),
		words("The Red Harbor Trust paid for the new bridge in Tromso after years of delay ."),
	}
	n := 0
	for _, s := range sents {
		n += len(s)
	}
	b.ResetTimer()
	for range b.N {
		for _, s := range sents {
			r.Recognize(s)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkRecognizeUNERTest tags the UNER English EWT test sentences.
func BenchmarkRecognizeUNERTest(b *testing.B) {
	p := shared.Require(b, "data/uner_english_ewt/en_ewt-ud-test.iob2")
	gold := readFixture(b, p)
	r, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for _, s := range gold {
		n += len(s.Words)
	}
	b.ResetTimer()
	for range b.N {
		for _, s := range gold {
			r.Recognize(s.Words)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "words/s")
}

// BenchmarkReadModel reads the embedded model, as the first Load does.
func BenchmarkReadModel(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ReadModel(bytes.NewReader(embeddedModel)); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRecognizeEvicted tags the UNER test sentences with the caches
// emptied before each one (a pass over 64 MB, untimed), as in the whole
// pipeline, where the parser's model pushes the recognizer's tables out
// of the cache between sentences.
func BenchmarkRecognizeEvicted(b *testing.B) {
	p := shared.Require(b, "data/uner_english_ewt/en_ewt-ud-test.iob2")
	gold := readFixture(b, p)
	r, err := Load()
	if err != nil {
		b.Fatal(err)
	}
	gold = gold[:500]
	n := 0
	for _, s := range gold {
		n += len(s.Words)
	}
	junk := make([]uint64, 64<<20/8)
	var sink uint64
	b.ResetTimer()
	for range b.N {
		for _, s := range gold {
			b.StopTimer()
			for i := 0; i < len(junk); i += 8 {
				junk[i]++
				sink += junk[i]
			}
			b.StartTimer()
			r.Recognize(s.Words)
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "words/s")
	if sink == 1 {
		b.Log(sink)
	}
}
