// Package coref links pronouns to what they stand for, within a document,
// by agreement, syntax and salience: a Lappin–Leass style ranking over the
// mentions of the last few sentences, with entities grown as it goes.
//
// Candidates are the mentions earlier stages wrote (knowledge-base actors,
// recognized names), the noun phrases of the parse that no mention covers
// (their person, gender and number guessed from the tagger, the entity
// label, a small table of person and group nouns and one of given names,
// see Lexicon), and the pronouns already resolved. Proper names that
// repeat ("Otto Jespersen" … "Jespersen") are one entity from the start,
// so what one mention tells (a gender, being a person) holds for all.
//
// The stage adds a mention labelled PRON for each third-person personal,
// possessive or reflexive pronoun, links it to its antecedent
// (Mention.Antecedent) and gives it the antecedent's actor, with Via
// "pronoun"; a pronoun whose antecedent has no actor stays without one,
// and a pronoun without a fitting antecedent is kept, unresolved. A noun
// phrase chosen as an antecedent that no mention covered is added as a
// mention labelled NAME (a proper noun) or DESC (a common noun), without
// an actor. Existing mentions are not changed.
package coref

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"annals/internal/text"
)

// Genders tells the grammatical gender of a knowledge-base entry: "m",
// "f", or "" when unknown or not a person.
type Genders interface {
	Gender(entry string) string
}

// Resolver is the coreference stage. It is safe for concurrent use.
type Resolver struct {
	genders Genders
	lex     *Lexicon
	// Window is how many sentences back antecedents are sought.
	Window int
	// W weighs the ranking.
	W Weights
}

// New returns a Resolver over the embedded lexicon; genders may be nil.
func New(g Genders) *Resolver {
	lx, _ := DefaultLexicon() // embedded and tested: bad lines are skipped
	return &Resolver{genders: g, lex: lx, Window: 8, W: DefaultWeights}
}

// WithLexicon returns a copy of r that uses lx.
func (r *Resolver) WithLexicon(lx *Lexicon) *Resolver {
	c := *r
	c.lex = lx
	return &c
}

// Name implements pipeline.Stage.
func (r *Resolver) Name() string { return "coref" }

// Requires implements pipeline.Stage.
func (r *Resolver) Requires() text.Layer {
	return text.LayerTokens | text.LayerSentences | text.LayerPOS | text.LayerDeps | text.LayerMentions | text.LayerActors
}

// Provides implements pipeline.Stage.
func (r *Resolver) Provides() text.Layer { return text.LayerCoref }

// pronoun describes what a pronoun can refer to.
type pronoun struct {
	person, female, male bool // he/she: a person
	thing                bool // it: a state, organization, group, thing
	plural               bool // they: a group, agents, several actors
	reflexive            bool
}

var pronouns = map[string]pronoun{
	"he": {person: true, male: true}, "him": {person: true, male: true}, "his": {person: true, male: true}, "himself": {person: true, male: true, reflexive: true},
	"she": {person: true, female: true}, "her": {person: true, female: true}, "hers": {person: true, female: true}, "herself": {person: true, female: true, reflexive: true},
	"it": {thing: true}, "its": {thing: true}, "itself": {thing: true, reflexive: true},
	"they": {plural: true}, "them": {plural: true}, "their": {plural: true}, "theirs": {plural: true}, "themselves": {plural: true, reflexive: true},
}

// tri is a yes/no/unknown answer.
type tri int8

const (
	unknown tri = 0
	yes     tri = 1
	no      tri = -1
)

// cand is a candidate antecedent, or a pronoun to resolve.
type cand struct {
	first, end, head text.TokenID
	sent             text.SentenceID
	mention          text.MentionID // the existing mention, NoMention otherwise
	isPron           bool
	desc             bool // "the president": an office that may name a known person
	pron             pronoun
	proper           bool
	plural           tri
	role             text.DepRel
	clause           text.TokenID // the token the phrase depends on
	key              string       // name key for merging repeated names
	ante             int          // chosen antecedent (index into cands), -1
	actor            *text.Mention
}

// entity is what the candidates of one cluster share.
type entity struct {
	person tri
	gender byte
	group  bool
	state  bool // a country: "her" in old-fashioned prose
	size   int
}

// work is the state of one Process call.
type work struct {
	d      *text.Document
	cands  []cand
	parent []int
	ents   []entity
	recent []rootCount
}

type rootCount struct{ root, n int }

