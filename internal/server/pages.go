package server

import (
	"fmt"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"annals/internal/analyze"
	"annals/internal/plover"
	"annals/internal/record"
)

type documentsPage struct {
	pageBase
	Query string
	Docs  []DocSummary
	Pager pager
}

func (s *Server) pageDocuments(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, err := parsePage(q, DefaultLimit)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	search, err := param(q, "q")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	docs, total, err := s.r.Documents(r.Context(), search, pg)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	keep := url.Values{}
	if search != "" {
		keep.Set("q", search)
	}
	s.render(w, r, http.StatusOK, "documents.html", documentsPage{
		pageBase: pageBase{Title: "Documents", Nav: "documents"},
		Query:    search, Docs: docs, Pager: newPager("/documents", keep, pg, len(docs), total),
	})
}

// card is one event's evidence card in a document page.
type card struct {
	Index  int
	Anchor string
	Spans  string // "start-end:kind …" for the script to light up
	Event  record.Event
}

type documentPage struct {
	pageBase
	Doc     DocDetail
	Paras   []Para
	Cards   []card
	Anchors []string // by event index
	APIURL  string
	Window  TextWindow // the part of the text shown
	Bytes   int        // length of the whole text
	// Incomplete counts the events with no coded actor; All is set when
	// they are shown (?all=1) after the others.
	Incomplete int
	All        bool
}

