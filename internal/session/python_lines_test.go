package session

import (
	"slices"
	"strings"
	"testing"
)

// TestLineIsPython: which lines are Python and which are commands, by
// SPEC's rule, including a command's name used as a Python name: an
// assignment to it is Python's unless its right side is a command, and
// once bound it is Python's before an operator.
func TestLineIsPython(t *testing.T) {
	s, _ := newTestSession(t)
	cases := []struct {
		line string
		py   bool
	}{
		{"import socket", true},
		{"srv = socket", false},
		{"srv = socket inet stream", false},
		{"a, b = socketpair", false},
		{"socket family=AF_INET type=SOCK_DGRAM", false},
		{"peer = 5", true},
		{"peer = peer echo 127.0.0.1:0", false},
		{"x, send = 1, 2", true},
		{"send c hi", false},
		{"recv a 16 => b''", false},
		{"poll #1 #2", false},
		{"s.recv(10)", true},
		{"buffer = b'hi'", true},
		{"peer == 5", false}, // peer is no Python name yet
	}
	for _, c := range cases {
		if got := s.isPython(c.line); got != c.py {
			t.Errorf("isPython(%q) = %v, want %v", c.line, got, c.py)
		}
	}
	s.ExecPython([]string{"peer = 5"})
	s.ExecPython([]string{"poll = [1]"})
	for _, c := range []struct {
		line string
		py   bool
	}{
		{"peer == 5", true},
		{"peer + 1", true},
		{"peer in (5, 6)", true},
		{"poll[0]", true},
		{"poll #1 #2", false},
		{"peer echo 127.0.0.1:0", false},
		{"peer", false}, // a command's name alone is the command
	} {
		if got := s.isPython(c.line); got != c.py {
			t.Errorf("after peer = 5: isPython(%q) = %v, want %v", c.line, got, c.py)
		}
	}
}

// TestEveryUnmodelledParameterIsListed: a Python parameter that no
// parameter of its command's row takes must be in unmodelled, so that a
// value given for it is checked, never dropped; and every entry there
// names such a parameter.
func TestEveryUnmodelledParameterIsListed(t *testing.T) {
	taken := func(c *command, name string) bool {
		for _, p := range c.params {
			if p.Python == name {
				return true
			}
		}
		return false
	}
	for _, c := range commands {
		for _, n := range c.sig.names {
			if _, listed := unmodelled[c.name+"."+n]; !taken(c, n) && !listed {
				t.Errorf("%s's Python parameter %s is taken by no parameter and not in unmodelled", c.name, n)
			}
		}
	}
	for key := range unmodelled {
		cmd, name, _ := strings.Cut(key, ".")
		c := lookup(cmd)
		if c == nil || !slices.Contains(c.sig.names, name) || taken(c, name) {
			t.Errorf("unmodelled has %q, which is no untaken Python parameter of a command", key)
		}
	}
}
