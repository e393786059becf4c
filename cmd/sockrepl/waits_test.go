package main

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
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

// feedOne listens on loopback and gives the first connection data, then
// closes it, or with hold keeps it open until the test ends. The channel
// gets the connecting side's port once the data is written.
func feedOne(t *testing.T, data []byte, hold bool) (string, <-chan int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ln.Close() })
	written := make(chan int, 1)
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		c.Write(data)
		written <- c.RemoteAddr().(*net.TCPAddr).Port
		if !hold {
			c.Close()
			return
		}
		t.Cleanup(func() { c.Close() })
	}()
	return ln.Addr().String(), written
}

// rxQueue is how many bytes wait in the receive queue of the loopback TCP
// socket whose local port is port (/proc/net/tcp), or -1 when none is
// found.
func rxQueue(t *testing.T, port int) int {
	t.Helper()
	b, err := os.ReadFile("/proc/net/tcp")
	if err != nil {
		t.Fatal(err)
	}
	local := fmt.Sprintf("0100007F:%04X", port)
	for _, l := range strings.Split(string(b), "\n")[1:] {
		f := strings.Fields(l)
		if len(f) > 4 && f[1] == local {
			_, rx, _ := strings.Cut(f[4], ":")
			n, err := strconv.ParseInt(rx, 16, 64)
			if err == nil {
				return int(n)
			}
		}
	}
	return -1
}

// TestLargeReceiveMemory: receiving 64 MiB takes about 64 MiB: the repr is
// made only as far as it is shown, and with `set preview 0` it is written
// piece by piece (it was built whole: 675 MB, 1.5 GB with preview 0).
func TestLargeReceiveMemory(t *testing.T) {
	const size = 64 << 20
	data := bytes.Repeat([]byte{0xff}, size) // four bytes of repr each
	for _, tt := range []struct{ preview, want string }{
		{"256", "b'" + strings.Repeat(`\xff`, 256) + "'... (+67108608 bytes)  (67108864 bytes)"},
		{"0", "b'" + strings.Repeat(`\xff`, size) + "'  (67108864 bytes)"},
	} {
		addr, _ := feedOne(t, data, false)
		p := startProc(t, peerContext(t), false, sockreplBin(), "-q", "-c",
			"c = socket; connect c "+addr+"; set preview "+tt.preview+"; recv c 67108864 waitall; sleep 60")
		p.waitLine(regexp.MustCompile(`^ok  \(preview`))
		if line, _ := p.next(); line != tt.want {
			t.Fatalf("preview %s: got %.300q", tt.preview, line)
		}
		// The peak while the shell still runs: ru_maxrss of a child
		// counts its parent's memory too (vfork).
		waitInPoll(t, p.cmd.Process.Pid)
		if hwm := vmHWM(t, p.cmd.Process.Pid); hwm > 160<<10 {
			t.Errorf("preview %s: peak RSS %d MiB receiving 64 MiB", tt.preview, hwm>>10)
		}
	}
}

// vmHWM is a process's peak resident memory in KiB.
func vmHWM(t *testing.T, pid int) int {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(l, "VmHWM:"); ok {
			n, err := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(rest), " kB"))
			if err == nil {
				return n
			}
		}
	}
	t.Fatalf("no VmHWM for %d", pid)
	return 0
}

// TestInterruptedReceiveShowsData: Ctrl-C in `recv c N waitall` shows the
// bytes that had arrived (the kernel has them no more), as a partial send
// says what went out.
func TestInterruptedReceiveShowsData(t *testing.T) {
	addr, written := feedOne(t, bytes.Repeat([]byte("y"), 1000), true)
	p := startProc(t, peerContext(t), false, sockreplBin(), "-q", "-c",
		"c = socket; connect c "+addr+"; recv c 67108864 waitall")
	var port int
	select {
	case port = <-written:
	case <-time.After(lineWait):
		t.Fatalf("no connection\n%s", p.dump())
	}
	// The receive has taken the bytes once the socket's queue is empty
	// again and the shell waits in poll for more.
	if !waitUntil(lineWait, func() bool { return rxQueue(t, port) == 0 && sleepsInPoll(p.cmd.Process.Pid) }) {
		t.Fatalf("the receive never took the data (queue %d)\n%s", rxQueue(t, port), p.dump())
	}
	p.cmd.Process.Signal(syscall.SIGINT)
	if code := p.exitCode(); code != 130 {
		t.Fatalf("exit status %d\n%s", code, p.dump())
	}
	want := "interrupted  (1000 of 67108864 bytes had arrived: b'" + strings.Repeat("y", 256) + "'... (+744 bytes))\n"
	if !strings.Contains(p.out.String(), want) {
		t.Errorf("want %q\n%s", want, p.dump())
	}
}
