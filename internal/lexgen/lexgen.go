// Package lexgen derives the event coder's default trigger table from
// general sources, never from sentences: the CAMEO verb dictionary (verbs,
// their codes and the patterns that refine them), the CAMEO→PLOVER map of
// internal/plover, the PLOVER codebook's mode definitions, and WordNet
// (synonyms and the noun forms of event verbs). A short hand-written
// supplement adds general knowledge the sources lack.
//
// Derive is deterministic: the same inputs give the same rows in the same
// order, and Write gives the same bytes. "annals train lexicon" runs it and
// writes internal/event/data/lexicon.tsv, which the binary embeds, so a
// build needs none of the sources.
package lexgen

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"annals/internal/plover"
	"annals/internal/verbdict"
	"annals/internal/wordnet"
)

// Row is one line of the trigger table (the format of the event package's
// lexicon.tsv).
type Row struct {
	Words   []string // trigger lemma(s)
	Noun    bool
	Type    plover.Type
	Mode    string   // "" for none
	CAMEO   string   // CAMEO code
	Objects []string // sorted object lemmas or classes (@actor); nil for any
	Source  string   // where the row came from: "cameo-verbs:LINE", "wordnet:raid.n.01", "codebook:LINE", "hand:LINE"
	rank    int      // source priority, lower wins (see the rank constants)
}

// Phrase returns the trigger words joined by spaces.
func (r *Row) Phrase() string { return strings.Join(r.Words, " ") }

func (r *Row) key() string {
	pos := "V"
	if r.Noun {
		pos = "N"
	}
	return r.Phrase() + "\t" + pos + "\t" + strings.Join(r.Objects, ",")
}

// Source priorities: when two sources give the same trigger, part of
// speech and object list, the lower rank wins.
const (
	rankHand = iota
	rankVerb
	rankCodebook
	rankBlockVerb
	rankPattern
	rankPatternNoun
	rankWordNetNoun
	rankWordNetSynonym
)

// Inputs are the sources of a derivation. Verbs and WordNet are required.
type Inputs struct {
	Verbs      *verbdict.Dict
	Onto       *plover.Ontology // nil: plover.Default()
	Codebook   []CodebookRow    // may be empty
	WordNet    *wordnet.DB
	Supplement []Row // hand rows, see ParseSupplement
	// Synonyms makes the other verbs of a block named after one of its
	// verbs bare triggers too when their usual sense agrees with the block
	// (rule 1's synonym routes; always on for blocks named after a
	// concept). Off by default: on GUM's non-news text it doubled the
	// false events.
	Synonyms bool
}

// Limits of the derivation rules; see Derive.
const (
	// maxPolysemy is the largest number of WordNet verb senses a verb may
	// have to be a bare trigger on its block's code: "go", "take", "make",
	// "hold" have 20 to 50 senses, and a block code says little about
	// which one a text uses. A code written on the verb's own line is
	// trusted whatever the verb's polysemy.
	maxPolysemy = 12
	// minAgreeing and agreeShare: a verb with no code is a bare trigger
	// when at least minAgreeing of its patterns give PLOVER events and
	// agreeShare of those give one type (rule 1b).
	minAgreeing = 5
	agreeShare  = 0.75
	// maxHeadPolysemy bounds even a block's head verb or a verb with its
	// own code: "go", "take", "make" (over 25 senses) trigger nothing bare.
	maxHeadPolysemy = 25
	// senseRank is how many of a verb's most frequent WordNet senses give
	// noun forms and synonyms.
	senseRank = 3
	// nounRank is the rank a derived noun's synset must have among that
	// noun's senses: the event reading must be one of its usual ones.
	nounRank = 2
	// minPatternVerbs is how many different verbs must code an object noun
	// the same way before the noun becomes an event trigger itself
	// ("stage a sit-in", "hold a sit-in" → "sit-in").
	minPatternVerbs = 2
)

