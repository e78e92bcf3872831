package server

import (
	htmltemplate "html/template"
	"strings"
	"testing"

	"annals/internal/record"
	"annals/internal/text"
)

// TestCardHTMLMatchesTemplate renders every event card of the coded
// fixture, and cards with awkward text, both with Go (card.HTML, what the
// document page uses) and with templates/card.html, and wants the same
// bytes.
// testCards are the cards of the coded fixture's events, and cards of
// events with awkward text in every field.
func testCards(t *testing.T) []card {
	var cards []card
	for _, d := range codedFixture(t) {
		for i, e := range FromDocument(d).Events {
			cards = append(cards, card{Index: i, Anchor: anchor(e), Spans: "1-4:trigger 6-9:source", Event: e})
		}
	}
	odd := `Tom & "Jerry" <b>+1</b> 'x' ` + "\x00 é"
	cards = append(cards,
		card{Index: 3, Anchor: "ev-<1>", Spans: odd, Event: record.Event{ID: "d o/c:1:2+&", EventType: odd, Mode: odd, Context: []string{odd, "b"},
			CAMEO: "0+1", QuadClass: 9, Goldstein: -2.25, Trigger: record.Span{Text: odd, Start: 3, End: 5},
			Date:      record.Date{Value: "2020", Precision: odd, Basis: "published", Text: odd},
			Published: odd, Polarity: odd, Modality: odd, Certainty: odd, Rule: odd, Confidence: 0.125,
			Attribution: record.Attribution{Speaker: odd, Actor: &text.Actor{Code: "X+Y", Name: odd}, Cue: odd},
			Location:    record.Location{Text: odd, Country: odd},
			Source:      []record.Argument{{Span: record.Span{Text: odd}, Actor: text.Actor{Code: "A B&C+é", Name: odd, Kind: text.ActorKind(odd)}}, {Span: record.Span{Text: "none"}}},
			Evidence:    []record.Evidence{{Field: odd, Span: record.Span{Text: odd, Start: 1, End: 2}, Rule: odd}, {Field: "f"}}}},
		card{Event: record.Event{Attribution: record.Attribution{Speaker: "author"}}},
		card{Event: record.Event{Attribution: record.Attribution{Speaker: "someone"}, QuadClass: 2}},
	)
	if len(cards) < 5 {
		t.Fatalf("only %d cards", len(cards))
	}
	return cards
}

func TestCardHTMLMatchesTemplate(t *testing.T) {
	s := newTestServer(t, memoryOf(nil))
	tmpl := s.pages["document.html"].Lookup("card")
	if tmpl == nil {
		t.Fatal("no card template")
	}
	cards := testCards(t)
	for _, c := range cards {
		var b strings.Builder
		if err := tmpl.Execute(&b, c); err != nil {
			t.Fatal(err)
		}
		if got := string(c.HTML()); got != b.String() {
			t.Errorf("card %s differs:\nGo       %q\ntemplate %q", c.Event.ID, got, b.String())
		}
	}
}

// oldDocText is the template that rendered a document's paragraphs
// before documentPage.TextHTML; the test holds the Go code to it.
const oldDocText = `{{range .Paras}}{{if .Pieces}}<p>{{range .Pieces}}{{if .Trigger}}<a class="trigger{{if .Mention}} mention{{end}}" href="#{{index $.Anchors .FirstEvent}}" data-events="{{.EventList}}" data-s="{{.Start}}" data-e="{{.End}}">{{.Text}}</a>{{else if .Covered}}<span class="{{if .Mention}}mention{{else}}ev{{end}}" data-s="{{.Start}}" data-e="{{.End}}"{{with .Title}} title="{{.}}"{{end}}>{{.Text}}</span>{{else}}{{.Text}}{{end}}{{end}}{{with .Sep}}<span class="sep">{{.}}</span>{{end}}</p>{{else}}<span class="sep">{{.Sep}}</span>{{end}}{{end}}`

