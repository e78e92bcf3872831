package event

import "testing"

// BenchmarkDefaultLexicon measures parsing the embedded trigger table,
// which every coder does once when it is built.
func BenchmarkDefaultLexicon(b *testing.B) {
	for b.Loop() {
		if _, err := DefaultLexicon(); err != nil {
			b.Fatal(err)
		}
	}
}