func (w *work) find(i int) int {
	for w.parent[i] != i {
		w.parent[i] = w.parent[w.parent[i]]
		i = w.parent[i]
	}
	return i
}

// compatible reports whether two entities can be one.
func compatible(a, b entity) bool {
	if a.person != unknown && b.person != unknown && a.person != b.person {
		return false
	}
	return a.gender == 0 || b.gender == 0 || a.gender == b.gender
}

func (w *work) union(i, j int) {
	a, b := w.find(i), w.find(j)
	if a == b {
		return
	}
	ea, eb := w.ents[a], w.ents[b]
	if ea.person == unknown {
		ea.person = eb.person
	}
	if ea.gender == 0 {
		ea.gender = eb.gender
	}
	ea.group = ea.group || eb.group
	ea.state = ea.state || eb.state
	ea.size += eb.size
	w.parent[b] = a
	w.ents[a] = ea
}

// Process adds pronoun mentions and description links to d, once: a
// document that has the coreference layer already is left as it is.
func (r *Resolver) Process(d *text.Document) error {
	if d.Has(text.LayerCoref) {
		return nil // resolved already: running twice adds nothing
	}
	if err := checkInput(d); err != nil {
		return err
	}
	w := &work{d: d}
	r.candidates(w)
	if len(w.cands) == 0 {
		return nil
	}
	for i := range w.cands {
		switch {
		case w.cands[i].isPron:
			r.resolve(w, i)
		case w.cands[i].desc:
			r.describe(w, i)
		}
	}
	r.write(w)
	return nil
}

// checkInput reports the indexes the stage follows that are out of range
// (a broken document would otherwise make it fail mid-way).
func checkInput(d *text.Document) error {
	n := text.TokenID(len(d.Tokens))
	for i, t := range d.Tokens {
		if t.Head != text.NoToken && (t.Head < 0 || t.Head >= n) {
			return fmt.Errorf("coref: document %s token %d: head %d out of range [0,%d)", d.ID, i, t.Head, n)
		}
		if t.Sentence < 0 || int(t.Sentence) >= len(d.Sentences) {
			return fmt.Errorf("coref: document %s token %d: sentence %d out of range [0,%d)", d.ID, i, t.Sentence, len(d.Sentences))
		}
	}
	for i, s := range d.Sentences {
		if s.First < 0 || s.End < s.First || s.End > n {
			return fmt.Errorf("coref: document %s sentence %d: tokens [%d,%d) out of range [0,%d)", d.ID, i, s.First, s.End, n)
		}
	}
	for i, m := range d.Mentions {
		if m.First < 0 || m.End <= m.First || m.End > n || m.Head != text.NoToken && (m.Head < 0 || m.Head >= n) {
			return fmt.Errorf("coref: document %s mention %d: tokens [%d,%d) head %d out of range [0,%d)", d.ID, i, m.First, m.End, m.Head, n)
		}
		if m.Antecedent != text.NoMention && (m.Antecedent < 0 || int(m.Antecedent) >= len(d.Mentions)) {
			return fmt.Errorf("coref: document %s mention %d: antecedent %d out of range", d.ID, i, m.Antecedent)
		}
	}
	return nil
}

// spanDeps are the relations of a noun's dependents that belong to its
// phrase as a mention (without clauses and prepositional phrases).
func spanDep(r text.DepRel) bool {
	switch r {
	case text.DepDet, text.DepAMod, text.DepCompound, text.DepFlat, text.DepNumMod, text.DepNModDesc, text.DepFlatForeign, text.DepDetPredet:
		return true
	}
	return false
}

