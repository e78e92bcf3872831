package actor

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode"
)

// ImportPETRARCH reads an actor or agent dictionary in PETRARCH/TABARI
// format and returns its entries, with every problem found (file, line,
// reason); bad lines are skipped, the rest is read.
//
// Actor files: a root phrase starts an entry ("VLADIMIR_PUTIN_", words
// joined by "_"), optionally followed by its code on the same line
// ("UNITED_STATES_ [USA]"); "+PHRASE" lines add synonyms; indented
// "[CODE dates]" lines add dated codes, where dates are "YYMMDD-YYMMDD",
// ">YYMMDD" (from), "<YYMMDD" (until) or the same with YYYYMMDD, and a code
// without dates is the default. Two-digit years up to 30 are 20YY, later
// ones 19YY. A root with no code takes the codes of the next root that
// has some (TABARI's grouping of variant spellings). The null code "[---]"
// makes an entry that matches but resolves to no code. "#" starts a comment
// and "<!-- ... -->" blocks, over any number of lines, are skipped.
//
// The field's stock files have a few faulty lines; they are read as far as
// sensible and each is reported: a date that cannot be read is dropped
// (the range keeps its other bound; a lone date "[X 20121204]" is a start),
// a range that ends before it starts drops its role, a code closed with
// "}" is read, a synonym with no words ("+++") is skipped. "[ELR/GAL]"
// gives one role for each code.
//
// Agent files (codes written "[~SEC]", or "[SEC~]" for an agent whose code
// goes before the actor's, as "[IGO~]"): "TROOP [~MIL]" is an agent whose
// plural is made regularly (TROOPS); "{PLURAL}" gives an irregular plural
// and "{}" none; "!SET!" in a phrase expands to each member of a
// substitution set declared as "!SET! = A, B, C".
//
// Ids are "petrarch:" and the first root phrase ("petrarch:VLADIMIR_PUTIN").
// Kinds are inferred: agent codes make agents; dated codes people; a bare
// three-letter code a state; IGO… an IGO; NGO… an organization; anything
// else a group. Phrases are matched without regard to case, except for
// short acronyms (three letters or fewer: "US", "UN") which must be
// capitalized as written.
func ImportPETRARCH(r io.Reader, name string) ([]*Entry, []error) {
	var (
		entries []*Entry
		errs    []error
		cur     *Entry   // the root being read
		pending []*Entry // roots without codes, waiting for the next coded root
		sets    = map[string][]string{}
		n       int
	)
	bad := func(format string, args ...any) {
		errs = append(errs, fmt.Errorf("%s:%d: %s", name, n, fmt.Sprintf(format, args...)))
	}
	// flush closes the current root: a root with codes takes the pending
	// uncoded roots as its synonyms; one without joins them.
	flush := func() {
		if cur == nil {
			return
		}
		if len(cur.Roles) == 0 && cur.Kind != KindAgent {
			pending = append(pending, cur)
			cur = nil
			return
		}
		for _, p := range pending {
			cur.Aliases = append(cur.Aliases, p.Name)
			cur.Aliases = append(cur.Aliases, p.Aliases...)
		}
		pending = nil
		finishPETRARCH(cur)
		entries = append(entries, cur)
		cur = nil
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 4<<20)
	inComment, commentLine := false, 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if inComment || strings.Contains(line, "<!--") {
			var opened bool
			line, inComment, opened = stripBlockComment(line, inComment)
			if opened {
				commentLine = n
			}
		}
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		if strings.TrimSpace(line) == "" {
			continue
		}
		trimmed := strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(trimmed, "!") && strings.Contains(trimmed, "="):
			set, members, _ := strings.Cut(trimmed, "=")
			for _, m := range strings.Split(members, ",") {
				if m = strings.TrimSpace(m); m != "" {
					sets[strings.TrimSpace(set)] = append(sets[strings.TrimSpace(set)], m)
				}
			}
		case strings.HasPrefix(trimmed, "+"):
			if cur == nil {
				bad("synonym %q outside an entry", trimmed)
				continue
			}
			phrase, codes := splitCodes(trimmed[1:])
			if strings.Trim(phrase, "+_ ") == "" {
				bad("synonym %q has no words; skipped", trimmed)
				continue
			}
			cur.Aliases = append(cur.Aliases, phraseWords(phrase))
			addCodes(cur, codes, bad)
		case strings.HasPrefix(trimmed, "[") && (line[0] == ' ' || line[0] == '\t' || cur != nil):
			if cur == nil {
				bad("code %q outside an entry", trimmed)
				continue
			}
			_, codes := splitCodes(trimmed)
			addCodes(cur, codes, bad)
		default:
			flush()
			phrase, codes := splitCodes(trimmed)
			phrase, plurals, hasPlural := cutPlural(phrase)
			if phrase == "" {
				bad("no phrase in %q", trimmed)
				continue
			}
			cur = &Entry{ID: "petrarch:" + strings.Trim(strings.ReplaceAll(phrase, " ", "_"), "_"), Source: fmt.Sprintf("%s:%d", name, n)}
			words := phraseWords(phrase)
			if strings.Contains(codes, "~") {
				cur.Kind = KindAgent
				cur.Forms = agentForms(words, plurals, hasPlural, sets)
				cur.Name = strings.ToLower(strings.ReplaceAll(words, "!", ""))
			} else {
				cur.Name = words
			}
			addCodes(cur, codes, bad)
		}
	}
	if err := sc.Err(); err != nil {
		bad("%v", err)
	}
	if inComment {
		n = commentLine
		bad("comment block <!-- is never closed; the rest of the file was skipped")
	}
	flush()
	for _, p := range pending {
		errs = append(errs, fmt.Errorf("%s: entry %s has no code", p.Source, p.ID))
	}
	return entries, errs
}

