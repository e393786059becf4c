package main

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"
)

// peerTimeout bounds every test that talks to a real peer: each process
// runs under a context with this deadline and is killed when it passes.
const peerTimeout = 20 * time.Second

// lineWait bounds every wait for one line of output.
const lineWait = 10 * time.Second

// waitUntil asks ready every 20 ms until it holds (true) or limit has
// passed (false): the one loop of every readiness check in these tests.
func waitUntil(limit time.Duration, ready func() bool) bool {
	deadline := time.Now().Add(limit)
	for !ready() {
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(20 * time.Millisecond) // poll interval of a readiness check
	}
	return true
}

// peerContext returns a context that ends after peerTimeout or when the
// test ends, whichever comes first.
func peerContext(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), peerTimeout)
	t.Cleanup(cancel)
	return ctx
}

// needTool returns the path of a program the test drives. When it is
// missing the test is skipped, except in CI (CI set), where the Makefile's
// deps step installs it and its absence is a failure.
func needTool(t *testing.T, name string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("CI") != "" {
		t.Fatalf("%s is missing (make deps installs it): %v", name, err)
	}
	t.Skipf("%s is missing: %v (set CI to make this a failure)", name, err)
	return ""
}

// sockreplBin is the program: the copy of this test binary that
// testscript.Main put in PATH as sockrepl (see TestMain).
func sockreplBin() string {
	p, err := exec.LookPath("sockrepl")
	if err != nil {
		panic("TestMain put no sockrepl in PATH: " + err.Error())
	}
	return p
}

// staticBin builds the program as make build does (no cgo: static, no C
// library threads or arenas), for a test about the process's own memory,
// where the test binary's extra weight would be measured too.
func staticBin(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "sockrepl")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	build := exec.CommandContext(ctx, "go", "build", "-o", out, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if msg, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, msg)
	}
	return out
}

// syncBuffer is a bytes.Buffer safe for one writer and concurrent readers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}

// proc is a subprocess whose standard output is read line by line as it
// comes, so a test can wait (with a deadline) for a given line before it
// goes on. Everything it printed is kept for the failure message.
type proc struct {
	t      *testing.T
	name   string
	cmd    *exec.Cmd
	stdin  io.WriteCloser // nil unless asked for
	lines  chan string    // closed at end of output
	out    syncBuffer     // all of stdout
	errOut syncBuffer     // all of stderr
	done   chan struct{}  // closed once the process was waited for
	err    error          // Wait's result, valid after done
	seen   []string       // lines taken from the channel so far
}

// startProc starts name with args under ctx (which kills it when it
// ends). With withStdin the test writes the process's standard input. The
// process is killed and reaped when the test ends.
func startProc(t *testing.T, ctx context.Context, withStdin bool, name string, args ...string) *proc {
	t.Helper()
	p := &proc{
		t:     t,
		name:  filepath.Base(name),
		cmd:   exec.CommandContext(ctx, name, args...),
		lines: make(chan string, 1024),
		done:  make(chan struct{}),
	}
	// Should a grandchild keep a pipe open, Wait gives up after this.
	p.cmd.WaitDelay = 2 * time.Second
	p.cmd.Stderr = &p.errOut
	p.cmd.Env = append(os.Environ(), "NO_COLOR=1")
	if withStdin {
		w, err := p.cmd.StdinPipe()
		if err != nil {
			t.Fatal(err)
		}
		p.stdin = w
	}
	stdout, err := p.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := p.cmd.Start(); err != nil {
		t.Fatalf("starting %s: %v", name, err)
	}
	go func() {
		r := bufio.NewReader(stdout)
		for {
			line, err := r.ReadString('\n')
			if line != "" {
				p.out.Write([]byte(line))
				p.lines <- strings.TrimSuffix(line, "\n")
			}
			if err != nil {
				break
			}
		}
		close(p.lines)
		// All reads are done: now Wait may close the pipe.
		p.err = p.cmd.Wait()
		close(p.done)
	}()
	t.Cleanup(func() {
		if p.stdin != nil {
			p.stdin.Close()
		}
		p.cmd.Process.Kill()
		// Unblock the reader should nobody have taken its lines.
		go func() {
			for range p.lines {
			}
		}()
		select {
		case <-p.done:
		case <-time.After(5 * time.Second):
			t.Errorf("%s was not reaped 5s after it was killed", p.name)
		}
	})
	return p
}

// send writes each command as one line on the process's standard input.
func (p *proc) send(cmds ...string) {
	p.t.Helper()
	for _, c := range cmds {
		if _, err := io.WriteString(p.stdin, c+"\n"); err != nil {
			p.t.Fatalf("writing %q to %s: %v\n%s", c, p.name, err, p.dump())
		}
	}
}

// next returns the next line of output, waiting at most lineWait; ok is
// false at end of output. It fails the test when the wait runs out.
func (p *proc) next() (line string, ok bool) {
	p.t.Helper()
	timer := time.NewTimer(lineWait)
	defer timer.Stop()
	select {
	case line, ok := <-p.lines:
		if ok {
			p.seen = append(p.seen, line)
		}
		return line, ok
	case <-timer.C:
		p.t.Fatalf("%s printed no line for %v\n%s", p.name, lineWait, p.dump())
		return "", false
	}
}

// waitLine reads lines until one matches re, and returns its submatches.
// Each line must come within lineWait; end of output fails the test.
func (p *proc) waitLine(re *regexp.Regexp) []string {
	p.t.Helper()
	for {
		line, ok := p.next()
		if !ok {
			p.t.Fatalf("%s's output ended before a line matching %q\n%s", p.name, re, p.dump())
		}
		if m := re.FindStringSubmatch(line); m != nil {
			return m
		}
	}
}

// exitCode waits (at most lineWait) for the process to end and returns its
// exit status.
func (p *proc) exitCode() int {
	p.t.Helper()
	select {
	case <-p.done:
	case <-time.After(lineWait):
		p.t.Fatalf("%s did not exit within %v\n%s", p.name, lineWait, p.dump())
	}
	var ee *exec.ExitError
	switch {
	case p.err == nil:
		return 0
	case errors.As(p.err, &ee) && ee.Exited():
		return ee.ExitCode()
	}
	p.t.Fatalf("%s: %v\n%s", p.name, p.err, p.dump())
	return -1
}

// dump is everything the process printed, for a failure message.
func (p *proc) dump() string {
	return "--- " + p.name + " stdout:\n" + p.out.String() + "--- " + p.name + " stderr:\n" + p.errOut.String()
}

// resultOf returns the line sockrepl printed right after echoing cmd
// (`> cmd`), failing the test when cmd was not echoed or printed nothing.
func resultOf(t *testing.T, transcript, cmd string) string {
	t.Helper()
	lines := strings.Split(transcript, "\n")
	for i, l := range lines {
		if l == "> "+cmd {
			if i+1 < len(lines) {
				return lines[i+1]
			}
			break
		}
	}
	t.Fatalf("no result for %q in the transcript:\n%s", cmd, transcript)
	return ""
}

// writeScript writes a sockrepl script into dir and returns its path.
func writeScript(t *testing.T, dir, text string) string {
	t.Helper()
	path := filepath.Join(dir, "peer.sock")
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}
