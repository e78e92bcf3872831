package plover

import (
	"bytes"
	"slices"
	"strings"
	"testing"
)

func TestEmbeddedTablesLoad(t *testing.T) {
	if err := modeData().err; err != nil {
		t.Fatalf("modes.tsv/contexts.tsv: %v", err)
	}
	if _, err := Load(bytes.NewReader(cameoTSV)); err != nil {
		t.Fatalf("cameo.tsv: %v", err)
	}
}

// The modes per type, as DESIGN.md lists PLOVER v0.8.
func TestModesPerType(t *testing.T) {
	tests := []struct {
		t     Type
		modes string
	}{
		{AGREE, ""},
		{CONSULT, "visit third-party multilateral phone"},
		{SUPPORT, ""},
		{CONCEDE, ""},
		{COOPERATE, ""},
		{AID, ""},
		{RETREAT, "withdraw release return disarm ceasefire access resign"},
		{REQUEST, "assist change meet yield"},
		{ACCUSE, "disapprove investigate allege"},
		{REJECT, "assist change meet yield"},
		{THREATEN, "restrict ban arrest relations rights expel territory violence"},
		{PROTEST, "demo riot strike hunger boycott obstruct"},
		{SANCTION, "convict expel withdraw discontinue"},
		{MOBILIZE, "troops weapons police militia"},
		{COERCE, "seize restrict ban censor curfew arrest deport withhold misinformation cyber"},
		{ASSAULT, "abduct beat torture execute sexual assassinate destroy primitive firearms explosives suicide-attack aerial drone heavy-weapons crowd-control cleansing massacre unconventional"},
	}
	total := 0
	for _, tc := range tests {
		want := strings.Fields(tc.modes)
		got := Modes(tc.t)
		if !slices.Equal(got, want) {
			t.Errorf("Modes(%v) = %v, want %v", tc.t, got, want)
		}
		for _, m := range want {
			if !ValidMode(tc.t, m) {
				t.Errorf("ValidMode(%v, %q) = false", tc.t, m)
			}
		}
		total += len(got)
	}
	if len(tests) != len(Types()) {
		t.Errorf("test covers %d types, want %d", len(tests), len(Types()))
	}
	if total != 72 {
		t.Errorf("%d type/mode pairs, want 72", total)
	}
}

func TestValidMode(t *testing.T) {
	tests := []struct {
		t    Type
		mode string
		want bool
	}{
		{ASSAULT, "drone", true},
		{ASSAULT, "", true},
		{AGREE, "", true},
		{AGREE, "visit", false},
		{COERCE, "drone", false},
		{COERCE, "Seize", false},
		{RETREAT, "ease", false},
		{NoType, "", false},
		{Type(99), "", false},
	}
	for _, tc := range tests {
		if got := ValidMode(tc.t, tc.mode); got != tc.want {
			t.Errorf("ValidMode(%v, %q) = %v, want %v", tc.t, tc.mode, got, tc.want)
		}
	}
}

func TestContexts(t *testing.T) {
	cs := Contexts()
	if len(cs) == 0 || !slices.IsSorted(cs) {
		t.Fatalf("Contexts() = %v, want a sorted, non-empty list", cs)
	}
	for i, c := range cs {
		if i > 0 && cs[i-1] == c {
			t.Errorf("context %q listed twice", c)
		}
		if !ValidContext(c) {
			t.Errorf("ValidContext(%q) = false", c)
		}
	}
	for _, bad := range []string{"", "Military", "war", "military "} {
		if ValidContext(bad) {
			t.Errorf("ValidContext(%q) = true", bad)
		}
	}
	cs[0] = "changed"
	if Contexts()[0] == "changed" {
		t.Error("Contexts returns the package's own slice")
	}
}

