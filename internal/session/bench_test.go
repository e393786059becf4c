package session

import (
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
