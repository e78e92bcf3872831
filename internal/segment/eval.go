package segment

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"annals/internal/text"
)

// GoldDoc is a document rebuilt from a CoNLL-U treebank for measuring the
// segmenter: its raw text and the gold boundaries over it.
type GoldDoc struct {
	ID        string
	Text      string
	Tokens    []text.Span // written tokens: a multi-word token ("don't") is one
	Words     []text.Span // syntactic words ("do", "n't")
	Sentences []text.Span
}

// ReadGold reads a CoNLL-U file and rebuilds each document's raw text from
// its "# text" lines: documents start at "# newdoc", paragraphs at
// "# newpar"; the sentences of a paragraph are joined by a space and the
// paragraphs by a blank line. Gold tokens are found in the text in order.
// A sentence whose tokens cannot be found in its text is kept with no
// tokens and reported in the error (name, line, reason); reading goes on.
func ReadGold(r io.Reader, name string) ([]GoldDoc, error) {
	var (
		docs    []GoldDoc
		errs    []error
		b       strings.Builder
		cur     *GoldDoc
		newPar  bool
		sent    string
		sentAt  int // line of "# text"
		rows    [][2]string
		sawText bool
	)
	newDoc := func(id string) {
		if cur != nil {
			cur.Text = b.String()
			docs = append(docs, *cur)
		}
		b.Reset()
		cur = &GoldDoc{ID: id}
		newPar = false
	}
	flush := func() {
		if !sawText && len(rows) == 0 {
			return
		}
		if cur == nil {
			newDoc("")
		}
		if b.Len() > 0 {
			if newPar {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		newPar = false
		base := b.Len()
		b.WriteString(sent)
		if err := cur.addSentence(sent, base, rows); err != nil {
			errs = append(errs, fmt.Errorf("%s line %d: %w", name, sentAt, err))
		}
		sent, rows, sawText = "", rows[:0], false
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "#"):
			key, val, _ := strings.Cut(strings.TrimSpace(line[1:]), "=")
			key, val = strings.TrimSpace(key), strings.TrimSpace(val)
			switch {
			case key == "newdoc" || strings.HasPrefix(key, "newdoc "):
				flush()
				newDoc(val)
			case key == "newpar" || strings.HasPrefix(key, "newpar "):
				flush()
				newPar = true
			case key == "text":
				sent, sawText, sentAt = strings.TrimSpace(strings.TrimPrefix(line, "# text =")), true, n
			}
		default:
			f := strings.Split(line, "\t")
			if len(f) != 10 {
				errs = append(errs, fmt.Errorf("%s line %d: %d columns, want 10", name, n, len(f)))
				continue
			}
			if strings.Contains(f[0], ".") {
				continue // empty nodes have no surface
			}
			rows = append(rows, [2]string{f[0], f[1]})
		}
	}
	flush()
	if cur != nil {
		cur.Text = b.String()
		docs = append(docs, *cur)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %w", name, err))
	}
	return docs, errors.Join(errs...)
}

// addSentence records the gold tokens, words and sentence of sent, which
// starts at byte base of the document text.
func (d *GoldDoc) addSentence(sent string, base int, rows [][2]string) error {
	type unit struct {
		span  text.Span
		words []string
	}
	var units []unit
	pos := 0
	for i := 0; i < len(rows); i++ {
		id, form := rows[i][0], rows[i][1]
		var words []string
		if lo, hi, ok := strings.Cut(id, "-"); ok {
			a, err1 := strconv.Atoi(lo)
			z, err2 := strconv.Atoi(hi)
			if err1 != nil || err2 != nil || z < a {
				return fmt.Errorf("bad multi-word token id %q", id)
			}
			for k := 0; k < z-a+1 && i+1 < len(rows); k++ {
				i++
				words = append(words, rows[i][1])
			}
		}
		for pos < len(sent) {
			r, w := decode(sent, pos)
			if !isSpace(r) {
				break
			}
			pos += w
		}
		if !strings.HasPrefix(sent[pos:], form) {
			return fmt.Errorf("token %s %q not found at byte %d of the sentence text", id, form, pos)
		}
		units = append(units, unit{text.Span{Start: base + pos, End: base + pos + len(form)}, words})
		pos += len(form)
	}
	if len(units) == 0 {
		return nil
	}
	for _, u := range units {
		d.Tokens = append(d.Tokens, u.span)
		total := 0
		for _, w := range u.words {
			total += len(w)
		}
		if len(u.words) == 0 || total != u.span.Len() {
			d.Words = append(d.Words, u.span) // words that do not spell the token: count it whole
			continue
		}
		at := u.span.Start
		for _, w := range u.words {
			d.Words = append(d.Words, text.Span{Start: at, End: at + len(w)})
			at += len(w)
		}
	}
	d.Sentences = append(d.Sentences, text.Span{Start: units[0].span.Start, End: units[len(units)-1].span.End})
	return nil
}

