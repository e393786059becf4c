package repl

import (
	"bytes"
	"fmt"
	"io"
	"os"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
	"sockrepl/internal/session"
)

// DumbTerminal reads commands at a terminal that cannot move its cursor
// (TERM=dumb: an editor's shell buffer, a serial console). It writes the
// prompt and nothing else of its own: no escape sequences, no hints, no
// Tab completion. The terminal's own line editing (Backspace, Ctrl-U)
// works as in any cooked terminal.
type DumbTerminal struct {
	in    int
	out   io.Writer
	event int // eventfd: Ctrl-C at the prompt
	wait  *waiter
	buf   []byte
}

// maxDumbLine bounds one line; the rest of a longer one is dropped.
const maxDumbLine = 1 << 20

// NewDumbTerminal reads lines from in and prompts on out.
func NewDumbTerminal(in *os.File, out io.Writer) (*DumbTerminal, error) {
	ev, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		return nil, err
	}
	ev = rawfile.MoveHigh(ev)
	w, err := newWaiter(int(in.Fd()), ev)
	if err != nil {
		unix.Close(ev)
		return nil, err
	}
	return &DumbTerminal{in: int(in.Fd()), out: out, event: ev, wait: w}, nil
}

// Interrupt is Ctrl-C: at the prompt it drops the line and prompts again.
// It is safe to call from a signal-handling goroutine.
func (d *DumbTerminal) Interrupt() {
	one := [8]byte{1}
	unix.Write(d.event, one[:])
}

// Run reads and runs lines until end of input or quit.
func (d *DumbTerminal) Run(s *session.Session) error {
	defer unix.Close(d.event)
	defer d.wait.close()
	return inputFor(s).feed(d, func() bool { return false }, nil)
}

// next prompts and reads a line.
func (d *DumbTerminal) next(prompt string) ([]byte, error) {
	d.drain() // a Ctrl-C that stopped the last command
	fmt.Fprint(d.out, prompt)
	text, err := d.line()
	switch {
	case err == errPromptInterrupted:
		fmt.Fprintln(d.out)
	case err == io.EOF:
		fmt.Fprintln(d.out, "quit")
	}
	return text, err
}

func (d *DumbTerminal) drain() {
	var b [8]byte
	unix.Read(d.event, b[:])
}

// line reads one line, waiting for the terminal or Ctrl-C.
func (d *DumbTerminal) line() ([]byte, error) {
	var chunk [4096]byte
	for {
		if i := bytes.IndexByte(d.buf, '\n'); i >= 0 {
			text := bytes.Clone(bytes.TrimRight(d.buf[:i], "\r"))
			d.buf = d.buf[i+1:]
			return text, nil
		}
		ready, woken, err := d.wait.wait()
		if err != nil {
			return nil, err
		}
		if woken {
			d.drain()
			d.buf = nil // the terminal dropped what was typed, too
			return nil, errPromptInterrupted
		}
		if !ready {
			continue
		}
		n, err := unix.Read(d.in, chunk[:])
		if err == unix.EINTR || err == unix.EAGAIN {
			continue
		}
		if err != nil {
			return nil, err
		}
		if n == 0 {
			if len(d.buf) > 0 {
				text := d.buf
				d.buf = nil
				return text, nil
			}
			return nil, io.EOF
		}
		if len(d.buf)+n > maxDumbLine {
			d.buf = d.buf[:0] // a line too long for any command
		}
		d.buf = append(d.buf, chunk[:n]...)
	}
}
