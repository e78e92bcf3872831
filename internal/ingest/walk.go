package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode/utf8"

	"annals/internal/limits"
	"annals/internal/textenc"
)

// Options control the readers. The zero value is ready to use.
type Options struct {
	// AllLanguages keeps documents that the English check would skip.
	AllLanguages bool
	// Limits bound what is read (zero fields: the defaults of package
	// limits). Limits.DocumentBytes bounds a text or HTML file, a feed,
	// the text of a JSON line and a WARC response; a larger one is an
	// error for that document.
	Limits limits.Limits
	// HTTPClient fetches sources given as http(s) URLs (default: a client
	// with a one-minute timeout) and feed items' articles (default:
	// http.DefaultClient, each request with its own deadline).
	HTTPClient *http.Client
	// FetchArticles makes the feed reader fetch the article each entry
	// links to and yield its main text instead of the feed's teaser.
	FetchArticles bool
	// FetchWorkers bounds the articles fetched at once (0: FetchWorkers);
	// FetchTimeout bounds the fetch of one (0: FetchTimeout). The size of
	// one is bounded by Limits.DocumentBytes.
	FetchWorkers int
	FetchTimeout time.Duration
	// FetchPrivate lets articles be fetched from loopback, private,
	// link-local and unspecified addresses, which are refused by default
	// (a feed's links are the feed's choice, not the user's; see
	// guard.go). Sources named by the caller are fetched regardless.
	FetchPrivate bool
}

func (o Options) maxFile() int64 { return o.limits().DocumentBytes }

func (o Options) limits() limits.Limits { return o.Limits.Or() }

// Format is a kind of input file.
type Format uint8

// The input formats.
const (
	FormatUnknown Format = iota
	FormatText
	FormatHTML
	FormatJSONL
	FormatFeed
	FormatWARC
)

var formatNames = [...]string{"unknown", "text", "html", "jsonl", "feed", "warc"}

func (f Format) String() string {
	if int(f) < len(formatNames) {
		return formatNames[f]
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat returns the format named s.
func ParseFormat(s string) (Format, error) {
	for i, n := range formatNames {
		if n == s {
			return Format(i), nil
		}
	}
	return FormatUnknown, fmt.Errorf("unknown input format %q (text, html, jsonl, feed, warc)", s)
}

// FormatOf guesses a file's format from its name and, for names that do
// not tell (.xml or none), from its first bytes.
func FormatOf(name string, head []byte) Format {
	lower := strings.ToLower(name)
	switch {
	case strings.HasSuffix(lower, ".warc"), strings.HasSuffix(lower, ".warc.gz"):
		return FormatWARC
	case strings.HasSuffix(lower, ".jsonl"), strings.HasSuffix(lower, ".ndjson"):
		return FormatJSONL
	case strings.HasSuffix(lower, ".html"), strings.HasSuffix(lower, ".htm"), strings.HasSuffix(lower, ".xhtml"):
		return FormatHTML
	case strings.HasSuffix(lower, ".rss"), strings.HasSuffix(lower, ".atom"):
		return FormatFeed
	case strings.HasSuffix(lower, ".txt"), strings.HasSuffix(lower, ".text"), strings.HasSuffix(lower, ".md"):
		return FormatText
	}
	return sniff(head)
}

// sniff tells a format from the first bytes of a file.
func sniff(head []byte) Format {
	if len(head) >= 2 && head[0] == 0x1f && head[1] == 0x8b {
		return FormatWARC // gzip: only archives are read compressed
	}
	if bytes.HasPrefix(head, []byte{0xff, 0xfe}) || bytes.HasPrefix(head, []byte{0xfe, 0xff}) {
		return FormatText // UTF-16 with its byte-order mark
	}
	h := bytes.TrimLeft(head, " \t\r\n\ufeff")
	if bytes.HasPrefix(h, []byte("\xef\xbb\xbf")) {
		h = bytes.TrimLeft(h[3:], " \t\r\n")
	}
	lower := bytes.ToLower(h)
	switch {
	case bytes.HasPrefix(h, []byte("WARC/")):
		return FormatWARC
	case bytes.HasPrefix(h, []byte("{")):
		return FormatJSONL
	case bytes.Contains(lower, []byte("<rss")), bytes.Contains(lower, []byte("<feed")), bytes.Contains(lower, []byte("<rdf:rdf")):
		return FormatFeed
	case bytes.HasPrefix(lower, []byte("<!doctype html")), bytes.Contains(lower, []byte("<html")), bytes.Contains(lower, []byte("<body")):
		return FormatHTML
	case utf8.Valid(head) || len(head) >= 512:
		if bytes.IndexByte(head, 0) < 0 {
			return FormatText
		}
	}
	return FormatUnknown
}

// Walk reads every source in order: a file, a folder walked in lexical
// order (hidden files and folders are passed over), or an http(s) URL
// (ReadURL). Each file is read by
// the reader for its format (FormatOf). A file that cannot be read, or a
// bad line or record inside one, is reported to h.Error and the walk goes
// on. Walk returns only the error with which h.Item asked to stop.
func (o Options) Walk(sources []string, h Handler) error {
	for _, src := range sources {
		if isURL(src) {
			if err := o.ReadURL(src, h); err != nil {
				return err
			}
			continue
		}
		st, err := os.Stat(src)
		if err != nil {
			h.fail(&Error{Source: src, Err: err})
			continue
		}
		if !st.IsDir() {
			if err := o.ReadFile(src, h); err != nil {
				return err
			}
			continue
		}
		var files []string
		werr := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				h.fail(&Error{Source: p, Err: err})
				if d != nil && d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if p != src && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return fs.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() {
				files = append(files, p)
			}
			return nil
		})
		if werr != nil {
			h.fail(&Error{Source: src, Err: werr})
		}
		sort.Strings(files)
		for _, f := range files {
			if err := o.ReadFile(f, h); err != nil {
				return err
			}
		}
	}
	return nil
}

