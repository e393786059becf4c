//go:build linux

package errno_test

import (
	"strings"
	"testing"

	"sockrepl/internal/errno"
	"sockrepl/internal/session"
)

// declaredErrnos is, for every command of the command table, the names of
// the errnos it declares.
func declaredErrnos(t *testing.T) map[string][]string {
	t.Helper()
	declared := map[string][]string{}
	for _, c := range session.Commands() {
		for _, e := range c.Errnos {
			declared[c.Name] = append(declared[c.Name], errno.Of(e).Name)
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
		t.Fatalf("bind declares no EADDRINUSE (got %q)", got)
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

// TestCallHintKeysAreCommands: a hint keyed by anything but a command of
// the command table would never be shown.
func TestCallHintKeysAreCommands(t *testing.T) {
	commands := map[string]bool{}
	for _, c := range session.Commands() {
		commands[c.Name] = true
	}
	for _, in := range errno.All() {
		for cmd := range in.CallHints {
			if !commands[cmd] {
				t.Errorf("%s: CallHints key %q is not a shell command", in.Name, cmd)
			}
		}
	}
}
