package store

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// crashDoc is document i of the crash test: i%4+1 events, each with one
// source and one target, so that its completeness can be checked.
func crashDoc(t testing.TB, i int) Doc {
	var evs []ev
	s := fmt.Sprintf("Report %d: Russia shelled Ukraine while Poland helped Ukraine and Russia warned Poland.", i)
	kinds := []ev{
		{typ: "ASSAULT", trigger: "shelled", src: "Russia", srcCode: "RUS", tgt: "Ukraine", tgtCode: "UKR", date: "2014-03", quad: 4, goldstein: -9},
		{typ: "AID", trigger: "helped", src: "Poland", srcCode: "POL", tgt: "Ukraine", tgtCode: "UKR", date: "2014-04", quad: 2, goldstein: 6},
		{typ: "THREATEN", trigger: "warned", src: "Russia", srcCode: "RUS", tgt: "Poland", tgtCode: "POL", date: "2014-05", quad: 3, goldstein: -4},
		{typ: "ASSAULT", trigger: "shelled", src: "Russia", srcCode: "RUSMIL", tgt: "Ukraine", tgtCode: "UKR", date: "", quad: 4, goldstein: -9},
	}
	evs = kinds[:i%4+1]
	return Doc{Doc: mkDoc(t, fmt.Sprintf("c%05d", i), s, "2014-06-01", evs...), Source: fmt.Sprintf("crash.jsonl:%d", i+1)}
}

// TestCrashChild is the child of TestCrashSafety: it stores documents in
// batches until killed, printing the last document of each committed batch.
func TestCrashChild(t *testing.T) {
	path := os.Getenv("ANNALS_CRASH_DB")
	if path == "" {
		t.Skip("run by TestCrashSafety")
	}
	db, err := Open(path)
	if err != nil {
		fmt.Println("error", err)
		os.Exit(3)
	}
	ctx := context.Background()
	for i := 0; ; i += 8 {
		var batch []Doc
		for j := i; j < i+8; j++ {
			batch = append(batch, crashDoc(t, j))
		}
		if _, err := db.Put(ctx, batch); err != nil {
			fmt.Println("error", err)
			os.Exit(3)
		}
		fmt.Println("committed", i+7)
	}
}

func TestCrashSafety(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a child process")
	}
	path := filepath.Join(t.TempDir(), "crash.duckdb")
	for round := 0; round < 2; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "ANNALS_CRASH_DB="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(out)
		committed := -1
		deadline := time.Now().Add(60 * time.Second)
		// Kill it after a number of commits that differs per round, in the
		// middle of whatever it is doing.
		for sc.Scan() {
			line := sc.Text()
			if strings.HasPrefix(line, "error") {
				t.Fatalf("child: %s", line)
			}
			if n, ok := strings.CutPrefix(line, "committed "); ok {
				committed, _ = strconv.Atoi(n)
			}
			if committed >= 40+round*80 || time.Now().After(deadline) {
				break
			}
		}
		time.Sleep(time.Duration(3+round*7) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for sc.Scan() {
			if n, ok := strings.CutPrefix(sc.Text(), "committed "); ok {
				committed, _ = strconv.Atoi(n)
			}
		}
		cmd.Wait()
		if committed < 0 {
			t.Fatal("the child committed nothing")
		}
		checkComplete(t, path, committed)
	}
}

// checkComplete opens the store left by a killed writer and checks that
// every document up to committed is there and that every stored document
// is complete.
func checkComplete(t *testing.T, path string, committed int) {
	t.Helper()
	db, err := Open(path)
	if err != nil {
		t.Fatalf("reopening after the kill: %v", err)
	}
	defer db.Close()
	rs, err := db.SQL().Query(`SELECT d.id, d.n_events,
		(SELECT count(*) FROM events e WHERE e.doc_id = d.id),
		(SELECT count(*) FROM mentions m WHERE m.doc_id = d.id),
		(SELECT count(*) FROM sentences s WHERE s.doc_id = d.id),
		(SELECT count(*) FROM event_args a WHERE a.doc_id = d.id)
		FROM documents d ORDER BY d.id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rs.Close()
	seen := 0
	for rs.Next() {
		var id string
		var n, evs, ments, sents, args int
		if err := rs.Scan(&id, &n, &evs, &ments, &sents, &args); err != nil {
			t.Fatal(err)
		}
		i, _ := strconv.Atoi(id[1:])
		want := i%4 + 1
		if n != want || evs != want || ments != 2*want || sents != 1 || args != 2*want {
			t.Errorf("document %s half-written: n_events %d, events %d, mentions %d, sentences %d, arguments %d; want %d events", id, n, evs, ments, sents, args, want)
		}
		seen++
	}
	var orphans int
	db.SQL().QueryRow(`SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = e.doc_id)`).Scan(&orphans)
	if orphans > 0 {
		t.Errorf("%d events without their document", orphans)
	}
	if seen < committed+1 {
		t.Errorf("%d documents stored, but the writer had committed %d", seen, committed+1)
	}
	if seen%8 != 0 {
		t.Errorf("%d documents stored: not whole batches", seen)
	}
	t.Logf("after the kill: %d documents complete (writer reported %d committed)", seen, committed+1)
}
