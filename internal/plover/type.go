// Package plover is the PLOVER event ontology as data: the 16 event types,
// their modes and contexts (PLOVER v0.8), and every CAMEO code with its
// PLOVER type, mode and context, quad class and Goldstein value.
//
// The tables are embedded data files under data/ (see data/README.md for
// their sources and license); Load reads a replacement in the same format.
package plover

import (
	"fmt"
	"strings"
)

// Type is a PLOVER event type. The zero value NoType means "no type".
type Type uint8

// The 16 PLOVER event types, from most cooperative to most conflictual.
const (
	NoType Type = iota
	AGREE
	CONSULT
	SUPPORT
	CONCEDE
	COOPERATE
	AID
	RETREAT
	REQUEST
	ACCUSE
	REJECT
	THREATEN
	PROTEST
	SANCTION
	MOBILIZE
	COERCE
	ASSAULT
	numTypes
)

var typeNames = [...]string{"-", "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}

// names2016 are the PLOVER 2016 type names that later drafts renamed or merged.
var names2016 = map[string]Type{"DEMAND": REQUEST, "DISAPPROVE": ACCUSE, "FIGHT": ASSAULT, "INVESTIGATE": ACCUSE}

// String returns the type's PLOVER name ("AGREE"); NoType is "-".
func (t Type) String() string {
	if int(t) < len(typeNames) {
		return typeNames[t]
	}
	return fmt.Sprintf("Type(%d)", uint8(t))
}

// Valid reports whether t is one of the 16 types (not NoType).
func (t Type) Valid() bool { return t > NoType && t < numTypes }

// ParseType returns the type named s, ignoring case and surrounding space.
// It also accepts the 2016 names DEMAND (REQUEST), DISAPPROVE (ACCUSE),
// FIGHT (ASSAULT) and INVESTIGATE (ACCUSE).
func ParseType(s string) (Type, error) {
	u := strings.ToUpper(strings.TrimSpace(s))
	for i := AGREE; i < numTypes; i++ {
		if typeNames[i] == u {
			return i, nil
		}
	}
	if t, ok := names2016[u]; ok {
		return t, nil
	}
	return NoType, fmt.Errorf("unknown PLOVER event type %q", s)
}

// Types returns the 16 types in order.
func Types() []Type {
	ts := make([]Type, 0, numTypes-1)
	for i := AGREE; i < numTypes; i++ {
		ts = append(ts, i)
	}
	return ts
}