// WordNet lexicographer files that hold the noun forms of event verbs:
// acts, events, communications (demands, accusations).
// Groups too: a meeting, an assembly.
var eventNounFiles = map[int]bool{4: true, 10: true, 11: true, 14: true}

// actsOnTarget are the PLOVER types whose events are done to someone: a
// verb whose usual sense takes no object or complement cannot trigger them
// alone.
var actsOnTarget = map[plover.Type]bool{plover.ASSAULT: true, plover.COERCE: true}

// actNounFiles are WordNet's lexicographer files of acts and events: a
// pattern's object noun names an event itself only when its usual sense
// is one (rule 3).
var actNounFiles = map[int]bool{4: true, 11: true}

// spoken are the PLOVER types whose events are things said or done with
// others (verbal cooperation and conflict, consultations): a verb whose
// usual sense is a state of mind does not make one.
var spoken = map[plover.Type]bool{
	plover.AGREE: true, plover.SUPPORT: true, plover.REQUEST: true, plover.ACCUSE: true,
	plover.REJECT: true, plover.THREATEN: true, plover.CONSULT: true,
}

// mentalFiles are WordNet's verb files of thinking, feeling and
// perceiving (verb.cognition, verb.emotion, verb.perception).
var mentalFiles = map[int]bool{31: true, 37: true, 39: true}

// particles can follow a verb as part of a phrasal verb ("crack down",
// "pull out") rather than start its object.
var particles = map[string]bool{
	"up": true, "down": true, "out": true, "off": true, "in": true, "on": true,
	"back": true, "over": true, "away": true, "through": true, "apart": true,
	"aside": true, "forward": true, "around": true,
}

// directedPreps mark the phrase an act is aimed at; a pattern made of the
// verb and one of them alone ("- * AT", "- * AGAINST") is a prepositional
// verb whose object is the target ("fire at", "rally against"). Not
// "into": after a verb of motion it is where one goes ("moved into a new
// house"), which the dictionary's military patterns leave to their subject.
var directedPreps = map[string]bool{"at": true, "against": true, "upon": true}

// circumstance are prepositions whose phrase says when or despite what an
// event happened, not what it was done to.
var circumstance = map[string]bool{
	"during": true, "after": true, "before": true, "amid": true, "despite": true,
	"since": true, "until": true, "following": true, "ahead": true, "while": true,
}

// functionWords are never object lemmas.
var functionWords = map[string]bool{
	"a": true, "an": true, "the": true, "of": true, "to": true, "for": true, "in": true, "on": true,
	"with": true, "by": true, "at": true, "from": true, "into": true, "against": true, "and": true,
	"or": true, "his": true, "her": true, "its": true, "their": true, "it": true, "them": true,
	"himself": true, "herself": true, "itself": true, "themselves": true, "that": true, "this": true,
	"not": true, "no": true, "as": true, "over": true, "up": true, "down": true, "out": true, "off": true,
}

