package ner

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ReadCorpusFile reads unlabelled text for the word table, as tokenized
// sentences. By extension: .conllu (the FORM column; multiword-token
// ranges and empty nodes skipped), .iob2 (the word column), .zip (every
// .csv inside with a "text" column, each text split into sentences and
// words by SplitWords), anything else plain text (each line split by
// SplitWords).
func ReadCorpusFile(path string) ([][]string, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".zip":
		return readCSVZip(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	switch strings.ToLower(filepath.Ext(path)) {
	case ".conllu":
		return readCoNLLUForms(f, path)
	case ".iob2":
		sents, err := ReadIOB2(f, path)
		out := make([][]string, len(sents))
		for i, s := range sents {
			out[i] = s.Words
		}
		return out, err
	}
	var out [][]string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	for sc.Scan() {
		out = append(out, SplitWords(sc.Text())...)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s: %w", path, err)
	}
	return out, nil
}

// readCoNLLUForms reads the FORM column of a CoNLL-U file.
func readCoNLLUForms(r io.Reader, name string) ([][]string, error) {
	var out [][]string
	var cur []string
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 16*1024*1024)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimSuffix(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" {
			if len(cur) > 0 {
				out = append(out, cur)
				cur = nil
			}
			continue
		}
		if strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			return out, fmt.Errorf("%s line %d: want tab-separated CoNLL-U columns", name, n)
		}
		if strings.ContainsAny(cols[0], "-.") {
			continue
		}
		cur = append(cur, cols[1])
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	if err := sc.Err(); err != nil {
		return out, fmt.Errorf("%s: %w", name, err)
	}
	return out, nil
}

// readCSVZip reads the "text" column of every CSV file in a zip archive.
func readCSVZip(path string) ([][]string, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var out [][]string
	var errs []error
	for _, f := range zr.File {
		if !strings.EqualFold(filepath.Ext(f.Name), ".csv") {
			continue
		}
		rc, err := f.Open()
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %s: %w", path, f.Name, err))
			continue
		}
		cr := csv.NewReader(rc)
		cr.FieldsPerRecord = -1
		head, err := cr.Read()
		col := -1
		for i, h := range head {
			if h == "text" {
				col = i
			}
		}
		if err != nil || col < 0 {
			rc.Close()
			errs = append(errs, fmt.Errorf("%s: %s: no \"text\" column", path, f.Name))
			continue
		}
		for rec := 2; ; rec++ {
			row, err := cr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %s record %d: %w", path, f.Name, rec, err))
				break
			}
			if col < len(row) {
				out = append(out, SplitWords(row[col])...)
			}
		}
		rc.Close()
	}
	return out, errors.Join(errs...)
}

// clitics are split off the end of a word, as in the English treebanks.
var clitics = []string{"n't", "'s", "'re", "'ve", "'ll", "'d", "'m", "’s", "’re", "’ve", "’ll", "’d", "’m", "n’t"}

// SplitWords is a plain tokenizer for unlabelled text (the word statistics
// only need to be roughly right): it splits on white space, peels off
// punctuation and clitics the way the English treebanks do, keeps a final
// period on words with an inner period or short capitalized words ("U.S.",
// "Mr."), and starts a new sentence after ".", "!" or "?".
func SplitWords(text string) [][]string {
	var out [][]string
	var cur []string
	end := func() {
		if len(cur) > 0 {
			out = append(out, cur)
			cur = nil
		}
	}
	for _, chunk := range strings.Fields(text) {
		var lead, trail []string
		for chunk != "" {
			r, size := utf8.DecodeRuneInString(chunk)
			if !isPeel(r) || size == len(chunk) {
				break
			}
			lead = append(lead, chunk[:size])
			chunk = chunk[size:]
		}
		for chunk != "" {
			r, size := utf8.DecodeLastRuneInString(chunk)
			if !isPeel(r) && r != '.' || size == len(chunk) {
				break
			}
			if r == '.' && keepsPeriod(chunk) {
				break
			}
			trail = append(trail, chunk[len(chunk)-size:])
			chunk = chunk[:len(chunk)-size]
		}
		var clitic string
		lc := strings.ToLower(chunk)
		for _, c := range clitics {
			if len(lc) > len(c) && strings.HasSuffix(lc, c) {
				clitic = chunk[len(chunk)-len(c):]
				chunk = chunk[:len(chunk)-len(c)]
				break
			}
		}
		cur = append(cur, lead...)
		if chunk != "" {
			cur = append(cur, chunk)
		}
		if clitic != "" {
			cur = append(cur, clitic)
		}
		stop := false
		for i := len(trail) - 1; i >= 0; i-- {
			cur = append(cur, trail[i])
			switch trail[i] {
			case ".", "!", "?":
				stop = true
			}
		}
		if stop {
			end()
		}
	}
	end()
	return out
}

// isPeel reports whether r is punctuation peeled off a word's edges.
func isPeel(r rune) bool {
	switch r {
	case '.', '-', '_', '/', '&', '@', '#', '%', '$':
		return false
	}
	return unicode.IsPunct(r) || unicode.IsSymbol(r)
}

// keepsPeriod reports whether a word ending in "." keeps it: "U.S.",
// "Mr.", "St.".
func keepsPeriod(w string) bool {
	body := w[:len(w)-1]
	if strings.Contains(body, ".") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(body)
	return unicode.IsUpper(r) && utf8.RuneCountInString(body) <= 3 && !strings.ContainsFunc(body, unicode.IsDigit)
}
