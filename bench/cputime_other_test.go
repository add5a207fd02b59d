//go:build !unix

package bench

import "time"

// processCPU would return the CPU time this process has used so far; this
// platform has no getrusage, so it reports that it cannot.
func processCPU() (cpu time.Duration, ok bool) { return 0, false }
