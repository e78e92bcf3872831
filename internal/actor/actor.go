// Package actor is the actor knowledge base of annals: countries and
// historical polities, places that belong to them, international
// organizations, armed groups and parties, generic agent nouns ("troops",
// "police") and people with dated roles. It finds their names in a
// sentence's words (Match, MatchAll) and resolves them to CAMEO-style codes
// at a date (Resolve, Combine, OfficeHolder).
//
// The tables are TSV files embedded from data/ (each documents its columns
// in its header comment); users add or override entries with files of the
// same formats (Load) or with PETRARCH/TABARI dictionaries (ImportPETRARCH).
// A KB is read-only once built and safe for concurrent use.
package actor

import (
	"fmt"
	"sort"

	"annals/internal/text"
)

// Kind is what sort of actor an entry is.
type Kind uint8

// The kinds of entries.
const (
	KindNone         Kind = iota
	KindState             // a country, territory or historical polity
	KindPerson            // a named person with dated roles
	KindIGO               // an intergovernmental organization
	KindOrganization      // a non-governmental organization
	KindGroup             // an armed group, party or movement
	KindPlace             // a region, city or area coded as its country
	KindAgent             // a generic noun that gives a sector
	numKind
)

var kindNames = [...]string{"", "state", "person", "igo", "organization", "group", "place", "agent"}

