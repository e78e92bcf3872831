package event

//go:generate sh -c "go run ./mksenses > data/senses.tsv"

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"sync"
	"unicode"

	"annals/internal/plover"
	"annals/internal/text"
)

// complaintSense reports whether the demonstration verb at t is used as a
// verb of saying, a complaint (PLOVER ACCUSE: "express disapprovals,
// objections, and complaints"), not a demonstration: it reports what was
// said ("protested that the ministry had lied") or names whom the
// complaint was made to ("protested to Beijing over ...", "to the
// speaker"). Crowds
// demonstrate against or over something, in a place; they do not protest
// to someone or that something.
func (s *sentenceView) complaintSense(t text.TokenID) bool {
	if !s.tree || s.doc.Tokens[t].UPOS != text.VERB {
		return false
	}
	for _, k := range s.kids(t) {
		switch dep := s.doc.Tokens[k].Dep; dep.Base() {
		case text.DepCComp:
			return true
		case text.DepObl:
			for _, g := range s.kids(k) {
				// The addressee follows the verb at once ("protested to
				// Beijing"); a later "to" belongs to another phrase ("over
				// cuts to their pensions").
				if g == t+1 && s.doc.Tokens[g].Dep.Base() == text.DepCase && s.lemma(g) == "to" {
					switch s.doc.Tokens[k].UPOS {
					case text.NOUN, text.PROPN, text.PRON:
						return true // an addressee
					}
				}
			}
		}
	}
	return false
}

// meetObject returns the object of "meet" when it names no one ("meet the
// demands", "meet a deadline"): meeting is a CONSULT only with people.
func (s *sentenceView) meetObject(t text.TokenID) (text.TokenID, bool) {
	if !s.tree || s.lemma(t) != "meet" {
		return 0, false
	}
	for _, k := range s.kids(t) {
		if s.doc.Tokens[k].Dep.Base() == text.DepObj {
			// The object's own words, not its possessor's ("its
			// target" names the bank's target, not the bank).
			if s.doc.Tokens[k].UPOS == text.NOUN && !s.namesSomeone(k) {
				return k, true
			}
			return 0, false
		}
	}
	return 0, false
}

// namesSomeone reports whether the noun phrase headed by k names a person
// or an actor by its own words or those joined to it ("the U.N. mediator
// Diego Cordovez", "the minister"), not by a possessor's ("its target").
func (s *sentenceView) namesSomeone(k text.TokenID) bool {
	coded := func(x text.TokenID) bool {
		if s.doc.Tokens[x].UPOS == text.PROPN {
			return true
		}
		if !s.hasMentions {
			return false
		}
		m := s.mentionOf[x-s.first]
		return m.Valid() && !s.doc.Mentions[m].Actor.IsZero()
	}
	if coded(k) {
		return true
	}
	for _, c := range s.kids(k) {
		switch s.doc.Tokens[c].Dep.Base() {
		case text.DepCompound, text.DepAMod, text.DepFlat, text.DepAppos:
			if coded(c) {
				return true
			}
		}
	}
	return false
}

// meetSense is the sense of a CONSULT "meet" whose object names no one: a
// demand met is a demand yielded to (CONCEDE; the object is itself a
// REQUEST in the lexicon: "meet the demands", "meet their requests"), and
// a target or a deadline met is no event (ok false).
func (c *Coder) meetSense(s *sentenceView, cd *candidate) (e *Entry, ok bool) {
	if cd.pattern || cd.entry().Type != plover.CONSULT {
		return cd.entry(), true
	}
	k, named := s.meetObject(cd.tok)
	if !named {
		return cd.entry(), true
	}
	for _, x := range c.lex.Candidates(s.lemma(k), s.form(k)) {
		if x.Noun && x.Type == plover.REQUEST && len(x.Words) == 1 {
			y := *cd.entry()
			y.Type, y.Mode, y.CAMEO, y.Objects = plover.CONCEDE, "", "080", nil
			y.Source += " sense:meet-demand"
			return &y, true
		}
	}
	return nil, false
}

