package ingest

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http/httputil"
	"net/textproto"
	"strconv"
	"strings"
	"time"

	"annals/internal/limits"
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
// passed over.
//
// Every record is read whole, and every read is bounded (Options.Limits): a header
// line longer than Limits.HeaderLine, a header longer than
// Limits.HeaderBytes or a response larger than the per-document cap is
// reported and passed over without being held in memory. A record that
// cannot be read is reported to h.Error with its number (counted from 1
// over all records) and reading goes on with the next record; a record cut
// short by the end of the file (or of its gzip stream) is reported and ends
// the archive.
func (o Options) ReadWARC(r io.Reader, name string, h Handler) error {
	wr, err := newWARCReader(r, o.limits())
	if err != nil {
		h.fail(&Error{Source: name, Err: err})
		return nil
	}
	bad := 0
	for n := 1; ; n++ {
		rec, err := wr.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			h.fail(&Error{Source: name, Record: n, Err: err})
			var fe *warcFatal
			if bad++; bad >= maxWARCErrors || errors.As(err, &fe) {
				return nil
			}
			continue
		}
		bad = 0
		it, ok, err := o.warcItem(rec)
		if err != nil {
			h.fail(&Error{Source: name, Record: n, Err: err})
			continue
		}
		if !ok {
			continue
		}
		it.Origin = Origin{File: name, Record: n}
		if it.Text == "" && it.Err != nil {
			h.skip(&Skip{Origin: it.Origin, ID: it.URL, Reason: it.Err})
			continue
		}
		if err := o.emit(h, it.Item); err != nil {
			return unstop(err)
		}
	}
}

// warcItem is an item read from one record, or why it has no text.
type warcItem struct {
	Item
	Err error
}

// warcItem turns a response record into an item. ok is false for a record
// that is not an HTML page answered with status 200.
func (o Options) warcItem(rec *warcRecord) (it warcItem, ok bool, err error) {
	if !strings.EqualFold(rec.header.Get("WARC-Type"), "response") || rec.block == nil {
		return it, false, nil
	}
	resp, err := parseHTTPResponse(rec.block, o.limits())
	if err != nil {
		return it, false, err
	}
	if resp.status != 200 {
		return it, false, nil
	}
	ctype := resp.header.Get("Content-Type")
	if ctype != "" {
		mt, _, perr := mime.ParseMediaType(ctype)
		if perr == nil && mt != "text/html" && mt != "application/xhtml+xml" {
			return it, false, nil
		}
	}
	uri := strings.Trim(rec.header.Get("WARC-Target-URI"), "<> ")
	item, xerr := o.ExtractHTML(resp.body, ctype, uri)
	if item.URL == "" {
		item.URL = cleanURL(uri)
	}
	if item.Published.IsZero() {
		if d, derr := time.Parse(time.RFC3339Nano, strings.TrimSpace(rec.header.Get("WARC-Date"))); derr == nil {
			item.Published = plausibleDate(d)
		}
	}
	return warcItem{Item: item, Err: xerr}, true, nil
}

// warcRecord is one archive record: its WARC header and, for response
// records, its block (the HTTP message); other blocks are skipped unread.
type warcRecord struct {
	header textproto.MIMEHeader
	block  []byte
}

// warcFatal marks an error after which the archive cannot be read on: the
// input ended inside a record, or no record start was found.
type warcFatal struct{ err error }

func (e *warcFatal) Error() string { return e.err.Error() }
func (e *warcFatal) Unwrap() error { return e.err }

// warcReader reads records one at a time from a plain or gzip-compressed
// archive, holding at most one record's block in memory.
type warcReader struct {
	br  *bufio.Reader
	lim limits.Limits
}

func newWARCReader(r io.Reader, lim limits.Limits) (*warcReader, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if head, _ := br.Peek(2); len(head) == 2 && head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("cannot read gzip stream: %w", err)
		}
		br = bufio.NewReaderSize(zr, 1<<16)
	}
	return &warcReader{br: br, lim: lim}, nil
}

// errLongLine marks a line longer than the limit; it has been consumed.
var errLongLine = errors.New("line too long")

// line returns the next line without its end of line, reading at most max
// bytes of it into memory; a longer line is consumed and errLongLine
// returned. At the end of input it returns io.EOF (with the last
// unterminated line, if any, in b).
func (w *warcReader) line(max int) (b []byte, err error) {
	long := false
	for {
		frag, isPrefix, e := w.br.ReadLine()
		if !long {
			if len(b)+len(frag) > max {
				long, b = true, nil
			} else {
				b = append(b, frag...)
			}
		}
		if e != nil {
			if long {
				return nil, errLongLine
			}
			return b, e
		}
		if !isPrefix {
			if long {
				return nil, errLongLine
			}
			return b, nil
		}
	}
}

