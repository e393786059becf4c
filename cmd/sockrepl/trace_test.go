package main

import (
	"context"
	"fmt"
	"net"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestTraceSendVersusSendall: the trace shows the calls a Python program
// makes for the same statement, and marks the shell's own. On a blocking
// socket whose peer reads, send is one sendto (Python's single blocking
// call) and sendall a loop of them; the MSG_DONTWAIT attempts that would
// have blocked and the polls that keep Ctrl-C working are marked
// "(shell)", and the flags the shell adds are named after the call.
func TestTraceSendVersusSendall(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go func() {
		c, err := ln.Accept()
		if err != nil {
			return
		}
		defer c.Close()
		buf := make([]byte, 1024) // a slow reader: the sender must wait
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	}()
	script := fmt.Sprintf("c = socket\nsetsockopt c SO_SNDBUF 4096\nconnect c %s\nset trace on\nsend c \"x\"*1000000\nsendall c \"y\"*1000000\n", ln.Addr())
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sockreplBin(), "-q")
	cmd.Stdin = strings.NewReader(script)
	cmd.Env = append(cmd.Environ(), "NO_COLOR=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// The trace lines of each statement, up to its result.
	calls := map[string][]string{}
	cur := ""
	for _, l := range strings.Split(string(out), "\n") {
		switch {
		case strings.HasPrefix(l, "  "):
			if cur != "" {
				calls[cur] = append(calls[cur], strings.TrimPrefix(l, "  "))
			}
		case strings.HasPrefix(l, "ok  (trace on)"):
			cur = "send"
		case cur == "send": // send's result
			cur = "sendall"
		case cur == "sendall":
			cur = "done"
		}
	}
	// In send, every call is a piece of Python's one; in sendall, the
	// shell's own are the attempts that would block and the polls.
	python := func(lines []string, pieces bool) (n int) {
		for _, l := range lines {
			own := strings.HasPrefix(l, "(shell) ")
			if !own && !strings.HasPrefix(l, "sendto(") {
				t.Errorf("an unmarked line that is not a sendto: %q", l)
			}
			if own && !pieces && !strings.Contains(l, "EAGAIN") && !strings.HasPrefix(l, "(shell) poll(") {
				t.Errorf("a line marked as the shell's that is neither a would-block attempt nor a poll: %q", l)
			}
			if !own {
				n++
			}
		}
		return n
	}
	if n := python(calls["send"], true); n != 1 {
		t.Errorf("send shows %d sendto calls as Python's, want 1:\n%s", n, strings.Join(calls["send"], "\n"))
	}
	if l := calls["send"]; len(l) == 0 || !strings.HasSuffix(l[len(l)-1], `, 1000000, 0, NULL, 0) = 1000000  (Python's one blocking call, made by the shell's calls above)`) {
		t.Errorf("send does not end with Python's one blocking sendto:\n%s", strings.Join(l, "\n"))
	}
	for _, l := range calls["sendall"] {
		if !strings.HasPrefix(l, "(shell) ") && !strings.HasSuffix(l, "(shell: +MSG_DONTWAIT|MSG_NOSIGNAL)") {
			t.Errorf("a sendto of sendall's does not name the flags the shell added: %q", l)
		}
	}
	if n := python(calls["sendall"], false); n < 2 {
		t.Errorf("sendall shows %d sendto calls as Python's, want its loop:\n%s", n, strings.Join(calls["sendall"], "\n"))
	}
	var shellPolls int
	for _, l := range calls["sendall"] {
		if strings.HasPrefix(l, "(shell) poll(") {
			shellPolls++
		}
	}
	if shellPolls == 0 {
		t.Errorf("sendall into a slow reader never waited:\n%s", out)
	}
}
