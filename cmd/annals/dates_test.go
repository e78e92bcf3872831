package main

import (
	"encoding/json"
	"strings"
	"testing"

	"annals/internal/record"
)

// TestClockTimeDatedInPublicationYear: a time of day written as four
// digits never dates an event in that "year"; the event falls in the year
// of publication.
func TestClockTimeDatedInPublicationYear(t *testing.T) {
	for _, src := range []string{
		"At 1900 GMT on Tuesday, Syrian troops shelled Turkish positions.",
		"Israeli aircraft bombed Hezbollah positions in Lebanon at 2130 local time.",
		"At 0615 hours Russian forces attacked the Ukrainian port.",
	} {
		code, out, errs := runCmd(t, src, "code", "--published", "2025-03-12", "-")
		if code != exitOK {
			t.Fatalf("%q: exit %d: %s", src, code, errs)
		}
		n := 0
		for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
			if l == "" {
				continue
			}
			var r record.Event
			if err := json.Unmarshal([]byte(l), &r); err != nil {
				t.Fatal(err)
			}
			n++
			if !strings.HasPrefix(r.Date.Value, "2025") {
				t.Errorf("%q: dated %q (%s), want the publication year 2025", src, r.Date.Value, r.Date.Text)
			}
		}
		if n == 0 {
			t.Errorf("%q: no event coded", src)
		}
	}
}
