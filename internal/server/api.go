package server

import (
	"fmt"
	"math"
	"net/http"
	"net/url"
	"strconv"

	"annals/internal/analyze"
	"annals/internal/record"
)

// The JSON API: every list is an object with its items under a named key
// and the total number that match, paged with limit and offset.

type eventList struct {
	Events []record.Event `json:"events"`
	Total  int            `json:"total"`
	Limit  int            `json:"limit"`
	Offset int            `json:"offset"`
	// Next is the cursor of the next page (after=Next) and NextURL the
	// request for it, when the page is full: the next page may be empty.
	Next    string `json:"next,omitempty"`
	NextURL string `json:"next_url,omitempty"`
}

func (s *Server) apiEvents(w http.ResponseWriter, r *http.Request) {
	f, err := ParseEventFilter(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	evs, total, err := s.r.Events(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := eventList{Events: evs, Total: total, Limit: f.Limit, Offset: f.Offset}
	if len(evs) > 0 && len(evs) == f.Limit {
		out.Next = KeyOf(evs[len(evs)-1]).Cursor()
		q := f.Query()
		q.Set("limit", strconv.Itoa(f.Limit))
		q.Set("after", out.Next)
		out.NextURL = "/api/events?" + q.Encode()
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) apiEvent(w http.ResponseWriter, r *http.Request) {
	e, err := s.r.Event(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, e)
}

type docList struct {
	Documents []DocSummary `json:"documents"`
	Total     int          `json:"total"`
	Limit     int          `json:"limit"`
	Offset    int          `json:"offset"`
}

func (s *Server) apiDocuments(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, err := parsePage(q, DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	search, err := param(q, "q")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	docs, total, err := s.r.Documents(r.Context(), search, pg)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, docList{Documents: docs, Total: total, Limit: pg.Limit, Offset: pg.Offset})
}

// docOut is a document, or the window of its text that a response
// carries (MaxDocumentText bytes at most), with the mentions and events in
// that window and a link to the next.
type docOut struct {
	DocDetail
	TextWindow
}

func (s *Server) apiDocument(w http.ResponseWriter, r *http.Request) {
	from, err := textFrom(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	d, err := s.r.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	base := "/api/documents/" + url.PathEscape(d.ID)
	if r.URL.Query().Get("all") != "1" {
		d.Incomplete = nil
	} else {
		base += "?all=1"
	}
	d, win := textWindow(d, from, MaxDocumentText, base)
	writeJSON(w, http.StatusOK, docOut{DocDetail: d, TextWindow: win})
}

type dyadList struct {
	Dyads  []DyadOut `json:"dyads"`
	Total  int       `json:"total"`
	Limit  int       `json:"limit"`
	Offset int       `json:"offset"`
}

func (s *Server) apiDyads(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, err := parsePage(q, DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	actor, err := actorParam(q, "actor")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	ds, total, err := s.r.Dyads(r.Context(), actor, pg)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := make([]DyadOut, len(ds)) // a copy: the list may be shared by a cache
	for i, d := range ds {
		d.Goldstein = round(d.Goldstein, 2)
		out[i] = d
	}
	writeJSON(w, http.StatusOK, dyadList{Dyads: out, Total: total, Limit: pg.Limit, Offset: pg.Offset})
}

type seriesOut struct {
	A       string     `json:"a"`
	B       string     `json:"b"`
	Months  []MonthOut `json:"months"`
	Total   int        `json:"total"`   // number of groups in months
	Undated int        `json:"undated"` // events between a and b without a date
}

// dyadPair reads the a and b parameters of a dyad.
func dyadPair(q url.Values) (string, string, error) {
	a, err := actorParam(q, "a")
	if err != nil {
		return "", "", err
	}
	b, err := actorParam(q, "b")
	if err != nil {
		return "", "", err
	}
	if a == "" || b == "" {
		return "", "", &BadRequest{"a", "a dyad needs two actors: a=RUS&b=USA"}
	}
	return a, b, nil
}

func (s *Server) apiDyadSeries(w http.ResponseWriter, r *http.Request) {
	a, b, err := dyadPair(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rows, undated, err := s.r.DyadSeries(r.Context(), a, b)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := seriesOut{A: a, B: b, Months: []MonthOut{}, Total: len(rows), Undated: undated}
	for _, m := range rows {
		out.Months = append(out.Months, MonthOut{Month: m.Month.String(), Direction: m.Dir.String(), QuadClass: int(m.Quad), Events: m.Events, Goldstein: round(m.Goldstein, 2)})
	}
	writeJSON(w, http.StatusOK, out)
}

type actorList struct {
	Actors []ActorOut `json:"actors"`
	Total  int        `json:"total"`
	Limit  int        `json:"limit"`
	Offset int        `json:"offset"`
}

func (s *Server) apiActors(w http.ResponseWriter, r *http.Request) {
	pg, err := parsePage(r.URL.Query(), DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	as, total, err := s.r.Actors(r.Context(), pg)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, actorList{Actors: as, Total: total, Limit: pg.Limit, Offset: pg.Offset})
}

type clusterList struct {
	Clusters []ClusterOut `json:"clusters"`
	Total    int          `json:"total"`
	Limit    int          `json:"limit"`
	Offset   int          `json:"offset"`
}

func (s *Server) apiClusters(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	pg, err := parsePage(q, DefaultLimit)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	disputed, err := boolParam(q, "disputed")
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	cs, total, err := s.r.Clusters(r.Context(), disputed, pg)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, clusterList{Clusters: cs, Total: total, Limit: pg.Limit, Offset: pg.Offset})
}

type timelineOut struct {
	Unit    string     `json:"unit"`
	Bins    []binOut   `json:"bins"`
	Total   int        `json:"total"`
	Undated int        `json:"undated"`
	Filter  url.Values `json:"filter"`
}

type binOut struct {
	Label  string `json:"label"`
	From   string `json:"from"`
	To     string `json:"to"`
	Counts [4]int `json:"counts"` // by quad class 1-4
	Other  int    `json:"other"`  // no quad class
}

func (s *Server) apiTimeline(w http.ResponseWriter, r *http.Request) {
	f, err := ParseEventFilter(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	rows, undated, err := s.r.Timeline(r.Context(), f)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	tl := analyze.NewTimeline(rows, timelineBins)
	out := timelineOut{Unit: tl.Unit, Bins: []binOut{}, Total: len(tl.Bins), Undated: undated, Filter: f.Query()}
	for _, b := range tl.Bins {
		out.Bins = append(out.Bins, binOut{Label: b.Label, From: b.From, To: b.To, Counts: b.Counts, Other: b.Unknown})
	}
	writeJSON(w, http.StatusOK, out)
}

type networkOut struct {
	Level string    `json:"level"`
	Nodes []nodeOut `json:"nodes"`
	Links []linkOut `json:"links"`
	Total int       `json:"total"` // links shown
}

// nodeOut is a node of /api/network, in snake_case like every response,
// its position rounded to 4 decimals of the unit square.
type nodeOut struct {
	Code   string  `json:"code"`
	Events int     `json:"events"`
	X      float64 `json:"x"`
	Y      float64 `json:"y"`
}

// round rounds x to n decimals, so that sums print as -14.8, not
// -14.799999999999999.
func round(x float64, n int) float64 {
	p := math.Pow(10, float64(n))
	return math.Round(x*p) / p
}

type linkOut struct {
	Source    string  `json:"source"`
	Target    string  `json:"target"`
	Events    int     `json:"events"`
	Goldstein float64 `json:"goldstein"`
}

func (s *Server) apiNetwork(w http.ResponseWriter, r *http.Request) {
	level, max, err := networkParams(r.URL.Query())
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	net, err := s.r.Network(r.Context(), level, max)
	if err != nil {
		s.apiError(w, r, err)
		return
	}
	out := networkOut{Level: level, Nodes: []nodeOut{}, Links: []linkOut{}}
	for _, n := range net.Nodes {
		out.Nodes = append(out.Nodes, nodeOut{n.Code, n.Events, round(n.X, 4), round(n.Y, 4)})
	}
	for _, l := range append(net.Links, net.Self...) {
		out.Links = append(out.Links, linkOut{l.Source, l.Target, l.Events, round(l.Goldstein, 2)})
	}
	out.Total = len(out.Links)
	writeJSON(w, http.StatusOK, out)
}

// boolParam reads a true/false parameter; absent or empty is false.
func boolParam(q url.Values, name string) (bool, error) {
	v, err := param(q, name)
	if err != nil || v == "" {
		return false, err
	}
	b, err := strconv.ParseBool(v)
	if err != nil {
		return false, &BadRequest{name, fmt.Sprintf("want true or false, got %q", v)}
	}
	return b, nil
}

// networkParams reads level (code or country) and max (number of actors).
func networkParams(q url.Values) (string, int, error) {
	level, err := param(q, "level")
	if err != nil {
		return "", 0, err
	}
	switch level {
	case "":
		level = "code"
	case "code", "country":
	default:
		return "", 0, &BadRequest{"level", "want code or country"}
	}
	max := defaultNodes
	if v, err := param(q, "max"); err != nil {
		return "", 0, err
	} else if v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 2 || n > maxNodes {
			return "", 0, &BadRequest{"max", "want a number of actors from 2 to " + strconv.Itoa(maxNodes)}
		}
		max = n
	}
	return level, max, nil
}

// Sizes of the drawn views.
const (
	timelineBins = 60   // at most this many bars before moving to a coarser unit
	defaultNodes = 30   // actors in the network by default
	maxNodes     = 150  // and at most
	maxMonths    = 1200 // months in a dyad series (the latest are kept)
)
