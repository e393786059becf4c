package line

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// ErrTooLong is a line over MaxLine; the reader skips it and goes on.
var ErrTooLong = errors.New("line too long")

// Reader reads lines of a script, refusing (and skipping) any line longer
// than MaxLine instead of holding it in memory.
type Reader struct {
	r    *bufio.Reader
	Line int // number of the line last returned
	// BeforeWait, when set, runs before a read that may block (nothing is
	// buffered): a script fed through a pipe by another program must see
	// the output of the commands so far before the shell waits for more.
	BeforeWait func()
}

// NewReader reads lines from r.
func NewReader(r io.Reader) *Reader { return &Reader{r: bufio.NewReaderSize(r, 64<<10)} }

// Next returns the next line without its line ending, or io.EOF. The
// bytes are good until the next call (a script's lines are mostly looked
// up, not kept). A line that is too long gives an error wrapping
// ErrTooLong, and the reader goes on after it; any other error (EISDIR,
// EIO) ends the input.
func (r *Reader) Next() ([]byte, error) {
	var buf []byte
	r.Line++
	for {
		if r.BeforeWait != nil && r.r.Buffered() == 0 {
			r.BeforeWait()
		}
		chunk, err := r.r.ReadSlice('\n')
		if err == nil && buf == nil {
			// The usual case: the whole line is in the buffer.
			return trimEOL(chunk), nil
		}
		if len(buf)+len(chunk) > MaxLine+1 {
			// Drop the rest of the line without keeping it.
			for err == bufio.ErrBufferFull {
				_, err = r.r.ReadSlice('\n')
			}
			return nil, fmt.Errorf("line %d is longer than %d bytes; skipped: %w", r.Line, MaxLine, ErrTooLong)
		}
		buf = append(buf, chunk...)
		switch err {
		case nil:
			return trimEOL(buf), nil
		case bufio.ErrBufferFull:
			continue
		case io.EOF:
			if len(buf) == 0 {
				return nil, io.EOF
			}
			return buf, nil
		default:
			return nil, err
		}
	}
}

// trimEOL drops a line's "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	b = b[:len(b)-1]
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}
