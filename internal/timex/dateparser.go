package timex

import (
	"sync"
	"time"

	dps "github.com/markusmobius/go-dateparser"

	"annals/internal/text"
)

// The library is over a hundred times slower than the rules (see
// BenchmarkDateparser), so it only reads the numeric dates whose order of
// day and month the rules cannot decide ("03/04/2022", "3/4/22"). Its
// English default reads them month first.
var library = sync.OnceValue(func() *dps.Parser { return &dps.Parser{} })

// parseWithLibrary reads s with go-dateparser and returns a day.
func (m *matcher) parseWithLibrary(s string) (p point, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	cfg := &dps.Configuration{
		Languages:           []string{"en"},
		PreferredDayOfMonth: dps.First,
		StrictParsing:       true,
	}
	if m.hasPub {
		cfg.CurrentTime = m.pub.time()
	} else {
		cfg.CurrentTime = time.Now()
	}
	d, err := library().Parse(cfg, s)
	if err != nil || d.IsZero() || d.Time.Year() < 1000 {
		return point{}, false
	}
	t := d.Time
	return point{y: t.Year(), m: int(t.Month()), d: t.Day(), p: text.PrecisionDay}, true
}
