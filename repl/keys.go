package repl

import (
	"io"
	"os"
	"os/signal"
	"sync"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
)

// chzyer/readline is unmaintained and has weaknesses the shell guards
// against from outside. This file is the guard between it and the
// terminal: readline reads its keys from a keyReader and learns the
// terminal's width from a screen, never from the terminal itself.
//
//   - Width. readline's own SIGWINCH goroutine writes the width that its
//     editing goroutine reads, unlocked (a data race), and redraws nothing
//     (a hint drawn for the old width stays). Here the width readline sees
//     changes only inside its editing goroutine: a resize wakes the key
//     reader, which hands readline a private key; the filter (filterKey)
//     then applies the new width and readline redraws the line.
//   - Pastes. readline redraws the whole line after every key, so a paste
//     of n characters costs n redraws of up to n characters. A run of
//     printable characters that arrives in one read is handed over as one
//     private key, and the listener inserts the whole run at once: one
//     redraw per read instead of one per character.

// Private keys: Unicode private-use characters, which a terminal does not
// send as keys of their own (a paste of one is taken apart as a paste).
const (
	keyResize = '\uF8F0' // the terminal changed size
	keyPaste  = '\uF8F1' // the next pasted run of text
)

// minPaste is the shortest run of printable characters taken as a paste.
// Shorter runs (typing, however fast) go to readline key by key.
const minPaste = 32

// screen is the terminal's width as readline lays the line out with it.
type screen struct {
	fd      int
	mu      sync.Mutex
	applied int    // what readline uses now
	pending int    // the terminal's width since the last SIGWINCH
	notify  func() // readline's callback for a new width
	sigs    chan os.Signal
}

func newScreen(fd int) *screen {
	w := termWidth(fd)
	return &screen{fd: fd, applied: w, pending: w}
}

// termWidth asks the terminal for its width; 80 when it cannot say (a
// width of 0 or less would make readline divide by zero).
func termWidth(fd int) int {
	ws, err := unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ)
	if err != nil || ws.Col == 0 {
		return 80
	}
	return int(ws.Col)
}

// width is the width readline lays out with (its FuncGetWidth).
func (s *screen) width() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.applied
}

// onChange keeps readline's callback (its FuncOnWidthChanged).
func (s *screen) onChange(f func()) {
	s.mu.Lock()
	s.notify = f
	s.mu.Unlock()
}

// watch follows SIGWINCH until stop, waking keys at every change.
func (s *screen) watch(keys *keyReader) {
	s.sigs = make(chan os.Signal, 1)
	signal.Notify(s.sigs, unix.SIGWINCH)
	go func() {
		defer recoverQuietly()
		for range s.sigs {
			w := termWidth(s.fd)
			s.mu.Lock()
			s.pending = w
			s.mu.Unlock()
			keys.wake(wakeResize)
		}
	}()
}

func (s *screen) stop() {
	if s.sigs != nil {
		signal.Stop(s.sigs)
		close(s.sigs)
	}
}

// apply makes readline use the latest width; it runs in readline's
// editing goroutine (from filterKey).
func (s *screen) apply() {
	s.mu.Lock()
	s.applied = s.pending
	f := s.notify
	s.mu.Unlock()
	if f != nil {
		f()
	}
}

// keyReader is readline's standard input. It reads the terminal only when
// readline asks for keys (a command that reads standard input itself, as
// `send a @/dev/stdin` does, gets what is typed while it runs), and it can
// be woken while it waits.
type keyReader struct {
	fd    int
	event int // eventfd that wakes a Read
	wait  *waiter
	mu    sync.Mutex
	out   []byte   // keys ready for readline
	part  []byte   // the start of a character cut by the end of a read
	runs  []string // pasted runs, one per keyPaste in out
	woken int      // wake reasons not handled yet
	done  bool
	buf   [4096]byte
}

const (
	wakeResize = 1 << iota
	wakeClose
)

func newKeyReader(fd int) (*keyReader, error) {
	ev, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		return nil, err
	}
	ev = rawfile.MoveHigh(ev)
	w, err := newWaiter(fd, ev)
	if err != nil {
		unix.Close(ev)
		return nil, err
	}
	return &keyReader{fd: fd, event: ev, wait: w}, nil
}

func (k *keyReader) wake(why int) {
	k.mu.Lock()
	k.woken |= why
	k.mu.Unlock()
	one := [8]byte{1}
	unix.Write(k.event, one[:])
}

