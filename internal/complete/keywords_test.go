package complete

import (
	"slices"
	"testing"
)

// Python's keyword arguments complete as Python writes them: the keyword
// while its name is typed, then what that parameter takes.
func TestKeywordArguments(t *testing.T) {
	env := testEnv()
	for _, c := range []struct {
		line string
		want []string
		not  []string
	}{
		{"socket family=", []string{"family=inet", "family=inet6", "family=unix"}, []string{"family=stream"}},
		{"socket family=in", []string{"family=inet", "family=inet6"}, nil},
		{"socket ty", []string{"type="}, nil},
		{"socket inet type=dg", []string{"type=dgram"}, nil},
		{"socketpair type=", []string{"type=stream", "type=dgram"}, nil},
		{"socketpair fa", []string{"family="}, nil},
		{"makefile srv mo", []string{"mode="}, nil},
		{"getaddrinfo localhost 80 type=st", []string{"type=stream"}, nil},
		{"recv srv bu", nil, []string{"bufsize="}}, // s.recv takes no keywords
	} {
		_, got := Complete(c.line, env)
		for _, w := range c.want {
			if !slices.Contains(got, w) {
				t.Errorf("Complete(%q) = %q, lacks %s", c.line, got, w)
			}
		}
		for _, w := range c.not {
			if slices.Contains(got, w) {
				t.Errorf("Complete(%q) = %q, offers %s", c.line, got, w)
			}
		}
	}
	// A keyword argument fills its parameter: the hint goes on after it.
	if h := Hint("socketpair type=dgram ", env); h != "[PROTO]  e.g. 0, tcp, udp (default 0)" {
		t.Errorf("Hint after a keyword argument = %q", h)
	}
}