func TestDefaultCodes(t *testing.T) {
	codes := Default().Codes()
	if len(codes) == 0 {
		t.Fatal("Default() has no codes")
	}
	typed := map[Type]int{}
	for i, c := range codes {
		if i > 0 && codes[i-1].CAMEO >= c.CAMEO {
			t.Errorf("codes not sorted and unique at %s, %s", codes[i-1].CAMEO, c.CAMEO)
		}
		root, err := cameoRoot(c.CAMEO)
		if err != nil {
			t.Errorf("%s: %v", c.CAMEO, err)
			continue
		}
		wantQuad := 4
		switch {
		case root <= 5:
			wantQuad = 1
		case root <= 8:
			wantQuad = 2
		case root <= 13:
			wantQuad = 3
		}
		if c.QuadClass != wantQuad || QuadClass(c.CAMEO) != wantQuad {
			t.Errorf("%s: quad class %d (QuadClass %d), want %d", c.CAMEO, c.QuadClass, QuadClass(c.CAMEO), wantQuad)
		}
		if c.Goldstein < -10 || c.Goldstein > 10 {
			t.Errorf("%s: Goldstein %v outside [-10, 10]", c.CAMEO, c.Goldstein)
		}
		if c.Label == "" {
			t.Errorf("%s: no label", c.CAMEO)
		}
		if c.Type == NoType && (c.Mode != "" || len(c.Context) > 0) {
			t.Errorf("%s: mode or context without a type", c.CAMEO)
		}
		if c.Type != NoType && !ValidMode(c.Type, c.Mode) {
			t.Errorf("%s: %q is not a mode of %v", c.CAMEO, c.Mode, c.Type)
		}
		for _, x := range c.Context {
			if !ValidContext(x) {
				t.Errorf("%s: unknown context %q", c.CAMEO, x)
			}
		}
		got, ok := Default().CAMEO(c.CAMEO)
		if !ok || got.CAMEO != c.CAMEO || got.Type != c.Type {
			t.Errorf("CAMEO(%q) = %+v, %v", c.CAMEO, got, ok)
		}
		typed[c.Type]++
	}
	// Every root's general code ("010" ... "200") is in the table.
	for root := 1; root <= 20; root++ {
		code := string(rune('0'+root/10)) + string(rune('0'+root%10)) + "0"
		if _, ok := Default().CAMEO(code); !ok {
			t.Errorf("root code %s missing", code)
		}
	}
	for _, ty := range Types() {
		if typed[ty] == 0 {
			t.Errorf("no CAMEO code maps to %v", ty)
		}
	}
	if typed[NoType] == 0 {
		t.Error("no code is marked as having no PLOVER equivalent (CAMEO 01, 02)")
	}
}

func TestCodesAreCopies(t *testing.T) {
	o := Default()
	c, ok := o.CAMEO("094")
	if !ok || len(c.Context) == 0 {
		t.Fatalf("CAMEO(094) = %+v, %v; want a code with contexts", c, ok)
	}
	c.Context[0] = "changed"
	o.Codes()[0].Label = "changed"
	if again, _ := o.CAMEO("094"); again.Context[0] == "changed" {
		t.Error("CAMEO returns the table's own Context slice")
	}
	if o.Codes()[0].Label == "changed" {
		t.Error("Codes returns the table's own codes")
	}
	if _, ok := o.CAMEO("999"); ok {
		t.Error(`CAMEO("999") found a code`)
	}
}

// Nearest gives a code of the asked type for every type and every mode,
// with the asked mode whenever some code has it.
func TestNearestEveryPair(t *testing.T) {
	o := Default()
	hasMode := map[Type]map[string]bool{}
	for _, c := range o.Codes() {
		if hasMode[c.Type] == nil {
			hasMode[c.Type] = map[string]bool{}
		}
		hasMode[c.Type][c.Mode] = true
	}
	for _, ty := range Types() {
		for _, m := range append([]string{""}, Modes(ty)...) {
			for _, ctx := range [][]string{nil, {"military"}, {"diplomatic", "economic"}} {
				c := o.Nearest(ty, m, ctx)
				if c.Type != ty {
					t.Errorf("Nearest(%v, %q, %v) = %s of type %v", ty, m, ctx, c.CAMEO, c.Type)
					continue
				}
				if m != "" && hasMode[ty][m] && c.Mode != m {
					t.Errorf("Nearest(%v, %q, %v) = %s with mode %q, but codes with mode %q exist", ty, m, ctx, c.CAMEO, c.Mode, m)
				}
			}
		}
		// The stand-in named in modes.tsv exists and has the same type.
		for _, m := range Modes(ty) {
			if s := standIn(ty, m); s != "" {
				c, ok := o.CAMEO(s)
				if !ok || c.Type != ty {
					t.Errorf("modes.tsv: stand-in %s for %v %s is %+v, %v", s, ty, m, c, ok)
				}
				if hasMode[ty][m] {
					t.Errorf("modes.tsv: %v %s has a stand-in %s but codes with that mode exist", ty, m, s)
				}
			}
		}
	}
}

func TestNearest(t *testing.T) {
	tests := []struct {
		t    Type
		mode string
		ctx  string
		want string
	}{
		{AGREE, "", "", "030"},
		{AGREE, "", "economic", "0311"},
		{CONSULT, "visit", "", "042"},
		{ACCUSE, "", "", "110"},
		{ACCUSE, "investigate", "", "090"},
		{ACCUSE, "allege", "legal", "115"},
		{ACCUSE, "allege", "legal military", "1124"},
		{RETREAT, "", "", "084"},
		{RETREAT, "ceasefire", "", "0871"},
		{COERCE, "", "", "170"},
		{COERCE, "seize", "", "171"},
		{COERCE, "seize", "military", "192"},
		{ASSAULT, "", "", "180"},
		{ASSAULT, "", "military", "190"},
		{ASSAULT, "drone", "", "195"},
		{ASSAULT, "no-such-mode", "", "180"},
		{SANCTION, "convict", "", "160"},
		{REQUEST, "change", "executive", "1041"},
		{NoType, "", "", ""},
	}
	for _, tc := range tests {
		ctx := strings.Fields(tc.ctx)
		if got := Default().Nearest(tc.t, tc.mode, ctx).CAMEO; got != tc.want {
			t.Errorf("Nearest(%v, %q, %v) = %q, want %q", tc.t, tc.mode, ctx, got, tc.want)
		}
	}
}

