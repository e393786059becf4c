// Package repl is the line loop: readline at a terminal, a plain reader
// for scripts. It reads lines and hands them to the session; what a line
// means is the session's business. At a terminal it adds what makes the
// shell pleasant to learn in: Tab completion and dimmed argument hints
// (both from internal/complete) and a persistent history (history.go).
package repl

import (
	"bytes"
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
	"golang.org/x/sys/unix"

	"sockrepl/internal/complete"
	"sockrepl/internal/msg"
	"sockrepl/internal/render"
	"sockrepl/internal/session"
)

// Prompt says the shell is sockrepl and is waiting for a command. The
// session may add to it (a lesson's step): the loops ask s.Prompt().
const Prompt = "sockrepl> "

// ContinuationPrompt asks for the next line of a Python block.
const ContinuationPrompt = "... "

// Options for an interactive loop.
type Options struct {
	Stdin  io.ReadCloser
	Stdout io.Writer
	Stderr io.Writer
	// HistoryFile is where history persists across sessions ("": only
	// for this session). HistoryPath gives the usual place.
	HistoryFile string
	// Status, when set, is told what runs (Stdout should write through
	// it too).
	Status *StatusLine
}

// Interactive reads commands at a terminal until Ctrl-D or quit. Ctrl-C at
// the prompt clears the line; Ctrl-C during a call is the session's (the
// signal handler interrupts the wait). Stdin and Stdout must be the
// terminal (*os.File).
func Interactive(s *session.Session, opt Options) error {
	in, ok := opt.Stdin.(*os.File)
	if !ok {
		return errors.New(msgNoEditor.S(msg.A("err", msgNotATerminal.S())))
	}
	outFD := int(in.Fd())
	if f, ok := opt.Stdout.(*os.File); ok {
		outFD = int(f.Fd())
	}
	keys, err := newKeyReader(int(in.Fd()))
	if err != nil {
		return fmt.Errorf("%s: %w", msgNoEditorPrefix.S(), err)
	}
	defer keys.release()
	scr := newScreen(outFD)
	scr.watch(keys)
	defer scr.stop()

	e := &editor{view: &sessionView{}, screen: scr, keys: keys, stderr: opt.Stderr, status: opt.Status, inFD: int(in.Fd())}
	defer e.echo(true)
	if e.status != nil {
		// The terminal's width now: it may change while a call waits,
		// when readline's width is not updated.
		e.status.width = func() int { return termWidth(outFD) }
	}
	if e.stderr == nil {
		e.stderr = os.Stderr
	}
	e.view.update(s, "")
	out := &cursorWriter{w: opt.Stdout}
	e.painter = &hintPainter{view: e.view, promptWidth: width([]rune(Prompt)),
		screenWidth: scr.width, bug: e.noteBug, moves: out,
		searching: func() bool {
			rl := e.inst.Load()
			return rl != nil && rl.Operation.IsSearchMode()
		}}
	cfg := &readline.Config{
		Prompt: s.Prompt(),
		Stdin:  keys,
		Stdout: out,
		Stderr: opt.Stderr,
		AutoComplete: &completer{view: e.view, width: scr.width, bug: e.noteBug,
			listing: func() bool {
				rl := e.inst.Load()
				return rl != nil && rl.Operation.IsInCompleteMode()
			}},
		HistoryLimit:        maxHistory,
		HistorySearchFold:   true,
		Painter:             e.painter,
		InterruptPrompt:     "^C",
		EOFPrompt:           "quit",
		FuncGetWidth:        scr.width,
		FuncOnWidthChanged:  scr.onChange,
		FuncFilterInputRune: e.filterKey,
		FuncIsTerminal:      func() bool { return true },
	}
	// readline's own HistoryFile is left empty: it would open the file
	// with os.OpenFile (mode 0666 less the umask, and a low descriptor
	// plus the runtime poller's two). The history is kept here instead.
	var hist *history
	var lines []string
	if opt.HistoryFile != "" {
		h, ls, err := openHistory(opt.HistoryFile)
		if err != nil {
			fmt.Fprintln(e.stderr, "sockrepl: "+render.Sanitize(msgNoHistory.S(msg.A("err", err))))
		} else {
			hist, lines = h, ls
			defer hist.close()
		}
	}
	cfg.Listener = readline.FuncListener(e.onKey)
	rl, err := readline.NewEx(cfg)
	if err != nil {
		return fmt.Errorf("%s: %w", msgNoEditorPrefix.S(), err)
	}
	e.inst.Store(rl)
	defer rl.Close()
	defer keys.Close() // ends a Read readline may still wait in
	for _, l := range lines {
		rl.SaveHistory(l)
	}
	return e.loop(s, rl, hist)
}

