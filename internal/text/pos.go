package text

import "fmt"

// POS is a Universal Dependencies part-of-speech tag (UPOS).
type POS uint8

// The 17 UPOS tags; NoPOS is the zero value ("not tagged").
const (
	NoPOS POS = iota
	ADJ
	ADP
	ADV
	AUX
	CCONJ
	DET
	INTJ
	NOUN
	NUM
	PART
	PRON
	PROPN
	PUNCT
	SCONJ
	SYM
	VERB
	X
	numPOS
)

var posNames = [...]string{"_", "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN", "PUNCT", "SCONJ", "SYM", "VERB", "X"}

// NumPOS is the number of POS values, including NoPOS.
const NumPOS = int(numPOS)

func (p POS) String() string {
	if int(p) < len(posNames) {
		return posNames[p]
	}
	return fmt.Sprintf("POS(%d)", uint8(p))
}

// ParsePOS returns the UPOS tag named s ("_" is NoPOS).
func ParsePOS(s string) (POS, error) {
	for i, n := range posNames {
		if n == s {
			return POS(i), nil
		}
	}
	return NoPOS, fmt.Errorf("unknown UPOS tag %q", s)
}

// Nominal reports whether p heads a noun phrase (NOUN, PROPN, PRON, NUM).
func (p POS) Nominal() bool { return p == NOUN || p == PROPN || p == PRON || p == NUM }
