package event

import (
	"bytes"
	_ "embed"
	"fmt"
	"io"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"annals/internal/plover"
)

//go:embed data/lexicon.tsv
var defaultLexicon []byte

// Entry is one trigger of the lexicon: a lemma or phrase and the event it
// signals.
type Entry struct {
	Words   []string        // lemmas of the trigger, e.g. ["shoot", "down"]
	Noun    bool            // a nominal trigger ("threats") rather than a verb
	Type    plover.Type     // PLOVER event type
	Mode    string          // PLOVER mode, "" for none
	CAMEO   string          // nearest CAMEO code, "" to derive it from type and mode
	Objects map[string]bool // object lemmas the trigger needs; nil for any
	Source  string          // "name:line" of the entry and, when the file says, its origin ("lexicon.tsv:120 cameo-verbs:8890"), for the rule field

	rule    *verbRule    // a verb dictionary's patterns for this verb (see patterns.go)
	pattern *dictPattern // the verb dictionary pattern that gives this entry
	verbDef bool         // a verb dictionary's default code for the verb: tried after the other entries
}

// Phrase returns the trigger words joined by spaces.
func (e *Entry) Phrase() string { return strings.Join(e.Words, " ") }

// Lexicon is a set of triggers indexed by their first lemma.
type Lexicon struct {
	Name    string // e.g. "core"
	Version string // e.g. "1"
	byFirst map[string][]*Entry
	forms   map[string][]string // inflected form → lemmas of first words
	size    int
}

// Len returns the number of entries.
func (l *Lexicon) Len() int { return l.size }

// ID returns "name.vVERSION", the lexicon's identity in event rules.
func (l *Lexicon) ID() string { return l.Name + ".v" + l.Version }

var headerRE = regexp.MustCompile(`name=(\S+)\s+version=(\S+)`)

//go:embed data/hand.tsv
var handLexicon []byte

// DefaultLexicon returns the embedded lexicon: the hand-written trigger
// list (data/hand.tsv, general triggers and selectional classes) with the
// table derived from the field's sources (data/lexicon.tsv) merged over it.
func DefaultLexicon() (*Lexicon, error) {
	// One lexicon, its maps sized for both tables: the hand-written list,
	// then the table read straight into it, which is the same as reading
	// the table on its own and merging it (TestDefaultLexiconIsTheMerge)
	// without building it twice.
	// (About four entries share a first word, which has about four forms;
	// a map sized far above what it holds only costs memory to clear.)
	n := bytes.Count(handLexicon, []byte("\n")) + bytes.Count(defaultLexicon, []byte("\n"))
	h := &Lexicon{byFirst: make(map[string][]*Entry, n/4), forms: make(map[string][]string, n)}
	var errs []string
	if h.Name, h.Version, errs = h.read(handLexicon, "hand.tsv"); len(errs) > 0 {
		return h, fmt.Errorf("lexicon: %s", strings.Join(errs, "\n"))
	}
	name, _, errs := h.read(defaultLexicon, "lexicon.tsv")
	if len(errs) > 0 {
		return h, fmt.Errorf("lexicon: %s", strings.Join(errs, "\n"))
	}
	h.Name += "+" + name
	return h, nil
}

// LoadLexicon reads a lexicon in the tab-separated format documented at the
// top of data/lexicon.tsv. Errors name the file and line; every bad line is
// reported.
func LoadLexicon(r io.Reader, file string) (*Lexicon, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("lexicon: %s: %w", file, err)
	}
	l := &Lexicon{byFirst: map[string][]*Entry{}, forms: map[string][]string{}}
	var errs []string
	l.Name, l.Version, errs = l.read(data, file)
	if len(errs) > 0 {
		return l, fmt.Errorf("lexicon: %s", strings.Join(errs, "\n"))
	}
	return l, nil
}

// read adds the entries of a lexicon file to l, as Merge would add them;
// it returns the name and version its header gives (the file's name and
// "0" by default) and an error for each bad line. The entries keep
// substrings of data, which must not change.
func (l *Lexicon) read(data []byte, file string) (name, version string, errs []string) {
	name, version = strings.TrimSuffix(file, ".tsv"), "0"
	text := unsafe.String(unsafe.SliceData(data), len(data))
	for line := 1; text != ""; line++ {
		var s string
		s, text, _ = strings.Cut(text, "\n")
		if len(s) > 1<<20 {
			errs = append(errs, fmt.Sprintf("%s:%d: line longer than 1 MiB", file, line))
			break // as the line scanner stopped
		}
		s = strings.TrimRight(s, "\r")
		if strings.HasPrefix(s, "#") {
			if m := headerRE.FindStringSubmatch(s); m != nil {
				name, version = m[1], m[2]
			}
			continue
		}
		if strings.TrimSpace(s) == "" {
			continue
		}
		f := strings.Split(s, "\t")
		e, err := parseFields(f)
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", file, line, err))
			continue
		}
		// "lexicon.tsv:120", and where the line came from when the file
		// says: "lexicon.tsv:120 cameo-verbs:8890"
		if len(f) < 7 || f[6] == "-" || f[6] == "" {
			e.Source = file + ":" + strconv.Itoa(line)
		} else {
			e.Source = file + ":" + strconv.Itoa(line) + " " + f[6]
		}
		l.add(e)
	}
	return name, version, errs
}