// candidates collects the candidates of w.d in text order.
func (r *Resolver) candidates(w *work) {
	d := w.d
	n := len(d.Tokens)
	covered := make([]text.MentionID, n)
	for i := range covered {
		covered[i] = text.NoMention
	}
	for i, m := range d.Mentions {
		if m.Label == text.LabelPron {
			continue
		}
		for t := m.First; t < m.End && int(t) < n; t++ {
			if t >= 0 && covered[t] == text.NoMention {
				covered[t] = text.MentionID(i)
			}
		}
	}
	isPronTok := func(t text.TokenID) (pronoun, bool) {
		tok := d.Tokens[t]
		if tok.UPOS != text.PRON && tok.UPOS != text.DET {
			return pronoun{}, false
		}
		p, ok := pronouns[strings.ToLower(d.TokenText(t))]
		return p, ok
	}
	// the extent of each noun's phrase, from its span dependents
	lo := make([]text.TokenID, n)
	hi := make([]text.TokenID, n)
	for t := range d.Tokens {
		lo[t], hi[t] = text.TokenID(t), text.TokenID(t)
	}
	lastConj := make([]text.TokenID, n) // the last nominal conjunct of a noun
	for t, tok := range d.Tokens {
		lastConj[t] = text.NoToken
		h := tok.Head
		if h.Valid() && int(h) < n && tok.Dep == text.DepConj && nominal(tok.UPOS) && nominal(d.Tokens[h].UPOS) {
			lastConj[h] = max(lastConj[h], text.TokenID(t))
		}
	}
	// modOf: a mention with an actor among a noun's modifiers ("French"
	// in "French farmers"), which stands for the phrase as the event
	// stage reads it; ofChild: the "of" phrase of a noun ("a group of
	// diplomats")
	modOf := make([]text.MentionID, n)
	ofChild := make([]text.TokenID, n)
	for t := range d.Tokens {
		modOf[t], ofChild[t] = text.NoMention, text.NoToken
	}
	for t, tok := range d.Tokens {
		h := tok.Head
		if !h.Valid() || int(h) >= n {
			continue
		}
		switch tok.Dep {
		case text.DepAMod, text.DepCompound, text.DepNModPoss, text.DepFlat:
			if m := covered[t]; m != text.NoMention && modOf[h] == text.NoMention && !d.Mentions[m].Actor.IsZero() {
				modOf[h] = m
			}
		case text.DepCase:
			if k := h; tok.End-tok.Start == 2 && strings.EqualFold(d.TokenText(text.TokenID(t)), "of") && d.Tokens[k].Dep.Base() == text.DepNMod {
				if g := d.Tokens[k].Head; g.Valid() && int(g) < n && !ofChild[g].Valid() {
					ofChild[g] = k
				}
			}
		}
	}
	type roleClause struct {
		role   text.DepRel
		clause text.TokenID
	}
	var quant map[text.TokenID]roleClause // "diplomats" in "a group of diplomats" takes the group's role
	for t, tok := range d.Tokens {
		h := tok.Head
		if !h.Valid() || int(h) >= n || !spanDep(tok.Dep) || covered[t] != text.NoMention {
			continue
		}
		if _, ok := isPronTok(text.TokenID(t)); ok {
			continue
		}
		lo[h], hi[h] = min(lo[h], text.TokenID(t)), max(hi[h], text.TokenID(t))
	}
	seen := make([]bool, len(d.Mentions))
	for t := 0; t < n; t++ {
		tok := d.Tokens[t]
		tid := text.TokenID(t)
		if m := covered[t]; m != text.NoMention {
			if seen[m] {
				continue
			}
			seen[m] = true
			if c, ok := r.fromMention(w, m); ok {
				if rc, ok := quant[c.head]; ok {
					c.role, c.clause = rc.role, rc.clause
				}
				w.add(c, r.mentionEntity(w, m))
			}
			continue
		}
		if p, ok := isPronTok(tid); ok {
			if tok.Dep == text.DepExpl || (p.thing && !p.reflexive && expletive(d, tid)) {
				continue
			}
			c := cand{first: tid, end: tid + 1, head: tid, sent: tok.Sentence, mention: text.NoMention, isPron: true, pron: p}
			c.role, c.clause = roleAt(d, tid)
			e := entity{size: 1}
			switch {
			case p.person:
				e.person = yes
				e.gender = 'm'
				if p.female {
					e.gender = 'f'
				}
				c.plural = no
			case p.thing:
				e.person = no
				c.plural = no
			case p.plural:
				c.plural = yes
			}
			w.add(c, e)
			continue
		}
		if tok.UPOS != text.NOUN && tok.UPOS != text.PROPN {
			if groupWords[strings.ToLower(d.TokenText(tid))] && argument(tok.Dep) {
				// "those who work … their labour", "many … their debts"
				c := cand{first: tid, end: tid + 1, head: tid, sent: tok.Sentence, mention: text.NoMention, plural: yes}
				c.role, c.clause = roleAt(d, tid)
				if rc, ok := quant[tid]; ok {
					c.role, c.clause = rc.role, rc.clause
				}
				w.add(c, entity{size: 1})
			}
			continue
		}
		switch tok.Dep {
		case text.DepCompound, text.DepFlat, text.DepFixed, text.DepGoesWith, text.DepAMod, text.DepNModTmod, text.DepOblTmod,
			text.DepFlatForeign, text.DepNModDesc, text.DepVocative, text.DepDiscourse, text.DepReparandum:
			continue
		}
		if k := ofChild[t]; k.Valid() && r.lex != nil && r.lex.Nouns[lemma(d, tid)] == ClassQuantity {
			if quant == nil {
				quant = map[text.TokenID]roleClause{}
			}
			role, clause := roleAt(d, tid)
			if rc, ok := quant[tid]; ok {
				role, clause = rc.role, rc.clause
			}
			quant[k] = roleClause{role, clause}
			continue
		}
		a, b := lo[t], hi[t]
		for k := a; k <= b; k++ {
			if covered[k] != text.NoMention {
				a, b = tid, tid
				break
			}
			if _, ok := isPronTok(k); ok {
				a, b = tid, tid
				break
			}
		}
		c := cand{first: a, end: b + 1, head: tid, sent: tok.Sentence, mention: text.NoMention}
		c.role, c.clause = roleAt(d, tid)
		if rc, ok := quant[tid]; ok {
			c.role, c.clause = rc.role, rc.clause
		}
		e := entity{size: 1}
		r.nounEntity(w, &c, &e)
		if m := modOf[t]; m != text.NoMention {
			// the phrase is written as its modifier's mention, as the
			// event stage reads it
			c.mention, c.actor = m, &d.Mentions[m]
		} else if g := tok.Head; tok.Dep == text.DepAppos && g.Valid() {
			// "the Union of Teachers, the umbrella union": an apposition
			// is its head's mention
			m := covered[g]
			if m == text.NoMention || d.Mentions[m].Actor.IsZero() {
				m = modOf[g]
			}
			if m != text.NoMention && !d.Mentions[m].Actor.IsZero() {
				c.mention, c.actor = m, &d.Mentions[m]
			}
		}
		if c.mention == text.NoMention && c.plural == no && !c.proper && r.lex != nil && r.lex.Nouns[lemma(d, tid)] == ClassOffice &&
			c.first < tid && strings.EqualFold(d.TokenText(c.first), "the") {
			c.desc = true
		}
		w.add(c, e)
		if k := lastConj[t]; k.Valid() && c.first == lo[t] {
			// "Thomas and his wife … their": the coordination is a
			// plural candidate of its own, when no mention is inside it
			end := hi[k] + 1
			free := true
			for x := c.first; x < end; x++ {
				if covered[x] != text.NoMention {
					free = false
					break
				}
			}
			if free {
				g := cand{first: c.first, end: end, head: tid, sent: c.sent, mention: text.NoMention, plural: yes,
					role: c.role, clause: c.clause, proper: c.proper}
				ge := entity{size: 1}
				if e.person == yes {
					ge.person = yes
				}
				w.add(g, ge)
			}
		}
	}
	r.mergeNames(w)
}

