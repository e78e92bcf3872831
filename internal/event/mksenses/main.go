// Command mksenses derives internal/event/data/senses.tsv from WordNet 3.0:
// the word knowledge the sense rules of internal/event read (sense.go).
// Run from internal/event:
//
//	go run ./mksenses [-wordnet /usr/share/wordnet] > data/senses.tsv
//
// (go generate does this; scripts/wordnet.sh installs WordNet.) Three kinds
// of rows:
//
//   - sport: nouns whose usual sense (or, when the usual one names an
//     object, the next) belongs to sport and games: a kind of sport,
//     athletic contest, game, match or tournament, or a word whose sense,
//     or a sense it is a kind of, has one of these as its WordNet topic
//     domain ("free kick" is soccer's). A force verb whose clause is about
//     such a thing is play, not violence ("attacked in the second half").
//   - player: nouns whose usual sense is an athlete, a player, a team or sports equipment:
//     signs that a text is about sport ("the goalkeeper", "the racket"),
//     though not a game by themselves.
//   - abstract: one-word nouns whose usual sense is a state, feeling,
//     thought, process, relation or time, and no sense a being, group,
//     place, thing, substance or possession: force used on them is a figure
//     ("fought poverty", "seized the chance").
//   - state: the nouns of ASSAULT triggers in the lexicon whose usual sense
//     is a state, not an act ("injury"): harm suffered, not harm done.
//   - phrasal: an irregular past form that is also another verb's base form,
//     where only that other verb makes a phrasal verb with the particle:
//     "wound up" is "wind up", never "wound" + "up".
package main

import (
	"bufio"
	"flag"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"annals/internal/wordnet"
)

// sportRoots are the synsets (word, sense rank) that are sport and games.
// Players, teams and gear are left out: "a team of inspectors" or a
// "striker" can be attacked in earnest; a match cannot.
var sportRoots = []wordnet.Sense{
	{Word: "sport", Rank: 1},            // athletics: soccer, tennis, boxing ...
	{Word: "athletic contest", Rank: 1}, // races, meets
	{Word: "game", Rank: 1},             // a contest with rules to determine a winner
	{Word: "game", Rank: 2},             // a single play of a sport
	{Word: "match", Rank: 2},            // a formal contest of persons or teams
	{Word: "tournament", Rank: 1},       // championships, cups
	{Word: "playoff", Rank: 1},          // a final game to break a tie
	{Word: "playing field", Rank: 1},    // pitches, courts
	{Word: "score", Rank: 1},            // goals, points, runs
}

// playerRoots are the synsets of the people, sides and gear of sport:
// words that tell that a text is about sport (a "goalkeeper", a
// "racket"), though a sentence can attack one in earnest.
var playerRoots = []wordnet.Sense{
	{Word: "athlete", Rank: 1},          // footballers, sprinters, goalkeepers
	{Word: "player", Rank: 1},           // one who takes part in a game
	{Word: "sports equipment", Rank: 1}, // balls, rackets, goalposts
	{Word: "team", Rank: 1},             // sides: "the home team", "the hockey team"
}

// abstractFiles are the lexicographer files of nouns that name no thing,
// place or being that force could be used on: a chance, a problem, a
// feeling, a rivalry, a process. (Attributes such as "power" and
// "control" are left out: an army seizes power.)
var abstractFiles = map[int]string{
	9:  "noun.cognition",
	12: "noun.feeling",
	22: "noun.process",
	24: "noun.relation",
	26: "noun.state",
	28: "noun.time",
}

// concreteFiles are the lexicographer files of nouns for beings, groups,
// places and things: a noun with any such sense ("gas" is a state of
// matter first, but also a substance) is not abstract.
var concreteFiles = []int{5, 6, 8, 13, 14, 15, 17, 18, 20, 21, 27}

func concrete(s *wordnet.Synset) bool { return slices.Contains(concreteFiles, s.LexFile) }

// domainPtr is WordNet's pointer to a synset's topic domain.
const domainPtr = ";c"

// lexicographer files: noun.act, noun.artifact, noun.group, noun.person, noun.state.
const (
	lexAct      = 4
	lexArtifact = 6
	lexState    = 26
)

