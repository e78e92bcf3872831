package plover

import "testing"

func TestParseTypeRoundTrip(t *testing.T) {
	for _, ty := range Types() {
		got, err := ParseType(ty.String())
		if err != nil || got != ty {
			t.Errorf("ParseType(%q) = %v, %v; want %v", ty.String(), got, err, ty)
		}
	}
	if n := len(Types()); n != 16 {
		t.Errorf("Types() has %d types, want 16", n)
	}
}

func TestParseType(t *testing.T) {
	tests := []struct {
		in   string
		want Type
		ok   bool
	}{
		{"ASSAULT", ASSAULT, true},
		{"assault", ASSAULT, true},
		{" Consult ", CONSULT, true},
		{"DEMAND", REQUEST, true},
		{"disapprove", ACCUSE, true},
		{"FIGHT", ASSAULT, true},
		{"Investigate", ACCUSE, true},
		{"", NoType, false},
		{"-", NoType, false},
		{"YIELD", NoType, false},
		{"ASSAULTS", NoType, false},
	}
	for _, tc := range tests {
		got, err := ParseType(tc.in)
		if got != tc.want || (err == nil) != tc.ok {
			t.Errorf("ParseType(%q) = %v, %v; want %v, ok=%v", tc.in, got, err, tc.want, tc.ok)
		}
	}
}

func TestTypeString(t *testing.T) {
	tests := []struct {
		t    Type
		want string
	}{
		{NoType, "-"},
		{AGREE, "AGREE"},
		{ASSAULT, "ASSAULT"},
		{Type(200), "Type(200)"},
	}
	for _, tc := range tests {
		if got := tc.t.String(); got != tc.want {
			t.Errorf("Type(%d).String() = %q, want %q", uint8(tc.t), got, tc.want)
		}
	}
	if NoType.Valid() || Type(200).Valid() || !AGREE.Valid() || !ASSAULT.Valid() {
		t.Error("Valid is wrong at the ends of the range")
	}
}
