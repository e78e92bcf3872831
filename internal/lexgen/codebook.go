package lexgen

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"

	"annals/internal/plover"
	"annals/internal/wordnet"
)

// CodebookRow is one row of the PLOVER structured codebook (columns event,
// mode, event_def, mode_def, extraction_notes).
type CodebookRow struct {
	Type    plover.Type
	Mode    string // "" for none
	ModeDef string
	Line    int
}

// ReadCodebook reads the PLOVER structured codebook CSV. A row it cannot
// use is reported as name:line: reason and skipped.
func ReadCodebook(r io.Reader, name string) ([]CodebookRow, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", name, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(strings.TrimPrefix(h, "\ufeff"))] = i
	}
	for _, c := range []string{"event", "mode", "mode_def"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s:1: no %q column", name, c)
		}
	}
	var out []CodebookRow
	var errs []error
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		line, _ := cr.FieldPos(0)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			if _, ok := err.(*csv.ParseError); ok {
				continue
			}
			break
		}
		get := func(c string) string {
			if i := col[c]; i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		t, err := plover.ParseType(get("event"))
		if err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %w", name, line, err))
			continue
		}
		m := get("mode")
		if m != "" && !plover.ValidMode(t, m) {
			errs = append(errs, fmt.Errorf("%s:%d: mode %q is not a PLOVER mode of %s", name, line, m, t))
			continue
		}
		out = append(out, CodebookRow{Type: t, Mode: m, ModeDef: get("mode_def"), Line: line})
	}
	return out, errors.Join(errs...)
}

// lightVerbs carry little meaning of their own; the codebook's definitions
// start with them ("Make a request", "Engage in cyber attacks"), and their
// event is in the noun that follows.
var lightVerbs = map[string]bool{
	"be": true, "have": true, "do": true, "make": true, "take": true, "give": true, "get": true,
	"use": true, "engage": true, "provide": true, "find": true, "impose": true, "increase": true,
	"indicate": true, "express": true, "initiate": true, "resume": true, "improve": true,
	"expand": true, "implement": true, "allow": true, "carry": true, "include": true,
	"discuss": true, "promise": true, "agree": true, "reject": true, "threaten": true,
	"request": true, "ask": true, "enter": true, "executing": true, "attack": true,
}

// codebook applies rule 6: the first word of each clause of a mode
// definition, when it is a verb (and not a light one), triggers the row's
// type and mode. Clauses are separated by punctuation, "or" and "and".
func (d *deriver) codebook() {
	wn := d.in.WordNet
	for _, cr := range d.in.Codebook {
		if cr.Mode == "" {
			continue // a type's general description names no one event
		}
		for i, clause := range firstClauses(cr.ModeDef) {
			if i > 0 && len(clause) > 0 && i-1 >= 0 && len(firstClauses(cr.ModeDef)[i-1]) != 1 {
				break // only "Abduct or kidnap ...": a lone verb, then another
			}
			w := clause[0]
			lemmas := wn.Lemmas(w, wordnet.Verb)
			if len(lemmas) == 0 {
				continue
			}
			l := lemmas[0]
			if lightVerbs[l] || l != w && !strings.HasSuffix(w, "ing") {
				continue // a light verb, or an inflected word ("Instances of")
			}
			if len(clause) > 1 && wn.Has(w+" "+clause[1], wordnet.Noun) {
				continue // the first word of a compound noun ("hunger strike")
			}
			if len(clause) > 1 && functionWords[clause[1]] {
				continue // a phrase whose meaning needs the rest ("bring to trial")
			}
			code := d.onto.Nearest(cr.Type, cr.Mode, nil)
			if code.CAMEO == "" {
				continue
			}
			d.put(Row{Words: []string{l}, Type: cr.Type, Mode: cr.Mode, CAMEO: code.CAMEO,
				Source: fmt.Sprintf("codebook:%d", cr.Line), rank: rankCodebook})
		}
	}
}

// firstClauses splits the definition's text before its first punctuation
// mark into word lists at the conjunctions "or" and "and", lowercased:
// "Abduct or kidnap people" gives [abduct] [kidnap people]. Later text
// lists examples ("including tear gas, water cannons"), not verbs.
func firstClauses(s string) [][]string {
	if i := strings.IndexAny(s, ",;:.(\""); i >= 0 {
		s = s[:i]
	}
	return clauses(s)
}

// clauses splits a definition into word lists at punctuation and at the
// conjunctions "or" and "and", lowercased.
func clauses(s string) [][]string {
	var out [][]string
	var cur []string
	flush := func() {
		if len(cur) > 0 {
			out = append(out, cur)
		}
		cur = nil
	}
	for _, f := range strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return unicode.IsSpace(r) }) {
		end := strings.IndexAny(f, ",;:.()\"") >= 0
		w := strings.Trim(f, ",;:.()\"'")
		if w == "or" || w == "and" {
			flush()
			continue
		}
		if w != "" {
			cur = append(cur, w)
		}
		if end {
			flush()
		}
	}
	flush()
	return out
}