// editor is what the shell adds around readline: it runs readline's
// callbacks (completion, hints, keys) and keeps any failure in them from
// reaching readline, whose goroutines would die with the whole shell.
type editor struct {
	view    *sessionView
	screen  *screen
	keys    *keyReader
	painter *hintPainter
	stderr  io.Writer
	status  *StatusLine
	// The editor's goroutine may run the callbacks as soon as readline
	// exists, so they find the instance through this pointer.
	inst  atomic.Pointer[readline.Instance]
	paste []rune // a paste for onKey to insert (readline's goroutine only)
	bugs  atomic.Pointer[string]
	// inFD is the terminal; quiet: its echo is off while a line runs.
	inFD  int
	quiet bool
}

// echo turns the terminal's echo off while a line runs and on again for
// the prompt. Keys typed ahead during a wait would otherwise be echoed
// onto the status line, and again by readline at the next prompt; the
// terminal keeps them (canonical mode stays on) for readline to read.
func (e *editor) echo(on bool) {
	if on != e.quiet {
		return
	}
	t, err := unix.IoctlGetTermios(e.inFD, unix.TCGETS)
	if err != nil {
		return
	}
	if on {
		t.Lflag |= unix.ECHO
	} else {
		t.Lflag &^= unix.ECHO
	}
	if unix.IoctlSetTermios(e.inFD, unix.TCSETS, t) == nil {
		e.quiet = !on
	}
}

// noteBug keeps a panic of a callback, to be told before the next prompt
// (nothing may be written while readline draws the line).
func (e *editor) noteBug(where *msg.M, p any) {
	text := "sockrepl: " + render.Sanitize(msgInternalError.S(msg.A("where", where.S()), msg.A("panic", fmt.Sprint(p))))
	e.bugs.Store(&text)
}

func (e *editor) tellBugs() {
	if msg := e.bugs.Swap(nil); msg != nil {
		fmt.Fprintln(e.stderr, *msg)
	}
}

// filterKey sees every key before readline does, in readline's editing
// goroutine; the private keys of keys.go are handled here.
func (e *editor) filterKey(r rune) (out rune, process bool) {
	defer func() {
		if p := recover(); p != nil {
			e.noteBug(msgWhereEditor, p)
			out, process = r, false
		}
	}()
	rl := e.inst.Load()
	switch r {
	case keyResize:
		e.screen.apply()
		if rl != nil && rl.Operation.IsInCompleteMode() {
			// The list was laid out for the old width.
			rl.Operation.ExitCompleteMode(false)
		}
		return r, false // readline redraws the line for the new width
	case keyPaste:
		text := e.keys.nextPaste()
		if rl == nil {
			return r, false
		}
		op := rl.Operation
		if op.IsSearchMode() {
			for _, c := range text {
				op.SearchChar(c)
			}
			return r, false
		}
		if op.IsInCompleteMode() {
			op.ExitCompleteMode(false)
		}
		// Bell does nothing to the line; onKey then inserts the paste.
		e.paste = []rune(text)
		return readline.CharBell, true
	}
	return r, true
}

