package depparse_test

import (
	"syscall"
	"testing"
	"time"
)

// cpuTime returns the process's user+system CPU time. On a shared machine
// words per CPU-second measures speed on one core (run with -cpu 1) better
// than wall time, which counts time spent waiting for the CPU.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds a words/cpu-s metric for words processed since start.
func reportCPU(b *testing.B, words int, start time.Duration) {
	if d := cpuTime() - start; d > 0 {
		b.ReportMetric(float64(words)/d.Seconds(), "words/cpu-s")
	}
}
