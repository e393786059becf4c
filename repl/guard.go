package repl

import (
	"encoding/hex"
	"io"
	"os"
	"os/signal"
	"syscall"
	"unsafe"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
)

// A panic inside one of readline's own goroutines cannot be recovered:
// the process dies with the terminal still raw (no echo, no line editing,
// no Ctrl-C). The kernel closes every socket of a dead process, but no one
// restores the terminal. So the interactive shell starts a guard: a copy
// of itself that holds the read end of a pipe and the terminal's settings
// from before. When the pipe ends without the shell's goodbye, the shell
// died; if the terminal is still in raw mode as readline sets it, the
// guard puts the settings back.

// guardEnv carries the saved settings to the guard (hex of a termios).
const guardEnv = "SOCKREPL_TERMINAL_GUARD"

// goodbye is what the shell writes to the guard as it leaves normally.
const goodbye = 'q'

// Guard watches over the terminal while the shell runs; Done tells it the
// shell leaves normally.
type Guard struct {
	w *os.File
}

// StartGuard starts the guard for the terminal tty. It returns nil when
// no guard could be started (the shell runs without one).
func StartGuard(tty *os.File) *Guard {
	t, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	if err != nil {
		return nil
	}
	exe, err := os.Executable()
	if err != nil {
		return nil
	}
	var p [2]int
	if err := unix.Pipe2(p[:], unix.O_CLOEXEC); err != nil {
		return nil
	}
	w := os.NewFile(uintptr(rawfile.MoveHigh(p[1])), "guard")
	// syscall.ForkExec rather than os/exec, which would keep a pidfd at a
	// low number for as long as the guard lives. The guard outlives the
	// shell; no one waits for it.
	_, err = syscall.ForkExec(exe, []string{exe}, &syscall.ProcAttr{
		Env:   append(os.Environ(), guardEnv+"="+hex.EncodeToString(termiosBytes(t))),
		Files: []uintptr{uintptr(p[0]), tty.Fd(), ^uintptr(0)},
	})
	unix.Close(p[0])
	if err != nil {
		w.Close()
		return nil
	}
	return &Guard{w: w}
}

// Done tells the guard the shell leaves normally.
func (g *Guard) Done() {
	if g == nil {
		return
	}
	g.w.Write([]byte{goodbye})
	g.w.Close()
}

// RunGuard is the guard's own main, run when guardEnv is set: standard
// input is the pipe, standard output the terminal. It reports whether it
// ran (the process is the guard and must exit).
func RunGuard() bool {
	saved, ok := os.LookupEnv(guardEnv)
	if !ok {
		return false
	}
	// Keys meant for the shell reach the whole foreground group.
	signal.Ignore(unix.SIGINT, unix.SIGQUIT, unix.SIGTSTP, unix.SIGTTOU, unix.SIGTTIN, unix.SIGWINCH)
	b, err := hex.DecodeString(saved)
	var t unix.Termios
	if err != nil || len(b) != int(unsafe.Sizeof(t)) {
		return true
	}
	copy(termiosBytes(&t), b)
	last := byte(0)
	buf := make([]byte, 64)
	for {
		n, err := os.Stdin.Read(buf)
		if n > 0 {
			last = buf[n-1]
		}
		if err == io.EOF || (err != nil && n == 0) {
			break
		}
	}
	if last == goodbye {
		return true
	}
	tty := int(os.Stdout.Fd())
	now, err := unix.IoctlGetTermios(tty, unix.TCGETS)
	// Only readline's raw mode (no canonical input, no signals) and the
	// shell's own echo-off while a line runs are put back; whatever else
	// has the terminal by now is left alone.
	if err != nil {
		return true
	}
	raw := now.Lflag&(unix.ICANON|unix.ISIG) == 0
	quiet := now.Lflag&unix.ECHO == 0 && now.Lflag&unix.ICANON != 0 && t.Lflag&unix.ECHO != 0
	if raw || quiet {
		unix.IoctlSetTermios(tty, unix.TCSETS, &t)
		os.Stdout.WriteString("\r\n")
	}
	return true
}

func termiosBytes(t *unix.Termios) []byte {
	return unsafe.Slice((*byte)(unsafe.Pointer(t)), unsafe.Sizeof(*t))
}
