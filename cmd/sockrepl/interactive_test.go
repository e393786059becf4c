package main

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// These tests drive the line editor in a real terminal (tmux): Tab
// completion, the dimmed argument hints, history across sessions, colors,
// and the terminal left sane. Like tmux_test.go, every wait is a bounded
// poll of the screen.

// cursor returns the text of the row the cursor is on (trailing blanks
// kept) and the cursor's column.
func (tm *term) cursor() (string, int) {
	tm.t.Helper()
	pos := strings.Fields(tm.tmux("display-message", "-p", "-t", tm.name, "#{cursor_x} #{cursor_y}"))
	if len(pos) != 2 {
		tm.t.Fatalf("cursor position %q", pos)
	}
	x, _ := strconv.Atoi(pos[0])
	y := pos[1]
	row := tm.tmux("capture-pane", "-p", "-N", "-t", tm.name, "-S", y, "-E", y)
	return strings.TrimRight(row, "\n"), x
}

// cursorRowEscapes is the cursor's row with its color escapes.
func (tm *term) cursorRowEscapes() string {
	tm.t.Helper()
	y := strings.TrimSpace(tm.tmux("display-message", "-p", "-t", tm.name, "#{cursor_y}"))
	return strings.TrimRight(tm.tmux("capture-pane", "-p", "-e", "-t", tm.name, "-S", y, "-E", y), "\n")
}

// waitLine waits until the cursor's row shows line (then at most blanks,
// or the hint when hint is not "") with the cursor right after line: what
// the user typed, as the editor holds it.
func (tm *term) waitLine(line, hint string) {
	tm.t.Helper()
	var row string
	var x int
	if !waitUntil(termWait, func() bool {
		row, x = tm.cursor()
		rest, ok := strings.CutPrefix(row, line)
		return ok && x == len(line) && strings.TrimRight(rest, " ") == hint
	}) {
		tm.t.Fatalf("waited %v for the line %q (hint %q) with the cursor at column %d;\nthe cursor's row is %q, cursor at %d; the screen shows:\n%s",
			termWait, line, hint, len(line), row, x, tm.screen())
	}
}

// enter presses Enter and waits for the next prompt.
func (tm *term) enter() string {
	tm.t.Helper()
	prompts := strings.Count(tm.screen(), "sockrepl>")
	tm.keys("Enter")
	return tm.waitFor("sockrepl>", prompts+1)
}

// waitGone waits until text is no longer on the screen.
func (tm *term) waitGone(text string) {
	tm.t.Helper()
	var s string
	if !waitUntil(termWait, func() bool { s = tm.screen(); return !strings.Contains(s, text) }) {
		tm.t.Fatalf("waited %v for %q to leave the screen:\n%s", termWait, text, s)
	}
}

// typeText types text without pressing Enter.
func (tm *term) typeText(text string) {
	tm.t.Helper()
	tm.tmux("send-keys", "-t", tm.name, "-l", text)
}

