package text

import (
	"fmt"
	"strings"
)

// DepRel is a Universal Dependencies relation, with the subtypes that the
// English treebanks use. NoDep is the zero value ("not parsed").
type DepRel uint8

// The relations. Base relations first, then subtypes.
const (
	NoDep DepRel = iota
	DepACL
	DepAdvCl
	DepAdvMod
	DepAMod
	DepAppos
	DepAux
	DepCase
	DepCC
	DepCComp
	DepClf
	DepCompound
	DepConj
	DepCop
	DepCSubj
	DepDep
	DepDet
	DepDiscourse
	DepDislocated
	DepExpl
	DepFixed
	DepFlat
	DepGoesWith
	DepIObj
	DepList
	DepMark
	DepNMod
	DepNSubj
	DepNumMod
	DepObj
	DepObl
	DepOrphan
	DepParataxis
	DepPunct
	DepReparandum
	DepRoot
	DepVocative
	DepXComp
	// subtypes
	DepACLRelcl
	DepAdvClRelcl
	DepAuxPass
	DepCCPreconj
	DepCompoundPrt
	DepCSubjOuter
	DepCSubjPass
	DepDetPredet
	DepFlatForeign
	DepNModDesc
	DepNModPoss
	DepNModUnmarked
	DepNModTmod
	DepNModNpmod
	DepNSubjOuter
	DepNSubjPass
	DepOblAgent
	DepOblUnmarked
	DepOblTmod
	DepOblNpmod
	// relations of the enhanced graph only (Document.Graph)
	DepNSubjXSubj // the subject of an open clausal complement (control, raising)
	DepRef        // a relative pronoun, from its antecedent
	numDep
)

// NumDepRel is the number of DepRel values, including NoDep.
const NumDepRel = int(numDep)

var depNames = [...]string{
	"_", "acl", "advcl", "advmod", "amod", "appos", "aux", "case", "cc", "ccomp",
	"clf", "compound", "conj", "cop", "csubj", "dep", "det", "discourse",
	"dislocated", "expl", "fixed", "flat", "goeswith", "iobj", "list", "mark",
	"nmod", "nsubj", "nummod", "obj", "obl", "orphan", "parataxis", "punct",
	"reparandum", "root", "vocative", "xcomp",
	"acl:relcl", "advcl:relcl", "aux:pass", "cc:preconj", "compound:prt",
	"csubj:outer", "csubj:pass", "det:predet", "flat:foreign", "nmod:desc",
	"nmod:poss", "nmod:unmarked", "nmod:tmod", "nmod:npmod", "nsubj:outer",
	"nsubj:pass", "obl:agent", "obl:unmarked", "obl:tmod", "obl:npmod",
	"nsubj:xsubj", "ref",
}

func (r DepRel) String() string {
	if int(r) < len(depNames) {
		return depNames[r]
	}
	return fmt.Sprintf("DepRel(%d)", uint8(r))
}

// ParseDepRel returns the relation named s. An unknown subtype falls back
// to its base relation ("obl:foo" → obl); an unknown base is an error.
func ParseDepRel(s string) (DepRel, error) {
	for i, n := range depNames {
		if n == s {
			return DepRel(i), nil
		}
	}
	if base, _, ok := strings.Cut(s, ":"); ok {
		for i, n := range depNames {
			if n == base {
				return DepRel(i), nil
			}
		}
	}
	return NoDep, fmt.Errorf("unknown dependency relation %q", s)
}

// Base returns the universal part of r ("nsubj:pass" → nsubj).
func (r DepRel) Base() DepRel {
	if r < DepACLRelcl {
		return r
	}
	b, _, _ := strings.Cut(r.String(), ":")
	base, _ := ParseDepRel(b)
	return base
}

// Subject reports whether r is a subject relation (nsubj, csubj and subtypes).
func (r DepRel) Subject() bool {
	b := r.Base()
	return b == DepNSubj || b == DepCSubj
}