// particles are the adverbs that make phrasal verbs.
var particles = []string{"up", "down", "out", "off", "in", "on", "away", "over", "back", "about", "around", "through"}

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 database folder")
	lex := flag.String("lexicon", "data/lexicon.tsv", "the event lexicon whose ASSAULT nouns are checked")
	flag.Parse()
	if err := run(*dir, *lex); err != nil {
		fmt.Fprintln(os.Stderr, "mksenses:", err)
		os.Exit(1)
	}
}

func run(dir, lexicon string) error {
	db, err := wordnet.Open(dir)
	if err != nil {
		return err
	}
	root, err := db.Senses(wordnet.Noun, sportRoots)
	if err != nil {
		return err
	}
	// under reports the sport root s is, or is a kind of.
	under := func(s *wordnet.Synset) string {
		if r, ok := root[s.Ref]; ok {
			return r
		}
		for _, h := range db.Hypernyms(s, 16) {
			if r, ok := root[h.Ref]; ok {
				return r
			}
		}
		return ""
	}
	// sporting reports why s belongs to sport: it is a kind of a root, or
	// it or a synset it is a kind of has a sport as its topic domain.
	sporting := func(s *wordnet.Synset) string {
		if r := under(s); r != "" {
			return r
		}
		for _, x := range append([]*wordnet.Synset{s}, db.Hypernyms(s, 4)...) {
			for _, p := range x.Pointers {
				if p.Symbol != domainPtr {
					continue
				}
				if d := db.Synset(p.To); d != nil && under(d) != "" {
					return "domain:" + wordnet.Name(d.Words[0], wordnet.Noun, db.Rank(d.Words[0], d.Ref))
				}
			}
		}
		return ""
	}
	var lines []string
	nouns, err := indexLemmas(filepath.Join(dir, "index.noun"))
	if err != nil {
		return err
	}
	for _, lemma := range nouns {
		ss := db.Synsets(lemma, wordnet.Noun)
		if len(ss) == 0 {
			continue
		}
		// The usual sense; the next one only when the usual one is a
		// thing ("match": a matchstick first, a contest next).
		n := 1
		if ss[0].LexFile == lexArtifact && len(ss) > 1 {
			n = 2
		}
		for rank, s := range ss[:n] {
			if instance(s) {
				break // a person's or a place's name ("Ruth", "Hillary")
			}
			if why := sporting(s); why != "" {
				lines = append(lines, fmt.Sprintf("sport\t%s\t%s\t%s", lemma, wordnet.Name(lemma, wordnet.Noun, rank+1), why))
				break
			}
		}
	}
	player, err := db.Senses(wordnet.Noun, playerRoots)
	if err != nil {
		return err
	}
	for _, lemma := range nouns {
		ss := db.Synsets(lemma, wordnet.Noun)
		if len(ss) == 0 || instance(ss[0]) {
			continue
		}
		for _, h := range append([]*wordnet.Synset{ss[0]}, db.Hypernyms(ss[0], 16)...) {
			if _, ok := player[h.Ref]; ok {
				lines = append(lines, fmt.Sprintf("player\t%s\t%s\t%s", lemma, wordnet.Name(lemma, wordnet.Noun, 1), wordnet.Name(h.Words[0], wordnet.Noun, db.Rank(h.Words[0], h.Ref))))
				break
			}
		}
	}
	for _, lemma := range nouns {
		if strings.Contains(lemma, " ") {
			continue
		}
		ss := db.Synsets(lemma, wordnet.Noun)
		if len(ss) == 0 {
			continue
		}
		if name, ok := abstractFiles[ss[0].LexFile]; ok && !slices.ContainsFunc(ss, concrete) {
			lines = append(lines, fmt.Sprintf("abstract\t%s\t%s\t%s", lemma, wordnet.Name(lemma, wordnet.Noun, 1), name))
		}
	}
	harm, err := assaultNouns(lexicon)
	if err != nil {
		return err
	}
	for _, w := range harm {
		ss := db.Synsets(w, wordnet.Noun)
		if len(ss) > 0 && ss[0].LexFile == lexState {
			lines = append(lines, fmt.Sprintf("state\t%s\t%s\tnoun.state", w, wordnet.Name(w, wordnet.Noun, 1)))
		}
	}
	exc, err := exceptions(filepath.Join(dir, "verb.exc"))
	if err != nil {
		return err
	}
	for _, e := range exc {
		form, lemma := e[0], e[1]
		if form == lemma || !db.Has(form, wordnet.Verb) {
			continue
		}
		for _, p := range particles {
			if db.Has(lemma+" "+p, wordnet.Verb) && !db.Has(form+" "+p, wordnet.Verb) {
				lines = append(lines, fmt.Sprintf("phrasal\t%s %s\t%s\t%s", form, p, wordnet.Name(lemma+" "+p, wordnet.Verb, 1), lemma))
			}
		}
	}
	slices.Sort(lines)
	lines = slices.Compact(lines)
	w := bufio.NewWriter(os.Stdout)
	names := make([]string, 0, len(root))
	for _, v := range root {
		names = append(names, v)
	}
	slices.Sort(names)
	fmt.Fprintf(w, "# Word senses for the sense rules of internal/event (sense.go), derived from\n"+
		"# WordNet 3.0 by internal/event/mksenses (see LICENSE.wordnet); do not edit by hand.\n"+
		"# Columns: kind, word, the WordNet sense, why.\n"+
		"#   sport    a noun whose usual sense (the next, when the usual one is a thing)\n"+
		"#            is a kind of %s,\n"+
		"#            or has one of these (or a kind of one) as its topic domain\n"+
		"#   player   a noun whose usual sense is a kind of athlete.n.01, player.n.01, sports_equipment.n.01 or team.n.01\n"+
		"#            (a sign that a text is about sport, not a game by itself)\n"+
		"#   abstract a one-word noun whose usual sense is a %s,\n"+
		"#            and no sense a being, group, place, thing, substance or possession\n"+
		"#            (force used on it is a figure: \"fought poverty\", \"seized the chance\")\n"+
		"#   state    an ASSAULT noun of lexicon.tsv whose usual sense is a state (harm suffered)\n"+
		"#   phrasal  an irregular past form + particle that only the other verb makes\n"+
		"#            (the last column) into a phrasal verb\n", strings.Join(names, ", "), strings.Join(slices.Sorted(maps.Values(abstractFiles)), ", "))
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	return w.Flush()
}

