package eval

import (
	"math"
	"os"
	"strings"
	"testing"

	"annals/internal/record"
	"annals/internal/shared"
	"annals/internal/text"
)

const goldSample = `{"id":"a","text":"Ruritania condemned Freedonia.","event":"DISAPPROVE","source":[{"actorText":"Ruritania","code":"RUR"}],"target":[{"actorText":"Freedonia","code":"FRE"}]}
{"id":"b","text":"Troops attacked a village.","event":"ASSAULT","target":[{"actorText":"village","code":"FRE"}]}
{"id":"c","text":"They agreed.","event":"AGREE","source":[{"actorText":"Tokyo","code":"JAP"}],"target":"diplomatic"}
not json
{"id":"d","text":"Nothing.","event":"DANCE"}
`

func TestReadGoldToleratesKnownFaults(t *testing.T) {
	recs, errs := ReadGold(strings.NewReader(goldSample), "g.jsonl")
	if len(recs) != 3 {
		t.Fatalf("read %d records, want 3", len(recs))
	}
	if len(errs) != 2 || !strings.Contains(errs[0].Error(), "g.jsonl:4") || !strings.Contains(errs[1].Error(), "g.jsonl:5") {
		t.Errorf("errors = %v", errs)
	}
	if recs[0].Type.String() != "ACCUSE" {
		t.Errorf("2016 name not mapped: %v", recs[0].Type)
	}
	if recs[1].Problem != "source missing" || len(recs[1].Source) != 0 {
		t.Errorf("missing source: %+v", recs[1])
	}
	if recs[2].Source[0].Code != "JPN" || !strings.Contains(recs[2].Problem, "target is a string") {
		t.Errorf("JAP/string target: %+v", recs[2])
	}
}

func arg(code, country string) record.Argument {
	return record.Argument{Actor: text.Actor{Code: code, Country: country}}
}

func TestScoreEvents(t *testing.T) {
	recs, _ := ReadGold(strings.NewReader(goldSample), "g.jsonl")
	pred := [][]record.Event{
		// a: right type and actors, plus a spurious second type.
		{{EventType: "ACCUSE", Source: []record.Argument{arg("RURGOV", "RUR")}, Target: []record.Argument{arg("FRE", "FRE")}},
			{EventType: "THREATEN"}},
		// b: right type, target wrong.
		{{EventType: "ASSAULT", Target: []record.Argument{arg("RUR", "RUR")}}},
		// c: nothing.
		nil,
	}
	r := ScoreEvents(recs, pred)
	// TP 2 (a, b); FP 1 (THREATEN); FN 1 (c).
	if r.Precision != 2.0/3 || r.Recall != 2.0/3 {
		t.Errorf("P %v R %v", r.Precision, r.Recall)
	}
	if r.TypeSourceTgtN != 1 || math.Abs(r.TypeSourceTarget-1.0/3) > 1e-9 {
		t.Errorf("type+source+target: %d %v", r.TypeSourceTgtN, r.TypeSourceTarget)
	}
	if r.RecordsCoded != 2 || r.Events != 3 {
		t.Errorf("coded %d events %d", r.RecordsCoded, r.Events)
	}
}

func TestReadSharedGold(t *testing.T) {
	p := shared.Require(t, "data/plover/plover_gsr_dev.jsonl")
	f, err := os.Open(p)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, errs := ReadGold(f, p)
	if len(errs) != 0 || len(recs) < 150 {
		t.Errorf("read %d records, errors %v", len(recs), errs)
	}
}
