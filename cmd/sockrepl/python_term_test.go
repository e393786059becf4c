package main

import (
	"strings"
	"testing"
)

// TestTerminalPython: at a terminal, a Python block continues at `... `
// until a blank line; Ctrl-C in an endless loop raises KeyboardInterrupt
// and the prompt comes back with the sockets usable; Tab after `s.`
// offers the socket's methods.
func TestTerminalPython(t *testing.T) {
	tm := startTerm(t, sockreplBin(), "NO_COLOR=1")
	tm.run("import socket")
	tm.run("a, b = socket.socketpair()")

	tm.typeLine("for i in range(3):")
	tm.waitFor("... ", 1)
	tm.typeLine("    a.send(b'x')")
	tm.waitFor("... ", 2)
	prompts := strings.Count(tm.screen(), "sockrepl>")
	tm.typeLine("")
	tm.waitFor("sockrepl>", prompts+1)
	if got := tm.run("b.recv(10)"); !strings.Contains(got, "b'xxx'") {
		t.Fatalf("the block did not run three sends: %q", got)
	}

	// An endless loop that says when it runs, then Ctrl-C. The word it
	// prints is not in the line typed: waiting for the typed line's echo
	// sent Ctrl-C before the blank line that runs the block was read, and
	// under load it dropped the block at `... ` instead.
	tm.typeLine("for i in range(10**18):")
	tm.typeLine("    if i == 0: print('loop' + 'ing')")
	tm.typeLine("")
	tm.waitFor("looping", 1)
	tm.keys("C-c")
	s := tm.waitFor("KeyboardInterrupt", 1)
	if strings.Count(s, "Traceback") > 0 {
		t.Fatalf("a traceback, not its last line:\n%s", s)
	}
	if got := tm.run("a.send(b'after')"); !strings.Contains(got, "5") {
		t.Fatalf("the socket after Ctrl-C: %q", got)
	}

	// Tab after `a.se` lists the socket's methods that start so.
	tm.tmux("send-keys", "-t", tm.name, "-l", "a.se")
	tm.keys("Tab", "Tab")
	s = tm.waitFor("a.sendall", 1)
	for _, m := range []string{"a.send", "a.sendto", "a.setblocking", "a.settimeout", "a.setsockopt"} {
		if !strings.Contains(s, m) {
			t.Errorf("Tab after a.se does not offer %s:\n%s", m, s)
		}
	}
}

// TestTerminalPythonStatusLine: a call made from Python that waits shows
// the same status line as the command, naming the Python call and what
// it waits for (the tutorial's server: s.accept(), then conn.recv(1024));
// Ctrl-C ends it with KeyboardInterrupt and the sockets go on.
func TestTerminalPythonStatusLine(t *testing.T) {
	tm := startTerm(t, sockreplBin(), "NO_COLOR=1")
	tm.run("import socket")
	tm.run("s = socket.socket()")
	tm.run("s.bind(('127.0.0.1', 0))")
	tm.run("s.listen(5)")
	tm.typeLine("conn, addr = s.accept()")
	tm.waitFor("s.accept(): waiting for a connection on 127.0.0.1:", 1)
	tm.keys("C-c")
	tm.waitFor("KeyboardInterrupt", 1)
	tm.waitGone("waiting for")
	tm.run("c = socket.socket()")
	tm.run("c.connect(s.getsockname())")
	tm.run("conn, addr = s.accept()")
	tm.typeLine("conn.recv(1024)")
	tm.waitFor("conn.recv(): waiting for data from 127.0.0.1:", 1)
	tm.keys("C-c")
	tm.waitFor("KeyboardInterrupt", 2)
	tm.waitGone("waiting for")
	// Inside a block, the call that waits is named, not the block.
	tm.typeLine("while True:")
	tm.typeLine("    data = conn.recv(1024)")
	tm.typeLine("")
	tm.waitFor("conn.recv(): waiting for data from 127.0.0.1:", 1)
	tm.keys("C-c")
	tm.waitFor("KeyboardInterrupt", 3)
	if got := tm.run("c.send(b'hi'); conn.recv(1024)"); !strings.Contains(got, "b'hi'") {
		t.Fatalf("the sockets after Ctrl-C: %q", got)
	}
}

// TestTerminalPythonIndent: in a block, Tab where only blanks precede the
// cursor indents the line, as in Python's REPL, so the tutorial's
// `while buffer:` loop can be typed with Tab.
func TestTerminalPythonIndent(t *testing.T) {
	tm := startTerm(t, sockreplBin(), "NO_COLOR=1")
	tm.run("import socket")
	tm.run("sock, peer = socket.socketpair()")
	tm.run("buffer = b'Hello world\\n'")
	tm.typeLine("while buffer:")
	tm.waitFor("... ", 1)
	tm.keys("Tab")
	tm.typeLine("bytes = sock.send(buffer)")
	tm.waitFor("... ", 2)
	tm.keys("Tab")
	tm.tmux("send-keys", "-t", tm.name, "-l", "buffer = buffer[bytes:]")
	tm.keys("Enter")
	tm.waitFor("... ", 3)
	prompts := strings.Count(tm.screen(), "sockrepl>")
	tm.typeLine("")
	s := tm.waitFor("sockrepl>", prompts+1)
	if strings.Contains(s, "Error") {
		t.Fatalf("the block typed with Tab did not run:\n%s", s)
	}
	if got := tm.run("peer.recv(100)"); !strings.Contains(got, `b'Hello world\n'`) {
		t.Fatalf("the loop did not send: %q", got)
	}
}

// TestTerminalPythonCompleteCall: Tab completes a method with its opening
// parenthesis, as Python's completer does (s.bi⇥ gives s.bind(), and an
// attribute as it is.
func TestTerminalPythonCompleteCall(t *testing.T) {
	tm := startTerm(t, sockreplBin(), "NO_COLOR=1")
	tm.run("import socket")
	tm.run("s = socket.socket()")
	tm.tmux("send-keys", "-t", tm.name, "-l", "s.bi")
	tm.keys("Tab")
	tm.waitLine("sockrepl> s.bind(", "")
	tm.tmux("send-keys", "-t", tm.name, "-l", "('127.0.0.1', 0))")
	if got := tm.enter(); strings.Contains(got, "Error") {
		t.Fatalf("s.bind( completed, then its arguments: %q", got)
	}
	tm.tmux("send-keys", "-t", tm.name, "-l", "s.getsockn")
	tm.keys("Tab")
	tm.waitLine("sockrepl> s.getsockname(", "")
	tm.tmux("send-keys", "-t", tm.name, "-l", ")")
	if got := tm.enter(); !strings.Contains(got, "('127.0.0.1', ") {
		t.Fatalf("s.getsockname() after completion: %q", got)
	}
	tm.tmux("send-keys", "-t", tm.name, "-l", "socket.socketp")
	tm.keys("Tab")
	tm.waitLine("sockrepl> socket.socketpair(", "")
}