// Read waits for keys or a wake-up.
func (k *keyReader) Read(p []byte) (int, error) {
	for {
		k.mu.Lock()
		switch {
		case k.done || k.woken&wakeClose != 0:
			k.done = true
			k.mu.Unlock()
			return 0, io.EOF
		case k.woken&wakeResize != 0:
			k.woken &^= wakeResize
			k.mu.Unlock()
			return utf8.EncodeRune(p, keyResize), nil
		case len(k.out) > 0:
			n := copy(p, k.out)
			k.out = k.out[n:]
			k.mu.Unlock()
			return n, nil
		}
		k.mu.Unlock()
		keys, woken, err := k.wait.wait()
		if err != nil {
			return 0, err
		}
		if woken {
			var b [8]byte
			unix.Read(k.event, b[:])
			continue
		}
		if !keys {
			continue
		}
		n, err := unix.Read(k.fd, k.buf[:])
		if err == unix.EINTR || err == unix.EAGAIN {
			continue
		}
		if err != nil {
			return 0, err
		}
		if n == 0 {
			return 0, io.EOF
		}
		k.mu.Lock()
		k.out = k.takePastes(append(k.part, k.buf[:n]...))
		k.mu.Unlock()
	}
}

// takePastes replaces each long run of printable characters in b with
// keyPaste, keeping the run for the listener. Escape sequences (arrows,
// function keys) pass whole. An incomplete character or escape sequence
// at the end waits for the next read (readline would wait for the rest
// of it too).
func (k *keyReader) takePastes(b []byte) []byte {
	k.part = nil
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if b[i] == 0x1b {
			j := escapeEnd(b, i)
			if j < 0 {
				k.part = append([]byte(nil), b[i:]...)
				break
			}
			out = append(out, b[i:j]...)
			i = j
			continue
		}
		if !utf8.FullRune(b[i:]) {
			k.part = append([]byte(nil), b[i:]...)
			break
		}
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == keyResize || r == keyPaste:
			// Typed or pasted, they would be taken for ours: dropped.
			i += size
			continue
		case !printable(r):
			out = append(out, b[i:i+size]...)
			i += size
			continue
		}
		j, n := i, 0
		for j < len(b) && utf8.FullRune(b[j:]) {
			r, size := utf8.DecodeRune(b[j:])
			if !printable(r) {
				break
			}
			j += size
			n++
		}
		if n >= minPaste {
			k.runs = append(k.runs, string(b[i:j]))
			out = utf8.AppendRune(out, keyPaste)
		} else {
			out = append(out, b[i:j]...)
		}
		i = j
	}
	return out
}

func printable(r rune) bool {
	return r >= 0x20 && r != 0x7f && r != utf8.RuneError && r != keyResize && r != keyPaste
}

// maxEscape bounds the escape sequence kept whole: one longer than any a
// terminal sends ends there and passes as it is, so that ESC [ and then
// endless digits cannot grow what waits for the next read.
const maxEscape = 32

// escapeEnd finds the end of the escape sequence at b[i] (ESC [ params
// final, ESC O x, or ESC x); -1 when b ends before it does.
func escapeEnd(b []byte, i int) int {
	j := i + 1
	if j < len(b) && b[j] == '[' {
		j++
		for j < len(b) && b[j] >= 0x20 && b[j] < 0x40 {
			if j-i >= maxEscape {
				return j
			}
			j++
		}
	} else if j < len(b) && b[j] == 'O' {
		j++
	}
	if j >= len(b) {
		return -1
	}
	return j + 1
}

// nextPaste is the text of the keyPaste readline is handling.
func (k *keyReader) nextPaste() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	if len(k.runs) == 0 {
		return ""
	}
	r := k.runs[0]
	k.runs = k.runs[1:]
	return r
}

// Close ends a waiting Read and frees the eventfd.
func (k *keyReader) Close() error {
	k.wake(wakeClose)
	return nil
}

func (k *keyReader) release() {
	k.wait.close()
	unix.Close(k.event)
}

// waiter waits until a descriptor or a wake-up eventfd is readable. It
// uses epoll, not poll(2): a thread of the shell asleep in poll means a
// command is waiting in a call (the tests look for that before they press
// Ctrl-C), and waiting for keys at the prompt is not that.
type waiter struct {
	ep, fd, event int
}

func newWaiter(fd, event int) (*waiter, error) {
	ep, err := unix.EpollCreate1(unix.EPOLL_CLOEXEC)
	if err != nil {
		return nil, err
	}
	ep = rawfile.MoveHigh(ep)
	for _, f := range []int{fd, event} {
		if err := unix.EpollCtl(ep, unix.EPOLL_CTL_ADD, f, &unix.EpollEvent{Events: unix.EPOLLIN, Fd: int32(f)}); err != nil {
			unix.Close(ep)
			return nil, err
		}
	}
	return &waiter{ep: ep, fd: fd, event: event}, nil
}

// wait blocks until fd has data (or was hung up) or event was written.
func (w *waiter) wait() (ready, woken bool, err error) {
	var evs [2]unix.EpollEvent
	for {
		n, err := unix.EpollWait(w.ep, evs[:], -1)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return false, false, err
		}
		for _, ev := range evs[:n] {
			switch int(ev.Fd) {
			case w.fd:
				ready = true
			case w.event:
				woken = true
			}
		}
		return ready, woken, nil
	}
}

func (w *waiter) close() { unix.Close(w.ep) }

// recoverQuietly ends a panic in one of the shell's own goroutines beside
// readline's: losing a resize is better than losing the session.
func recoverQuietly() { recover() }
