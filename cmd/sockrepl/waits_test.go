package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// makeFIFO makes a named pipe in the test's directory.
func makeFIFO(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "fifo")
	if err := syscall.Mkfifo(path, 0o600); err != nil {
		t.Fatalf("mkfifo: %v", err)
	}
	return path
}

// TestFileReadInterrupt: every read of a file the shell makes for itself
// that can wait for ever (a data literal's file, a sourced file, the
// script on standard input; a FIFO with no writer, a pipe nobody writes,
// the shell's own output) waits in poll, where Ctrl-C ends it: the command
// says `interrupted` and the script stops with status 130.
func TestFileReadInterrupt(t *testing.T) {
	fifo := makeFIFO(t)
	for _, tt := range []struct {
		name    string
		args    []string
		command bool // the wait is a command's, which says `interrupted`
	}{
		{"data literal from a FIFO with no writer", []string{"-c", "a, b = socketpair; send a @" + fifo + "; echo NOT-REACHED"}, true},
		{"data literal from standard input", []string{"-c", "a, b = socketpair; send a @/dev/stdin; echo NOT-REACHED"}, true},
		{"data literal from the shell's own output", []string{"-c", "a, b = socketpair; send a @/proc/self/fd/1; echo NOT-REACHED"}, true},
		{"source of a FIFO with no writer", []string{"-c", "source " + fifo + "; echo NOT-REACHED"}, true},
		{"the script on standard input", []string{}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := startProc(t, peerContext(t), true, sockreplBin(), tt.args...)
			if !tt.command {
				p.send("echo first")
				p.waitLine(regexp.MustCompile(`^first$`))
			}
			waitInPoll(t, p.cmd.Process.Pid)
			p.cmd.Process.Signal(syscall.SIGINT)
			if code := p.exitCode(); code != 130 {
				t.Errorf("exit status %d, want 130\n%s", code, p.dump())
			}
			out := p.out.String()
			if tt.command && !strings.Contains(out, "\ninterrupted\n") && !strings.HasPrefix(out, "interrupted\n") {
				t.Errorf("no `interrupted` line\n%s", p.dump())
			}
			if strings.Contains(out, "NOT-REACHED") || p.errOut.String() != "" {
				t.Errorf("the script went on, or complained\n%s", p.dump())
			}
		})
	}
}

// TestScriptIsFIFO: a named pipe given as the script is opened once, so
// the writer that comes later is the one the shell reads.
func TestScriptIsFIFO(t *testing.T) {
	fifo := makeFIFO(t)
	ctx := peerContext(t)
	wrote := make(chan error, 1)
	go func() {
		// Blocks until the shell opens the FIFO for reading.
		f, err := os.OpenFile(fifo, os.O_WRONLY, 0)
		if err == nil {
			_, err = f.WriteString("echo hi from the fifo\n")
			f.Close()
		}
		wrote <- err
	}()
	out, err := exec.CommandContext(ctx, sockreplBin(), "-q", fifo).CombinedOutput()
	if err != nil || string(out) != "hi from the fifo\n" {
		t.Fatalf("%v\n%s", err, out)
	}
	select {
	case err := <-wrote:
		if err != nil {
			t.Errorf("writer: %v", err)
		}
	case <-time.After(lineWait):
		t.Error("the writer never finished")
	}
}

// TestEndlessScript: input that is one endless line (/dev/zero as the
// script or a sourced file) ends with one error line instead of being
// skipped for ever.
func TestEndlessScript(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), peerTimeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, sockreplBin(), "-e")
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Fatal(err)
	}
	defer zero.Close()
	cmd.Stdin = zero
	out, err := cmd.CombinedOutput()
	ee, _ := err.(*exec.ExitError)
	if ee == nil || ee.ExitCode() != 2 || string(out) != "sockrepl: cannot read standard input: line 1 has no end in its first 67108864 bytes (is this a script?); stopped reading\n" {
		t.Errorf("-e < /dev/zero: %v\n%s", err, out)
	}

	out, err = exec.CommandContext(ctx, sockreplBin(), "-q", "-c", "source /dev/zero; echo after").CombinedOutput()
	want := "source: cannot read \"/dev/zero\": line 1 has no end in its first 67108864 bytes (is this a script?); stopped reading\nafter\n"
	if err != nil || string(out) != want {
		t.Errorf("source /dev/zero: %v\n%s", err, out)
	}
}

// TestEndlessLiteralUnderMemoryLimit: an endless data source is refused
// after the literal limit, in the memory that limit needs: under a ulimit
// the shell used to die with `fatal error: out of memory`.
func TestEndlessLiteralUnderMemoryLimit(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), peerTimeout)
	defer cancel()
	script := "a, b = socketpair; send a @/dev/zero; send a @/dev/zero*0; send a @/dev/zero; echo alive"
	out, err := exec.CommandContext(ctx, "sh", "-c", `ulimit -v 2000000 && exec "$0" -q -c "$1"`, staticBin(t), script).CombinedOutput()
	want := "#1 a  fd=3   #2 b  fd=4   AF_UNIX SOCK_STREAM connected to each other\n" +
		"send: @/dev/zero: file is larger than the 268435456-byte limit\n" +
		"0  (all 0 bytes)\n" +
		"send: @/dev/zero: file is larger than the 268435456-byte limit\n" +
		"alive\n"
	if err != nil || string(out) != want {
		t.Errorf("%v\n%s", err, out)
	}
}