func (k Kind) String() string {
	if k < numKind {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Text returns the kind as the document model names it.
func (k Kind) Text() text.ActorKind { return text.ActorKind(k.String()) }

// ParseKind returns the kind named s ("state", "person", "igo",
// "organization", "group", "place", "agent"; "ngo" is organization).
func ParseKind(s string) (Kind, error) {
	if s == "ngo" {
		return KindOrganization, nil
	}
	for i, n := range kindNames {
		if i > 0 && n == s {
			return Kind(i), nil
		}
	}
	return KindNone, fmt.Errorf("unknown actor kind %q", s)
}

// Via is how a surface form names its entry.
type Via uint8

// The ways a surface names an entry.
const (
	ViaNone    Via = iota
	ViaName        // the canonical name
	ViaAlias       // another name or short form
	ViaDemonym     // a demonym or adjective ("Ukrainian")
	ViaMetonym     // a capital or seat of power ("the Kremlin")
	ViaAgent       // a generic agent noun ("troops")
	ViaPlace       // an agent coded by the place the sentence gives it ("police in Basra")
	numVia
)

var viaNames = [...]string{"", "name", "alias", "demonym", "metonym", "agent", "place"}

func (v Via) String() string {
	if v < numVia {
		return viaNames[v]
	}
	return fmt.Sprintf("Via(%d)", uint8(v))
}

// ParseVia returns the Via named s.
func ParseVia(s string) (Via, error) {
	for i, n := range viaNames {
		if i > 0 && n == s {
			return Via(i), nil
		}
	}
	return ViaNone, fmt.Errorf("unknown via %q", s)
}

// Role is a dated CAMEO-style code of an entry: a person's office, a
// group's status, a polity's existence. Title names the office for people
// ("president", "foreign minister"); it may be empty.
type Role struct {
	Code   string
	Title  string
	Period Period
}

// Entry is one actor of the knowledge base.
type Entry struct {
	ID       string
	Kind     Kind
	Name     string   // canonical name
	Aliases  []string // other names and short forms
	Demonyms []string // demonyms and adjectives (states)
	Metonyms []string // capitals and seats of power (states, IGOs)
	Forms    []string // singular and plural forms (agents)
	// Prefix marks an agent whose code goes before the actor's code rather
	// than after it (PETRARCH "[IGO~]").
	Prefix bool

	// Code is the undated code: ISO alpha-3 for states, the owning country
	// for places, a CAMEO region code for regions ("WST"), IGO/NGO codes for
	// organizations, the sector for agents. People and groups carry their
	// codes in Roles. Country is the ISO alpha-3 code the entry belongs to,
	// "" for regions, organizations and agents.
	Code    string
	Country string
	// Period is when a state existed (historical polities); Successor is
	// the code used for dates after it (SUN → RUS).
	Period    Period
	Successor string
	Roles     []Role
	Gender    string // people: "m", "f" or "" when unknown
	Seat      bool   // a seat of power: its names are metonyms ("the Kremlin")
	// Bound marks an agent that names an actor only after a country word
	// ("Peruvian farmers"): the agents derived from a large general
	// dictionary, whose nouns alone are as often things or places
	// ("village", "security council") as parties to an event.
	Bound  bool
	Source string // the file and line that defined it
}

// KB is an actor knowledge base. Build one with Default, New or Load; it
// is read-only afterwards and safe for concurrent use.
type KB struct {
	entries map[string]*Entry
	order   []string // ids in load order
	gaz     gazetteer
	codes   map[string]bool   // known country codes
	titles  map[string]string // office title synonyms → canonical title
	// modifiers are words that may stand between a country word and a
	// title without ending the phrase ("Chile's vice foreign minister").
	modifiers map[string]bool
	canon     map[string]bool     // canonical titles of titles.tsv
	offices   map[string][]office // country code → roles of people there
	prefixes  map[string]bool     // agent codes that go before the actor's
}

// office is one person's role in a country, with its title normalized.
type office struct {
	id    string
	role  *Role
	title string
}

// NewKB returns an empty knowledge base.
func NewKB() *KB {
	return &KB{entries: map[string]*Entry{}, gaz: newGazetteer(), codes: map[string]bool{}, titles: map[string]string{}, modifiers: map[string]bool{}, canon: map[string]bool{}, offices: map[string][]office{}}
}

// Entry returns the entry with the given id.
func (kb *KB) Entry(id string) (*Entry, bool) {
	e, ok := kb.entries[id]
	return e, ok
}

// Gender returns "m", "f" or "" (unknown or not a person) for an entry.
func (kb *KB) Gender(id string) string {
	if e, ok := kb.entries[id]; ok {
		return e.Gender
	}
	return ""
}

// Len returns the number of entries.
func (kb *KB) Len() int { return len(kb.entries) }

// Count returns the number of entries of kind k.
func (kb *KB) Count(k Kind) int {
	n := 0
	for _, e := range kb.entries {
		if e.Kind == k {
			n++
		}
	}
	return n
}

// Entries returns the ids of all entries of kind k (all when k is
// KindNone), sorted.
func (kb *KB) Entries(k Kind) []string {
	var ids []string
	for id, e := range kb.entries {
		if k == KindNone || e.Kind == k {
			ids = append(ids, id)
		}
	}
	sort.Strings(ids)
	return ids
}

// Add adds e to the knowledge base, replacing any entry with the same id
// (its surface forms are withdrawn from the matcher first).
func (kb *KB) Add(e *Entry) {
	if old, ok := kb.entries[e.ID]; ok {
		kb.gaz.remove(old.ID)
		for _, r := range old.Roles {
			if len(r.Code) >= 3 {
				kb.offices[r.Code[:3]] = without(kb.offices[r.Code[:3]], old.ID)
			}
		}
	} else {
		kb.order = append(kb.order, e.ID)
	}
	kb.entries[e.ID] = e
	if e.Kind == KindPerson {
		for i := range e.Roles {
			r := &e.Roles[i]
			if len(r.Code) >= 3 && r.Title != "" {
				kb.offices[r.Code[:3]] = append(kb.offices[r.Code[:3]], office{e.ID, r, kb.title(r.Title)})
			}
		}
	}
	if e.Kind == KindState && len(e.Code) == 3 {
		kb.codes[e.Code] = true
	}
	if e.Kind == KindAgent && e.Prefix {
		if kb.prefixes == nil {
			kb.prefixes = map[string]bool{}
		}
		kb.prefixes[e.Code] = true
	}
	ids := []string{e.ID} // read only: shared by the entry's forms
	add := func(forms []string, v Via) {
		for _, f := range forms {
			kb.gaz.addIDs(f, ids, v)
		}
	}
	switch {
	case e.Seat:
		add([]string{e.Name}, ViaMetonym)
	case e.Kind == KindAgent:
		add([]string{e.Name}, ViaAgent)
	default:
		add([]string{e.Name}, ViaName)
	}
	add(e.Aliases, ViaAlias)
	add(e.Demonyms, ViaDemonym)
	add(e.Metonyms, ViaMetonym)
	add(e.Forms, ViaAgent)
}

func without(list []office, id string) []office {
	out := list[:0:0]
	for _, o := range list {
		if o.id != id {
			out = append(out, o)
		}
	}
	return out
}

// retitle normalizes the office titles again after new synonyms.
func (kb *KB) retitle() {
	for c, list := range kb.offices {
		for i := range list {
			list[i].title = kb.title(list[i].role.Title)
		}
		kb.offices[c] = list
	}
}
