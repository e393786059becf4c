package line

import (
	"errors"
	"io"
	"strings"
	"testing"
)

// endless is input without a line end, as /dev/zero is; it fails the
// test's read when the reader asks for far more than it should skip.
type endless struct {
	t    *testing.T
	read int
}

func (e *endless) Read(p []byte) (int, error) {
	if e.read > 4*MaxSkip {
		e.t.Fatalf("the reader went on past %d bytes of one line", e.read)
	}
	for i := range p {
		p[i] = 'x'
	}
	e.read += len(p)
	return len(p), nil
}

// TestReaderEndlessLine: a line that never ends stops the input with one
// error after at most MaxSkip bytes, instead of skipping for ever.
func TestReaderEndlessLine(t *testing.T) {
	in := &endless{t: t}
	r := NewReader(in)
	_, err := r.Next()
	if err == nil || errors.Is(err, ErrTooLong) || !strings.Contains(err.Error(), "line 1 has no end in its first") {
		t.Fatalf("got %v; want the no-end error", err)
	}
	if in.read > MaxSkip+2*MaxLine {
		t.Errorf("read %d bytes, more than MaxSkip (%d) and a buffer", in.read, MaxSkip)
	}
}

// TestReaderLongLine: a line over MaxLine that does end is skipped, and
// the next line is read.
func TestReaderLongLine(t *testing.T) {
	r := NewReader(strings.NewReader(strings.Repeat("y", 3*MaxLine) + "\necho next\n"))
	if _, err := r.Next(); !errors.Is(err, ErrTooLong) {
		t.Fatalf("got %v; want ErrTooLong", err)
	}
	line, err := r.Next()
	if err != nil || string(line) != "echo next" || r.Line != 2 {
		t.Fatalf("then %q, %v (line %d); want echo next, line 2", line, err, r.Line)
	}
	if _, err := r.Next(); err != io.EOF {
		t.Fatalf("then %v; want EOF", err)
	}
}

// TestReaderLineEnds: a line ends at LF, CRLF or a lone CR, as Python
// reads a file (a script from an old Mac, or with a stray CR, reads as
// lines, not as one line with control bytes in it).
func TestReaderLineEnds(t *testing.T) {
	r := NewReader(strings.NewReader("a\nb\r\nc\rd\r\re\r\nf\rg"))
	var got []string
	last := 0
	for {
		line, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		got, last = append(got, string(line)), r.Line
	}
	if want := "a b c d  e f g"; strings.Join(got, " ") != want || last != 8 {
		t.Errorf("lines %q (the last numbered %d); want %q (8)", got, last, want)
	}
}
