package ner

import (
	"reflect"
	"strings"
	"testing"
)

func TestParseTag(t *testing.T) {
	for _, s := range []string{"O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC"} {
		tag, err := ParseTag(s)
		if err != nil {
			t.Errorf("ParseTag(%q): %v", s, err)
			continue
		}
		if tag.String() != s {
			t.Errorf("ParseTag(%q).String() = %q", s, tag.String())
		}
	}
	for _, s := range []string{"", "o", "B-", "B-MISC", "X-PER", "BPER", "I-per", "B-PER-X"} {
		if _, err := ParseTag(s); err == nil {
			t.Errorf("ParseTag(%q): no error", s)
		}
	}
}

func TestParseLabel(t *testing.T) {
	for _, l := range Labels() {
		got, err := ParseLabel(l.String())
		if err != nil || got != l {
			t.Errorf("ParseLabel(%q) = %v, %v", l.String(), got, err)
		}
	}
	if _, err := ParseLabel("GPE"); err == nil || !strings.Contains(err.Error(), "GPE") {
		t.Errorf("ParseLabel(GPE): error %v, want one naming the label", err)
	}
	if s := Label(9).String(); s != "Label(9)" {
		t.Errorf("Label(9).String() = %q", s)
	}
}

func tags(t *testing.T, s string) []Tag {
	t.Helper()
	var out []Tag
	for _, f := range strings.Fields(s) {
		tag, err := ParseTag(f)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, tag)
	}
	return out
}

func TestSpans(t *testing.T) {
	for _, c := range []struct {
		tags string
		want []Entity
	}{
		{"", nil},
		{"O O O", nil},
		{"B-PER", []Entity{{0, 1, PER}}},
		{"B-PER I-PER O B-LOC", []Entity{{0, 2, PER}, {3, 4, LOC}}},
		{"B-PER B-PER", []Entity{{0, 1, PER}, {1, 2, PER}}},
		{"O I-ORG I-ORG O", []Entity{{1, 3, ORG}}},          // ill-formed I- after O starts an entity
		{"I-LOC", []Entity{{0, 1, LOC}}},                    // ... also at the start
		{"B-PER I-ORG", []Entity{{0, 1, PER}, {1, 2, ORG}}}, // I- of another label starts a new one
		{"B-LOC I-LOC I-PER I-PER", []Entity{{0, 2, LOC}, {2, 4, PER}}},
		{"B-ORG I-ORG I-ORG", []Entity{{0, 3, ORG}}},
	} {
		if got := Spans(tags(t, c.tags)); !reflect.DeepEqual(got, c.want) {
			t.Errorf("Spans(%q) = %v, want %v", c.tags, got, c.want)
		}
	}
}

func TestTagsRoundTrip(t *testing.T) {
	for _, s := range []string{"O", "B-PER I-PER O B-LOC", "B-ORG B-ORG I-ORG O O B-PER"} {
		tg := tags(t, s)
		if got := Tags(len(tg), Spans(tg)); !reflect.DeepEqual(got, tg) {
			t.Errorf("Tags(Spans(%q)) = %v", s, got)
		}
	}
	// Out of range, empty and overlapping entities are skipped.
	got := Tags(3, []Entity{{0, 2, PER}, {1, 3, LOC}, {2, 5, ORG}, {2, 2, ORG}, {2, 3, LOC}})
	if want := tags(t, "B-PER I-PER B-LOC"); !reflect.DeepEqual(got, want) {
		t.Errorf("Tags with bad entities = %v, want %v", got, want)
	}
}
