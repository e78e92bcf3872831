//go:build !linux

package perceptron

// makeSlots returns n empty slots.
func (m *Model) makeSlots(n int) []slot { return make([]slot, n) }
