package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"math/rand"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"sockrepl/internal/session"
)

// The random-script test: statements made at random from the command
// table's declarations, good words and bad, run through the real shell.
// Whatever they are, the shell must not crash, print raw control bytes,
// leak descriptors or fail to exit. A fixed set of seeds runs in the
// tests; SOCKREPL_RANDSCRIPT_N scripts (and SOCKREPL_RANDSCRIPT_SEED for
// the first seed) run under make fuzz.

const (
	randScriptsDefault = 100 // scripts in a plain test run
	randStatements     = 40  // statements a script
	randMaxHandle      = 2*randStatements + 8
)

// badWords are words no kind should take, and which must each get an
// error line: huge numbers, control bytes, unicode, unbalanced quotes,
// long words.
var badWords = []string{
	"99999999999999999999", "-99999999999999999999", "1e400", "-1", "nan", "inf", "0x7fffffffffffffff",
	"2147483648", "4294967296", "-0", "", "\x00", "\x1b[2J", "\x07", "\x7f", "\u009b", "\xff\xfe",
	"ü", "日本語", "\u202e", "\"unterminated", "'x", `b'\`, `"\q"`, "hex:6", "@", "#", "#0", "%", "$", "$99", "$1.nosuch",
	strings.Repeat("x", 5000), strings.Repeat("9", 400), "a|b|c|", "=", "name=", "x=y=z",
}

// goodWords are words of a kind beyond the kinds table's own example,
// kept inside the test's rules: loopback only, files only under the
// script's own directory (it runs there), no waiting for long.
func goodWords(kind string, port int) []string {
	p := strconv.Itoa(port)
	switch kind {
	case "H", "F":
		return []string{"1", "2", "3", "4", "5", "6", "#3", "s", "c", "f"}
	case "FD":
		return []string{"%1", "%2", "%s", "3", "4", "99"}
	case "ADDR":
		return []string{"127.0.0.1:0", "127.0.0.1:" + p, "[::1]:" + p, "[::1]:0", "localhost:" + p, ":0",
			"$1", "$2", "$s", "127.0.0.1 $1.port", "r.sock", "@randscript-" + p, "127.0.0.1:99999", "127.0.0.1"}
	case "HOST":
		return []string{"localhost", "127.0.0.1", "::1", "ip6-localhost"}
	case "PORT":
		return []string{"0", p, "http", "$1.port", "65536"}
	case "PATH", "FILE":
		return []string{"r.sock", "nosuch.sock", "dir/x", "."}
	case "SECONDS", "TIMEOUT":
		return []string{"0", "0.01", "0.001", "-1", "none"}
	case "DATA":
		return []string{`"hi\n"`, `b'\x00\xff'`, "hex:6869", `"x"*1000`, "@nosuch", `"\x1b[2J"`, `"x"*99999999999999`}
	case "BUFSIZE", "BUFLEN", "N", "BYTES", "RATE", "BACKLOG":
		return []string{"0", "1", "16", "65536"}
	case "TYPE":
		return []string{"stream", "dgram", "raw", "seqpacket", "stream|nonblock", "dgram|cloexec"}
	case "FAMILY":
		return []string{"inet", "inet6", "unix", "packet", "netlink", "0"}
	case "PROTO":
		return []string{"0", "tcp", "udp", "icmp", "sctp", "255"}
	case "LEVEL":
		return []string{"socket", "ip", "ipv6", "tcp", "udp", "1", "0"}
	case "OPT":
		return []string{"SO_REUSEADDR", "SO_RCVBUF", "SO_LINGER", "TCP_NODELAY", "IP_TTL", "SO_ERROR", "SO_TYPE", "IPV6_V6ONLY", "SO_RCVTIMEO"}
	case "VALUE":
		return []string{"1", "0", "4096", "1 5", "2147483648", `b'\x01\x00\x00\x00'`}
	case "NAME":
		return []string{"ECONNREFUSED", "EADDRINUSE", "111", "EAGAIN"}
	case "NUMBER":
		return []string{"111", "0", "4095"}
	case "COMMAND":
		return session.CommandNames()
	case "TOPIC":
		return append(session.HelpTopics(), "bind", "nosuch")
	}
	return nil
}

// randomWord is a word for param: mostly one it takes, now and then one
// it does not.
func randomWord(r *rand.Rand, p session.Param, port int) string {
	words := goodWordsOf(p, port)
	if len(words) == 0 || r.Intn(6) == 0 {
		words = badWords
	}
	w := words[r.Intn(len(words))]
	if p.Is("SECONDS") || p.Is("TIMEOUT") {
		// A long wait that is right (sleep 4294967296) would only sit
		// until --timeout: a short one instead.
		if f, err := strconv.ParseFloat(w, 64); err == nil && f > 0.1 {
			w = "0.01"
		}
	}
	return w
}

// goodWordsOf are the words param takes: its choices, and words of each
// of its kinds (the kinds table's own, and goodWords').
func goodWordsOf(p session.Param, port int) []string {
	words := append([]string{}, p.Choices...)
	for _, k := range p.Kinds {
		words = append(words, goodWords(k, port)...)
		kd := session.KindOf(k)
		if kd == nil {
			continue
		}
		if kd.Word != "" && k != "ADDR" && k != "PATH" { // their own: loopback, here
			words = append(words, kd.Word)
		}
		for _, w := range strings.Split(strings.TrimPrefix(kd.ExampleText(), "e.g. "), ", ") {
			if w != "" && !strings.ContainsAny(w, " /:") {
				words = append(words, w)
			}
		}
	}
	return words
}

// mayWait are the commands that can wait on a handle: a short timeout is
// set on it first, so that a script does not sit until --timeout.
var mayWait = []string{"accept", "recv", "recvfrom", "connect", "connect_ex", "send", "sendall", "sendto", "read", "readline", "write", "flush"}

// notRandom are the commands left out: quit ends the script early.
var notRandom = []string{"quit"}

// randomScript makes n statements over the whole command table.
func randomScript(r *rand.Rand, n, port int) []string {
	var cmds []session.CommandInfo
	for _, c := range session.Commands() {
		if !slices.Contains(notRandom, c.Name) {
			cmds = append(cmds, c)
		}
	}
	names := []string{"s", "c", "f", "srv"}
	var out []string
	for len(out) < n {
		c := cmds[r.Intn(len(cmds))]
		words := []string{c.Name}
		if r.Intn(8) == 0 && len(c.Aliases) > 0 {
			words[0] = c.Aliases[r.Intn(len(c.Aliases))]
		}
		for _, p := range c.Params {
			if p.Optional && r.Intn(2) == 0 {
				continue
			}
			times := 1
			if p.Repeat {
				times = 1 + r.Intn(3)
			}
			for range times {
				w := randomWord(r, p, port)
				if p.Keyword != "" {
					w = p.Keyword + "=" + w
				}
				words = append(words, w)
			}
		}
		switch r.Intn(12) {
		case 0: // a word too many
			words = append(words, badWords[r.Intn(len(badWords))])
		case 1: // a word too few
			if len(words) > 1 {
				words = words[:len(words)-1]
			}
		}
		stmt := strings.Join(words, " ")
		if c.Creates > 0 && r.Intn(3) == 0 {
			stmt = names[r.Intn(len(names))] + " = " + stmt
		}
		if slices.Contains(mayWait, c.Name) && len(words) > 1 {
			out = append(out, "settimeout "+words[1]+" 0.02")
		}
		out = append(out, stmt)
	}
	return out
}

// fdTargets lists what the process's descriptors are, leaving out the Go
// runtime's own (its poller and the eventfd that wakes it, made when
// first needed).
func fdTargets(t *testing.T, pid int) []string {
	t.Helper()
	dir := fmt.Sprintf("/proc/%d/fd", pid)
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		target, err := os.Readlink(filepath.Join(dir, e.Name()))
		if err != nil || strings.HasPrefix(target, "anon_inode:") {
			continue
		}
		out = append(out, e.Name()+" -> "+target)
	}
	return out
}

func TestRandomScripts(t *testing.T) {
	n, first := randScriptsDefault, int64(1)
	if v := os.Getenv("SOCKREPL_RANDSCRIPT_N"); v != "" {
		var err error
		if n, err = strconv.Atoi(v); err != nil {
			t.Fatalf("SOCKREPL_RANDSCRIPT_N=%q: %v", v, err)
		}
	}
	if v := os.Getenv("SOCKREPL_RANDSCRIPT_SEED"); v != "" {
		var err error
		if first, err = strconv.ParseInt(v, 10, 64); err != nil {
			t.Fatalf("SOCKREPL_RANDSCRIPT_SEED=%q: %v", v, err)
		}
	}
	for seed := first; seed < first+int64(n); seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { runRandomScript(t, seed) })
	}
}

var endMarker = regexp.MustCompile(`^RANDSCRIPT-(START|END)$`)

func runRandomScript(t *testing.T, seed int64) {
	// A port nobody listens on now, for the statements to bind and
	// connect to.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	script := randomScript(rand.New(rand.NewSource(seed)), randStatements, port)

	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "dir"), 0o755); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sockreplBin(), "--timeout=20")
	cmd.Dir = dir // relative paths and unix sockets stay in the test's directory
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	cmd.WaitDelay = 2 * time.Second
	var stderr syncBuffer
	cmd.Stderr = &stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	var out syncBuffer
	markers := make(chan string, 16)
	done := make(chan error, 1)
	go func() {
		rd := bufio.NewReader(stdout)
		for {
			line, err := rd.ReadString('\n')
			out.Write([]byte(line))
			if m := endMarker.FindStringSubmatch(strings.TrimSuffix(line, "\n")); m != nil {
				select { // a marker again (save, then source) is no news
				case markers <- m[1]:
				default:
				}
			}
			if err != nil {
				break
			}
		}
		done <- cmd.Wait()
	}()
	fail := func(format string, a ...any) {
		t.Helper()
		t.Fatalf("seed %d: %s\n--- script:\n%s\n--- stdout:\n%s\n--- stderr:\n%s", seed, fmt.Sprintf(format, a...),
			shown(script), out.String(), stderr.String())
	}
	// waitMarker waits for the marker; false when the process ended first.
	var waitMarker func(want string) bool
	waitMarker = func(want string) bool {
		select {
		case m := <-markers:
			if m != want { // printed again by a script that replays the session
				return waitMarker(want)
			}
			return true
		case err := <-done:
			done <- err
			return false
		case <-ctx.Done():
			fail("neither RANDSCRIPT-%s nor an exit within 60s", want)
		}
		return false
	}
	send := func(lines ...string) {
		for _, l := range lines {
			if _, err := io.WriteString(stdin, l+"\n"); err != nil {
				return // it exited: the exit status says why
			}
		}
	}

	// Warm up what is made once for good (the peers' poller), then count.
	send("peer echo 127.0.0.1:0", "close 1", "echo RANDSCRIPT-START")
	var before []string
	if waitMarker("START") {
		before = fdTargets(t, cmd.Process.Pid)
	}
	send(script...)
	for h := 1; h <= randMaxHandle; h++ {
		send(fmt.Sprintf("close %d", h))
	}
	send("set wire off", "echo RANDSCRIPT-END") // the capture's own sockets

	// detach hands the descriptor to the learner, open, as Python does.
	detached := slices.ContainsFunc(script, func(l string) bool { return strings.Contains(l, "detach") })
	if waitMarker("END") && before != nil && !detached {
		if after := fdTargets(t, cmd.Process.Pid); len(after) != len(before) {
			fail("descriptors leak: %d open before the script, %d after every handle was closed:\n%s",
				len(before), len(after), strings.Join(after, "\n"))
		}
	}
	stdin.Close()
	var werr error
	select {
	case werr = <-done:
	case <-ctx.Done():
		fail("did not exit within 60s")
	}
	code := 0
	if ee, ok := werr.(*exec.ExitError); ok && ee.Exited() {
		code = ee.ExitCode()
	} else if werr != nil {
		fail("%v", werr)
	}
	if code != 0 && code != 1 && code != 124 {
		fail("exit status %d", code)
	}
	all := out.String() + stderr.String()
	for _, crash := range []string{"internal error", "goroutine ", "panic:"} {
		if strings.Contains(all, crash) {
			fail("it crashed (%q)", crash)
		}
	}
	checkCleanSeed(t, seed, script, out.String())
	if code == 124 {
		lines := strings.Split(strings.TrimSpace(out.String()), "\n")
		t.Logf("seed %d: --timeout ran out; the last lines:\n%s", seed, strings.Join(lines[max(0, len(lines)-4):], "\n"))
	}
}

// checkCleanSeed is checkClean with the script that made the output.
func checkCleanSeed(t *testing.T, seed int64, script []string, out string) {
	t.Helper()
	defer func() {
		if t.Failed() {
			t.Logf("seed %d script:\n%s", seed, shown(script))
		}
	}()
	// set color turns on colour: its SGR sequences are the shell's own.
	checkClean(t, sgr.ReplaceAllString(out, ""))
}

var sgr = regexp.MustCompile("\x1b\\[[0-9;]*m")

// shown is the script for a failure message, long words cut short.
func shown(script []string) string {
	out := make([]string, len(script))
	for i, l := range script {
		if len(l) > 200 {
			l = l[:100] + fmt.Sprintf("…(%d bytes)…", len(l)-150) + l[len(l)-50:]
		}
		out[i] = l
	}
	return strings.Join(out, "\n")
}
