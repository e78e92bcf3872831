// Package derive reads the PLOVER project's CAMEO-to-PLOVER table
// (CAMEO2PLOVER-2021.txt, in ../shared/data/plover) into CAMEO codes with
// their PLOVER type, mode and context, renaming the table's older modes to
// PLOVER v0.8 (renames.tsv). The generator and the drift test use it; the
// runtime uses the committed data/cameo.tsv.
package derive

import (
	"bufio"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"annals/internal/plover"
)

//go:embed renames.tsv
var renamesTSV string

// Row is one CAMEO code as the 2021 table maps it, with v0.8 mode names.
type Row struct {
	Code    string
	Type    plover.Type
	Mode    string   // v0.8 mode, "" when none
	Context []string // nil when none
	Line    int      // line in the 2021 table
}

type renameKey struct {
	t    plover.Type
	mode string
}

func renames() (map[renameKey]string, error) {
	m := map[renameKey]string{}
	for n, line := range strings.Split(renamesTSV, "\n") {
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			return nil, fmt.Errorf("renames.tsv line %d: want 4 fields, got %d", n+1, len(f))
		}
		t, err := plover.ParseType(f[0])
		if err != nil {
			return nil, fmt.Errorf("renames.tsv line %d: %w", n+1, err)
		}
		to := f[2]
		if to == "-" {
			to = ""
		}
		if !plover.ValidMode(t, to) {
			return nil, fmt.Errorf("renames.tsv line %d: %q is not a v0.8 mode of %s", n+1, to, t)
		}
		m[renameKey{t, f[1]}] = to
	}
	return m, nil
}

// Parse reads the 2021 table: lines "code: TYPE, mode, context; context #
// label". Two-digit root headings, comments and other lines are skipped. A
// code listed twice must be mapped the same way both times. Every bad line
// is reported; the rows of the good ones are returned with the errors.
func Parse(r io.Reader) ([]Row, error) {
	ren, err := renames()
	if err != nil {
		return nil, err
	}
	var rows []Row
	var errs []error
	seen := map[string]int{}
	sc := bufio.NewScanner(r)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		line = strings.TrimSpace(line)
		if line == "" || line[0] < '0' || line[0] > '9' {
			continue
		}
		code, rest, ok := strings.Cut(line, ":")
		if !ok {
			errs = append(errs, fmt.Errorf("line %d: no colon after the code", n))
			continue
		}
		code = strings.TrimSpace(code)
		if len(code) == 2 {
			continue // a root heading ("03: AGREE")
		}
		row, err := parseRow(code, rest, ren)
		if err != nil {
			errs = append(errs, fmt.Errorf("line %d: code %s: %w", n, code, err))
			continue
		}
		row.Line = n
		if i, dup := seen[code]; dup {
			p := rows[i]
			if p.Type != row.Type || p.Mode != row.Mode || !slices.Equal(p.Context, row.Context) {
				errs = append(errs, fmt.Errorf("line %d: code %s mapped differently on line %d", n, code, p.Line))
			}
			continue
		}
		seen[code] = len(rows)
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("line %d: %w", n+1, err))
	}
	return rows, errors.Join(errs...)
}

func parseRow(code, rest string, ren map[renameKey]string) (Row, error) {
	for _, r := range code {
		if r < '0' || r > '9' {
			return Row{}, errors.New("code is not all digits")
		}
	}
	if len(code) > 4 {
		return Row{}, errors.New("code has more than 4 digits")
	}
	f := strings.Split(rest, ",")
	for len(f) < 3 {
		f = append(f, "")
	}
	if len(f) > 3 {
		return Row{}, fmt.Errorf("want TYPE, mode, contexts; got %d fields", len(f))
	}
	t, err := plover.ParseType(strings.TrimSpace(f[0]))
	if err != nil {
		return Row{}, err
	}
	row := Row{Code: code, Type: t}
	mode := strings.TrimSpace(f[1])
	var ctx []string
	switch to, renamed := ren[renameKey{t, mode}]; {
	case plover.ValidMode(t, mode):
		row.Mode = mode
	case renamed:
		row.Mode = to
	case plover.ValidContext(mode):
		ctx = append(ctx, mode) // a context written in the mode field
	default:
		return Row{}, fmt.Errorf("%q is neither a v0.8 mode of %s nor listed in renames.tsv", mode, t)
	}
	for _, c := range strings.Split(f[2], ";") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		if !plover.ValidContext(c) {
			return Row{}, fmt.Errorf("unknown PLOVER context %q", c)
		}
		if !slices.Contains(ctx, c) {
			ctx = append(ctx, c)
		}
	}
	row.Context = ctx
	return row, nil
}
