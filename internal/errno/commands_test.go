//go:build linux

package errno_test

import (
	"bytes"
	"strings"
	"testing"

	"sockrepl/internal/errno"
	"sockrepl/internal/render"
	"sockrepl/internal/session"
	"sockrepl/internal/sock"
)

// declaredErrnos reads, for every command of the command table, the errnos
// it declares (the table's errnos field), as `help CMD` lists them on its
// "errors:" line: the table does not export the field, and help is where a
// learner meets the list.
func declaredErrnos(t *testing.T) map[string][]string {
	t.Helper()
	sys, err := sock.New()
	if err != nil {
		t.Fatal(err)
	}
	defer sys.Release()
	var out bytes.Buffer
	s := session.New(sys, &render.Printer{W: &out})
	declared := map[string][]string{}
	for _, c := range session.Commands() {
		out.Reset()
		s.ExecLine("help " + c.Name)
		for _, l := range strings.Split(out.String(), "\n") {
			rest, ok := strings.CutPrefix(strings.TrimSpace(l), "errors:")
			if !ok {
				continue
			}
			rest, _, _ = strings.Cut(rest, "(")
			for _, name := range strings.Split(rest, ",") {
				if name = strings.TrimSpace(name); name != "" {
					declared[c.Name] = append(declared[c.Name], name)
				}
			}
		}
	}
	return declared
}

// TestDeclaredErrnosHaveHints: every errno a command declares has a hint
// written for it, not the generic "unusual from a socket call" line, both
// in general and as HintFor that command returns it.
func TestDeclaredErrnosHaveHints(t *testing.T) {
	declared := declaredErrnos(t)
	// The help format is what this test reads; make sure it still found
	// the table's errnos rather than passing on nothing.
	if got := strings.Join(declared["bind"], " "); !strings.Contains(got, "EADDRINUSE") {
		t.Fatalf("help bind lists no EADDRINUSE on its errors: line (got %q); has the help format changed?", got)
	}
	n := 0
	for cmd, names := range declared {
		for _, name := range names {
			n++
			in, ok := errno.Lookup(name)
			if !ok {
				t.Errorf("%s declares %s, which the errno table does not know", cmd, name)
				continue
			}
			generic := errno.GenericHint(in.Message)
			if in.Hint == generic {
				t.Errorf("%s declares %s, whose hint is only the generic one: %q", cmd, name, in.Hint)
			}
			if h := in.HintFor(cmd); h == generic || strings.TrimSpace(h) == "" {
				t.Errorf("%s declares %s, but HintFor(%q) is generic: %q", cmd, name, cmd, h)
			}
		}
	}
	if n < 20 {
		t.Errorf("found only %d declared errnos across the command table; expected many more", n)
	}
}
