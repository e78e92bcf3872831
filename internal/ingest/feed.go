package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strings"

	"github.com/mmcdole/gofeed"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ReadFeed reads an RSS or Atom feed from r and yields one item per entry.
// With Options.FetchArticles, an entry's text is the main text of the
// article it links to (FetchArticle, several at a time, in feed order);
// when that cannot be read, or without FetchArticles, it is the feed's own
// text, its content or else its summary, and an entry with a link is
// marked a teaser (Item.Teaser), with a note saying why when a fetch
// failed. Each item has the entry's title, link and publication date (the
// update date when no publication date is given; the article's when the
// feed gives none). A feed that cannot be parsed is reported to h.Error;
// an entry without text is skipped with a note.
func (o Options) ReadFeed(r io.Reader, name string, h Handler) (err error) {
	defer func() {
		if p := recover(); p != nil {
			h.fail(&Error{Source: name, Err: fmt.Errorf("feed parser failed: %v", p)})
			err = nil
		}
	}()
	b, rerr := readAll(r, o.maxFile())
	if rerr != nil {
		h.fail(&Error{Source: name, Err: rerr})
		return nil
	}
	feed, perr := gofeed.NewParser().Parse(bytes.NewReader(b))
	if perr != nil {
		h.fail(&Error{Source: name, Err: fmt.Errorf("cannot parse feed: %w", perr)})
		return nil
	}
	var items []Item
	for i, e := range feed.Items {
		if e == nil {
			continue
		}
		body := e.Content
		if strings.TrimSpace(body) == "" {
			body = e.Description
		}
		it := Item{
			URL:    cleanURL(e.Link),
			Title:  strings.Join(strings.Fields(htmlFragmentText(e.Title)), " "),
			Text:   htmlFragmentText(body),
			Origin: Origin{File: name, Record: i + 1},
		}
		switch {
		case e.PublishedParsed != nil:
			it.Published = plausibleDate(*e.PublishedParsed)
		case e.UpdatedParsed != nil:
			it.Published = plausibleDate(*e.UpdatedParsed)
		}
		items = append(items, it)
	}
	if !o.FetchArticles {
		for _, it := range items {
			it.Teaser = it.URL != ""
			if err := o.emit(h, it); err != nil {
				return unstop(err)
			}
		}
		return nil
	}
	return unstop(o.fetchArticles(items, func(k int, art Item, err error) error {
		return o.emit(h, withArticle(items[k], art, err))
	}))
}

// htmlFragmentText returns the text of an HTML fragment (feeds carry
// escaped HTML in their content), paragraphs separated by blank lines. Plain
// text comes back with its white space collapsed per paragraph.
func htmlFragmentText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return plainParagraphs(s)
	}
	body := &html.Node{Type: html.ElementNode, Data: "body", DataAtom: atom.Body}
	nodes, err := html.ParseFragment(strings.NewReader(s), body)
	if err != nil {
		return plainParagraphs(s)
	}
	for _, n := range nodes {
		body.AppendChild(n)
	}
	return blockText(body)
}

// plainParagraphs collapses white space inside the paragraphs of s and
// separates them by one blank line.
func plainParagraphs(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(s, "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "\n\n")
}