// next reads the next record. It returns io.EOF at the end of the archive.
func (w *warcReader) next() (*warcRecord, error) {
	// Find the version line; anything before it is skipped, within bounds.
	skipped := 0
	for {
		l, err := w.line(w.lim.HeaderLine)
		if err == errLongLine {
			skipped += w.lim.HeaderLine
		} else if bytes.HasPrefix(l, []byte("WARC/")) {
			if err != nil {
				return nil, &warcFatal{fmt.Errorf("archive ends after the version line: %w", io.ErrUnexpectedEOF)}
			}
			break
		} else {
			skipped += len(l) + 1
		}
		if err == io.EOF {
			if len(bytes.TrimSpace(l)) > 0 {
				return nil, &warcFatal{fmt.Errorf("%d bytes after the last record are not a record", skipped)}
			}
			return nil, io.EOF
		}
		if err != nil && err != errLongLine {
			return nil, &warcFatal{fmt.Errorf("reading archive: %w", err)}
		}
		if int64(skipped) > w.lim.DocumentBytes {
			return nil, &warcFatal{fmt.Errorf("no record starts within %d bytes", skipped)}
		}
	}
	hdr, err := w.header()
	if err != nil {
		return nil, err
	}
	cl := strings.TrimSpace(hdr.Get("Content-Length"))
	size, perr := strconv.ParseInt(cl, 10, 64)
	if perr != nil || size < 0 {
		return nil, fmt.Errorf("record header: bad Content-Length %q", cl)
	}
	rec := &warcRecord{header: hdr}
	keep := strings.EqualFold(hdr.Get("WARC-Type"), "response")
	if limit := w.lim.DocumentBytes + int64(w.lim.HeaderBytes); keep && size > limit {
		if err := w.skip(size); err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("response of %d bytes is larger than the limit of %d bytes a document (and %d of HTTP header)", size, w.lim.DocumentBytes, w.lim.HeaderBytes)
	}
	if !keep {
		if err := w.skip(size); err != nil {
			return nil, err
		}
		return rec, nil
	}
	rec.block = make([]byte, size)
	if n, err := io.ReadFull(w.br, rec.block); err != nil {
		return nil, truncated(size, int64(n), err)
	}
	return rec, nil
}

// header reads the WARC header lines after the version line, up to the
// blank line that ends them, bounded in line length, count and bytes.
func (w *warcReader) header() (textproto.MIMEHeader, error) {
	hdr := textproto.MIMEHeader{}
	total := 0
	var last string
	for {
		l, err := w.line(w.lim.HeaderLine)
		if err == errLongLine {
			return nil, fmt.Errorf("record header: a line longer than %d bytes", w.lim.HeaderLine)
		}
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, &warcFatal{fmt.Errorf("record header cut short: %w", err)}
		}
		if len(l) == 0 {
			return hdr, nil
		}
		if total += len(l); total > w.lim.HeaderBytes {
			return nil, fmt.Errorf("record header longer than %d bytes", w.lim.HeaderBytes)
		}
		if (l[0] == ' ' || l[0] == '\t') && last != "" {
			vs := hdr[last]
			vs[len(vs)-1] += " " + strings.TrimSpace(string(l))
			continue
		}
		k, v, ok := strings.Cut(string(l), ":")
		if !ok {
			return nil, fmt.Errorf("record header: line %q has no colon", clip(string(l), 40))
		}
		last = textproto.CanonicalMIMEHeaderKey(strings.TrimSpace(k))
		hdr.Add(last, strings.TrimSpace(v))
	}
}

// skip discards a block of size bytes.
func (w *warcReader) skip(size int64) error {
	n, err := io.CopyN(io.Discard, w.br, size)
	if err != nil {
		return truncated(size, n, err)
	}
	return nil
}

// truncated is the error for a block of size bytes of which only got could
// be read.
func truncated(size, got int64, err error) error {
	if err == io.EOF || err == io.ErrUnexpectedEOF {
		return &warcFatal{fmt.Errorf("record cut short: %d of %d bytes of its block: %w", got, size, io.ErrUnexpectedEOF)}
	}
	return &warcFatal{fmt.Errorf("reading record block: %w", err)}
}

// httpResponse is a parsed HTTP response held in a WARC record.
type httpResponse struct {
	status int
	header textproto.MIMEHeader
	body   []byte
}

// parseHTTPResponse reads the status line, headers and body of block. A
// chunked body is de-chunked (the raw bytes are kept when that fails); a
// gzip- or deflate-encoded body is not decoded (CC-NEWS stores bodies
// decoded), and such a page is read as it is.
func parseHTTPResponse(block []byte, lim limits.Limits) (*httpResponse, error) {
	src := bytes.NewReader(block)
	br := bufio.NewReader(src)
	tp := textproto.NewReader(br)
	status, err := tp.ReadLine()
	if err != nil {
		return nil, fmt.Errorf("HTTP status line: %w", err)
	}
	proto, rest, _ := strings.Cut(status, " ")
	if !strings.HasPrefix(proto, "HTTP/") {
		return nil, fmt.Errorf("HTTP status line %q", clip(status, 40))
	}
	code, _, _ := strings.Cut(strings.TrimSpace(rest), " ")
	resp := &httpResponse{}
	if resp.status, err = strconv.Atoi(code); err != nil {
		return nil, fmt.Errorf("HTTP status line %q", clip(status, 40))
	}
	hdr, err := tp.ReadMIMEHeader()
	if err != nil && !(err == io.EOF && len(hdr) > 0) {
		return nil, fmt.Errorf("HTTP header: %w", err)
	}
	resp.header = hdr
	consumed := len(block) - src.Len() - br.Buffered()
	resp.body = block[consumed:]
	if int64(consumed) > int64(lim.HeaderBytes) {
		return nil, fmt.Errorf("HTTP header longer than %d bytes", lim.HeaderBytes)
	}
	if int64(len(resp.body)) > lim.DocumentBytes {
		return nil, fmt.Errorf("page of %d bytes is larger than the limit of %d bytes a document", len(resp.body), lim.DocumentBytes)
	}
	if strings.EqualFold(strings.TrimSpace(hdr.Get("Transfer-Encoding")), "chunked") {
		if b, err := io.ReadAll(httputil.NewChunkedReader(bytes.NewReader(resp.body))); err == nil {
			resp.body = b
		}
	}
	return resp, nil
}

// clip shortens s to at most n bytes for an error message.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
