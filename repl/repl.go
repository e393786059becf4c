// Package repl is the line loop: readline at a terminal, a plain reader
// for scripts. It reads lines and hands them to the session; what a line
// means is the session's business. At a terminal it adds what makes the
// shell pleasant to learn in: Tab completion and dimmed argument hints
// (both from internal/complete) and a persistent history (history.go).
package repl

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/chzyer/readline"
	"github.com/fatih/color"

	"sockrepl/internal/complete"
	"sockrepl/internal/session"
)

// Prompt says the shell is sockrepl and is waiting for a command.
const Prompt = "sockrepl> "

// Options for an interactive loop.
type Options struct {
	Stdin  io.ReadCloser
	Stdout io.Writer
	Stderr io.Writer
	// HistoryFile is where history persists across sessions ("": only
	// for this session). HistoryPath gives the usual place.
	HistoryFile string
}

// Interactive reads commands at a terminal until Ctrl-D or quit. Ctrl-C at
// the prompt clears the line; Ctrl-C during a call is the session's (the
// signal handler interrupts the wait).
func Interactive(s *session.Session, opt Options) error {
	view := &sessionView{}
	view.update(s)
	// The editor's goroutine may run the painter and the listener as soon
	// as readline exists, so they find the instance through this pointer.
	var inst atomic.Pointer[readline.Instance]
	painter := &hintPainter{view: view, promptWidth: width([]rune(Prompt)),
		screenWidth: readline.GetScreenWidth,
		searching: func() bool {
			rl := inst.Load()
			return rl != nil && rl.Operation.IsSearchMode()
		}}
	cfg := &readline.Config{
		Prompt:            Prompt,
		Stdin:             opt.Stdin,
		Stdout:            opt.Stdout,
		Stderr:            opt.Stderr,
		AutoComplete:      &completer{view: view},
		HistoryLimit:      maxHistory,
		HistorySearchFold: true,
		Painter:           painter,
		InterruptPrompt:   "^C",
		EOFPrompt:         "quit",
	}
	// readline's own HistoryFile is left empty: it would open the file
	// with os.OpenFile (mode 0666 less the umask, and a low descriptor
	// plus the runtime poller's two). The history is kept here instead.
	var hist *history
	var lines []string
	if opt.HistoryFile != "" {
		h, ls, err := openHistory(opt.HistoryFile)
		if err != nil {
			stderr := opt.Stderr
			if stderr == nil {
				stderr = os.Stderr
			}
			fmt.Fprintf(stderr, "sockrepl: history will not be saved: %v\n", err)
		} else {
			hist, lines = h, ls
			defer hist.close()
		}
	}
	cfg.Listener = readline.FuncListener(func(line []rune, pos int, key rune) ([]rune, int, bool) {
		closeList(inst.Load(), key)
		return nil, 0, false
	})
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return fmt.Errorf("cannot start the line editor: %w", err)
	}
	inst.Store(rl)
	defer rl.Close()
	for _, l := range lines {
		rl.SaveHistory(l)
	}
	return loop(s, rl, view, hist)
}

// closeList closes the list of candidates that a second Tab shows, as
// soon as a key other than Tab is typed: the next Tab then completes what
// is typed by then (readline would otherwise keep the list and make Tab
// pick from it).
func closeList(rl *readline.Instance, key rune) {
	if rl == nil || key == 0 || key == readline.CharTab {
		return
	}
	op := rl.Operation
	if op.IsInCompleteMode() && !op.IsInCompleteSelectMode() {
		op.ExitCompleteMode(false)
		op.Refresh() // redraws the line and clears what was below it
	}
}

func loop(s *session.Session, rl *readline.Instance, view *sessionView, hist *history) error {
	for !s.Quitting() {
		view.update(s)
		text, err := rl.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			continue
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		}
		if hist != nil {
			hist.add(text)
		}
		s.ExecLine(text)
	}
	return nil
}

