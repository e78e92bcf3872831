package postag

import (
	"io"
	"strings"
	"unsafe"
)

// readText returns all of r as one string. The table readers keep
// substrings of it as their keys and values: one allocation for a whole
// table instead of one or more for every line.
func readText(r io.Reader) (string, error) {
	var b []byte
	if l, ok := r.(interface{ Len() int }); ok {
		b = make([]byte, 0, l.Len()+1) // the +1 lets ReadAll see the end without growing
	}
	for {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return "", err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
	// b is never written again
	return unsafe.String(unsafe.SliceData(b), len(b)), nil
}

// eachLine calls f with each line of s and its number (from 1), without
// its line ending ("\n" or "\r\n"), as bufio.Scanner gives them, until f
// returns an error.
func eachLine(s string, f func(n int, line string) error) error {
	for n := 1; s != ""; n++ {
		line, rest, _ := strings.Cut(s, "\n")
		s = rest
		if err := f(n, strings.TrimSuffix(line, "\r")); err != nil {
			return err
		}
	}
	return nil
}
