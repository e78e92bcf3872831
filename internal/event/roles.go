package event

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"strings"
	"sync"

	"annals/internal/plover"
	"annals/internal/text"
)

//go:embed data/roles.tsv
var defaultRoles []byte

// Slot is the argument of an event that a role row fills.
type Slot uint8

// The slots of an event.
const (
	SlotNone Slot = iota
	SlotSource
	SlotTarget
)

var slotNames = [...]string{"-", "source", "target"}

// String returns the slot's name as the role table writes it.
func (s Slot) String() string {
	if int(s) < len(slotNames) {
		return slotNames[s]
	}
	return fmt.Sprintf("Slot(%d)", uint8(s))
}

// ParseSlot returns the slot named s.
func ParseSlot(s string) (Slot, error) {
	for i, n := range slotNames {
		if i > 0 && n == s {
			return Slot(i), nil
		}
	}
	return SlotNone, fmt.Errorf("unknown slot %q (want source or target)", s)
}

// roleStep is one hop of a role path: an enhanced-graph relation and, for
// a case-marked one, the marker word of its label ("obl:to"); marker ""
// matches any. exact says the relation is a subtype of its own
// ("nsubj:pass"), matched as it is rather than by its base.
type roleStep struct {
	rel    text.DepRel
	exact  bool
	marker string
}

// rolePath is a chain of one or two steps from the trigger.
type rolePath []roleStep

// String writes the path as the role table does.
func (p rolePath) String() string {
	parts := make([]string, len(p))
	for i, st := range p {
		parts[i] = st.rel.String()
		if st.marker != "" {
			parts[i] += ":" + st.marker
		}
	}
	return strings.Join(parts, "/")
}

// roleKey names a row of the table: a class ("*" for the default) and a
// slot.
type roleKey struct {
	class string
	slot  Slot
}

// Roles says, per trigger class, which enhanced-graph paths from the
// trigger give an event's arguments, in order of preference (format at
// the top of data/roles.tsv).
type Roles struct {
	rows map[roleKey][]rolePath
}

var (
	rolesOnce sync.Once
	rolesDef  *Roles
	rolesErr  error
)

// DefaultRoles returns the embedded role table.
func DefaultRoles() (*Roles, error) {
	rolesOnce.Do(func() { rolesDef, rolesErr = LoadRoles(bytes.NewReader(defaultRoles), "roles.tsv") })
	return rolesDef, rolesErr
}

// LoadRoles reads a role table; each bad line is reported as file:line
// with its reason, and the good lines are kept.
func LoadRoles(r io.Reader, file string) (*Roles, error) {
	ro := &Roles{rows: map[roleKey][]rolePath{}}
	err := readTable(r, file, 3, func(f []string) error {
		class, err := parseClass(f[0])
		if err != nil {
			return err
		}
		slot, err := ParseSlot(f[1])
		if err != nil {
			return err
		}
		if slot != SlotTarget {
			return fmt.Errorf("slot %s: only target rows are read", slot)
		}
		k := roleKey{class, slot}
		if _, dup := ro.rows[k]; dup {
			return fmt.Errorf("class %s slot %s given twice", f[0], f[1])
		}
		var paths []rolePath
		for _, p := range strings.Split(f[2], ",") {
			path, err := parseRolePath(strings.TrimSpace(p))
			if err != nil {
				return err
			}
			paths = append(paths, path)
		}
		ro.rows[k] = paths
		return nil
	})
	if err != nil {
		return ro, fmt.Errorf("roles: %w", err)
	}
	return ro, nil
}

// parseClass checks a class column: "*", a PLOVER type, or a type and a
// mode joined by "/". It returns the class in the form lookups use.
func parseClass(s string) (string, error) {
	if s == "*" {
		return s, nil
	}
	typ, mode, _ := strings.Cut(s, "/")
	t, err := plover.ParseType(typ)
	if err != nil {
		return "", err
	}
	if mode != "" {
		return t.String() + "/" + mode, nil
	}
	return t.String(), nil
}

// parseRolePath reads "obj/nmod:of": one or two relations joined by "/".
func parseRolePath(s string) (rolePath, error) {
	parts := strings.Split(s, "/")
	if s == "" || len(parts) > 2 {
		return nil, fmt.Errorf("path %q: want one or two relations joined by /", s)
	}
	var p rolePath
	for _, part := range parts {
		rel, err := text.ParseDepRel(part)
		if err != nil {
			return nil, fmt.Errorf("path %q: %w", s, err)
		}
		st := roleStep{rel: rel}
		if rel.String() == part {
			st.exact = rel != rel.Base()
		} else if _, m, ok := strings.Cut(part, ":"); ok {
			st.marker = m
		}
		p = append(p, st)
	}
	return p, nil
}

// paths returns the paths for slot of an event of type typ and mode, and
// whether the class has a row of its own (else the "*" row's are given).
func (r *Roles) paths(typ, mode string, slot Slot) ([]rolePath, bool) {
	if r == nil {
		return nil, false
	}
	if mode != "" {
		if p, ok := r.rows[roleKey{typ + "/" + mode, slot}]; ok {
			return p, true
		}
	}
	if p, ok := r.rows[roleKey{typ, slot}]; ok {
		return p, true
	}
	return r.rows[roleKey{"*", slot}], false
}