// applySense moves a candidate to the sense its syntax shows, among its
// own entries: a protest verb used as a complaint takes its ACCUSE entry.
// It reports whether it changed the choice.
func (s *sentenceView) applySense(cd *candidate) bool {
	if cd.pattern || cd.entry().Type != plover.PROTEST || !s.complaintSense(cd.tok) {
		return false
	}
	for i, e := range cd.entries {
		if e.Type == plover.ACCUSE && !e.Noun {
			cd.primary = i
			cd.objOK[i] = e.Objects != nil // the complaint's syntax is its evidence
			return true
		}
	}
	return false
}

// senseWords is the word knowledge of the sense rules below, derived from
// WordNet by mksenses (data/senses.tsv): sport nouns, ASSAULT nouns that
// name harm suffered, and phrasal verbs only an irregular form's other
// verb makes.
//
//go:embed data/senses.tsv
var senseTable []byte

type senseWordSet struct {
	sport    map[string]bool // "match", "corner kick"
	player   map[string]bool // "goalkeeper", "racket": signs of a text about sport
	state    map[string]bool // "injury"
	abstract map[string]bool // "poverty", "chance"
	phrasal  map[string]bool // "wound up"
}

var (
	senseOnce  sync.Once
	senseWords senseWordSet
	senseErr   error
)

// senseSet returns the embedded sense words, read once.
func senseSet() (*senseWordSet, error) {
	senseOnce.Do(func() {
		senseWords = senseWordSet{sport: map[string]bool{}, player: map[string]bool{}, abstract: map[string]bool{}, state: map[string]bool{}, phrasal: map[string]bool{}}
		senseErr = readTable(bytes.NewReader(senseTable), "senses.tsv", 4, func(f []string) error {
			switch f[0] {
			case "sport":
				senseWords.sport[f[1]] = true
			case "player":
				senseWords.player[f[1]] = true
			case "abstract":
				senseWords.abstract[f[1]] = true
			case "state":
				senseWords.state[f[1]] = true
			case "phrasal":
				senseWords.phrasal[f[1]] = true
			default:
				return fmt.Errorf("unknown kind %q", f[0])
			}
			return nil
		})
	})
	return &senseWords, senseErr
}

// offSense reports whether candidate cd is a trigger word used in a sense
// that is no event: force used of an abstraction ("fought poverty"),
// force in a game ("attacked down the left in the
// match") or in sport news with no armed actor ("Brazil beat Peru 2-1"), a game said to do something ("the final saw ..."), harm suffered with no one who did it ("out with an injury"),
// another verb's phrasal form ("documents wound up on the street"), the
// press at work ("reporters spoke to donors"), a question asked ("asked
// how ..."), cooperation in a sentence
// whose actors are all companies, press, schools or hospitals, a word of
// a proper name ("the Civil Defense Authority"), or "called" that
// names something ("a print called ...").
func (s *sentenceView) offSense(cd *candidate) bool {
	if !s.tree || cd.pattern {
		return false
	}
	e := cd.entry()
	switch {
	case s.inProperName(cd.tok):
		return true
	case civilTypes[e.Type] && s.noPoliticalActor():
		return true
	case !e.Noun && len(e.Words) == 1 && s.otherPhrasal(cd.tok):
		return true
	case !e.Noun && s.gameSubject(cd.tok):
		return true
	case e.Type == plover.ASSAULT || e.Type == plover.COERCE || e.Type == plover.THREATEN:
		if s.inGame(cd.tok) || (s.sportSubject(cd.tok) && s.sportNews() && !s.armedActor()) {
			return true
		}
		if !e.Noun && (e.Type == plover.ASSAULT || e.Mode == "seize") && !cd.objOK[cd.primary] && s.forceOnAbstraction(cd.tok, e) {
			return true
		}
		return e.Type == plover.ASSAULT && e.Noun && s.harmSuffered(cd.tok)
	case e.Type == plover.CONSULT && !e.Noun && s.lemma(cd.tok) == "call" && s.naming(cd.tok):
		return true
	case pressTypes[e.Type] && s.byPress(cd.tok):
		return true
	case e.Type == plover.REQUEST && !e.Noun && s.question(cd.tok):
		return true
	}
	return false
}

