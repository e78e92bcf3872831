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
