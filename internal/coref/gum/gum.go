// Package gum measures pronoun resolution on the GUM corpus (Georgetown
// University Multilayer Corpus, ../shared/data/gum): it reads a GUM CoNLL-U
// document into a text.Document over GUM's own tokens, with the gold
// entity mentions of its MISC column (Entity=), runs a pipeline over it and
// scores the antecedents the coreference stage chose for third-person
// personal, possessive and reflexive pronouns whose gold entity is a person.
//
// The corpus is licensed data: it is read at evaluation time and nothing
// of it is kept in the repository.
package gum

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"annals/internal/conllu"
	"annals/internal/text"
)

// Mention is a gold entity mention: tokens [First, End) of the document,
// the entity's id within the document and its type (person, place,
// organization, abstract, ...).
type Mention struct {
	First, End text.TokenID
	Entity     string
	Type       string
}

// Doc is one GUM document: the text.Document with tokens and sentences
// (GUM's tokenization, text from the "# text" lines, one sentence a line)
// and the gold mentions, sorted by start and then by length, longest first.
type Doc struct {
	Doc  *text.Document
	Gold []Mention
}

// ErrNoText is returned for documents whose word forms are withheld (GUM's
// Reddit documents carry "_" in place of words until rebuilt).
var ErrNoText = errors.New("word forms withheld (underscores)")

// ReadFile reads the GUM document at path; its id is the file name
// without extension.
func ReadFile(path string) (*Doc, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	id := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	return Read(f, path, id)
}

// Read reads one GUM document from r; name names the input in errors.
func Read(r io.Reader, name, id string) (*Doc, error) {
	sents, err := conllu.ReadAll(r, name)
	if err != nil {
		return nil, err
	}
	if len(sents) == 0 {
		return nil, fmt.Errorf("%s: no sentences", name)
	}
	var b strings.Builder
	var toks []text.Token
	var ss []text.Sentence
	var gold []Mention
	withheld, words := 0, 0
	for si, s := range sents {
		if si > 0 {
			b.WriteByte('\n')
		}
		base := b.Len()
		surface := s.Text()
		b.WriteString(surface)
		first := text.TokenID(len(toks))
		wordTok, err := tokens(surface, base, s, &toks)
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, s.Line, err)
		}
		if len(toks) == int(first) {
			return nil, fmt.Errorf("%s:%d: sentence without words", name, s.Line)
		}
		for i := first; i < text.TokenID(len(toks)); i++ {
			toks[i].Sentence = text.SentenceID(si)
		}
		ss = append(ss, text.Sentence{Span: text.Span{Start: toks[first].Start, End: toks[len(toks)-1].End}, First: first, End: text.TokenID(len(toks))})
		for _, li := range s.Words() {
			words++
			if s.Lines[li].Form == "_" {
				withheld++
			}
		}
		if err := entities(s, wordTok, &gold, name); err != nil {
			return nil, err
		}
	}
	if withheld*2 > words {
		return nil, fmt.Errorf("%s: %w", name, ErrNoText)
	}
	d := text.New(id, b.String())
	d.Tokens, d.Sentences = toks, ss
	d.Mark(text.LayerTokens | text.LayerSentences)
	sortMentions(gold)
	return &Doc{Doc: d, Gold: gold}, nil
}

// tokens appends the tokens of sentence s, whose text starts at byte base
// of the document, and returns the token of each word (by word ID - 1). A
// multi-word token whose words spell its surface is split into its words;
// otherwise its words share one token.
func tokens(surface string, base int, s *conllu.Sentence, toks *[]text.Token) ([]text.TokenID, error) {
	var wordTok []text.TokenID
	pos := 0
	find := func(form string) (int, bool) {
		for pos < len(surface) && (surface[pos] == ' ' || surface[pos] == '\t' || surface[pos] == '\u00a0') {
			pos++
		}
		// A form found must not start or end inside a character of the
		// text (a form of one byte of a two-byte letter, say): its token
		// would split a UTF-8 character.
		whole := func(at int) bool { return charStart(surface, at) && charStart(surface, at+len(form)) }
		if strings.HasPrefix(surface[pos:], form) {
			return pos, whole(pos)
		}
		// tolerate odd whitespace (no-break spaces) between words
		if k := strings.Index(surface[pos:], form); k >= 0 && strings.TrimSpace(surface[pos:pos+k]) == "" {
			return pos + k, whole(pos + k)
		}
		return 0, false
	}
	add := func(start, end int) text.TokenID {
		*toks = append(*toks, text.Token{Span: text.Span{Start: base + start, End: base + end}, Head: text.NoToken})
		return text.TokenID(len(*toks) - 1)
	}
	lines := s.Lines
	for i := 0; i < len(lines); i++ {
		l := &lines[i]
		switch l.Kind {
		case conllu.Empty:
			continue
		case conllu.MultiWord:
			at, ok := find(l.Form)
			if !ok {
				return nil, fmt.Errorf("multi-word token %q not found in the sentence text at byte %d", l.Form, pos)
			}
			end := at + len(l.Form)
			var parts []*conllu.Line
			for j := i + 1; j < len(lines) && len(parts) < l.Sub-l.ID+1; j++ {
				if lines[j].Kind == conllu.Word {
					parts = append(parts, &lines[j])
				}
			}
			spelled := ""
			for _, p := range parts {
				spelled += p.Form
			}
			if spelled == l.Form && partsWhole(l.Form, parts) {
				p := at
				for _, w := range parts {
					wordTok = append(wordTok, add(p, p+len(w.Form)))
					p += len(w.Form)
				}
			} else {
				t := add(at, end)
				for range parts {
					wordTok = append(wordTok, t)
				}
			}
			pos = end
			// skip the words of the range
			for n := 0; n < len(parts); {
				i++
				if lines[i].Kind == conllu.Word {
					n++
				}
			}
		case conllu.Word:
			at, ok := find(l.Form)
			if !ok {
				return nil, fmt.Errorf("word %d %q not found in the sentence text at byte %d", l.ID, l.Form, pos)
			}
			wordTok = append(wordTok, add(at, at+len(l.Form)))
			pos = at + len(l.Form)
		}
	}
	if strings.TrimSpace(surface[pos:]) != "" {
		return nil, fmt.Errorf("sentence text %q after the last word", surface[pos:])
	}
	return wordTok, nil
}

