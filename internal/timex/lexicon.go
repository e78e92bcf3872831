package timex

import (
	"bufio"
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

//go:embed data/lexicon.tsv
var lexiconTSV string

//go:embed data/periods.tsv
var periodsTSV string

// lexKind is one kind of word in the lexicon (data/lexicon.tsv).
type lexKind uint8

// The kinds of lexicon words.
const (
	lexMonth lexKind = iota
	lexMonthAbbr
	lexWeekday
	lexNumber
	lexVague
	lexOrdinal
	lexSeason
	lexUnit
	lexDecadeWord
	lexPart
	lexDeictic
	lexShift
	lexDirection
	lexAnaphor
	lexPrep
	lexYearCue
	lexNotYear
	lexMeasure
	lexRole
	lexTitle
	lexPossessive
	lexFuture
	lexDaypart
	lexTermPrep
	lexTempPrep
	lexMonthCue
	lexClock
	lexClockPrep
	lexApprox
	numLexKinds
)

var lexKindNames = [numLexKinds]string{
	"month", "monthabbr", "weekday", "number", "vague", "ordinal", "season",
	"unit", "decadeword", "part", "deictic", "shift", "direction", "anaphor",
	"prep", "yearcue", "notyear", "measure", "role", "title", "possessive", "future",
	"daypart", "termprep", "tempprep", "monthcue", "clock", "clockprep", "approx",
}

func (k lexKind) String() string {
	if k < numLexKinds {
		return lexKindNames[k]
	}
	return fmt.Sprintf("lexKind(%d)", uint8(k))
}

func parseLexKind(s string) (lexKind, error) {
	for i, n := range lexKindNames {
		if n == s {
			return lexKind(i), nil
		}
	}
	return 0, fmt.Errorf("unknown lexicon kind %q", s)
}

// lexEntry is everything the lexicon says about one word: a bit per kind
// and the value for that kind.
type lexEntry struct {
	kinds uint32
	val   [numLexKinds]int8
}

func (e lexEntry) is(k lexKind) bool { return e.kinds&(1<<k) != 0 }

func (e lexEntry) get(k lexKind) (int, bool) {
	if e.kinds&(1<<k) == 0 {
		return 0, false
	}
	return int(e.val[k]), true
}

// lexicon maps a lower-case word to its entry.
type lexicon map[string]*lexEntry

// parseLexicon reads the lexicon table; errors name the line.
func parseLexicon(src, name string) (lexicon, error) {
	lx := lexicon{}
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, fmt.Errorf("%s line %d: want 3 tab-separated fields, have %d", name, n, len(f))
		}
		k, err := parseLexKind(f[0])
		if err != nil {
			return nil, fmt.Errorf("%s line %d: %w", name, n, err)
		}
		v, err := strconv.Atoi(f[2])
		if err != nil || v < -128 || v > 127 {
			return nil, fmt.Errorf("%s line %d: value %q is not a small integer", name, n, f[2])
		}
		w := f[1]
		e := lx[w]
		if e == nil {
			e = &lexEntry{}
			lx[w] = e
		}
		e.kinds |= 1 << k
		e.val[k] = int8(v)
	}
	return lx, sc.Err()
}

// period is a named period or event ("the Cold War").
type period struct {
	id  string
	val value
}

// periodTrie maps word sequences (as the scanner splits them) to periods.
type periodTrie struct {
	next map[string]*periodTrie
	p    *period
}

func (t *periodTrie) add(words []string, p *period) {
	n := t
	for _, w := range words {
		if n.next == nil {
			n.next = map[string]*periodTrie{}
		}
		c := n.next[w]
		if c == nil {
			c = &periodTrie{}
			n.next[w] = c
		}
		n = c
	}
	if n.p == nil {
		n.p = p
	}
}

// parsePeriods reads the period table; errors name the line.
func parsePeriods(src, name string) (*periodTrie, []*period, error) {
	root := &periodTrie{}
	var all []*period
	sc := bufio.NewScanner(strings.NewReader(src))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			return nil, nil, fmt.Errorf("%s line %d: want 3 tab-separated fields, have %d", name, n, len(f))
		}
		v, err := parseValue(f[1])
		if err != nil {
			return nil, nil, fmt.Errorf("%s line %d: %w", name, n, err)
		}
		p := &period{id: f[0], val: v}
		all = append(all, p)
		for _, alias := range strings.Split(f[2], "|") {
			ws := scanWords(strings.ToLower(strings.TrimSpace(alias)), nil)
			if len(ws) == 0 {
				return nil, nil, fmt.Errorf("%s line %d: empty name", name, n)
			}
			words := make([]string, len(ws))
			for i, w := range ws {
				words[i] = w.low
			}
			root.add(words, p)
		}
	}
	return root, all, sc.Err()
}
