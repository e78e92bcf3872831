package ingest

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"strings"

	"github.com/nlnwa/gowarc/v2"
)

// maxWARCErrors is how many unreadable records in a row end an archive:
// past that the file is taken to be damaged beyond resynchronizing.
const maxWARCErrors = 20

// ReadWARC reads a web archive (.warc or .warc.gz, as Common Crawl's
// CC-NEWS publishes them) and yields one item per HTTP response record with
// status 200 and an HTML payload, through ExtractHTML, with the record's
// WARC-Target-URI as URL. The publication date is the page's own; when the
// page states none, the capture date (WARC-Date) stands in, since news
// crawls fetch articles within hours of publication. Other records are
// passed over; a record that cannot be read is reported to h.Error with its
// number (counted from 1 over all records) and reading goes on.
func (o Options) ReadWARC(r io.Reader, name string, h Handler) error {
	wr, err := gowarc.NewWarcFileReaderFromStream(r, 0,
		gowarc.WithSyntaxErrorPolicy(gowarc.ErrIgnore),
		gowarc.WithSpecViolationPolicy(gowarc.ErrIgnore),
		gowarc.WithUnknownRecordTypePolicy(gowarc.ErrIgnore),
		gowarc.WithBlockErrorPolicy(gowarc.ErrIgnore))
	if err != nil {
		h.fail(&Error{Source: name, Err: err})
		return nil
	}
	defer wr.Close()
	lastOffset, bad := int64(-1), 0
	for n := 1; ; n++ {
		rec, off, stop, err := o.nextWARC(wr)
		if errors.Is(err, io.EOF) && rec == nil {
			return nil
		}
		if err != nil {
			h.fail(&Error{Source: name, Record: n, Err: err})
			bad++
			if bad >= maxWARCErrors || off <= lastOffset || errors.Is(err, io.ErrUnexpectedEOF) || stop {
				return nil
			}
			lastOffset = off
			continue
		}
		bad, lastOffset = 0, off
		if rec == nil {
			continue
		}
		rec.Origin = Origin{File: name, Record: n}
		if rec.Text == "" && rec.Err != nil {
			h.skip(&Skip{Origin: rec.Origin, ID: rec.URL, Reason: rec.Err})
			continue
		}
		if err := o.emit(h, rec.Item); err != nil {
			return unstop(err)
		}
	}
}

// warcItem is an item read from one record, or why it has no text.
type warcItem struct {
	Item
	Err error
}

// nextWARC reads one record. It returns nil, with no error, for a record
// that is not an HTML response. stop is set when the stream cannot go on.
func (o Options) nextWARC(wr *gowarc.WarcFileReader) (it *warcItem, off int64, stop bool, err error) {
	defer func() {
		if p := recover(); p != nil {
			it, stop, err = nil, true, fmt.Errorf("WARC reader failed: %v", p)
		}
	}()
	rec, off, _, err := wr.Next()
	if err != nil {
		if rec != nil {
			rec.Close()
		}
		return nil, off, false, err
	}
	defer rec.Close()
	if rec.Type() != gowarc.Response {
		return nil, off, false, nil
	}
	block, ok := rec.Block().(gowarc.HttpResponseBlock)
	if !ok {
		return nil, off, false, nil
	}
	if block.HttpStatusCode() != 200 {
		return nil, off, false, nil
	}
	ctype := ""
	if hdr := block.HttpHeader(); hdr != nil {
		ctype = hdr.Get("Content-Type")
	}
	if ctype != "" {
		mt, _, perr := mime.ParseMediaType(ctype)
		if perr == nil && mt != "text/html" && mt != "application/xhtml+xml" {
			return nil, off, false, nil
		}
	}
	payload, err := block.PayloadBytes()
	if err != nil {
		return nil, off, false, fmt.Errorf("record payload: %w", err)
	}
	b, err := readAll(payload, o.maxFile())
	if err != nil {
		return nil, off, false, fmt.Errorf("record payload: %w", err)
	}
	uri := strings.Trim(rec.WarcHeader().Get(gowarc.WarcTargetURI), "<> ")
	item, xerr := ExtractHTML(b, ctype, uri)
	if item.URL == "" {
		item.URL = cleanURL(uri)
	}
	if item.Published.IsZero() {
		if d, derr := rec.Date(); derr == nil {
			item.Published = plausibleDate(d)
		}
	}
	return &warcItem{Item: item, Err: xerr}, off, false, nil
}