// onKey is readline's listener: it inserts a paste, and closes the list
// of candidates when a key other than Tab is typed.
func (e *editor) onKey(line []rune, pos int, key rune) (newLine []rune, newPos int, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			e.noteBug(msgWhereEditor, p)
			newLine, newPos, ok = nil, 0, false
		}
	}()
	if key == readline.CharBell && e.paste != nil {
		p := e.paste
		e.paste = nil
		if pos < 0 || pos > len(line) {
			pos = len(line)
		}
		nl := make([]rune, 0, len(line)+len(p))
		nl = append(nl, line[:pos]...)
		nl = append(nl, p...)
		nl = append(nl, line[pos:]...)
		return nl, pos + len(p), true
	}
	closeList(e.inst.Load(), key)
	return nil, 0, false
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

func (e *editor) loop(s *session.Session, rl *readline.Instance, hist *history) error {
	in := inputFor(s)
	in.bug = func(p any) { e.noteBug(msgWhereShell, p) }
	return in.feed(&editorLines{e: e, s: s, rl: rl, hist: hist}, func() bool { return false }, nil)
}

// editorLines reads lines with readline.
type editorLines struct {
	e    *editor
	s    *session.Session
	rl   *readline.Instance
	hist *history
}

func (l *editorLines) next(prompt string) ([]byte, error) {
	e := l.e
	e.view.update(l.s, prompt)
	e.tellBugs()
	if e.status != nil {
		e.status.Running("")
	}
	e.echo(true) // before readline saves the terminal's mode
	l.rl.SetPrompt(prompt)
	text, err := e.readLine(l.rl)
	switch {
	case errors.Is(err, readline.ErrInterrupt):
		return nil, errPromptInterrupted
	case err != nil:
		return nil, err // io.EOF: Ctrl-D
	}
	if l.hist != nil {
		l.hist.add(text)
	}
	if e.status != nil {
		e.status.Running(text)
	}
	e.echo(false)
	return []byte(text), nil
}

// readLine is rl.Readline; a panic in it (readline leaves raw mode as it
// unwinds) is told, and the prompt comes back.
func (e *editor) readLine(rl *readline.Instance) (text string, err error) {
	defer func() {
		if p := recover(); p != nil {
			e.noteBug(msgWhereEditor, p)
			text, err = "", readline.ErrInterrupt
		}
	}()
	return rl.Readline()
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool { return readline.IsTerminal(int(f.Fd())) }

// sessionView is what completion and hints may read of the session. The
// line editor calls them from its own goroutine, so the loop copies what
// they need before each prompt, while no command runs.
type sessionView struct {
	mu          sync.Mutex
	env         complete.Env
	color       bool
	promptText  string // the prompt shown, and how wide it is
	promptWidth int
	// inBlock: the line is one of a Python block's (the prompt is `... `).
	inBlock bool
}

// update copies what completion and hints read of s, before a prompt;
// prompt is the one shown, "" for the session's own.
func (v *sessionView) update(s *session.Session, prompt string) {
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
	p := prompt
	if p == "" {
		p = s.Prompt()
	}
	v.mu.Lock()
	v.env = complete.Env{Handles: hs, Attrs: s.PythonAttrs()}
	v.color = s.Out != nil && s.Out.Color
	v.promptText, v.promptWidth = p, width([]rune(p))
	v.inBlock = p == ContinuationPrompt
	v.mu.Unlock()
}

// blockLine reports whether the line being edited is one of a Python
// block's.
func (v *sessionView) blockLine() bool {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.inBlock
}

func (v *sessionView) prompt() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.promptText
}

