// Package verbdict reads verb dictionaries in the PETRARCH/TABARI format
// (the field's CAMEO verb dictionary and its descendants): synonym sets,
// verb blocks with their verbs, multi-word and irregular forms, and the
// patterns that refine a block's CAMEO code by the words around the verb.
//
// The reader keeps what it can: a line it cannot read is reported as
// "file:line: reason" and skipped, and the rest of the file loads, the way
// go/parser returns a partial tree with a list of errors.
//
// Everything is lowercased; multi-word items written with underscores
// ("PRIME_MINISTER") are split into words. Nothing here knows about PLOVER:
// the dictionary's codes stay CAMEO codes.
package verbdict

import (
	"fmt"
	"strings"
)

// Code is the CAMEO code of a verb or pattern. A dictionary writes it as
// "[190]", "[---]" (the null code: the words are recognised but make no
// event) or "[042:043]": the first code is the event from source to target,
// the second the event the same words signal from target to source (a visit
// made and a visit hosted). Either part may be empty ("[:173]").
type Code struct {
	Primary string // source → target code, "" for none
	Reverse string // target → source code, "" for none
}

// IsNull reports whether the code makes no event.
func (c Code) IsNull() bool { return c.Primary == "" && c.Reverse == "" }

// String returns the code in the dictionary's own notation.
func (c Code) String() string {
	p := c.Primary
	if p == "" {
		p = "---"
	}
	if c.Reverse == "" {
		return "[" + p + "]"
	}
	if c.Primary == "" {
		p = ""
	}
	return "[" + p + ":" + c.Reverse + "]"
}

// Term is one word or a fixed sequence of words ("prime minister") of a
// verb, a synonym set or a pattern.
type Term struct {
	Words []string // lowercased words, at least one
	Exact bool     // written with a trailing "_": no inflected forms
}

// String returns the words joined by spaces.
func (t Term) String() string { return strings.Join(t.Words, " ") }

// SynSet is a named synonym set ("&WEAPON"), usable in patterns.
type SynSet struct {
	Name    string // without the "&", as written (upper case)
	Members []Term
	Line    int
}

// Verb is one verb of a block.
type Verb struct {
	Words []string // lowercased words: ["ask", "for"]
	Head  int      // index in Words of the verb proper (the word marked "+", else 0)
	// Forms are the inflected forms given in braces, each as words; when
	// present they are all the forms (the dictionary's convention), else
	// the regular forms apply (see Dict.Inflections).
	Forms     [][]string
	Irregular bool   // Forms were given (possibly an empty "{}")
	Code      Code   // the verb's own code, else its block's
	OwnCode   bool   // the code was written on the verb's line
	Block     int    // index of the verb's block in Dict.Blocks
	Line      int    // line of the verb in its file
	Comment   string // text after "#", trimmed
}

// Lemma returns the verb's words joined by spaces ("ask for").
func (v *Verb) Lemma() string { return strings.Join(v.Words, " ") }

// ElemKind is the kind of one element of a pattern.
type ElemKind uint8

// The kinds of pattern element.
const (
	ElemWord     ElemKind = iota + 1 // a literal word or fixed words: DEPLOYMENT, AIR_STRIKE
	ElemSet                          // a synonym set: &WEAPON
	ElemSource                       // $: the source actor's position
	ElemTarget                       // +: the target actor's position
	ElemSkip                         // ^: skip one noun phrase
	ElemCompound                     // %: a compound actor that is both source and target
	ElemPrep                         // (TO BORDER): a prepositional phrase, first item the preposition
	ElemNoun                         // {ARMS SHIPMENT}: a noun phrase, items in order
)

var elemNames = [...]string{"", "word", "set", "source", "target", "skip", "compound", "prep", "noun"}

// String returns the kind's name.
func (k ElemKind) String() string {
	if int(k) < len(elemNames) && k != 0 {
		return elemNames[k]
	}
	return fmt.Sprintf("ElemKind(%d)", k)
}

// Elem is one element of a pattern.
type Elem struct {
	Kind  ElemKind
	Term  Term   // for ElemWord
	Set   string // for ElemSet: the set's name without "&"
	Items []Elem // for ElemPrep and ElemNoun
}

// String returns the element in the dictionary's notation, lowercased.
func (e Elem) String() string {
	switch e.Kind {
	case ElemWord:
		s := strings.Join(e.Term.Words, "_")
		if e.Term.Exact {
			s += "_"
		}
		return s
	case ElemSet:
		return "&" + e.Set
	case ElemSource:
		return "$"
	case ElemTarget:
		return "+"
	case ElemSkip:
		return "^"
	case ElemCompound:
		return "%"
	case ElemPrep, ElemNoun:
		parts := make([]string, len(e.Items))
		for i, it := range e.Items {
			parts[i] = it.String()
		}
		if e.Kind == ElemPrep {
			return "(" + strings.Join(parts, " ") + ")"
		}
		return "{" + strings.Join(parts, " ") + "}"
	}
	return "?"
}

// Pattern is one pattern of a block: the words expected before and after
// the verb ("*"), the actors' slots among them, and the code the pattern
// gives.
type Pattern struct {
	Before  []Elem // elements before the verb, in text order
	After   []Elem // elements after the verb, in text order
	Code    Code
	Block   int    // index of the pattern's block in Dict.Blocks
	Line    int    // line in its file
	Comment string // text after "#", trimmed (usually the verb it was written for)
}

// Slot is the position of an actor slot ($ or +) in a pattern.
type Slot struct {
	After bool   // the slot is after the verb
	Index int    // index in Before or After of the element holding the slot
	Prep  string // the preposition of the phrase holding the slot, "" when bare
}

