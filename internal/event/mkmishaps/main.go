// Command mkmishaps derives internal/event/data/mishaps.tsv from WordNet
// 3.0: the nouns that name harm without an agent (natural phenomena,
// illness, accidents and mishaps, fires), which make "killed in the flood"
// or "the storm injured three" no assault. Run from internal/event:
//
//	go run ./mkmishaps [-wordnet /usr/share/wordnet] > data/mishaps.tsv
//
// (go generate does this; scripts/wordnet.sh installs WordNet.)
package main

import (
	"bufio"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"annals/internal/wordnet"
)

// roots are the synsets (word, sense rank) whose hyponyms are agentless
// causes of harm.
var roots = []wordnet.Sense{
	{Word: "geological phenomenon", Rank: 1},  // floods, earthquakes
	{Word: "atmospheric phenomenon", Rank: 1}, // storms, hurricanes, heat waves
	{Word: "ill health", Rank: 1},             // diseases, epidemics
	{Word: "misadventure", Rank: 1},           // accidents, crashes, collisions
	{Word: "calamity", Rank: 1},               // disasters: tsunamis, famines
	{Word: "epidemic", Rank: 1},               // epidemics, pandemics
	{Word: "landslide", Rank: 2},              // landslides, mudslides, rockslides
	{Word: "slide", Rank: 2},                  // (geology) a mass of earth, rock or snow sliding down: avalanches
	{Word: "volcanic eruption", Rank: 1},      // eruptions
	{Word: "fire", Rank: 1},                   // the event of something burning
}

// agentive are lexicographer files of nouns that name agents or deeds
// (noun.act 4, noun.group 14, noun.person 18): a noun whose usual sense is
// one of them ("attack", "stampede", "crew") is never a mishap.
var agentive = []int{4, 14, 18}

func main() {
	dir := flag.String("wordnet", "/usr/share/wordnet", "WordNet 3.0 database folder")
	flag.Parse()
	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "mkmishaps:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	db, err := wordnet.Open(dir)
	if err != nil {
		return err
	}
	root, err := db.Senses(wordnet.Noun, roots)
	if err != nil {
		return err
	}
	f, err := os.Open(filepath.Join(dir, "index.noun"))
	if err != nil {
		return err
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<16), 1<<20)
	for sc.Scan() {
		l := sc.Text()
		if l == "" || l[0] == ' ' {
			continue // the licence header
		}
		lemma := strings.ReplaceAll(strings.Fields(l)[0], "_", " ")
		ss := db.Synsets(lemma, wordnet.Noun)
		if len(ss) == 0 || slices.Contains(agentive, ss[0].LexFile) {
			continue
		}
		// The usual sense or the next one is a kind of a root.
		for rank, s := range ss[:min(2, len(ss))] {
			from := ""
			if r, ok := root[s.Ref]; ok {
				from = r
			}
			for _, h := range db.Hypernyms(s, 16) {
				if r, ok := root[h.Ref]; ok && from == "" {
					from = r
				}
			}
			if from != "" {
				lines = append(lines, fmt.Sprintf("%s\t%s\t%s", lemma, wordnet.Name(lemma, wordnet.Noun, rank+1), from))
				break
			}
		}
	}
	if err := sc.Err(); err != nil {
		return err
	}
	slices.Sort(lines)
	w := bufio.NewWriter(os.Stdout)
	fmt.Fprintf(w, "# Nouns that name harm without an agent, derived from WordNet 3.0 by\n# internal/event/mkmishaps (see LICENSE.wordnet): a noun whose usual sense\n# or the next one is a kind of %s,\n# and whose usual sense names no act, group or person.\n# Columns: noun, the sense, the root it falls under.\n", strings.Join(slices.Sorted(mapValues(root)), ", "))
	for _, l := range lines {
		fmt.Fprintln(w, l)
	}
	return w.Flush()
}

func mapValues(m map[wordnet.Ref]string) func(func(string) bool) {
	return func(yield func(string) bool) {
		for _, v := range m {
			if !yield(v) {
				return
			}
		}
	}
}