// sportWord reports whether the noun at k, alone or with a compound
// modifier before it ("corner kick"), names sport or a game.
func (s *sentenceView) sportWord(k text.TokenID) bool {
	if s.doc.Tokens[k].UPOS != text.NOUN {
		return false // "Trump" is no card game
	}
	if senseWords.sport[s.lemma(k)] {
		return true
	}
	for _, g := range s.kids(k) {
		if g < k && s.doc.Tokens[g].Dep.Base() == text.DepCompound && senseWords.sport[s.lemma(g)+" "+s.lemma(k)] {
			return true
		}
	}
	return false
}

// inGame reports whether the force word at t is about a game: it, or an
// argument of it, or (for a word that modifies a clause or a noun) the
// word it modifies or that word's subject or object, names sport or a
// game ("the match", "a corner kick", "started the game with attacking
// play"). A time or place around the act does not count: an attack
// "during a match" or "at the stadium" is still one.
func (s *sentenceView) inGame(t text.TokenID) bool {
	if s.sportWord(t) {
		return true
	}
	d := s.doc
	args := func(h text.TokenID) bool {
		for _, k := range s.kids(h) {
			switch d.Tokens[k].Dep.Base() {
			case text.DepNSubj, text.DepObj, text.DepCompound, text.DepNMod:
				if s.sportWord(k) {
					return true
				}
			case text.DepObl:
				if s.sportWord(k) && !s.circumstance(k) {
					return true
				}
			}
		}
		return false
	}
	if args(t) {
		return true
	}
	switch d.Tokens[t].Dep.Base() {
	case text.DepAdvCl, text.DepXComp, text.DepConj, text.DepACL, text.DepAMod:
		if h := d.Tokens[t].Head; h >= s.first && h < s.end && h != t {
			return s.sportWord(h) || args(h)
		}
	}
	return false
}

// forceOnAbstraction reports whether the force verb at t is used of
// something no force can reach, so as a figure: its object, or what it
// is "against", names a state, a feeling, a thought, a process, a
// relation or a time ("fought poverty", "fight against inflation",
// "seized the chance", "attacked the problem"), or a mishap ("battled the
// blaze"). An attribute such as "power" or "control" can be seized. The
// trigger's own words are not its object ("opened fire"), and an object
// the entry's own object list names is never a figure ("used tear gas").
func (s *sentenceView) forceOnAbstraction(t text.TokenID, e *Entry) bool {
	d := s.doc
	for _, k := range s.kids(t) {
		if slices.Contains(e.Words, s.lemma(k)) || slices.Contains(e.Words, s.form(k)) {
			continue // the trigger's own word: "opened fire"
		}
		switch d.Tokens[k].Dep.Base() {
		case text.DepObj:
		case text.DepObl:
			against := false
			for _, g := range s.kids(k) {
				if d.Tokens[g].Dep.Base() == text.DepCase && s.lemma(g) == "against" {
					against = true
				}
			}
			if !against {
				continue
			}
		default:
			continue
		}
		if d.Tokens[k].UPOS != text.NOUN || s.namesSomeone(k) {
			return false
		}
		l := s.lemma(k)
		return senseWords.abstract[l] || mishaps[l]
	}
	return false
}

// sportWindow is how many sentences before and after a force word
// sportNews reads.
const sportWindow = 4

