package session

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

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
	runLines(s, script)
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

// A closed accepted socket's $H is the address it had, whatever its
// listener: bound to one address; a wildcard (the address the client
// reached); the IPv4-mapped wildcard; one whose port moved (shutdown
// releases an automatic port, and listen through a dup binds a new one).
func TestAcceptedAddressAfterClose(t *testing.T) {
	s, out := newTestSession(t)
	script := "srv = socket; bind srv 127.0.0.1:0; listen srv; c = socket; connect c $srv; a = accept srv; close a\n" +
		"w = socket; bind w :0; listen w; c2 = socket; connect c2 127.0.0.1:$w.port; b = accept w; close b\n" +
		"l = socket inet6 stream; bind l [::ffff:0.0.0.0]:0; listen l; c3 = socket inet stream; connect c3 127.0.0.1:$l.port; e = accept l; close e\n" +
		"m = socket; bind m 127.0.0.1:0; listen m; d = dup m; shutdown m rd; listen d; c4 = socket; connect c4 $d; x = accept m; close x\n"
	runLines(s, script)
	ref := func(name, field string) string {
		t.Helper()
		v, err := s.resolveRef(line.Ref{Sigil: '$', Name: name, Field: field})
		if err != nil {
			t.Fatalf("$%s: %v\n%s", name, err, out.String())
		}
		return v
	}
	for _, c := range []struct{ what, got, want string }{
		{"$a (listener on 127.0.0.1)", ref("a", ""), ref("srv", "")},
		{"$b.host (listener on 0.0.0.0)", ref("b", "host"), "127.0.0.1"},
		{"$b.port", ref("b", "port"), ref("w", "port")},
		{"$e.host (listener on [::ffff:0.0.0.0])", ref("e", "host"), "::ffff:127.0.0.1"},
		{"$x (its listener's port moved)", ref("x", ""), ref("d", "")},
	} {
		if c.got != c.want {
			t.Errorf("%s after close = %s, want %s\n%s", c.what, c.got, c.want, out.String())
		}
	}
}

// fromfd and socket read PROTO as the FAMILY understands it: raw is
// CAN_RAW for AF_CAN (fromfd took it for IPPROTO_RAW), and socket reads it
// once the family is known, whatever the order of its keywords.
func TestProtocolByFamily(t *testing.T) {
	s, out := newTestSession(t)
	s.ExecLine("a, b = socketpair; g = fromfd %a can raw raw")
	if h := s.names["g"]; h == nil || h.Sock.Proto != unix.CAN_RAW {
		t.Fatalf("fromfd %%a can raw raw: want proto CAN_RAW (%d)\n%s", unix.CAN_RAW, out.String())
	}
	s.ExecLine("r = socket proto=raw family=inet type=raw")
	if h := s.names["r"]; h != nil && h.Sock.Proto != unix.IPPROTO_RAW {
		t.Errorf("socket proto=raw family=inet: proto %d, want IPPROTO_RAW\n%s", h.Sock.Proto, out.String())
	}
}

// A command that shares another's errno hints names one that exists.
func TestHintsAsNamesACommand(t *testing.T) {
	n := 0
	for _, c := range commands {
		if c.hintsAs == "" {
			continue
		}
		n++
		if lookup(c.hintsAs) == nil {
			t.Errorf("%s shares the hints of %q, which is no command", c.name, c.hintsAs)
		}
	}
	if n == 0 {
		t.Error("no command shares another's hints: the check checked nothing")
	}
}

// runLines runs a script's lines as the front end hands them over (these
// scripts have no Python blocks).
func runLines(s *Session, script string) {
	for _, l := range strings.Split(strings.TrimSuffix(script, "\n"), "\n") {
		s.ExecBytes([]byte(l))
	}
}

// Every command whose Python call makes objects says how it returns
// them, and NAME = binds the value of only those that make none.
func TestEveryPythonCallReturns(t *testing.T) {
	for _, c := range commands {
		if c.creates > 0 && c.sig.fn != "" && c.returns == nil {
			t.Errorf("%s makes handles but its Python call returns None", c.name)
		}
	}
}

// Every command cCalls writes in C is a command of the table: a renamed
// or removed command cannot leave its C rendering behind.
func TestCCallsAreCommands(t *testing.T) {
	for name := range cCalls {
		if lookup(name) == nil {
			t.Errorf("cCalls has %q, which is no command", name)
		}
	}
}
