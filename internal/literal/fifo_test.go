//go:build unix

package literal

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestFIFO checks that a file with no useful stat size is still bounded
// while reading.
func TestFIFO(t *testing.T) {
	for _, tt := range []struct {
		send int
		ok   bool
	}{{1000, true}, {5000, false}} {
		path := filepath.Join(t.TempDir(), "fifo")
		if err := syscall.Mkfifo(path, 0o600); err != nil {
			t.Skip("mkfifo:", err)
		}
		done := make(chan struct{})
		go func() {
			defer close(done)
			f, err := os.OpenFile(path, os.O_WRONLY, 0)
			if err != nil {
				return
			}
			// The reader stops early when the data is too big; the write
			// error (EPIPE) that follows is expected.
			f.Write(bytes.Repeat([]byte("z"), tt.send))
			f.Close()
		}()
		type parsed struct {
			b   []byte
			err error
		}
		result := make(chan parsed, 1)
		go func() {
			b, err := Parse("@"+path, Options{MaxSize: 1000})
			result <- parsed{b, err}
		}()
		// Either side blocks in open(2) until the other opens the FIFO.
		var got []byte
		var err error
		select {
		case r := <-result:
			got, err = r.b, r.err
		case <-time.After(10 * time.Second):
			t.Fatalf("send %d: Parse of the FIFO did not return in 10s", tt.send)
		}
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("send %d: the writer did not finish in 10s", tt.send)
		}
		if tt.ok {
			if err != nil || len(got) != tt.send {
				t.Errorf("send %d: got %d bytes, %v", tt.send, len(got), err)
			}
		} else if err == nil || !strings.Contains(err.Error(), "file is larger than the 1000-byte limit") {
			t.Errorf("send %d: got %d bytes, %v; want limit error", tt.send, len(got), err)
		}
	}
}
