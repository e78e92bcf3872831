package server

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"

	"annals/internal/analyze"
	"annals/internal/record"
)

// pageBase is what every page template reads.
type pageBase struct {
	Title string
	Nav   string // the navigation entry to mark current
}

type errorPage struct {
	pageBase
	Message string
}

var funcs = template.FuncMap{
	"num":         func(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) },
	"join":        strings.Join,
	"quadName":    quadName,
	"anchor":      anchor,
	"eventURL":    eventURL,
	"apiEventURL": func(e record.Event) string { return "/api/events/" + url.PathEscape(e.ID) },
	"docURL":      docURL,
	"eventIDURL":  eventIDURL,
	"dyadURL":     dyadURL,
	"linkEventsURL": func(l analyze.Link) string {
		return "/events?" + url.Values{"source": {l.Source}, "target": {l.Target}}.Encode()
	},
}

// quadName names a valid quad class, "" for another number.
func quadName(q int) string {
	if analyze.Quad(q).Valid() {
		return analyze.Quad(q).String()
	}
	return ""
}

// anchor is the id of an event's card in its document page: "ev-" and the
// sentence and the event's number in it, both from the record id
// ("doc7:12:0" → "ev-12-0"), so that links survive re-rendering.
func anchor(e record.Event) string {
	k := e.ID
	if i := strings.LastIndexByte(k, ':'); i >= 0 {
		k = k[i+1:]
	}
	if _, err := strconv.Atoi(k); err != nil {
		k = "0"
	}
	return fmt.Sprintf("ev-%d-%s", e.Sentence, k)
}

func docURL(id string) string { return "/documents/" + url.PathEscape(id) }

// eventIDURL links an event id ("doc7:12:0") to its card in its document;
// an id of another shape links to the event's JSON.
func eventIDURL(id string) string {
	parts := strings.Split(id, ":")
	if n := len(parts); n >= 3 {
		s, err1 := strconv.Atoi(parts[n-2])
		_, err2 := strconv.Atoi(parts[n-1])
		if err1 == nil && err2 == nil {
			return docURL(strings.Join(parts[:n-2], ":")) + fmt.Sprintf("#ev-%d-%s", s, parts[n-1])
		}
	}
	return "/api/events/" + url.PathEscape(id)
}

func eventURL(e record.Event) string { return docURL(e.DocID) + "#" + anchor(e) }

func dyadURL(a, b string) string { return "/dyad?" + url.Values{"a": {a}, "b": {b}}.Encode() }

// loadTemplates parses every page with the shared definitions.
func loadTemplates() (map[string]*template.Template, error) {
	shared := []string{"templates/base.html", "templates/card.html"}
	files, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return nil, err
	}
	pages := map[string]*template.Template{}
	for _, f := range files {
		name := path.Base(f)
		if name == "base.html" || name == "card.html" {
			continue
		}
		t, err := template.New(name).Funcs(funcs).ParseFS(templateFS, append([]string{f}, shared...)...)
		if err != nil {
			return nil, fmt.Errorf("server: template %s: %w", name, err)
		}
		pages[name] = t
	}
	return pages, nil
}

// render executes a page into a buffer first, so that a template error
// becomes a clean 500 rather than half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, code int, name string, data any) {
	t := s.pages[name]
	if t == nil {
		s.log.Printf("%s %s: no template %s", r.Method, r.URL, name)
		http.Error(w, "internal error: no template "+name, http.StatusInternalServerError)
		return
	}
	buf := getBuffer()
	defer putBuffer(buf)
	if err := t.Execute(buf, data); err != nil {
		s.log.Printf("%s %s: template %s: %v", r.Method, r.URL, name, err)
		if name != "error.html" {
			s.render(w, r, http.StatusInternalServerError, "error.html", errorPage{pageBase: pageBase{Title: "Internal error"}, Message: "The page could not be drawn: " + err.Error()})
			return
		}
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	body := bytes.Clone(buf.Bytes()) // the one copy: see writeJSON
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(code)
	writeBody(w, body)
}

func (s *Server) pageError(w http.ResponseWriter, r *http.Request, err error) {
	code, msg := s.status(r, err)
	if code == http.StatusNotFound {
		msg = "There is nothing at " + r.URL.Path + "."
	}
	s.render(w, r, code, "error.html", errorPage{pageBase: pageBase{Title: http.StatusText(code)}, Message: msg})
}

// pager is the navigation of a paged list.
type pager struct {
	Prev, Next string
	From, To   int
	Total      int
	// A page reached by cursor (after=) does not know its place: it links
	// to the first page, says how many it shows, and Next is by cursor.
	First  string
	Cursor bool
}

// newPager builds the links of a page of a list at path with params q.
func newPager(p string, q url.Values, pg Page, shown, total int) pager {
	pr := pager{From: pg.Offset + 1, To: pg.Offset + shown, Total: total}
	if shown == 0 {
		pr.From = pg.Offset
	}
	link := func(off int) string {
		v := url.Values{}
		for k, vs := range q {
			v[k] = vs
		}
		v.Set("offset", strconv.Itoa(off))
		if pg.Limit != DefaultLimit {
			v.Set("limit", strconv.Itoa(pg.Limit))
		}
		return p + "?" + v.Encode()
	}
	if pg.Offset > 0 {
		prev := pg.Offset - pg.Limit
		if prev < 0 {
			prev = 0
		}
		pr.Prev = link(prev)
	}
	if pg.Offset+shown < total && pg.Offset+pg.Limit <= MaxOffset {
		pr.Next = link(pg.Offset + pg.Limit)
	}
	return pr
}
