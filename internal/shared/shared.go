// Package shared locates the project's shared data folder (../shared beside
// the repository, or $ANNALS_SHARED) for training, evaluation and the tests
// that need licensed data. Nothing in it is ever copied into the repository.
package shared

import (
	"os"
	"path/filepath"
	"testing"
)

// Dir returns the shared folder and whether it exists. It is $ANNALS_SHARED
// when set, else the first "shared" folder found beside the module root or
// one of the current directory's parents.
func Dir() (string, bool) {
	if d := os.Getenv("ANNALS_SHARED"); d != "" {
		return d, isDir(d)
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", false
	}
	for d := wd; ; d = filepath.Dir(d) {
		if isDir(filepath.Join(d, "shared", "data")) {
			return filepath.Join(d, "shared"), true
		}
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			if c := filepath.Join(filepath.Dir(d), "shared"); isDir(filepath.Join(c, "data")) {
				return c, true
			}
		}
		if filepath.Dir(d) == d {
			return "", false
		}
	}
}

// Path returns the path of rel inside the shared folder, and whether it exists.
func Path(rel string) (string, bool) {
	d, ok := Dir()
	if !ok {
		return "", false
	}
	p := filepath.Join(d, filepath.FromSlash(rel))
	_, err := os.Stat(p)
	return p, err == nil
}

// Require returns the path of rel inside the shared folder, or skips the
// test with a message saying what is missing.
func Require(t testing.TB, rel string) string {
	t.Helper()
	p, ok := Path(rel)
	if !ok {
		t.Skipf("skipping: needs ../shared/%s (licensed data beside the repository, or set ANNALS_SHARED); it is absent here", rel)
	}
	return p
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}
