package depparse

import (
	"syscall"
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
