package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests drive the interactive shell in a real terminal: tmux runs
// it, send-keys types, capture-pane reads the screen. Every wait is a
// bounded poll of the screen (or of /proc), never a fixed sleep.

const termWait = 10 * time.Second

type term struct {
	t      *testing.T
	name   string
	socket string // tmux server socket, private to the test
}

// startTerm starts cmd, which starts the shell, in a new tmux session of
// its own server, and waits for the shell's prompt.
func startTerm(t *testing.T, shellCmd string, env ...string) *term {
	t.Helper()
	return startTermSize(t, 160, 50, shellCmd, env...)
}

// startTermSize is startTerm in a terminal of cols×rows.
func startTermSize(t *testing.T, cols, rows int, shellCmd string, env ...string) *term {
	t.Helper()
	tm := openTerm(t, cols, rows, shellCmd, env...)
	tm.waitFor("sockrepl>", 1)
	return tm
}

// openTerm starts shellCmd in a terminal of cols×rows and does not wait.
func openTerm(t *testing.T, cols, rows int, shellCmd string, env ...string) *term {
	t.Helper()
	needTool(t, "tmux")
	tm := &term{t: t, name: "sockrepl", socket: filepath.Join(t.TempDir(), "tmux.sock")}
	args := []string{"new-session", "-d", "-s", tm.name, "-x", strconv.Itoa(cols), "-y", strconv.Itoa(rows)}
	for _, e := range env {
		args = append(args, "-e", e)
	}
	args = append(args, shellCmd)
	tm.tmux(args...)
	t.Cleanup(func() {
		// The server may be gone already (the shell quit): no error then.
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		exec.CommandContext(ctx, "tmux", "-S", tm.socket, "kill-server").Run()
	})
	return tm
}

func (tm *term) tmux(args ...string) string {
	tm.t.Helper()
	// A tmux client call returns at once; the bound is for a wedged server.
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "tmux", append([]string{"-S", tm.socket, "-f", "/dev/null"}, args...)...)
	cmd.Env = append(os.Environ(), "TERM=xterm-256color")
	out, err := cmd.CombinedOutput()
	if err != nil {
		tm.t.Fatalf("tmux %v: %v\n%s", args, err, out)
	}
	return string(out)
}

// screen is what the terminal shows, trailing blank lines removed.
func (tm *term) screen() string {
	return strings.TrimRight(tm.tmux("capture-pane", "-p", "-J", "-S", "-200", "-t", tm.name), "\n")
}

// screenEscapes is the screen with its color escape sequences.
func (tm *term) screenEscapes() string {
	return tm.tmux("capture-pane", "-p", "-e", "-J", "-S", "-200", "-t", tm.name)
}

// waitFor waits until text appears on screen at least n times.
func (tm *term) waitFor(text string, n int) string {
	tm.t.Helper()
	var s string
	if !waitUntil(termWait, func() bool { s = tm.screen(); return strings.Count(s, text) >= n }) {
		tm.t.Fatalf("waited %v for %d× %q; the screen shows:\n%s", termWait, n, text, s)
	}
	return s
}

// typeLine types a command and presses Enter.
func (tm *term) typeLine(line string) {
	tm.t.Helper()
	tm.tmux("send-keys", "-t", tm.name, "-l", line)
	tm.tmux("send-keys", "-t", tm.name, "Enter")
}

// run types a command and waits for the prompt to come back after it.
func (tm *term) run(line string) string {
	tm.t.Helper()
	prompts := strings.Count(tm.screen(), "sockrepl>")
	tm.typeLine(line)
	s := tm.waitFor("sockrepl>", prompts+1)
	return lastBlock(s, line)
}

// lastBlock is what follows the last echo of line on screen.
func lastBlock(screen, line string) string {
	i := strings.LastIndex(screen, "sockrepl> "+line)
	if i < 0 {
		return ""
	}
	return screen[i+len("sockrepl> "+line):]
}

func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	tm.tmux(append([]string{"send-keys", "-t", tm.name}, keys...)...)
}

// panePID is the pid of the process the pane runs.
func (tm *term) panePID() int {
	out := strings.TrimSpace(tm.tmux("display-message", "-p", "-t", tm.name, "#{pane_pid}"))
	pid, err := strconv.Atoi(out)
	if err != nil {
		tm.t.Fatalf("pane pid %q: %v", out, err)
	}
	return pid
}

// waitInPoll waits until one of pid's threads sleeps in poll(2): the shell
// is inside a call that waits, so a Ctrl-C now lands in that call.
func waitInPoll(t *testing.T, pid int) {
	t.Helper()
	if !waitUntil(termWait, func() bool { return sleepsInPoll(pid) }) {
		t.Fatalf("process %d never waited in poll", pid)
	}
}

