package ingest

import (
	"errors"
	"strings"
	"testing"
	"time"

	"annals/internal/limits"
)

// collect gathers what a reader reports.
type collect struct {
	items []Item
	errs  []*Error
	skips []*Skip
}

func (c *collect) handler() Handler {
	return Handler{
		Item:  func(it Item) error { c.items = append(c.items, it); return nil },
		Error: func(e *Error) { c.errs = append(c.errs, e) },
		Skip:  func(s *Skip) { c.skips = append(c.skips, s) },
	}
}

func TestReadJSONL(t *testing.T) {
	in := strings.Join([]string{
		`{"id": "a1", "text": "The minister of trade met her counterpart in the capital on Monday.", "published": "2024-05-02", "title": "Talks", "url": "https://example.org/a1"}`,
		``,
		`{"id": "a2", "text": "broken`,
		`{"text": "Police in the northern city arrested two organisers of the march."}`,
		`{"id": "a4"}`,
		`{"id": "a5", "text": "x", "published": "last week"}`,
		`[1, 2]`,
		`{"id": "a7", "text": "The council voted to suspend the agreement.", "published": "2023-01-09T10:30:00+02:00"}`,
		`{"id": "a8", "text": "one"} {"id": "a9", "text": "two"}`,
	}, "\n")
	var c collect
	if err := ReadJSONL(strings.NewReader(in), "in.jsonl", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 3 {
		t.Fatalf("got %d items, want 3: %+v", len(c.items), c.items)
	}
	a := c.items[0]
	want := Item{ID: "a1", URL: "https://example.org/a1", Title: "Talks", Published: time.Date(2024, 5, 2, 0, 0, 0, 0, time.UTC),
		Text: "The minister of trade met her counterpart in the capital on Monday.", Origin: Origin{File: "in.jsonl", Line: 1}}
	if a != want {
		t.Errorf("item 1 = %+v\nwant %+v", a, want)
	}
	b := c.items[1]
	if b.Origin.Line != 4 || b.ID == "" || b.ID != DeriveID("sha256:"+ContentHash(b.Text)) {
		t.Errorf("item 2 = %+v: want line 4 and an ID derived from the text hash", b)
	}
	if got := c.items[2].Published; !got.Equal(time.Date(2023, 1, 9, 8, 30, 0, 0, time.UTC)) || got.Location() != time.UTC {
		t.Errorf("item 3 published = %v, want 2023-01-09 08:30 UTC", got)
	}
	wantLines := []int{3, 5, 6, 7, 9}
	if len(c.errs) != len(wantLines) {
		t.Fatalf("got %d errors, want %d: %v", len(c.errs), len(wantLines), c.errs)
	}
	for i, e := range c.errs {
		if e.Line != wantLines[i] || e.Source != "in.jsonl" {
			t.Errorf("error %d = %v, want in.jsonl line %d", i, e, wantLines[i])
		}
		if !strings.Contains(e.Error(), "in.jsonl:") {
			t.Errorf("error %q does not name the file and line", e.Error())
		}
	}
}

func TestReadJSONLLongLine(t *testing.T) {
	opt := Options{Limits: limits.Limits{DocumentBytes: 4 << 10}}
	after := `{"id": "after", "text": "The army withdrew from the border town."}` + "\n"
	tests := []struct {
		name, line, says string
	}{
		{"line too long", `{"id": "big", "text": "` + strings.Repeat("word ", jsonLineBytes(4<<10)/5+10) + `"}`, "line longer than"},
		{"text over the cap", `{"id": "big", "text": "` + strings.Repeat("ship ", (4<<10)/5+10) + `"}`, "larger than the limit"},
		{"escaped text over the cap", `{"id": "big", "text": "` + strings.Repeat(`\u00e9`, (4<<10)/2+10) + `"}`, "larger than the limit"},
	}
	for _, tt := range tests {
		var c collect
		if err := opt.ReadJSONL(strings.NewReader(tt.line+"\n"+after), "long.jsonl", c.handler()); err != nil {
			t.Fatal(err)
		}
		if len(c.errs) != 1 || c.errs[0].Line != 1 || !strings.Contains(c.errs[0].Error(), tt.says) {
			t.Errorf("%s: errors = %v, want one on line 1 saying %q", tt.name, c.errs, tt.says)
		}
		if len(c.items) != 1 || c.items[0].ID != "after" || c.items[0].Origin.Line != 2 {
			t.Errorf("%s: items = %+v, want the line after the long one", tt.name, c.items)
		}
	}
}

func TestReadJSONLStop(t *testing.T) {
	in := `{"id": "1", "text": "The army withdrew."}` + "\n" + `{"id": "2", "text": "The army returned."}` + "\n"
	stop := errors.New("stop")
	n := 0
	err := ReadJSONL(strings.NewReader(in), "s.jsonl", Handler{Item: func(Item) error { n++; return stop }})
	if !errors.Is(err, stop) || n != 1 {
		t.Errorf("err = %v after %d items, want the handler's error after 1", err, n)
	}
}

func TestReadJSONLNotEnglish(t *testing.T) {
	in := `{"id": "fr", "text": "Le gouvernement a annoncé mardi une nouvelle série de mesures pour soutenir les agriculteurs touchés par la sécheresse dans le sud du pays."}` + "\n" +
		`{"id": "en", "text": "The government announced on Tuesday a new set of measures to support the farmers who were hit by the drought in the south of the country."}` + "\n"
	var c collect
	if err := ReadJSONL(strings.NewReader(in), "lang.jsonl", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 1 || c.items[0].ID != "en" {
		t.Errorf("items = %+v, want only the English one", c.items)
	}
	if len(c.skips) != 1 || c.skips[0].ID != "fr" || !errors.Is(c.skips[0].Reason, ErrNotEnglish) {
		t.Errorf("skips = %v, want fr skipped as not English", c.skips)
	}
	c = collect{}
	if err := (Options{AllLanguages: true}).ReadJSONL(strings.NewReader(in), "lang.jsonl", c.handler()); err != nil {
		t.Fatal(err)
	}
	if len(c.items) != 2 {
		t.Errorf("with AllLanguages got %d items, want 2", len(c.items))
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add([]byte(`{"id": "a", "text": "The army withdrew from the town.", "published": "2020-01-02"}` + "\n"))
	f.Add([]byte(`{"text": "x"}` + "\n\n" + `{"id": 3}`))
	f.Add([]byte("{\"text\": \"\xff\xfe\"}\r\n{"))
	f.Add([]byte(`{"id": "", "text": "", "url": "#"}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		var c collect
		if err := (Options{AllLanguages: true}).ReadJSONL(strings.NewReader(string(data)), "fuzz.jsonl", c.handler()); err != nil {
			t.Fatalf("ReadJSONL returned %v without a handler stop", err)
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, it := range c.items {
			if it.ID == "" || it.Text == "" || it.Origin.Line < 1 || it.Origin.Line > lines {
				t.Errorf("bad item %+v (input has %d lines)", it, lines)
			}
		}
		for _, e := range c.errs {
			if e.Line < 1 || e.Line > lines || e.Err == nil {
				t.Errorf("bad error %v (input has %d lines)", e, lines)
			}
		}
	})
}