// sportNews reports whether the text around the sentence (sportWindow
// sentences either side) is sport news: it has at least two different
// signs of sport, words for games, players or their gear ("the final",
// "the goalkeeper") or a score ("2-1"). A force word there is play when
// its doer can be a side in a game (sportSubject) and its sentence names
// no armed actor (armedActor).
func (s *sentenceView) sportNews() bool {
	d := s.doc
	if !d.Has(text.LayerPOS) || len(d.Sentences) == 0 {
		return false
	}
	lo, hi := int(s.id)-sportWindow, int(s.id)+sportWindow+1
	lo, hi = max(lo, 0), min(hi, len(d.Sentences))
	seen := map[string]bool{}
	for i := lo; i < hi && len(seen) < 2; i++ {
		sen := d.Sentences[i]
		for k := sen.First; k < sen.End; k++ {
			tok := d.Tokens[k]
			switch {
			case tok.UPOS == text.NOUN:
				l := strings.ToLower(tok.Lemma)
				if l == "" {
					l = strings.ToLower(d.TokenText(k))
				}
				if senseWords.sport[l] || senseWords.player[l] {
					seen[l] = true
				} else if k > sen.First && d.Tokens[k-1].UPOS == text.NOUN {
					if p := strings.ToLower(d.Tokens[k-1].Lemma) + " " + l; senseWords.sport[p] || senseWords.player[p] {
						seen[p] = true
					}
				}
			case tok.UPOS == text.NUM && k+2 < sen.End && d.TokenText(k+1) == "-" && d.Tokens[k+2].UPOS == text.NUM:
				seen["a score"] = true
			}
		}
	}
	return len(seen) >= 2
}

// sportSubject reports whether the doer of the word at t (its subject, its
// head's for a verb that shares it, or the subject of the verb whose
// object a noun is) can be a side in a game: a country or city by its
// bare name ("Peru", "Barcelona"), a name no actor dictionary knows (a
// club: "Arsenal"), a player or a team ("the goalkeeper", "the hockey
// team"). Sport news calls teams by their country's or city's name;
// gunmen, rioters or masked men are no side.
func (s *sentenceView) sportSubject(t text.TokenID) bool {
	d := s.doc
	subj := s.doer(t)
	if subj == text.NoToken {
		return false
	}
	l := s.lemma(subj)
	if d.Tokens[subj].UPOS == text.NOUN && (senseWords.sport[l] || senseWords.player[l]) {
		return true
	}
	if s.hasMentions {
		if m := s.mentionOf[subj-s.first]; m.Valid() {
			a := s.actorOf(m)
			if !a.IsZero() {
				return (a.Kind == text.KindState || a.Kind == text.KindPlace) && len(a.Sector) == 0
			}
		}
	}
	return d.Tokens[subj].UPOS == text.PROPN // a club no dictionary knows ("Arsenal")
}

// doer returns the subject of the word at t: its own, its head's for a
// verb that shares it ("attended the opening and spoke to donors"), or
// that of the verb whose object a noun is ("Chile won a free kick").
func (s *sentenceView) doer(t text.TokenID) text.TokenID {
	d := s.doc
	for h, hops := t, 0; hops < 2; hops++ {
		for _, k := range s.kids(h) {
			if d.Tokens[k].Dep == text.DepNSubj {
				return k
			}
		}
		switch d.Tokens[h].Dep.Base() {
		case text.DepObj:
			if h != t || d.Tokens[t].UPOS != text.NOUN {
				return text.NoToken
			}
		case text.DepConj, text.DepAdvCl, text.DepXComp:
		default:
			return text.NoToken
		}
		h = d.Tokens[h].Head
		if h < s.first || h >= s.end {
			return text.NoToken
		}
	}
	return text.NoToken
}

// pressTypes are the event types that reporting can look like: a
// reporter "speaks to" people, "attends" an opening, "calls" a source,
// "accepts" an invitation. What the press says (an editorial's demands
// and accusations, which state media make for governments) is left to the
// lexicon.
var pressTypes = map[plover.Type]bool{
	plover.CONSULT: true, plover.AID: true, plover.AGREE: true,
	plover.COOPERATE: true, plover.CONCEDE: true,
}

