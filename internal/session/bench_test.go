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
