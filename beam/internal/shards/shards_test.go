package shards

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	_ "github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem/local"
)

func TestName(t *testing.T) {
	cases := []struct {
		sp   Spec
		i    int
		want string
	}{
		{Spec{Dir: "out", Prefix: "events", Ext: "jsonl", Count: 4}, 2, "out/events-00002-of-00004.jsonl"},
		{Spec{Dir: "gs://bucket/run/", Prefix: "errors", Ext: "txt", Count: 1}, 0, "gs://bucket/run/errors-00000-of-00001.txt"},
		{Spec{Dir: "s3://b", Prefix: "events", Ext: "jsonl", Count: 120}, 119, "s3://b/events-00119-of-00120.jsonl"},
	}
	for _, c := range cases {
		if got := c.sp.Name(c.i); got != c.want {
			t.Errorf("Name(%d) = %q, want %q", c.i, got, c.want)
		}
	}
}

// TestShardSpread: shards stay in range, a key always goes to the same
// shard, and many keys use every shard.
func TestShardSpread(t *testing.T) {
	for _, n := range []int{1, 3, 16} {
		used := map[int]bool{}
		for k := 0; k < 500; k++ {
			key := fmt.Sprintf("doc-%d", k)
			s := Shard(key, n)
			if s < 0 || s >= n {
				t.Fatalf("Shard(%q, %d) = %d out of range", key, n, s)
			}
			if Shard(key, n) != s {
				t.Fatalf("Shard(%q, %d) not stable", key, n)
			}
			used[s] = true
		}
		if len(used) != n {
			t.Errorf("%d of %d shards used by 500 keys", len(used), n)
		}
	}
}

// TestEncoders: a shard file goes through the encoder registered for its
// extension, and is the blocks' texts one after another without one.
func TestEncoders(t *testing.T) {
	RegisterEncoder("rev", func(w io.Writer, blocks []Block) error {
		for i := len(blocks) - 1; i >= 0; i-- {
			if _, err := io.WriteString(w, strings.ToUpper(blocks[i].Text)); err != nil {
				return err
			}
		}
		return nil
	})
	blocks := []Block{{Key: "a", Text: "first\n"}, {Key: "b", Text: "second\n"}}
	dir := t.TempDir()
	for ext, want := range map[string]string{"rev": "SECOND\nFIRST\n", "txt": "first\nsecond\n"} {
		name := filepath.Join(dir, "out."+ext)
		if err := writeFile(context.Background(), name, blocks, encoderFor(ext)); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != want {
			t.Errorf(".%s file holds %q, want %q", ext, got, want)
		}
	}
	failing := func(io.Writer, []Block) error { return errors.New("cannot encode") }
	if err := writeFile(context.Background(), filepath.Join(dir, "bad.x"), blocks, failing); err == nil {
		t.Error("an encoder's error is not returned")
	}
}
