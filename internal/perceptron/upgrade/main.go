// Command upgrade rewrites perceptron model files in the current format
// (perceptron.Model.Write), keeping their weights: the format written by
// the "annals train" commands that made them. Files already in the
// current format are written back unchanged. It is deterministic: the
// same weights always give the same bytes.
//
//	go run ./internal/perceptron/upgrade FILE...
package main

import (
	"bytes"
	"fmt"
	"os"

	"annals/internal/perceptron"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/perceptron/upgrade FILE...")
		os.Exit(2)
	}
	failed := false
	for _, path := range os.Args[1:] {
		if err := upgrade(path); err != nil {
			fmt.Fprintf(os.Stderr, "upgrade: %s: %v\n", path, err)
			failed = true
		}
	}
	if failed {
		os.Exit(1)
	}
}

func upgrade(path string) error {
	old, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	m, err := perceptron.Parse(old)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.Write(&buf); err != nil {
		return err
	}
	// the new file must hold the same model
	again, err := perceptron.Parse(buf.Bytes())
	if err != nil {
		return fmt.Errorf("reading back: %w", err)
	}
	if again.NumFeatures() != m.NumFeatures() || again.NumWeights() != m.NumWeights() {
		return fmt.Errorf("read back %d features and %d weights, wrote %d and %d", again.NumFeatures(), again.NumWeights(), m.NumFeatures(), m.NumWeights())
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, buf.Bytes(), 0o644); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	fmt.Printf("%s: %d bytes, was %d; %d features, %d weights\n", path, buf.Len(), len(old), m.NumFeatures(), m.NumWeights())
	return nil
}
