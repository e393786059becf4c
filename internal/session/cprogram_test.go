package session

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"sockrepl/internal/pyrepr"
)

// compileC builds a saved C program with the system's compiler, which must
// take it without a warning; the test is skipped only where there is no
// compiler (scripts/install-test-deps installs one).
func compileC(t *testing.T, src string) string {
	t.Helper()
	cc, err := exec.LookPath("cc")
	if err != nil {
		t.Skip("no C compiler: cc is not in PATH (scripts/install-test-deps installs gcc)")
	}
	bin := strings.TrimSuffix(src, ".c")
	out, err := exec.Command(cc, "-std=c11", "-Wall", "-Wextra", "-Werror", "-o", bin, src).CombinedOutput()
	if err != nil {
		b, _ := os.ReadFile(src)
		t.Fatalf("cc: %v\n%s\nprogram:\n%s", err, out, b)
	}
	return bin
}

// runProgram runs a saved program (bounded in time) and gives its output
// and exit status.
func runProgram(t *testing.T, name string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = t.TempDir()
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ctx.Err() != nil {
		t.Fatalf("%s did not end within 30s; it printed:\n%s%s", name, o.String(), e.String())
	}
	if x, ok := err.(*exec.ExitError); ok {
		code = x.ExitCode()
	} else if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return o.String(), e.String(), code
}

// saveSession runs lines in a session (a Python block as one, its lines
// split by newlines, as the front end hands it over) and saves it as each
// extension.
func saveSession(t *testing.T, dir string, lines []string, exts ...string) map[string]string {
	t.Helper()
	s, out := newTestSession(t)
	for _, l := range lines {
		l = strings.ReplaceAll(l, "$DIR", dir)
		if block := strings.Split(l, "\n"); len(block) > 1 {
			s.ExecPython(block)
			continue
		}
		s.ExecLine(l)
	}
	paths := map[string]string{}
	for _, ext := range exts {
		p := filepath.Join(dir, "saved"+ext)
		out.Reset()
		s.ExecLine("save " + p)
		if !strings.Contains(out.String(), "saved ") {
			t.Fatalf("save %s: %s", p, out.String())
		}
		paths[ext] = p
	}
	return paths
}

var anyPort = regexp.MustCompile(`', [0-9]{1,5}\)`)

