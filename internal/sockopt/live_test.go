package sockopt

import (
	"errors"
	"fmt"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

// getsockopt offers the kernel n bytes and returns what it wrote.
func getsockopt(fd, level, opt, n int) ([]byte, error) {
	b := make([]byte, n)
	l := uint32(n)
	_, _, e := unix.Syscall6(unix.SYS_GETSOCKOPT, uintptr(fd), uintptr(level), uintptr(opt),
		uintptr(unsafe.Pointer(unsafe.SliceData(b))), uintptr(unsafe.Pointer(&l)), 0)
	if e != 0 {
		return nil, e
	}
	return b[:l], nil
}

func setsockopt(fd int, o Option, words ...string) error {
	b, err := Encode(o, words)
	if err != nil {
		return err
	}
	return unix.SetsockoptString(fd, o.Level, o.Num, string(b))
}

// Every int-like option on a fresh TCP socket either reads or fails with an
// errno; nothing panics.
func TestLiveIntOptions(t *testing.T) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_STREAM, 0)
	if err != nil {
		t.Skip("no TCP socket:", err)
	}
	defer unix.Close(fd)
	ok, failed := 0, 0
	for _, o := range All() {
		if o.Kind != Int && o.Kind != Bool {
			continue
		}
		if o.Level != unix.SOL_SOCKET && o.Level != unix.IPPROTO_TCP && o.Level != unix.IPPROTO_IP {
			continue
		}
		v, err := unix.GetsockoptInt(fd, o.Level, o.Num)
		var errno syscall.Errno
		switch {
		case err == nil:
			ok++
			_ = Decode(o, cInt(int64(v)))
		case errors.As(err, &errno):
			failed++
		default:
			t.Errorf("%s: unexpected error type %T: %v", o.Name, err, err)
		}
	}
	t.Logf("%d options read, %d refused by the kernel", ok, failed)
	if ok < 20 {
		t.Errorf("only %d int options readable on a TCP socket", ok)
	}
}