// TestInteractiveComplete: Tab completes a command, a family, a handle's
// name and an option name of the chosen level, and lists only that
// level's options.
func TestInteractiveComplete(t *testing.T) {
	tm := startTerm(t, sockreplBin(), "NO_COLOR=1")

	// A command, then a family.
	tm.typeText("a, b = socketp")
	tm.keys("Tab")
	tm.waitLine("sockrepl> a, b = socketpair ", "")
	tm.typeText("uni")
	tm.keys("Tab")
	tm.waitLine("sockrepl> a, b = socketpair unix ", "")
	tm.enter()
	tm.waitFor("#2 b", 1)

	// A handle's name.
	tm.run("conn_for_test = socket inet stream")
	tm.typeText("getsockopt conn_f")
	tm.keys("Tab")
	tm.waitLine("sockrepl> getsockopt conn_for_test ", "")

	// An option of the level given: TCP_NODEL can only be TCP_NODELAY.
	tm.typeText("tcp TCP_NODEL")
	tm.keys("Tab")
	tm.waitLine("sockrepl> getsockopt conn_for_test tcp TCP_NODELAY ", "")
	if got := tm.enter(); !strings.Contains(lastBlock(got, "getsockopt conn_for_test tcp TCP_NODELAY"), "\n0") {
		t.Fatalf("getsockopt after completion printed:\n%s", got)
	}

	// Two Tabs after a level list that level's options and no other.
	tm.typeText("getsockopt conn_for_test tcp ")
	tm.keys("Tab")
	tm.waitLine("sockrepl> getsockopt conn_for_test tcp TCP_", "")
	tm.keys("Tab")
	s := tm.waitFor("TCP_KEEPIDLE", 1)
	for _, other := range []string{"SO_RCVBUF", "IP_TTL", "IPV6_V6ONLY"} {
		if strings.Contains(s, other) {
			t.Errorf("the options of level tcp include %s:\n%s", other, s)
		}
	}
	// Typing closes the list; Tab then completes what is typed.
	tm.typeText("KEEPID")
	tm.waitGone("TCP_KEEPIDLE ")
	tm.keys("Tab")
	tm.waitLine("sockrepl> getsockopt conn_for_test tcp TCP_KEEPIDLE ", "")
	// Ctrl-C leaves a list, a second one the line.
	tm.keys("C-u")
	tm.typeText("getsockopt conn_for_test SO_RCV")
	tm.keys("Tab", "Tab")
	tm.waitFor("SO_RCVTIMEO", 1)
	tm.keys("C-c")
	tm.waitGone("SO_RCVTIMEO")
	tm.waitLine("sockrepl> getsockopt conn_for_test SO_RCV", "")
	tm.keys("C-c")
	tm.waitLine("sockrepl> ", "")
	if got := tm.run("echo still-here"); !strings.Contains(got, "still-here") {
		t.Fatalf("the shell did not go on after the completion list: %q", got)
	}
}

// TestInteractiveHint: after a command's name and after `bind 1 ` the
// shell shows the expected arguments dimmed, with the cursor where the
// typing is; the hint is not part of the line.
func TestInteractiveHint(t *testing.T) {
	tm := startTerm(t, "env -u NO_COLOR "+sockreplBin())
	tm.run("socket")

	tm.typeText("connect")
	tm.waitLine("sockrepl> connect", " H ADDR")
	if row := tm.cursorRowEscapes(); !strings.Contains(row, "\x1b[2m H ADDR") {
		t.Errorf("the hint after connect is not dimmed: %q", row)
	}
	tm.keys("C-u")
	tm.waitLine("sockrepl> ", "")

	tm.typeText("bind 1 ")
	tm.waitLine("sockrepl> bind 1 ", "ADDR  e.g. 127.0.0.1:8080")
	if row := tm.cursorRowEscapes(); !strings.Contains(row, "\x1b[2mADDR  e.g. 127.0.0.1:8080") {
		t.Errorf("the hint after bind 1 is not dimmed: %q", row)
	}
	// Typing replaces the hint; Enter runs what was typed, not the hint.
	tm.typeText("127.0.0.1:0")
	tm.waitLine("sockrepl> bind 1 127.0.0.1:0", "")
	s := tm.enter()
	if got := lastBlock(s, "bind 1 127.0.0.1:0"); !strings.Contains(got, "ok  bound to 127.0.0.1:") {
		t.Fatalf("bind after the hint printed %q", got)
	}
}