// parseFields builds an entry from a line's tab-separated fields, which
// it trims of spaces in place.
func parseFields(f []string) (*Entry, error) {
	if len(f) < 5 {
		return nil, fmt.Errorf("want at least 5 tab-separated fields (trigger, pos, type, mode, cameo), got %d", len(f))
	}
	for i := range f {
		f[i] = strings.TrimSpace(f[i])
	}
	e := &Entry{Words: strings.Fields(strings.ToLower(f[0]))}
	if len(e.Words) == 0 {
		return nil, fmt.Errorf("empty trigger")
	}
	switch f[1] {
	case "V":
	case "N":
		e.Noun = true
	default:
		return nil, fmt.Errorf("pos %q: want V or N", f[1])
	}
	t, err := plover.ParseType(f[2])
	if err != nil {
		return nil, err
	}
	e.Type = t
	if f[3] != "-" && f[3] != "" {
		if !plover.ValidMode(t, f[3]) {
			return nil, fmt.Errorf("mode %q is not a PLOVER mode of %s", f[3], t)
		}
		e.Mode = f[3]
	}
	if f[4] != "-" {
		if _, ok := plover.Default().CAMEO(f[4]); !ok {
			return nil, fmt.Errorf("unknown CAMEO code %q", f[4])
		}
		e.CAMEO = f[4]
	}
	if len(f) > 5 && f[5] != "-" && f[5] != "" {
		e.Objects = map[string]bool{}
		for _, o := range strings.Split(f[5], ",") {
			if o = strings.TrimSpace(strings.ToLower(o)); o != "" {
				e.Objects[o] = true
			}
		}
	}
	return e, nil
}

func (l *Lexicon) add(e *Entry) {
	k := e.Words[0]
	list := l.byFirst[k]
	// The inflections of k as a noun or as a verb are in forms once an
	// entry of that part of speech starts with k (only add puts entries
	// in byFirst, and it puts their forms in too).
	if !slices.ContainsFunc(list, func(old *Entry) bool { return old.Noun == e.Noun }) {
		for _, f := range inflect(k, e.Noun) {
			if !contains(l.forms[f], k) {
				l.forms[f] = append(l.forms[f], k)
			}
		}
	}
	// An entry with the same words, part of speech and object constraint
	// replaces the earlier one (user files override the default).
	for i, old := range list {
		if samePhrase(old.Words, e.Words) && old.Noun == e.Noun && sameSet(old.Objects, e.Objects) && (old.rule == nil) == (e.rule == nil) && old.verbDef == e.verbDef {
			list[i] = e
			return
		}
	}
	// Longest phrase first, then constrained entries before open ones; an
	// entry goes after those it ties with (the order of the file).
	at := sort.Search(len(list), func(i int) bool { return entryBefore(e, list[i]) })
	list = append(list, nil)
	copy(list[at+1:], list[at:])
	list[at] = e
	l.byFirst[k] = list
	l.size++
}

// Merge adds every entry of o to l, overriding entries with the same
// trigger, part of speech and object constraint.
func (l *Lexicon) Merge(o *Lexicon) {
	for _, list := range o.byFirst {
		for _, e := range list {
			l.add(e)
		}
	}
	for f, ks := range o.forms {
		for _, k := range ks {
			if !contains(l.forms[f], k) {
				l.forms[f] = append(l.forms[f], k)
			}
		}
	}
	l.Name += "+" + o.Name
}

// Candidates returns the entries whose first word is lemma, or whose first
// word inflects to the (lowercased) form.
func (l *Lexicon) Candidates(lemma, form string) []*Entry {
	out := l.byFirst[lemma]
	for _, k := range l.forms[form] {
		if k != lemma {
			out = append(out[:len(out):len(out)], l.byFirst[k]...)
		}
	}
	return out
}

// matchesWord reports whether a token (lemma, lowercased form) is the
// lexicon word w or one of its inflections.
func matchesWord(w, lemma, form string) bool {
	if w == lemma || w == form {
		return true
	}
	for _, f := range inflect(w, false) {
		if f == form {
			return true
		}
	}
	return plural(w) == form
}

// samePhrase reports whether two triggers' words join into the same
// phrase (as Phrase gives it), without joining them when they can tell.
func samePhrase(a, b []string) bool {
	if slices.Equal(a, b) {
		return true
	}
	for _, w := range a {
		if strings.Contains(w, " ") {
			return strings.Join(a, " ") == strings.Join(b, " ")
		}
	}
	for _, w := range b {
		if strings.Contains(w, " ") {
			return strings.Join(a, " ") == strings.Join(b, " ")
		}
	}
	return false
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func sameSet(a, b map[string]bool) bool {
	if len(a) != len(b) || (a == nil) != (b == nil) {
		return false
	}
	for k := range a {
		if !b[k] {
			return false
		}
	}
	return true
}

// entryBefore reports whether a is tried before b: a longer phrase first,
// then an entry that names its objects before one that wants any actor,
// before an open one.
func entryBefore(a, b *Entry) bool {
	if len(a.Words) != len(b.Words) {
		return len(a.Words) > len(b.Words)
	}
	return objectRank(a) < objectRank(b)
}

// objectRank orders entries of one trigger: those that name their objects
// first, then those that want any actor as object, then open ones.
func objectRank(e *Entry) int {
	switch {
	case e.rule != nil:
		return 2 // a verb dictionary's patterns after the entries of the lexicon
	case e.verbDef:
		return 3 // and its verbs' default codes last
	case e.Objects == nil:
		return 2
	case e.Objects["@actor"], e.Objects["@place"]:
		return 1
	}
	return 0
}
