package session

import (
	"bytes"
	"strings"
	"testing"

	"sockrepl/internal/line"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
)

func newTestSession(t testing.TB) (*Session, *bytes.Buffer) {
	t.Helper()
	sys, err := sock.New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sys.Release)
	var out bytes.Buffer
	return New(sys, &render.Printer{W: &out}), &out
}

// A script line seen before is parsed once (split remembers it), but every
// run of it is its own: new handles, names bound again, $H and %H looked
// up afresh, errors reported each time.
func TestRepeatedLinesRunAfresh(t *testing.T) {
	s, out := newTestSession(t)
	script := strings.Repeat("u = socket inet dgram; bind u 127.0.0.1:0\ngetsockname u => $u\nbind u 127.0.0.1:0 => EINVAL\nsend u \"unterminated\n", 3)
	if err := s.RunScript(strings.NewReader(script), func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"#1 u  fd=", "#2 u  fd=", "#3 u  fd="} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "unterminated \" quote"); n != 3 {
		t.Errorf("the syntax error was reported %d times, want 3:\n%s", n, got)
	}
	if s.ExpectPassed != 6 || s.ExpectFailed != 0 {
		t.Errorf("expectations: %d held, %d failed, want 6 and 0:\n%s", s.ExpectPassed, s.ExpectFailed, got)
	}
	if len(s.parsed) != 3 {
		t.Errorf("%d lines remembered, want 3 (the line with the error is not)", len(s.parsed))
	}
}

// A closed accepted socket's $H is the address it had: its listener's,
// taken without a call when the listener is bound to one address, and the
// kernel's answer (the address the client reached) for a wildcard one.
func TestAcceptedAddressAfterClose(t *testing.T) {
	s, out := newTestSession(t)
	script := "srv = socket; bind srv 127.0.0.1:0; listen srv; c = socket; connect c $srv; a = accept srv; close a\n" +
		"w = socket; bind w :0; listen w; c2 = socket; connect c2 127.0.0.1:$w.port; b = accept w; close b\n"
	if err := s.RunScript(strings.NewReader(script), func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	addrOf := func(ref string) string {
		t.Helper()
		v, err := s.resolveRef(line.Ref{Sigil: '$', Name: ref})
		if err != nil {
			t.Fatalf("$%s: %v\n%s", ref, err, out.String())
		}
		return v
	}
	if got, want := addrOf("a"), addrOf("srv"); got != want {
		t.Errorf("$a after close = %s, want the listener's %s", got, want)
	}
	port, err := s.resolveRef(line.Ref{Sigil: '$', Name: "w", Field: "port"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := addrOf("b"), "127.0.0.1:"+port; got != want {
		t.Errorf("$b after close = %s, want %s (the address the client reached)", got, want)
	}
}

// Listeners whose own address is no guide to their connections': the
// IPv4-mapped wildcard, and a listener whose port moved (shutdown releases
// an automatic port; listen through a dup binds a new one).
func TestAcceptedAddressNotGuessed(t *testing.T) {
	s, out := newTestSession(t)
	script := "l = socket inet6 stream; bind l [::ffff:0.0.0.0]:0; listen l; c = socket inet stream; connect c 127.0.0.1:$l.port; a = accept l; getsockname a; close a\n" +
		"m = socket; bind m 127.0.0.1:0; listen m; d = dup m; shutdown m rd; listen d; c2 = socket; connect c2 $d; x = accept m; close x\n"
	if err := s.RunScript(strings.NewReader(script), func() bool { return false }); err != nil {
		t.Fatal(err)
	}
	addrOf := func(ref string, field string) string {
		t.Helper()
		v, err := s.resolveRef(line.Ref{Sigil: '$', Name: ref, Field: field})
		if err != nil {
			t.Fatalf("$%s: %v\n%s", ref, err, out.String())
		}
		return v
	}
	if got, want := addrOf("a", "host"), "::ffff:127.0.0.1"; got != want {
		t.Errorf("$a.host after close = %s, want %s:\n%s", got, want, out.String())
	}
	if got, want := addrOf("x", ""), addrOf("d", ""); got != want {
		t.Errorf("$x after close = %s, want the listener's new address %s:\n%s", got, want, out.String())
	}
}
