package pipeline

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"annals/internal/text"
)

type stage struct {
	name     string
	req, pro text.Layer
	fn       func(*text.Document) error
}

func (s stage) Name() string         { return s.name }
func (s stage) Requires() text.Layer { return s.req }
func (s stage) Provides() text.Layer { return s.pro }
func (s stage) Process(d *text.Document) error {
	if s.fn != nil {
		return s.fn(d)
	}
	return nil
}

func TestNewChecksOrder(t *testing.T) {
	seg := stage{name: "segment", pro: text.LayerTokens | text.LayerSentences}
	tag := stage{name: "tagger", req: text.LayerTokens, pro: text.LayerPOS}
	parse := stage{name: "parser", req: text.LayerPOS, pro: text.LayerDeps}
	if _, err := New(seg, tag, parse); err != nil {
		t.Fatalf("good order: %v", err)
	}
	_, err := New(seg, parse, tag)
	if err == nil || !strings.Contains(err.Error(), `stage "parser" requires layer "pos"`) || !strings.Contains(err.Error(), `"tagger" provides it but runs later`) {
		t.Errorf("wrong order: err = %v", err)
	}
	_, err = New(tag)
	if err == nil || !strings.Contains(err.Error(), `requires layer "tokens"`) || !strings.Contains(err.Error(), "no stage in the pipeline provides it") {
		t.Errorf("missing provider: err = %v", err)
	}
	if _, err := NewGiven(text.LayerTokens, tag); err != nil {
		t.Errorf("given layer: %v", err)
	}
}

func TestRunKeepsOrderAndReportsFailures(t *testing.T) {
	boom := errors.New("boom")
	p, err := New(stage{name: "work", pro: text.LayerTokens, fn: func(d *text.Document) error {
		switch d.Text {
		case "fail":
			return boom
		case "panic":
			panic("stage bug")
		}
		// Uneven work so that documents finish out of order.
		n := 0
		for i := 0; i < len(d.ID)*20000; i++ {
			n += i
		}
		d.Title = fmt.Sprint(n)
		return nil
	}})
	if err != nil {
		t.Fatal(err)
	}
	in := make(chan *text.Document)
	const n = 200
	go func() {
		defer close(in)
		for i := range n {
			body := "ok"
			switch i {
			case 17:
				body = "fail"
			case 42:
				body = "panic"
			}
			in <- text.New(strings.Repeat("x", (n-i)%13+1)+fmt.Sprint(i), body)
		}
	}()
	var got []Result
	if err := p.Run(context.Background(), 4, in, func(r Result) { got = append(got, r) }); err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("got %d results, want %d", len(got), n)
	}
	for i, r := range got {
		if r.Index != i {
			t.Fatalf("result %d has index %d: order not kept", i, r.Index)
		}
		switch i {
		case 17:
			if !errors.Is(r.Err, boom) || !strings.Contains(r.Err.Error(), "stage work") {
				t.Errorf("doc 17: err = %v", r.Err)
			}
		case 42:
			if r.Err == nil || !strings.Contains(r.Err.Error(), "panic: stage bug") {
				t.Errorf("doc 42: err = %v", r.Err)
			}
		default:
			if r.Err != nil {
				t.Errorf("doc %d: unexpected error %v", i, r.Err)
			}
			if !r.Doc.Has(text.LayerTokens) {
				t.Errorf("doc %d: layer not marked", i)
			}
		}
	}
}