// splitCodes separates a line's phrase from its "[...]" codes.
func splitCodes(s string) (phrase, codes string) {
	if i := strings.IndexByte(s, '['); i >= 0 {
		return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i:])
	}
	return strings.TrimSpace(s), ""
}

// cutPlural removes an agent's "{PLURALS}" from its phrase.
func cutPlural(s string) (phrase, plurals string, has bool) {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return s, "", false
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return strings.TrimSpace(s[:i]), s[i+1:], true
	}
	return strings.TrimSpace(s[:i] + s[i+j+1:]), s[i+1 : i+j], true
}

// phraseWords turns "VLADIMIR_PUTIN_" into "VLADIMIR PUTIN".
func phraseWords(p string) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(p, "_", " ")), " ")
}

// addCodes parses "[CODE dates] [CODE]" into roles of e.
func addCodes(e *Entry, s string, bad func(string, ...any)) {
	for s != "" {
		i := strings.IndexByte(s, '[')
		if i < 0 {
			return
		}
		j := strings.IndexByte(s[i:], ']')
		if j < 0 {
			// "[~ENV}": a code closed with the wrong bracket is read.
			if k := strings.IndexByte(s[i:], '}'); k >= 0 && !strings.Contains(s[i+1:i+k], "[") {
				bad("code %q is closed with } instead of ]; read as [%s]", s[i:i+k+1], s[i+1:i+k])
				j = k
			} else {
				bad("unclosed code %q", s[i:])
				return
			}
		}
		body := strings.TrimSpace(s[i+1 : i+j])
		s = s[i+j+1:]
		code, dates, _ := strings.Cut(body, " ")
		code = strings.TrimPrefix(code, "~")
		if strings.HasSuffix(code, "~") {
			// "[IGO~]": an agent whose code goes before the actor's.
			code = strings.TrimSuffix(code, "~")
			e.Prefix = true
		}
		if code == "---" {
			// TABARI's null code: the phrase is known and codes as nothing.
			e.Roles = append(e.Roles, Role{})
			continue
		}
		// "ELR/GAL": alternative codes; each becomes a role.
		codes := strings.Split(code, "/")
		ok := true
		for _, c := range codes {
			if c == "" || strings.IndexFunc(c, func(r rune) bool { return !unicode.IsUpper(r) && !unicode.IsDigit(r) }) >= 0 {
				ok = false
			}
		}
		if !ok {
			bad("code %q: want uppercase letters", body)
			continue
		}
		dates = strings.TrimSpace(dates)
		p, err := petrarchPeriod(dates)
		if err != nil {
			salvaged, note, keep := salvagePeriod(dates)
			if !keep {
				bad("code [%s]: %v; role skipped", body, err)
				continue
			}
			bad("code [%s]: %v; %s", body, err, note)
			p = salvaged
		}
		for _, c := range codes {
			e.Roles = append(e.Roles, Role{Code: c, Period: p})
		}
	}
}

