package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// runScriptFile runs sockrepl on a script and returns its output, exit
// status and peak resident memory in KiB.
func runScriptFile(t *testing.T, script []byte, args ...string) (string, int, int64) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "script.sock")
	if err := os.WriteFile(path, script, 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd, rss := measured(t, ctx, append(args, path)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return out.String(), code, rss()
}

// measured is the shell with args, started by peakrss (see peakRSSMain)
// so that its peak RSS is its own; rss reads it once the command is done.
func measured(t *testing.T, ctx context.Context, args ...string) (cmd *exec.Cmd, rss func() int64) {
	t.Helper()
	peak, err := exec.LookPath("peakrss")
	if err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(t.TempDir(), "peakrss")
	cmd = exec.CommandContext(ctx, peak, append([]string{file, sockreplBin()}, args...)...)
	return cmd, func() int64 {
		b, err := os.ReadFile(file)
		if err != nil {
			t.Fatalf("peakrss wrote no peak: %v", err)
		}
		n, err := strconv.ParseInt(string(b), 10, 64)
		if err != nil {
			t.Fatal(err)
		}
		return n
	}
}

// checkClean fails when output holds a raw control byte: anything below
// 0x20 but newline, DEL, a C1 control, or invalid UTF-8. U+FFFD itself is
// printable text (Python's repr shows it as is).
func checkClean(t *testing.T, out string) {
	t.Helper()
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRuneInString(out[i:])
		bad := (r < 0x20 && r != '\n') || r == 0x7f || (r >= 0x80 && r < 0xa0) || (r == utf8.RuneError && size == 1)
		if bad {
			lo := max(0, i-40)
			t.Fatalf("raw control byte %U at offset %d: %q", r, i, out[lo:min(len(out), i+40)])
		}
		i += size
	}
}

// TestHostileInput: each malformed line gets one clear error line, the
// session goes on with its handles intact, and nothing raw is printed.
func TestHostileInput(t *testing.T) {
	lines := []struct{ line, want string }{
		{"bind", "bind: missing handle H"},
		{"bind s", "bind: missing address ADDR"},
		{"bind s 127.0.0.1:0 extra", `unexpected "extra"`},
		{"listen s many", `listen: expected BACKLOG as a whole number, got "many"`},
		{"listen s 99999999999999999999", "OverflowError"},
		{"bind s 127.0.0.1:99999", "OverflowError"},
		{`send s "unterminated`, `unterminated " quote`},
		{`send s "bad \q escape"`, `bad escape \q`},
		{"recv s 99999999999", "is more than sockrepl's limit"},
		{"recv s -1", "ValueError: negative buffersize in recv"},
		{`send s "x"*99999999999999`, "more than the 268435456-byte limit"},
		{`send s "x"*999999999999999999999999999`, "more than the 268435456-byte limit"},
		{"socket nosuchfamily", `unknown family "nosuchfamily"`},
		{"getsockopt s SO_RCVBUFF", "did you mean SO_RCVBUF?"},
		{"recv nosuch", `no handle named "nosuch"`},
		{"recv #99", "no handle #99"},
		{"bnd s :0", "did you mean bind?"},
		{"socket \x00\x1b[2J\x07", `unknown family "\x00\x1b[2J\a"`},
		{"\x9b31m \xff\xfe", "unknown command"},
		{"settimeout s -5", "ValueError: Timeout value out of range"},
		{"recv s => ", "=> needs an expectation"},
		{"sendall s hi => EFOO", "unknown errno name"},
	}
	var script strings.Builder
	script.WriteString("s = socket\nbind s 127.0.0.1:0\n")
	for _, l := range lines {
		script.WriteString(l.line + "\n")
	}
	script.WriteString("getsockname s => $s\nls\n")
	script.WriteString("echo " + strings.Repeat("y", 4<<20) + "\n") // a 4 MiB line
	script.WriteString("fileno s => 3\n")
	out, _, rss := runScriptFile(t, []byte(script.String()), "-q")
	checkClean(t, out)
	for _, l := range lines {
		if !strings.Contains(out, l.want) {
			t.Errorf("for %q, the output lacks %q", l.line, l.want)
		}
	}
	if !strings.Contains(out, "line 27 is longer than 1048576 bytes; skipped") {
		t.Errorf("the 4 MiB line was not refused:\n%s", out[max(0, len(out)-500):])
	}
	if !strings.Contains(out, "expectations: 2 held, 1 failed") {
		t.Errorf("the handle did not survive the bad lines:\n%s", out)
	}
	if rss > 64<<10 {
		t.Errorf("peak memory %d KiB for a script with a 4 MiB line", rss)
	}
}

