package verbdict

import (
	"os"
	"reflect"
	"strings"
	"testing"
)

func loadSample(t *testing.T) (*Dict, []error) {
	t.Helper()
	f, err := os.Open("testdata/sample.verbs")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return Parse(f, "sample.verbs")
}

// TestParseSampleErrors checks that every bad line of the sample is
// reported with its file and line, and nothing else is.
func TestParseSampleErrors(t *testing.T) {
	_, errs := loadSample(t)
	want := []struct {
		line int
		has  string
	}{
		{35, "&NOSUCHSET, which is not defined"},
		{36, `"(" is never closed`},
		{37, `"31X" is not a CAMEO code`},
		{38, "no [code]"},
		{39, "more than one *"},
		{40, "no * for the verb"},
		{41, "not closed"},
		{42, "not a word"},
		{43, `unexpected "trailing words"`},
		{47, "has no '='"},
	}
	if len(errs) != len(want) {
		for _, e := range errs {
			t.Log(e)
		}
		t.Fatalf("got %d errors, want %d", len(errs), len(want))
	}
	for i, w := range want {
		e, ok := errs[i].(*Error)
		if !ok {
			t.Fatalf("error %d is %T, want *Error", i, errs[i])
		}
		prefix := "sample.verbs:" + itoa(w.line) + ": "
		if e.Line != w.line || !strings.HasPrefix(e.Error(), prefix) || !strings.Contains(e.Error(), w.has) {
			t.Errorf("error %d = %q, want line %d containing %q", i, e.Error(), w.line, w.has)
		}
	}
}

func itoa(n int) string {
	var b []byte
	for n > 0 || len(b) == 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	return string(b)
}

func TestParseSampleSets(t *testing.T) {
	d, _ := loadSample(t)
	if len(d.Sets) != 2 {
		t.Fatalf("sets = %d, want 2", len(d.Sets))
	}
	v, ok := d.Set("&vehicle")
	if !ok {
		t.Fatal("no set &VEHICLE")
	}
	want := []Term{{Words: []string{"truck"}}, {Words: []string{"lorry"}, Exact: true}, {Words: []string{"armored", "car"}}}
	if !reflect.DeepEqual(v.Members, want) {
		t.Errorf("&VEHICLE = %+v, want %+v", v.Members, want)
	}
	if v.Line != 7 {
		t.Errorf("&VEHICLE line = %d, want 7", v.Line)
	}
}

func TestParseSampleVerbs(t *testing.T) {
	d, _ := loadSample(t)
	if len(d.Blocks) != 3 {
		t.Fatalf("blocks = %d, want 3", len(d.Blocks))
	}
	if b := d.Blocks[2]; b.Name != "LENIENT" || b.Code != (Code{Primary: "0311"}) {
		t.Errorf("block 2 = %q %v, want LENIENT [0311] (a doubled closing --- is harmless)", b.Name, b.Code)
	}
	b := d.Blocks[0]
	if b.Name != "HAND_OVER" || b.Code != (Code{Primary: "070"}) || b.Line != 19 {
		t.Errorf("block 0 = %q %v line %d", b.Name, b.Code, b.Line)
	}
	cases := []struct {
		lemma     string
		head      int
		irregular bool
		forms     int
		code      string
		own       bool
		line      int
	}{
		{"give", 0, true, 4, "[070]", false, 20},
		{"hand over", 0, true, 3, "[071]", true, 21},
		{"bad mouth", 1, false, 0, "[070]", false, 22},
		{"donate", 0, false, 0, "[070]", false, 23},
		{"offer", 0, false, 0, "[---]", true, 24},
		{"ship", 0, false, 0, "[070]", false, 25},
		{"stall", 0, false, 0, "[---]", false, 33},
		{"tolerate", 0, true, 3, "[0311]", false, 51}, // commas between forms
	}
	if len(d.Verbs) != len(cases) {
		t.Fatalf("verbs = %d, want %d", len(d.Verbs), len(cases))
	}
	for i, c := range cases {
		v := d.Verbs[i]
		got := [...]any{v.Lemma(), v.Head, v.Irregular, len(v.Forms), v.Code.String(), v.OwnCode, v.Line}
		want := [...]any{c.lemma, c.head, c.irregular, c.forms, c.code, c.own, c.line}
		if got != want {
			t.Errorf("verb %d = %v, want %v", i, got, want)
		}
	}
	if d.Verbs[5].Comment != "tabari-style comment" {
		t.Errorf("ship comment = %q", d.Verbs[5].Comment)
	}
	if got := d.Verbs[1].Forms[1]; !reflect.DeepEqual(got, []string{"handed", "over"}) {
		t.Errorf("hand over form 1 = %v", got)
	}
}

