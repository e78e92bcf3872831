package server

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"

	"annals/internal/record"
)

// The evidence cards of a document page are written by Go code rather
// than by a template: a document of twenty events has twenty cards of some
// forty fields each, and html/template's reflection and escaping of every
// field made them half of the server's CPU time under load. The output is
// the same bytes that templates/card.html gives (a test holds the two
// together); change both or neither.

// htmlEscaper escapes text and quoted attribute values as html/template
// does.
var htmlEscaper = strings.NewReplacer("\x00", "\uFFFD", `"`, "&#34;", "&", "&amp;", "'", "&#39;", "+", "&#43;", "<", "&lt;", ">", "&gt;")

// queryEscape escapes a value placed in a URL's query inside an
// attribute, as html/template does: every byte but the unreserved ones as
// %XX.
func queryEscape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_' || c == '~' {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte("0123456789abcdef"[c>>4])
		b.WriteByte("0123456789abcdef"[c&15])
	}
	return b.String()
}

type htmlWriter struct{ strings.Builder }

// t writes literal markup.
func (w *htmlWriter) t(s string) { w.WriteString(s) }

// e writes text, escaped.
func (w *htmlWriter) e(s string) { htmlEscaper.WriteString(&w.Builder, s) }

func (w *htmlWriter) i(n int) { w.WriteString(strconv.Itoa(n)) }

// opt writes pre, s escaped and post when s is not empty.
func (w *htmlWriter) opt(pre, s, post string) {
	if s != "" {
		w.t(pre)
		w.e(s)
		w.t(post)
	}
}

