package actor

import (
	"strings"
	"testing"
	"time"
)

// benchText is written for this benchmark: news-like sentences with names,
// demonyms, metonyms and agents.
const benchText = `Russian troops massed near the border while the Kremlin denied any plan to attack .
The US State Department said American diplomats had met Ukrainian officials in Kyiv on Tuesday .
NATO leaders gathered in Brussels , and the European Union promised more aid to Ukraine 's army .
Hamas fighters and Israeli soldiers exchanged fire in Gaza as the UN Security Council met .
Protesters in Tehran demanded the release of journalists held by Iranian police .
The Chinese foreign minister told reporters that Beijing would not accept outside pressure .`

func BenchmarkFind(b *testing.B) {
	kb, err := Default()
	if err != nil {
		b.Fatal(err)
	}
	var sents [][]string
	n := 0
	for _, l := range strings.Split(benchText, "\n") {
		w := strings.Fields(l)
		sents = append(sents, w)
		n += len(w)
	}
	date := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, w := range sents {
			for _, f := range kb.Find(w, date) {
				kb.Resolve(f.Entry, date)
			}
		}
	}
	b.ReportMetric(float64(n*b.N)/b.Elapsed().Seconds(), "tokens/s")
}
