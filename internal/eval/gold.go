// Package eval measures annals against gold data: PLOVER gold standard
// records for event coding. Gold data is for measuring only.
package eval

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"annals/internal/plover"
)

// GoldActor is one gold source or target.
type GoldActor struct {
	Text   string
	Code   string // CAMEO-style country or IGO code, normalized ("JAP" → "JPN")
	Sector string
}

// GoldRecord is one PLOVER gold standard record: a sentence and the one
// event it codes.
type GoldRecord struct {
	ID      string
	Line    int
	Text    string
	Type    plover.Type
	Mode    string
	Source  []GoldActor
	Target  []GoldActor
	Problem string // a known fault of the record, tolerated ("no source", "target is a string")
}

// codeFixes maps nonstandard country codes in the gold file to ISO 3166
// alpha-3: older CAMEO/Phoenix spellings that the file mixes with ISO codes.
var codeFixes = map[string]string{"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}

// ReadGold reads PLOVER gold records, one JSON object a line (the format of
// plover_gsr_dev.jsonl). It tolerates that file's known faults: a record
// without source, targets given as strings, unknown fields. A line that is
// not a usable record is returned as an error naming it; the rest are read.
func ReadGold(r io.Reader, name string) ([]GoldRecord, []error) {
	var out []GoldRecord
	errs := readLines(r, name, func(n int, line []byte) error {
		var raw struct {
			ID     string          `json:"id"`
			Text   string          `json:"text"`
			Event  string          `json:"event"`
			Mode   string          `json:"mode"`
			Source json.RawMessage `json:"source"`
			Target json.RawMessage `json:"target"`
		}
		if err := json.Unmarshal(line, &raw); err != nil {
			return err
		}
		t, err := plover.ParseType(raw.Event)
		if err != nil {
			return fmt.Errorf("record %s: %v", raw.ID, err)
		}
		if strings.TrimSpace(raw.Text) == "" {
			return fmt.Errorf("record %s: no text", raw.ID)
		}
		g := GoldRecord{ID: raw.ID, Line: n, Text: raw.Text, Type: t, Mode: raw.Mode}
		var p1, p2 string
		g.Source, p1 = goldActors(raw.Source)
		g.Target, p2 = goldActors(raw.Target)
		if p1 != "" {
			g.Problem = "source " + p1
		}
		if p2 != "" {
			g.Problem = strings.TrimPrefix(g.Problem+"; target "+p2, "; ")
		}
		out = append(out, g)
		return nil
	})
	return out, errs
}

// readLines calls fn with every non-blank line of r (JSON lines) and its
// number; an error fn returns is kept as "name:line: error" and reading
// goes on.
func readLines(r io.Reader, name string, fn func(n int, line []byte) error) []error {
	var errs []error
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for n := 1; sc.Scan(); n++ {
		line := bytes.TrimSpace(sc.Bytes())
		if len(line) == 0 {
			continue
		}
		if err := fn(n, line); err != nil {
			errs = append(errs, fmt.Errorf("%s:%d: %v", name, n, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s: %v", name, err))
	}
	return errs
}

// goldActors decodes a source or target field: a list of actor objects,
// or null, "" or a bare string (known faults), which give no actors.
func goldActors(raw json.RawMessage) ([]GoldActor, string) {
	s := strings.TrimSpace(string(raw))
	if s == "" || s == "null" {
		return nil, "missing"
	}
	if strings.HasPrefix(s, `"`) {
		return nil, "is a string"
	}
	var list []struct {
		ActorText string `json:"actorText"`
		Code      string `json:"code"`
		Sector    any    `json:"sector"`
	}
	if err := json.Unmarshal(raw, &list); err != nil {
		return nil, "unreadable: " + err.Error()
	}
	var out []GoldActor
	for _, a := range list {
		code := strings.ToUpper(strings.TrimSpace(a.Code))
		if f, ok := codeFixes[code]; ok {
			code = f
		}
		sector, _ := a.Sector.(string)
		out = append(out, GoldActor{Text: a.ActorText, Code: code, Sector: sector})
	}
	return out, ""
}