// salvagePeriod reads what it can of dates petrarchPeriod rejected: a lone
// date is a start; a range keeps its readable bound; unreadable dates
// leave the code undated. A range that ends before it starts is not kept
// (keep is false): which bound is wrong cannot be told.
func salvagePeriod(s string) (p Period, note string, keep bool) {
	if s == "" {
		return p, "", true
	}
	if s[0] != '>' && s[0] != '<' && !strings.Contains(s, "-") {
		if t, err := petrarchDate(s); err == nil {
			p.From = t
			return p, "read as >" + s, true
		}
		return p, "code kept without dates", true
	}
	if s[0] == '>' || s[0] == '<' {
		return p, "code kept without dates", true
	}
	a, b, _ := strings.Cut(s, "-")
	from, errA := petrarchDate(strings.TrimSpace(a))
	to, errB := petrarchDate(strings.TrimSpace(b))
	switch {
	case errA == nil && errB == nil:
		return p, "", false
	case errA == nil:
		p.From = from
		return p, "code kept from " + a, true
	case errB == nil:
		p.To = to.AddDate(0, 0, 1)
		return p, "code kept until " + b, true
	}
	return p, "code kept without dates", true
}

// stripBlockComment removes the "<!-- ... -->" parts of line, given
// whether a block is open when the line starts; it returns what is left,
// whether a block is still open after it, and whether one opened here.
func stripBlockComment(line string, in bool) (rest string, open, opened bool) {
	var b strings.Builder
	for {
		if in {
			k := strings.Index(line, "-->")
			if k < 0 {
				return b.String(), true, opened
			}
			line, in = line[k+3:], false
			continue
		}
		k := strings.Index(line, "<!--")
		if k < 0 {
			b.WriteString(line)
			return b.String(), false, opened
		}
		b.WriteString(line[:k])
		b.WriteByte(' ')
		line, in, opened = line[k+4:], true, true
	}
}

// petrarchPeriod reads "", "YYMMDD-YYMMDD", ">YYMMDD", "<YYMMDD" (or
// eight-digit dates).
func petrarchPeriod(s string) (Period, error) {
	var p Period
	var err error
	switch {
	case s == "":
	case s[0] == '>':
		p.From, err = petrarchDate(strings.TrimSpace(s[1:]))
	case s[0] == '<':
		var t time.Time
		if t, err = petrarchDate(strings.TrimSpace(s[1:])); err == nil {
			p.To = t
		}
	default:
		a, b, ok := strings.Cut(s, "-")
		if !ok {
			return p, fmt.Errorf("dates %q: want FROM-TO, >FROM or <TO", s)
		}
		if p.From, err = petrarchDate(a); err == nil {
			var t time.Time
			if t, err = petrarchDate(b); err == nil {
				p.To = t.AddDate(0, 0, 1)
			}
		}
		if err == nil && !p.From.Before(p.To) {
			err = fmt.Errorf("dates %q end before they start", s)
		}
	}
	return p, err
}