func TestParseSamplePatterns(t *testing.T) {
	d, _ := loadSample(t)
	cases := []struct {
		text   string
		source string // "" none, else "before/after index prep"
		target string
		comp   bool
		line   int
	}{
		{"- * &VEHICLE (to +) [072]", "", "after 1 to", false, 26},
		{"- $ * {food parcels} [073]", "before 0 ", "", false, 27},
		{"- % * (in ^) (with) [046:046]", "", "", true, 28},
		{"- * fire (on +) [:190]", "", "after 1 on", false, 29},
		{"- * (over {&TALKS deadline}) [---]", "", "", false, 30},
		{"- * &TALKS [0312:0312]", "", "", false, 34},
		{"- * &NOSUCHSET [031]", "", "", false, 35},
		{"- * quietly [0311]", "", "", false, 52}, // * written against a word
	}
	var pats []*Pattern
	for _, b := range d.Blocks {
		pats = append(pats, b.Patterns...)
	}
	if len(pats) != len(cases) || d.Patterns() != len(cases) {
		t.Fatalf("patterns = %d, want %d", len(pats), len(cases))
	}
	slot := func(s Slot, ok bool) string {
		if !ok {
			return ""
		}
		side := "before"
		if s.After {
			side = "after"
		}
		return side + " " + itoa(s.Index) + " " + s.Prep
	}
	for i, c := range cases {
		p := pats[i]
		if p.String() != c.text || slot(p.Source()) != c.source || slot(p.Target()) != c.target || p.Compound() != c.comp || p.Line != c.line {
			t.Errorf("pattern %d = %q src %q tgt %q comp %v line %d, want %+v",
				i, p.String(), slot(p.Source()), slot(p.Target()), p.Compound(), p.Line, c)
		}
	}
	if k := pats[2].After[0].Items[1].Kind; k != ElemSkip {
		t.Errorf("(IN ^) second item kind = %v, want skip", k)
	}
	if len(d.Transforms) != 1 || d.Transforms[0].Result != "a b 031" || d.Transforms[0].Line != 46 {
		t.Errorf("transforms = %+v", d.Transforms)
	}
}

func TestInflections(t *testing.T) {
	d, _ := loadSample(t)
	cases := []struct {
		i    int
		want string
	}{
		{0, "give|gives|gave|given|giving"},
		{2, "bad mouth|bad mouths|bad mouthed|bad mouthing"},
		{3, "donate|donates|donated|donating"},
	}
	for _, c := range cases {
		var got []string
		for _, f := range d.Inflections(d.Verbs[c.i]) {
			got = append(got, strings.Join(f, " "))
		}
		if strings.Join(got, "|") != c.want {
			t.Errorf("Inflections(%s) = %v, want %s", d.Verbs[c.i].Lemma(), got, c.want)
		}
	}
}

func TestRegular(t *testing.T) {
	cases := []struct{ in, want string }{
		{"stop", "stops stopped stopping"},
		{"carry", "carries carried carrying"},
		{"agree", "agrees agreed agreeing"},
		{"push", "pushes pushed pushing"},
		{"veto", "vetoes vetoed vetoing"},
		{"obey", "obeys obeyed obeying"},
		{"visit", "visits visited visiting"},
		{"seize", "seizes seized seizing"},
	}
	for _, c := range cases {
		if got := strings.Join(Regular(c.in), " "); got != c.want {
			t.Errorf("Regular(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestParseCodes(t *testing.T) {
	cases := []struct {
		in   string
		want Code
		bad  bool
	}{
		{"[190]", Code{Primary: "190"}, false},
		{"[---]", Code{}, false},
		{"[042:043]", Code{Primary: "042", Reverse: "043"}, false},
		{"[:173]", Code{Reverse: "173"}, false},
		{"[0234]", Code{Primary: "0234"}, false},
		{"[080!]", Code{}, true},
		{"[1:2:3]", Code{}, true},
		{"[12345]", Code{}, true},
		{"190]", Code{}, true},
	}
	for _, c := range cases {
		got, _, err := parseCode(c.in)
		if (err != nil) != c.bad || got != c.want {
			t.Errorf("parseCode(%q) = %v, %v; want %v, bad=%v", c.in, got, err, c.want, c.bad)
		}
	}
}
