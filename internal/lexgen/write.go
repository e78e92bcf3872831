package lexgen

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"annals/internal/plover"
)

// Header is written at the top of the derived table. It names the format
// (the one event.LoadLexicon reads) and the sources' licences.
const Header = `# annals event lexicon: name=derived version=2
# Derived by "annals train lexicon" (internal/lexgen) from general sources; do not edit by hand:
# change the sources, the rules in internal/lexgen or its hand supplement, and rerun.
#   cameo-verbs:LINE  CAMEO.2.0.verbs.txt (PETRARCH2, MIT licence, Copyright (c) 2015 Open Event Data Alliance;
#                     see LICENSE.cameo-verbs beside this file), codes mapped to PLOVER by internal/plover
#   codebook:LINE     PLOVER_structured_codebook_updated.csv (the PLOVER codebook's mode definitions)
#   wordnet:NAME      WordNet 3.0 (Princeton University; see LICENSE.wordnet beside this file):
#                     noun forms (derivational links) and synonyms of the dictionary's event verbs
#   hand:LINE         internal/lexgen/data/supplement.tsv: general knowledge the sources lack
# One trigger a line. Columns (tab-separated):
#   trigger  lemma, or several words for a phrasal trigger ("shoot down", "call for")
#   pos      V (verb) or N (noun: nominal events like "threats", "shipments")
#   type     PLOVER event type
#   mode     PLOVER v0.8 mode, or - for none
#   cameo    CAMEO code
#   object   optional: the trigger only counts when its object's lemma is one of these (comma-separated); - for any;
#            @actor stands for any object that names an actor (a person, state, group),
#            @place for one that names a place or a state ("went to Moscow")
#   source   optional: where the line came from (shown by --explain)
# Lines are matched longest trigger first; a user file in the same format adds or overrides entries.
`

// Write writes rows in the lexicon format, after Header.
func Write(w io.Writer, rows []Row) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(Header)
	last := plover.NoType
	for i := range rows {
		r := &rows[i]
		if r.Type != last {
			fmt.Fprintf(bw, "# %s\n", r.Type)
			last = r.Type
		}
		pos := "V"
		if r.Noun {
			pos = "N"
		}
		mode, obj := r.Mode, strings.Join(r.Objects, ",")
		if mode == "" {
			mode = "-"
		}
		if obj == "" {
			obj = "-"
		}
		fmt.Fprintf(bw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.Phrase(), pos, r.Type, mode, r.CAMEO, obj, r.Source)
	}
	return bw.Flush()
}

// ParseSupplement reads the hand supplement: lines of the lexicon format
// (trigger, pos, type, mode, cameo, object) followed by a "# why" comment
// that every line must have. Errors name name:line.
func ParseSupplement(r io.Reader, name string) ([]Row, error) {
	sc := bufio.NewScanner(r)
	var out []Row
	var errs []string
	n := 0
	for sc.Scan() {
		n++
		s := sc.Text()
		if strings.HasPrefix(s, "#") || strings.TrimSpace(s) == "" {
			continue
		}
		body, why, ok := strings.Cut(s, "#")
		if !ok || strings.TrimSpace(why) == "" {
			errs = append(errs, fmt.Sprintf("%s:%d: a hand line needs a \"# why\" comment", name, n))
			continue
		}
		f := strings.Split(strings.TrimRight(body, " \t"), "\t")
		if len(f) < 5 {
			errs = append(errs, fmt.Sprintf("%s:%d: want trigger, pos, type, mode, cameo[, object]", name, n))
			continue
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		row := Row{Words: strings.Fields(strings.ToLower(f[0])), Noun: f[1] == "N", Source: fmt.Sprintf("hand:%d", n)}
		if f[1] != "N" && f[1] != "V" {
			errs = append(errs, fmt.Sprintf("%s:%d: pos %q: want V or N", name, n, f[1]))
			continue
		}
		t, err := plover.ParseType(f[2])
		if err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", name, n, err))
			continue
		}
		row.Type = t
		if f[3] != "-" {
			if !plover.ValidMode(t, f[3]) {
				errs = append(errs, fmt.Sprintf("%s:%d: mode %q is not a PLOVER mode of %s", name, n, f[3], t))
				continue
			}
			row.Mode = f[3]
		}
		if _, ok := plover.Default().CAMEO(f[4]); !ok {
			errs = append(errs, fmt.Sprintf("%s:%d: unknown CAMEO code %q", name, n, f[4]))
			continue
		}
		row.CAMEO = f[4]
		if len(f) > 5 && f[5] != "-" && f[5] != "" {
			row.Objects = strings.Split(f[5], ",")
		}
		if len(row.Words) == 0 {
			errs = append(errs, fmt.Sprintf("%s:%d: empty trigger", name, n))
			continue
		}
		out = append(out, row)
	}
	if len(errs) > 0 {
		return out, fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return out, sc.Err()
}
