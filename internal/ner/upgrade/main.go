// Command upgrade rewrites NER model files in the current format (the one
// "annals train ner" writes), keeping their weights as they are: the
// quantized weights a file holds are written again, not recomputed. It
// is deterministic: the same model always gives the same bytes.
//
//	go run ./internal/ner/upgrade OLD NEW
package main

import (
	"bytes"
	"fmt"
	"os"

	"annals/internal/ner"
)

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/ner/upgrade OLD NEW")
		os.Exit(2)
	}
	if err := upgrade(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintf(os.Stderr, "upgrade: %v\n", err)
		os.Exit(1)
	}
}

func upgrade(from, to string) error {
	r, err := ner.LoadFile(from)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := r.WriteModel(&buf); err != nil {
		return err
	}
	if _, err := ner.ReadModel(bytes.NewReader(buf.Bytes())); err != nil {
		return fmt.Errorf("reading back: %w", err)
	}
	if err := os.WriteFile(to, buf.Bytes(), 0o644); err != nil {
		return err
	}
	fmt.Printf("%s: %d bytes from %s\n", to, buf.Len(), from)
	return nil
}
