//go:build profile

package cli

import (
	"os"
	"runtime/pprof"
)

// startProfile writes a CPU profile of the run to $SOCKREPL_CPUPROFILE,
// for whoever works on the shell's speed (go build -tags profile). It is
// not in the normal build: runtime/pprof's packages slow every start-up.
func startProfile() (stop func()) {
	path := os.Getenv("SOCKREPL_CPUPROFILE")
	if path == "" {
		return func() {}
	}
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	pprof.StartCPUProfile(f)
	return func() { pprof.StopCPUProfile(); f.Close() }
}