// entities appends the gold mentions of sentence s, reading the Entity=
// item of each word's MISC column: "(id-type-..." opens a mention, "id)"
// closes it, "(id-type-...)" is a one-word mention.
func entities(s *conllu.Sentence, wordTok []text.TokenID, gold *[]Mention, name string) error {
	type open struct {
		m     Mention
		count int
	}
	var stack []open
	for wi, li := range s.Words() {
		misc := s.Lines[li].Misc
		val := ""
		for _, item := range strings.Split(misc, "|") {
			if v, ok := strings.CutPrefix(item, "Entity="); ok {
				val = v
			}
		}
		t := wordTok[wi]
		for i := 0; i < len(val); {
			if val[i] == '(' {
				j := i + 1
				for j < len(val) && val[j] != '(' && val[j] != ')' {
					j++
				}
				fields := strings.Split(val[i+1:j], "-")
				if len(fields) < 2 || fields[0] == "" {
					return fmt.Errorf("%s:%d: bad Entity item %q", name, s.Line, val[i:j])
				}
				m := Mention{First: t, End: t + 1, Entity: fields[0], Type: fields[1]}
				if j < len(val) && val[j] == ')' {
					*gold = append(*gold, m)
					j++
				} else {
					stack = append(stack, open{m: m})
				}
				i = j
				continue
			}
			j := i
			for j < len(val) && val[j] != ')' && val[j] != '(' {
				j++
			}
			if j == len(val) || val[j] != ')' {
				return fmt.Errorf("%s:%d: bad Entity item %q", name, s.Line, val[i:])
			}
			id := val[i:j]
			k := len(stack) - 1
			for k >= 0 && stack[k].m.Entity != id {
				k--
			}
			if k < 0 {
				return fmt.Errorf("%s:%d: Entity %s closed but not open", name, s.Line, id)
			}
			m := stack[k].m
			m.End = t + 1
			*gold = append(*gold, m)
			stack = append(stack[:k], stack[k+1:]...)
			i = j + 1
		}
	}
	if len(stack) > 0 {
		return fmt.Errorf("%s:%d: Entity %s not closed in its sentence", name, s.Line, stack[0].m.Entity)
	}
	return nil
}

func sortMentions(ms []Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		if ms[i].First != ms[j].First {
			return ms[i].First < ms[j].First
		}
		return ms[i].End > ms[j].End
	})
}

// Split returns the document names of a split ("train", "dev", "test",
// "test2") listed in GUM's splits.md; train is every document of dir not in
// another split.
func Split(dir, split string) ([]string, error) {
	data, err := os.ReadFile(filepath.Join(filepath.Dir(filepath.Clean(dir)), "splits.md"))
	if err != nil {
		return nil, fmt.Errorf("gum splits: %w", err)
	}
	lists := map[string][]string{}
	cur := ""
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if h, ok := strings.CutPrefix(line, "## "); ok {
			cur = strings.TrimSpace(h)
			continue
		}
		if item, ok := strings.CutPrefix(line, "* "); ok && cur != "" {
			lists[cur] = append(lists[cur], strings.TrimSpace(item))
		}
	}
	if split != "train" {
		if l, ok := lists[split]; ok {
			return l, nil
		}
		return nil, fmt.Errorf("gum splits: no split %q in splits.md", split)
	}
	held := map[string]bool{}
	for _, l := range lists {
		for _, n := range l {
			held[n] = true
		}
	}
	files, err := filepath.Glob(filepath.Join(dir, "*.conllu"))
	if err != nil {
		return nil, err
	}
	var out []string
	for _, f := range files {
		n := strings.TrimSuffix(filepath.Base(f), ".conllu")
		if !held[n] {
			out = append(out, n)
		}
	}
	return out, nil
}

// charStart reports whether byte i of s begins a character (or is the end
// of s).
func charStart(s string, i int) bool {
	return i <= 0 || i >= len(s) || utf8.RuneStart(s[i])
}

// partsWhole reports whether the words of a multi-word token split its
// surface form between characters only.
func partsWhole(form string, parts []*conllu.Line) bool {
	at := 0
	for _, p := range parts {
		at += len(p.Form)
		if !charStart(form, at) {
			return false
		}
	}
	return true
}
