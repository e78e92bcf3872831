package derive

import (
	"slices"
	"strings"
	"testing"

	"annals/internal/plover"
)

func TestParse(t *testing.T) {
	in := `# a heading comment
17: COERCE
170: COERCE, ,    # general
0841: RETREAT, release,   legal # let people go
085: RETREAT, ease,   economic # note: ease is gone
1712: ASSAULT, seize, human_security  # wreck things
175: ASSAULT, pro_autocracy , military # repress
175: ASSAULT, pro_autocracy , military # repress, listed again
1321: THREATEN, political, human_rights # threaten speech
094: ACCUSE, investigate, military; legal # look into war crimes
~~~~~
`
	rows, err := Parse(strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	want := []Row{
		{Code: "170", Type: plover.COERCE, Line: 3},
		{Code: "0841", Type: plover.RETREAT, Mode: "release", Context: []string{"legal"}, Line: 4},
		{Code: "085", Type: plover.RETREAT, Context: []string{"economic"}, Line: 5},
		{Code: "1712", Type: plover.ASSAULT, Mode: "destroy", Context: []string{"human_security"}, Line: 6},
		{Code: "175", Type: plover.ASSAULT, Context: []string{"pro_autocracy", "military"}, Line: 7},
		{Code: "1321", Type: plover.THREATEN, Mode: "rights", Context: []string{"human_rights"}, Line: 9},
		{Code: "094", Type: plover.ACCUSE, Mode: "investigate", Context: []string{"military", "legal"}, Line: 10},
	}
	if !slices.EqualFunc(rows, want, func(a, b Row) bool {
		return a.Code == b.Code && a.Type == b.Type && a.Mode == b.Mode && slices.Equal(a.Context, b.Context) && a.Line == b.Line
	}) {
		t.Errorf("Parse:\n got %+v\nwant %+v", rows, want)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		line string
		want string
	}{
		{"171 COERCE, seize, human_security", "no colon"},
		{"17a: COERCE, seize,", "not all digits"},
		{"17111: COERCE, seize,", "more than 4 digits"},
		{"171: GRAB, seize,", `unknown PLOVER event type "GRAB"`},
		{"171: COERCE, grab,", `"grab" is neither a v0.8 mode of COERCE nor listed`},
		{"171: COERCE, seize, property", `unknown PLOVER context "property"`},
		{"171: COERCE, seize, legal, extra", "got 4 fields"},
		{"170: COERCE, arrest,", "code 170 mapped differently on line 1"},
	}
	for _, tc := range tests {
		in := "170: COERCE, , \n" + tc.line + "\n"
		rows, err := Parse(strings.NewReader(in))
		if err == nil || !strings.Contains(err.Error(), "line 2: ") || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Parse(%q): error %v, want line 2 and %q", tc.line, err, tc.want)
		}
		if len(rows) != 1 || rows[0].Code != "170" {
			t.Errorf("Parse(%q): rows %+v, want the good line's row", tc.line, rows)
		}
	}
}

func TestRenamesTable(t *testing.T) {
	m, err := renames()
	if err != nil {
		t.Fatal(err)
	}
	for k := range m {
		if plover.ValidMode(k.t, k.mode) {
			t.Errorf("renames.tsv renames %v %q, which is already a v0.8 mode", k.t, k.mode)
		}
	}
}
