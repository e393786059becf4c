package main

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// --- (s) CPU per statement, by spelling --------------------------------------

// The same call costs the same whichever way it is written: option levels
// as C names, short names or numbers; handles by number, #N or name; with
// an expectation; failing with a hint. Each spelling runs as a script of
// spellingLines distinct lines (a counter in a trailing comment, so that
// the parse cache of repeated lines hides nothing) after a common set-up;
// the cost of one statement is the script's CPU time less that of the
// set-up alone, over spellingLines. Ratios are against the first row (a
// getsockopt written the shortest way) and against the cheapest spelling
// of the same call, all timed in the same run.

const spellingLines = 2000

// spellingSetup makes #1 a TCP listener named srv and #2, #3 a connected
// unix stream pair named a and b; hints stay on, as at the prompt.
const spellingSetup = "srv = socket inet stream\nbind srv 127.0.0.1:0\nlisten srv\na, b = socketpair unix stream\n"

// spelling is one row of the table.
type spelling struct {
	call  string // spellings of one call share it; "fail": failing calls
	label string
	line  string // the statement, written spellingLines times
}

var spellings = []spelling{
	{"rcvbuf", "baseline: short option name", "getsockopt 1 SO_RCVBUF"},
	{"rcvbuf", "level as C name", "getsockopt 1 SOL_SOCKET SO_RCVBUF"},
	{"rcvbuf", "level and option short, lower", "getsockopt 1 socket rcvbuf"},
	{"rcvbuf", "level short, option lower C", "getsockopt 1 socket so_rcvbuf"},
	{"rcvbuf", "level and option as numbers", "getsockopt 1 1 8"},
	{"rcvbuf", "handle as #N", "getsockopt #1 SOL_SOCKET SO_RCVBUF"},
	{"rcvbuf", "handle by name", "getsockopt srv SOL_SOCKET SO_RCVBUF"},
	{"nodelay", "TCP_NODELAY, no level", "getsockopt 1 TCP_NODELAY"},
	{"nodelay", "IPPROTO_TCP TCP_NODELAY", "getsockopt 1 IPPROTO_TCP TCP_NODELAY"},
	{"nodelay", "level and option as numbers", "getsockopt 1 6 1"},
	{"tcpinfo", "TCP_INFO (decoded), no level", "getsockopt 1 TCP_INFO"},
	{"tcpinfo", "tcp TCP_INFO (decoded)", "getsockopt 1 tcp TCP_INFO"},
	{"set", "setsockopt, no level", "setsockopt 1 SO_RCVBUF 65536"},
	{"set", "setsockopt, level as C name", "setsockopt 1 SOL_SOCKET SO_RCVBUF 65536"},
	{"set", "setsockopt, level as number", "setsockopt #1 1 8 65536"},
	{"type", "=> expectation, value", "getsockopt srv SOL_SOCKET SO_TYPE => 1"},
	{"getsockname", "getsockname by number", "getsockname 1"},
	{"getsockname", "getsockname by name", "getsockname srv"},
	{"getsockname", "getsockname => $srv", "getsockname srv => $srv"},
	{"gettimeout", "gettimeout #N => None", "gettimeout #2 => None"},
	{"recv", "recv, flag as number, EAGAIN", "recv 2 16 64 => EAGAIN"},
	{"recv", "recv, flag name, EAGAIN", "recv a 16 MSG_DONTWAIT => EAGAIN"},
	{"fail", "fails: misspelled option", "getsockopt 1 SOL_SOCKET SO_RCVBUFF => error"},
	{"fail", "fails: misspelled level", "getsockopt 1 SOL_SOCKT SO_RCVBUF => error"},
	{"fail", "fails: unknown handle name", "getsockopt srvv SO_RCVBUF => error"},
	{"fail", "fails: misspelled command", "getsockpot 1 SO_RCVBUF => error"},
	{"fail", "fails: bind again, EINVAL hint", "bind srv 127.0.0.1:0 => EINVAL"},
}

// spellingScript is the set-up and n distinct lines of one spelling.
func spellingScript(line string, n int) string {
	var b strings.Builder
	b.WriteString(spellingSetup)
	for i := range n {
		fmt.Fprintf(&b, "%s  # %d\n", line, i)
	}
	return b.String()
}

// runSpellings times every spelling and the set-up alone, round-robin, and
// prints the table.
func runSpellings(e *env, w io.Writer) error {
	setup, err := writeFile(e, "spell-setup.sock", spellingSetup)
	if err != nil {
		return err
	}
	paths := make([]string, len(spellings))
	for i, sp := range spellings {
		if paths[i], err = writeFile(e, fmt.Sprintf("spell-%02d.sock", i), spellingScript(sp.line, spellingLines)); err != nil {
			return err
		}
	}
	argv := func(p string) []string { return []string{e.sockrepl, "-q", "-e", p} }
	// One untimed run each: it must work (-e: every line does what its
	// expectation says), and it warms the caches.
	for _, p := range append([]string{setup}, paths...) {
		if _, err := run(e, argv(p), nil, false); err != nil {
			return err
		}
	}
	setupRuns := make([]sample, 0, *flagRuns)
	runs := make([][]sample, len(spellings))
	for r := 0; r < *flagRuns; r++ {
		s, err := run(e, argv(setup), nil, false)
		if err != nil {
			return err
		}
		setupRuns = append(setupRuns, s)
		for i, p := range paths {
			s, err := run(e, argv(p), nil, false)
			if err != nil {
				return err
			}
			runs[i] = append(runs[i], s)
		}
	}
	base := median(setupRuns).cpu
	per := func(i int) time.Duration { return (median(runs[i]).cpu - base) / spellingLines }
	fmt.Fprintf(w, "\nCPU per statement by spelling (%d distinct lines each, set-up's %.1f ms cpu taken off; ratios to the first row and to the cheapest spelling of the same call):\n", spellingLines, ms(base))
	b := per(0)
	cheapest := map[string]time.Duration{}
	for i, sp := range spellings {
		if c, seen := cheapest[sp.call]; !seen || per(i) < c {
			cheapest[sp.call] = per(i)
		}
	}
	fmt.Fprintf(w, "%-32s %-46s %9s %9s %9s\n", "spelling", "line", "cpu/stmt", "/row 1", "/cheapest")
	worst, slowest := 0.0, time.Duration(0)
	for i, sp := range spellings {
		p := per(i)
		rc := ratio(p, cheapest[sp.call])
		fmt.Fprintf(w, "%-32s %-46s %6.1f us %8.2fx %8.2fx\n", sp.label, sp.line, float64(p)/1e3, ratio(p, b), rc)
		if sp.call != "fail" {
			worst = max(worst, rc)
			slowest = max(slowest, p)
		}
	}
	fmt.Fprintln(w)
	mark := "MISS"
	if worst <= 3 {
		mark = "PASS"
	}
	fmt.Fprintf(w, "  %s  %-46s %.2fx\n", mark, "(s) every spelling <= 3x the call's cheapest", worst)
	mark = "MISS"
	if slowest <= 15*time.Microsecond {
		mark = "PASS"
	}
	fmt.Fprintf(w, "  %s  %-46s %.1f us\n", mark, "(s) every succeeding call <= 15 us cpu", float64(slowest)/1e3)
	return nil
}