// byPress reports whether the doer of the word at t is the press alone
// (reporters, a newspaper, a broadcaster: every coded sector media):
// their meetings, questions and visits are reporting, not the political
// interaction these types record. What is done to the press ("arrested
// two reporters") is another matter.
func (s *sentenceView) byPress(t text.TokenID) bool {
	k := s.doer(t)
	if k == text.NoToken || !s.hasMentions {
		return false
	}
	m := s.mentionOf[k-s.first]
	if !m.Valid() {
		return false
	}
	a := s.actorOf(m)
	if len(a.Sector) == 0 {
		return false
	}
	for _, sec := range a.Sector {
		if sec != "MED" {
			return false
		}
	}
	return true
}

// civilSectors are the sectors of actors that take no part in politics by
// what they are: companies, the press, health, education, farming.
var civilSectors = map[string]bool{"BUS": true, "MED": true, "HLH": true, "EDU": true, "AGR": true}

// civilTypes are the cooperative event types that business, science and
// culture are full of (companies agree, universities support, reporters
// meet people). Protests, strikes, demands, threats and force are left
// to the lexicon whoever makes them: teachers on strike and farmers
// blocking roads act politically.
var civilTypes = map[plover.Type]bool{
	plover.CONSULT: true, plover.SUPPORT: true, plover.AID: true, plover.AGREE: true,
	plover.COOPERATE: true, plover.CONCEDE: true,
}

// noPoliticalActor reports whether every actor the sentence names is a
// company, the press, a hospital, a school or farmers ("two carmakers
// announced plans to merge"): business, science and culture, whose
// cooperation (civilTypes) political event data leaves out. A state, a
// government, a party, a group or their people, or workers and civilians
// make the sentence political.
func (s *sentenceView) noPoliticalActor() bool {
	if !s.hasMentions {
		return false
	}
	seen := false
	for k := s.first; k < s.end; k++ {
		m := s.mentionOf[k-s.first]
		if !m.Valid() {
			continue
		}
		a := s.actorOf(m)
		if a.IsZero() {
			continue
		}
		if len(a.Sector) == 0 {
			return false
		}
		for _, sec := range a.Sector {
			if !civilSectors[sec] {
				return false
			}
		}
		seen = true
	}
	return seen
}

// question reports whether the verb at t asks a question rather than
// for something: its clause is an indirect question ("asked officials how
// the files got out", "asked whether the law applied"). Asking someone to
// act, or for something, or that something be done, is a request.
func (s *sentenceView) question(t text.TokenID) bool {
	d := s.doc
	for _, k := range s.kids(t) {
		if d.Tokens[k].Dep.Base() != text.DepCComp {
			continue
		}
		for _, g := range s.kids(k) {
			if g > k {
				continue // the question word opens the clause
			}
			switch s.lemma(g) {
			case "how", "why", "whether", "if", "what", "who", "which", "when", "where":
				return true
			}
			for _, w := range s.kids(g) { // "how many", "which of"
				if w < k {
					switch s.lemma(w) {
					case "how", "what", "which":
						return true
					}
				}
			}
		}
	}
	return false
}

// armedSectors are the sectors of actors that fight or police.
var armedSectors = map[string]bool{"MIL": true, "COP": true, "REB": true, "INS": true, "UAF": true, "SPY": true, "CRM": true, "SEP": true}

// armedActor reports whether the sentence names an actor that fights or
// polices: armed forces, police, rebels, militias, a named armed group.
func (s *sentenceView) armedActor() bool {
	if !s.hasMentions {
		return false
	}
	for k := s.first; k < s.end; k++ {
		m := s.mentionOf[k-s.first]
		if !m.Valid() {
			continue
		}
		a := s.actorOf(m)
		if a.Kind == text.KindGroup {
			return true
		}
		for _, sec := range a.Sector {
			if armedSectors[sec] {
				return true
			}
		}
	}
	return false
}

// gameSubject reports whether the verb at t has a game for its subject: a
// match does not meet, ask or attack anyone ("the final saw two old
// rivals face each other").
func (s *sentenceView) gameSubject(t text.TokenID) bool {
	for _, k := range s.kids(t) {
		if s.doc.Tokens[k].Dep == text.DepNSubj && s.sportWord(k) {
			return true
		}
	}
	return false
}

