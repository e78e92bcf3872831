package textenc

import (
	"testing"
	"unicode/utf16"
)

func utf16le(s string) []byte {
	b := []byte{0xff, 0xfe}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u), byte(u>>8))
	}
	return b
}

func utf16be(s string) []byte {
	b := []byte{0xfe, 0xff}
	for _, u := range utf16.Encode([]rune(s)) {
		b = append(b, byte(u>>8), byte(u))
	}
	return b
}

func TestDecode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want string
		enc  Encoding
		err  bool
	}{
		{"plain ASCII", []byte("Envoys met in Geneva."), "Envoys met in Geneva.", UTF8, false},
		{"UTF-8 with accents", []byte("Le ministre a rencontré Müller à Zürich."), "Le ministre a rencontré Müller à Zürich.", UTF8, false},
		{"UTF-8 BOM dropped", append([]byte{0xef, 0xbb, 0xbf}, "Talks resumed."...), "Talks resumed.", UTF8, false},
		{"UTF-16LE BOM", utf16le("Sanctions on Iran — “again”."), "Sanctions on Iran — “again”.", UTF16LE, false},
		{"UTF-16BE BOM", utf16be("São Paulo protests."), "São Paulo protests.", UTF16BE, false},
		{"Latin-1 accents", []byte("Caf\xe9 owners in M\xe1laga protested."), "Café owners in Málaga protested.", Windows1252, false},
		{"Windows-1252 quotes", []byte("He said \x93no\x94 \x96 twice."), "He said “no” – twice.", Windows1252, false},
		{"binary", []byte{0x00, 0x01, 0xff, 0x00}, "", Windows1252, true},
		{"UTF-16 odd length", append(utf16le("ab"), 'c'), "", UTF16LE, true},
		{"bad UTF-8 after BOM", []byte{0xef, 0xbb, 0xbf, 'a', 0xff}, "", UTF8, true},
	}
	for _, tt := range tests {
		got, enc, err := Decode(tt.in)
		if (err != nil) != tt.err || got != tt.want || enc != tt.enc {
			t.Errorf("%s: Decode = %q, %v, %v; want %q, %v, error %v", tt.name, got, enc, err, tt.want, tt.enc, tt.err)
		}
	}
}