// Derive builds the trigger rows, sorted by type, part of speech, trigger
// and object list. Rules (all general, applied to every dictionary entry):
//
//  1. A verb of the CAMEO dictionary whose code (its own, else its
//     block's) maps to a PLOVER event is a bare trigger when it has at
//     most maxHeadPolysemy WordNet senses and the code is written on its
//     own line, or it is the block's head verb, or (in a block named
//     after a concept rather than one of its verbs) its most frequent
//     WordNet sense is one of the senseRank most frequent ones of another
//     verb of its block, or in the block's dominant semantic field, and it
//     has at most maxPolysemy senses (see bareOK). Verbs of ASSAULT and COERCE whose usual sense takes no
//     object ("die") are left out. Codes with no
//     PLOVER event (CAMEO 01, 02) and the null code give no bare trigger.
//     1b. A verb with the null code whose patterns mostly give one type
//     is a bare trigger of it (see agreeing).
//  2. A pattern "- * OBJECT [code]" gives its verb (the one its comment
//     names, else every verb of the block) a trigger restricted to the
//     object's lemmas; "- * PARTICLE [code]" gives the phrasal verb, and so does a lone directed preposition ("- * AT", "- * (AGAINST)": "fire at", "march against"); "- * +"
//     restricts to @actor. Patterns with a pair of different codes (one
//     event a side), phrases of circumstance ("during", "after") and patterns
//     with more words after the object give nothing. A pattern coded like the verb's own bare entry
//     adds nothing.
//  3. An object noun that at least minPatternVerbs different verbs which
//     are no bare triggers themselves ("stage", "launch", "impose") code to
//     the same PLOVER type, and whose usual WordNet sense is an act or
//     event, is a noun trigger of that code, unless WordNet derives it from
//     a verb that is not a bare trigger of that type.
//  4. The noun forms (WordNet "+" links, from the senseRank most frequent
//     senses) of every bare verb trigger are noun triggers of its code when
//     the noun's synset is an act, event or communication and among the
//     noun's nounRank most frequent senses, and the noun names no time
//     ("march", "March").
//  5. The codebook's mode definitions name verbs ("Abduct or kidnap
//     people"): each clause's first word, when WordNet knows it as a verb
//     and it is not a light verb, is a bare trigger of that type and mode.
//  6. Hand rows (the supplement) come first and override; then verbs
//     with a code on their own line; then the codebook's verbs (PLOVER's
//     own words for a type and mode); then the verbs coded by their block.
func Derive(in Inputs) ([]Row, error) {
	if in.Verbs == nil || in.WordNet == nil {
		return nil, fmt.Errorf("lexgen: the verb dictionary and WordNet are required")
	}
	onto := in.Onto
	if onto == nil {
		onto = plover.Default()
	}
	d := &deriver{in: in, onto: onto, rows: map[string]*Row{}, synonyms: in.Synonyms}
	for i := range in.Supplement {
		r := in.Supplement[i]
		r.rank = rankHand
		d.put(r)
	}
	d.verbs()
	d.patterns()
	d.agreeing()
	d.codebook()
	d.patternNouns()
	d.wordnetNouns()
	out := make([]Row, 0, len(d.rows))
	for _, r := range d.rows {
		out = append(out, *r)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := &out[i], &out[j]
		if a.Type != b.Type {
			return a.Type < b.Type
		}
		if a.Noun != b.Noun {
			return !a.Noun
		}
		if a.Phrase() != b.Phrase() {
			return a.Phrase() < b.Phrase()
		}
		return strings.Join(a.Objects, ",") < strings.Join(b.Objects, ",")
	})
	return out, nil
}

type deriver struct {
	// synonyms turns on the synonym routes of rule 1 (Inputs.Synonyms).
	synonyms bool
	in       Inputs
	onto     *plover.Ontology
	rows     map[string]*Row
	bare     []*Row // bare verb triggers from the dictionary, in line order
	// objectUses counts, per object noun and PLOVER code, the verbs whose
	// patterns code it so.
	objectUses map[string]map[string]*nounUse
	// votes counts, per dictionary verb, the PLOVER types and codes of
	// its patterns.
	votes map[int]*verbVotes
}

type verbVotes struct {
	n     int
	acts  int // patterns whose object names an act ("commit * MASSACRE")
	types map[plover.Type]int
	codes map[string]int
}

// actNouns reports whether the object lemmas name acts or events in their
// usual WordNet sense.
func (d *deriver) actNouns(objs []string) bool {
	for _, o := range objs {
		if ss := d.in.WordNet.Synsets(o, wordnet.Noun); len(ss) > 0 && actNounFiles[ss[0].LexFile] {
			return true
		}
	}
	return false
}

func (d *deriver) vote(vi int, t plover.Type, code string, act bool) {
	if d.votes == nil {
		d.votes = map[int]*verbVotes{}
	}
	v := d.votes[vi]
	if v == nil {
		v = &verbVotes{types: map[plover.Type]int{}, codes: map[string]int{}}
		d.votes[vi] = v
	}
	v.n++
	if act {
		v.acts++
	}
	v.types[t]++
	v.codes[code]++
}