// Score counts matches between gold and predicted items.
type Score struct {
	Gold, Pred, Match int
}

// Precision returns Match/Pred (0 when nothing was predicted).
func (s Score) Precision() float64 { return ratio(s.Match, s.Pred) }

// Recall returns Match/Gold (0 when there is no gold item).
func (s Score) Recall() float64 { return ratio(s.Match, s.Gold) }

// F1 returns the harmonic mean of precision and recall.
func (s Score) F1() float64 {
	p, r := s.Precision(), s.Recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// Report is the result of Evaluate.
type Report struct {
	Documents int
	Bytes     int
	Tokens    Score // written tokens, by exact span (a multi-word token is one)
	Words     Score // syntactic words, by exact span
	Sentences Score // sentence ends, by offset
}

// Miss is a boundary the segmenter got wrong: a gold item it did not
// produce (Missed) or an item it produced that is not in the gold.
type Miss struct {
	Doc    int    // index in the documents
	Layer  string // "token", "word" or "sentence"
	Missed bool   // a gold item not predicted; else a predicted item not in the gold
	Span   text.Span
}

// Evaluate segments every document and compares with its gold spans. It
// returns up to keep misses of each layer, in document order.
func Evaluate(s *Segmenter, docs []GoldDoc, keep int) (Report, []Miss) {
	var misses []Miss
	kept := map[string]int{}
	collect := func(doc int, layer string) func(missed bool, sp text.Span) {
		return func(missed bool, sp text.Span) {
			if kept[layer] < keep {
				kept[layer]++
				misses = append(misses, Miss{Doc: doc, Layer: layer, Missed: missed, Span: sp})
			}
		}
	}
	var rep Report
	for di, d := range docs {
		rep.Documents++
		rep.Bytes += len(d.Text)
		ps := s.Pieces(d.Text)

		var tokens, words, ends []text.Span
		for i, p := range ps {
			words = append(words, p.Span)
			if p.Attached && len(tokens) > 0 {
				tokens[len(tokens)-1].End = p.End
			} else {
				tokens = append(tokens, p.Span)
			}
			if i+1 == len(ps) || ps[i+1].Starts {
				ends = append(ends, text.Span{Start: p.End, End: p.End})
			}
		}
		goldEnds := make([]text.Span, len(d.Sentences))
		for i, g := range d.Sentences {
			goldEnds[i] = text.Span{Start: g.End, End: g.End}
		}
		add(&rep.Tokens, d.Tokens, tokens, collect(di, "token"))
		add(&rep.Words, d.Words, words, collect(di, "word"))
		add(&rep.Sentences, goldEnds, ends, collect(di, "sentence"))
	}
	return rep, misses
}

// add scores two sorted span lists.
func add(s *Score, gold, pred []text.Span, miss func(missed bool, sp text.Span)) {
	s.Gold += len(gold)
	s.Pred += len(pred)
	i, j := 0, 0
	for i < len(gold) || j < len(pred) {
		switch {
		case i < len(gold) && j < len(pred) && gold[i] == pred[j]:
			s.Match++
			i++
			j++
		case j >= len(pred) || i < len(gold) && (gold[i].Start < pred[j].Start || gold[i].Start == pred[j].Start && gold[i].End < pred[j].End):
			miss(true, gold[i])
			i++
		default:
			miss(false, pred[j])
			j++
		}
	}
}

// Throughput segments the documents' texts again and again, for at least
// min and at least once, after one warm-up pass, and returns megabytes
// and tokens per second of wall time on one goroutine.
func Throughput(s *Segmenter, docs []GoldDoc, min time.Duration) (mbPerS, tokensPerS float64) {
	pass := func() (bytes, tokens int) {
		for _, d := range docs {
			bytes += len(d.Text)
			tokens += len(s.Pieces(d.Text))
		}
		return
	}
	pass()
	var bytes, tokens int
	start := time.Now()
	for {
		b, t := pass()
		bytes += b
		tokens += t
		if time.Since(start) >= min {
			break
		}
	}
	secs := time.Since(start).Seconds()
	return float64(bytes) / 1e6 / secs, float64(tokens) / secs
}
