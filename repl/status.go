package repl

import (
	"io"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/fatih/color"

	"sockrepl/internal/msg"
)

// StatusLine shows, at a terminal, that a command has waited more than a
// moment in a call (accept with no client, recv with no data, a send into
// a full buffer): one dimmed line under the command, updated every second
// and removed as soon as anything else is written. All the shell's output
// at the terminal goes through it (it is an io.Writer), so the line is
// always gone before the output that follows it; it never goes to a pipe
// or a file.
type StatusLine struct {
	mu    sync.Mutex
	w     io.Writer
	width func() int
	// Color, when set, says whether colors are on: the line is dimmed
	// then (never under NO_COLOR).
	Color func() bool
	dim   bool
	line  string // the line being run
	what  string // what the call waits for, as the session says
	gen   int    // changes whenever the wait it was armed for is over
	shown bool
	timer *time.Timer
}

// statusDim is the status line's own: the hint painter's runs in
// readline's goroutine.
var statusDim = color.New(color.Faint)

// statusDelay is "more than a moment".
const statusDelay = 700 * time.Millisecond

// NewStatusLine writes to the terminal w.
func NewStatusLine(w io.Writer) *StatusLine {
	return &StatusLine{w: w}
}

// Write erases the status line, then writes p.
func (l *StatusLine) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopLocked()
	return l.w.Write(p)
}

// Running names the line the shell runs now ("" at the prompt, which also
// removes the status line).
func (l *StatusLine) Running(line string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.stopLocked()
	l.line = strings.TrimSpace(line)
}

// Waiting is told, just before a call waits, what it waits for ("" if
// the session cannot say: the line being run is shown).
func (l *StatusLine) Waiting(what string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.what = what
	l.dim = l.Color != nil && l.Color()
	if l.shown {
		return // the same command waits on; the next redraw says what for
	}
	l.stopLocked()
	gen, start := l.gen, time.Now()
	l.timer = time.AfterFunc(statusDelay, func() { l.draw(gen, start) })
}

func (l *StatusLine) draw(gen int, start time.Time) {
	defer recoverQuietly()
	l.mu.Lock()
	defer l.mu.Unlock()
	what := l.what
	if what == "" {
		what = l.line
	}
	if gen != l.gen || what == "" {
		return
	}
	secs := int(time.Since(start).Seconds() + 0.5)
	text := msgWaiting.S(msg.A("what", what), msg.A("secs", strconv.Itoa(secs)))
	cols := 80
	if l.width != nil {
		cols = l.width()
	}
	if r := []rune(text); width(r) > cols-1 {
		text = string(append(cutWidth(r, cols-2), '…'))
	}
	if l.dim {
		statusDim.EnableColor()
		text = statusDim.Sprint(text)
	}
	io.WriteString(l.w, "\r\x1b[K"+text)
	l.shown = true
	l.timer = time.AfterFunc(time.Second, func() { l.draw(gen, start) })
}

// stopLocked ends the current wait's timer and erases the line.
func (l *StatusLine) stopLocked() {
	l.gen++
	if l.timer != nil {
		l.timer.Stop()
		l.timer = nil
	}
	if l.shown {
		io.WriteString(l.w, "\r\x1b[K")
		l.shown = false
	}
}
