package repl

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/chzyer/readline"

	"sockrepl/internal/msg"
)

func TestTakePastes(t *testing.T) {
	long := strings.Repeat("x", minPaste)
	k := &keyReader{}
	paste := string(keyPaste)
	for _, tc := range []struct {
		in, out string
		runs    []string
	}{
		{"bind 1 ", "bind 1 ", nil},
		{long, paste, []string{long}},
		{"ab\t" + long + "\r", "ab\t" + paste + "\r", []string{long}},
		// Escape sequences pass whole, and start no paste.
		{"\x1b[A" + long, "\x1b[A" + paste, []string{long}},
		{"\x1bb" + long, "\x1bb" + paste, []string{long}},
		{"\x1b[1;5C\x1bOH", "\x1b[1;5C\x1bOH", nil},
		// Wide characters count one each.
		{strings.Repeat("你", minPaste), paste, []string{strings.Repeat("你", minPaste)}},
		// Our private keys, typed, are dropped.
		{"a" + string(keyResize) + "b", "ab", nil},
	} {
		k.runs = nil
		got := string(k.takePastes([]byte(tc.in)))
		if got != tc.out || strings.Join(k.runs, "|") != strings.Join(tc.runs, "|") || k.part != nil {
			t.Errorf("takePastes(%q) = %q, runs %q, part %q; want %q, %q", tc.in, got, k.runs, k.part, tc.out, tc.runs)
		}
	}
	// An incomplete character or escape sequence waits for the next read.
	for _, tc := range []struct{ in, out, part string }{
		{"ab\xe4\xbd", "ab", "\xe4\xbd"},
		{"ab\x1b", "ab", "\x1b"},
		{"ab\x1b[1;", "ab", "\x1b[1;"},
	} {
		got := string(k.takePastes([]byte(tc.in)))
		if got != tc.out || string(k.part) != tc.part {
			t.Errorf("takePastes(%q) = %q, part %q; want %q, %q", tc.in, got, k.part, tc.out, tc.part)
		}
	}
}

// TestEndlessEscape: ESC [ followed by parameters without end (a hostile
// paste) is not held back read after read: what waits for the next read
// stays small.
func TestEndlessEscape(t *testing.T) {
	k := &keyReader{}
	chunk := []byte(strings.Repeat("1;", 2048))
	passed := len(k.takePastes([]byte("\x1b[")))
	for range 50 {
		passed += len(k.takePastes(append(k.part, chunk...)))
		if len(k.part) > maxEscape {
			t.Fatalf("%d bytes of an unfinished escape sequence held back", len(k.part))
		}
	}
	if passed == 0 {
		t.Errorf("nothing of the sequence was passed on")
	}
}

type countingPainter struct{ calls atomic.Int64 }

func (p *countingPainter) Paint(line []rune, pos int) []rune {
	p.calls.Add(1)
	return line
}

// TestPasteWork: a long paste is drawn a few times, not once per
// character (readline redraws the whole line after each key, so that was
// quadratic: 20,000 characters took 18 s of CPU). Work is counted, not
// timed: the painter runs at every redraw.
func TestPasteWork(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	keys, err := newKeyReader(int(r.Fd()))
	if err != nil {
		t.Fatal(err)
	}
	defer keys.release()
	painter := &countingPainter{}
	e := &editor{view: &sessionView{}, keys: keys, screen: &screen{applied: 80, pending: 80}, stderr: io.Discard}
	nop := func() error { return nil }
	rl, err := readline.NewEx(&readline.Config{
		Prompt: Prompt, Stdin: keys, Stdout: io.Discard, Stderr: io.Discard,
		Painter: painter, Listener: readline.FuncListener(e.onKey), FuncFilterInputRune: e.filterKey,
		FuncIsTerminal: func() bool { return true }, FuncMakeRaw: nop, FuncExitRaw: nop,
		FuncGetWidth: e.screen.width, FuncOnWidthChanged: e.screen.onChange,
	})
	if err != nil {
		t.Fatal(err)
	}
	e.inst.Store(rl)
	defer rl.Close()
	defer keys.Close()
	payload := "echo " + strings.Repeat("0123456789", 2000)
	go w.Write([]byte("x" + payload + "\r"))
	line, err := rl.Readline()
	if err != nil || line != "x"+payload {
		t.Fatalf("Readline = %d characters, %v; want the %d pasted", len(line), err, len(payload)+1)
	}
	// One redraw per read of up to 4096 bytes, and a few more.
	if n := painter.calls.Load(); n > 32 {
		t.Errorf("a paste of %d characters was drawn %d times", len(payload), n)
	}
}

