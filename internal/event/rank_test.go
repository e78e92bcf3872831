package event

import (
	"bytes"
	"strings"
	"testing"

	"annals/internal/text"
)

// rankToyExamples are slots whose right candidate carries feature 7 and
// whose wrong ones feature 9 (with noise features shared by all).
func rankToyExamples() []RankExample {
	var ex []RankExample
	for i := range 40 {
		x := RankExample{}
		for j := range 3 {
			good := j == i%3
			f := []uint64{100 + uint64(i%5), 200 + uint64(j)}
			if good {
				f = append(f, 7)
			} else {
				f = append(f, 9)
			}
			x.Feats = append(x.Feats, f)
			x.Good = append(x.Good, good)
		}
		ex = append(ex, x)
	}
	return ex
}

func TestTrainRoleRankerDeterministic(t *testing.T) {
	write := func(seed uint64) []byte {
		r, err := TrainRoleRanker(rankToyExamples(), RankTrainOptions{Epochs: 5, Seed: seed})
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := r.Write(&b); err != nil {
			t.Fatal(err)
		}
		if err := r.WriteSettings(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	a, b := write(3), write(3)
	if !bytes.Equal(a, b) {
		t.Fatalf("two trainings with the same seed differ (%d and %d bytes)", len(a), len(b))
	}
	if _, err := TrainRoleRanker(nil, RankTrainOptions{}); err == nil {
		t.Error("training on no examples: no error")
	}
}

// toyCands returns candidates whose source and target features are the
// given ones, the rules having chosen rule (for both slots when the index
// matches).
func toyCands(src, tgt [][]uint64, ruleSrc, ruleTgt int) []RoleCand {
	var out []RoleCand
	for i := range src {
		out = append(out, RoleCand{Source: src[i], Target: tgt[i], RuleSrc: i == ruleSrc, RuleTgt: i == ruleTgt})
	}
	return out
}

func TestRoleRankerModes(t *testing.T) {
	r, err := TrainRoleRanker(rankToyExamples(), RankTrainOptions{Epochs: 5, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	if r.Score([]uint64{7}) <= r.Score([]uint64{9}) {
		t.Fatalf("the feature of right candidates scores %.2f, of wrong ones %.2f", r.Score([]uint64{7}), r.Score([]uint64{9}))
	}
	good, bad := []uint64{7}, []uint64{9}
	// Rules' sides: a coded actor, or none.
	yes := []text.Argument{{Span: text.Span{Start: 100, End: 105}, Actor: text.Actor{Code: "AAA", Country: "AAA"}}}
	var no []text.Argument
	// Candidate 1 is the best for both slots; the rules chose 0 and 2.
	cands := toyCands([][]uint64{bad, good, bad}, [][]uint64{bad, good, bad}, 0, 2)

	r.SetMode(RankReplace, 0)
	si, ti := r.Decide(cands, yes, yes)
	if si != 1 {
		t.Errorf("replace: source %d, want 1", si)
	}
	if ti == 1 || ti < 0 {
		t.Errorf("replace: target %d, want another candidate than the source", ti)
	}

	r.SetMode(RankFill, 0)
	if si, ti := r.Decide(cands, yes, yes); si != -1 || ti != -1 {
		t.Errorf("fill with both sides coded by the rules: %d %d, want -1 -1", si, ti)
	}
	if si, ti := r.Decide(cands, yes, no); si != -1 || ti != 1 {
		t.Errorf("fill with no coded target: %d %d, want -1 1", si, ti)
	}
	if si, ti := r.Decide(cands, no, no); si != -1 || ti != -1 {
		t.Errorf("no coded actor on either side: %d %d, want the event left as it is", si, ti)
	}

	lead := r.Score(good) - r.Score(bad)
	r.SetMode(RankMargin, lead+1)
	if si, _ := r.Decide(cands, yes, yes); si != -1 {
		t.Errorf("margin above the lead: source %d, want the rules' (-1)", si)
	}
	r.SetMode(RankMargin, lead-1)
	if si, _ := r.Decide(cands, yes, yes); si != 1 {
		t.Errorf("margin below the lead: source %d, want 1", si)
	}

	// A candidate with the code of the other side's actor is not chosen
	// ("RUSGOV" acting on "RUSGOV"); a bare country code may be.
	same := toyCands([][]uint64{bad, good, bad}, [][]uint64{bad, bad, bad}, -1, 0)
	same[1].Arg = text.Argument{Span: text.Span{Start: 10, End: 15}, Actor: text.Actor{Code: "BBBGOV", Country: "BBB"}}
	r.SetMode(RankFill, 0)
	tgtGov := []text.Argument{{Span: text.Span{Start: 30, End: 35}, Actor: text.Actor{Code: "BBBGOV", Country: "BBB"}}}
	if si, _ := r.Decide(same, no, tgtGov); si == 1 {
		t.Error("the source was given the target's own code")
	}
	tgtState := []text.Argument{{Span: text.Span{Start: 30, End: 35}, Actor: text.Actor{Code: "BBB", Country: "BBB"}}}
	if si, _ := r.Decide(same, no, tgtState); si != 1 {
		t.Errorf("a government acting on its country's people: source %d, want 1", si)
	}

	r.SetMode(RankOff, 0)
	if si, ti := r.Decide(cands, no, yes); si != -1 || ti != -1 {
		t.Errorf("off: %d %d", si, ti)
	}
}

func TestReadRoleRankerSettings(t *testing.T) {
	r, err := TrainRoleRanker(rankToyExamples(), RankTrainOptions{Epochs: 2})
	if err != nil {
		t.Fatal(err)
	}
	var m bytes.Buffer
	if err := r.Write(&m); err != nil {
		t.Fatal(err)
	}
	r.SetMode(RankMargin, 2.5)
	var st bytes.Buffer
	if err := r.WriteSettings(&st); err != nil {
		t.Fatal(err)
	}
	back, err := ReadRoleRanker(bytes.NewReader(m.Bytes()), bytes.NewReader(st.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if md, mg := back.Mode(); md != RankMargin || mg != 2.5 {
		t.Errorf("read back mode %s margin %g", md, mg)
	}
	for _, c := range []struct{ settings, want string }{
		{"version\tother.v0\n", "retrain"},
		{"mode\tsometimes\n", "ranker.tsv:1"},
		{"margin\twide\n", "margin"},
		{"colour\tblue\n", "unknown setting"},
	} {
		_, err := ReadRoleRanker(bytes.NewReader(m.Bytes()), strings.NewReader(c.settings))
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("settings %q: error %v, want one with %q", c.settings, err, c.want)
		}
	}
	if _, err := ReadRoleRanker(strings.NewReader("not a model"), nil); err == nil {
		t.Error("a bad model read without error")
	}
}

func TestDefaultRoleRankerLoads(t *testing.T) {
	r, err := DefaultRoleRanker()
	if err != nil {
		t.Fatal(err)
	}
	if r == nil {
		t.Skip("this build embeds no role ranker")
	}
	if md, _ := r.Mode(); md == RankOff {
		t.Log("the embedded ranker is off")
	}
}
