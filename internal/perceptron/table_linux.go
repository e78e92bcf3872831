//go:build linux

package perceptron

import (
	"runtime"
	"syscall"
	"unsafe"
)

// hugeMin is the table size from which slots are mapped with transparent
// huge pages: a table of many megabytes read at random costs a TLB miss
// per feature on 4 KiB pages.
const hugeMin = 4 << 20

// madvHugepage is MADV_HUGEPAGE (not named in package syscall).
const madvHugepage = 14

// makeSlots returns n empty slots. Large tables are mapped outside the Go
// heap (slots hold no pointers) and advised to use huge pages; the
// mapping is released when m is collected or given a new table.
func (m *Model) makeSlots(n int) []slot {
	m.unmap()
	size := n * int(unsafe.Sizeof(slot{}))
	if size < hugeMin {
		return make([]slot, n)
	}
	const huge = 2 << 20
	size = (size + huge - 1) &^ (huge - 1)
	b, err := syscall.Mmap(-1, 0, size, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_PRIVATE|syscall.MAP_ANON)
	if err != nil {
		return make([]slot, n)
	}
	_ = syscall.Madvise(b, madvHugepage) // a kernel without it keeps small pages
	m.mapped = b
	runtime.SetFinalizer(m, (*Model).unmap)
	return unsafe.Slice((*slot)(unsafe.Pointer(&b[0])), n)
}

// unmap releases m's mapped table, if it has one.
func (m *Model) unmap() {
	if m.mapped == nil {
		return
	}
	runtime.SetFinalizer(m, nil)
	syscall.Munmap(m.mapped)
	m.mapped, m.slots = nil, nil
}