// groupWords are pronouns and quantifiers that stand for several people or
// things when they head a phrase.
var groupWords = map[string]bool{"those": true, "these": true, "many": true, "some": true, "most": true, "all": true,
	"both": true, "others": true, "several": true, "few": true}

// argument reports whether a phrase in relation r is a verb's argument.
func argument(r text.DepRel) bool {
	switch r.Base() {
	case text.DepNSubj, text.DepObj, text.DepIObj, text.DepObl, text.DepNMod, text.DepConj, text.DepAppos:
		return true
	}
	return false
}

func nominal(p text.POS) bool { return p == text.NOUN || p == text.PROPN || p == text.PRON }

func (w *work) add(c cand, e entity) {
	c.ante = -1
	w.cands = append(w.cands, c)
	w.parent = append(w.parent, len(w.parent))
	w.ents = append(w.ents, e)
}

// fromMention makes a candidate of an existing mention.
func (r *Resolver) fromMention(w *work, mi text.MentionID) (cand, bool) {
	d := w.d
	m := &d.Mentions[mi]
	if m.First < 0 || m.End <= m.First || int(m.End) > len(d.Tokens) {
		return cand{}, false
	}
	h := phraseHead(d, m.First, m.End)
	c := cand{first: m.First, end: m.End, head: h, sent: d.Tokens[m.First].Sentence, mention: mi, actor: m}
	c.role, c.clause = roleAt(d, h)
	if c.role == text.DepAMod {
		return cand{}, false // "Russian" in "Russian support"
	}
	x := d.Tokens[h].XPOS
	switch {
	case x == "NNS" || x == "NNPS":
		c.plural = yes
	case d.Tokens[h].UPOS == text.NOUN || d.Tokens[h].UPOS == text.PROPN:
		c.plural = no
	}
	c.proper = d.Tokens[h].UPOS == text.PROPN
	if m.Entry != "" {
		c.key = "@" + m.Entry
	} else if m.Label == text.LabelPER || m.Label == text.LabelORG || m.Label == text.LabelLOC {
		c.key = strings.ToLower(d.TokenText(m.End - 1))
		c.proper = true
	}
	return c, true
}

