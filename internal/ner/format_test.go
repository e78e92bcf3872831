package ner

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"slices"
	"strings"
	"testing"
)

// toyModel is a small model with float weights, as training leaves one.
func toyModel() *model {
	m := &model{Name: "toy", Info: "three words", words: map[string]wordInfo{
		"harbour": {Cluster: [numGrains]uint16{3, 1, 4}, Caps: 1},
		"ferry":   {Cluster: [numGrains]uint16{1, 5, 9}},
	}}
	m.trans[numTags][1] = 0.25
	m.index = newFeatIndex(40)
	for i := range 40 {
		id := m.index.Add(uint64(i+1) * 0x9e3779b97f4a7c15)
		for t := range numTags {
			m.w = append(m.w, float32((int(id)*7+t*3)%11-5)/4)
		}
	}
	return m
}

func toyHashes() []uint64 {
	var hs []uint64
	for i := range 44 {
		hs = append(hs, uint64(i+1)*0x9e3779b97f4a7c15)
	}
	return hs
}

// writeV4 writes m in version 4 (gzip, weights as varints), from its
// quantized table, as writeModels wrote before version 5.
func writeV4(t *testing.T, m *model) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	e := &encoder{w: bufio.NewWriter(zw)}
	e.w.WriteString(modelMagic)
	e.uvar(4)
	e.str(m.Name)
	e.str(m.Info)
	words := slices.Sorted(func(yield func(string) bool) {
		for k := range m.words {
			if !yield(k) {
				return
			}
		}
	})
	e.uvar(uint64(len(words)))
	for _, k := range words {
		e.str(k)
		for g := range numGrains {
			e.uvar(uint64(m.words[k].Cluster[g]))
		}
		e.w.WriteByte(m.words[k].Caps)
	}
	e.uvar(0) // gazetteer
	for p := range numTags + 1 {
		for k := range numTags {
			e.f32(m.trans[p][k])
		}
	}
	q, nf := m.quantized()
	e.f32(q.scale)
	e.uvar(uint64(nf))
	var prev uint64
	for _, sl := range q.slots { // in hash order: the table is filled from its start
		if sl.used == 0 {
			continue
		}
		e.uvar(sl.key - prev)
		prev = sl.key
		var mask byte
		for k, v := range sl.q {
			if v != 0 {
				mask |= 1 << k
			}
		}
		e.w.WriteByte(mask)
		for _, v := range sl.q {
			if v != 0 {
				e.svar(int64(v))
			}
		}
	}
	e.w.WriteByte(0) // no document model
	if err := e.w.Flush(); err != nil {
		t.Fatal(err)
	}
	zw.Close()
	return buf.Bytes()
}

// TestVersion4StillRead: a version 4 file reads as the same model as the
// version 5 one, which is used in place.
func TestVersion4StillRead(t *testing.T) {
	m := toyModel()
	var v5 bytes.Buffer
	if err := writeModels(&v5, m, nil); err != nil {
		t.Fatal(err)
	}
	v4 := writeV4(t, m)
	a, err := ReadModel(bytes.NewReader(v4))
	if err != nil {
		t.Fatal(err)
	}
	b, err := ReadModel(bytes.NewReader(v5.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range toyHashes() {
		if x, y := a.m.q.sum([]uint64{h}), b.m.q.sum([]uint64{h}); x != y {
			t.Errorf("feature %#x: version 4 gives %v, version 5 %v", h, x, y)
		}
	}
	if a.m.trans != b.m.trans || len(a.m.words) != 2 || a.m.words["harbour"] != b.m.words["harbour"] {
		t.Error("transitions or words differ between the versions")
	}
	var again bytes.Buffer
	a.WriteModel(&again)
	if !bytes.Equal(again.Bytes(), v5.Bytes()) {
		t.Error("the version 4 model written again differs from the version 5 file")
	}
}

// TestReadChecksTable: a version 5 file whose table Write could not have
// written is refused with the reason.
func TestReadChecksTable(t *testing.T) {
	m := toyModel()
	var buf bytes.Buffer
	if err := writeModels(&buf, m, nil); err != nil {
		t.Fatal(err)
	}
	good := buf.Bytes()
	q, _ := m.quantized()
	start := len(good) - 1 - len(q.slots)*qSlotBytes // before the last byte (no document model)
	used := slices.IndexFunc(q.slots, func(sl qSlot) bool { return sl.used != 0 })
	empty := slices.IndexFunc(q.slots, func(sl qSlot) bool { return sl.used == 0 })
	at := func(slot, field int) int { return start + slot*qSlotBytes + field }
	for _, tc := range []struct {
		name string
		edit func([]byte) []byte
		want string
	}{
		{"used 2", func(b []byte) []byte { b[at(used, 22)] = 2; return b }, "used is 2"},
		{"empty not zero", func(b []byte) []byte { b[at(empty, 3)] = 1; return b }, "empty but not zero"},
		{"key far from home", func(b []byte) []byte {
			k := binary.LittleEndian.Uint64(b[at(used, 0):])
			binary.LittleEndian.PutUint64(b[at(used, 0):], k+uint64(3)<<q.shift)
			return b
		}, "home slot"},
		{"padding", func(b []byte) []byte { b[start-1] = 9; return b }, "padding"},
		{"truncated", func(b []byte) []byte { return b[:start+100] }, "truncated"},
	} {
		_, err := ReadModel(bytes.NewReader(tc.edit(slices.Clone(good))))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one about %q", tc.name, err, tc.want)
		}
	}
}

// FuzzReadModel: whatever the bytes, ReadModel returns a model that tags
// or an error, and does not panic or loop.
func FuzzReadModel(f *testing.F) {
	var buf bytes.Buffer
	if err := writeModels(&buf, toyModel(), nil); err != nil {
		f.Fatal(err)
	}
	f.Add(buf.Bytes())
	f.Add(buf.Bytes()[:len(buf.Bytes())/2])
	f.Fuzz(func(t *testing.T, in []byte) {
		r, err := ReadModel(bytes.NewReader(in))
		if err == nil {
			r.Recognize([]string{"The", "ferry", "left", "Harbour", "Town", "."})
		}
	})
}