// Walk reads sources with the default options; see Options.Walk.
func Walk(sources []string, h Handler) error { return Options{}.Walk(sources, h) }

// ReadFile reads one file with the reader for its format. Failures are
// reported to h.Error; the returned error is only the handler's stop.
func (o Options) ReadFile(name string, h Handler) error {
	f, err := os.Open(name)
	if err != nil {
		h.fail(&Error{Source: name, Err: err})
		return nil
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 1<<16)
	head, _ := br.Peek(4096)
	format := FormatOf(name, head)
	err = o.Read(br, name, format, h)
	return err
}

// Read reads r, named name, as format. Failures are reported to h.Error;
// the returned error is only the handler's stop.
func (o Options) Read(r io.Reader, name string, format Format, h Handler) error {
	switch format {
	case FormatJSONL:
		return o.ReadJSONL(r, name, h)
	case FormatText:
		b, err := readAll(r, o.maxFile())
		if err != nil {
			h.fail(&Error{Source: name, Err: err})
			return nil
		}
		txt, enc, err := textenc.Decode(b)
		if err != nil {
			h.fail(&Error{Source: name, Err: err})
			return nil
		}
		it := Item{Text: txt, Title: fileTitle(name), Origin: Origin{File: name}}
		if enc != textenc.UTF8 {
			it.Note = fmt.Sprintf("not UTF-8: read as %v; byte offsets are into its UTF-8 text", enc)
		}
		return unstop(o.emit(h, it))
	case FormatHTML:
		return o.ReadHTML(r, name, "", h)
	case FormatFeed:
		return o.ReadFeed(r, name, h)
	case FormatWARC:
		return o.ReadWARC(r, name, h)
	}
	h.fail(&Error{Source: name, Err: errors.New("unknown file format (want .txt, .html, .jsonl, an RSS/Atom feed or .warc[.gz])")})
	return nil
}

// fileTitle is the title of a plain text file: its name without folder
// and extension, with _ and - between words read as spaces
// ("talks_in_geneva.txt" is "talks in geneva").
func fileTitle(name string) string {
	base := filepath.Base(name)
	base = strings.TrimSuffix(base, filepath.Ext(base))
	t := strings.Join(strings.Fields(strings.NewReplacer("_", " ", "-", " ").Replace(base)), " ")
	if t == "" || base == "stdin" || base == "-" {
		return ""
	}
	return t
}

// readAll reads at most max bytes of r; more is an error.
func readAll(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("larger than the limit of %d bytes a document", max)
	}
	return b, nil
}