// mentionEntity tells what an existing mention is.
func (r *Resolver) mentionEntity(w *work, mi text.MentionID) entity {
	d := w.d
	m := &d.Mentions[mi]
	e := entity{size: 1}
	switch m.Actor.Kind {
	case text.KindPerson:
		e.person = yes
	case text.KindState:
		e.person, e.group, e.state = no, true, true
	case text.KindIGO, text.KindOrganization, text.KindGroup, text.KindPlace:
		e.person, e.group = no, true
	case text.KindAgent:
		e.group = true
	}
	switch m.Label {
	case text.LabelPER:
		e.person = yes
	case text.LabelORG, text.LabelLOC, text.LabelGPE:
		e.person, e.group = no, true
	}
	if e.person == yes && r.genders != nil && m.Entry != "" {
		switch r.genders.Gender(m.Entry) {
		case "m":
			e.gender = 'm'
		case "f":
			e.gender = 'f'
		}
	}
	h := phraseHead(d, m.First, m.End)
	if e.person != no && r.lex != nil {
		if e.gender == 0 {
			for t := m.First; t < m.End; t++ {
				if c := r.lex.Names[strings.ToLower(d.TokenText(t))]; c.person() && d.Tokens[t].UPOS == text.PROPN {
					e.person, e.gender = yes, c.gender()
					break
				}
			}
		}
		if c, ok := r.lex.Nouns[lemma(d, h)]; ok && e.person == unknown {
			r.applyNoun(&e, c)
		}
	}
	return e
}

func (r *Resolver) applyNoun(e *entity, c Class) {
	switch {
	case c.person():
		e.person = yes
		if e.gender == 0 {
			e.gender = c.gender()
		}
	case c == ClassGroup || c == ClassQuantity:
		e.person, e.group = no, true
	}
}

// nounEntity tells what a noun phrase of the parse is.
func (r *Resolver) nounEntity(w *work, c *cand, e *entity) {
	d := w.d
	tok := d.Tokens[c.head]
	switch tok.XPOS {
	case "NNS", "NNPS":
		c.plural = yes
	default:
		c.plural = no
	}
	if tok.UPOS == text.PROPN {
		c.proper = true
		c.key = strings.ToLower(d.TokenText(c.end - 1))
		if d.Tokens[c.end-1].UPOS != text.PROPN {
			c.key = strings.ToLower(d.TokenText(c.head))
		}
		for t := c.first; t < c.end; t++ {
			if d.Tokens[t].UPOS != text.PROPN || r.lex == nil {
				continue
			}
			if cl := r.lex.Names[strings.ToLower(d.TokenText(t))]; cl.person() {
				e.person, e.gender = yes, cl.gender()
				return
			}
		}
		if r.lex != nil {
			if cl, ok := r.lex.Nouns[lemma(d, c.head)]; ok {
				r.applyNoun(e, cl)
			}
		}
		return
	}
	e.person = no
	if r.lex != nil {
		if cl, ok := r.lex.Nouns[lemma(d, c.head)]; ok {
			e.person = unknown
			r.applyNoun(e, cl)
		}
	}
}

// lemma returns the lowercase lemma of token t, or its lowercase form.
func lemma(d *text.Document, t text.TokenID) string {
	if l := d.Tokens[t].Lemma; l != "" {
		return strings.ToLower(l)
	}
	return strings.ToLower(d.TokenText(t))
}

// mergeNames joins candidates that repeat a name: the same knowledge-base
// entry, or proper names with the same last word.
func (r *Resolver) mergeNames(w *work) {
	last := map[string]int{}
	for i, c := range w.cands {
		if c.key == "" {
			continue
		}
		if j, ok := last[c.key]; ok && compatible(w.ents[w.find(i)], w.ents[w.find(j)]) {
			w.union(j, i)
		}
		last[c.key] = i
	}
}

