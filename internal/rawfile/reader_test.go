package rawfile

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestReadAllLimit: exactly limit bytes are read, one more is refused,
// from a regular file (by its size) and from a pipe (while reading).
func TestReadAllLimit(t *testing.T) {
	const limit = 3*maxChunk + 5 // several chunks
	for _, size := range []int{0, 1, limit, limit + 1} {
		data := bytes.Repeat([]byte{'z'}, size)
		path := filepath.Join(t.TempDir(), "f")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		check := func(kind string, got []byte, err error) {
			t.Helper()
			var tooBig *TooBigError
			switch {
			case size <= limit && (err != nil || !bytes.Equal(got, data)):
				t.Errorf("%s of %d bytes: got %d bytes, %v", kind, size, len(got), err)
			case size > limit && !errors.As(err, &tooBig):
				t.Errorf("%s of %d bytes: got %d bytes, %v; want TooBigError", kind, size, len(got), err)
			}
		}
		r, err := OpenReader(path, nil)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.ReadAll(limit)
		r.Close()
		check("file", got, err)

		pr, pw, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		go func() {
			pw.Write(data) // EPIPE once the reader gave up
			pw.Close()
		}()
		got, err = NewReader(int(pr.Fd()), "pipe", nil).ReadAll(limit)
		pr.Close()
		check("pipe", got, err)
	}
}
