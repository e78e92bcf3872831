// Command gen rewrites the PLOVER columns of data/cameo.tsv (type, mode,
// context) and its quad class column from the PLOVER project's
// CAMEO2PLOVER-2021.txt, keeping each code's Goldstein value and label. It
// runs at development time (go generate ./internal/plover/); the committed
// table is the product, and the repository builds without ../shared.
//
//	go run ./internal/gen [-src ../shared/data/plover/CAMEO2PLOVER-2021.txt] [-table data/cameo.tsv]
package main

import (
	"bufio"
	"bytes"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"annals/internal/plover"
	"annals/internal/plover/internal/derive"
	"annals/internal/shared"
)

const header = `# CAMEO event codes with their PLOVER v0.8 type, mode and context, quad
# class and Goldstein value. See README.md in this folder for sources and
# license. Written by internal/gen: type, mode, context and quad come from
# CAMEO2PLOVER-2021.txt and the CAMEO root; edit Goldstein values and labels
# here, then rerun go generate.
# "-" in type: PLOVER has no equivalent (the 2021 map leaves the code out).
# "-" in mode or context: none. Contexts are separated by commas.
# code	type	mode	context	quad	goldstein	label
`

// entry is what the table keeps across regenerations.
type entry struct {
	code, goldstein, label string
}

func main() {
	src := flag.String("src", "", "CAMEO2PLOVER-2021.txt (default: from ../shared)")
	table := flag.String("table", "data/cameo.tsv", "the table to rewrite")
	flag.Parse()
	if *src == "" {
		p, ok := shared.Path("data/plover/CAMEO2PLOVER-2021.txt")
		if !ok {
			fail("gen: ../shared/data/plover/CAMEO2PLOVER-2021.txt not found; pass -src")
		}
		*src = p
	}
	f, err := os.Open(*src)
	if err != nil {
		fail("gen: %v", err)
	}
	rows, err := derive.Parse(f)
	f.Close()
	if err != nil {
		fail("gen: %s: %v", *src, err)
	}
	byCode := map[string]derive.Row{}
	for _, r := range rows {
		byCode[r.Code] = r
	}
	entries, err := readTable(*table)
	if err != nil {
		fail("gen: %v", err)
	}
	var out bytes.Buffer
	out.WriteString(header)
	inTable := map[string]bool{}
	for _, e := range entries {
		inTable[e.code] = true
		typ, mode, ctx := "-", "-", "-"
		if r, ok := byCode[e.code]; ok {
			typ = r.Type.String()
			if r.Mode != "" {
				mode = r.Mode
			}
			if len(r.Context) > 0 {
				ctx = strings.Join(r.Context, ",")
			}
		}
		q := plover.QuadClass(e.code)
		if q == 0 {
			fail("gen: %s: %q is not a CAMEO code", *table, e.code)
		}
		fmt.Fprintf(&out, "%s\t%s\t%s\t%s\t%d\t%s\t%s\n", e.code, typ, mode, ctx, q, e.goldstein, e.label)
	}
	var missing []string
	for _, r := range rows {
		if !inTable[r.Code] {
			missing = append(missing, r.Code)
		}
	}
	if len(missing) > 0 {
		fail("gen: codes in %s but not in %s (add them with a Goldstein value and a label): %s", *src, *table, strings.Join(missing, " "))
	}
	if _, err := plover.Load(bytes.NewReader(out.Bytes())); err != nil {
		fail("gen: the new table does not load: %v", err)
	}
	if err := os.WriteFile(*table, out.Bytes(), 0o644); err != nil {
		fail("gen: %v", err)
	}
	fmt.Fprintf(os.Stderr, "gen: wrote %s: %d codes, %d mapped to PLOVER\n", *table, len(entries), len(rows))
}

// readTable reads the code, Goldstein value and label of each line of the
// current table.
func readTable(path string) ([]entry, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var es []entry
	sc := bufio.NewScanner(bytes.NewReader(data))
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 7 {
			return nil, fmt.Errorf("%s line %d: want 7 fields, got %d", path, n, len(f))
		}
		g, err := strconv.ParseFloat(f[5], 64)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: Goldstein %q: %v", path, n, f[5], err)
		}
		es = append(es, entry{code: f[0], goldstein: strconv.FormatFloat(g, 'f', 1, 64), label: f[6]})
	}
	return es, sc.Err()
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, format+"\n", args...)
	os.Exit(1)
}