// Source returns the position of the source slot ("$"), if the pattern has one.
func (p *Pattern) Source() (Slot, bool) { return p.slot(ElemSource) }

// Target returns the position of the target slot ("+"), if the pattern has one.
func (p *Pattern) Target() (Slot, bool) { return p.slot(ElemTarget) }

func (p *Pattern) slot(k ElemKind) (Slot, bool) {
	for side, list := range [2][]Elem{p.Before, p.After} {
		for i, e := range list {
			if e.Kind == k {
				return Slot{After: side == 1, Index: i}, true
			}
			if e.Kind == ElemPrep || e.Kind == ElemNoun {
				for _, it := range e.Items {
					if it.Kind == k {
						s := Slot{After: side == 1, Index: i}
						if e.Kind == ElemPrep && len(e.Items) > 0 && e.Items[0].Kind == ElemWord {
							s.Prep = e.Items[0].Term.String()
						}
						return s, true
					}
				}
			}
		}
	}
	return Slot{}, false
}

// Compound reports whether the pattern has a compound-actor slot ("%").
func (p *Pattern) Compound() bool {
	for _, list := range [2][]Elem{p.Before, p.After} {
		for _, e := range list {
			if e.Kind == ElemCompound {
				return true
			}
		}
	}
	return false
}

// String returns the pattern in the dictionary's notation, lowercased.
func (p *Pattern) String() string {
	var b strings.Builder
	b.WriteString("-")
	for _, e := range p.Before {
		b.WriteString(" " + e.String())
	}
	b.WriteString(" *")
	for _, e := range p.After {
		b.WriteString(" " + e.String())
	}
	b.WriteString(" " + p.Code.String())
	return b.String()
}

// Block is a verb block: a "--- NAME [code] ---" header, the verbs under
// it and the patterns that apply to all of them.
type Block struct {
	Name     string // as written in the header, e.g. "ACCELERATE"
	Code     Code   // the block's default code
	Line     int
	Verbs    []int // indexes in Dict.Verbs
	Patterns []*Pattern
}

// Transform is a transformation rule ("~ a (a b ATTACK) SAY = a b 015"),
// kept as written: annals reads but does not apply them.
type Transform struct {
	Pattern string // left of "="
	Result  string // right of "="
	Line    int
}

// Dict is a parsed verb dictionary.
type Dict struct {
	Name       string // the name given to Parse, used in errors and provenance
	Sets       map[string]*SynSet
	Blocks     []*Block
	Verbs      []*Verb
	Transforms []Transform
}

// Patterns returns the number of patterns in all blocks.
func (d *Dict) Patterns() int {
	n := 0
	for _, b := range d.Blocks {
		n += len(b.Patterns)
	}
	return n
}

// Set returns the synonym set named name (with or without "&", any case).
func (d *Dict) Set(name string) (*SynSet, bool) {
	s, ok := d.Sets[strings.ToUpper(strings.TrimPrefix(name, "&"))]
	return s, ok
}

// Inflections returns every form of v, each as words: the lemma and either
// the forms given in braces or the regular -s, -ed and -ing forms of the
// head word.
func (d *Dict) Inflections(v *Verb) [][]string {
	out := [][]string{v.Words}
	if v.Irregular {
		return append(out, v.Forms...)
	}
	for _, f := range Regular(v.Words[v.Head]) {
		w := append([]string(nil), v.Words...)
		w[v.Head] = f
		out = append(out, w)
	}
	return out
}

// Regular returns the regular -s, -ed and -ing forms of an English verb,
// by the usual spelling rules (e-drop, y→ie, doubling after a short
// stressed-looking final consonant).
func Regular(w string) []string {
	if w == "" {
		return nil
	}
	n := len(w)
	last := w[n-1]
	var s, ed, ing string
	switch {
	case strings.HasSuffix(w, "s") || strings.HasSuffix(w, "x") || strings.HasSuffix(w, "z") ||
		strings.HasSuffix(w, "ch") || strings.HasSuffix(w, "sh") || strings.HasSuffix(w, "o"):
		s = w + "es"
	case last == 'y' && n > 1 && !isVowel(w[n-2]):
		s = w[:n-1] + "ies"
	default:
		s = w + "s"
	}
	switch {
	case last == 'e':
		ed = w + "d"
		ing = w[:n-1] + "ing"
		if strings.HasSuffix(w, "ee") || strings.HasSuffix(w, "ye") || strings.HasSuffix(w, "oe") {
			ing = w + "ing"
		}
	case last == 'y' && n > 1 && !isVowel(w[n-2]):
		ed = w[:n-1] + "ied"
		ing = w + "ing"
	case doubles(w):
		ed = w + string(last) + "ed"
		ing = w + string(last) + "ing"
	default:
		ed = w + "ed"
		ing = w + "ing"
	}
	return []string{s, ed, ing}
}

// doubles reports whether the final consonant doubles before -ed/-ing:
// a one-syllable word ending consonant-vowel-consonant (stop, plan).
func doubles(w string) bool {
	n := len(w)
	if n < 3 {
		return false
	}
	c := w[n-1]
	if isVowel(c) || c == 'w' || c == 'x' || c == 'y' {
		return false
	}
	if !isVowel(w[n-2]) || isVowel(w[n-3]) {
		return false
	}
	vowels := 0
	for i := 0; i < n; i++ {
		if isVowel(w[i]) && (i == 0 || !isVowel(w[i-1])) {
			vowels++
		}
	}
	return vowels == 1
}

func isVowel(c byte) bool { return strings.IndexByte("aeiou", c) >= 0 }