// connectedPair returns the fds of both ends of a loopback TCP connection.
func connectedPair(t *testing.T) (client, server int) {
	t.Helper()
	ln, err := net.Listen("tcp6", "[::1]:0")
	if err != nil {
		t.Skip("no IPv6 loopback:", err)
	}
	t.Cleanup(func() { ln.Close() })
	c, err := net.Dial("tcp6", ln.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	s, err := ln.Accept()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return rawFd(t, c), rawFd(t, s)
}

func rawFd(t *testing.T, c any) int {
	t.Helper()
	sc, ok := c.(syscall.Conn)
	if !ok {
		t.Fatalf("%T has no raw fd", c)
	}
	rc, err := sc.SyscallConn()
	if err != nil {
		t.Fatal(err)
	}
	fd := -1
	if err := rc.Control(func(f uintptr) { fd = int(f) }); err != nil {
		t.Fatal(err)
	}
	return fd
}

// Values set with Encode come back through the kernel and Decode as text.
func TestLiveRoundTrip(t *testing.T) {
	fd, _ := connectedPair(t)
	set := []struct{ opt, value, want string }{
		{"SO_LINGER", "1 5", "on=1 linger=5s"},
		{"SO_RCVTIMEO", "2.5", "2.5s"},
		{"SO_SNDTIMEO", "0", "0s"},
		{"TCP_NODELAY", "on", "1"},
		{"SO_KEEPALIVE", "yes", "1"},
		{"TCP_KEEPIDLE", "60", "60"},
		{"TCP_CONGESTION", "reno", "reno"},
		{"IPV6_UNICAST_HOPS", "7", "7"},
	}
	for _, c := range set {
		o := mustLookup(t, c.opt)
		if err := setsockopt(fd, o, strings.Fields(c.value)...); err != nil {
			t.Errorf("set %s %s: %v", c.opt, c.value, err)
			continue
		}
		b, err := getsockopt(fd, o.Level, o.Num, BufLen(o))
		if err != nil {
			t.Errorf("get %s: %v", c.opt, err)
			continue
		}
		if got := Decode(o, b).Text; got != c.want {
			t.Errorf("%s set to %q reads back %q, want %q", c.opt, c.value, got, c.want)
		}
	}
	get := map[string]string{
		"SO_TYPE": "SOCK_STREAM (1)", "SO_DOMAIN": "AF_INET6 (10)", "SO_PROTOCOL": "IPPROTO_TCP (6)",
		"SO_ERROR": "0", "SO_ACCEPTCONN": "0", "SO_BINDTODEVICE": `""`,
	}
	for name, want := range get {
		o := mustLookup(t, name)
		b, err := getsockopt(fd, o.Level, o.Num, BufLen(o))
		if err != nil {
			t.Errorf("get %s: %v", name, err)
		} else if got := Decode(o, b).Text; got != want {
			t.Errorf("%s = %q, want %q", name, got, want)
		}
	}
	o := mustLookup(t, "TCP_INFO")
	b, err := getsockopt(fd, o.Level, o.Num, BufLen(o))
	if err != nil {
		t.Fatalf("TCP_INFO: %v", err)
	}
	if txt := Decode(o, b).Text; !strings.HasPrefix(txt, "state=ESTABLISHED ") || !strings.Contains(txt, " rtt=") {
		t.Errorf("TCP_INFO = %s", txt)
	}
}

// Value.Int and HasInt claim to be what Python's getsockopt(level, opt)
// gives; check that against the kernel with an int-sized buffer, which is
// exactly what Python passes.
func TestLivePythonInt(t *testing.T) {
	fd, _ := connectedPair(t)
	// Non-default values make the comparison mean something. Binding to a
	// device needs CAP_NET_RAW; when allowed it exercises an option whose
	// kernel code refuses int-sized buffers.
	for _, s := range [][2]string{{"SO_LINGER", "1 5"}, {"SO_RCVTIMEO", "2.5"}, {"SO_BINDTODEVICE", "lo"}} {
		if err := setsockopt(fd, mustLookup(t, s[0]), strings.Fields(s[1])...); err != nil {
			t.Logf("set %s %s: %v", s[0], s[1], err)
		}
	}
	checked := 0
	for _, o := range All() {
		switch o.Level {
		case unix.SOL_SOCKET, unix.IPPROTO_IP, unix.IPPROTO_IPV6, unix.IPPROTO_TCP:
		default:
			continue
		}
		full, err := getsockopt(fd, o.Level, o.Num, BufLen(o))
		if err != nil {
			continue
		}
		v := Decode(o, full)
		small, err := getsockopt(fd, o.Level, o.Num, 4)
		if err != nil {
			if v.HasInt {
				t.Errorf("%s: Decode claims Python gets %d, but an int-sized getsockopt fails: %v", o.Name, v.Int, err)
			}
			continue
		}
		checked++
		if !v.HasInt {
			t.Errorf("%s: Decode says Python gets no int, but it gets %d", o.Name, pyInt(small))
		} else if o.Name != "SO_INCOMING_CPU" && v.Int != pyInt(small) {
			t.Errorf("%s: Decode gives Python int %d, int-sized getsockopt gives %d", o.Name, v.Int, pyInt(small))
		}
	}
	if checked < 40 {
		t.Errorf("only %d options compared", checked)
	}
}

func TestLivePeerCred(t *testing.T) {
	fds, err := unix.Socketpair(unix.AF_UNIX, unix.SOCK_STREAM, 0)
	if err != nil {
		t.Skip(err)
	}
	defer unix.Close(fds[0])
	defer unix.Close(fds[1])
	o := mustLookup(t, "SO_PEERCRED")
	b, err := getsockopt(fds[0], o.Level, o.Num, BufLen(o))
	if err != nil {
		t.Fatal(err)
	}
	v := Decode(o, b)
	want := fmt.Sprintf("pid=%d uid=%d gid=%d", os.Getpid(), os.Getuid(), os.Getgid())
	if v.Text != want || v.Int != int64(os.Getpid()) {
		t.Errorf("SO_PEERCRED = %+v, want %s", v, want)
	}
}
