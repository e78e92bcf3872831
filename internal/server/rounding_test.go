package server

import (
	"context"
	"net/http"
	"regexp"
	"testing"

	"annals/internal/analyze"
)

// sumsReader answers dyads and dyad series with sums as floating point
// leaves them (1.1 and 2.2 make 3.3000000000000003).
type sumsReader struct{ Reader }

var scores = []float64{1.1, 2.2}

func unroundedSum() float64 { return scores[0] + scores[1] }

func (sumsReader) Dyads(ctx context.Context, actor string, pg Page) ([]DyadOut, int, error) {
	return []DyadOut{{A: "BOL", B: "PER", AToB: 7, Events: 7, Goldstein: -unroundedSum(), First: "2024-01-02", Last: "2024-02-03"}}, 1, nil
}

func (sumsReader) DyadSeries(ctx context.Context, a, b string) ([]analyze.MonthCount, int, error) {
	m, _ := analyze.ParseMonth("2024-01")
	return []analyze.MonthCount{{Month: m, Dir: analyze.AToB, Quad: 1, Events: 7, Goldstein: unroundedSum()}}, 0, nil
}

// TestAPINumbersRounded: sums reach the JSON rounded to two decimals, and
// the pages print them rounded too.
func TestAPINumbersRounded(t *testing.T) {
	if unroundedSum() == 3.3 {
		t.Skip("this platform adds 1.1 and 2.2 exactly")
	}
	h := newTestServer(t, sumsReader{memoryOf(codedFixture(t))}).Handler()
	long := regexp.MustCompile(`\d\.\d{5,}`)
	for _, path := range []string{"/api/dyads", "/api/dyads/series?a=BOL&b=PER", "/dyads", "/dyad?a=BOL&b=PER"} {
		code, _, body := get(t, h, path)
		if code != http.StatusOK {
			t.Fatalf("%s: status %d", path, code)
		}
		if m := long.FindString(body); m != "" {
			t.Errorf("%s: unrounded number %s", path, m)
		}
	}
}
