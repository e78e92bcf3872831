package ner

// featIndex maps feature hashes to feature numbers. It is an open-addressing
// hash table (one flat array, power-of-two size, linear probing) that keeps
// the whole 64-bit hash, so that it answers exactly as a Go map would, at
// a fraction of the cost: a lookup reads one 16-byte slot, usually in one
// cache line, and a sentence's lookups can be issued together (see touch).
//
// Adding is not safe for concurrent use; looking up is.
type featIndex struct {
	slots []featSlot
	shift uint8 // a hash's home slot is its top bits: h >> shift
	n     int
}

// featSlot is one cell of a featIndex: a feature hash and its number plus
// one (0: an empty slot).
type featSlot struct {
	key uint64
	id1 int32
}

// newFeatIndex returns an empty index sized for about n features.
func newFeatIndex(n int) *featIndex {
	x := &featIndex{}
	x.resize(n)
	return x
}

// resize makes the table large enough for n features at a load of at most
// one half (a miss then reads about 1.5 slots) and adds back what it held.
func (x *featIndex) resize(n int) {
	size, bits := 16, uint8(4)
	for size < 2*n {
		size <<= 1
		bits++
	}
	old := x.slots
	x.slots = make([]featSlot, size)
	x.shift = 64 - bits
	x.n = 0
	for _, sl := range old {
		if sl.id1 != 0 {
			x.put(sl.key, sl.id1-1)
		}
	}
}

// home returns the home slot of hash h: its top bits (see qTable.home).
func (x *featIndex) home(h uint64) uint64 { return h >> x.shift }

// Len returns the number of features.
func (x *featIndex) Len() int {
	if x == nil {
		return 0
	}
	return x.n
}

// Get returns the number of feature h, if known.
func (x *featIndex) Get(h uint64) (int32, bool) {
	if x == nil || len(x.slots) == 0 {
		return 0, false
	}
	mask := uint64(len(x.slots) - 1)
	for i := x.home(h); ; i = (i + 1) & mask {
		sl := &x.slots[i]
		if sl.id1 == 0 {
			return 0, false
		}
		if sl.key == h {
			return sl.id1 - 1, true
		}
	}
}

// touch reads the home slot of every hash and returns whether any is
// occupied. The table is larger than the processor's caches, so each
// lookup costs a memory read; reading every home slot first, with no
// branch depending on what is read, lets those reads be in flight together
// instead of one after another, and the lookups that follow find them in
// the cache.
func (x *featIndex) touch(hs []uint64) bool {
	if x == nil || len(x.slots) == 0 {
		return false
	}
	var any int32
	for _, h := range hs {
		any |= x.slots[x.home(h)].id1
	}
	return any != 0
}

// Add gives hash h the next feature number, unless it has one, and returns
// its number.
func (x *featIndex) Add(h uint64) int32 {
	if id, ok := x.Get(h); ok {
		return id
	}
	if 2*(x.n+1) > len(x.slots) {
		x.resize(2 * (x.n + 1))
	}
	id := int32(x.n)
	x.put(h, id)
	return id
}

// put stores hash h with number id; h must not be present and the table
// must have room.
func (x *featIndex) put(h uint64, id int32) {
	mask := uint64(len(x.slots) - 1)
	i := x.home(h)
	for x.slots[i].id1 != 0 {
		i = (i + 1) & mask
	}
	x.slots[i] = featSlot{key: h, id1: id + 1}
	x.n++
}

// each calls f for every feature, in no particular order.
func (x *featIndex) each(f func(h uint64, id int32)) {
	if x == nil {
		return
	}
	for _, sl := range x.slots {
		if sl.id1 != 0 {
			f(sl.key, sl.id1-1)
		}
	}
}
