package ingest

import (
	"bytes"
	"fmt"
	"io"
	nurl "net/url"
	"strings"
	"time"
	"unicode/utf8"

	readability "codeberg.org/readeck/go-readability/v2"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// ReadHTML reads one HTML page from r and yields its main text, title,
// publication date and URL. pageURL is where the page came from ("" for a
// file: the page's canonical URL is used when it states one). A page that
// cannot be read is reported to h.Error.
func (o Options) ReadHTML(r io.Reader, name, pageURL string, h Handler) error {
	b, err := readAll(r, o.maxFile())
	if err != nil {
		h.fail(&Error{Source: name, Err: err})
		return nil
	}
	it, err := o.ExtractHTML(b, "", pageURL)
	if err != nil {
		h.fail(&Error{Source: name, Err: err})
		return nil
	}
	it.Origin = Origin{File: name}
	return unstop(o.emit(h, it))
}

// ExtractHTML extracts a page with the default options; see
// Options.ExtractHTML.
func ExtractHTML(b []byte, contentType, pageURL string) (Item, error) {
	return Options{}.ExtractHTML(b, contentType, pageURL)
}

// ExtractHTML returns an item with the main text of the page b (boilerplate
// such as navigation, comments and footers removed; paragraphs separated by
// blank lines), its title, publication date and URL. contentType is the
// HTTP Content-Type when known (for the character set); pageURL is where the
// page came from, "" when unknown.
//
// A page of more than Limits.HTMLElements elements is not given to the
// boilerplate removers, whose time and memory grow faster than the page:
// its text is that of all its block elements, its title that of <title>,
// so that time and memory stay linear in its size.
func (o Options) ExtractHTML(b []byte, contentType, pageURL string) (it Item, err error) {
	defer func() {
		if r := recover(); r != nil {
			it, err = Item{}, fmt.Errorf("HTML extraction failed: %v", r)
		}
	}()
	var in io.Reader = bytes.NewReader(b)
	if !utf8.Valid(b) || contentType != "" {
		cr, cerr := charset.NewReader(bytes.NewReader(b), contentType)
		if cerr == nil {
			in = cr
		}
	}
	doc, err := html.Parse(in)
	if err != nil {
		return Item{}, fmt.Errorf("cannot parse HTML: %w", err)
	}
	if n := countElements(doc, o.limits().HTMLElements); n > o.limits().HTMLElements {
		it.Title = strings.Join(strings.Fields(titleText(doc)), " ")
		it.Text = blockText(doc)
		it.URL = cleanURL(pageURL)
		if strings.TrimSpace(it.Text) == "" {
			return it, ErrEmpty
		}
		return it, nil
	}
	var u *nurl.URL
	if pageURL != "" {
		if pu, perr := nurl.Parse(pageURL); perr == nil && pu.IsAbs() {
			u = pu
		}
	}

	// Title, main text and publication date from readability. (trafilatura
	// is not used: through go-htmldate it links go-dateparser, whose
	// package initialisation compiles the date patterns of every language
	// it knows, about 0.4 s of CPU and 95 MB at the start of every annals
	// command.)
	canon := canonicalURL(doc)
	parser := readability.NewParser()
	article, rerr := parser.ParseDocument(doc, u)
	if rerr == nil {
		it.Title = strings.Join(strings.Fields(article.Title()), " ")
		if article.Node != nil {
			it.Text = blockText(article.Node)
		}
		if t, derr := article.PublishedTime(); derr == nil {
			it.Published = t
		}
	}
	if pageURL == "" {
		pageURL = canon
	}
	it.Published = plausibleDate(it.Published)
	it.URL = cleanURL(pageURL)
	if strings.TrimSpace(it.Text) == "" && rerr != nil {
		return it, fmt.Errorf("%w: %v", ErrEmpty, rerr)
	}
	return it, nil
}

// countElements counts the element nodes under n, stopping once past max.
func countElements(n *html.Node, max int) int {
	count := 0
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil && count <= max; c = c.NextSibling {
			if c.Type == html.ElementNode {
				count++
			}
			walk(c)
		}
	}
	walk(n)
	return count
}