// TestCallbacksRecover: a panic in a callback readline runs in its own
// goroutine (where it would end the process with the terminal raw) is
// kept, told before the next prompt, and the callback does no harm.
func TestCallbacksRecover(t *testing.T) {
	var told []string
	bug := func(where *msg.M, p any) { told = append(told, where.S()+": "+fmt.Sprint(p)) }
	v := view(true)
	v.env.ReadDir = func(string) ([]fs.DirEntry, error) { panic("a broken directory listing") }
	c := &completer{view: v, bug: bug}
	if out, n := c.Do([]rune("source /tmp/"), 12); out != nil || n != 0 {
		t.Errorf("a panicking completion gave %q, %d", out, n)
	}
	p := &hintPainter{view: v, bug: bug, screenWidth: func() int { panic("no width") }}
	if got := string(p.Paint([]rune("bind 1 "), 7)); got != "bind 1 " {
		t.Errorf("a panicking painter drew %q", got)
	}
	e := &editor{stderr: io.Discard}
	if _, process := e.filterKey(keyPaste); process {
		t.Errorf("a paste with no line editor was passed on")
	}
	if len(told) != 2 || !strings.Contains(told[0], "broken directory") || !strings.Contains(told[1], "no width") {
		t.Errorf("the panics were told as %q", told)
	}
}

func TestCursorMove(t *testing.T) {
	for _, tc := range []struct {
		prompt, cols int
		line         string
		pos          int
		want         string
		ok           bool
	}{
		// 10 + 20 fill the first row of 30; 15 wide characters the
		// second; the 16th and xyz are on the third.
		{10, 30, "echo abcdefghijklmno" + strings.Repeat("你好", 8) + "xyz", 20, "\x1b[1A\r", true},
		{10, 30, "echo abcdefghijklmno" + strings.Repeat("你好", 8) + "xyz", 22, "\x1b[1A\r\x1b[4C", true},
		{10, 30, "echo abcdefghijklmno" + strings.Repeat("你好", 8) + "xyz", 0, "\x1b[2A\r\x1b[10C", true},
		// The line ends at a row's end: on to the next row first.
		{10, 30, "echo abcdefghijklmno" + strings.Repeat("你好", 7) + "你", 3, " \b\x1b[2A\r\x1b[13C", true},
		// A wide character that does not fit at a row's end: the terminal
		// moves it on, readline does not know; no move is made.
		{10, 30, "echo abcdefghijklmn你好", 3, "", false},
	} {
		got, ok := cursorMove(tc.prompt, tc.cols, []rune(tc.line), tc.pos)
		if got != tc.want || ok != tc.ok {
			t.Errorf("cursorMove(%d, %d, %q, %d) = %q, %v; want %q, %v", tc.prompt, tc.cols, tc.line, tc.pos, got, ok, tc.want, tc.ok)
		}
	}
	// The writer puts the move in place of what readline writes after
	// the mark.
	var b strings.Builder
	w := &cursorWriter{w: &b}
	w.set("\rMOVE")
	n, err := w.Write([]byte("sockrepl> line" + string(cursorMark) + "\b\b\b"))
	if n != len("sockrepl> line")+3+3 || err != nil || b.String() != "sockrepl> line\rMOVE" {
		t.Errorf("cursorWriter wrote %q (%d, %v)", b.String(), n, err)
	}
}
