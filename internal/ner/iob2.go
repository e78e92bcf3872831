package ner

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// Sentence is one sentence of an IOB2 file: its words and their gold tags.
type Sentence struct {
	ID    string // from a "# sent_id = " comment, if any
	Doc   string // from the last "# newdoc id = " comment before it, if any
	Line  int    // line of the sentence's first word in its file
	Words []string
	Tags  []Tag
}

// LineError is a problem with one line of an IOB2 file.
type LineError struct {
	File   string
	Line   int
	Reason string
}

func (e *LineError) Error() string {
	return fmt.Sprintf("%s line %d: %s", e.File, e.Line, e.Reason)
}

// maxLineErrors is how many line errors ReadIOB2 reports in full.
const maxLineErrors = 20

// ReadIOB2 reads sentences in the IOB2 format of Universal NER:
//
//	# sent_id = doc-0001
//	# text = Ann met Bob in Oslo .
//	1	Ann	B-PER	-	annotator
//	2	met	O
//
// One word a line: its 1-based index in the sentence, the word and its tag,
// separated by tabs; further columns (UNER's annotation metadata) are
// ignored. Blank lines end sentences; lines starting with "#" are comments,
// of which only "# newdoc id = " and "# sent_id = " are kept. A carriage return before the line
// feed is dropped.
//
// A malformed line (missing column, index out of sequence, empty word, tag
// other than O, B-X or I-X for X in PER, ORG, LOC) drops its sentence; the
// rest of the file is still read. ReadIOB2 returns the good sentences and,
// if any line was bad, an error listing the bad lines (*LineError values
// joined), so a caller may go on with a partial result. name labels errors.
func ReadIOB2(r io.Reader, name string) ([]Sentence, error) {
	var (
		out     []Sentence
		errs    []error
		nerrs   int
		cur     Sentence
		bad     bool
		pending string // sent_id seen before the sentence's first word
		doc     string // the current newdoc id
	)
	fail := func(line int, format string, args ...any) {
		nerrs++
		if nerrs <= maxLineErrors {
			errs = append(errs, &LineError{File: name, Line: line, Reason: fmt.Sprintf(format, args...)})
		}
		bad = true
	}
	flush := func() {
		if len(cur.Words) > 0 && !bad {
			out = append(out, cur)
		}
		cur = Sentence{}
		bad = false
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		switch {
		case strings.TrimSpace(line) == "":
			flush()
			continue
		case strings.HasPrefix(line, "#"):
			if id, ok := strings.CutPrefix(line, "# newdoc id = "); ok {
				if len(cur.Words) > 0 {
					flush()
				}
				doc = strings.TrimSpace(id)
			}
			if id, ok := strings.CutPrefix(line, "# sent_id = "); ok {
				if len(cur.Words) > 0 {
					// A new sentence without a blank line before it.
					flush()
				}
				pending = strings.TrimSpace(id)
			}
			continue
		}
		if len(cur.Words) == 0 {
			cur.ID, cur.Doc, cur.Line, pending = pending, doc, n, ""
		}
		if bad {
			continue // the sentence is already dropped
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 3 {
			fail(n, "want at least 3 tab-separated columns (index, word, tag), got %d", len(cols))
			continue
		}
		idx, err := strconv.Atoi(cols[0])
		if err != nil || idx != len(cur.Words)+1 {
			fail(n, "word index %q: want %d", cols[0], len(cur.Words)+1)
			continue
		}
		if cols[1] == "" {
			fail(n, "empty word")
			continue
		}
		t, err := ParseTag(strings.TrimSpace(cols[2]))
		if err != nil {
			fail(n, "%v", err)
			continue
		}
		cur.Words = append(cur.Words, cols[1])
		cur.Tags = append(cur.Tags, t)
	}
	if err := sc.Err(); err != nil {
		fail(n+1, "read: %v", err)
	}
	flush()
	if nerrs > maxLineErrors {
		errs = append(errs, fmt.Errorf("%s: %d more bad lines", name, nerrs-maxLineErrors))
	}
	return out, errors.Join(errs...)
}

// WriteIOB2 writes sentences in the format ReadIOB2 reads (index, word,
// tag), a blank line after each, with a "# sent_id" comment when the
// sentence has an ID.
func WriteIOB2(w io.Writer, sents []Sentence) error {
	bw := bufio.NewWriter(w)
	for i, s := range sents {
		if s.Doc != "" && (i == 0 || sents[i-1].Doc != s.Doc) {
			fmt.Fprintf(bw, "# newdoc id = %s\n", s.Doc)
		}
		if s.ID != "" {
			fmt.Fprintf(bw, "# sent_id = %s\n", s.ID)
		}
		for i, word := range s.Words {
			t := O
			if i < len(s.Tags) {
				t = s.Tags[i]
			}
			fmt.Fprintf(bw, "%d\t%s\t%s\n", i+1, word, t)
		}
		bw.WriteString("\n")
	}
	return bw.Flush()
}
