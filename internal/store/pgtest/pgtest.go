// Package pgtest starts a throwaway PostgreSQL server for tests: initdb
// into a temporary folder, pg_ctl on a free loopback port with a socket
// folder of its own, stopped and removed when the test ends. Tests that
// call Start skip, saying why, when the PostgreSQL binaries are absent
// (.ci/postgres.sh installs Debian's postgresql).
package pgtest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// binDir returns the folder of initdb and pg_ctl: the PATH's, else the
// newest of Debian's /usr/lib/postgresql/*/bin.
func binDir() (string, error) {
	if p, err := exec.LookPath("initdb"); err == nil {
		if _, err := exec.LookPath("pg_ctl"); err == nil {
			return filepath.Dir(p), nil
		}
	}
	dirs, _ := filepath.Glob("/usr/lib/postgresql/*/bin")
	sort.Slice(dirs, func(i, j int) bool { return version(dirs[i]) > version(dirs[j]) })
	for _, d := range dirs {
		if _, err := os.Stat(filepath.Join(d, "initdb")); err == nil {
			return d, nil
		}
	}
	return "", fmt.Errorf("initdb and pg_ctl are not on PATH nor in /usr/lib/postgresql/*/bin: install Debian's postgresql (bash .ci/postgres.sh)")
}

func version(binDir string) int {
	n, _ := strconv.Atoi(filepath.Base(filepath.Dir(binDir)))
	return n
}

// Start starts a server for the test and returns the URL of its database
// "postgres" (user annals, no password). The server is stopped and its
// folder removed when the test ends.
func Start(t testing.TB) string {
	t.Helper()
	if testing.Short() {
		t.Skip("pgtest: -short: not starting PostgreSQL")
	}
	bin, err := binDir()
	if err != nil {
		t.Skipf("pgtest: %v", err)
	}
	// PostgreSQL refuses to run as root: as root, run it as the user
	// postgres, which owns the folder.
	var runAs *user.User
	if os.Geteuid() == 0 {
		u, err := user.Lookup("postgres")
		if err != nil {
			t.Skipf("pgtest: running as root and there is no user postgres to run the server as: %v", err)
		}
		if _, err := exec.LookPath("runuser"); err != nil {
			t.Skipf("pgtest: running as root and runuser is missing: %v", err)
		}
		runAs = u
	}
	dir, err := os.MkdirTemp("", "annals-pg-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	data, sock, logf := filepath.Join(dir, "data"), filepath.Join(dir, "sock"), filepath.Join(dir, "log")
	if err := os.Mkdir(sock, 0o700); err != nil {
		t.Fatal(err)
	}
	if runAs != nil {
		uid, _ := strconv.Atoi(runAs.Uid)
		gid, _ := strconv.Atoi(runAs.Gid)
		for _, p := range []string{dir, sock} {
			if err := os.Chown(p, uid, gid); err != nil {
				t.Fatal(err)
			}
		}
	}
	run := func(name string, args ...string) error {
		cmd := exec.Command(filepath.Join(bin, name), args...)
		if runAs != nil {
			cmd = exec.Command("runuser", append([]string{"-u", runAs.Username, "--", filepath.Join(bin, name)}, args...)...)
		}
		cmd.Dir = dir
		out, err := cmd.CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := run("initdb", "-D", data, "-U", "annals", "--auth=trust", "-E", "UTF8", "--locale=C", "-N"); err != nil {
		t.Fatalf("pgtest: %v", err)
	}
	port, err := freePort()
	if err != nil {
		t.Fatal(err)
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off", port, sock)
	if err := run("pg_ctl", "-D", data, "-o", opts, "-l", logf, "-w", "-t", "60", "start"); err != nil {
		log, _ := os.ReadFile(logf)
		t.Fatalf("pgtest: %v\n%s", err, log)
	}
	t.Cleanup(func() {
		if err := run("pg_ctl", "-D", data, "-m", "fast", "-w", "stop"); err != nil {
			t.Logf("pgtest: %v", err)
		}
	})
	return fmt.Sprintf("postgres://annals@127.0.0.1:%d/postgres?sslmode=disable", port)
}

// freePort returns a loopback TCP port that nothing listens on.
func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}