// titleText returns the text of the first <title> element under n.
func titleText(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title {
		var sb strings.Builder
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			if c.Type == html.TextNode {
				sb.WriteString(c.Data)
			}
		}
		return sb.String()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := titleText(c); t != "" {
			return t
		}
	}
	return ""
}

// canonicalURL is the page's own statement of its address: <link
// rel="canonical">, else <meta property="og:url">; "" when it states none.
func canonicalURL(doc *html.Node) string {
	var canon, og string
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Link:
				if canon == "" && strings.EqualFold(attr(n, "rel"), "canonical") {
					canon = attr(n, "href")
				}
			case atom.Meta:
				if og == "" && strings.EqualFold(attr(n, "property"), "og:url") {
					og = attr(n, "content")
				}
			case atom.Body:
				return // both belong in the head
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if strings.TrimSpace(canon) != "" {
		return canon
	}
	return og
}

// cleanURL keeps u only when it is an absolute http(s) URL.
func cleanURL(u string) string {
	u = strings.TrimSpace(u)
	pu, err := nurl.Parse(u)
	if err != nil || !pu.IsAbs() || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return ""
	}
	return NormalizeURL(u)
}

// blockText renders the text of n: block elements (paragraphs, headings,
// list items, quotes, table rows) become paragraphs separated by a blank
// line, <br> a line break, and runs of white space inside a paragraph one
// space.
func blockText(n *html.Node) string {
	if n == nil {
		return ""
	}
	var w blockWriter
	w.walk(n)
	w.endBlock()
	return strings.TrimSpace(w.out.String())
}

type blockWriter struct {
	out   strings.Builder
	line  strings.Builder // current paragraph
	space bool            // a space is pending in line
}

func isHTMLSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\u00a0'
}

func (w *blockWriter) endBlock() {
	p := strings.TrimSpace(w.line.String())
	w.line.Reset()
	w.space = false
	if p == "" {
		return
	}
	if w.out.Len() > 0 {
		w.out.WriteString("\n\n")
	}
	w.out.WriteString(p)
}

func (w *blockWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.textNode(n.Data)
		return
	case html.ElementNode:
		switch n.DataAtom {
		case atom.Script, atom.Style, atom.Noscript, atom.Template, atom.Head:
			return
		case atom.Br:
			if l := strings.TrimSpace(w.line.String()); l != "" {
				w.line.Reset()
				w.line.WriteString(l)
				w.line.WriteByte('\n')
				w.space = false
			}
			return
		}
	}
	block := n.Type == html.ElementNode && isBlock(n)
	if block {
		w.endBlock()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if block {
		w.endBlock()
	}
}

// textNode appends HTML text, collapsing white space; a space at either
// end of the node separates it from its neighbours.
func (w *blockWriter) textNode(s string) {
	if s == "" {
		return
	}
	if isHTMLSpace(firstRune(s)) {
		w.space = true
	}
	fields := strings.FieldsFunc(s, isHTMLSpace)
	for i, f := range fields {
		if (i > 0 || w.space) && w.line.Len() > 0 && !strings.HasSuffix(w.line.String(), "\n") {
			w.line.WriteByte(' ')
		}
		w.line.WriteString(f)
		w.space = false
	}
	if isHTMLSpace(lastRune(s)) {
		w.space = true
	}
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	return r
}

// isBlock reports whether n starts a new paragraph.
func isBlock(n *html.Node) bool {
	switch n.DataAtom {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Li, atom.Ul, atom.Ol, atom.Dl, atom.Dt, atom.Dd, atom.Blockquote, atom.Pre,
		atom.Table, atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot, atom.Caption,
		atom.Section, atom.Article, atom.Header, atom.Footer, atom.Aside, atom.Nav,
		atom.Figure, atom.Figcaption, atom.Hr, atom.Main, atom.Body, atom.Html,
		atom.Address, atom.Details, atom.Summary:
		return true
	}
	return false
}

// plausibleDate keeps a publication date only when its year is plausible
// for a news page; extractors sometimes read other numbers as dates.
func plausibleDate(t time.Time) time.Time {
	if t.Year() < 1800 || t.Year() > 2200 {
		return time.Time{}
	}
	return t.UTC()
}

// attr returns the value of n's attribute key, "" when absent.
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if strings.EqualFold(a.Key, key) {
			return a.Val
		}
	}
	return ""
}
