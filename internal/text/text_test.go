package text

import (
	"strings"
	"testing"
)

// tokenize splits on spaces; enough to build documents for these tests.
func tokenize(d *Document) {
	start := -1
	for i := 0; i <= len(d.Text); i++ {
		if i == len(d.Text) || d.Text[i] == ' ' {
			if start >= 0 {
				d.Tokens = append(d.Tokens, Token{Span: Span{start, i}, Head: NoToken})
				start = -1
			}
			continue
		}
		if start < 0 {
			start = i
		}
	}
	d.Sentences = []Sentence{{Span: Span{d.Tokens[0].Start, d.Tokens[len(d.Tokens)-1].End}, First: 0, End: TokenID(len(d.Tokens))}}
	d.Mark(LayerTokens | LayerSentences)
}

func TestCheckAcceptsGoodDocument(t *testing.T) {
	d := New("d", "Russia  claimed Crimea .")
	tokenize(d)
	if err := d.Check(); err != nil {
		t.Fatal(err)
	}
	if got := d.Rebuild(); got != d.Text {
		t.Errorf("Rebuild = %q, want %q", got, d.Text)
	}
	if got := d.TokenText(2); got != "Crimea" {
		t.Errorf("TokenText(2) = %q", got)
	}
	if got := d.TokenAt(9); got != 1 {
		t.Errorf("TokenAt(9) = %d, want 1", got)
	}
	if got := d.TokenAt(6); got != NoToken {
		t.Errorf("TokenAt(6) (a space) = %d, want NoToken", got)
	}
}

func TestCheckFindsBrokenLayers(t *testing.T) {
	tests := []struct {
		name   string
		break_ func(d *Document)
		want   string
	}{
		{"token outside text", func(d *Document) { d.Tokens[2].End = 99 }, "outside text"},
		{"text outside tokens", func(d *Document) { d.Tokens[1].Start++ }, "non-space text"},
		{"overlap", func(d *Document) { d.Tokens[1].Start = d.Tokens[0].Start }, "before the previous token ends"},
		{"empty token", func(d *Document) { d.Tokens[1].End = d.Tokens[1].Start }, "empty span"},
		{"sentence gap", func(d *Document) { d.Sentences[0].End-- }, "cover"},
		{"head out of range", func(d *Document) { d.Mark(LayerDeps); d.Tokens[0].Head = 42 }, "out of range"},
		{"own head", func(d *Document) { d.Mark(LayerDeps); d.Tokens[0].Head = 0 }, "own head"},
		{"bad antecedent", func(d *Document) {
			d.Mark(LayerMentions)
			d.Mentions = []Mention{{Span: Span{0, 6}, First: 0, End: 1, Head: 0, Antecedent: 0}}
		}, "antecedent"},
		{"utf8 split", func(d *Document) { d.Text = "Kyiv é ."; d.Tokens[1].End = d.Tokens[1].Start + 1 }, "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New("d", "Russia claimed Crimea .")
			tokenize(d)
			tt.break_(d)
			err := d.Check()
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Check() = %v, want an error containing %q", err, tt.want)
			}
		})
	}
}

func TestClosedSetsRoundTrip(t *testing.T) {
	for p := POS(0); int(p) < NumPOS; p++ {
		if q, err := ParsePOS(p.String()); err != nil || q != p {
			t.Errorf("ParsePOS(%q) = %v, %v", p, q, err)
		}
	}
	for r := DepRel(0); int(r) < NumDepRel; r++ {
		if q, err := ParseDepRel(r.String()); err != nil || q != r {
			t.Errorf("ParseDepRel(%q) = %v, %v", r, q, err)
		}
	}
	if r, _ := ParseDepRel("obl:foo"); r != DepObl {
		t.Errorf("unknown subtype falls back to base: got %v", r)
	}
	if DepNSubjPass.Base() != DepNSubj || !DepCSubjPass.Subject() {
		t.Error("Base/Subject wrong for passive subjects")
	}
	for m := Actual; m <= Counterfactual; m++ {
		if q, err := ParseModality(m.String()); err != nil || q != m {
			t.Errorf("ParseModality(%q)", m)
		}
	}
	for c := Certain; c <= Alleged; c++ {
		if q, err := ParseCertainty(c.String()); err != nil || q != c {
			t.Errorf("ParseCertainty(%q)", c)
		}
	}
	for _, l := range []Layer{LayerTokens, LayerDeps, LayerEvents} {
		if q, err := ParseLayer(l.String()); err != nil || q != l {
			t.Errorf("ParseLayer(%q)", l)
		}
	}
	if got := (LayerTokens | LayerPOS).String(); got != "tokens+pos" {
		t.Errorf("Layer.String = %q", got)
	}
}

func TestMentionNamesActor(t *testing.T) {
	tests := []struct {
		name  string
		actor Actor
		want  bool
	}{
		{"country and sector", Actor{Code: "KENCOP", Country: "KEN", Sector: []string{"COP"}, Kind: "agent"}, true},
		{"country alone", Actor{Code: "SYR", Country: "SYR", Sector: []string{}, Kind: "agent"}, true},
		{"international body", Actor{Code: "IGOAFRAU", Sector: []string{"IGO", "AFR", "AU"}, Kind: "igo"}, true},
		{"bare sector", Actor{Code: "MIL", Sector: []string{"MIL"}, Kind: "agent"}, false},
		{"unresolved", Actor{}, false},
	}
	for _, tt := range tests {
		if got := (Mention{Actor: tt.actor}).NamesActor(); got != tt.want {
			t.Errorf("%s: NamesActor() = %v, want %v", tt.name, got, tt.want)
		}
	}
}