// petrarchDate reads YYMMDD (years up to 30 are 20YY) or YYYYMMDD.
func petrarchDate(s string) (time.Time, error) {
	if len(s) != 6 && len(s) != 8 {
		return time.Time{}, fmt.Errorf("date %q: want YYMMDD or YYYYMMDD", s)
	}
	v, err := strconv.Atoi(s)
	if err != nil || v < 0 {
		return time.Time{}, fmt.Errorf("date %q: want digits", s)
	}
	var y int
	if len(s) == 6 {
		y = v / 10000
		if y <= 30 {
			y += 2000
		} else {
			y += 1900
		}
	} else {
		y = v / 10000
	}
	m, d := v/100%100, v%100
	if m < 1 || m > 12 || d < 1 || d > daysIn(y, time.Month(m)) {
		return time.Time{}, fmt.Errorf("date %q: no such day", s)
	}
	return time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC), nil
}

// agentForms returns an agent's singular and plural forms, with
// substitution sets expanded.
func agentForms(words, plurals string, hasPlural bool, sets map[string][]string) []string {
	var forms []string
	for _, w := range expand(words, sets) {
		forms = append(forms, strings.ToLower(w))
		if !hasPlural {
			forms = append(forms, strings.ToLower(plural(w)))
		}
	}
	for _, p := range strings.Fields(plurals) {
		for _, w := range expand(phraseWords(p), sets) {
			forms = append(forms, strings.ToLower(w))
		}
	}
	return forms
}

// expand replaces the first "!SET!" in w by each member of the set.
func expand(w string, sets map[string][]string) []string {
	i := strings.IndexByte(w, '!')
	if i < 0 {
		return []string{w}
	}
	j := strings.IndexByte(w[i+1:], '!')
	if j < 0 {
		return []string{strings.ReplaceAll(w, "!", "")}
	}
	set := w[i : i+j+2]
	members, ok := sets[set]
	if !ok {
		return []string{strings.ReplaceAll(w, "!", "")}
	}
	var out []string
	for _, m := range members {
		out = append(out, expand(w[:i]+m+w[i+j+2:], sets)...)
	}
	return out
}

// plural makes the regular English plural of the last word of w.
func plural(w string) string {
	lw := strings.ToLower(w)
	switch {
	case strings.HasSuffix(lw, "s"), strings.HasSuffix(lw, "x"), strings.HasSuffix(lw, "ch"), strings.HasSuffix(lw, "sh"):
		return w + "ES"
	case strings.HasSuffix(lw, "y") && len(lw) > 1 && !strings.ContainsRune("aeiou", rune(lw[len(lw)-2])):
		return w[:len(w)-1] + "IES"
	}
	return w + "S"
}

// finishPETRARCH sets an imported entry's kind, code and case shapes.
func finishPETRARCH(e *Entry) {
	if e.Kind != KindAgent {
		dated := false
		for _, r := range e.Roles {
			if !r.Period.Open() {
				dated = true
			}
		}
		c := e.Roles[0].Code
		switch {
		case c == "":
			e.Kind, e.Roles = KindGroup, nil
		case dated:
			e.Kind = KindPerson
		case len(c) == 3 && len(e.Roles) == 1:
			e.Kind, e.Code, e.Country = KindState, c, c
		case strings.HasPrefix(c, "IGO"):
			e.Kind, e.Code = KindIGO, c
		case strings.HasPrefix(c, "NGO"):
			e.Kind, e.Code = KindOrganization, c
		default:
			e.Kind = KindGroup
		}
		e.Name = petrarchCase(e.Name)
		for i, a := range e.Aliases {
			e.Aliases[i] = petrarchCase(a)
		}
		return
	}
	if len(e.Roles) > 0 {
		e.Code = e.Roles[0].Code
		e.Roles = nil
	}
}

// petrarchCase makes an all-caps dictionary phrase match any case, except
// short acronyms ("US", "U.N."), which keep their capitals.
func petrarchCase(s string) string {
	letters := 0
	for _, r := range s {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if letters <= 3 && !strings.Contains(s, " ") {
		return s
	}
	words := strings.Fields(strings.ToLower(s))
	for i, w := range words {
		if w != "" {
			words[i] = strings.ToUpper(w[:1]) + w[1:]
		}
	}
	return strings.Join(words, " ")
}
