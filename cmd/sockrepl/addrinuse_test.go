package main

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
)

// TestAddrInUseOtherProcess: a port another program listens on is named
// as such (found through the kernel's sock_diag), before and after the
// learner sets SO_REUSEADDR, which is not offered as the cure.
func TestAddrInUseOtherProcess(t *testing.T) {
	py := needTool(t, "python3")
	listener := startProc(t, peerContext(t), true, py, "-c", `
import socket, sys
l = socket.socket()
l.bind(("127.0.0.1", 0))
l.listen()
print(l.getsockname()[1], flush=True)
sys.stdin.read()
`)
	port := listener.waitLine(regexp.MustCompile(`^(\d+)$`))[1]
	out, code, _ := runScriptFile(t, []byte(fmt.Sprintf(
		"s = socket\nbind s 127.0.0.1:%s => EADDRINUSE\nsetsockopt s SO_REUSEADDR 1\nbind s 127.0.0.1:%[1]s => EADDRINUSE\nsix = socket inet6\nbind six [::]:%[1]s => EADDRINUSE\n", port)))
	if code != 0 {
		t.Fatalf("exit status %d:\n%s", code, out)
	}
	want := "  hint: a socket of this machine listens on 127.0.0.1:" + port + ", not one of this session (ss -ltnp names its program): stop it, or bind another port, or port 0"
	if n := strings.Count(out, want+"\n"); n != 3 {
		t.Fatalf("want the hint %q after each of the 3 binds, got it %d times:\n%s", want, n, out)
	}
	if strings.Contains(out, "setsockopt s SO_REUSEADDR 1`") {
		t.Fatalf("SO_REUSEADDR offered for a listening socket:\n%s", out)
	}
}
