package ingest

import (
	"bufio"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"
)

var (
	corpusOut  = flag.String("corpus", "", "write a generated JSON-lines corpus to this `FILE` (TestWriteCorpus)")
	corpusDocs = flag.Int("docs", 10000, "documents in the generated corpus")
)

// Building blocks of the generated corpus: short wire-style reports about
// countries and their officials, written for annals.
var (
	genActors = []string{"Russia", "Ukraine", "the United States", "China", "Poland", "Germany", "France", "Iran", "Israel",
		"Turkey", "India", "Pakistan", "Japan", "Brazil", "Egypt", "Saudi Arabia", "the European Union", "NATO", "the United Nations",
		"the Russian government", "Ukrainian troops", "Chinese officials", "the French president", "the Indian army"}
	genClauses = []string{"%s accused %s of violating the ceasefire", "%s met officials from %s to discuss trade",
		"%s sent humanitarian aid to %s", "%s threatened to impose sanctions on %s", "%s urged %s to release the detained journalists",
		"%s signed an agreement with %s on energy supplies", "%s criticized %s for the strike on the border town",
		"%s praised %s for its mediation", "%s expelled diplomats from %s", "%s rejected the proposal made by %s",
		"Forces of %s shelled positions held by %s", "%s asked %s for military assistance", "%s withdrew its troops from %s",
		"%s denied that it had attacked %s", "%s promised to support %s with loans"}
	genWhen = []string{"on Monday", "on Tuesday", "last week", "in March 2014", "in 2019", "earlier this month", "on Friday",
		"in January", "two years ago", "in the summer of 2022", "yesterday", ""}
	genFiller = []string{"The talks are expected to continue next month.", "Officials declined to give further details.",
		"Analysts said the move could raise tensions in the region.", "The statement was published on the ministry's website.",
		"Markets reacted calmly to the news.", "Both sides called for restraint."}
)

func genSentence(r *rand.Rand) string {
	a := genActors[r.IntN(len(genActors))]
	b := genActors[r.IntN(len(genActors))]
	for b == a {
		b = genActors[r.IntN(len(genActors))]
	}
	s := fmt.Sprintf(genClauses[r.IntN(len(genClauses))], a, b)
	if w := genWhen[r.IntN(len(genWhen))]; w != "" {
		s += " " + w
	}
	s = strings.ToUpper(s[:1]) + s[1:] + "."
	if r.IntN(4) == 0 {
		s += " " + genFiller[r.IntN(len(genFiller))]
	}
	return s
}

// TestWriteCorpus writes the generated corpus used to measure ingest
// throughput:
//
//	go test ./internal/ingest -run TestWriteCorpus -args -corpus /tmp/gen10k.jsonl -docs 10000
func TestWriteCorpus(t *testing.T) {
	if *corpusOut == "" {
		t.Skip("no -corpus FILE given")
	}
	f, err := os.Create(*corpusOut)
	if err != nil {
		t.Fatal(err)
	}
	w := bufio.NewWriter(f)
	r := rand.New(rand.NewPCG(1, 2))
	base := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	enc := json.NewEncoder(w)
	for i := range *corpusDocs {
		var paras []string
		for range 2 + r.IntN(3) {
			var p []string
			for range 1 + r.IntN(3) {
				p = append(p, genSentence(r))
			}
			paras = append(paras, strings.Join(p, " "))
		}
		doc := map[string]string{
			"id":        fmt.Sprintf("gen%05d", i),
			"url":       fmt.Sprintf("https://wire%d.example.com/story/%d", i%7, i),
			"title":     fmt.Sprintf("Report %d", i),
			"published": base.AddDate(0, 0, r.IntN(2000)).Format("2006-01-02"),
			"text":      strings.Join(paras, "\n\n"),
		}
		if err := enc.Encode(doc); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestGeneratedCorpusReads(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var b strings.Builder
	for i := range 50 {
		line, _ := json.Marshal(map[string]string{"id": fmt.Sprint(i), "text": genSentence(r) + " " + genSentence(r)})
		b.Write(line)
		b.WriteByte('\n')
	}
	var c collect
	if err := ReadJSONL(strings.NewReader(b.String()), "gen.jsonl", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 50 || len(c.errs) != 0 {
		t.Errorf("generated lines: %d items, %d errors, %d skipped", len(c.items), len(c.errs), len(c.skips))
	}
}