// TestInteractiveColor: results, handles and errors are colored at a
// terminal; not under NO_COLOR or --color=never, where no hint is drawn
// either; never in piped output unless --color=always.
func TestInteractiveColor(t *testing.T) {
	tm := startTerm(t, "env -u NO_COLOR "+sockreplBin())
	tm.run("socket")
	tm.run("bind 1 127.0.0.1:0")
	tm.run("connect 1 127.0.0.1:1")
	esc := tm.screenEscapes()
	// The palette (internal/render): handles cyan, results green,
	// addresses blue, errors red, hints yellow.
	for _, c := range []struct{ color, text string }{
		{"36", "#1"}, {"32", "ok"}, {"34", "127.0.0.1:"}, {"31", "ECONNREFUSED"}, {"33", "  hint:"},
	} {
		// tmux writes the color, maybe other attributes, then the text.
		re := regexp.MustCompile(`\x1b\[` + c.color + `m(\x1b\[[0-9;]*m)*` + regexp.QuoteMeta(c.text))
		if !re.MatchString(esc) {
			t.Errorf("the screen does not show %q in color %s:\n%q", c.text, c.color, esc)
		}
	}

	for _, c := range []struct{ name, cmd string }{
		{"NO_COLOR", "env NO_COLOR=1 " + sockreplBin()},
		{"--color=never", "env -u NO_COLOR " + sockreplBin() + " --color=never"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tm := startTerm(t, c.cmd)
			tm.run("socket")
			tm.run("connect 1 127.0.0.1:1")
			tm.typeText("bind 1 ")
			tm.waitLine("sockrepl> bind 1 ", "")
			if esc := tm.screenEscapes(); strings.Contains(esc, "\x1b[") {
				t.Errorf("escapes on the screen:\n%q", esc)
			}
		})
	}

	piped := func(args ...string) string {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		defer cancel()
		cmd := exec.CommandContext(ctx, sockreplBin(), args...)
		cmd.Env = append(os.Environ(), "NO_COLOR=")
		out, _ := cmd.CombinedOutput()
		return string(out)
	}
	script := "socket; connect 1 127.0.0.1:1; bogus"
	if out := piped("-c", script); strings.Contains(out, "\x1b") || !strings.Contains(out, "ECONNREFUSED") {
		t.Errorf("piped output has escapes, or lacks the error:\n%q", out)
	}
	if out := piped("--color=always", "-c", script); !strings.Contains(out, "\x1b[") {
		t.Errorf("--color=always printed no escapes into a pipe:\n%q", out)
	}
}

// TestInteractiveHistory: lines typed in one session come back with Up and
// Ctrl-R in the next; the file is 0600 (also when it was not); the first
// socket is still fd 3; piped scripts leave the history alone.
func TestInteractiveHistory(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, "state", "history")
	env := []string{"NO_COLOR=1", "SOCKREPL_HISTORY=" + hist}

	tm := startTerm(t, sockreplBin()+"; echo SHELL-EXITED; sleep 600", env...)
	if got := tm.run("socket"); !strings.Contains(got, "fd=3") {
		t.Errorf("with a history file open, the first socket is not fd 3: %q", got)
	}
	tm.run("echo from-the-first-session")
	tm.keys("C-d")
	tm.waitFor("SHELL-EXITED", 1)
	checkMode(t, hist, 0o600)
	if b, _ := os.ReadFile(hist); string(b) != "socket\necho from-the-first-session\n" {
		t.Errorf("the history file holds %q", b)
	}

	// Piped scripts, -c and files do not touch it.
	before, _ := os.ReadFile(hist)
	for _, args := range [][]string{{"-c", "echo piped-c"}, {filepath.Join(dir, "lab.sock")}, {}} {
		os.WriteFile(filepath.Join(dir, "lab.sock"), []byte("echo piped-file\n"), 0o644)
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cmd := exec.CommandContext(ctx, sockreplBin(), args...)
		cmd.Env = append(os.Environ(), "SOCKREPL_HISTORY="+hist)
		cmd.Stdin = strings.NewReader("echo piped-stdin\n")
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Errorf("sockrepl %q: %v\n%s", args, err, out)
		}
		cancel()
	}
	if after, _ := os.ReadFile(hist); !bytes.Equal(before, after) {
		t.Errorf("a script changed the history:\n%q\nbecame\n%q", before, after)
	}

	// A history file others may read is made private.
	os.Chmod(hist, 0o644)
	tm = startTerm(t, sockreplBin(), env...)
	checkMode(t, hist, 0o600)

	// Up brings back the last line of the first session, Up again the one
	// before; Ctrl-R finds it by a piece of it.
	tm.keys("Up")
	tm.waitLine("sockrepl> echo from-the-first-session", "")
	tm.keys("Up")
	tm.waitLine("sockrepl> socket", "")
	tm.keys("Down")
	tm.waitLine("sockrepl> echo from-the-first-session", "")
	tm.keys("Down")
	tm.waitLine("sockrepl> ", "")
	tm.keys("C-r")
	tm.typeText("first-sess")
	tm.waitFor("bck-i-search: first-sess", 1)
	s := tm.enter()
	if got := lastBlock(s, "echo from-the-first-session"); !strings.Contains(got, "from-the-first-session") {
		t.Errorf("Ctrl-R and Enter ran %q; screen:\n%s", got, s)
	}
	if got := tm.run("socket"); !strings.Contains(got, "fd=3") {
		t.Errorf("the first socket of the second session is not fd 3: %q", got)
	}
}