// roleTarget returns the target the role table gives trigger t: the
// first phrase, in the order of its class's paths, that names a coded
// actor. A phrase that names none is never chosen while one that does is
// reachable. cur (the tree's choice) is kept when none is reachable; when
// it names a coded actor itself, it is kept unless the class has a row of
// its own and cur is reached only by a later path (or not at all: it was
// read from a part of the tree the paths do not cover), or it shares a
// phrase with the table's choice.
func (s *sentenceView) roleTarget(t text.TokenID, cur []text.Argument) []text.Argument {
	if !s.doc.Has(text.LayerGraph) || !s.hasMentions {
		return cur
	}
	paths, own := s.roles.paths(s.evType, s.evMode, SlotTarget)
	if !own && coded(cur) {
		return cur
	}
	arcs := s.doc.GraphArcs(s.id)
	// A phrase that is an actor only through its possessor ("its
	// troops") names its owner, not a party: it is taken in a second pass.
	for _, possessed := range []bool{false, true} {
		for i, p := range paths {
			for _, k := range s.reach(arcs, t, p) {
				if s.possessedOnly(k) != possessed {
					continue
				}
				a := s.codedArgument(k, p[len(p)-1], own)
				if a == nil {
					continue
				}
				if coded(cur) && (overlap(a, cur) || !s.reachedAfter(arcs, t, paths, i, cur)) {
					return cur
				}
				return a
			}
		}
	}
	return cur
}

// reach returns the phrase heads path p leads to from t.
func (s *sentenceView) reach(arcs []text.Arc, t text.TokenID, p rolePath) []text.TokenID {
	heads := s.follow(arcs, t, p[0])
	if len(p) == 1 {
		return heads
	}
	var out []text.TokenID
	for _, k := range heads {
		out = append(out, s.follow(arcs, k, p[1])...)
	}
	return out
}

// reachedAfter reports whether the first path that reaches one of cur's
// phrases comes after path i.
func (s *sentenceView) reachedAfter(arcs []text.Arc, t text.TokenID, paths []rolePath, i int, cur []text.Argument) bool {
	for j, p := range paths {
		for _, k := range s.reach(arcs, t, p) {
			if overlap(s.argument(k), cur) {
				return j > i
			}
		}
	}
	return false
}

// overlap reports whether a and b share a phrase.
func overlap(a, b []text.Argument) bool {
	for _, x := range a {
		for _, y := range b {
			if x.Span == y.Span {
				return true
			}
		}
	}
	return false
}

// follow returns the dependents of h in arcs by step st, leaving out
// conjuncts (argument expands a head into its conjuncts) and times.
func (s *sentenceView) follow(arcs []text.Arc, h text.TokenID, st roleStep) []text.TokenID {
	var out []text.TokenID
	for _, a := range arcs {
		if a.Head != h || !a.Dep.Valid() || a.Dep == h || s.dep(a.Dep) == text.DepConj {
			continue
		}
		switch {
		case st.exact || st.marker == "":
			// "nsubj" is not "nsubj:pass": the passive subject of a
			// complement is what is asked about, not who is asked.
			if a.Rel != st.rel && !(a.Marker.Valid() && a.Rel.Base() == st.rel) {
				continue
			}
		case a.Rel.Base() != st.rel.Base():
			continue
		}
		if st.marker != "" {
			_, m, _ := strings.Cut(s.doc.ArcLabel(a), ":")
			if m != st.marker {
				continue
			}
		}
		if s.temporal(a.Dep) {
			continue
		}
		out = append(out, a.Dep)
	}
	return out
}

// codedArgument returns the arguments of the phrase headed by k (one a
// conjunct) that name a coded actor, or nil. Without a row of its own, an oblique
// that is an actor only through its possessor ("on its own side") says
// where or whose, and is passed over.
func (s *sentenceView) codedArgument(k text.TokenID, st roleStep, own bool) []text.Argument {
	if !own && st.rel.Base() == text.DepObl && s.possessedOnly(k) {
		return nil
	}
	var out []text.Argument
	for _, a := range s.argument(k) {
		if a.Actor.Coded() { // a conjunct that names none is left out
			out = append(out, a)
		}
	}
	return out
}

// onlyCoded returns args without the phrases that name no actor at all,
// when another names a coded one ("arrested a preacher and two Ruritanian
// officials": the officials); else args as they are.
func onlyCoded(args []text.Argument) []text.Argument {
	if !coded(args) {
		return args
	}
	var out []text.Argument
	for _, a := range args {
		if !a.Actor.IsZero() {
			out = append(out, a)
		}
	}
	return out
}

// coded reports whether one of args names a coded actor.
func coded(args []text.Argument) bool {
	for _, a := range args {
		if a.Actor.Coded() {
			return true
		}
	}
	return false
}