// instance reports whether s is an instance (a named person, place or
// event), not a kind.
func instance(s *wordnet.Synset) bool {
	for _, p := range s.Pointers {
		if p.Symbol == wordnet.InstanceHyp {
			return true
		}
	}
	return false
}

// indexLemmas returns the lemmas of a WordNet index file, spaces for
// underscores.
func indexLemmas(path string) ([]string, error) {
	var out []string
	err := eachLine(path, func(l string) {
		if l != "" && l[0] != ' ' {
			out = append(out, strings.ReplaceAll(strings.Fields(l)[0], "_", " "))
		}
	})
	return out, err
}

// exceptions returns the (inflected form, lemma) pairs of a WordNet
// exception list.
func exceptions(path string) ([][2]string, error) {
	var out [][2]string
	err := eachLine(path, func(l string) {
		f := strings.Fields(l)
		for _, x := range f[min(1, len(f)):] {
			out = append(out, [2]string{strings.ReplaceAll(f[0], "_", " "), strings.ReplaceAll(x, "_", " ")})
		}
	})
	return out, err
}

// assaultNouns returns the one-word nominal ASSAULT triggers of the event
// lexicon.
func assaultNouns(path string) ([]string, error) {
	var out []string
	err := eachLine(path, func(l string) {
		f := strings.Split(l, "\t")
		if len(f) > 2 && f[1] == "N" && f[2] == "ASSAULT" && !strings.Contains(f[0], " ") {
			out = append(out, f[0])
		}
	})
	slices.Sort(out)
	return slices.Compact(out), err
}

func eachLine(path string, fn func(string)) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		if l := sc.Text(); !strings.HasPrefix(l, "#") {
			fn(l)
		}
	}
	return sc.Err()
}
