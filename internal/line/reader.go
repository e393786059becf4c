package line

import (
	"sockrepl/internal/msg"

	"bufio"
	"bytes"
	"errors"
	"io"
)

// ErrTooLong is a line over MaxLine; the reader skips it and goes on.
var ErrTooLong = errors.New("line too long") // matched with errors.Is; never printed

// MaxSkip bounds how much of an over-long line the reader skips looking
// for its end. Input that has no line end so far (/dev/zero, a binary
// file) is not a script: the reader stops there instead of reading for
// ever.
const MaxSkip = 64 * MaxLine

// Reader reads lines of a script, refusing (and skipping) any line longer
// than MaxLine instead of holding it in memory.
type Reader struct {
	r    *bufio.Reader
	Line int // number of the line last returned
	// rest is what followed a lone CR in the last line read: the lines
	// still to come from it.
	rest []byte
}

// NewReader reads lines from r.
func NewReader(r io.Reader) *Reader { return &Reader{r: bufio.NewReaderSize(r, 64<<10)} }

// Next returns the next line without its line ending, or io.EOF. The
// bytes are good until the next call (a script's lines are mostly looked
// up, not kept). A line that is too long gives an error wrapping
// ErrTooLong, and the reader goes on after it; a line with no end in
// MaxSkip bytes, or any other error (EISDIR, EIO, Ctrl-C), ends the input.
// A line ends at "\n", "\r\n" or a lone "\r", as Python reads a file.
func (r *Reader) Next() ([]byte, error) {
	if r.rest != nil {
		r.Line++
		return r.cutCR(r.rest), nil
	}
	line, err := r.next()
	if err != nil {
		return nil, err
	}
	return r.cutCR(line), nil
}

// cutCR returns line up to a lone CR, a line end as much as LF (a file
// from an old Mac, a CR typed into a line); what follows it is kept in
// rest for the calls to come.
func (r *Reader) cutCR(line []byte) []byte {
	i := bytes.IndexByte(line, '\r')
	if i < 0 {
		r.rest = nil
		return line
	}
	r.rest = append([]byte{}, line[i+1:]...) // line's buffer is reused
	return line[:i]
}

// next reads up to the next "\n".
func (r *Reader) next() ([]byte, error) {
	var buf []byte
	r.Line++
	for {
		chunk, err := r.r.ReadSlice('\n')
		if err == nil && buf == nil {
			// The usual case: the whole line is in the buffer.
			return trimEOL(chunk), nil
		}
		if len(buf)+len(chunk) > MaxLine+1 {
			return nil, r.skip(len(buf)+len(chunk), err)
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

// skip drops the rest of an over-long line, of which seen bytes were read
// already, without keeping it; err is what the last read said.
func (r *Reader) skip(seen int, err error) error {
	for err == bufio.ErrBufferFull {
		if seen > MaxSkip {
			return errors.New(msgNoLineEnd.S(msg.A("line", r.Line), msg.A("max", MaxSkip)))
		}
		var chunk []byte
		chunk, err = r.r.ReadSlice('\n')
		seen += len(chunk)
	}
	if err != nil && err != io.EOF {
		return err
	}
	return tooLong(msgLineSkipped.S(msg.A("line", r.Line), msg.A("max", MaxLine)))
}

// trimEOL drops a line's "\n" or "\r\n".
func trimEOL(b []byte) []byte {
	b = b[:len(b)-1]
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
	}
	return b
}

// tooLong is ErrTooLong with its message in the current language.
type tooLong string

func (e tooLong) Error() string        { return string(e) }
func (e tooLong) Is(target error) bool { return target == ErrTooLong }