// A session saved as C compiles without warnings and, run, makes the same
// calls with the same outcomes: it prints what the saved Python program
// prints (values as Python's repr, failures as Python's exception line),
// ports and all that the kernel picks being the program's own.
func TestSavedCProgramDoesWhatTheSessionDid(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is needed (scripts/install-test-deps installs it)")
	}
	dir := t.TempDir()
	paths := saveSession(t, dir, []string{
		// A port the kernel picks, and a connection to it.
		"srv = socket inet stream",
		"setsockopt srv SO_REUSEADDR 1",
		"getsockopt srv SO_REUSEADDR",
		"getsockopt srv SO_TYPE",
		"bind srv 127.0.0.1:0",
		"listen srv",
		"getsockname srv",
		"cli = socket",
		"connect cli $srv",
		"conn, addr = accept srv",
		"getpeername cli",
		// No call in this test waits for long, in the session or the
		// program.
		"settimeout conn 5",
		"settimeout cli 5",
		// Bytes over TCP, both ways, send and sendall.
		`sendall cli "hello\n"`,
		"recv conn 1024",
		`send conn "x"*3`,
		"recv cli 3",
		// The tutorial's loop, from Python: its calls are made again.
		"buffer = b'y' * 5",
		"while buffer: n = cli.send(buffer); buffer = buffer[n:]\n",
		"recv conn 5",
		// Python values in commands, as they were when the command ran.
		"word = b'hey'",
		"size = 3",
		"sendall cli $word",
		"recv conn $size",
		"word = b'changed since'",
		// A timeout, and a socket that does not block.
		"settimeout conn 0.1",
		"gettimeout conn",
		"recv conn 10 => timeout",
		"setblocking conn false",
		"recv conn => EAGAIN",
		"shutdown cli wr",
		"settimeout conn 5",
		"recv conn",
		// UDP to itself.
		"u = socket inet dgram",
		"bind u 127.0.0.1:0",
		"settimeout u 5",
		"sendto u ping $u",
		"recvfrom u 100",
		// A unix socketpair.
		"a, b = socketpair",
		"settimeout b 5",
		`sendall a "over unix"`,
		"recv b",
		"getsockname a",
		// A refused connection, from a command and from connect_ex.
		"closed = socket",
		"bind closed 127.0.0.1:0",
		"refused = socket",
		"connect refused $closed",
		"x = socket",
		"connect_ex x $closed",
		"gettimeout x",
		// A connect that does not block, waited for with poll.
		"nb = socket",
		"setblocking nb false",
		"connect nb $srv => EINPROGRESS",
		"poll nb 5",
		"getsockopt nb SO_ERROR",
		// A file that is not there, named in the failure as Python names it.
		"unlink $DIR/nothing-here",
		// Closed sockets: closing again is fine, calls fail.
		"close cli",
		"close cli",
		"recv cli => EBADF",
	}, ".c", ".py")
	bin := compileC(t, paths[".c"])
	cOut, cErr, code := runProgram(t, bin)
	if code != 0 || cErr != "" {
		t.Fatalf("the C program ended with status %d: %s\nit printed:\n%s", code, cErr, cOut)
	}
	pyOut, pyErr, code := runProgram(t, python, paths[".py"])
	if code != 0 {
		t.Fatalf("the Python program ended with status %d: %s", code, pyErr)
	}
	if got, want := anyPort.ReplaceAllString(cOut, "', PORT)"), anyPort.ReplaceAllString(pyOut, "', PORT)"); got != want {
		t.Errorf("the C program printed\n%s\nthe Python program\n%s", truncate(got, 4000), truncate(want, 4000))
	}
	// The port the program connected to is the one its own bind got.
	lines := strings.Split(cOut, "\n")
	if len(lines) < 4 || lines[2] != lines[3] || !strings.HasPrefix(lines[2], "('127.0.0.1', ") || strings.HasSuffix(lines[2], ", 0)") {
		t.Errorf("getsockname srv and getpeername cli should print the port the program's bind got, the same: %q", lines)
	}
	for _, want := range []string{"ConnectionRefusedError: [Errno 111] Connection refused", "TimeoutError: timed out", "b'yyyyy'", "b'hey'", "(b'ping', ('127.0.0.1', ",
		"FileNotFoundError: [Errno 2] No such file or directory: '" + dir + "/nothing-here'"} {
		if !strings.Contains(cOut, want) {
			t.Errorf("the C program did not print %q:\n%s", want, truncate(cOut, 4000))
		}
	}
}

// Every byte value survives the trip into the C program's literals and out
// through its repr, which is Python's.
func TestSavedCProgramBytes(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	data := pyrepr.Bytes(append(all, "??=\"'"...))
	paths := saveSession(t, t.TempDir(), []string{
		"a, b = socketpair unix dgram",
		"settimeout b 5",
		"send a " + data,
		"recv b 1000",
	}, ".c")
	out, errs, code := runProgram(t, compileC(t, paths[".c"]))
	if want := "261\n" + data + "\n"; out != want || code != 0 {
		t.Errorf("the C program printed %q (status %d, %s); want %q", out, code, errs, want)
	}
}

