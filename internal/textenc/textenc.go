// Package textenc decodes plain text files to UTF-8: UTF-8 as it is (a
// byte-order mark dropped), UTF-16 by its byte-order mark, anything else
// as Windows-1252, the superset of Latin-1 that Western European text
// files not in UTF-8 are almost always written in (the fallback the HTML
// standard uses too). The decoders are golang.org/x/text's.
package textenc

import (
	"bytes"
	"fmt"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
)

// Encoding is the encoding a text was found to be in.
type Encoding uint8

// The encodings Decode tells apart.
const (
	UTF8 Encoding = iota
	UTF16LE
	UTF16BE
	Windows1252
)

var names = [...]string{UTF8: "UTF-8", UTF16LE: "UTF-16LE", UTF16BE: "UTF-16BE", Windows1252: "Windows-1252 (Latin-1)"}

func (e Encoding) String() string {
	if int(e) < len(names) {
		return names[e]
	}
	return fmt.Sprintf("Encoding(%d)", uint8(e))
}

// Decode returns b as UTF-8 text and the encoding it was read in. Byte
// offsets into the result are offsets into the UTF-8 text, not into b
// (they differ unless the encoding is UTF8). A UTF-16 text whose bytes do
// not decode is an error; Windows-1252 decodes any bytes, but a text with
// NUL bytes is taken for binary and refused.
func Decode(b []byte) (string, Encoding, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xef, 0xbb, 0xbf}):
		b = b[3:]
		if !utf8.Valid(b) {
			return "", UTF8, fmt.Errorf("UTF-8 byte-order mark, but not UTF-8 text (first bad byte at offset %d)", 3+firstInvalid(b))
		}
		return string(b), UTF8, nil
	case bytes.HasPrefix(b, []byte{0xff, 0xfe}):
		return decode16(b, unicode.LittleEndian, UTF16LE)
	case bytes.HasPrefix(b, []byte{0xfe, 0xff}):
		return decode16(b, unicode.BigEndian, UTF16BE)
	case utf8.Valid(b):
		return string(b), UTF8, nil
	}
	if bytes.IndexByte(b, 0) >= 0 {
		return "", Windows1252, fmt.Errorf("not text: NUL bytes and no UTF-16 byte-order mark (first bad UTF-8 byte at offset %d)", firstInvalid(b))
	}
	s, err := charmap.Windows1252.NewDecoder().Bytes(b)
	if err != nil {
		return "", Windows1252, fmt.Errorf("decoding as Windows-1252: %w", err)
	}
	return string(s), Windows1252, nil
}

func decode16(b []byte, order unicode.Endianness, enc Encoding) (string, Encoding, error) {
	if len(b)%2 != 0 {
		return "", enc, fmt.Errorf("%v byte-order mark, but an odd number of bytes (%d)", enc, len(b))
	}
	d := unicode.UTF16(order, unicode.ExpectBOM).NewDecoder()
	s, err := d.Bytes(b)
	if err != nil {
		return "", enc, fmt.Errorf("decoding %v: %w", enc, err)
	}
	if !utf8.Valid(s) || bytes.ContainsRune(s, utf8.RuneError) {
		return "", enc, fmt.Errorf("%v byte-order mark, but not %v text", enc, enc)
	}
	return string(s), enc, nil
}

// firstInvalid is the offset of the first byte of b that is not UTF-8.
func firstInvalid(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return -1
}
