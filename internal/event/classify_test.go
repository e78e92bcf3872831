package event

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"

	"annals/internal/perceptron"
	"annals/internal/plover"
)

// synthExamples returns n examples of a made-up task: one feature
// signals type k (k in 1..4) or no event, and every example has a few
// noise features.
func synthExamples(n int, seed uint64) []Example {
	rng := rand.New(rand.NewPCG(seed, 1))
	out := make([]Example, n)
	for i := range out {
		k := rng.IntN(5)
		var fs []uint64
		if k == 0 {
			fs = append(fs, perceptron.F1(1, 7))
		} else {
			fs = append(fs, perceptron.F1(2, uint64(k)))
		}
		for range 3 {
			fs = append(fs, perceptron.F1(3, uint64(rng.IntN(50))))
		}
		out[i] = Example{Features: fs, Type: plover.Type(k)}
	}
	return out
}

func modelBytes(t *testing.T, c *Classifier) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := c.Write(&b); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteSettings(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestTrainClassifierDeterministic(t *testing.T) {
	ex := synthExamples(400, 3)
	a, err := TrainClassifier(ex, TrainOptions{Epochs: 3, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	b, err := TrainClassifier(ex, TrainOptions{Epochs: 3, Seed: 9})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(modelBytes(t, a), modelBytes(t, b)) {
		t.Fatal("same examples and seed gave different models")
	}
	// The model learned the task, and reads back to the same decisions.
	var m bytes.Buffer
	if err := a.Write(&m); err != nil {
		t.Fatal(err)
	}
	var st bytes.Buffer
	a.SetOffset(0.5)
	if err := a.WriteSettings(&st); err != nil {
		t.Fatal(err)
	}
	r, err := ReadClassifier(&m, &st)
	if err != nil {
		t.Fatal(err)
	}
	if r.offset != 0.5 {
		t.Errorf("offset read back as %v, want 0.5", r.offset)
	}
	right, test := 0, synthExamples(200, 4)
	for _, x := range test {
		if r.Predict(x.Features).Type == x.Type {
			right++
		}
	}
	if right < len(test)*9/10 {
		t.Errorf("%d of %d test examples right, want 90%%", right, len(test))
	}
}

func TestTrainClassifierNeedsExamples(t *testing.T) {
	if _, err := TrainClassifier(nil, TrainOptions{}); err == nil {
		t.Error("no examples: no error")
	}
}

// TestClassNamesFollowTypes checks that a type's number is its class, as
// TrainClassifier assumes.
func TestClassNamesFollowTypes(t *testing.T) {
	names := ClassNames()
	if names[0] != NoEvent {
		t.Fatalf("class 0 is %q, want %q", names[0], NoEvent)
	}
	for _, ty := range plover.Types() {
		if names[int(ty)] != ty.String() {
			t.Errorf("class %d is %q, want %s", ty, names[int(ty)], ty)
		}
	}
}

func TestReadClassifierSettingsErrors(t *testing.T) {
	c, err := TrainClassifier(synthExamples(50, 1), TrainOptions{Epochs: 1})
	if err != nil {
		t.Fatal(err)
	}
	var m bytes.Buffer
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ settings, want string }{
		{"version\tevents-cls.v0\n", "classifier.tsv:1: model for features events-cls.v0"},
		{"# comment\noffset\tlots\n", "classifier.tsv:2: offset"},
		{"offset\t1\nwidth\t3\n", "classifier.tsv:2: unknown setting"},
		{"offset 1\n", "classifier.tsv:1: want 2 tab-separated fields"},
	}
	for _, tc := range tests {
		_, err := ReadClassifier(bytes.NewReader(m.Bytes()), strings.NewReader(tc.settings))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("settings %q: error %v, want one containing %q", tc.settings, err, tc.want)
		}
	}
}

// TestEmbeddedClassifier checks that the embedded model loads with the
// features this build extracts.
func TestEmbeddedClassifier(t *testing.T) {
	c, err := DefaultClassifier()
	if err != nil {
		t.Fatal(err)
	}
	if c == nil {
		t.Skip("this build embeds no event classifier")
	}
	if got := len(c.types); got != len(ClassNames()) {
		t.Errorf("embedded classifier has %d classes, want %d", got, len(ClassNames()))
	}
}

// TestVetoPolicy checks the veto policy on the made-up task: the lexicon's
// type stands unless the classifier's margin passes the policy's, a
// candidate the lexicon does not code is added only past the add margin,
// and the policy survives writing and reading the settings.
func TestVetoPolicy(t *testing.T) {
	c, err := TrainClassifier(synthExamples(400, 5), TrainOptions{Epochs: 3, Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	none := []uint64{perceptron.F1(1, 7)} // the task's sign of no event
	typ3 := []uint64{perceptron.F1(2, 3)} // the sign of type 3
	lex := plover.Type(2)                 // what the lexicon proposes
	never := Veto{Drop: Never, Retype: Never, Add: Never}
	always := Veto{}
	if d := c.WithVeto(&never).Judge(none, lex, true); d.Type != lex {
		t.Errorf("no veto: lexicon type %v replaced by %v", lex, d.Type)
	}
	if d := c.WithVeto(&always).Judge(none, lex, true); d.Type != plover.NoType {
		t.Errorf("veto at margin 0: a sure no event coded %v", d.Type)
	}
	if d := c.WithVeto(&always).Judge(typ3, lex, true); d.Type != 3 {
		t.Errorf("retype at margin 0: coded %v, want type 3", d.Type)
	}
	if d := c.WithVeto(&never).Judge(typ3, lex, false); d.Type != plover.NoType {
		t.Errorf("never add: a candidate the lexicon does not code became %v", d.Type)
	}
	if d := c.WithVeto(&always).Judge(typ3, lex, false); d.Type != 3 {
		t.Errorf("add at margin 0: coded %v, want type 3", d.Type)
	}
	// A margin just under the decision's own keeps the lexicon's type.
	d := c.WithVeto(&always).Judge(none, lex, true)
	high := Veto{Drop: d.Margin + 1, Retype: Never, Add: Never}
	if d := c.WithVeto(&high).Judge(none, lex, true); d.Type != lex {
		t.Errorf("drop margin above the classifier's lead: coded %v, want %v", d.Type, lex)
	}
	var m, st bytes.Buffer
	v := Veto{Drop: 96, Retype: 16, Add: Never}
	if err := c.Write(&m); err != nil {
		t.Fatal(err)
	}
	if err := c.WithVeto(&v).WriteSettings(&st); err != nil {
		t.Fatal(err)
	}
	r, err := ReadClassifier(&m, &st)
	if err != nil {
		t.Fatal(err)
	}
	if p := r.Policy(); p == nil || *p != v {
		t.Errorf("policy read back as %v, want %v", p, v)
	}
	if _, err := ReadClassifier(bytes.NewReader(m.Bytes()), strings.NewReader("veto-drop\t-3\n")); err == nil {
		t.Error("a negative margin read without error")
	}
}

// TestTrainGate checks that the event-or-not model is deterministic and
// tells the made-up task's no event from its events.
func TestTrainGate(t *testing.T) {
	ex := synthExamples(400, 6)
	a, err := TrainGate(ex, TrainOptions{Epochs: 3, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	b, err := TrainGate(ex, TrainOptions{Epochs: 3, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	var x, y bytes.Buffer
	if err := a.Write(&x); err != nil {
		t.Fatal(err)
	}
	if err := b.Write(&y); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(x.Bytes(), y.Bytes()) {
		t.Fatal("same examples and seed gave different gates")
	}
	c, err := TrainClassifier(ex, TrainOptions{Epochs: 3, Seed: 4})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ReadGate(bytes.NewReader(x.Bytes())); err != nil {
		t.Fatal(err)
	}
	v := Veto{Drop: 0, Retype: Never, Add: Never}
	g := c.WithVeto(&v)
	if d := g.Judge([]uint64{perceptron.F1(1, 7)}, 2, true); d.Type != plover.NoType {
		t.Errorf("gate at margin 0: a sure no event coded %v", d.Type)
	}
	if d := g.Judge([]uint64{perceptron.F1(2, 4)}, 2, true); d.Type != 2 {
		t.Errorf("gate at margin 0: an event lost its lexicon type 2: %v", d.Type)
	}
	if err := c.ReadGate(bytes.NewReader([]byte("not a model"))); err == nil {
		t.Error("a bad gate file read without error")
	}
}
