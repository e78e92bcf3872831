// Package ner recognizes named entity mentions (people, organizations and
// places) in a sentence of words. It is a structured averaged perceptron over
// BIO tags with Viterbi decoding, trained on Universal NER English EWT; the
// model is embedded in the binary and loaded once by Load.
//
// The package also holds what training and evaluation need: an IOB2 reader,
// span extraction from BIO tags, CoNLL-style span scoring and the trainer.
package ner

import "fmt"

// Label is the type of an entity.
type Label uint8

// The entity labels of Universal NER.
const (
	PER Label = iota // a person
	ORG              // an organization
	LOC              // a location, including countries and other polities
	numLabels
)

var labelNames = [numLabels]string{"PER", "ORG", "LOC"}

// String returns the label's name ("PER", "ORG", "LOC").
func (l Label) String() string {
	if l < numLabels {
		return labelNames[l]
	}
	return fmt.Sprintf("Label(%d)", uint8(l))
}

// ParseLabel returns the label named s.
func ParseLabel(s string) (Label, error) {
	for i, n := range labelNames {
		if n == s {
			return Label(i), nil
		}
	}
	return 0, fmt.Errorf("unknown entity label %q (want PER, ORG or LOC)", s)
}

// Entity is a recognized mention: the words [First, End) of the sentence
// given to Recognize, and its label.
type Entity struct {
	First, End int
	Label      Label
}

// Tag is a BIO tag: O, or B- or I- followed by a label.
type Tag uint8

// O is the tag of a word outside any entity. The other tags are made by
// Begin and Inside.
const O Tag = 0

// numTags is the number of distinct tags: O, then B- and I- for each label.
const numTags = 1 + 2*int(numLabels)

// Begin returns the tag B-l.
func Begin(l Label) Tag { return Tag(1 + 2*int(l)) }

// Inside returns the tag I-l.
func Inside(l Label) Tag { return Tag(2 + 2*int(l)) }

// IsBegin reports whether t is a B- tag.
func (t Tag) IsBegin() bool { return t != O && t%2 == 1 }

// IsInside reports whether t is an I- tag.
func (t Tag) IsInside() bool { return t != O && t%2 == 0 }

// Label returns the label of a B- or I- tag (meaningless for O).
func (t Tag) Label() Label { return Label((int(t) - 1) / 2) }

// String returns the tag in IOB2 notation ("O", "B-PER", "I-LOC").
func (t Tag) String() string {
	switch {
	case t == O:
		return "O"
	case int(t) >= numTags:
		return fmt.Sprintf("Tag(%d)", uint8(t))
	case t.IsBegin():
		return "B-" + t.Label().String()
	}
	return "I-" + t.Label().String()
}

// ParseTag returns the tag written s in IOB2 notation.
func ParseTag(s string) (Tag, error) {
	if s == "O" {
		return O, nil
	}
	if len(s) > 2 && s[1] == '-' && (s[0] == 'B' || s[0] == 'I') {
		l, err := ParseLabel(s[2:])
		if err != nil {
			return O, fmt.Errorf("bad tag %q: %w", s, err)
		}
		if s[0] == 'B' {
			return Begin(l), nil
		}
		return Inside(l), nil
	}
	return O, fmt.Errorf("bad tag %q (want O, B-LABEL or I-LABEL)", s)
}

// Spans returns the entities in a sequence of BIO tags, the way CoNLL's
// scorer reads them: an entity starts at a B- tag, or at an I- tag that does
// not continue an entity of the same label (an ill-formed I- after O or after
// another label starts a new entity), and runs over the I- tags of its label
// that follow.
func Spans(tags []Tag) []Entity {
	var out []Entity
	for i := 0; i < len(tags); {
		t := tags[i]
		if t == O || int(t) >= numTags {
			i++
			continue
		}
		l := t.Label()
		j := i + 1
		for j < len(tags) && tags[j] == Inside(l) {
			j++
		}
		out = append(out, Entity{First: i, End: j, Label: l})
		i = j
	}
	return out
}

// Tags writes the entities of a sentence of n words as BIO tags. Entities
// out of range or overlapping an earlier one are skipped.
func Tags(n int, ents []Entity) []Tag {
	tags := make([]Tag, n)
	for _, e := range ents {
		if e.First < 0 || e.End > n || e.First >= e.End || e.Label >= numLabels {
			continue
		}
		free := true
		for i := e.First; i < e.End; i++ {
			if tags[i] != O {
				free = false
				break
			}
		}
		if !free {
			continue
		}
		tags[e.First] = Begin(e.Label)
		for i := e.First + 1; i < e.End; i++ {
			tags[i] = Inside(e.Label)
		}
	}
	return tags
}
