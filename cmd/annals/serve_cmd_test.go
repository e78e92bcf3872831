package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestServeCommandErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "none.duckdb")
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--db", missing}, exitFailed, "annals ingest --db"},
		{[]string{"--db", missing, "extra"}, exitUsage, "unexpected arguments"},
		{[]string{"--nope"}, exitUsage, "annals serve: unknown flag: --nope"},
	}
	for _, tt := range tests {
		var out, errb bytes.Buffer
		code := cmdServeImpl(&env{stdout: &out, stderr: &errb}, tt.args)
		if code != tt.code || !strings.Contains(errb.String(), tt.msg) {
			t.Errorf("serve %q: exit %d, stderr %q; want %d and %q", tt.args, code, errb.String(), tt.code, tt.msg)
		}
	}
}

func TestDemoServeBadAddress(t *testing.T) {
	var out, errb bytes.Buffer
	code := cmdDemoServe(&env{stdout: &out, stderr: &errb}, []string{"--addr", "no-port"})
	if code != exitUsage || !strings.Contains(errb.String(), "bad --addr") {
		t.Errorf("exit %d, stderr %q", code, errb.String())
	}
}
