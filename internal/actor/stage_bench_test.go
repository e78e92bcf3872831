package actor_test

import (
	"strings"
	"syscall"
	"testing"
	"time"

	"annals/internal/actor"
	"annals/internal/depparse"
	"annals/internal/ner"
	"annals/internal/postag"
	"annals/internal/segment"
	"annals/internal/text"
)

// stageBenchText is written for this benchmark: news sentences of about
// 25 words with names, demonyms, metonyms, titles and agents.
var stageBenchText = strings.Join([]string{
	"Russian troops massed near the border on Tuesday while the Kremlin denied any plan to attack its neighbour, according to officials in Kyiv and Warsaw.",
	"The US State Department said American diplomats had met Ukrainian officials in Kyiv to discuss air defence, energy aid and the exchange of prisoners of war.",
	"NATO leaders gathered in Brussels for a two-day summit, and the European Union promised more money and ammunition to Ukraine's army before the winter.",
	"Hamas fighters and Israeli soldiers exchanged fire in Gaza overnight as the UN Security Council met in New York to debate a new call for a ceasefire.",
	"Protesters in Tehran demanded the release of journalists held by Iranian police since the spring, and the Iranian foreign ministry blamed foreign media for the unrest.",
	"The Chinese foreign minister told reporters in Beijing that his government would not accept outside pressure over Taiwan and warned Washington against new arms sales.",
	"Nigerian junior interior minister Chidi Okafor arrived in Abuja on Monday after talks with Ghanaian officials about trade, border security and the fight against smugglers.",
	"Speaking after the meeting, the Saudi crown prince said the kingdom was ready to host further talks between Russian and American negotiators early next year.",
}, " ")

func benchDoc(b *testing.B, withEntities, parsed bool) *text.Document {
	d := text.New("bench", stageBenchText)
	d.Published = time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC)
	if err := segment.New().Process(d); err != nil {
		b.Fatal(err)
	}
	d.Mark(text.LayerTokens | text.LayerSentences)
	if parsed {
		tagger, err := postag.Load()
		if err != nil {
			b.Fatal(err)
		}
		parser, err := depparse.Load()
		if err != nil {
			b.Fatal(err)
		}
		if err := tagger.Process(d); err != nil {
			b.Fatal(err)
		}
		if err := parser.Process(d); err != nil {
			b.Fatal(err)
		}
	}
	if withEntities {
		rec, err := ner.Load()
		if err != nil {
			b.Fatal(err)
		}
		if err := ner.NewStage(rec).Process(d); err != nil {
			b.Fatal(err)
		}
	}
	return d
}

func benchStage(b *testing.B, withEntities, parsed bool) {
	kb, err := actor.Default()
	if err != nil {
		b.Fatal(err)
	}
	d := benchDoc(b, withEntities, parsed)
	given := append([]text.Mention(nil), d.Mentions...)
	layers := d.Layers()
	s := actor.NewStage(kb)
	b.ReportAllocs()
	b.ResetTimer()
	cpu0 := cpuTime()
	for b.Loop() {
		d.Mentions = append(d.Mentions[:0:0], given...)
		d.Unmark(text.LayerActors)
		d.Mark(layers)
		if err := s.Process(d); err != nil {
			b.Fatal(err)
		}
	}
	cpu := cpuTime() - cpu0
	n := float64(b.N) * float64(len(d.Sentences))
	b.ReportMetric(b.Elapsed().Seconds()*1e6/n, "µs/sentence")
	// CPU time is the figure to read on a loaded machine, where the wall
	// clock also counts the time other processes held the core.
	b.ReportMetric(cpu.Seconds()*1e6/n, "cpu-µs/sentence")
	b.ReportMetric(float64(len(d.Tokens))/float64(len(d.Sentences)), "words/sentence")
}

// BenchmarkStage measures the actor stage alone on segmented text.
func BenchmarkStage(b *testing.B) { benchStage(b, false, false) }

// BenchmarkStageWithEntities measures it after the entity recognizer, as in
// annals actors.
func BenchmarkStageWithEntities(b *testing.B) { benchStage(b, true, false) }

// BenchmarkStageParsed measures it on tagged and parsed text after the
// entity recognizer, as in annals code: the tree lets it compose actors
// from of-phrases and places.
func BenchmarkStageParsed(b *testing.B) { benchStage(b, true, true) }

// cpuTime returns the CPU time the process has used (user and system).
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}
