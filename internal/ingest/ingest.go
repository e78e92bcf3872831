// Package ingest reads sources into items ready to be coded: plain text
// files, HTML pages, JSON-lines files, RSS/Atom feed files and web archives
// (.warc, .warc.gz). Each reader yields one Item per document through a
// callback and reports a bad file, line or record as an *Error without
// stopping: the rest of the batch goes on.
//
// An item's identity is its URL when it has one, else a hash of its text
// (Item.Key); two items with the same key are the same document.
package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"annals/internal/text"
)

// Item is one document read from a source, before coding.
type Item struct {
	ID        string    // stable identifier: given by the source, else derived from Key
	URL       string    // where the document was published, "" when unknown
	Title     string    // "" when unknown
	Published time.Time // publication time (UTC); zero when unknown
	Text      string    // the text to code; byte offsets of events refer to it
	Origin    Origin    // where in the input it was read
	Note      string    // what reading it worked around ("not UTF-8: read as UTF-16LE"), "" when nothing; a warning of the document
	// Teaser marks a feed entry whose text is the feed's own (its summary
	// or content) standing in for the article at URL, which was not read
	// (fetching was off or failed). Its key is TeaserKey of the article's,
	// so that the article, read later, is a new document that replaces it.
	Teaser bool
}

// Origin is where an item was read: a file and, inside it, a line (JSON
// lines) or a record number (feeds, archives), counted from 1; 0 when the
// whole file is the item.
type Origin struct {
	File   string
	Line   int
	Record int
}

// String renders o as "file", "file:line" or "file#record".
func (o Origin) String() string {
	switch {
	case o.Line > 0:
		return fmt.Sprintf("%s:%d", o.File, o.Line)
	case o.Record > 0:
		return fmt.Sprintf("%s#%d", o.File, o.Record)
	}
	return o.File
}

// Key returns the item's identity: "url:" and its URL when it has one,
// else "sha256:" and the hash of its text; for a teaser, TeaserKey of
// that.
func (it Item) Key() string {
	if it.Teaser {
		return TeaserKey(it.articleKey())
	}
	return it.articleKey()
}

// articleKey is the identity of the item's whole text.
func (it Item) articleKey() string {
	if u := NormalizeURL(it.URL); u != "" {
		return "url:" + u
	}
	return "sha256:" + ContentHash(it.Text)
}

// teaserPrefix starts the key of a teaser.
const teaserPrefix = "teaser:"

// TeaserKey returns the key of the teaser of the document whose key is
// key: "teaser:url:https://…".
func TeaserKey(key string) string { return teaserPrefix + key }

// ArticleKey returns the key of the article whose teaser has key, and
// whether key is a teaser's.
func ArticleKey(key string) (string, bool) {
	if strings.HasPrefix(key, teaserPrefix) {
		return key[len(teaserPrefix):], true
	}
	return key, false
}

// Document returns a new text.Document over the item's text with its
// metadata.
func (it Item) Document() *text.Document {
	d := text.New(it.ID, it.Text)
	d.Published = it.Published
	d.Title = it.Title
	d.URL = it.URL
	if it.Note != "" {
		d.Warn(it.Note)
	}
	return d
}

// ContentHash returns the hex SHA-256 of s.
func ContentHash(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// DeriveID returns a short stable identifier for an item without one: "d"
// and the first 16 hex digits of the hash of its key.
func DeriveID(key string) string {
	h := sha256.Sum256([]byte(key))
	return "d" + hex.EncodeToString(h[:8])
}

// NormalizeURL trims u and drops its fragment, so that the same page read
// twice has the same identity. It returns "" for a blank URL.
func NormalizeURL(u string) string {
	u = strings.TrimSpace(u)
	if i := strings.IndexByte(u, '#'); i >= 0 {
		u = u[:i]
	}
	return u
}

// Error is a failure to read one file, line or record. The batch goes on.
type Error struct {
	Source string // file name
	Line   int    // line number (JSON lines), 0 when not line-based
	Record int    // record number (feeds, archives), 0 when not record-based
	Err    error
}

func (e *Error) Error() string {
	o := Origin{File: e.Source, Line: e.Line, Record: e.Record}
	return fmt.Sprintf("ingest %s: %v", o, e.Err)
}

func (e *Error) Unwrap() error { return e.Err }

// ErrNotEnglish marks an item skipped because its text is not English.
var ErrNotEnglish = errors.New("not English")

// ErrEmpty marks an item skipped because no text could be extracted.
var ErrEmpty = errors.New("no text")

// Skip is an item passed over on purpose (not English, empty), with the
// reason. It is reported through Handler.Skip, not as a failure.
type Skip struct {
	Origin Origin
	ID     string
	Reason error
}

func (s *Skip) Error() string { return fmt.Sprintf("skip %s: %v", s.Origin, s.Reason) }

func (s *Skip) Unwrap() error { return s.Reason }

// Handler receives what the readers find. Item is called for each document
// in input order; returning a non-nil error stops the walk and is returned
// by Walk (use it for cancellation). Error and Skip may be nil.
type Handler struct {
	Item  func(Item) error
	Error func(*Error) // a file, line or record that could not be read
	Skip  func(*Skip)  // a document passed over on purpose, with the reason
}

func (h Handler) fail(e *Error) {
	if h.Error != nil {
		h.Error(e)
	}
}

func (h Handler) skip(s *Skip) {
	if h.Skip != nil {
		h.Skip(s)
	}
}

// errStop wraps an error returned by Handler.Item, so that readers can tell
// it apart from their own failures.
type errStop struct{ err error }

func (e errStop) Error() string { return e.err.Error() }

// emit finishes an item (ID, trimmed text, language check) and hands it to
// h. It returns a non-nil error only when the handler asks to stop.
func (o Options) emit(h Handler, it Item) error {
	it.Text = strings.TrimSpace(it.Text)
	if it.ID == "" {
		// A teaser and its article share their id, so that the article
		// takes the teaser's place at the same address.
		it.ID = DeriveID(it.articleKey())
	}
	if !it.Published.IsZero() {
		it.Published = it.Published.UTC()
	}
	if it.Text == "" {
		reason := ErrEmpty
		if it.Note != "" {
			reason = fmt.Errorf("%w; %s", ErrEmpty, it.Note)
		}
		h.skip(&Skip{Origin: it.Origin, ID: it.ID, Reason: reason})
		return nil
	}
	if !o.AllLanguages {
		if ok, ratio := IsEnglish(it.Text); !ok {
			h.skip(&Skip{Origin: it.Origin, ID: it.ID, Reason: fmt.Errorf("%w (English stopword ratio %.2f)", ErrNotEnglish, ratio)})
			return nil
		}
	}
	if err := h.Item(it); err != nil {
		return errStop{err}
	}
	return nil
}