// sleepsInPoll reports whether one of pid's threads sleeps in poll(2),
// whose wait is poll_schedule_timeout. A bare "poll" would also match the
// runtime's netpoller thread in epoll_wait (do_epoll_wait, ep_poll), which
// waits from the start, before the shell has even set up its signal
// handlers.
func sleepsInPoll(pid int) bool {
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/wchan", pid))
	for _, w := range tasks {
		if b, _ := os.ReadFile(w); strings.HasPrefix(string(b), "poll_schedule_timeout") {
			return true
		}
	}
	return false
}

// fdFlags reads a descriptor's open-file flags from /proc.
func fdFlags(t *testing.T, pid, fd int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/fdinfo/%d", pid, fd))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(l, "flags:"); ok {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 8, 64)
			if err != nil {
				t.Fatal(err)
			}
			return int(n)
		}
	}
	t.Fatalf("no flags in fdinfo of fd %d", fd)
	return 0
}

const oNonblock = 04000

// TestInteractiveInterrupt blocks the shell in accept, recv and a connect
// that cannot complete, presses Ctrl-C in each, and checks that the prompt
// returns, `interrupted` is printed, and the socket still works in its
// mode. Then quit must leave the terminal canonical with echo.
func TestInteractiveInterrupt(t *testing.T) {
	bin := sockreplBin()
	tm := startTerm(t, bin+"; echo SHELL-EXITED; stty -a; echo STTY-DONE; sleep 600", "NO_COLOR=1")
	pid := tm.panePID()
	// The pane runs sh, which runs sockrepl.
	shellPID := childPID(t, pid)

	tm.run("srv = socket")
	tm.run("bind srv 127.0.0.1:0")
	tm.run("listen srv 0")

	// accept with nothing to accept.
	tm.typeLine("accept srv")
	waitInPoll(t, shellPID)
	tm.keys("C-c")
	tm.waitFor("interrupted", 1)
	tm.waitFor("sockrepl>", 5)
	if got := tm.run("gettimeout srv"); !strings.Contains(got, "None") {
		t.Fatalf("gettimeout after the interrupted accept: %q", got)
	}
	tm.run("c = socket")
	tm.run("connect c $srv")
	if got := tm.run("a = accept srv"); !strings.Contains(got, "#3 a") {
		t.Fatalf("accept after the interrupt did not work: %q", got)
	}

	// recv with nothing to read.
	tm.typeLine("recv a")
	waitInPoll(t, shellPID)
	tm.keys("C-c")
	tm.waitFor("interrupted", 2)
	tm.run("sendall c hi")
	if got := tm.run("recv a"); !strings.Contains(got, "b'hi'") {
		t.Fatalf("recv after the interrupt: %q", got)
	}

	// connect to a listener whose queue is full (backlog 0 holds one
	// connection, which c3 takes): the SYN is dropped and connect waits for
	// the retry.
	tm.run("c3 = socket")
	tm.run("connect c3 $srv")
	tm.run("c2 = socket")
	tm.typeLine("connect c2 $srv")
	waitInPoll(t, shellPID)
	tm.keys("C-c")
	tm.waitFor("interrupted", 3)
	if got := tm.run("gettimeout c2"); !strings.Contains(got, "None") {
		t.Fatalf("gettimeout after the interrupted connect: %q", got)
	}
	fd := fdOf(t, tm, "c2")
	if fdFlags(t, shellPID, fd)&oNonblock != 0 {
		t.Fatalf("c2's fd %d was left O_NONBLOCK after the interrupted connect", fd)
	}
	// The interrupted connect goes on in the kernel; once the queue has
	// room the handshake completes, as after an interrupted connect(2).
	tm.run("close c")
	tm.run("close a")

	tm.typeLine("quit")
	s := tm.waitFor("STTY-DONE", 1)
	after := s[strings.Index(s, "SHELL-EXITED"):]
	for _, want := range []string{" icanon", " echo "} {
		if !strings.Contains(after, want) {
			t.Errorf("after quit, stty -a lacks %q:\n%s", want, after)
		}
	}
	for _, bad := range []string{"-icanon", " -echo "} {
		if strings.Contains(after, bad) {
			t.Errorf("after quit, stty -a shows %q:\n%s", bad, after)
		}
	}
}

// childPID finds the one child of pid.
func childPID(t *testing.T, pid int) int {
	t.Helper()
	var f []string
	if !waitUntil(termWait, func() bool {
		b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/task/%d/children", pid, pid))
		f = strings.Fields(string(b))
		return len(f) > 0
	}) {
		t.Fatalf("process %d has no child", pid)
	}
	n, _ := strconv.Atoi(f[0])
	return n
}

// fdOf asks the shell for a handle's fd.
func fdOf(t *testing.T, tm *term, handle string) int {
	t.Helper()
	got := strings.TrimSpace(tm.run("fileno " + handle))
	line := strings.SplitN(got, "\n", 2)[0]
	n, err := strconv.Atoi(strings.TrimSpace(line))
	if err != nil {
		t.Fatalf("fileno %s printed %q", handle, got)
	}
	return n
}
