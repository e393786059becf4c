package expect

import (
	"testing"

	"golang.org/x/sys/unix"
)

// FuzzParseMatch: any expectation text parses or fails cleanly, and
// matching it against any outcome never panics.
func FuzzParseMatch(f *testing.F) {
	for _, s := range []string{"ok", "ECONNREFUSED", "timeout", "b'hi\\n'", "'x'", "0x10", "2.5", "#3", "127.0.0.1:80", "ValueError", "b'", "E"} {
		f.Add(s, "b'hi'")
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		x, err := Parse(text)
		if err != nil {
			return
		}
		for _, o := range []Outcome{{Value: value}, {Void: true, Value: "None"}, {Failed: true, Errno: unix.EAGAIN, Class: "BlockingIOError"}, {Failed: true, Class: "timeout"}} {
			x.Match(o)
		}
	})
}
