package main

import (
	"fmt"
	"io"
	"os"
	"time"
)

// runWire times the TCP lifecycle of (a), as the README writes it (no
// line twice, so the parse cache hides nothing), with the wire view off
// and on, in turn in the same run, and prints the cost a statement and the peak
// memory of each, and their ratio. Capturing needs root; each run gets a
// network namespace of its own when the bench may make one, so the view
// sees only the run's own packets.
func runWire(e *env, w io.Writer) error {
	if os.Geteuid() != 0 {
		fmt.Fprintln(w, "\n(w) wire view on vs off: skipped (capturing packets needs root)")
		return nil
	}
	off, err := writeFile(e, "wire-off.sock", lifecycleAsWritten(lifecycleRounds))
	if err != nil {
		return err
	}
	on, err := writeFile(e, "wire-on.sock", "set wire on\n"+lifecycleAsWritten(lifecycleRounds))
	if err != nil {
		return err
	}
	argv := func(p string) []string { return []string{e.sockrepl, "-q", "-e", p} }
	for _, p := range []string{off, on} { // must work; warms the caches
		if _, err := run(e, argv(p), nil, e.netns); err != nil {
			return err
		}
	}
	var offRuns, onRuns []sample
	for r := 0; r < *flagRuns; r++ {
		s, err := run(e, argv(off), nil, e.netns)
		if err != nil {
			return err
		}
		offRuns = append(offRuns, s)
		if s, err = run(e, argv(on), nil, e.netns); err != nil {
			return err
		}
		onRuns = append(onRuns, s)
	}
	a, b := median(offRuns), median(onRuns)
	stmts := time.Duration(lifecycleStatements(lifecycleRounds))
	fmt.Fprintf(w, "\n(w) wire view on vs off, lifecycle x%d, README (%d statements), medians of %d runs:\n", lifecycleRounds, stmts, *flagRuns)
	fmt.Fprintf(w, "    off: %7.2f us a statement (cpu %7.2f us), peak RSS %5.1f MiB\n", us(a.wall/stmts), us(a.cpu/stmts), mib(a.maxRSS))
	fmt.Fprintf(w, "    on:  %7.2f us a statement (cpu %7.2f us), peak RSS %5.1f MiB\n", us(b.wall/stmts), us(b.cpu/stmts), mib(b.maxRSS))
	fmt.Fprintf(w, "    on/off: %.2fx wall, %.2fx cpu, %.2fx peak memory\n", ratio(b.wall, a.wall), ratio(b.cpu, a.cpu), float64(b.maxRSS)/float64(max(a.maxRSS, 1)))
	return nil
}

func us(d time.Duration) float64 { return float64(d) / float64(time.Microsecond) }
