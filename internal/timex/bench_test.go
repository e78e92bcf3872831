package timex

import (
	"strings"
	"testing"
	"time"

	dps "github.com/markusmobius/go-dateparser"

	"annals/internal/segment"
	"annals/internal/text"
)

// fillers are sentences without dates, written for the benchmark: most
// sentences of news and commentary have none.
var fillers = []string{
	"The ministers disagreed about the wording of the final statement.",
	"Analysts in the capital expect the talks to drag on without a result.",
	"The opposition accused the government of hiding the real cost of the programme.",
	"Both delegations refused to comment on the reports of a secret channel.",
	"A spokesman said the army would respond to any further provocation.",
	"Several hundred people gathered outside the embassy to demand the release of the journalists.",
}

// benchDoc is a segmented document of the test sentences, one filler after
// each, as paragraphs of four sentences.
func benchDoc(b *testing.B) *text.Document {
	var sb strings.Builder
	for i, c := range expressionCases {
		sb.WriteString(c.in)
		sb.WriteString(" ")
		sb.WriteString(fillers[i%len(fillers)])
		if i%2 == 1 {
			sb.WriteString("\n\n")
		} else {
			sb.WriteString(" ")
		}
	}
	doc := text.New("bench", sb.String())
	doc.Published = time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)
	seg := segment.New()
	if err := seg.Process(doc); err != nil {
		b.Fatal(err)
	}
	doc.Mark(seg.Provides())
	return doc
}

// BenchmarkTagger measures the stage: sentences per second on one core.
func BenchmarkTagger(b *testing.B) {
	doc := benchDoc(b)
	tg := New()
	b.ReportAllocs()
	c0, cpuOK := cpuTime()
	b.ResetTimer()
	for b.Loop() {
		if err := tg.Process(doc); err != nil {
			b.Fatal(err)
		}
	}
	n := float64(len(doc.Sentences)) * float64(b.N)
	b.ReportMetric(n/b.Elapsed().Seconds(), "sentences/s")
	// On a shared machine wall time counts the time other processes ran;
	// CPU time of this process (GC included) does not.
	if c1, ok := cpuTime(); ok && cpuOK && c1 > c0 {
		b.ReportMetric(n/(c1-c0).Seconds(), "sentences/cpu-s")
	}
}

// BenchmarkForEvent measures choosing the date of an event for every verb-like
// token of the benchmark document (without a parse).
func BenchmarkForEvent(b *testing.B) {
	doc := benchDoc(b)
	if err := New().Process(doc); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	n := 0
	for b.Loop() {
		for i := 0; i < len(doc.Tokens); i += 7 {
			ForEvent(doc, text.TokenID(i))
			n++
		}
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "events/s")
}

// explicitForms are stated dates in the forms both the rules and
// go-dateparser read.
var explicitForms = []string{"24 February 2022", "February 24, 2022", "the 3rd of Nov 2019", "2022-02-24", "March 2014", "1 Mar 2014", "24.02.2022"}

// BenchmarkRulesExplicit reads each explicit form with the rules (one
// short document each, segmented once).
func BenchmarkRulesExplicit(b *testing.B) {
	seg, tg := segment.New(), New()
	var docs []*text.Document
	for _, s := range explicitForms {
		d := text.New("f", s)
		seg.Process(d)
		d.Mark(seg.Provides())
		docs = append(docs, d)
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			tg.Process(d)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(docs)), "ns/date")
}

// BenchmarkDateparser reads the same forms with go-dateparser.
func BenchmarkDateparser(b *testing.B) {
	p := &dps.Parser{}
	cfg := &dps.Configuration{Languages: []string{"en"}, PreferredDayOfMonth: dps.First, CurrentTime: time.Date(2025, 11, 20, 0, 0, 0, 0, time.UTC)}
	for _, s := range explicitForms {
		if _, err := p.Parse(cfg, s); err != nil {
			b.Fatalf("%q: %v", s, err)
		}
	}
	b.ResetTimer()
	for b.Loop() {
		for _, s := range explicitForms {
			p.Parse(cfg, s)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(explicitForms)), "ns/date")
}