// TestInteractiveHistoryDefault: without SOCKREPL_HISTORY the history is
// ~/.local/state/sockrepl/history, or under $XDG_STATE_HOME.
func TestInteractiveHistoryDefault(t *testing.T) {
	for _, c := range []struct {
		name, env, file string
	}{
		{"home", "-u XDG_STATE_HOME HOME=%s", ".local/state/sockrepl/history"},
		{"xdg", "HOME=%s XDG_STATE_HOME=%s/xdg", "xdg/sockrepl/history"},
	} {
		t.Run(c.name, func(t *testing.T) {
			home := t.TempDir()
			env := strings.ReplaceAll(c.env, "%s", home)
			tm := startTerm(t, "env -u SOCKREPL_HISTORY "+env+" NO_COLOR=1 "+sockreplBin())
			tm.run("echo default-place")
			path := filepath.Join(home, c.file)
			if !waitUntil(termWait, func() bool {
				b, _ := os.ReadFile(path)
				return strings.Contains(string(b), "echo default-place")
			}) {
				t.Fatalf("%s never held the line typed", path)
			}
			checkMode(t, path, 0o600)
			checkMode(t, filepath.Dir(path), 0o700)
		})
	}
}

// TestInteractiveFirstSocketIsFd3: completing file paths (which lists
// directories) and a loaded history leave fd 3 free for the first socket.
func TestInteractiveFirstSocketIsFd3(t *testing.T) {
	dir := t.TempDir()
	hist := filepath.Join(dir, "history")
	os.WriteFile(hist, []byte("echo old\n"), 0o600)
	os.WriteFile(filepath.Join(dir, "lab.sock"), []byte("echo lab\n"), 0o644)
	tm := startTerm(t, sockreplBin(), "NO_COLOR=1", "SOCKREPL_HISTORY="+hist)
	tm.typeText("source " + dir + "/la")
	tm.keys("Tab")
	tm.waitLine("sockrepl> source "+dir+"/lab.sock ", "")
	tm.enter()
	if got := tm.run("srv = socket"); !strings.Contains(got, "fd=3") {
		t.Errorf("after path completion and source, the first socket is not fd 3: %q", got)
	}
}

// TestInteractiveCtrlD: Ctrl-D at an empty prompt leaves the shell with
// the terminal canonical and echoing, even with a hint on the screen
// before.
func TestInteractiveCtrlD(t *testing.T) {
	tm := startTerm(t, "env -u NO_COLOR "+sockreplBin()+"; echo SHELL-EXITED; stty -a; echo STTY-DONE; sleep 600")
	tm.run("s = socket")
	tm.typeText("bind s ")
	tm.waitLine("sockrepl> bind s ", "ADDR  e.g. 127.0.0.1:8080")
	tm.keys("C-u")
	tm.waitLine("sockrepl> ", "")
	tm.keys("C-d")
	s := tm.waitFor("STTY-DONE", 1)
	after := s[strings.Index(s, "SHELL-EXITED"):]
	flags := map[string]bool{}
	for _, f := range strings.Fields(after) {
		flags[f] = true
	}
	for _, want := range []string{"icanon", "echo", "icrnl", "opost", "isig"} {
		if !flags[want] {
			t.Errorf("after Ctrl-D, stty -a lacks %q:\n%s", want, after)
		}
	}
}

func checkMode(t *testing.T, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != want {
		t.Errorf("%s has mode %v, want %v", path, fi.Mode().Perm(), want)
	}
}