// agreeing applies rule 1b: a verb with no code of its own whose patterns
// mostly agree on one PLOVER type ("refuse * X" is a refusal whatever X
// is) is a bare trigger of that type, with the type's most used code;
// except an ASSAULT or COERCE verb whose objects are mostly acts ("commit
// a massacre"), which only carries its object's event.
func (d *deriver) agreeing() {
	for vi, v := range d.in.Verbs.Verbs {
		vv := d.votes[vi]
		if vv == nil || vv.n < minAgreeing || !v.Code.IsNull() {
			continue
		}
		n := d.verbSenses(headWords(v))
		if n == 0 || n > maxPolysemy {
			continue
		}
		var bt plover.Type
		bn := 0
		for _, t := range plover.Types() {
			if vv.types[t] > bn {
				bt, bn = t, vv.types[t]
			}
		}
		if float64(bn) < agreeShare*float64(vv.n) {
			continue
		}
		if actsOnTarget[bt] && 2*vv.acts >= vv.n {
			// "commit", "carry out": the objects are the attacks; the
			// verb itself names none.
			continue
		}
		codes := make([]string, 0, len(vv.codes))
		for c := range vv.codes {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		best, bc := "", 0
		for _, c := range codes {
			if t, _, _ := d.event(c); t == bt && vv.codes[c] > bc {
				best, bc = c, vv.codes[c]
			}
		}
		t, m, _ := d.event(best)
		if r := d.put(Row{Words: headWords(v), Type: t, Mode: m, CAMEO: best,
			Source: fmt.Sprintf("cameo-verbs:%d", v.Line), rank: rankPattern}); r != nil {
			d.bare = append(d.bare, r)
		}
	}
}

type nounUse struct {
	verbs map[string]bool
	line  int
}

// put adds r unless a row with the same key and a better (lower) rank is
// there; among equal ranks the first stays.
func (d *deriver) put(r Row) *Row {
	k := r.key()
	if old, ok := d.rows[k]; ok && old.rank <= r.rank {
		return nil
	}
	p := &r
	d.rows[k] = p
	return p
}

// event maps a CAMEO code to its PLOVER type and mode; ok is false when
// the code makes no PLOVER event.
func (d *deriver) event(code string) (plover.Type, string, bool) {
	if code == "" {
		return plover.NoType, "", false
	}
	c, ok := d.onto.CAMEO(code)
	if ok && c.Type == plover.NoType && strings.HasPrefix(code, "02") {
		// CAMEO's appeals (02x) mirror its demands (10x) code for code;
		// the 2021 map leaves them out, but the PLOVER codebook's REQUEST
		// ("make a request for assistance / a meeting / changes") covers
		// both, so an appeal takes its demand twin's type and mode.
		c, ok = d.onto.CAMEO("10" + code[2:])
	}
	if !ok || c.Type == plover.NoType {
		return plover.NoType, "", false
	}
	m := c.Mode
	if m != "" && !plover.ValidMode(c.Type, m) {
		m = ""
	}
	return c.Type, m, true
}

func (d *deriver) verbSenses(words []string) int {
	return len(d.in.WordNet.Synsets(strings.Join(words, " "), wordnet.Verb))
}

func (d *deriver) verbs() {
	for _, v := range d.in.Verbs.Verbs {
		t, m, ok := d.event(v.Code.Primary)
		if !ok || !d.bareOK(v) {
			continue
		}
		rank := rankBlockVerb
		if v.OwnCode {
			rank = rankVerb
		}
		r := d.put(Row{Words: headWords(v), Type: t, Mode: m, CAMEO: v.Code.Primary,
			Source: fmt.Sprintf("cameo-verbs:%d", v.Line), rank: rank})
		if r != nil {
			d.bare = append(d.bare, r)
		}
	}
}

// bareOK reports whether a dictionary verb triggers its code on its own
// (rule 1): its code makes a PLOVER event, and the code was written on
// the verb's own line, or the verb is its block's head verb, or its usual
// WordNet sense is one of the usual senses of another verb of the block (a
// synonym in the sense the block is about, not in another sense of the
// word).
func (d *deriver) bareOK(v *verbdict.Verb) bool {
	t, _, ok := d.event(v.Code.Primary)
	if !ok {
		return false
	}
	for _, w := range v.Words {
		if w == "and" || w == "or" {
			return false // a listed phrase ("killed and wounded"), not a verb
		}
	}
	words := headWords(v)
	n := d.verbSenses(words)
	if n > maxHeadPolysemy {
		return false
	}
	if actsOnTarget[t] && n > 0 && d.in.WordNet.Synsets(strings.Join(words, " "), wordnet.Verb)[0].Intransitive() {
		return false // "die", "perish": something that happens to the subject
	}
	if _, m, _ := d.event(v.Code.Primary); spoken[t] && m != "investigate" && n > 0 &&
		mentalFiles[d.in.WordNet.Synsets(strings.Join(words, " "), wordnet.Verb)[0].LexFile] {
		return false // "want", "expect", "consider": a state of mind, not a speech act
	}
	if v.OwnCode {
		return true
	}
	head := d.headVerb(v)
	if head == strings.Join(words, " ") {
		return true
	}
	if n == 0 || n > maxPolysemy || head != "" && !d.synonyms {
		// A block named after one of its verbs ("THREATEN") is that verb's:
		// its other verbs are synonyms in some sense, not necessarily
		// this one. A block named after a concept ("PHYSICAL_CONFLICT")
		// is represented by the verbs whose usual sense agrees with it.
		return false
	}
	// The verb's usual sense must be a usual sense of another verb of its
	// block (the block's synonyms agree on what it is about), or lie in the
	// semantic field most of the block's verbs are in.
	fs := d.in.WordNet.Synsets(strings.Join(words, " "), wordnet.Verb)[0]
	first := fs.Ref
	if slices.Contains(fs.Frames, 28) || slices.Contains(fs.Frames, 32) {
		// "Somebody ----s to INFINITIVE" (want, mean, need): the event is
		// in the complement, not in the synonym of the block's verb.
		return false
	}
	b := d.in.Verbs.Blocks[v.Block]
	if lf, ok := d.blockField(b); ok && fs.LexFile == lf {
		return true
	}
	for _, vi := range b.Verbs {
		o := d.in.Verbs.Verbs[vi]
		if o == v || o.Lemma() == v.Lemma() {
			continue
		}
		for i, s := range d.in.WordNet.Synsets(strings.Join(headWords(o), " "), wordnet.Verb) {
			if i >= senseRank {
				break
			}
			if s.Ref == first {
				return true
			}
		}
	}
	return false
}

// blockField returns the WordNet lexicographer file (semantic field) of
// the usual senses of most of a block's verbs, when the block has at least
// three verbs there and they are at least a third of those WordNet knows.
func (d *deriver) blockField(b *verbdict.Block) (int, bool) {
	count := map[int]int{}
	n := 0
	for _, vi := range b.Verbs {
		ss := d.in.WordNet.Synsets(strings.Join(headWords(d.in.Verbs.Verbs[vi]), " "), wordnet.Verb)
		if len(ss) > 0 {
			count[ss[0].LexFile]++
			n++
		}
	}
	best, bn := 0, 0
	for lf, c := range count {
		if c > bn || c == bn && lf < best {
			best, bn = lf, c
		}
	}
	return best, bn >= 3 && 3*bn >= n
}

// headVerb returns the verb a block is named after ("ATTACK", and "go" for
// "GO_SOMEWHERE") when it is one of the block's verbs, else "".
func (d *deriver) headVerb(v *verbdict.Verb) string {
	b := d.in.Verbs.Blocks[v.Block]
	name := strings.ToLower(strings.ReplaceAll(b.Name, "_", " "))
	for _, vi := range b.Verbs {
		if l := d.in.Verbs.Verbs[vi].Lemma(); l == name {
			return l
		}
	}
	f := strings.Fields(name)
	if len(f) == 0 {
		return ""
	}
	first := f[0]
	for _, vi := range b.Verbs {
		if l := d.in.Verbs.Verbs[vi].Lemma(); l == first {
			return l
		}
	}
	return ""
}

// headWords returns a verb's words from its head on: the coder matches a
// trigger from its first word, which must be the verb ("ask for").
func headWords(v *verbdict.Verb) []string {
	return append([]string(nil), v.Words[v.Head:]...)
}

func (d *deriver) patterns() {
	d.objectUses = map[string]map[string]*nounUse{}
	dict := d.in.Verbs
	for _, b := range dict.Blocks {
		for _, p := range b.Patterns {
			code := p.Code.Primary
			t, m, ok := d.event(code)
			if !ok || p.Code.Reverse != "" && p.Code.Reverse != code {
				// A pair of different codes ("[175:140]": repression
				// answering a protest) describes two events, one a side;
				// one trigger cannot carry both. The same code twice
				// ("[0311:0311]") is one reciprocal event.
				continue
			}
			particle, objs, actor := d.after(p.After)
			if particle == "" && len(objs) == 0 && !actor {
				continue // a pattern on the source side only
			}
			if directedPreps[particle] && !slotsOnly(p.Before) {
				continue // "- &REFUGEE * (INTO)": the code needs its subject
			}
			for _, vi := range patternVerbs(dict, b, p, d.in.WordNet) {
				v := dict.Verbs[vi]
				words := headWords(v)
				if directedPreps[particle] && d.bareOK(v) {
					// A verb that is an event alone keeps its own code
					// ("meet" is a meeting, wherever it is).
					continue
				}
				if particle == "" {
					d.vote(vi, t, code, d.actNouns(objs))
				}
				if particle != "" {
					words = append(words, particle)
				}
				if !d.bareOK(v) {
					// Only a verb that makes no event alone ("stage",
					// "launch", "impose") lends its object the event.
					for _, o := range objs {
						d.useObject(o, code, strings.Join(words, " "), p.Line)
					}
				}
				var list []string
				switch {
				case len(objs) > 0:
					list = objs
				case actor:
					list = []string{"@actor"}
				}
				if list == nil && particle != "" && !directedPreps[particle] && d.verbSenses(words) == 0 && v.Code.Primary == code {
					// A particle WordNet does not know with the verb adds
					// nothing to the verb's own code (a directed preposition
					// aims a verb that is no trigger alone: "fire at").
					continue
				}
				if list != nil && v.Code.Primary == code && d.bareOK(v) {
					continue // the bare verb already codes this
				}
				d.put(Row{Words: words, Type: t, Mode: m, CAMEO: code, Objects: list,
					Source: fmt.Sprintf("cameo-verbs:%d", p.Line), rank: rankPattern})
			}
		}
	}
}

// slotsOnly reports whether a pattern's side holds nothing but actor
// slots.
func slotsOnly(el []verbdict.Elem) bool {
	for _, e := range el {
		if e.Kind != verbdict.ElemSource && e.Kind != verbdict.ElemTarget {
			return false
		}
	}
	return true
}

// patternVerbs returns the verbs a pattern applies to: the verb its comment
// names when that is a verb of the block, else every verb of the block.
func patternVerbs(dict *verbdict.Dict, b *verbdict.Block, p *verbdict.Pattern, wn *wordnet.DB) []int {
	f := strings.Fields(p.Comment)
	if len(f) == 0 {
		return b.Verbs
	}
	name := strings.ReplaceAll(strings.ToLower(f[0]), "_", " ")
	names := []string{name}
	if wn != nil && !strings.Contains(name, " ") {
		// The comment may name the verb inflected ("RALLIED").
		names = append(names, wn.Lemmas(name, wordnet.Verb)...)
	}
	for _, n := range names {
		for _, vi := range b.Verbs {
			if dict.Verbs[vi].Lemma() == n {
				return []int{vi}
			}
		}
	}
	return b.Verbs
}

// after reads the elements after the verb in a pattern: a leading particle,
// the object lemmas of the first content element, and whether the first
// element is the target actor itself.
func (d *deriver) after(el []verbdict.Elem) (particle string, objs []string, actor bool) {
	if len(el) > 0 && el[0].Kind == verbdict.ElemWord && len(el[0].Term.Words) == 1 && particles[el[0].Term.Words[0]] {
		particle = el[0].Term.Words[0]
		el = el[1:]
	}
	if len(el) == 0 {
		return particle, nil, false
	}
	if particle == "" && len(el) == 1 {
		// "- * AT", "- * (AGAINST)": "fire at", "march against".
		w := el[0]
		if w.Kind == verbdict.ElemPrep && len(w.Items) == 1 {
			w = w.Items[0]
		}
		if w.Kind == verbdict.ElemWord && len(w.Term.Words) == 1 && directedPreps[w.Term.Words[0]] {
			return w.Term.Words[0], nil, false
		}
	}
	for _, x := range el[1:] {
		if x.Kind != verbdict.ElemTarget && x.Kind != verbdict.ElemSource {
			// "- * DEMONSTRATION (IN SOLIDARITY)": the code needs more
			// than the object, which an object list cannot say.
			return "", nil, false
		}
	}
	e := el[0]
	switch e.Kind {
	case verbdict.ElemTarget:
		return particle, nil, true
	case verbdict.ElemPrep:
		if len(e.Items) > 1 && e.Items[1].Kind == verbdict.ElemTarget {
			return particle, nil, false // "(TO +)": the target is an oblique, any verb use
		}
		items := e.Items
		if len(items) > 0 && items[0].Kind == verbdict.ElemWord && circumstance[items[0].Term.String()] {
			return particle, nil, false // "(DURING PROTEST)": when, not what
		}
		if len(items) > 0 {
			items = items[1:] // the preposition
		}
		return particle, d.heads(items), false
	case verbdict.ElemNoun:
		return particle, d.heads(e.Items[len(e.Items)-1:]), false
	default:
		return particle, d.heads([]verbdict.Elem{e}), false
	}
}

// heads returns the noun lemmas an element list ends in: the last word of
// the last word element, or each member of a synonym set.
func (d *deriver) heads(items []verbdict.Elem) []string {
	seen := map[string]bool{}
	var out []string
	add := func(words []string) {
		if len(words) == 0 {
			return
		}
		w := words[len(words)-1]
		if functionWords[w] || strings.ContainsAny(w, "0123456789$+^%&") {
			return
		}
		if ls := d.in.WordNet.Lemmas(w, wordnet.Noun); len(ls) > 0 {
			w = ls[0]
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	for i := len(items) - 1; i >= 0; i-- {
		e := items[i]
		switch e.Kind {
		case verbdict.ElemWord:
			add(e.Term.Words)
		case verbdict.ElemSet:
			if s, ok := d.in.Verbs.Set(e.Set); ok {
				for _, m := range s.Members {
					add(m.Words)
				}
			}
		case verbdict.ElemNoun, verbdict.ElemPrep:
			continue
		default:
			continue
		}
		break
	}
	sort.Strings(out)
	return out
}

func (d *deriver) useObject(noun, code, verb string, line int) {
	m := d.objectUses[noun]
	if m == nil {
		m = map[string]*nounUse{}
		d.objectUses[noun] = m
	}
	u := m[code]
	if u == nil {
		u = &nounUse{verbs: map[string]bool{}, line: line}
		m[code] = u
	}
	u.verbs[verb] = true
}

// patternNouns applies rule 3.
func (d *deriver) patternNouns() {
	nouns := make([]string, 0, len(d.objectUses))
	for n := range d.objectUses {
		nouns = append(nouns, n)
	}
	sort.Strings(nouns)
	for _, n := range nouns {
		ss := d.in.WordNet.Synsets(n, wordnet.Noun)
		if len(ss) == 0 || !actNounFiles[ss[0].LexFile] || d.timeNoun(n) {
			continue
		}
		// A noun made from a verb is an event of that verb's type only
		// when the verb is a bare trigger of it ("death" is what "die"
		// names, not an investigation).
		var verbs []string
		for _, r := range d.in.WordNet.Derived(ss[0], n, wordnet.Verb) {
			verbs = append(verbs, r.Word)
		}
		// Per PLOVER type, the code used by most verbs (then the lowest code).
		type best struct {
			code  string
			verbs int
			line  int
		}
		byType := map[plover.Type]best{}
		codes := make([]string, 0, len(d.objectUses[n]))
		for c := range d.objectUses[n] {
			codes = append(codes, c)
		}
		sort.Strings(codes)
		typeVerbs := map[plover.Type]map[string]bool{}
		for _, c := range codes {
			u := d.objectUses[n][c]
			t, _, _ := d.event(c)
			if typeVerbs[t] == nil {
				typeVerbs[t] = map[string]bool{}
			}
			for v := range u.verbs {
				typeVerbs[t][v] = true
			}
			if b, ok := byType[t]; !ok || len(u.verbs) > b.verbs {
				byType[t] = best{c, len(u.verbs), u.line}
			}
		}
		// The type most verbs give the noun, when enough verbs agree.
		var bt plover.Type
		bn := 0
		for _, t := range plover.Types() {
			if k := len(typeVerbs[t]); k > bn {
				bt, bn = t, k
			}
		}
		if bn < minPatternVerbs {
			continue
		}
		if len(verbs) > 0 && !d.bareOf(verbs, bt) {
			continue
		}
		b := byType[bt]
		t, m, _ := d.event(b.code)
		d.put(Row{Words: strings.Fields(n), Noun: true, Type: t, Mode: m, CAMEO: b.code,
			Source: fmt.Sprintf("cameo-verbs:%d", b.line), rank: rankPatternNoun})
	}
}

// timeNoun reports whether a noun also names a time (WordNet's noun.time:
// "March" the month, "May"), which a trigger table cannot tell apart.
func (d *deriver) timeNoun(n string) bool {
	for _, s := range d.in.WordNet.Synsets(n, wordnet.Noun) {
		if s.LexFile == 28 {
			return true
		}
	}
	return false
}

// bareOf reports whether one of verbs is a bare verb trigger of type t.
func (d *deriver) bareOf(verbs []string, t plover.Type) bool {
	for _, v := range verbs {
		if r, ok := d.rows[v+"\tV\t"]; ok && r.Type == t {
			return true
		}
	}
	return false
}

// wordnetNouns applies rule 4.
func (d *deriver) wordnetNouns() {
	wn := d.in.WordNet
	for _, r := range d.bare {
		lemma := r.Phrase()
		for i, s := range wn.Synsets(lemma, wordnet.Verb) {
			if i >= senseRank {
				break
			}
			for _, rel := range wn.Derived(s, lemma, wordnet.Noun) {
				if !eventNounFiles[rel.Synset.LexFile] {
					continue
				}
				rank := wn.Rank(rel.Word, rel.Synset.Ref)
				if rank == 0 || rank > nounRank || d.timeNoun(rel.Word) {
					continue
				}
				d.put(Row{Words: strings.Fields(rel.Word), Noun: true, Type: r.Type, Mode: r.Mode, CAMEO: r.CAMEO,
					Source: "wordnet:" + wordnet.Name(rel.Word, wordnet.Noun, rank), rank: rankWordNetNoun})
			}
		}
	}
}