// A call whose outcome differs from the session's ends the program with
// status 1 and a line naming the statement, what happened and what the
// session saw: here the unix path the session bound is still there.
func TestSavedCProgramStopsAtAnUnexpectedOutcome(t *testing.T) {
	dir := t.TempDir()
	paths := saveSession(t, dir, []string{
		"u = socket unix stream",
		"bind u $DIR/u.sock",
		"getsockname u",
	}, ".c")
	out, errs, code := runProgram(t, compileC(t, paths[".c"]))
	want := "unexpected outcome: bind u " + dir + "/u.sock: Address already in use, the session's call succeeded\n"
	if code != 1 || errs != want || out != "" {
		t.Errorf("status %d, stdout %q, stderr %q; want 1, nothing, %q", code, out, errs, want)
	}
}

// What C cannot do the program says in a comment, and goes on: Python's
// own argument checks, and the commands that make no system call.
func TestSavedCProgramComments(t *testing.T) {
	paths := saveSession(t, t.TempDir(), []string{
		"s = socket",
		"listen s 99999999999",
		"s.settimeout(9223372036.854776)",
		"echo hi",
		"getsockname s",
	}, ".c")
	b, err := os.ReadFile(paths[".c"])
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"/* listen: Python raised OverflowError before any system call; C has no such check */",
		"/* settimeout: Python raised OverflowError before any system call; C has no such check */",
		"/* sockrepl: echo: no C call for this */",
	} {
		if !bytes.Contains(b, []byte(want)) {
			t.Errorf("the program lacks %q", want)
		}
	}
	out, errs, code := runProgram(t, compileC(t, paths[".c"]))
	if out != "('0.0.0.0', 0)\n" || code != 0 {
		t.Errorf("the C program printed %q (status %d, %s)", out, code, errs)
	}
}

// Files made by makefile read and write as Python's buffered files do, each
// with its own buffer, and a socket closed while a file is open keeps its
// fd: the C program prints what the Python program prints.
func TestSavedCProgramFiles(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Fatal("python3 is needed (scripts/install-test-deps installs it)")
	}
	paths := saveSession(t, t.TempDir(), []string{
		"a, b = socketpair",
		"settimeout a 5",
		"settimeout b 0.2",
		"f = makefile a rwb",
		`write f "line one\nline two\n"`,
		"flush f",
		"g = makefile b rb",
		"readline g",
		"read g 4",
		"t = makefile b r",
		"w = makefile a w",
		`write w "héllo\n"`,
		"flush w",
		"readline t",
		"close a",
		`write f "more"`,
		"close f",
		"read g",
		"fileno g",
		"close g",
		"close t",
		"close w",
	}, ".c", ".py")
	cOut, cErr, code := runProgram(t, compileC(t, paths[".c"]))
	if code != 0 {
		t.Fatalf("the C program ended with status %d: %s\nit printed:\n%s", code, cErr, cOut)
	}
	pyOut, pyErr, code := runProgram(t, python, paths[".py"])
	if code != 0 {
		t.Fatalf("the Python program ended with status %d: %s", code, pyErr)
	}
	want := "18\nb'line one\\n'\nb'line'\n6\nhéllo\n\n4\nTimeoutError: timed out\n"
	if cOut != pyOut || !strings.HasPrefix(cOut, want) {
		t.Errorf("the C program printed\n%s\nthe Python program\n%s\nboth should start\n%s", cOut, pyOut, want)
	}
}

// A unix path that starts with @ is a file, not an abstract name, in the
// program too.
func TestSavedCProgramAtPath(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	paths := saveSession(t, dir, []string{
		"u = socket unix dgram",
		`bind u b"@odd"`,
		"getsockname u",
	}, ".c")
	if err := os.Remove(filepath.Join(dir, "@odd")); err != nil {
		t.Fatalf("the session bound no file @odd: %v", err)
	}
	bin := compileC(t, paths[".c"])
	cmd := exec.Command(bin)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if string(out) != "@odd\n" || err != nil {
		t.Errorf("the C program printed %q (%v); want the file @odd", out, err)
	}
	if _, err := os.Stat(filepath.Join(dir, "@odd")); err != nil {
		t.Errorf("the C program bound no file @odd: %v", err)
	}
}