// Plain reads commands from a reader that is not a terminal (a pipe, a
// file), until it ends, quit, or stop says so. It keeps no history.
func Plain(s *session.Session, r io.Reader, stop func() bool) error {
	return s.RunScript(r, func() bool { return s.Quitting() || stop() })
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool { return readline.IsTerminal(int(f.Fd())) }

// sessionView is what completion and hints may read of the session. The
// line editor calls them from its own goroutine, so the loop copies what
// they need before each prompt, while no command runs.
type sessionView struct {
	mu    sync.Mutex
	env   complete.Env
	color bool
}

func (v *sessionView) update(s *session.Session) {
	var hs []complete.Handle
	for _, h := range s.Handles() {
		if h.Closed() {
			continue
		}
		ch := complete.Handle{ID: h.ID, Name: h.Name, File: h.File != nil}
		if h.Sock != nil {
			ch.Family = h.Sock.Family
		}
		hs = append(hs, ch)
	}
	v.mu.Lock()
	v.env = complete.Env{Handles: hs}
	v.color = s.Out != nil && s.Out.Color
	v.mu.Unlock()
}

func (v *sessionView) get() (complete.Env, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.env, v.color
}

// completer adapts complete.Complete to readline, which inserts the rest
// of a candidate after what is typed.
type completer struct{ view *sessionView }

func (c *completer) Do(line []rune, pos int) ([][]rune, int) {
	env, _ := c.view.get()
	word, cands := complete.Complete(string(line[:pos]), env)
	n := len([]rune(word))
	out := make([][]rune, 0, len(cands))
	for _, cand := range cands {
		rest := []rune(cand)[n:]
		// A whole word is followed by a blank, ready for the next one; a
		// directory or fileno= is not whole yet.
		if !strings.HasSuffix(cand, "/") && !strings.HasSuffix(cand, "=") {
			rest = append(rest, ' ')
		}
		out = append(out, rest)
	}
	return out, n
}

// hintPainter draws the argument hint after the line, dimmed, without
// putting it in the line: readline paints what Paint returns, and the
// cursor-left sequence at its end puts the cursor back where the typing
// is. The hint is cut to the room left on the terminal row, so it never
// wraps (readline counts rows from the line alone when it redraws).
type hintPainter struct {
	view        *sessionView
	promptWidth int
	searching   func() bool
	screenWidth func() int
}

var dim = color.New(color.Faint)

func (p *hintPainter) Paint(line []rune, pos int) []rune {
	if pos != len(line) || len(line) == 0 || line[len(line)-1] == '\n' {
		return line
	}
	if p.searching != nil && p.searching() {
		return line
	}
	env, on := p.view.get()
	if !on {
		return line
	}
	hint := []rune(complete.Hint(string(line), env))
	if len(hint) == 0 {
		return line
	}
	cols := 80
	if p.screenWidth != nil {
		if w := p.screenWidth(); w > 0 {
			cols = w
		}
	}
	used := (p.promptWidth + width(line)) % cols
	if used == 0 {
		return line // at the row's edge: readline moves to the next row itself
	}
	room := cols - used - 1
	if room < 4 {
		return line
	}
	if width(hint) > room {
		hint = append(cutWidth(hint, room-1), '…')
	}
	dim.EnableColor()
	out := make([]rune, 0, len(line)+len(hint)+16)
	out = append(out, line...)
	out = append(out, []rune(dim.Sprint(string(hint)))...)
	out = append(out, []rune("\x1b["+strconv.Itoa(width(hint))+"D")...)
	return out
}

var runeWidth readline.Runes

func width(rs []rune) int { return runeWidth.WidthAll(rs) }

func cutWidth(rs []rune, max int) []rune {
	w := 0
	for i, r := range rs {
		w += runeWidth.Width(r)
		if w > max {
			return rs[:i:i]
		}
	}
	return rs
}