// TestLongMisspelling: a megabyte-long unknown word in every place that
// offers a did-you-mean (commands, handles, settings, errnos, families,
// types, protocols, flags, levels, options, help) is refused in one line
// each, without building a matrix of the word's length by each candidate.
// The script and the output stay in files: the child's peak memory, as the
// kernel counts it, includes this process's when the child starts.
func TestLongMisspelling(t *testing.T) {
	dir := t.TempDir()
	scriptPath, outPath := filepath.Join(dir, "long.sock"), filepath.Join(dir, "out")
	w := strings.Repeat("q", 1_000_000)
	f, err := os.Create(scriptPath)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("s = socket\n")
	for _, l := range []string{"getsockopt s " + w, "getsockopt s " + w + " x", "setsockopt s " + w + " 1",
		"errno " + w, "errno E" + w, "socket " + w, "socket inet " + w, "socket inet stream " + w,
		"help " + w, w, "set " + w, "recv " + w, "recv s 1 " + w, "shutdown s " + w} {
		f.WriteString(l + "\n")
	}
	f.WriteString("fileno s => 3\n")
	f.Close()
	w = ""
	out, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd, rss := measured(t, ctx, "-q", scriptPath)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Run(); err != nil {
		t.Errorf("sockrepl: %v", err)
	}
	last := make([]byte, 200)
	n, _ := out.ReadAt(last, max(0, func() int64 { st, _ := out.Stat(); return st.Size() }()-200))
	if !bytes.HasSuffix(last[:n], []byte("expectations: 1 held, 0 failed\n")) {
		t.Errorf("the output ends %q", last[:n])
	}
	if peak := rss(); peak > 96<<10 {
		t.Errorf("peak memory %d KiB for did-you-mean searches of a 1 MB word", peak)
	}
}

// TestRandomScript: a file of random bytes is a script of nonsense; the
// shell reads it all, says what is wrong, and prints nothing raw.
func TestRandomScript(t *testing.T) {
	junk := make([]byte, 1<<20)
	rand.Read(junk)
	out, code, rss := runScriptFile(t, junk, "-q")
	checkClean(t, out)
	if code != 0 && code != 1 {
		t.Errorf("exit status %d", code)
	}
	if rss > 64<<10 {
		t.Errorf("peak memory %d KiB", rss)
	}
}

// TestHostilePeer: whatever a peer sends — terminal escapes, C1 controls,
// invalid UTF-8 — prints escaped, in results and in the trace.
func TestHostilePeer(t *testing.T) {
	script := `set trace on
a, b = socketpair
sendall a b'\x1b[2J\x1b]0;owned\x07\x9b31m\xc2\x9b\xff\xfe\x00\r\x7f'
recv b
f = makefile b r
sendall a "\xc2\x9b\x1b[1m text \u2028"
shutdown a wr
read f
`
	out, _, _ := runScriptFile(t, []byte(script), "-q")
	checkClean(t, out)
	if !strings.Contains(out, `b'\x1b[2J\x1b]0;owned\x07\x9b31m\xc2\x9b\xff\xfe\x00\r\x7f'`) {
		t.Errorf("the peer's bytes were not shown escaped:\n%s", out)
	}
}

// TestPeerGoneAway: sending to a closed or reset peer fails with EPIPE or
// ECONNRESET; the shell is not killed by SIGPIPE.
func TestPeerGoneAway(t *testing.T) {
	script := `srv = socket
bind srv 127.0.0.1:0
listen srv
c = socket
connect c $srv
a = accept srv
setsockopt a SO_LINGER 1 0
close a
send c hi => ECONNRESET
send c hi => EPIPE
x, y = socketpair
close y
sendall x hi => EPIPE
echo still here
`
	out, code, _ := runScriptFile(t, []byte(script), "-q")
	if code != 0 || !strings.Contains(out, "still here") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
}

// TestFDsRunOut: under a lowered `ulimit -n`, socket fails with EMFILE and
// its hint, and the session goes on: closing a handle makes room again.
func TestFDsRunOut(t *testing.T) {
	var script strings.Builder
	for i := 0; i < 20; i++ {
		script.WriteString("socket\n")
	}
	script.WriteString("close 1\nlast = socket => ok\necho still here\n")
	path := filepath.Join(t.TempDir(), "emfile.sock")
	os.WriteFile(path, []byte(script.String()), 0o644)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "sh", "-c", "ulimit -n 16 && exec \"$0\" -q \"$1\"", sockreplBin(), path).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	s := string(out)
	for _, want := range []string{"EMFILE (24) Too many open files", "hint: this process hit its open-file limit", "still here", "expectations: 1 held, 0 failed"} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
	if !strings.HasPrefix(s, "#1  fd=3 ") {
		t.Errorf("under a small fd limit the first socket should still be fd 3:\n%s", s)
	}
}

