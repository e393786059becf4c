package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// wireScript connects to an echo peer and exchanges data: the ladder must
// show the handshake, the data both ways and the close.
const wireScript = `set wire on
p = peer echo 127.0.0.1:0
c = socket
connect c $p
send c mine
recv c => b'mine'
close c
`

// nobodyBinary copies the test's sockrepl where user nobody may run it.
func nobodyBinary(t *testing.T) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("running as another user needs root")
	}
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Skip("setpriv (util-linux) is not installed")
	}
	dir, err := os.MkdirTemp("", "sockrepl-nobody")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	b, err := os.ReadFile(sockreplBin())
	if err != nil {
		t.Fatal(err)
	}
	bin := filepath.Join(dir, "sockrepl")
	if err := os.WriteFile(bin, b, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return bin
}

func runAsNobody(t *testing.T, bin string, args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "setpriv", append([]string{"--reuid=65534", "--regid=65534", "--clear-groups", bin}, args...)...)
	cmd.Dir = filepath.Dir(bin)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "HOME="+filepath.Dir(bin))
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// TestWireLabUnprivileged: as user nobody, --lab makes a user and network
// namespace in which the wire view works; without --lab, set wire on
// says why it cannot and what would make it work.
func TestWireLabUnprivileged(t *testing.T) {
	bin := nobodyBinary(t)
	out, err := runAsNobody(t, bin, "-q", "-c", "set wire on")
	if !strings.Contains(out, "set wire: capturing packets needs the right to read raw packets (CAP_NET_RAW)") || !strings.Contains(out, "--lab") {
		t.Errorf("set wire on as nobody without --lab: %v\n%s", err, out)
	}
	out, err = runAsNobody(t, bin, "--lab", "-q", "-c", wireScript)
	if strings.Contains(out, "--lab: cannot make a network namespace") {
		t.Skip("this kernel forbids unprivileged user namespaces: " + out)
	}
	if err != nil {
		t.Fatalf("--lab as nobody: %v\n%s", err, out)
	}
	for _, want := range []string{
		"  c ───SYN─────────▶ p   seq=0 ",
		"  c ◀──SYN-ACK────── p   seq=0 ack=1 ",
		"  c ───ACK─────────▶ p   seq=1 ack=1 ",
		"  c ───PSH-ACK─────▶ p   seq=1 ack=1 win=",
		"  c ◀──PSH-ACK────── p   seq=1 ack=5 win=",
		"  c ───FIN-ACK─────▶ p   seq=5 ack=5 ",
		"  c CLOSE → ESTABLISHED",
		"expectations: 1 held, 0 failed",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("--lab as nobody: no %q in:\n%s", want, out)
		}
	}
}

// TestWireOtherTraffic: another program's loopback traffic, running all
// through the session, never shows in its ladder. The other program
// starts the session itself once its own traffic flows, so the two
// overlap for certain.
func TestWireOtherTraffic(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("capturing on loopback needs root")
	}
	dir := t.TempDir()
	script := filepath.Join(dir, "s.sock")
	if err := os.WriteFile(script, []byte(wireScript+"sleep 0.2\nsleep 0.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	noise := `
import socket, subprocess, sys, threading
stop = threading.Event()
srv = socket.socket(); srv.bind(('127.0.0.1', 0)); srv.listen()
cli = socket.create_connection(srv.getsockname()); conn, _ = srv.accept()
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('127.0.0.1', 0))
started = threading.Event()
def chatter():
    while not stop.is_set():
        cli.sendall(b'FOREIGN'); conn.recv(100)
        u.sendto(b'FOREIGN', u.getsockname()); u.recv(100)
        started.set()
        stop.wait(0.001)
t = threading.Thread(target=chatter); t.start()
started.wait(10)
r = subprocess.run([sys.argv[1], '-q', sys.argv[2]], capture_output=True, text=True, timeout=30)
stop.set(); t.join()
sys.stdout.write(r.stdout)
`
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "python3", "-c", noise, sockreplBin(), script).CombinedOutput()
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if !strings.Contains(string(out), "b'mine'") || !strings.Contains(string(out), "  c ───SYN─────────▶ p") {
		t.Fatalf("the session's own packets are missing:\n%s", out)
	}
	if strings.Contains(string(out), "FOREIGN") {
		t.Errorf("another program's traffic shows in the ladder:\n%s", out)
	}
}
