package server

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"annals/internal/analyze"
	"annals/internal/plover"
)

// Bounds on what a request may ask for.
const (
	DefaultLimit = 50
	MaxLimit     = 1000
	MaxOffset    = 100_000
	maxParam     = 200 // bytes in one query parameter
)

// BadRequest is a client error: a parameter that cannot be read. Handlers
// answer it with 400 and its message.
type BadRequest struct {
	Param  string
	Reason string
}

func (e *BadRequest) Error() string {
	return fmt.Sprintf("parameter %q: %s", e.Param, e.Reason)
}

// Page is a window of a list.
type Page struct {
	Limit, Offset int
}

// EventFilter selects events. Empty fields select everything.
type EventFilter struct {
	Actor          string       // code or country, as source or target
	DyadA, DyadB   string       // two actors, either direction
	Source, Target string       // one direction
	Type           string       // PLOVER event type
	Quad           analyze.Quad // quad class
	From, To       string       // event-date range, YYYY-MM-DD, inclusive
	Doc            string       // document id
	Basis          string       // how the date was obtained: explicit, relative, published, or "text" (explicit or relative)
	Page
	// After, when set, starts the page after this event (keyset
	// pagination; Offset is then 0). The total still counts every match.
	After *EventKey
}

// DyadParam renders the dyad filter as "A,B".
func (f EventFilter) DyadParam() string {
	if f.DyadA == "" {
		return ""
	}
	return f.DyadA + "," + f.DyadB
}

// Query renders the filter as URL parameters (without paging).
func (f EventFilter) Query() url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("actor", f.Actor)
	set("dyad", f.DyadParam())
	set("source", f.Source)
	set("target", f.Target)
	set("type", f.Type)
	if f.Quad.Valid() {
		v.Set("quad", strconv.Itoa(int(f.Quad)))
	}
	set("from", f.From)
	set("to", f.To)
	set("doc", f.Doc)
	set("basis", f.Basis)
	return v
}

// Describe renders the filter for people ("actor RUS, from 2014-01-01").
func (f EventFilter) Describe() string {
	var parts []string
	add := func(label, s string) {
		if s != "" {
			parts = append(parts, label+" "+s)
		}
	}
	add("actor", f.Actor)
	if f.DyadA != "" {
		parts = append(parts, "between "+f.DyadA+" and "+f.DyadB)
	}
	add("source", f.Source)
	add("target", f.Target)
	add("type", f.Type)
	if f.Quad.Valid() {
		parts = append(parts, "quad class "+strconv.Itoa(int(f.Quad))+" ("+f.Quad.String()+")")
	}
	add("from", f.From)
	add("to", f.To)
	add("document", f.Doc)
	switch f.Basis {
	case "text":
		parts = append(parts, "dated by the text")
	case "":
	default:
		parts = append(parts, "date basis "+f.Basis)
	}
	return strings.Join(parts, ", ")
}

// param returns a query parameter, trimmed, refusing one that is too long.
func param(q url.Values, name string) (string, error) {
	s := strings.TrimSpace(q.Get(name))
	if len(s) > maxParam {
		return "", &BadRequest{name, fmt.Sprintf("longer than %d bytes", maxParam)}
	}
	return s, nil
}

// parsePage reads limit and offset, with defaults and bounds.
func parsePage(q url.Values, def int) (Page, error) {
	p := Page{Limit: def}
	if s, err := param(q, "limit"); err != nil {
		return p, err
	} else if s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > MaxLimit {
			return p, &BadRequest{"limit", fmt.Sprintf("want a whole number from 1 to %d, got %q", MaxLimit, s)}
		}
		p.Limit = n
	}
	if s, err := param(q, "offset"); err != nil {
		return p, err
	} else if s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 0 || n > MaxOffset {
			return p, &BadRequest{"offset", fmt.Sprintf("want a whole number from 0 to %d, got %q", MaxOffset, s)}
		}
		p.Offset = n
	}
	return p, nil
}

// actorParam reads an actor code or country: letters and digits only.
func actorParam(q url.Values, name string) (string, error) {
	s, err := param(q, name)
	if err != nil || s == "" {
		return s, err
	}
	return checkActor(name, s)
}

func checkActor(name, s string) (string, error) {
	if len(s) > 64 {
		return "", &BadRequest{name, "an actor code has at most 64 characters"}
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			return "", &BadRequest{name, fmt.Sprintf("an actor code has only letters and digits (like RUS or USAGOV), got %q", s)}
		}
	}
	return strings.ToUpper(s), nil
}