func (s *Server) pageDocument(w http.ResponseWriter, r *http.Request) {
	from, err := textFrom(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	full, err := s.r.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	all := r.URL.Query().Get("all") == "1"
	incomplete := len(full.Incomplete)
	if all {
		full.Events = append(full.Events[:len(full.Events):len(full.Events)], full.Incomplete...)
	}
	full.Incomplete = nil
	base := "/documents/" + url.PathEscape(full.ID)
	apiURL := "/api/documents/" + url.PathEscape(full.ID)
	if all {
		base += "?all=1"
		apiURL += "?all=1"
	}
	d, win := textWindow(full, from, MaxDocumentText, base)
	p := documentPage{Doc: d, APIURL: apiURL, Window: win, Bytes: len(full.Text), Incomplete: incomplete, All: all}
	if win.Truncated {
		p.APIURL = withParam(apiURL, "text_from", strconv.Itoa(win.From))
	}
	p.Title = d.Title
	if p.Title == "" {
		p.Title = d.ID
	}
	p.Nav = "documents"
	var marks []Mark
	for _, m := range d.Mentions {
		label := m.Actor.Code
		if m.Actor.Name != "" {
			label += " · " + m.Actor.Name
		}
		if label == "" {
			label = m.Label
		}
		marks = append(marks, Mark{Start: m.Start, End: m.End, Kind: MarkMention, Event: -1, Label: strings.TrimPrefix(label, " · ")})
	}
	for i, e := range d.Events {
		c := card{Index: i, Anchor: anchor(e), Event: e}
		var spans []string
		add := func(start, end int, kind string) {
			if end <= start {
				return
			}
			spans = append(spans, fmt.Sprintf("%d-%d:%s", start, end, kind))
			if kind != "trigger" {
				marks = append(marks, Mark{Start: start, End: end, Kind: MarkEvidence, Event: -1})
			}
		}
		add(e.Trigger.Start, e.Trigger.End, "trigger")
		marks = append(marks, Mark{Start: e.Trigger.Start, End: e.Trigger.End, Kind: MarkTrigger, Event: i})
		for _, a := range e.Source {
			add(a.Start, a.End, "source")
		}
		for _, a := range e.Target {
			add(a.Start, a.End, "target")
		}
		if e.Attribution.Speaker != "author" {
			add(e.Attribution.Start, e.Attribution.End, "speaker")
		}
		for _, ev := range e.Evidence {
			switch ev.Field {
			case "trigger", "source", "target":
				// Already lit with their role.
			default:
				add(ev.Start, ev.End, "evidence")
			}
		}
		c.Spans = strings.Join(spans, " ")
		p.Cards = append(p.Cards, c)
		p.Anchors = append(p.Anchors, c.Anchor)
	}
	pieces := Pieces(full.Text, marks)
	if win.Truncated {
		pieces = clipPieces(full.Text, pieces, win.From, win.To)
	}
	p.Paras = Paragraphs(full.Text, pieces, hardWrapped(full.Text))
	s.render(w, r, http.StatusOK, "document.html", p)
}

type quadOption struct {
	N        int
	Name     string
	Selected bool
}

type eventsPage struct {
	pageBase
	F           EventFilter
	Describe    string
	Types       []string
	Quads       []quadOption
	Events      []record.Event
	Pager       pager
	TimelineURL string
	APIURL      string
}

func (s *Server) pageEvents(w http.ResponseWriter, r *http.Request) {
	f, err := ParseEventFilter(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	evs, total, err := s.r.Events(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	p := eventsPage{pageBase: pageBase{Title: "Events", Nav: "events"}, F: f, Describe: f.Describe(), Events: evs}
	for _, t := range plover.Types() {
		p.Types = append(p.Types, t.String())
	}
	for _, q := range analyze.Quads {
		p.Quads = append(p.Quads, quadOption{N: int(q), Name: q.String(), Selected: q == f.Quad})
	}
	keep := f.Query()
	p.Pager = newPager("/events", keep, f.Page, len(evs), total)
	if f.After != nil || f.Offset+f.Limit > MaxOffset {
		// Past the offsets' bound, and after a cursor, pages go by
		// cursor.
		next := ""
		if len(evs) == f.Limit {
			v := f.Query()
			v.Set("after", KeyOf(evs[len(evs)-1]).Cursor())
			if f.Limit != DefaultLimit {
				v.Set("limit", strconv.Itoa(f.Limit))
			}
			next = "/events?" + v.Encode()
		}
		if f.After != nil {
			p.Pager = pager{First: "/events?" + keep.Encode(), Next: next, To: len(evs), Total: total, Cursor: true}
		} else {
			p.Pager.Next = next
		}
	}
	p.TimelineURL = "/timeline?" + keep.Encode()
	api := f.Query()
	api.Set("limit", strconv.Itoa(f.Limit))
	if f.After != nil {
		api.Set("after", f.After.Cursor())
	} else {
		api.Set("offset", strconv.Itoa(f.Offset))
	}
	p.APIURL = "/api/events?" + api.Encode()
	s.render(w, r, http.StatusOK, "events.html", p)
}

type timelineRow struct {
	Label  string
	Href   string
	Counts []int
	Total  int
}

type timelinePage struct {
	pageBase
	Describe string
	Timeline analyze.Timeline
	Chart    chart
	Rows     []timelineRow
	Dated    int
	Undated  int
	// Fallback counts the events left out because their only date is the
	// publication date; IncludeURL shows them too.
	Fallback   int
	IncludeURL string
	// The date-range form: the range asked for (as given), the other
	// filters kept as hidden fields, the dates the chart spans, and a link
	// to the whole range.
	From, To string
	Keep     []hiddenField
	First    string
	Last     string
	AllDates string
}

// hiddenField is a filter a form carries over unchanged.
type hiddenField struct{ Name, Value string }

func (s *Server) pageTimeline(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f, err := ParseEventFilter(q)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	// By default the timeline shows what the texts date: an event dated
	// only by its document's publication date is left out, and counted.
	fallback, includeURL := 0, ""
	if !q.Has("basis") {
		f.Basis = "text"
		fb := f
		fb.Basis, fb.Page = "published", Page{Limit: 1}
		if _, fallback, err = s.r.Events(r.Context(), fb); err != nil {
			s.pageError(w, r, err)
			return
		}
		v := f.Query()
		v.Set("basis", "any")
		includeURL = "/timeline?" + v.Encode()
	}
	rows, undated, err := s.r.Timeline(r.Context(), f)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	tl := analyze.NewTimeline(rows, timelineBins)
	href := func(b analyze.Bin, q analyze.Quad) string {
		v := f.Query()
		v.Set("from", maxDate(b.From, f.From))
		v.Set("to", minDate(b.To, f.To))
		if q.Valid() {
			v.Set("quad", strconv.Itoa(int(q)))
		}
		return "/events?" + v.Encode()
	}
	p := timelinePage{pageBase: pageBase{Title: "Timeline", Nav: "timeline"}, Describe: f.Describe(), Timeline: tl, Undated: undated,
		Fallback: fallback, IncludeURL: includeURL}
	p.From, p.To = q.Get("from"), q.Get("to")
	keep := f.Query()
	keep.Del("from")
	keep.Del("to")
	if q.Has("basis") {
		keep.Set("basis", q.Get("basis")) // "any" included, which filters nothing
	} else {
		keep.Del("basis") // the default, not a choice to carry over
	}
	for _, k := range sortedKeys(keep) {
		p.Keep = append(p.Keep, hiddenField{k, keep.Get(k)})
	}
	p.AllDates = "/timeline"
	if len(keep) > 0 {
		p.AllDates += "?" + keep.Encode()
	}
	if n := len(tl.Bins); n > 0 {
		p.First, p.Last = tl.Bins[0].From, tl.Bins[n-1].To
	}
	p.Chart = timelineChart(tl, 1200, 340, href)
	for _, b := range tl.Bins {
		p.Dated += b.Total()
		p.Rows = append(p.Rows, timelineRow{Label: b.Label, Href: href(b, analyze.NoQuad), Counts: b.Counts[:], Total: b.Total()})
	}
	s.render(w, r, http.StatusOK, "timeline.html", p)
}

func maxDate(a, b string) string {
	if b > a {
		return b
	}
	return a
}

func minDate(a, b string) string {
	if b != "" && b < a {
		return b
	}
	return a
}

type dyadsPage struct {
	pageBase
	A, B  string
	Dyads []DyadOut
	Pager pager
}

func (s *Server) pageDyads(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, err := parsePage(q, DefaultLimit)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	actor, err := actorParam(q, "actor")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	ds, total, err := s.r.Dyads(r.Context(), actor, pg)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	keep := url.Values{}
	if actor != "" {
		keep.Set("actor", actor)
	}
	p := dyadsPage{pageBase: pageBase{Title: "Dyads", Nav: "dyads"}, A: actor, Dyads: ds, Pager: newPager("/dyads", keep, pg, len(ds), total)}
	s.render(w, r, http.StatusOK, "dyads.html", p)
}

type dyadRow struct {
	Month     string
	Dir       string
	Href      string
	Counts    []int
	Goldstein float64
}

type dyadPage struct {
	pageBase
	A, B              string
	AToB, BToA        int
	Undated           int
	Months            int  // months drawn
	Cut               bool // the series was cut to its latest months
	CutEvents         int  // dated events left out by the cut
	Counts, Intensity chart
	Rows              []dyadRow
	EventsURL, APIURL string
}

func (s *Server) pageDyad(w http.ResponseWriter, r *http.Request) {
	a, b, err := dyadPair(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	rows, undated, err := s.r.DyadSeries(r.Context(), a, b)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	series := analyze.NewSeries(a, b, rows, maxMonths)
	barHref := func(m analyze.Month, d analyze.Direction, q analyze.Quad) string {
		src, tgt := a, b
		if d == analyze.BToA {
			src, tgt = b, a
		}
		v := url.Values{"source": {src}, "target": {tgt}, "from": {m.FirstDay()}, "to": {m.LastDay()}}
		if q.Valid() {
			v.Set("quad", strconv.Itoa(int(q)))
		}
		return "/events?" + v.Encode()
	}
	p := dyadPage{pageBase: pageBase{Title: a + " and " + b, Nav: "dyads"}, A: a, B: b, Undated: undated,
		EventsURL: "/events?" + url.Values{"dyad": {a + "," + b}}.Encode(),
		APIURL:    "/api/dyads/series?" + url.Values{"a": {a}, "b": {b}}.Encode()}
	const w0 = 1200.0
	p.Counts = dyadChart(series, w0, 360, barHref)
	p.Intensity = goldsteinChart(series, w0, 220)
	for i, m := range series.Months {
		for _, d := range [...]analyze.Direction{analyze.AToB, analyze.BToA} {
			t := series.Total(i, d)
			if t == 0 {
				continue
			}
			src, tgt := a, b
			if d == analyze.BToA {
				src, tgt = b, a
			}
			row := dyadRow{Month: m.String(), Dir: src + " → " + tgt, Href: barHref(m, d, analyze.NoQuad)}
			for _, c := range series.Cells[i][d] {
				row.Counts = append(row.Counts, c.Events)
				row.Goldstein += c.Goldstein
			}
			if d == analyze.AToB {
				p.AToB += t
			} else {
				p.BToA += t
			}
			p.Rows = append(p.Rows, row)
		}
	}
	dated := 0
	for _, m := range rows {
		dated += m.Events
	}
	p.Months = len(series.Months)
	p.CutEvents = dated - series.Events()
	p.Cut = p.CutEvents > 0
	s.render(w, r, http.StatusOK, "dyad.html", p)
}

type networkPage struct {
	pageBase
	Level       string
	MaxNodes    int
	MaxNodesCap int
	Hidden      int
	Net         analyze.Network
	Chart       netChart
}

func (s *Server) pageNetwork(w http.ResponseWriter, r *http.Request) {
	level, max, err := networkParams(r.URL.Query())
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	links, err := s.r.Links(r.Context(), level)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	net, err := s.r.Network(r.Context(), level, max)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	all := map[string]bool{}
	for _, l := range links {
		if l.Source != "" && l.Target != "" {
			all[l.Source], all[l.Target] = true, true
		}
	}
	p := networkPage{pageBase: pageBase{Title: "Actor network", Nav: "network"}, Level: level, MaxNodes: max, MaxNodesCap: maxNodes, Net: net, Hidden: len(all) - len(net.Nodes)}
	p.Chart = networkChart(net, 960, 720,
		func(code string) string { return "/events?" + url.Values{"actor": {code}}.Encode() },
		func(l analyze.Link) string { return dyadURL(l.Source, l.Target) })
	sort.SliceStable(p.Net.Links, func(i, j int) bool { return p.Net.Links[i].Events > p.Net.Links[j].Events })
	s.render(w, r, http.StatusOK, "network.html", p)
}

type actorsPage struct {
	pageBase
	Actors []ActorOut
	Pager  pager
}

func (s *Server) pageActors(w http.ResponseWriter, r *http.Request) {
	pg, err := parsePage(r.URL.Query(), DefaultLimit)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	as, total, err := s.r.Actors(r.Context(), pg)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "actors.html", actorsPage{pageBase: pageBase{Title: "Actors", Nav: "actors"}, Actors: as, Pager: newPager("/actors", url.Values{}, pg, len(as), total)})
}

type clustersPage struct {
	pageBase
	Disputed bool
	Clusters []ClusterOut
	Pager    pager
}

func (s *Server) pageClusters(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, err := parsePage(q, DefaultLimit)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	disputed, err := boolParam(q, "disputed")
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	cs, total, err := s.r.Clusters(r.Context(), disputed, pg)
	if err != nil {
		s.pageError(w, r, err)
		return
	}
	keep := url.Values{}
	if disputed {
		keep.Set("disputed", "true")
	}
	s.render(w, r, http.StatusOK, "clusters.html", clustersPage{pageBase: pageBase{Title: "Clusters", Nav: "clusters"}, Disputed: disputed, Clusters: cs, Pager: newPager("/clusters", keep, pg, len(cs), total)})
}

// sortedKeys returns the keys of v in order.
func sortedKeys(v url.Values) []string {
	ks := make([]string, 0, len(v))
	for k := range v {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}
