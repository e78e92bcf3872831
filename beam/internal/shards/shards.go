// Package shards writes a keyed collection of text blocks to a fixed number
// of files through Beam's file systems (local paths, gs://, s3://, whatever
// the program registers). Each block goes to the shard chosen by a hash of
// its key; a shard's blocks are written in key order, so the files do not
// depend on how the runner split the work.
package shards

import (
	"bufio"
	"context"
	"fmt"
	"hash/fnv"
	"io"
	"sort"
	"strings"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"
)

func init() {
	register.DoFn2x0[Block, func(int, Block)](&assignFn{})
	register.DoFn2x0[int, func(int, Block)](&emptyFn{})
	register.DoFn3x1[context.Context, int, func(*Block) bool, error](&writeFn{})
	register.Emitter2[int, Block]()
	register.Iter1[Block]()
}

// Block is one unit of output: Text (already ending in a newline when it
// is not empty) filed under Key. Blocks with the same key may go to the
// same shard in any order relative to each other; they are sorted by text.
type Block struct {
	Key  string
	Text string
}

// An Encoder writes a shard's blocks, in order, to w, as a file of its
// format. Without one, a shard file is the blocks' texts one after another.
type Encoder func(w io.Writer, blocks []Block) error

var (
	encMu    sync.RWMutex
	encoders = map[string]Encoder{}
)

// RegisterEncoder makes enc write the shard files whose extension is ext
// (e.g. "parquet"). Call it from an init function, so that it is in force
// in every worker process too.
func RegisterEncoder(ext string, enc Encoder) {
	encMu.Lock()
	defer encMu.Unlock()
	encoders[ext] = enc
}

func encoderFor(ext string) Encoder {
	encMu.RLock()
	defer encMu.RUnlock()
	if enc, ok := encoders[ext]; ok {
		return enc
	}
	return writeTexts
}

// writeTexts writes the blocks' texts one after another.
func writeTexts(w io.Writer, blocks []Block) error {
	for _, b := range blocks {
		if _, err := io.WriteString(w, b.Text); err != nil {
			return err
		}
	}
	return nil
}

// Spec names the files: Dir/Prefix-SSSSS-of-NNNNN.Ext with N = Count.
type Spec struct {
	Dir    string
	Prefix string
	Ext    string // without the dot, e.g. "jsonl"
	Count  int
}

// Name returns the path of shard i.
func (sp Spec) Name(i int) string {
	dir := sp.Dir
	if !strings.HasSuffix(dir, "/") {
		dir += "/"
	}
	return fmt.Sprintf("%s%s-%05d-of-%05d.%s", dir, sp.Prefix, i, sp.Count, sp.Ext)
}

// Shard returns the shard a key goes to among n.
func Shard(key string, n int) int {
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % uint32(n))
}

// Write writes col, a PCollection<Block>, to sp.Count files named by sp.
// Every shard file is written, empty ones included, so that a reader sees
// the whole set.
func Write(s beam.Scope, sp Spec, col beam.PCollection) error {
	if sp.Count < 1 {
		return fmt.Errorf("shards: %d shards: want at least 1", sp.Count)
	}
	if sp.Dir == "" {
		return fmt.Errorf("shards: no output folder")
	}
	s = s.Scope("shards.Write." + sp.Prefix)
	keyed := beam.ParDo(s, &assignFn{N: sp.Count}, col)
	all := make([]int, sp.Count)
	for i := range all {
		all[i] = i
	}
	empties := beam.ParDo(s, &emptyFn{}, beam.CreateList(s, all))
	grouped := beam.GroupByKey(s, beam.Flatten(s, keyed, empties))
	beam.ParDo0(s, &writeFn{Spec: sp}, grouped)
	return nil
}

// assignFn keys each block by its shard.
type assignFn struct {
	N int `json:"n"`
}

func (f *assignFn) ProcessElement(b Block, emit func(int, Block)) {
	emit(Shard(b.Key, f.N), b)
}

// emptyFn makes an empty block for a shard, so that the shard is written
// even when no block falls to it.
type emptyFn struct{}

func (f *emptyFn) ProcessElement(i int, emit func(int, Block)) {
	emit(i, Block{})
}

// writeFn writes one shard's blocks to its file.
type writeFn struct {
	Spec Spec `json:"spec"`
}

func (f *writeFn) ProcessElement(ctx context.Context, shard int, blocks func(*Block) bool) error {
	var all []Block
	var b Block
	for blocks(&b) {
		if b.Text != "" {
			all = append(all, b)
		}
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].Key != all[j].Key {
			return all[i].Key < all[j].Key
		}
		return all[i].Text < all[j].Text
	})
	name := f.Spec.Name(shard)
	if err := writeFile(ctx, name, all, encoderFor(f.Spec.Ext)); err != nil {
		return fmt.Errorf("shards: write %s: %w", name, err)
	}
	return nil
}

func writeFile(ctx context.Context, name string, blocks []Block, enc Encoder) error {
	fsys, err := filesystem.New(ctx, name)
	if err != nil {
		return err
	}
	defer fsys.Close()
	fd, err := fsys.OpenWrite(ctx, name)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(fd, 1<<20)
	if err := enc(w, blocks); err != nil {
		fd.Close()
		return err
	}
	if err := w.Flush(); err != nil {
		fd.Close()
		return err
	}
	return fd.Close()
}