// promptCols is the prompt's width, or def when the view has none yet.
func (v *sessionView) promptCols(def int) int {
	if v == nil {
		return def
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if v.promptWidth == 0 {
		return def
	}
	return v.promptWidth
}

func (v *sessionView) get() (complete.Env, bool) {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.env, v.color
}

// indent is what Tab inserts at the start of a block's line.
const indent = "    "

// completer adapts complete.Complete to readline, which inserts the rest
// of a candidate after what is typed. What it hands readline always fits
// the terminal's width (fitList).
type completer struct {
	view    *sessionView
	width   func() int  // the width readline lays the list out with
	listing func() bool // readline shows the list of candidates
	bug     func(where *msg.M, p any)
}

func (c *completer) Do(line []rune, pos int) (out [][]rune, n int) {
	defer func() {
		if p := recover(); p != nil {
			if c.bug != nil {
				c.bug(msgWhereCompletion, p)
			}
			out, n = nil, 0
		}
	}()
	if pos < 0 || pos > len(line) {
		return nil, 0
	}
	// In a block, Tab with only blanks before it indents, as Python's
	// REPL does (it inserts a tab; four blanks draw the same everywhere).
	if c.view.blockLine() && strings.TrimLeft(string(line[:pos]), " \t") == "" {
		return [][]rune{[]rune(indent)}, 0
	}
	env, _ := c.view.get()
	word, cands := complete.Complete(string(line[:pos]), env)
	w := []rune(word)
	rests := make([][]rune, 0, len(cands))
	for _, cand := range cands {
		rest := []rune(cand)[len(w):]
		// A whole word is followed by a blank, ready for the next one; a
		// directory or fileno= is not whole yet, nor a Python call
		// (s.bind(), whose arguments follow).
		if !strings.HasSuffix(cand, "/") && !strings.HasSuffix(cand, "=") && !strings.HasSuffix(cand, "(") {
			rest = append(rest, ' ')
		}
		rests = append(rests, rest)
	}
	cols := 80
	if c.width != nil {
		cols = c.width()
	}
	return fitList(w, rests, cols, c.listing != nil && c.listing())
}

// hintPainter draws the argument hint after the line, dimmed, without
// putting it in the line: readline paints what Paint returns, and the
// cursor-left sequence at its end puts the cursor back where the typing
// is. The hint is cut to the room left on the terminal row, so it never
// wraps (readline counts rows from the line alone when it redraws).
//
// It also puts right where readline leaves the cursor inside a line with
// wide characters: readline moves back one column per character after the
// cursor, where a wide one takes two.
type hintPainter struct {
	view        *sessionView
	promptWidth int // when the view has no prompt yet
	searching   func() bool
	screenWidth func() int
	moves       *cursorWriter // takes the cursor moves of lines over several rows
	bug         func(where *msg.M, p any)
}

// maxHintLine: past this many characters (a paste) no hint is drawn;
// working it out on every key would make a long line quadratic.
const maxHintLine = 512

var dim = color.New(color.Faint)

func (p *hintPainter) Paint(line []rune, pos int) (out []rune) {
	defer func() {
		if r := recover(); r != nil {
			if p.bug != nil {
				p.bug(msgWhereHint, r)
			}
			out = line
		}
	}()
	if len(line) == 0 || len(line) > maxHintLine || pos < 0 || pos > len(line) || line[len(line)-1] == '\n' {
		return line
	}
	cols := 80
	if p.screenWidth != nil {
		if w := p.screenWidth(); w > 0 {
			cols = w
		}
	}
	if pos < len(line) {
		return p.wideCursor(line, pos, cols)
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
	used := (p.view.promptCols(p.promptWidth) + width(line)) % cols
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
	out = make([]rune, 0, len(line)+len(hint)+16)
	out = append(out, line...)
	out = append(out, []rune(dim.Sprint(string(hint)))...)
	out = append(out, []rune("\x1b["+strconv.Itoa(width(hint))+"D")...)
	return out
}

// wideCursor puts the cursor where readline misses it: readline moves
// back one column per character after the cursor, where a wide one takes
// two. On a line that fits its row, the painter adds the columns missed
// (readline moves back with nothing but \b). On a line over several rows,
// the painter ends with cursorMark and works out the whole move, which
// cursorWriter puts in place of readline's.
func (p *hintPainter) wideCursor(line []rune, pos, cols int) []rune {
	after := line[pos:]
	extra := width(after) - len(after)
	if extra <= 0 {
		return line
	}
	prompt := p.view.promptCols(p.promptWidth)
	out := make([]rune, 0, len(line)+8)
	out = append(out, line...)
	if prompt+width(line) < cols {
		return append(out, []rune("\x1b["+strconv.Itoa(extra)+"D")...)
	}
	if p.moves == nil {
		return line
	}
	move, ok := cursorMove(prompt, cols, line, pos)
	if !ok {
		return line
	}
	p.moves.set(move)
	return append(out, cursorMark)
}

// cursorMove is the way from the end of line, drawn after a prompt of
// that many columns on rows of cols, back to the character at pos. It
// counts rows as readline does (a row ends when it is full), which is how
// the terminal draws them unless a wide character does not fit at a row's
// end and the terminal moves it to the next row: then it says false.
func cursorMove(prompt, cols int, line []rune, pos int) (string, bool) {
	row, col := 0, prompt
	atRow, atCol := 0, 0
	for i, r := range line {
		if i == pos {
			atRow, atCol = row, col
		}
		col += render.RuneWidth(r)
		if col > cols {
			return "", false
		}
		if col == cols {
			row, col = row+1, 0
		}
	}
	var b strings.Builder
	if col == 0 {
		// The last row is full: the terminal waits at its end; a blank
		// and a backspace take it to the next row, as readline does.
		b.WriteString(" \b")
	}
	if up := row - atRow; up > 0 {
		b.WriteString("\x1b[" + strconv.Itoa(up) + "A")
	}
	b.WriteString("\r")
	if atCol > 0 {
		b.WriteString("\x1b[" + strconv.Itoa(atCol) + "C")
	}
	return b.String(), true
}

// cursorMark ends a painted line whose cursor move the painter made.
const cursorMark = '\uF8F2'

// cursorWriter is what readline writes to: a redraw that ends the painted
// line with cursorMark gets the painter's cursor move in place of what
// readline wrote after the line.
type cursorWriter struct {
	w    io.Writer
	mu   sync.Mutex
	move string
}

func (c *cursorWriter) set(move string) {
	c.mu.Lock()
	c.move = move
	c.mu.Unlock()
}

var cursorMarkBytes = []byte(string(cursorMark))

func (c *cursorWriter) Write(p []byte) (int, error) {
	i := bytes.Index(p, cursorMarkBytes)
	if i < 0 {
		return c.w.Write(p)
	}
	c.mu.Lock()
	move := c.move
	c.mu.Unlock()
	out := make([]byte, 0, i+len(move))
	out = append(append(out, p[:i]...), move...)
	if _, err := c.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Two measures of width. What the terminal draws (render's: wide and
// full-width characters, Chinese punctuation such as ，（） included,
// take two columns) decides where the cursor is and what fits a row.
// readline's own count (two columns only for Han, Hangul and kana) is
// what it pads its completion list with, so only fitList uses it.
var readlineRunes readline.Runes

func readlineWidth(rs []rune) int { return readlineRunes.WidthAll(rs) }

// width is how many columns the terminal draws rs in.
func width(rs []rune) int {
	n := 0
	for _, r := range rs {
		n += render.RuneWidth(r)
	}
	return n
}

// cutWidth is the longest start of rs that the terminal draws in at most
// max columns.
func cutWidth(rs []rune, max int) []rune {
	w := 0
	for i, r := range rs {
		w += render.RuneWidth(r)
		if w > max {
			return rs[:i:i]
		}
	}
	return rs
}

// readlineCut is cutWidth by readline's count.
func readlineCut(rs []rune, max int) []rune {
	w := 0
	for i, r := range rs {
		w += readlineRunes.Width(r)
		if w > max {
			return rs[:i:i]
		}
	}
	return rs
}
