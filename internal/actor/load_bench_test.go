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
