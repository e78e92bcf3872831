//go:build !unix

package timex

import "time"

func cpuTime() (time.Duration, bool) { return 0, false }