// TestFDLimitsTiny: under every small `ulimit -n` the shell either runs
// (a socket, or EMFILE and its hint) or says in one line that the limit is
// too low and exits 2; never a Go runtime crash dump.
func TestFDLimitsTiny(t *testing.T) {
	// The program as make build makes it: a dynamically linked test binary
	// cannot even load its C library under ulimit -n 3.
	bin := staticBin(t)
	for n := 1; n <= 12; n++ {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cmd := exec.CommandContext(ctx, "sh", "-c", "ulimit -n \"$1\" && exec \"$0\" -q -c 'echo hi; s = socket; ls'", bin, strconv.Itoa(n))
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		cancel()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		out, errOut := stdout.String(), stderr.String()
		if strings.Contains(errOut, "fatal error") || strings.Contains(errOut, "goroutine") || strings.Contains(out, "panic") {
			t.Errorf("ulimit -n %d: a crash:\n%s%s", n, out, errOut[:min(len(errOut), 400)])
			continue
		}
		if n < 7 {
			want := fmt.Sprintf("sockrepl: the open-file limit (ulimit -n) is %d; the shell needs at least 7", n)
			if code != 2 || !strings.HasPrefix(errOut, want) || strings.Count(errOut, "\n") != 1 {
				t.Errorf("ulimit -n %d: exit %d, stderr %q; want exit 2 and one line %q…", n, code, errOut, want)
			}
			continue
		}
		if code != 0 || errOut != "" || !strings.HasPrefix(out, "hi\n") {
			t.Errorf("ulimit -n %d: exit %d, stderr %q, stdout:\n%s", n, code, errOut, out)
		}
		if !strings.Contains(out, "#1 s  fd=") && !strings.Contains(out, "EMFILE") {
			t.Errorf("ulimit -n %d: socket neither made nor refused with EMFILE:\n%s", n, out)
		}
	}
}