// phraseHead returns the token of [first, end) whose head lies outside:
// the last nominal one when several do ("the Ukraine" in "the Ukraine
// conflict", where both words hang on "conflict").
func phraseHead(d *text.Document, first, end text.TokenID) text.TokenID {
	best := text.NoToken
	for t := first; t < end; t++ {
		h := d.Tokens[t].Head
		if h.Valid() && h >= first && h < end {
			continue
		}
		if !best.Valid() || d.Tokens[t].UPOS.Nominal() {
			best = t
		}
	}
	if !best.Valid() {
		return end - 1
	}
	return best
}

// roleAt returns the relation of the phrase headed by t to its clause, and
// the token it depends on; a conjunct takes the role of the first.
func roleAt(d *text.Document, t text.TokenID) (text.DepRel, text.TokenID) {
	for hops := 0; hops < 8 && d.Tokens[t].Dep == text.DepConj; hops++ {
		h := d.Tokens[t].Head
		if !h.Valid() {
			break
		}
		t = h
	}
	return d.Tokens[t].Dep, d.Tokens[t].Head
}

// expletive reports a non-referring "it": "it is important to", "it seems".
func expletive(d *text.Document, t text.TokenID) bool {
	h := d.Tokens[t].Head
	if !h.Valid() {
		return false
	}
	for k := h + 1; k < d.Sentences[d.Tokens[t].Sentence].End; k++ {
		if d.Tokens[k].Head == h {
			switch d.Tokens[k].Dep.Base() {
			case text.DepCComp, text.DepXComp, text.DepCSubj:
				if d.Tokens[h].UPOS == text.ADJ || d.Tokens[h].UPOS == text.AUX || strings.EqualFold(d.Tokens[h].Lemma, "be") ||
					strings.EqualFold(d.Tokens[h].Lemma, "seem") || strings.EqualFold(d.Tokens[h].Lemma, "appear") {
					return true
				}
			}
		}
	}
	return false
}

// Weights are the weights of the ranking: what a candidate's role, its
// distance in sentences, its entity's salience and the syntax between it
// and the pronoun add to its score.
type Weights struct {
	Subject, Object, Oblique, Possessor, Other float64 // the candidate's role
	Sentence                                   float64 // per sentence back (subtracted)
	Salience                                   float64 // per doubling of the entity's mentions in the window
	Global                                     float64 // per doubling of the entity's mentions so far
	GlobalCap                                  float64 // at most this many doublings count
	Same                                       float64 // a candidate in the pronoun's own sentence
	Conjunct                                   float64 // "Ethiopia and its neighbour": the first conjunct
	Speaker                                    float64 // "X said it would …": X
	Reflexive                                  float64 // a reflexive's own subject
	Chain                                      float64 // a pronoun of the same kind
	Parallel                                   float64 // a subject for a subject pronoun, a non-subject for a non-subject
}

// DefaultWeights are the weights New uses, tuned on GUM's dev split.
var DefaultWeights = Weights{
	Subject: 2, Object: 1, Oblique: 0.5, Possessor: 0.8, Other: 0.3,
	Sentence: 1.5, Salience: 0.5, Global: 0.5, GlobalCap: 2, Same: 1.5, Conjunct: 3, Speaker: 3, Reflexive: 5, Chain: 1, Parallel: 0.5,
}

// descWindow is how many sentences back a description ("the president")
// looks for the person it names.
const descWindow = 2

// describe links a definite description of an office ("the president") to
// the person the text has just named, when exactly one known person of a
// fitting gender is named in the last sentences: "Lula … the president
// said" is Lula; with Lula and Milei both named, it stays open.
func (r *Resolver) describe(w *work, i int) {
	c := &w.cands[i]
	e := w.ents[w.find(i)]
	best, entry := -1, ""
	for j := i - 1; j >= 0 && w.cands[j].sent >= c.sent-descWindow; j-- {
		cj := &w.cands[j]
		if cj.actor == nil || cj.actor.Actor.Kind != text.KindPerson || cj.actor.Entry == "" || cj.end > c.first {
			continue
		}
		ej := w.ents[w.find(j)]
		if e.gender != 0 && ej.gender != 0 && e.gender != ej.gender {
			continue
		}
		if entry != "" && cj.actor.Entry != entry {
			return // two people: which one is open
		}
		if best < 0 {
			best = j
		}
		entry = cj.actor.Entry
	}
	if best >= 0 {
		c.ante = best
		w.union(best, i)
	}
}

