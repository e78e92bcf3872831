package actor

import "testing"

// BenchmarkBuiltinKB builds the knowledge base from the embedded tables,
// as every command that codes text does once.
func BenchmarkBuiltinKB(b *testing.B) {
	for b.Loop() {
		if _, err := builtinKB(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKeyIndex builds the built-in gazetteer's key index, as the
// first match of every command that codes text does.
func BenchmarkKeyIndex(b *testing.B) {
	kb, err := builtinKB()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		kb.gaz.cache.idx.Store(nil)
		kb.gaz.index()
	}
}