func TestTextHTMLMatchesTemplate(t *testing.T) {
	ref := htmltemplate.Must(htmltemplate.New("t").Parse(oldDocText))
	var pages []documentPage
	for _, d := range codedFixture(t) {
		dd := FromDocument(d)
		var marks []Mark
		var anchors []string
		for _, m := range dd.Mentions {
			marks = append(marks, Mark{Start: m.Start, End: m.End, Kind: MarkMention, Event: -1, Label: m.Actor.Code + " · " + m.Actor.Name})
		}
		for i, e := range dd.Events {
			anchors = append(anchors, anchor(e))
			marks = append(marks, Mark{Start: e.Trigger.Start, End: e.Trigger.End, Kind: MarkTrigger, Event: i})
			for _, a := range e.Source {
				marks = append(marks, Mark{Start: a.Start, End: a.End, Kind: MarkEvidence, Event: -1})
			}
		}
		pages = append(pages, documentPage{Paras: Paragraphs(dd.Text, Pieces(dd.Text, marks), hardWrapped(dd.Text)), Anchors: anchors})
	}
	odd := `A "quoted" <tag> & 'this' + that` + "\x00 ü"
	pages = append(pages, documentPage{Anchors: []string{"ev-1 2", odd}, Paras: Paragraphs(odd+"\n"+odd+odd, Pieces(odd+"\n"+odd+odd, []Mark{
		{Start: 2, End: 9, Kind: MarkTrigger, Event: 1}, {Start: 5, End: 20, Kind: MarkMention, Event: -1, Label: odd},
		{Start: 30, End: 40, Kind: MarkEvidence, Event: -1}, {Start: 41, End: 45, Kind: MarkTrigger, Event: 0}, {Start: 41, End: 50, Kind: MarkMention, Event: -1}}), false)})
	for i, p := range pages {
		var b strings.Builder
		if err := ref.Execute(&b, p); err != nil {
			t.Fatal(err)
		}
		if got := string(p.TextHTML()); got != b.String() {
			t.Errorf("page %d differs:\nGo       %q\ntemplate %q", i, got, b.String())
		}
	}
}

// oldRows is the template that rendered the table of a document's events
// before card.RowHTML, with base.html's "args" as it was then.
const oldRows = `{{define "args"}}{{range $i, $a := .}}{{if $i}}; {{end}}{{if $a.Actor.Code}}<a href="/events?actor={{$a.Actor.Code}}" title="{{$a.Actor.Name}}">{{$a.Actor.Code}}</a>{{else}}<span class="muted">{{$a.Text}}</span>{{end}}{{else}}<span class="muted">—</span>{{end}}{{end}}{{range .Cards}}{{$e := .Event}}<tr>
<td><a class="show" href="#{{.Anchor}}" data-events="{{.Index}}">{{.Index}}</a></td>
<td class="nowrap">{{with $e.Date.Value}}{{.}}{{else}}<span class="muted">undated</span>{{end}}</td>
<td>{{template "args" $e.Source}}</td>
<td><span class="type q{{$e.QuadClass}}">{{$e.EventType}}</span>{{with $e.Mode}} <span class="mode">{{.}}</span>{{end}}{{if ne $e.Polarity "asserted"}} <span class="flag">{{$e.Polarity}}</span>{{end}}{{if ne $e.Modality "actual"}} <span class="flag">{{$e.Modality}}</span>{{end}}{{if ne $e.Certainty "certain"}} <span class="flag">{{$e.Certainty}}</span>{{end}}{{if $e.Incomplete}} <span class="flag">incomplete</span>{{end}}</td>
<td>{{template "args" $e.Target}}</td>
<td>“{{$e.Trigger.Text}}”</td>
</tr>
{{end}}`

func TestRowHTMLMatchesTemplate(t *testing.T) {
	ref := htmltemplate.Must(htmltemplate.New("t").Parse(oldRows))
	cards := testCards(t)
	cards = append(cards, card{Index: 1, Anchor: "a b", Event: record.Event{Polarity: "asserted", Modality: "actual", Certainty: "certain", Incomplete: true,
		Target: []record.Argument{{Span: record.Span{Text: "x"}}, {Actor: text.Actor{Code: "Q&Q"}}}}})
	for _, c := range cards {
		var b strings.Builder
		if err := ref.Execute(&b, documentPage{Cards: []card{c}}); err != nil {
			t.Fatal(err)
		}
		if got := string(c.RowHTML()); got != b.String() {
			t.Errorf("row of %s differs:\nGo       %q\ntemplate %q", c.Event.ID, got, b.String())
		}
	}
}
