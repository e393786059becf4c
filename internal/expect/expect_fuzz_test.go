package expect

import (
	"strings"
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
		// A repeat (b'x'*N) builds up to 256 MiB: correct for a user, but
		// it stalls the fuzzer; the literal package fuzzes repeats itself.
		if strings.Contains(text, "*") || strings.Contains(value, "*") || len(text) > 512 {
			return
		}
		x, err := Parse(text)
		if err != nil {
			return
		}
		for _, o := range []Outcome{{Value: value}, {Value: value, Whole: []string{Primary, value}}, {Void: true, Value: "None"}, {Failed: true, Fail: FailErrno, Errno: unix.EAGAIN, Class: "BlockingIOError"}, {Failed: true, Fail: FailTimeout, Class: "TimeoutError"}} {
			x.Match(o)
		}
	})
}