// HTML renders the card (templates/card.html's "card").
func (c card) HTML() template.HTML {
	e := c.Event
	var w htmlWriter
	w.Grow(2048)
	w.t("\n<article class=\"card\" id=\"")
	w.e(c.Anchor)
	w.t("\" data-event=\"")
	w.i(c.Index)
	w.t("\" data-spans=\"")
	w.e(c.Spans)
	w.t("\" aria-labelledby=\"")
	w.e(c.Anchor)
	w.t("-h\">\n<h3 id=\"")
	w.e(c.Anchor)
	w.t("-h\"><span class=\"type q")
	w.i(e.QuadClass)
	w.t("\">")
	w.e(e.EventType)
	w.t("</span>")
	if e.Mode != "" {
		w.t(" <span class=\"mode\">")
		w.e(e.Mode)
		w.t("</span>")
	}
	w.t(" <span class=\"trig\">“")
	w.e(e.Trigger.Text)
	w.t("”</span></h3>\n<dl>\n<dt>Source</dt><dd>")
	argDetail(&w, e.Source)
	w.t("</dd>\n<dt>Target</dt><dd>")
	argDetail(&w, e.Target)
	w.t("</dd>\n<dt>Type</dt><dd>")
	w.e(e.EventType)
	if e.Mode != "" {
		w.t(" / ")
		w.e(e.Mode)
	}
	if len(e.Context) > 0 {
		w.t(" <span class=\"muted\">(")
		w.e(strings.Join(e.Context, ", "))
		w.t(")</span>")
	}
	w.t("</dd>\n<dt>CAMEO</dt><dd>")
	if e.CAMEO != "" {
		w.e(e.CAMEO)
	} else {
		w.t("<span class=\"muted\">none</span>")
	}
	w.t(" · quad class ")
	w.i(e.QuadClass)
	if q := quadName(e.QuadClass); q != "" {
		w.t(" (")
		w.e(q)
		w.t(")")
	}
	w.t(" · Goldstein ")
	w.e(strconv.FormatFloat(e.Goldstein, 'f', 1, 64))
	w.t("</dd>\n<dt>Date</dt><dd>")
	if e.Date.Value != "" {
		w.t("<strong>")
		w.e(e.Date.Value)
		w.t("</strong>")
	} else {
		w.t("<span class=\"muted\">unknown</span>")
	}
	if e.Date.Precision != "" {
		w.t(" · ")
		w.e(e.Date.Precision)
	}
	if e.Date.Basis != "" {
		w.t(" · basis: ")
		w.e(e.Date.Basis)
	}
	if e.Date.Text != "" {
		w.t(" · from “<span class=\"datewords\">")
		w.e(e.Date.Text)
		w.t("</span>”")
	}
	if e.Date.Basis == "published" {
		w.t(" <span class=\"muted\">(publication date ")
		w.e(e.Published)
		w.t(", no date in the text)</span>")
	}
	w.t("</dd>\n<dt>Polarity</dt><dd>")
	w.e(e.Polarity)
	w.t("</dd>\n<dt>Modality</dt><dd>")
	w.e(e.Modality)
	w.t("</dd>\n<dt>Certainty</dt><dd>")
	w.e(e.Certainty)
	w.t("</dd>\n<dt>Speaker</dt><dd>")
	if at := e.Attribution; at.Speaker == "author" {
		w.t("the author")
	} else {
		w.t("“")
		w.e(at.Speaker)
		w.t("”")
		if at.Actor != nil {
			w.t(" → ")
			w.e(at.Actor.Code)
			w.opt(" (", at.Actor.Name, ")")
		}
		w.opt(" · cue “", at.Cue, "”")
	}
	w.t("</dd>\n")
	if e.Location.Text != "" {
		w.t("<dt>Location</dt><dd>")
		w.e(e.Location.Text)
		w.opt(" (", e.Location.Country, ")")
		w.t("</dd>")
	}
	w.t("\n<dt>Rule</dt><dd><code>")
	if e.Rule != "" {
		w.e(e.Rule)
	} else {
		w.t("—")
	}
	w.t("</code></dd>\n<dt>Confidence</dt><dd>")
	w.e(strconv.FormatFloat(e.Confidence, 'f', 2, 64))
	w.t("</dd>\n</dl>\n")
	if len(e.Evidence) > 0 {
		w.t("<h4>Evidence</h4>\n<ul class=\"evidence\">")
		for _, ev := range e.Evidence {
			w.t("<li><span class=\"field\">")
			w.e(ev.Field)
			w.t("</span> “")
			w.e(ev.Text)
			w.t("” <span class=\"muted\">[")
			w.i(ev.Start)
			w.t(", ")
			w.i(ev.End)
			w.t(")</span>")
			w.opt(" <code>", ev.Rule, "</code>")
			w.t("</li>")
		}
		w.t("</ul>")
	}
	w.t("\n<p class=\"muted small\">Sentence ")
	w.i(e.Sentence)
	w.t(" · trigger bytes [")
	w.i(e.Trigger.Start)
	w.t(", ")
	w.i(e.Trigger.End)
	w.t(") · <a href=\"")
	w.e("/api/events/" + url.PathEscape(e.ID))
	w.t("\">JSON</a></p>\n</article>\n")
	return template.HTML(w.String())
}

// argDetail renders arguments as templates/card.html's "argdetail".
func argDetail(w *htmlWriter, args []record.Argument) {
	if len(args) == 0 {
		w.t("<span class=\"muted\">none found</span>")
		return
	}
	for i, a := range args {
		if i > 0 {
			w.t("<br>")
		}
		w.t("“")
		w.e(a.Text)
		w.t("”")
		if a.Actor.Code == "" {
			w.t(" <span class=\"muted\">(unresolved)</span>")
			continue
		}
		w.t(" → <a href=\"/events?actor=")
		w.e(queryEscape(a.Actor.Code))
		w.t("\">")
		w.e(a.Actor.Code)
		w.t("</a>")
		if a.Actor.Name != "" {
			w.t(" (")
			w.e(a.Actor.Name)
			if a.Actor.Kind != "" {
				w.t(", ")
				w.e(string(a.Actor.Kind))
			}
			w.t(")")
		}
	}
}

// TextHTML renders the document's text in its paragraphs with its marks:
// triggers as links to their cards, mentions and evidence as spans, each
// paragraph's separator kept (hidden) so offsets count in the page (written
// by Go for the reason given above; a test holds it to the template).
func (p documentPage) TextHTML() template.HTML {
	var w htmlWriter
	for _, para := range p.Paras {
		if len(para.Pieces) == 0 {
			w.t("<span class=\"sep\">")
			w.e(para.Sep)
			w.t("</span>")
			continue
		}
		w.t("<p>")
		p.piecesHTML(&w, para.Pieces)
		if para.Sep != "" {
			w.t("<span class=\"sep\">")
			w.e(para.Sep)
			w.t("</span>")
		}
		w.t("</p>")
	}
	return template.HTML(w.String())
}

