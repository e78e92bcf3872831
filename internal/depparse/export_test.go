package depparse

// CPUTimeForTest gives the external benchmarks the process CPU clock.
var CPUTimeForTest = cpuTime
