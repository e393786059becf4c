package session

import (
	"strconv"
	"strings"
	"testing"
)

// lifecycleRound is one round of `make bench`'s workload (a), the shape of
// a scripted lab: a client connects to a loopback listener, one message
// goes across, and both ends close.
var lifecycleRound = []string{
	"c = socket inet stream",
	"connect c $srv",
	"a = accept srv",
	"sendall c hi",
	"recv a",
	"getsockopt a SO_RCVBUF",
	"getpeername a",
	"close c",
	"close a",
}

// BenchmarkLifecycle measures the shell's own cost per statement (parsing,
// dispatch, printing) together with the kernel's, with allocations; `make
// bench` compares whole processes against C and Python.
func BenchmarkLifecycle(b *testing.B) {
	s, out := newTestSession(b)
	for _, l := range []string{"srv = socket inet stream", "bind srv 127.0.0.1:0", "listen srv"} {
		if st := s.ExecLine(l); st.Failed {
			b.Fatalf("%s: %s", l, out.String())
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		out.Reset()
		for _, l := range lifecycleRound {
			s.ExecLine(l)
		}
		if s.Failures != 0 || !strings.Contains(out.String(), "b'hi'") {
			b.Fatalf("round failed:\n%s", out.String())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(lifecycleRound)), "ns/stmt")
	s.ExecLine("close srv")
}

// Every spelling of a call does the same work: a level written out
// (SOL_SOCKET, socket, 1, IPPROTO_TCP) is found through the index, and no
// did-you-mean search runs when the words are right. Allocations count
// that work without timing it; a did-you-mean search over the option
// table makes thousands.
func TestSpellingsCostAlike(t *testing.T) {
	s, out := newTestSession(t)
	for _, l := range []string{"srv = socket inet stream", "bind srv 127.0.0.1:0", "listen srv"} {
		if st := s.ExecLine(l); st.Failed {
			t.Fatalf("%s: %s", l, out.String())
		}
	}
	cost := func(l string) float64 {
		// Split once, so the line's parsing is not what is counted.
		sts, err := s.split(l)
		if err != nil {
			t.Fatal(err)
		}
		return testing.AllocsPerRun(20, func() {
			out.Reset()
			if st := s.execAll(sts); st.Failed {
				t.Fatalf("%s: %s", l, out.String())
			}
		})
	}
	base := cost("getsockopt 1 SO_RCVBUF")
	for _, l := range []string{
		"getsockopt 1 SOL_SOCKET SO_RCVBUF",
		"getsockopt srv socket so_rcvbuf",
		"getsockopt #1 socket rcvbuf",
		"getsockopt 1 1 8",
		"setsockopt 1 SOL_SOCKET SO_RCVBUF 65536",
		"getsockopt 1 IPPROTO_TCP TCP_NODELAY",
		"getsockopt 1 tcp TCP_NODELAY",
	} {
		if got := cost(l); got > base+4 {
			t.Errorf("%s: %.0f allocations, %s: %.0f", l, got, "getsockopt 1 SO_RCVBUF", base)
		}
	}
}

// writtenRound is round i of `make bench`'s lifecycle as the README writes
// commands: explicit levels, handles by number, #N and name, no line
// twice (the round's handles have new numbers and names). The first round
// after the listener (#1) is round 0.
func writtenRound(i int) []string {
	c, a := strconv.Itoa(2+2*i), strconv.Itoa(3+2*i)
	n := strconv.Itoa(i)
	return []string{
		"c" + n + " = socket inet stream",
		"connect " + c + " $srv",
		"a" + n + " = accept srv",
		"sendall #" + c + " hi",
		"recv a" + n + " 65536",
		"getsockopt " + a + " SOL_SOCKET SO_RCVBUF",
		"getpeername #" + a,
		"close c" + n,
		"close " + a,
	}
}

// BenchmarkLifecycleWritten is BenchmarkLifecycle written as the README
// writes it, so that no line is found in the cache of lines seen before.
// The lines are made in batches with the timer stopped.
func BenchmarkLifecycleWritten(b *testing.B) {
	s, out := newTestSession(b)
	for _, l := range []string{"srv = socket AF_INET SOCK_STREAM", "bind 1 127.0.0.1:0", "listen #1"} {
		if st := s.ExecLine(l); st.Failed {
			b.Fatalf("%s: %s", l, out.String())
		}
	}
	const batch = 512
	var lines [][]string
	round := 0
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if round%batch == 0 {
			b.StopTimer()
			lines = lines[:0]
			for i := range batch {
				lines = append(lines, writtenRound(round+i))
			}
			b.StartTimer()
		}
		out.Reset()
		for _, l := range lines[round%batch] {
			s.ExecLine(l)
		}
		round++
		if s.Failures != 0 || !strings.Contains(out.String(), "b'hi'") {
			b.Fatalf("round failed:\n%s", out.String())
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*9), "ns/stmt")
}