// resolve picks the antecedent of pronoun candidate i.
func (r *Resolver) resolve(w *work, i int) {
	d := w.d
	c := &w.cands[i]
	best, bestScore := -1, math.Inf(-1)
	speaker := r.speakerOf(d, c.clause)
	// "in Ukraine itself": an intensive reflexive is its noun
	intensive := text.NoToken
	if h := d.Tokens[c.first].Head; c.pron.reflexive && h.Valid() && h < c.first && d.Tokens[h].UPOS.Nominal() {
		intensive = h
		s := d.Sentences[c.sent]
		for k := s.First; k < s.End; k++ {
			if d.Tokens[k].Head == c.first && d.Tokens[k].Dep == text.DepCase {
				intensive = text.NoToken // "an image of itself" is no intensive
			}
		}
	}
	// "Ortega praised him": neither Ortega nor anyone the text has said is
	// Ortega. A non-reflexive, non-possessive pronoun does not corefer with
	// an argument of its own verb.
	var banned []int
	if !c.pron.reflexive && c.role != text.DepNModPoss && c.clause.Valid() {
		for j := i - 1; j >= 0 && w.cands[j].sent == c.sent; j-- {
			// (Two subjects of one verb are the parser's mistake, as in
			// "angry as he was, …: he resigned", not co-arguments.)
			if w.cands[j].clause == c.clause && w.cands[j].end <= c.first && !(w.cands[j].role.Subject() && c.role.Subject()) {
				banned = append(banned, w.find(j))
			}
		}
	}
	// salience: how often each entity was mentioned in the window
	w.recent = w.recent[:0]
	for j := i - 1; j >= 0 && w.cands[j].sent >= c.sent-text.SentenceID(r.Window); j-- {
		root := w.find(j)
		k := 0
		for k < len(w.recent) && w.recent[k].root != root {
			k++
		}
		if k == len(w.recent) {
			w.recent = append(w.recent, rootCount{root: root})
		}
		w.recent[k].n++
	}
	for j := i - 1; j >= 0; j-- {
		cj := &w.cands[j]
		if cj.sent < c.sent-text.SentenceID(r.Window) {
			break
		}
		if cj.end > c.first {
			continue
		}
		root := w.find(j)
		if slices.Contains(banned, root) {
			continue
		}
		e := w.ents[root]
		fit := agree(c.pron, e, cj.plural)
		if fit <= 0 {
			continue
		}
		score := fit - r.W.Sentence*float64(c.sent-cj.sent)
		switch {
		case cj.role.Subject():
			score += r.W.Subject
		case cj.role.Base() == text.DepObj || cj.role.Base() == text.DepIObj:
			score += r.W.Object
		case cj.role == text.DepNModPoss || cj.role == text.DepCompound && cj.proper:
			// "Modi's mistake", "a Modi mistake"
			score += r.W.Possessor
		case cj.role.Base() == text.DepObl:
			score += r.W.Oblique
		default:
			score += r.W.Other
		}
		if cj.role.Subject() == c.role.Subject() && c.role != text.DepNModPoss {
			score += r.W.Parallel
		}
		score += r.W.Global * min(math.Log2(float64(e.size)), r.W.GlobalCap)
		for _, rc := range w.recent {
			if rc.root == root {
				score += r.W.Salience * math.Log2(float64(rc.n))
			}
		}
		if cj.sent == c.sent {
			score += r.W.Same
			sameClause := cj.clause.Valid() && cj.clause == c.clause
			if c.pron.reflexive && (sameClause && cj.role.Subject() || cj.head == intensive) {
				score += r.W.Reflexive
			}
			if g := c.clause; c.role == text.DepNModPoss && g.Valid() && d.Tokens[g].Dep == text.DepConj && d.Tokens[g].Head == cj.head {
				score += r.W.Conjunct
			}
			if speaker.Valid() && cj.head == speaker {
				score += r.W.Speaker
			}
		}
		if cj.isPron && sameKind(cj.pron, c.pron) {
			score += r.W.Chain
		}
		score += 0.001 * float64(j) // the nearer breaks ties
		if score > bestScore {
			best, bestScore = j, score
		}
	}
	if best < 0 {
		return
	}
	c.ante = best
	w.union(best, i)
}

func sameKind(a, b pronoun) bool {
	return a.male == b.male && a.female == b.female && a.thing == b.thing && a.plural == b.plural
}

