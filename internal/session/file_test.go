package session

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// TestCharCursorDecodesOnce: counting the characters of a buffer that
// grows chunk by chunk resumes where it stopped, so every byte is decoded
// once however many chunks a read gathers.
func TestCharCursorDecodesOnce(t *testing.T) {
	text := []byte(strings.Repeat("aé€😀", 1000))
	want := 4000
	var c charCursor
	var buf []byte
	for i := 0; i < len(text); i += 7 { // chunks that split characters
		buf = append(buf, text[i:min(i+7, len(text))]...)
		before := c.pos
		end := c.end(buf, want)
		if c.pos < before || c.pos > len(buf) {
			t.Fatalf("cursor moved from %d to %d with %d bytes", before, c.pos, len(buf))
		}
		if end >= 0 && (end != len(text) || i+7 < len(text)) {
			t.Fatalf("the first %d characters end at %d after %d bytes", want, end, len(buf))
		}
	}
	if got := c.end(buf, want); got != len(text) || c.chars != want {
		t.Fatalf("end %d, %d characters; want %d, %d", got, c.chars, len(text), want)
	}
	if got := c.end(buf, want+1); got != -1 {
		t.Errorf("one character more than there is: %d", got)
	}
}

// TestFileReadSeesInterruptBetweenChunks: while data keeps arriving a
// gathering read never waits, so Ctrl-C must be looked for between
// chunks; the rest stays queued, and what was read stays buffered.
func TestFileReadSeesInterruptBetweenChunks(t *testing.T) {
	for _, cmd := range []string{"read f 1000000", "readline f", "read f"} {
		s, out := newTestSession(t)
		s.ExecLine("a, b = socketpair; setsockopt b SO_SNDBUF 1000000; f = makefile a r")
		fds := []int{s.handles[0].Sock.FD, s.handles[1].Sock.FD}
		const queued = 25 * 8192
		for range 25 {
			if _, err := unix.Write(fds[1], bytes.Repeat([]byte("x"), 8192)); err != nil {
				t.Fatalf("filling the socket: %v", err)
			}
		}
		// Ctrl-C lands as the first chunk is received.
		s.Sys.SetTrace(func(line string) {
			if strings.HasPrefix(line, "recvfrom") {
				s.Sys.Interrupt()
			}
		})
		s.ExecLine(cmd)
		s.SetTrace(false)
		if !strings.Contains(out.String(), "\ninterrupted") {
			t.Fatalf("%s: no interrupted:\n%s", cmd, out.String())
		}
		left, err := unix.IoctlGetInt(fds[0], unix.SIOCINQ)
		if err != nil {
			t.Fatal(err)
		}
		if left < queued-2*fileChunk {
			t.Errorf("%s: %d of %d bytes were received after Ctrl-C", cmd, queued-left, queued)
		}
		if got := len(s.handles[2].File.rbuf); got+left != queued {
			t.Errorf("%s: %d bytes buffered and %d queued, of %d", cmd, got, left, queued)
		}
	}
}

// TestReadlineAcrossChunks: a line longer than one chunk is found where
// its newline arrives, in text and binary mode.
func TestReadlineAcrossChunks(t *testing.T) {
	for _, mode := range []string{"r", "rb"} {
		s, out := newTestSession(t)
		s.ExecLine("a, b = socketpair; settimeout a 10; f = makefile a " + mode) // a wrong search waits, then fails
		line := strings.Repeat("x", 3*fileChunk+5) + "\n"
		if _, err := unix.Write(s.handles[1].Sock.FD, []byte(line+"next\n")); err != nil {
			t.Fatal(err)
		}
		out.Reset()
		want := "'"
		if mode == "rb" {
			want = "b'"
		}
		want += line[:len(line)-1] + `\n'`
		if st := s.ExecLine("readline f => " + want); st.ExpectFailed || st.Failed {
			t.Errorf("mode %s:\n%s", mode, out.String())
		}
	}
}