// circumstance reports whether the oblique k names a time or a place
// around an act rather than what the act is in ("during", "before",
// "after", "at").
func (s *sentenceView) circumstance(k text.TokenID) bool {
	for _, g := range s.kids(k) {
		if s.doc.Tokens[g].Dep.Base() != text.DepCase {
			continue
		}
		switch s.lemma(g) {
		case "during", "before", "after", "at", "ahead", "following", "since", "until", "outside", "near":
			return true
		}
	}
	return false
}

// harmSuffered reports whether the harm noun at t names harm suffered
// (its usual sense is a state: "injury") with no one named who did it:
// nothing of it but determiners and adjectives names a person or an actor
// ("ruled out by injury", not "injuries inflicted by the police" or "the
// soldiers' injury of two boys").
func (s *sentenceView) harmSuffered(t text.TokenID) bool {
	if !senseWords.state[s.lemma(t)] {
		return false
	}
	for _, k := range s.kids(t) {
		switch s.doc.Tokens[k].Dep.Base() {
		case text.DepNMod, text.DepACL, text.DepCompound, text.DepAMod:
			if s.namesSomeone(k) || s.doc.Tokens[k].UPOS == text.VERB {
				return false
			}
		}
	}
	return true
}

// otherPhrasal reports whether the verb at t with its particle is another
// verb's phrasal form: "wound up" is "wind up", whatever the tagger made
// of "wound".
func (s *sentenceView) otherPhrasal(t text.TokenID) bool {
	for _, k := range s.kids(t) {
		if s.doc.Tokens[k].Dep == text.DepCompoundPrt && senseWords.phrasal[s.form(t)+" "+s.form(k)] {
			return true
		}
	}
	return false
}

// inProperName reports whether the word at t is a modifier inside a
// proper name of several words that the actor dictionaries do not know
// ("the Civil Defense Authority", "the Rapid Attack Brigade"): a proper
// noun followed by another word of the same name, in a sentence that is
// not written in title case (a headline's "Rebels Attack Base" names
// nothing). English names end in their head, so a name that ends in the
// trigger names an event ("the Munich Security Conference") and is left
// to the lexicon.
func (s *sentenceView) inProperName(t text.TokenID) bool {
	d := s.doc
	n := t + 1
	if t == s.first || n >= s.end || d.Tokens[t].UPOS != text.PROPN || d.Tokens[n].UPOS != text.PROPN || s.titleCase() {
		return false
	}
	switch {
	case d.Tokens[n].Head == t, d.Tokens[t].Head == n:
		return true
	case d.Tokens[n].Head == d.Tokens[t].Head:
		return d.Tokens[t].Dep.Base() == text.DepCompound
	}
	return false
}

// titleCase reports whether most of the sentence's words begin with a
// capital, as in a headline.
func (s *sentenceView) titleCase() bool {
	words, caps := 0, 0
	for k := s.first; k < s.end; k++ {
		w := s.doc.TokenText(k)
		if w == "" || !unicode.IsLetter(rune(w[0])) {
			continue
		}
		words++
		if unicode.IsUpper(rune(w[0])) {
			caps++
		}
	}
	return words >= 3 && 2*caps > words
}

// naming reports whether "call" at t names something: a past participle
// that modifies a noun and gives its name ("a print called 'Lanterns'",
// "a man called Ahmed"), with no one said to have done the calling ("a
// meeting called by the envoy" convenes one).
func (s *sentenceView) naming(t text.TokenID) bool {
	d := s.doc
	if d.Tokens[t].Dep.Base() != text.DepACL || d.Tokens[t].XPOS != "VBN" {
		return false
	}
	named := false
	for _, k := range s.kids(t) {
		switch d.Tokens[k].Dep {
		case text.DepOblAgent:
			return false
		case text.DepObj, text.DepXComp:
			named = true
		}
	}
	return named
}