// agree scores how well an entity fits a pronoun (0: not at all).
func agree(p pronoun, e entity, plural tri) float64 {
	switch {
	case p.person:
		if p.female && e.state && plural != yes && e.person != yes {
			return 0.5 // "cut her off from her allies": a state as "she"
		}
		if plural == yes || e.person == no || e.group && e.person != yes {
			return 0
		}
		if (p.male && e.gender == 'f') || (p.female && e.gender == 'm') {
			return 0
		}
		fit := 1.0
		if e.person == yes {
			fit = 2
		}
		if e.gender != 0 {
			fit++
		}
		return fit
	case p.thing:
		if e.person == yes || plural == yes {
			return 0
		}
		if e.group {
			return 2
		}
		if e.person == no {
			return 1.5
		}
		return 0.5
	case p.plural:
		if plural == yes {
			return 2
		}
		if e.group && e.person != yes {
			return 1
		}
		return 0
	}
	return 0
}

// speakerOf returns the subject of the reporting verb whose complement
// holds the clause headed by cur ("X said that it …"), or NoToken. A
// reporting verb is one of the lexicon's (Lexicon.Reporting).
func (r *Resolver) speakerOf(d *text.Document, cur text.TokenID) text.TokenID {
	for hops := 0; cur.Valid() && hops < 3; hops++ {
		dep := d.Tokens[cur].Dep.Base()
		h := d.Tokens[cur].Head
		if !h.Valid() {
			return text.NoToken
		}
		if (dep == text.DepCComp || dep == text.DepParataxis || dep == text.DepXComp) && r.lex != nil && r.lex.Reporting[lemma(d, h)] {
			s := d.Sentences[d.Tokens[h].Sentence]
			for k := s.First; k < s.End; k++ {
				if d.Tokens[k].Head == h && d.Tokens[k].Dep.Subject() {
					return k
				}
			}
		}
		cur = h
	}
	return text.NoToken
}

// write adds the pronoun mentions and the antecedent noun phrases that no
// mention covered, and links them.
func (r *Resolver) write(w *work) {
	d := w.d
	newID := make([]int, len(w.cands)) // index into added, for new mentions
	for i := range newID {
		newID[i] = -1
	}
	var added []text.Mention
	// which parse phrases are antecedents
	isAnte := make([]bool, len(w.cands))
	for _, c := range w.cands {
		if c.ante >= 0 {
			isAnte[c.ante] = true
		}
	}
	for i := range w.cands {
		c := &w.cands[i]
		if c.mention != text.NoMention || (!c.isPron && !isAnte[i] && !(c.desc && c.ante >= 0)) {
			continue
		}
		m := text.Mention{Span: text.Span{Start: d.Tokens[c.first].Start, End: d.Tokens[c.end-1].End},
			First: c.first, End: c.end, Head: c.head, Sentence: c.sent, Antecedent: text.NoMention}
		switch {
		case c.isPron:
			m.Label = text.LabelPron
		case c.proper:
			m.Label = text.LabelName
		default:
			m.Label = text.LabelDesc
		}
		newID[i] = len(added)
		added = append(added, m)
	}
	// New mentions go after the ones earlier stages wrote, so that every
	// mention id another stage holds stays valid: coreference adds to the
	// mention layer and writes links, and never renumbers.
	old := len(d.Mentions)
	d.Mentions = append(d.Mentions, added...)
	all := d.Mentions
	final := func(ci int) text.MentionID {
		c := &w.cands[ci]
		if c.mention != text.NoMention {
			return c.mention
		}
		if newID[ci] >= 0 {
			return text.MentionID(old + newID[ci])
		}
		return text.NoMention
	}
	// links and actors, in text order so chains carry actors forward
	for i := range w.cands {
		c := &w.cands[i]
		if !(c.isPron || c.desc) || c.ante < 0 {
			continue
		}
		m := &all[old+newID[i]]
		m.Antecedent = final(c.ante)
		a := &w.cands[c.ante]
		var src *text.Mention
		switch {
		case a.mention != text.NoMention:
			src = &all[a.mention]
		case newID[c.ante] >= 0:
			src = &all[old+newID[c.ante]] // a pronoun or a description, resolved before
		}
		if src != nil && !src.Actor.IsZero() {
			m.Entry, m.Actor, m.Via = src.Entry, src.Actor, "pronoun"
			if c.desc {
				m.Via = "description"
			}
		}
	}
}
