package coref_test

import (
	"strings"
	"testing"
	"time"

	"annals/internal/coder"
	"annals/internal/coref"
	"annals/internal/text"
)

// sample is a text of our own in the style of the news the coder reads.
const sample = `The Finnish president met the Chancellor of Germany in Berlin on Monday. She told him that her government would send more air defence systems to Ukraine.
He said the talks had been useful, but he warned that Russia would see them as a provocation. Moscow denied that it had moved troops to the border.
According to the ministry, the soldiers returned to their bases last week. The woman who led the delegation said they had found no evidence of a build-up.
Officials in Kyiv welcomed the decision. They asked NATO to keep its promises, and its secretary general said the alliance would meet them.
A doctor from the city described how the shelling had hit his clinic. He and his colleagues moved the patients to a school, where they stayed for two days.
`

// BenchmarkResolver measures the coreference stage alone on a document
// that the default pipeline has segmented, tagged, parsed and given actor
// mentions (the sample above, repeated to about 200 sentences).
func BenchmarkResolver(b *testing.B) {
	p, err := coder.New(coder.Options{})
	if err != nil {
		b.Skipf("default pipeline unavailable: %v", err)
	}
	d := text.New("bench", strings.Repeat(sample, 20))
	d.Published = time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range p.Stages() {
		if s.Name() == "coref" {
			break
		}
		if err := s.Process(d); err != nil {
			b.Fatal(err)
		}
		d.Mark(s.Provides())
	}
	saved := append([]text.Mention(nil), d.Mentions...)
	r := coref.New(nil)
	b.ResetTimer()
	for range b.N {
		d.Mentions = append(d.Mentions[:0:0], saved...)
		if err := r.Process(d); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	b.ReportMetric(float64(len(d.Sentences))*float64(b.N)/b.Elapsed().Seconds(), "sentences/s")
}