// TestStdoutWriteError: when standard output cannot be written (a full
// disk: /dev/full), the shell says so on standard error, stops the run
// (nothing after the failed write runs: the socket file is never made) and
// exits 2, for scripts, --help and --version alike.
func TestStdoutWriteError(t *testing.T) {
	path := filepath.Join(t.TempDir(), "after.sock")
	// More output than the 64 KiB buffer, so a write fails before the bind.
	long := strings.Repeat("errno; ", 20) + "u = socket unix dgram; bind u " + path
	for _, args := range [][]string{{"-c", "echo x"}, {"-c", long}, {"--help"}, {"--version"}} {
		full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
		if err != nil {
			t.Skip(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cmd := exec.CommandContext(ctx, sockreplBin(), args...)
		var stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = full, &stderr
		err = cmd.Run()
		cancel()
		full.Close()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		if want := "sockrepl: cannot write standard output: no space left on device\n"; code != 2 || stderr.String() != want {
			t.Errorf("%q > /dev/full: exit %d, stderr %q; want exit 2 and %q", args, code, stderr.String(), want)
		}
	}
	if _, err := os.Stat(path); err == nil {
		t.Errorf("the run went on after its output failed: %s was bound", path)
	}
}

// TestClosedStdout: when the reader of the output goes away (| head -1),
// the shell ends quietly: no panic, no error spew.
func TestClosedStdout(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	// Far more than a pipe holds (64 KiB), so the shell does write into
	// the closed pipe.
	cmds := strings.Repeat("errno; help; ", 60)
	cmd := exec.CommandContext(ctx, "sh", "-c", "\"$0\" -c \"$1\" | head -1", sockreplBin(), cmds)
	// The timeout kills sh only; do not wait on its children's pipes.
	cmd.WaitDelay = 2 * time.Second
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%v\n%s", err, stderr.String())
	}
	if string(out) != "> errno\n" {
		t.Errorf("head -1 printed %q", out)
	}
	if stderr.Len() != 0 {
		t.Errorf("the shell wrote to stderr: %q", stderr.String())
	}
}

// TestPythonMemoryTotal: each Python value is bounded (256 MiB), and so
// are all of them together: 100 MB values made one after another in a
// list, a comprehension, repr and a str method stop with one MemoryError
// line each when the total would pass 1 GiB, what was kept stays, the
// session and its handles go on, and the process never holds the
// gigabytes asked for (without the total bound this script takes 3.5 GB
// and more).
func TestPythonMemoryTotal(t *testing.T) {
	script := `s = socket
bind s 127.0.0.1:0
big = b'x' * 100000000
vals = []
for i in range(25): vals.append(big + bytes([i]))

len(vals) < 25
copies = [big[::-1] for i in range(10)]
texts = [repr(big) for i in range(10)]
upper = {}
for i in range(10): upper[i] = big.upper()

vals = None
again = big + b'!'
len(again)
getsockname s => $s
`
	out, code, rss := runScriptFile(t, []byte(script), "-q")
	checkClean(t, out)
	if n := strings.Count(out, "\nMemoryError\n"); n != 4 {
		t.Errorf("%d MemoryError lines, want 4 (one for each statement that asked too much):\n%s", n, out)
	}
	if !strings.Contains(out, "holds no more than 1024 MiB of values in all") {
		t.Errorf("no hint names the total bound:\n%s", out)
	}
	for _, want := range []string{"True\n", "100000001\n", "expectations: 1 held, 0 failed"} {
		if !strings.Contains(out, want) {
			t.Errorf("the output lacks %q: the session did not go on:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Errorf("exit status %d", code)
	}
	if rss > 2400<<10 {
		t.Errorf("peak memory %d MiB for values bounded to 1 GiB in all", rss>>10)
	}
}

// TestCommandLineControlBytes: a file name or flag value holding control
// bytes is named in the error with them escaped, never written raw.
func TestCommandLineControlBytes(t *testing.T) {
	for _, args := range [][]string{
		{filepath.Join(t.TempDir(), "no\x1b[31mfile")},
		{"--lang=\x1b]0;title\x07"},
		{"--\x1b[2Jflag"},
		{"--timeout=\x1b[2J"},
	} {
		ctx, cancel := context.WithTimeout(context.Background(), lineWait)
		out, err := exec.CommandContext(ctx, sockreplBin(), args...).CombinedOutput()
		cancel()
		if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
			t.Errorf("sockrepl %q: %v, want exit status 2\n%s", args, err, out)
		}
		if !strings.Contains(string(out), `\x1b`) {
			t.Errorf("sockrepl %q does not name the escape byte:\n%q", args, out)
		}
		checkClean(t, string(out))
	}
}

// TestPythonEchoMemory: the REPL's echo and print of a 64 MiB binary
// value (a 256 MiB repr) write it out as it is made: the process holds
// the value and a piece of its repr, not copies of the repr (1.6 GB
// before), and a repr() of it as a value is refused (MaxSize) before it
// is made.
func TestPythonEchoMemory(t *testing.T) {
	script := "x = b'\\xff' * 2**26\nx\nprint(x, 1)\ny = repr(x)\nprint('ok', len(x))\n"
	out, code, rss := runScriptFile(t, []byte(script), "-q")
	checkClean(t, out)
	line := "b'" + strings.Repeat(`\xff`, 1<<26) + "'"
	want := line + "\n" + line + " 1\nMemoryError\n"
	if !strings.HasPrefix(out, want) || !strings.HasSuffix(out, "ok 67108864\n") || code != 0 {
		t.Errorf("exit status %d, output of %d bytes: %.200q … %q", code, len(out), out, out[max(0, len(out)-300):])
	}
	if rss > 512<<10 {
		t.Errorf("peak memory %d MiB to print a 64 MiB value", rss>>10)
	}
}

// TestPythonSendMemory: a big bytes argument of a Python call reaches its
// command as it is, not as its repr read back (four times the value for
// binary: a send of 256 MiB peaked at 1.8 GB), and arrives whole.
func TestPythonSendMemory(t *testing.T) {
	script := "import socket\na, b = socket.socketpair()\na.setblocking(False)\n" +
		"small = bytes(range(256)) * 400\nn = a.send(small)\n" +
		"b.recv(n, socket.MSG_WAITALL) == small[:n] and n > 65536\n" +
		"x = b'\\xff' * 2**28\nn = a.send(x)\nprint('sent', n > 0)\nsleep 60"
	p := startProc(t, peerContext(t), false, sockreplBin(), "-q", "-c", script)
	p.waitLine(regexp.MustCompile(`^True$`))
	p.waitLine(regexp.MustCompile(`^sent True$`))
	// The peak while the shell still runs: ru_maxrss of a child counts
	// its parent's memory too (vfork).
	waitInPoll(t, p.cmd.Process.Pid)
	if hwm := vmHWM(t, p.cmd.Process.Pid); hwm > 900<<10 {
		t.Errorf("peak RSS %d MiB to send a 256 MiB value", hwm>>10)
	}
}
