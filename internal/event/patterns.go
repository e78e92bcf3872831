package event

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"annals/internal/plover"
	"annals/internal/text"
	"annals/internal/verbdict"
)

// A verb dictionary (PETRARCH/TABARI format, read by internal/verbdict)
// adds to a lexicon; it supplements the lexicon's own entries, which are
// tried first for a word:
//
//   - for each verb with patterns, a selector entry, tried after the
//     lexicon's entries for the verb: the first of the verb's patterns
//     (most specific first) whose words are found around the verb, within
//     its clause, gives the event; a matching pattern with the null code,
//     or with a code PLOVER has no event for, stops the verb from making an
//     event; when none matches, the next entries are tried;
//   - for each verb whose code (its own or its block's) has a PLOVER type,
//     a plain entry, tried last.
//
// A pattern's "$" and "+" slots then pick the source and target (the noun
// at the slot's place), and a reverse-only code ("[:042]") trades them. As
// in PETRARCH, an event from the dictionary is kept only with a coded
// actor on both sides.

// windowAfter and windowBefore bound how far from the verb a pattern's
// words are looked for (the verb's clause bounds them too).
const (
	windowAfter  = 10
	windowBefore = 6
)

// verbRule is the patterns of one dictionary verb.
type verbRule struct {
	patterns []*dictPattern // most specific first
}

// dictPattern is one pattern, compiled: sets expanded, words lowercased.
type dictPattern struct {
	before, after []pElem
	entry         *Entry // the event it gives; nil when it gives none
	swap          bool   // the code is the reverse one ([:173]): source and target trade places
	weight        int    // literal words, for ordering
}

type pElem struct {
	kind  verbdict.ElemKind
	terms []verbdict.Term // a word, or the members of a set
	// first indexes terms by every form their first word may take in
	// text (the word and, unless exact, its inflections), so a token is
	// checked against the few terms it can start.
	first map[string][]int
	items []pElem // prepositional and noun phrases
}

// indexTerms builds pElem.first.
func indexTerms(terms []verbdict.Term) map[string][]int {
	m := map[string][]int{}
	for i, t := range terms {
		w := t.Words[0]
		forms := []string{w}
		if !t.Exact {
			forms = append(inflect(w, false), plural(w))
		}
		for _, f := range forms {
			if l := m[f]; len(l) == 0 || l[len(l)-1] != i {
				m[f] = append(l, i)
			}
		}
	}
	return m
}

// VerbStats counts what a verb dictionary added to a lexicon.
type VerbStats struct {
	Verbs         int            // verbs read
	Entries       int            // verb lemmas with an event of their own
	Patterns      int            // patterns read
	Used          int            // patterns that give a PLOVER event
	Null          int            // patterns with the null code: they stop the verb
	NoPLOVER      int            // patterns whose code has no PLOVER event (they stop the verb, as null ones do)
	NoPLOVERCode  map[string]int // those patterns' codes, with their counts
	NoPLOVERVerbs int            // verbs whose own code has no PLOVER event
}