// piecesHTML writes the pieces of one paragraph.
func (p documentPage) piecesHTML(w *htmlWriter, pieces []Piece) {
	for _, pc := range pieces {
		switch {
		case pc.Trigger:
			w.t("<a class=\"trigger")
			if pc.Mention {
				w.t(" mention")
			}
			w.t("\" href=\"#")
			if i := pc.FirstEvent(); i >= 0 && i < len(p.Anchors) {
				w.e(queryEscape(p.Anchors[i]))
			}
			w.t("\" data-events=\"")
			w.e(pc.EventList())
			w.t("\" data-s=\"")
			w.i(pc.Start)
			w.t("\" data-e=\"")
			w.i(pc.End)
			w.t("\">")
			w.e(pc.Text)
			w.t("</a>")
		case pc.Covered:
			if pc.Mention {
				w.t("<span class=\"mention\" data-s=\"")
			} else {
				w.t("<span class=\"ev\" data-s=\"")
			}
			w.i(pc.Start)
			w.t("\" data-e=\"")
			w.i(pc.End)
			w.t("\"")
			if title := pc.Title(); title != "" {
				w.t(" title=\"")
				w.e(title)
				w.t("\"")
			}
			w.t(">")
			w.e(pc.Text)
			w.t("</span>")
		default:
			w.e(pc.Text)
		}
	}
}

// RowHTML renders the card's row of the document page's table of events
// (as the template it replaced; a test holds the two together).
func (c card) RowHTML() template.HTML {
	e := c.Event
	var w htmlWriter
	w.Grow(512)
	w.t("<tr>\n<td><a class=\"show\" href=\"#")
	w.e(queryEscape(c.Anchor))
	w.t("\" data-events=\"")
	w.i(c.Index)
	w.t("\">")
	w.i(c.Index)
	w.t("</a></td>\n<td class=\"nowrap\">")
	if e.Date.Value != "" {
		w.e(e.Date.Value)
	} else {
		w.t("<span class=\"muted\">undated</span>")
	}
	w.t("</td>\n<td>")
	argsHTML(&w, e.Source)
	w.t("</td>\n<td><span class=\"type q")
	w.i(e.QuadClass)
	w.t("\">")
	w.e(e.EventType)
	w.t("</span>")
	if e.Mode != "" {
		w.t(" <span class=\"mode\">")
		w.e(e.Mode)
		w.t("</span>")
	}
	for _, f := range [3][2]string{{e.Polarity, "asserted"}, {e.Modality, "actual"}, {e.Certainty, "certain"}} {
		if f[0] != f[1] {
			w.t(" <span class=\"flag\">")
			w.e(f[0])
			w.t("</span>")
		}
	}
	if e.Incomplete {
		w.t(" <span class=\"flag\">incomplete</span>")
	}
	w.t("</td>\n<td>")
	argsHTML(&w, e.Target)
	w.t("</td>\n<td>“")
	w.e(e.Trigger.Text)
	w.t("”</td>\n</tr>\n")
	return template.HTML(w.String())
}

// argsHTML renders arguments as base.html's "args".
func argsHTML(w *htmlWriter, args []record.Argument) {
	if len(args) == 0 {
		w.t("<span class=\"muted\">—</span>")
		return
	}
	for i, a := range args {
		if i > 0 {
			w.t("; ")
		}
		if a.Actor.Code == "" {
			w.t("<span class=\"muted\">")
			w.e(a.Text)
			w.t("</span>")
			continue
		}
		w.t("<a href=\"/events?actor=")
		w.e(queryEscape(a.Actor.Code))
		w.t("\" title=\"")
		w.e(a.Actor.Name)
		w.t("\">")
		w.e(a.Actor.Code)
		w.t("</a>")
	}
}
