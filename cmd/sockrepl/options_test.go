package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"

	"sockrepl/internal/sockopt"
)

// pyOptions runs Python's getsockopt (and setsockopt first, when a value is
// given) for each option on a fresh TCP socket of the family, and returns
// what Python got: for each case the set's outcome (when a value is given)
// then the get's: ok, the integer, or the errno's name.
const pyOptions = `
import errno, json, socket, sys
family, cases = json.load(sys.stdin)
out = []
def outcome(call):
    try:
        r = call()
        return "ok" if r is None else str(r)
    except OSError as e:
        return errno.errorcode[e.errno]
for level, num, value in cases:
    s = socket.socket(family, socket.SOCK_STREAM)
    if value is not None:
        out.append(outcome(lambda: s.setsockopt(level, num, value)))
    out.append(outcome(lambda: s.getsockopt(level, num)))
    s.close()
print(json.dumps(out))
`

type optCase struct {
	opt   sockopt.Option
	value *int // set this first
}

// runPython asks Python for the outcome of each case.
func runPython(t *testing.T, family int, cases []optCase) []string {
	t.Helper()
	var in []any
	for _, c := range cases {
		var v any
		if c.value != nil {
			v = *c.value
		}
		in = append(in, []any{c.opt.Level, c.opt.Num, v})
	}
	data, _ := json.Marshal([]any{family, in})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "python3", "-c", pyOptions)
	cmd.Stdin = strings.NewReader(string(data))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var got []string
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("python3 said %q: %v", out, err)
	}
	return got
}

// runExpectations runs a sockrepl script and fails with its transcript
// when an expectation did not hold.
func runExpectations(t *testing.T, script string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "options.sock")
	if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, sockreplBin(), "--color=never", path).CombinedOutput()
	if err != nil {
		var failed []string
		lines := strings.Split(string(out), "\n")
		for i, l := range lines {
			if strings.HasPrefix(l, "expectation failed") && i > 0 {
				failed = append(failed, lines[i-2]+"\n    "+lines[i-1]+"\n    "+l)
			}
		}
		t.Fatalf("sockrepl and Python disagree (%v):\n%s", err, strings.Join(failed, "\n"))
	}
}

// intOptions are the options whose plain getsockopt is a C int, at the
// levels a TCP socket of the family answers.
func intOptions(family int) []sockopt.Option {
	levels := map[int]bool{unix.SOL_SOCKET: true, unix.IPPROTO_TCP: true, unix.IPPROTO_IP: family == unix.AF_INET, unix.IPPROTO_IPV6: family == unix.AF_INET6}
	var out []sockopt.Option
	for _, o := range sockopt.All() {
		if !levels[o.Level] {
			continue
		}
		switch o.Kind {
		case sockopt.Int, sockopt.Bool, sockopt.Errno, sockopt.Family, sockopt.SockType, sockopt.Protocol:
			out = append(out, o)
		}
	}
	return out
}

// TestGetsockoptMatchesPython reads every integer option of a fresh TCP
// socket, IPv4 and IPv6, in sockrepl and in Python, and requires the same
// integer or the same errno.
func TestGetsockoptMatchesPython(t *testing.T) {
	needTool(t, "python3")
	for _, family := range []int{unix.AF_INET, unix.AF_INET6} {
		var cases []optCase
		for _, o := range intOptions(family) {
			cases = append(cases, optCase{opt: o})
		}
		if len(cases) < 40 {
			t.Fatalf("only %d integer options for family %d", len(cases), family)
		}
		want := runPython(t, family, cases)
		var b strings.Builder
		fam := map[int]string{unix.AF_INET: "inet", unix.AF_INET6: "inet6"}[family]
		for i, c := range cases {
			fmt.Fprintf(&b, "s%d = socket %s stream\ngetsockopt s%d %s => %s\nclose s%d\n", i, fam, i, c.opt.Name, want[i], i)
		}
		runExpectations(t, b.String())
	}
}

// TestSetsockoptRoundTripsMatchPython sets options and reads them back in
// both, e.g. SO_RCVBUF, which the kernel doubles.
func TestSetsockoptRoundTripsMatchPython(t *testing.T) {
	needTool(t, "python3")
	v := func(n int) *int { return &n }
	pairs := []struct {
		name  string
		value int
	}{
		{"SO_RCVBUF", 4096}, {"SO_SNDBUF", 65536}, {"SO_RCVBUF", 1}, {"SO_REUSEADDR", 1}, {"SO_KEEPALIVE", 1},
		{"SO_PRIORITY", 6}, {"SO_RCVLOWAT", 100}, {"SO_MARK", 7}, {"SO_BROADCAST", 1},
		{"TCP_NODELAY", 1}, {"TCP_MAXSEG", 1000}, {"TCP_KEEPIDLE", 60}, {"TCP_KEEPINTVL", 5}, {"TCP_KEEPCNT", 3},
		{"TCP_SYNCNT", 2}, {"TCP_QUICKACK", 0}, {"TCP_USER_TIMEOUT", 1000}, {"TCP_NOTSENT_LOWAT", 4096},
		{"TCP_KEEPIDLE", 0}, {"TCP_MAXSEG", 1}, {"IP_TOS", 16}, {"IP_TTL", 5}, {"IP_TTL", 0}, {"IP_TTL", 300},
		{"IP_MULTICAST_TTL", 3}, {"IP_MULTICAST_LOOP", 0}, {"IP_RECVTOS", 1}, {"IP_FREEBIND", 1},
	}
	var cases []optCase
	for _, p := range pairs {
		o, err := sockopt.Lookup("", p.name)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, optCase{opt: o, value: v(p.value)})
	}
	want := runPython(t, unix.AF_INET, cases)
	var b strings.Builder
	for i, c := range cases {
		set, get := want[2*i], want[2*i+1]
		fmt.Fprintf(&b, "s%d = socket inet stream\nsetsockopt s%d %s %d => %s\ngetsockopt s%d %s => %s\nclose s%d\n", i, i, c.opt.Name, *c.value, set, i, c.opt.Name, get, i)
	}
	script := b.String()
	runExpectations(t, script)
}
