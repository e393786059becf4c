package main

import (
	"context"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// loopbackListener opens a TCP listener on 127.0.0.1 with raw syscalls and
// returns its fd and port.
func loopbackListener(t *testing.T) (int, int) {
	t.Helper()
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := unix.Listen(fd, 8); err != nil {
		t.Fatal(err)
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	return fd, sa.(*unix.SockaddrInet4).Port
}

// acceptRead accepts one connection and reads until it closes, each wait
// bounded by poll.
func acceptRead(t *testing.T, lfd int) string {
	t.Helper()
	wait := func(fd int) {
		p := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}}
		if n, err := unix.Poll(p, 10000); err != nil || n == 0 {
			t.Fatalf("poll fd %d: n=%d err=%v", fd, n, err)
		}
	}
	wait(lfd)
	cfd, _, err := unix.Accept4(lfd, unix.SOCK_CLOEXEC)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(cfd)
	var got []byte
	buf := make([]byte, 4096)
	for i := 0; i < 100; i++ {
		wait(cfd)
		n, err := unix.Read(cfd, buf)
		if err != nil || n == 0 {
			break
		}
		got = append(got, buf[:n]...)
	}
	return string(got)
}

// TestInheritedSocket: a socket the parent shell opened (bash's
// exec 5<>/dev/tcp/…) is adopted with socket fileno=5, not copied; its
// family, type and protocol come from the fd, and it works.
func TestInheritedSocket(t *testing.T) {
	if _, err := exec.LookPath("bash"); err != nil {
		t.Skip("bash is not installed")
	}
	lfd, port := loopbackListener(t)
	script := fmt.Sprintf(`exec 5<>/dev/tcp/127.0.0.1/%d; exec %s -c 's = socket fileno=5 => #1; fileno s => 5; getpeername s => 127.0.0.1:%d; getsockopt s SO_PROTOCOL => 6; sendall s "hello from fd 5"; close s; fileno s => -1'`,
		port, sockreplBin(), port)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "bash", "-c", script)
	var out strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	got := acceptRead(t, lfd)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("sockrepl: %v\n%s", err, out.String())
	}
	if got != "hello from fd 5" {
		t.Errorf("the peer read %q", got)
	}
	if !strings.Contains(out.String(), "#1 s  fd=5  AF_INET SOCK_STREAM IPPROTO_TCP  (adopted, not copied)") {
		t.Errorf("adoption line not as expected:\n%s", out.String())
	}
}