// LoadVerbs reads a verb dictionary and returns a lexicon of its verbs and
// patterns (merge it over another with Merge), what it holds, and one
// error per line that could not be read ("file:line: reason").
func LoadVerbs(r io.Reader, name string, onto *plover.Ontology) (*Lexicon, VerbStats, []error) {
	if onto == nil {
		onto = plover.Default()
	}
	d, errs := verbdict.Parse(r, name)
	st := VerbStats{NoPLOVERCode: map[string]int{}}
	l := &Lexicon{Name: strings.TrimSuffix(shortName(name), ".txt"), Version: "0", byFirst: map[string][]*Entry{}, forms: map[string][]string{}}

	// One rule and one plain entry per verb lemma, whatever blocks list it.
	type verbInfo struct {
		words    []string
		rule     *verbRule
		plain    *Entry
		seenPats map[*verbdict.Pattern]bool
	}
	byLemma := map[string]*verbInfo{}
	var order []string
	entryFor := func(words []string, code string, line int) (*Entry, bool) {
		c, ok := onto.CAMEO(code)
		if !ok || c.Type == plover.NoType {
			return nil, false
		}
		return &Entry{Words: words, Type: c.Type, Mode: c.Mode, CAMEO: c.CAMEO, Source: fmt.Sprintf("%s:%d", shortName(name), line)}, true
	}
	st.Verbs = len(d.Verbs)
	st.Patterns = d.Patterns()
	for _, v := range d.Verbs {
		lemma := v.Lemma()
		vi := byLemma[lemma]
		if vi == nil {
			vi = &verbInfo{words: v.Words, rule: &verbRule{}, seenPats: map[*verbdict.Pattern]bool{}}
			byLemma[lemma] = vi
			order = append(order, lemma)
		}
		if vi.plain == nil && v.Code.Primary != "" {
			if e, ok := entryFor(v.Words, v.Code.Primary, v.Line); ok {
				e.verbDef = true
				vi.plain = e
			} else if v.OwnCode {
				st.NoPLOVERVerbs++
			}
		}
		// Irregular forms are known to the lexicon's form index.
		if v.Irregular && len(v.Words) == 1 {
			for _, f := range v.Forms {
				if len(f) == 1 && !contains(l.forms[f[0]], v.Words[0]) {
					l.forms[f[0]] = append(l.forms[f[0]], v.Words[0])
				}
			}
		}
		for _, p := range d.Blocks[v.Block].Patterns {
			if vi.seenPats[p] {
				continue
			}
			vi.seenPats[p] = true
			dp := &dictPattern{before: compileElems(d, p.Before), after: compileElems(d, p.After)}
			dp.weight = weight(dp.before) + weight(dp.after)
			code := p.Code.Primary
			if code == "" && p.Code.Reverse != "" {
				code, dp.swap = p.Code.Reverse, true
			}
			if code != "" {
				if e, ok := entryFor(v.Words, code, p.Line); ok {
					e.pattern = dp
					dp.entry = e
				}
			}
			vi.rule.patterns = append(vi.rule.patterns, dp)
		}
	}
	counted := map[*verbdict.Pattern]bool{}
	for _, b := range d.Blocks {
		for _, p := range b.Patterns {
			if counted[p] {
				continue
			}
			counted[p] = true
			code := p.Code.Primary
			if code == "" {
				code = p.Code.Reverse
			}
			if code == "" {
				st.Null++
			} else if c, ok := onto.CAMEO(code); !ok || c.Type == plover.NoType {
				st.NoPLOVER++
				st.NoPLOVERCode[code]++
			} else {
				st.Used++
			}
		}
	}
	for _, lemma := range order {
		vi := byLemma[lemma]
		if len(vi.rule.patterns) > 0 {
			sort.SliceStable(vi.rule.patterns, func(i, j int) bool { return vi.rule.patterns[i].weight > vi.rule.patterns[j].weight })
			l.add(&Entry{Words: vi.words, Source: fmt.Sprintf("%s (patterns of %s)", shortName(name), lemma), rule: vi.rule})
		}
		if vi.plain != nil {
			st.Entries++
			l.add(vi.plain)
		}
	}
	return l, st, errs
}

