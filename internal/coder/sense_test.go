package coder

import "testing"

// TestProtestSenses codes sentences written for this test with the
// lexicon alone: "protest" as a complaint (it reports what was said, or
// names whom it was said to) is ACCUSE; as a demonstration it stays
// PROTEST.
func TestProtestSenses(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, want string }{
		{"Mexico protested to Washington over the shooting of two of its citizens at the border.", "ACCUSE"},
		{"The Philippine foreign ministry protested that Chinese coast guard ships had blocked a supply mission.", "ACCUSE"},
		{"Opposition lawmakers in Georgia protested to the speaker about the new media law.", "ACCUSE"},
		{"Thousands of Serbian students protested in Belgrade against the government on Saturday.", "PROTEST"},
		{"Argentine pensioners protested outside the Congress in Buenos Aires over cuts to their benefits.", "PROTEST"},
	} {
		got, _ := codeAt(t, p, c.text, "protested")
		typ := ""
		if got != nil {
			typ = got.EventType
		}
		if typ != c.want {
			t.Errorf("%q: coded %q at protested, want %s", c.text, typ, c.want)
		}
	}
}

// TestMeetSenses codes sentences written for this test with the lexicon
// alone: meeting people is CONSULT, meeting demands is yielding to them
// (CONCEDE), and meeting a target or a deadline is no event.
func TestMeetSenses(t *testing.T) {
	p, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ text, want string }{
		{"The Polish prime minister met the German chancellor in Warsaw on Thursday.", "CONSULT"},
		{"The Chilean government met the demands of the copper miners on Friday.", "CONCEDE"},
		{"Peru's mining ministry met the requests of the striking workers after a week.", "CONCEDE"},
		{"The Ghanaian central bank met its inflation target for the first time in years.", ""},
		{"The Indonesian election commission met the deadline for counting the votes.", ""},
	} {
		got, _ := codeAt(t, p, c.text, "meet")
		if got == nil {
			got, _ = codeAt(t, p, c.text, "met")
		}
		typ := ""
		if got != nil {
			typ = got.EventType
		}
		if typ != c.want {
			t.Errorf("%q: coded %q at meet, want %q", c.text, typ, c.want)
		}
	}
}
