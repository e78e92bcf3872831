package event

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// readTable reads a tab-separated table: blank lines and lines starting
// with "#" are skipped, every other line must have the given number of
// fields and is passed to row. Each bad line is reported as "file:line:
// reason"; reading goes on, and all the problems are returned joined.
func readTable(r io.Reader, file string, fields int, row func(f []string) error) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	var errs []string
	for line := 1; sc.Scan(); line++ {
		s := strings.TrimRight(sc.Text(), "\r")
		if s == "" || strings.HasPrefix(s, "#") {
			continue
		}
		f := strings.Split(s, "\t")
		if len(f) != fields {
			errs = append(errs, fmt.Sprintf("%s:%d: want %d tab-separated fields, got %d", file, line, fields, len(f)))
			continue
		}
		if err := row(f); err != nil {
			errs = append(errs, fmt.Sprintf("%s:%d: %v", file, line, err))
		}
	}
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Sprintf("%s: %v", file, err))
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s", strings.Join(errs, "\n"))
	}
	return nil
}
