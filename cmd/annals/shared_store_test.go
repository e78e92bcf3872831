package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// childArgs names the variable that makes TestAnnalsChild run annals with
// the arguments it holds (separated by newlines), as another process.
const childArgs = "ANNALS_TEST_CHILD_ARGS"

// TestAnnalsChild is not a test of its own: TestIngestWhileServing starts
// the test binary again through it, to run "annals serve" in a process of
// its own (DuckDB's file locks are held per process).
func TestAnnalsChild(t *testing.T) {
	args := os.Getenv(childArgs)
	if args == "" {
		t.Skip("runs only as the child of TestIngestWhileServing")
	}
	os.Exit(run(&env{stdin: strings.NewReader(""), stdout: os.Stdout, stderr: os.Stderr}, strings.Split(args, "\n")))
}

// TestIngestWhileServing serves a DuckDB store from another process and
// ingests into the same file meanwhile, while requests keep coming: the
// ingest succeeds and the new document is soon answered by the API.
func TestIngestWhileServing(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: starts a second process")
	}
	dir := t.TempDir()
	db := filepath.Join(dir, "shared.duckdb")
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	first := write("first.jsonl", `{"id": "harbor-talks", "text": "Norway's trade minister met Iceland's fisheries minister in Oslo on Tuesday to discuss quotas.", "published": "2023-05-09"}`+"\n")
	second := write("second.jsonl", `{"id": "border-shelling", "text": "Armenian troops shelled Azerbaijani positions near the border on Friday, the defence ministry in Baku said.", "published": "2023-06-02"}
{"id": "grain-deal", "text": "Egypt signed a grain agreement with Kazakhstan in Cairo on Monday.", "published": "2023-06-05"}
{"id": "envoy-recalled", "text": "Peru recalled its ambassador from Mexico on Wednesday after remarks by the Mexican president.", "published": "2023-06-07"}
{"id": "aid-pledge", "text": "Japan pledged emergency aid to Turkey after the earthquake, the foreign ministry in Tokyo said on Thursday.", "published": "2023-02-09"}
`)
	if code, _, errs := runCmd(t, "", "ingest", "--db", db, "--progress", "none", first); code != exitOK {
		t.Fatalf("first ingest: exit %d\n%s", code, errs)
	}

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(os.Args[0], "-test.run=^TestAnnalsChild$")
	cmd.Env = append(os.Environ(), childArgs+"="+strings.Join([]string{"serve", "--db", db, "--addr", addr}, "\n"))
	var childErr strings.Builder
	var mu sync.Mutex
	cmd.Stderr = writerFunc(func(p []byte) (int, error) { mu.Lock(); defer mu.Unlock(); return childErr.Write(p) })
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	base := "http://" + addr
	get := func(path string) (int, string) {
		resp, err := http.Get(base + path)
		if err != nil {
			return 0, err.Error()
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	waitFor := func(what string, limit time.Duration, ok func() bool) {
		t.Helper()
		deadline := time.Now().Add(limit)
		for !ok() {
			if time.Now().After(deadline) {
				mu.Lock()
				defer mu.Unlock()
				t.Fatalf("%s: not within %s\nserver's messages:\n%s", what, limit, childErr.String())
			}
			time.Sleep(100 * time.Millisecond)
		}
	}
	waitFor("the server answers", 2*time.Minute, func() bool {
		code, body := get("/api/documents")
		return code == http.StatusOK && strings.Contains(body, "harbor-talks")
	})

	// Requests keep coming while the ingest writes.
	ctx, stop := context.WithCancel(context.Background())
	var answered, failed atomic.Int64
	var slowest atomic.Int64
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for ctx.Err() == nil {
			t0 := time.Now()
			if code, _ := get("/api/events?actor=ARM"); code == http.StatusOK {
				answered.Add(1)
			} else {
				failed.Add(1)
			}
			if d := int64(time.Since(t0)); d > slowest.Load() {
				slowest.Store(d)
			}
			time.Sleep(20 * time.Millisecond)
		}
	}()
	// One document a batch: four writes, between requests.
	code, _, errs := runCmd(t, "", "ingest", "--db", db, "--progress", "none", "--batch", "1", second)
	if code != exitOK {
		stop()
		wg.Wait()
		t.Fatalf("ingest while serving: exit %d\n%s", code, errs)
	}
	waitFor("the new document in the API", 30*time.Second, func() bool {
		code, body := get("/api/documents/border-shelling")
		return code == http.StatusOK && strings.Contains(body, "Armenian troops")
	})
	stop()
	wg.Wait()
	if failed.Load() > 0 || answered.Load() == 0 {
		t.Errorf("requests during the ingest: %d answered, %d failed", answered.Load(), failed.Load())
	}
	if code, body := get("/api/documents"); !strings.Contains(body, "harbor-talks") || !strings.Contains(body, "aid-pledge") {
		t.Errorf("documents after the ingest (%d): %s", code, body)
	}
	t.Logf("%d requests answered during the ingest, the slowest in %s", answered.Load(), time.Duration(slowest.Load()).Round(time.Millisecond))
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }
