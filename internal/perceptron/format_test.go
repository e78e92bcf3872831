package perceptron

import (
	"bytes"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"testing"
	"unsafe"
)

// writeV2 writes m in version 2, which Write wrote before version 3.
func writeV2(m *Model) []byte {
	b := []byte(magicV2)
	b = binary.AppendUvarint(b, uint64(len(m.Classes)))
	for _, c := range m.Classes {
		b = binary.AppendUvarint(b, uint64(len(c)))
		b = append(b, c...)
	}
	b = binary.LittleEndian.AppendUint32(b, math.Float32bits(m.scale))
	b = binary.AppendUvarint(b, uint64(m.n))
	b = binary.AppendUvarint(b, uint64(m.nw))
	prev := uint32(0)
	m.each(func(k uint32, ps []pair) {
		b = binary.AppendUvarint(b, uint64(k-prev))
		prev = k
		b = append(b, byte(len(ps)))
		for _, p := range ps {
			b = append(b, p.class)
			b = binary.LittleEndian.AppendUint16(b, uint16(p.q))
		}
	})
	return b
}

// wide is a model over 20 classes whose features have from one weight to
// twenty: in the slot, as entries and as dense rows.
func wide() *Model {
	m := &Model{Classes: strings.Split("a b c d e f g h i j k l m n o p q r s t", " "), scale: 0.5}
	m.newTable(300)
	for i := uint64(1); i <= 300; i++ {
		var ps []pair
		for c := range 20 {
			if (i+uint64(c))%(1+i%20) == 0 || c == int(i%20) {
				ps = append(ps, pair{q: int16(int(i)*7%201 - 100 + c), class: uint8(c)})
			}
		}
		ps = slices.DeleteFunc(ps, func(p pair) bool { return p.q == 0 })
		m.put(key(F1(11, i)), ps)
	}
	return m
}

func scoresOf(m *Model) []float32 {
	out := make([]float32, 0, 301*len(m.Classes))
	for i := uint64(1); i <= 301; i++ {
		s := make([]float32, len(m.Classes))
		m.Score([]uint64{F1(11, i), F1(11, i+1)}, s)
		out = append(out, s...)
	}
	return out
}

// TestVersion2StillRead: a model in the old format reads as the same
// model in the new one, and writes as the new one.
func TestVersion2StillRead(t *testing.T) {
	m := wide()
	var v3 bytes.Buffer
	if err := m.Write(&v3); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(v3.Bytes(), []byte(magicV3)) {
		t.Fatalf("Write wrote %q, want version 3", v3.Bytes()[:20])
	}
	old, err := Parse(writeV2(m))
	if err != nil {
		t.Fatal(err)
	}
	cur, err := Parse(v3.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	want := scoresOf(m)
	if !slices.Equal(scoresOf(old), want) || !slices.Equal(scoresOf(cur), want) {
		t.Error("the models read from version 2 and 3 score differently from the model written")
	}
	var again bytes.Buffer
	old.Write(&again)
	if !bytes.Equal(again.Bytes(), v3.Bytes()) {
		t.Error("a version 2 model written again differs from the same model written directly")
	}
}

// TestInPlaceSharesBytes: a version 3 model read in place scores from
// its bytes without a copy when they are aligned, and from a copy when
// they are not, with the same scores.
func TestInPlaceSharesBytes(t *testing.T) {
	m := wide()
	var buf bytes.Buffer
	m.Write(&buf)
	want := scoresOf(m)
	aligned, err := Read(NewInPlace(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(scoresOf(aligned), want) {
		t.Error("read in place: different scores")
	}
	lo := uintptr(unsafe.Pointer(&buf.Bytes()[0]))
	hi := lo + uintptr(buf.Len())
	if p := uintptr(unsafe.Pointer(&aligned.slots[0])); littleEndian && (p < lo || p >= hi) {
		t.Error("an aligned model was copied")
	}
	odd := make([]byte, buf.Len()+1)
	copy(odd[1:], buf.Bytes())
	copied, err := Parse(odd[1:])
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(scoresOf(copied), want) {
		t.Error("read from unaligned bytes: different scores")
	}
	if p := uintptr(unsafe.Pointer(&copied.slots[0])); p >= uintptr(unsafe.Pointer(&odd[0])) && p < uintptr(unsafe.Pointer(&odd[0]))+uintptr(len(odd)) {
		t.Error("an unaligned model was used in place")
	}
}

// TestCheckRejectsBrokenTables: Parse names what is wrong with a table
// that Write could not have written.
func TestCheckRejectsBrokenTables(t *testing.T) {
	m := wide()
	var buf bytes.Buffer
	m.Write(&buf)
	good := buf.Bytes()
	head := len(good) - len(m.slots)*slotBytes - len(m.entries)*4 - len(m.dense)*2
	if _, err := Parse(good); err != nil {
		t.Fatal(err)
	}
	// the table Write wrote is canonical, as m's: find an empty slot and
	// the first full one after it
	empty := slices.IndexFunc(m.slots, func(s slot) bool { return s.n == 0 })
	firstFull := empty
	for m.slots[firstFull].n == 0 {
		firstFull = (firstFull + 1) % len(m.slots)
	}
	small := slices.IndexFunc(m.slots, func(s slot) bool { return s.n == 1 || s.n == 2 })
	at := func(slot, field int) int { return head + slot*slotBytes + field }
	for _, tc := range []struct {
		name string
		edit func(b []byte)
		want string
	}{
		{"class out of range", func(b []byte) { b[at(small, 5)] = 200 }, "classes"},
		{"dense flag", func(b []byte) { b[at(firstFull, 7)] = 2 }, "dense flag"},
		{"key moved", func(b []byte) {
			// a key whose home lies after it cannot be found
			k := binary.LittleEndian.Uint32(b[at(firstFull, 0):])
			binary.LittleEndian.PutUint32(b[at(firstFull, 0):], k+1<<(32-bits(len(m.slots)))*2)
		}, "home slot"},
		{"empty slot not zero", func(b []byte) { b[at(empty, 9)] = 1 }, "empty"},
		{"entries out of the table", func(b []byte) {
			for i := range m.slots {
				if b[at(i, 4)] > 2 && b[at(i, 7)] == 0 {
					b[at(i, 11)] = 0x7f
					return
				}
			}
		}, "entries"},
		{"padding", func(b []byte) { b[head-1] = 1 }, "padding"},
		{"truncated", nil, "bytes"},
	} {
		b := slices.Clone(good)
		if tc.edit != nil {
			tc.edit(b)
		} else {
			b = b[:len(b)-2]
		}
		_, err := Parse(b)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one about %q", tc.name, err, tc.want)
		}
	}
	// a table with no empty slot would make a lookup loop forever
	full16 := &Model{Classes: []string{"a", "b"}, scale: 1}
	full16.newTable(5)
	for i := range full16.slots {
		full16.slots[i] = slot{key: uint32(i)<<28 | 1, n: 1, q1: 1}
	}
	full16.n, full16.nw = len(full16.slots), len(full16.slots)
	if err := full16.Check(); err == nil || !strings.Contains(err.Error(), "no empty slot") {
		t.Errorf("full table: error %v", err)
	}
}

func bits(n int) int {
	b := 0
	for 1<<b < n {
		b++
	}
	return b
}