func TestLoadReportsBadLines(t *testing.T) {
	const good = "190\tASSAULT\t-\tmilitary\t4\t-10.0\tuse military force\n"
	tests := []struct {
		line string
		want string // in the error, after "line 3: "
	}{
		{"190\tASSAULT\t-\tmilitary\t4\t-10.0", "want 7 tab-separated fields"},
		{"19x\tASSAULT\t-\t-\t4\t-10\tx", `CAMEO code "19x": want digits only`},
		{"21\tASSAULT\t-\t-\t4\t-10\tx", "root 21 is not 01 to 20"},
		{"00\tASSAULT\t-\t-\t4\t-10\tx", "root 00 is not 01 to 20"},
		{"19000\tASSAULT\t-\t-\t4\t-10\tx", "want 2 to 4 digits"},
		{"191\tBATTLE\t-\t-\t4\t-10\tx", `unknown PLOVER event type "BATTLE"`},
		{"191\tASSAULT\tseize\t-\t4\t-10\tx", `"seize" is not a PLOVER v0.8 mode of ASSAULT`},
		{"191\t-\tseize\t-\t4\t-10\tx", "without a type"},
		{"191\tASSAULT\t-\twar\t4\t-10\tx", `unknown PLOVER context "war"`},
		{"191\tASSAULT\t-\t-\t3\t-10\tx", "quad class 3, but CAMEO root 19 is quad class 4"},
		{"191\tASSAULT\t-\t-\tIV\t-10\tx", "quad class \"IV\" is not a number"},
		{"191\tASSAULT\t-\t-\t4\t-11\tx", "not a number from -10 to 10"},
		{"191\tASSAULT\t-\t-\t4\tlow\tx", "not a number from -10 to 10"},
		{"191\tASSAULT\t-\t-\t4\t-10\t", "empty label"},
		{good[:len(good)-1], "listed twice"},
	}
	for _, tc := range tests {
		in := "# a comment\n" + good + tc.line + "\n\n"
		o, err := Load(strings.NewReader(in))
		if o != nil || err == nil {
			t.Errorf("Load(%q): no error", tc.line)
			continue
		}
		if !strings.Contains(err.Error(), "line 3: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Load(%q): error %q, want line 3 and %q", tc.line, err, tc.want)
		}
	}
}

func TestLoadReportsEveryBadLine(t *testing.T) {
	in := "010\t-\t-\t-\t1\t0\tsay something\n" +
		"011\tNOPE\t-\t-\t1\t0\tx\n" +
		"012\t-\t-\t-\t1\t0\tfine\n" +
		"013\t-\t-\t-\t9\t0\tx\n"
	_, err := Load(strings.NewReader(in))
	if err == nil || !strings.Contains(err.Error(), "line 2: ") || !strings.Contains(err.Error(), "line 4: ") {
		t.Errorf("Load: error %v, want lines 2 and 4", err)
	}
	if _, err := Load(strings.NewReader("# only comments\n\n")); err == nil {
		t.Error("Load of an empty table: no error")
	}
}

func TestLoadUserTable(t *testing.T) {
	in := "# my table\r\n" +
		"1831\tASSAULT\tsuicide-attack\t-\t4\t-10\tsuicide bombing\r\n" +
		"042\tCONSULT\tvisit\tdiplomatic, economic\t1\t1.9\tgo to see\r\n"
	o, err := Load(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	c, ok := o.CAMEO("042")
	if !ok || c.Type != CONSULT || c.Mode != "visit" || !slices.Equal(c.Context, []string{"diplomatic", "economic"}) || c.Goldstein != 1.9 || c.QuadClass != 1 || c.Label != "go to see" {
		t.Errorf("CAMEO(042) = %+v, %v", c, ok)
	}
	if got := o.Nearest(ASSAULT, "drone", nil).CAMEO; got != "1831" {
		t.Errorf("Nearest(ASSAULT, drone) in a table without 195 = %q, want 1831 (the only ASSAULT code)", got)
	}
	if got := o.Nearest(AGREE, "", nil); got.CAMEO != "" {
		t.Errorf("Nearest(AGREE) in a table without AGREE = %+v, want the zero Code", got)
	}
	if got := len(o.Codes()); got != 2 {
		t.Errorf("%d codes, want 2", got)
	}
}

func TestQuadClass(t *testing.T) {
	tests := []struct {
		code string
		want int
	}{
		{"010", 1}, {"057", 1}, {"06", 2}, {"0874", 2}, {"090", 3}, {"1385", 3},
		{"140", 4}, {"2042", 4}, {"", 0}, {"21", 0}, {"abc", 0},
	}
	for _, tc := range tests {
		if got := QuadClass(tc.code); got != tc.want {
			t.Errorf("QuadClass(%q) = %d, want %d", tc.code, got, tc.want)
		}
	}
}