// dateParam reads a date bound: YYYY, YYYY-MM or YYYY-MM-DD. A lower bound
// is moved to the first day of its period, an upper bound to the last.
func dateParam(q url.Values, name string, upper bool) (string, error) {
	s, err := param(q, name)
	if err != nil || s == "" {
		return s, err
	}
	bad := &BadRequest{name, fmt.Sprintf("want a date YYYY, YYYY-MM or YYYY-MM-DD, got %q", s)}
	switch len(s) {
	case 4:
		y, err := strconv.Atoi(s)
		if err != nil || y < 0 {
			return "", bad
		}
		if upper {
			return fmt.Sprintf("%04d-12-31", y), nil
		}
		return fmt.Sprintf("%04d-01-01", y), nil
	case 7:
		m, err := analyze.ParseMonth(s)
		if err != nil {
			return "", bad
		}
		if upper {
			return m.LastDay(), nil
		}
		return m.FirstDay(), nil
	case 10:
		if _, err := time.Parse("2006-01-02", s); err != nil {
			return "", bad
		}
		return s, nil
	}
	return "", bad
}

// ParseEventFilter reads an event filter from URL parameters: actor, dyad
// ("A,B"), source, target, type, quad, from, to, doc, limit, and offset or
// after (a cursor: EventKey.Cursor of the last event of the previous page).
func ParseEventFilter(q url.Values) (EventFilter, error) {
	var f EventFilter
	var err error
	if f.Page, err = parsePage(q, DefaultLimit); err != nil {
		if bad, ok := err.(*BadRequest); ok && bad.Param == "offset" {
			bad.Reason += "; event lists page further by cursor: after=NEXT, the \"next\" of the previous page"
		}
		return f, err
	}
	if q.Has("after") {
		s := strings.TrimSpace(q.Get("after"))
		if f.Offset > 0 {
			return f, &BadRequest{"after", "give either after (a cursor) or offset, not both"}
		}
		k, err := ParseCursor(s)
		if err != nil {
			return f, err
		}
		f.After = &k
	}
	if f.Actor, err = actorParam(q, "actor"); err != nil {
		return f, err
	}
	if f.Source, err = actorParam(q, "source"); err != nil {
		return f, err
	}
	if f.Target, err = actorParam(q, "target"); err != nil {
		return f, err
	}
	if d, err := param(q, "dyad"); err != nil {
		return f, err
	} else if d != "" {
		a, b, ok := strings.Cut(d, ",")
		if !ok {
			return f, &BadRequest{"dyad", fmt.Sprintf("want two actors separated by a comma (RUS,USA), got %q", d)}
		}
		if f.DyadA, err = checkActor("dyad", strings.TrimSpace(a)); err != nil {
			return f, err
		}
		if f.DyadB, err = checkActor("dyad", strings.TrimSpace(b)); err != nil {
			return f, err
		}
		if f.DyadA == "" || f.DyadB == "" {
			return f, &BadRequest{"dyad", fmt.Sprintf("want two actors separated by a comma (RUS,USA), got %q", d)}
		}
	}
	if s, err := param(q, "type"); err != nil {
		return f, err
	} else if s != "" {
		t, err := plover.ParseType(strings.ToUpper(s))
		if err != nil {
			return f, &BadRequest{"type", fmt.Sprintf("not a PLOVER event type: %q", s)}
		}
		f.Type = t.String()
	}
	if s, err := param(q, "quad"); err != nil {
		return f, err
	} else if s != "" {
		if f.Quad, err = analyze.ParseQuad(s); err != nil {
			return f, &BadRequest{"quad", err.Error()}
		}
	}
	if f.From, err = dateParam(q, "from", false); err != nil {
		return f, err
	}
	if f.To, err = dateParam(q, "to", true); err != nil {
		return f, err
	}
	if f.From != "" && f.To != "" && f.To < f.From {
		return f, &BadRequest{"to", fmt.Sprintf("%s is before from=%s", f.To, f.From)}
	}
	if f.Doc, err = param(q, "doc"); err != nil {
		return f, err
	}
	if f.Basis, err = param(q, "basis"); err != nil {
		return f, err
	}
	switch f.Basis {
	case "", "explicit", "relative", "published", "text":
	case "any":
		f.Basis = ""
	default:
		return f, &BadRequest{"basis", fmt.Sprintf("want explicit, relative, published, text (explicit or relative) or any, got %q", f.Basis)}
	}
	return f, nil
}
