package lexgen

import (
	"bytes"
	_ "embed"
)

//go:embed data/supplement.tsv
var supplementTSV []byte

// Supplement returns the embedded hand supplement (data/supplement.tsv).
func Supplement() ([]Row, error) {
	return ParseSupplement(bytes.NewReader(supplementTSV), "supplement.tsv")
}
