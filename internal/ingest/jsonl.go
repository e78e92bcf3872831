package ingest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
)

// jsonItem is one line of a JSON-lines input.
type jsonItem struct {
	ID        *string `json:"id"`
	Text      *string `json:"text"`
	Published string  `json:"published"`
	Title     string  `json:"title"`
	URL       string  `json:"url"`
}

// ReadJSONL reads JSON lines from r, one document a line:
//
//	{"id": "...", "text": "...", "published": "2025-11-20", "title": "...", "url": "..."}
//
// "text" is required; "id" defaults to one derived from the URL or the text;
// "published" is a date (YYYY-MM-DD) or an RFC 3339 time. Blank lines are
// ignored. A text larger than Limits.DocumentBytes is an error for its
// line, and so is a line too long to hold one. A bad line is reported to h.Error with name and line number, and
// reading goes on; so is a failure to read r, which ends the file. The
// returned error is only the one with which h.Item asked to stop.
func (o Options) ReadJSONL(r io.Reader, name string, h Handler) error {
	br := bufio.NewReaderSize(r, 1<<16)
	maxText := o.maxFile()
	maxLine := jsonLineBytes(maxText)
	for n := 1; ; n++ {
		line, tooLong, err := readLine(br, maxLine)
		if len(line) > 0 || tooLong {
			if tooLong {
				h.fail(&Error{Source: name, Line: n, Err: fmt.Errorf("line longer than %d bytes (the limit of %d bytes a document, escaped)", maxLine, maxText)})
			} else if it, perr := parseJSONLine(line); perr != nil {
				h.fail(&Error{Source: name, Line: n, Err: perr})
			} else if it != nil && int64(len(it.Text)) > maxText {
				h.fail(&Error{Source: name, Line: n, Err: fmt.Errorf("text of %d bytes is larger than the limit of %d bytes a document", len(it.Text), maxText)})
			} else if it != nil {
				it.Origin = Origin{File: name, Line: n}
				if serr := o.emit(h, *it); serr != nil {
					return unstop(serr)
				}
			}
		}
		if err == io.EOF {
			return nil
		}
		if err != nil {
			h.fail(&Error{Source: name, Line: n, Err: err})
			return nil
		}
	}
}

// ReadJSONL reads JSON lines with the default options; see Options.ReadJSONL.
func ReadJSONL(r io.Reader, name string, h Handler) error {
	return Options{}.ReadJSONL(r, name, h)
}

// jsonLineBytes is the longest JSON line read when texts may hold up to
// maxText bytes: twice that, for escapes, and room for the other fields. A
// longer line is an error for that line; the reader goes on with the next.
func jsonLineBytes(maxText int64) int {
	return int(min(2*maxText+64<<10, 1<<30))
}

// readLine returns the next line without its end of line. When the line is
// longer than max, it is consumed and tooLong is set. err is io.EOF at the
// end of input (with the last line, if any, in line).
func readLine(br *bufio.Reader, max int) (line []byte, tooLong bool, err error) {
	for {
		frag, isPrefix, e := br.ReadLine()
		if !tooLong {
			if len(line)+len(frag) > max {
				tooLong, line = true, nil
			} else {
				line = append(line, frag...)
			}
		}
		if e != nil {
			return line, tooLong, e
		}
		if !isPrefix {
			return line, tooLong, nil
		}
	}
}

// parseJSONLine decodes one line. It returns nil, nil for a blank line.
func parseJSONLine(line []byte) (*Item, error) {
	line = bytes.TrimSpace(line)
	if len(line) == 0 {
		return nil, nil
	}
	var j jsonItem
	dec := json.NewDecoder(bytes.NewReader(line))
	if err := dec.Decode(&j); err != nil {
		return nil, fmt.Errorf("bad JSON: %w", err)
	}
	if dec.More() {
		return nil, errors.New("bad JSON: more than one value on the line")
	}
	if j.Text == nil {
		return nil, errors.New(`missing "text"`)
	}
	it := &Item{Text: *j.Text, Title: strings.TrimSpace(j.Title), URL: strings.TrimSpace(j.URL)}
	if j.ID != nil {
		it.ID = strings.TrimSpace(*j.ID)
		if it.ID == "" {
			return nil, errors.New(`empty "id"`)
		}
	}
	if j.Published != "" {
		t, err := ParseDate(j.Published)
		if err != nil {
			return nil, fmt.Errorf(`"published": %w`, err)
		}
		it.Published = t
	}
	return it, nil
}

// ParseDate reads a publication date: YYYY-MM-DD, or an RFC 3339 time, or
// YYYY-MM-DDTHH:MM:SS without a zone (read as UTC).
func ParseDate(s string) (time.Time, error) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{"2006-01-02", time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("cannot read date %q (want YYYY-MM-DD or RFC 3339)", s)
}

// unstop returns the handler's error carried by errStop, or err itself.
func unstop(err error) error {
	var s errStop
	if errors.As(err, &s) {
		return s.err
	}
	return err
}
