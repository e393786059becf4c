//go:build unix

package literal

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"runtime"
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

// TestEndlessFileMemory: an endless file (/dev/zero) is refused after
// limit+1 bytes, and what is allocated on the way stays near the limit: a
// buffer doubled as it fills allocated several times it (1 GB for the
// 256 MiB limit) and ran a memory-limited shell out of memory.
func TestEndlessFileMemory(t *testing.T) {
	const max = 32 << 20
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Parse("@/dev/zero", Options{MaxSize: max})
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "file is larger than the 33554432-byte limit") {
		t.Fatalf("got %v; want the limit error", err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > max+max/4 {
		t.Errorf("reading /dev/zero against a %d-byte limit allocated %d bytes", max, got)
	}
}

// TestRepeatZeroReadsNothing: @FILE*0 is empty without reading the file,
// so an endless one answers at once; a missing file is still an error.
func TestRepeatZeroReadsNothing(t *testing.T) {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	got, err := Parse("@/dev/zero*0", Options{})
	runtime.ReadMemStats(&after)
	if err != nil || len(got) != 0 {
		t.Fatalf("@/dev/zero*0 = %d bytes, %v; want empty", len(got), err)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("@/dev/zero*0 allocated %d bytes", n)
	}
	if _, err := Parse("@"+filepath.Join(t.TempDir(), "none")+"*0", Options{}); err == nil {
		t.Error("@missing*0: no error")
	}
}

// TestWaitEndsRead: a FIFO with no writer waits in Options.Wait, and what
// Wait returns (the shell's Ctrl-C) ends the read unchanged, not as a
// malformed word.
func TestWaitEndsRead(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	stop := errors.New("stopped")
	waited := 0
	result := make(chan error, 1)
	go func() {
		_, err := Parse("@"+path, Options{Wait: func(int) error { waited++; return stop }})
		result <- err
	}()
	select {
	case err := <-result:
		if err != stop || waited != 1 {
			t.Errorf("got %v after %d waits; want the Wait's own error after one", err, waited)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Parse of a FIFO with no writer blocked (in open?) for 10s")
	}
}