func shortName(p string) string {
	if i := strings.LastIndexAny(p, `/\`); i >= 0 {
		return p[i+1:]
	}
	return p
}

func compileElems(d *verbdict.Dict, es []verbdict.Elem) []pElem {
	var out []pElem
	for _, e := range es {
		pe := pElem{kind: e.Kind}
		switch e.Kind {
		case verbdict.ElemWord:
			pe.terms = []verbdict.Term{e.Term}
			pe.first = indexTerms(pe.terms)
		case verbdict.ElemSet:
			pe.kind = verbdict.ElemWord
			if s, ok := d.Set(e.Set); ok {
				pe.terms = s.Members
			}
			pe.first = indexTerms(pe.terms)
		case verbdict.ElemPrep, verbdict.ElemNoun:
			pe.items = compileElems(d, e.Items)
		}
		out = append(out, pe)
	}
	return out
}

func weight(es []pElem) int {
	n := 0
	for _, e := range es {
		switch e.kind {
		case verbdict.ElemWord:
			n++
		case verbdict.ElemPrep, verbdict.ElemNoun:
			n += weight(e.items)
		}
	}
	return n
}

// matchRule returns the entry of the first of r's patterns found around
// the trigger t..last, and whether the search should stop there (a
// pattern matched: its entry, or nil for no event).
func (s *sentenceView) matchRule(r *verbRule, t, last text.TokenID) (*Entry, bool) {
	for _, p := range r.patterns {
		if _, _, ok := s.matchPattern(p, t, last); ok {
			return p.entry, true
		}
	}
	return nil, false
}

// matchPattern reports whether p's words are around the trigger and where
// its source and target slots fall (NoToken when it has none).
func (s *sentenceView) matchPattern(p *dictPattern, t, last text.TokenID) (src, tgt text.TokenID, ok bool) {
	src, tgt = text.NoToken, text.NoToken
	slots := func(k verbdict.ElemKind, at text.TokenID) {
		switch k {
		case verbdict.ElemSource:
			src = at
		case verbdict.ElemTarget:
			tgt = at
		}
	}
	// After the verb: elements in order, gaps allowed.
	limit := s.clauseEnd(last+1, min(s.end, last+1+windowAfter))
	pos := last + 1
	for _, e := range p.after {
		next, found := s.findForward(e, pos, limit, true, slots)
		if !found {
			return src, tgt, false
		}
		pos = next
	}
	// Before the verb: elements in reverse order, each ending before the
	// next one's start.
	lo := s.clauseStart(t, max(s.first, t-windowBefore))
	end := t
	for i := len(p.before) - 1; i >= 0; i-- {
		start, found := s.findBackward(p.before[i], lo, end, slots)
		if !found {
			return src, tgt, false
		}
		end = start
	}
	return src, tgt, true
}

// findForward finds e at or after pos (before limit) and returns the
// position after it. With gaps false, e must start at pos.
func (s *sentenceView) findForward(e pElem, pos, limit text.TokenID, gaps bool, slot func(verbdict.ElemKind, text.TokenID)) (text.TokenID, bool) {
	switch e.kind {
	case verbdict.ElemSource, verbdict.ElemTarget:
		slot(e.kind, pos)
		return pos, true
	case verbdict.ElemSkip, verbdict.ElemCompound:
		return pos, true
	}
	for start := pos; start < limit; start++ {
		if end, ok := s.matchAt(e, start, limit, slot); ok {
			return end, true
		}
		if !gaps {
			break
		}
	}
	return pos, false
}

// findBackward finds e ending at or before end (starting at or after lo)
// and returns its start.
func (s *sentenceView) findBackward(e pElem, lo, end text.TokenID, slot func(verbdict.ElemKind, text.TokenID)) (text.TokenID, bool) {
	switch e.kind {
	case verbdict.ElemSource, verbdict.ElemTarget:
		// The actor is the nearest noun before end.
		for k := end - 1; k >= lo; k-- {
			if s.doc.Tokens[k].UPOS.Nominal() {
				slot(e.kind, k)
				return k, true
			}
		}
		slot(e.kind, max(lo, end-1))
		return end, true
	case verbdict.ElemSkip, verbdict.ElemCompound:
		return end, true
	}
	for start := end - 1; start >= lo; start-- {
		if stop, ok := s.matchAt(e, start, end, slot); ok && stop <= end {
			return start, true
		}
	}
	return end, false
}

// matchAt matches e starting exactly at start and returns where it ends.
func (s *sentenceView) matchAt(e pElem, start, limit text.TokenID, slot func(verbdict.ElemKind, text.TokenID)) (text.TokenID, bool) {
	switch e.kind {
	case verbdict.ElemWord:
		if start >= limit {
			return start, false
		}
		lemma, form := s.lemma(start), s.form(start)
		for _, key := range [2]string{form, lemma} {
			for _, i := range e.first[key] {
				if end, ok := s.matchTerm(e.terms[i], start, limit); ok {
					return end, true
				}
			}
			if lemma == form {
				break
			}
		}
		return start, false
	case verbdict.ElemPrep, verbdict.ElemNoun:
		// The first item starts the phrase; a prepositional phrase lets a
		// few words stand between its items ("to the border"), a noun
		// phrase does not.
		pos := start
		for i, it := range e.items {
			var ok bool
			if i == 0 {
				if it.kind == verbdict.ElemSource || it.kind == verbdict.ElemTarget {
					slot(it.kind, pos)
					continue
				}
				pos, ok = s.matchAt(it, pos, limit, slot)
			} else {
				lim := limit
				if e.kind == verbdict.ElemPrep {
					lim = min(limit, pos+4)
				}
				pos, ok = s.findForward(it, pos, lim, e.kind == verbdict.ElemPrep, slot)
			}
			if !ok {
				return start, false
			}
		}
		return pos, true
	}
	return start, false
}

// matchTerm matches the words of term at consecutive tokens from start.
func (s *sentenceView) matchTerm(term verbdict.Term, start, limit text.TokenID) (text.TokenID, bool) {
	k := start
	for _, w := range term.Words {
		if k >= limit {
			return start, false
		}
		if k > start || term.Exact { // the first word was found through the index
			lemma, form := s.lemma(k), s.form(k)
			if term.Exact {
				if w != form && w != lemma {
					return start, false
				}
			} else if !matchesWord(w, lemma, form) {
				return start, false
			}
		}
		k++
	}
	return k, true
}

// applySlots lets the pattern that gave ev choose its arguments: the noun
// at the source slot becomes the source, the one at the target slot the
// target; a reverse code trades them.
func (c *Coder) applySlots(s *sentenceView, ev *text.Event, e *Entry, t, last text.TokenID) {
	p := e.pattern
	if p == nil {
		return
	}
	src, tgt, ok := s.matchPattern(p, t, last)
	if !ok {
		return
	}
	s.trigFirst, s.trigLast = t, last
	defer func() { s.trigFirst, s.trigLast = text.NoToken, text.NoToken }()
	if args := s.slotArgs(src); len(args) > 0 {
		ev.Evidence = dropField(ev.Evidence, "source")
		ev.Source = args
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldSource, Span: args[0].Span, Rule: "verb pattern slot $ (" + e.Source + ")"})
	}
	if args := s.slotArgs(tgt); len(args) > 0 {
		ev.Evidence = dropField(ev.Evidence, "target")
		ev.Target = args
		ev.Evidence = append(ev.Evidence, text.Evidence{Field: text.FieldTarget, Span: args[0].Span, Rule: "verb pattern slot + (" + e.Source + ")"})
	}
	if p.swap {
		ev.Source, ev.Target = ev.Target, ev.Source
		for i := range ev.Evidence {
			switch ev.Evidence[i].Field {
			case "source":
				ev.Evidence[i].Field = "target"
			case "target":
				ev.Evidence[i].Field = "source"
			}
		}
	}
}

// slotArgs returns the arguments at a slot: the first noun at or just
// after it.
func (s *sentenceView) slotArgs(at text.TokenID) []text.Argument {
	if at == text.NoToken {
		return nil
	}
	for k := at; k < s.end && k < at+4; k++ {
		if k >= s.trigFirst && k <= s.trigLast {
			continue
		}
		if s.doc.Tokens[k].UPOS.Nominal() {
			return s.argument(s.phraseHead(k))
		}
	}
	return nil
}

// phraseHead climbs from k to the last word of its noun phrase ("the
// Freedonian army" from "Freedonian"), so the argument is the phrase.
func (s *sentenceView) phraseHead(k text.TokenID) text.TokenID {
	if s.tree {
		// Up the modifiers of a noun to the noun itself.
		for {
			switch s.dep(k) {
			case text.DepCompound, text.DepFlat, text.DepAMod, text.DepDet:
				if h := s.head(k); h > k && h < s.end {
					k = h
					continue
				}
			}
			return k
		}
	}
	for k+1 < s.end {
		switch s.doc.Tokens[k+1].UPOS {
		case text.NOUN, text.PROPN:
			k++
			continue
		}
		break
	}
	return k
}

// dropField removes the evidence of one field (an argument a pattern slot
// replaces).
func dropField(ev []text.Evidence, field text.EvidenceField) []text.Evidence {
	out := ev[:0]
	for _, e := range ev {
		if e.Field != field {
			out = append(out, e)
		}
	}
	return out
}

// clauseEnd returns where the verb's clause ends, for pattern words after
// it: at the next verb (another clause's) or the limit. With no tags it
// is the limit.
func (s *sentenceView) clauseEnd(from, limit text.TokenID) text.TokenID {
	if !s.doc.Has(text.LayerPOS) {
		return limit
	}
	for k := from; k < limit; k++ {
		if s.doc.Tokens[k].UPOS == text.VERB {
			return k
		}
	}
	return limit
}

// clauseStart returns where the verb's clause starts, for pattern words
// before it: after the previous verb, or at lo.
func (s *sentenceView) clauseStart(t, lo text.TokenID) text.TokenID {
	if !s.doc.Has(text.LayerPOS) {
		return lo
	}
	for k := t - 1; k >= lo; k-- {
		if s.doc.Tokens[k].UPOS == text.VERB {
			return k + 1
		}
	}
	return lo
}

// dictActors reports whether an event a verb dictionary gave has the
// actors such dictionaries code with: as in PETRARCH, a dictionary verb
// makes an event only between a source and a target actor it finds. Other
// entries always pass.
func dictActors(ev *text.Event, e *Entry) bool {
	if e.pattern == nil && !e.verbDef {
		return true
	}
	return anyActor(ev.Source) && anyActor(ev.Target)
}
