package addr

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"
)

// These tests bind real sockets (loopback, unix and kernel-local families
// only) and send nothing.

func socket(t *testing.T, fam, typ, proto int) int {
	t.Helper()
	fd, err := unix.Socket(fam, typ|unix.SOCK_CLOEXEC, proto)
	if err != nil {
		t.Skipf("socket(%d, %d, %d): %v", fam, typ, proto, err)
	}
	t.Cleanup(func() { unix.Close(fd) })
	return fd
}

func mustParse(t *testing.T, fam int, words ...string) unix.Sockaddr {
	t.Helper()
	sa, _, err := Parse(fam, words)
	if err != nil {
		t.Fatal(err)
	}
	return sa
}

// rawName returns getsockname's bytes exactly as the kernel wrote them,
// which x/sys/unix otherwise hides behind its parsed Sockaddr types. What
// the kernel reports back is what we sent it at bind.
func rawName(t *testing.T, fd int) []byte {
	t.Helper()
	var buf [128]byte
	n := uint32(len(buf))
	_, _, e := unix.Syscall(unix.SYS_GETSOCKNAME, uintptr(fd), uintptr(unsafe.Pointer(&buf[0])), uintptr(unsafe.Pointer(&n)))
	if e != 0 {
		t.Fatalf("getsockname: %v", e)
	}
	return buf[:n]
}

func bound(t *testing.T, fd int) unix.Sockaddr {
	t.Helper()
	sa, err := unix.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	return sa
}

func TestLiveInet(t *testing.T) {
	cases := []struct {
		fam           int
		word          string
		format, pyfmt string
	}{
		{unix.AF_INET, "127.0.0.1:0", `^127\.0\.0\.1:([1-9][0-9]*)$`, `^\('127\.0\.0\.1', ([1-9][0-9]*)\)$`},
		{unix.AF_INET6, "[::1]:0", `^\[::1\]:([1-9][0-9]*)$`, `^\('::1', ([1-9][0-9]*), 0, 0\)$`},
	}
	for _, c := range cases {
		t.Run(c.word, func(t *testing.T) {
			fd := socket(t, c.fam, unix.SOCK_DGRAM, 0)
			if err := unix.Bind(fd, mustParse(t, c.fam, c.word)); err != nil {
				if errors.Is(err, unix.EADDRNOTAVAIL) {
					t.Skipf("no %s here: %v", c.word, err)
				}
				t.Fatal(err)
			}
			sa := bound(t, fd)
			got := Format(sa)
			m := regexp.MustCompile(c.format).FindStringSubmatch(got)
			if m == nil {
				t.Fatalf("Format = %q, want %s", got, c.format)
			}
			if py := Python(sa); !regexp.MustCompile(c.pyfmt).MatchString(py) {
				t.Errorf("Python = %q", py)
			}
			port, _ := Port(sa)
			host, _ := Host(sa)
			if fmt.Sprint(port) != m[1] || !strings.Contains(c.word, host) {
				t.Errorf("Host, Port = %q %d from %q", host, port, got)
			}
			// The printed form names the same socket: binding it again clashes.
			fd2 := socket(t, c.fam, unix.SOCK_DGRAM, 0)
			if err := unix.Bind(fd2, mustParse(t, c.fam, got)); !errors.Is(err, unix.EADDRINUSE) {
				t.Errorf("rebinding %s: %v, want EADDRINUSE", got, err)
			}
		})
	}
}

func TestLiveUnix(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "my sock")
	if len(path) > unixPathMax {
		t.Skipf("temp dir path too long for AF_UNIX: %s", path)
	}

	t.Run("path", func(t *testing.T) {
		fd := socket(t, unix.AF_UNIX, unix.SOCK_STREAM, 0)
		if err := unix.Bind(fd, mustParse(t, unix.AF_UNIX, `"`+path+`"`)); err != nil {
			t.Fatal(err)
		}
		if got := Format(bound(t, fd)); got != path {
			t.Errorf("Format = %q, want %q", got, path)
		}
		if st, err := os.Stat(path); err != nil || st.Mode()&os.ModeSocket == 0 {
			t.Errorf("no socket file at %s: %v", path, err)
		}
		// sun_path plus its NUL.
		want := append([]byte{unix.AF_UNIX, 0}, path...)
		want = append(want, 0)
		if raw := rawName(t, fd); !bytes.Equal(raw, want) {
			t.Errorf("raw sockaddr % x, want % x", raw, want)
		}
	})

	t.Run("abstract", func(t *testing.T) {
		name := fmt.Sprintf("@sockrepl-test-%d-%d\x01", os.Getpid(), time.Now().UnixNano())
		fd := socket(t, unix.AF_UNIX, unix.SOCK_STREAM, 0)
		if err := unix.Bind(fd, mustParse(t, unix.AF_UNIX, name)); err != nil {
			t.Fatal(err)
		}
		sa := bound(t, fd)
		if got, want := Format(sa), strings.TrimSuffix(name, "\x01")+`\x01`; got != want {
			t.Errorf("Format = %q, want %q", got, want)
		}
		// Leading NUL, no trailing NUL: the abstract name is exactly ours.
		want := append([]byte{unix.AF_UNIX, 0, 0}, name[1:]...)
		if raw := rawName(t, fd); !bytes.Equal(raw, want) {
			t.Errorf("raw sockaddr % x, want % x", raw, want)
		}
		// Python's spelling reaches the same socket.
		fd2 := socket(t, unix.AF_UNIX, unix.SOCK_STREAM, 0)
		if err := unix.Bind(fd2, mustParse(t, unix.AF_UNIX, Python(sa))); !errors.Is(err, unix.EADDRINUSE) {
			t.Errorf("rebinding %s: %v, want EADDRINUSE", Python(sa), err)
		}
	})

	t.Run("autobind", func(t *testing.T) {
		fd := socket(t, unix.AF_UNIX, unix.SOCK_DGRAM, 0)
		if got := Format(bound(t, fd)); got != "''" {
			t.Errorf("unbound Format = %q, want ''", got)
		}
		sa, used, err := Parse(unix.AF_UNIX, nil)
		if err != nil || used != 0 {
			t.Fatalf("Parse(nil) = %v, %d, %v", sa, used, err)
		}
		if err := unix.Bind(fd, sa); err != nil {
			t.Fatal(err)
		}
		got := Format(bound(t, fd))
		if !regexp.MustCompile(`^@[0-9a-f]{5}$`).MatchString(got) {
			t.Errorf("autobound Format = %q, want @ and 5 hex digits", got)
		}
	})
}

func TestRawPacket(t *testing.T) {
	lo := loIndex(t)
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Skipf("AF_PACKET socket needs CAP_NET_RAW: %v", err)
	}
	defer unix.Close(fd)
	// 0x88b5 is the IEEE local-experimental ethertype: asymmetric bytes show
	// any byte-order slip, and nothing real on lo carries it.
	sa := mustParse(t, unix.AF_PACKET, "lo", "0x88b5")
	if err := unix.Bind(fd, sa); err != nil {
		t.Skipf("bind AF_PACKET to lo: %v", err)
	}
	raw := rawName(t, fd)
	var want [8]byte
	binary.NativeEndian.PutUint16(want[0:], unix.AF_PACKET)
	want[2], want[3] = 0x88, 0xb5 // sll_protocol, network order
	binary.NativeEndian.PutUint32(want[4:], uint32(lo))
	if len(raw) < 8 || !bytes.Equal(raw[:8], want[:]) {
		t.Errorf("raw sockaddr_ll % x, want prefix % x", raw, want)
	}
	got := Format(bound(t, fd))
	if want := "lo proto=0x88b5 pkttype=PACKET_HOST hatype=ARPHRD_LOOPBACK addr=00:00:00:00:00:00"; got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
}

func TestRawNetlink(t *testing.T) {
	fd := socket(t, unix.AF_NETLINK, unix.SOCK_RAW, unix.NETLINK_ROUTE)
	// An explicit port id, so every byte of the reply is predictable.
	pid := uint32(os.Getpid())<<8 | 0x80000000
	sa := mustParse(t, unix.AF_NETLINK, fmt.Sprintf("pid=%d", pid), "groups=0x1")
	if err := unix.Bind(fd, sa); err != nil {
		t.Skipf("bind netlink pid %d: %v", pid, err)
	}
	want := make([]byte, 12)
	binary.NativeEndian.PutUint16(want[0:], unix.AF_NETLINK)
	binary.NativeEndian.PutUint32(want[4:], pid)
	binary.NativeEndian.PutUint32(want[8:], 1)
	if raw := rawName(t, fd); !bytes.Equal(raw, want) {
		t.Errorf("raw sockaddr_nl % x, want % x", raw, want)
	}
	if got, want := Format(bound(t, fd)), fmt.Sprintf("pid=%d groups=0x1", pid); got != want {
		t.Errorf("Format = %q, want %q", got, want)
	}
}

func TestRawCAN(t *testing.T) {
	fd := socket(t, unix.AF_CAN, unix.SOCK_RAW, unix.CAN_RAW) // skips without can.ko
	idx, err := ifIndex("vcan0")
	if err != nil {
		t.Skipf("no vcan0 interface to bind to: %v", err)
	}
	if err := unix.Bind(fd, mustParse(t, unix.AF_CAN, "vcan0")); err != nil {
		t.Fatal(err)
	}
	raw := rawName(t, fd)
	want := make([]byte, 8)
	binary.NativeEndian.PutUint16(want[0:], unix.AF_CAN)
	binary.NativeEndian.PutUint32(want[4:], uint32(idx))
	if len(raw) < 8 || !bytes.Equal(raw[:8], want) {
		t.Errorf("raw sockaddr_can % x, want prefix % x", raw, want)
	}
	if got := Format(bound(t, fd)); got != "vcan0" {
		t.Errorf("Format = %q", got)
	}
}

// TestPythonAgrees hands the very same bound sockets to CPython and checks
// that Python() prints what CPython's repr(sock.getsockname()) does.
func TestPythonAgrees(t *testing.T) {
	python, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not installed")
	}
	dir := t.TempDir()
	type sock struct {
		fam, typ, proto int
		addr            []string // nil: leave unbound
	}
	socks := []sock{
		{unix.AF_INET, unix.SOCK_DGRAM, 0, []string{"127.0.0.1:0"}},
		{unix.AF_INET6, unix.SOCK_DGRAM, 0, []string{"[::1]:0"}},
		{unix.AF_UNIX, unix.SOCK_STREAM, 0, []string{filepath.Join(dir, "caf\u00e9 it's")}},
		{unix.AF_UNIX, unix.SOCK_STREAM, 0, []string{filepath.Join(dir, "bad\xff\x01")}},
		{unix.AF_UNIX, unix.SOCK_STREAM, 0, []string{fmt.Sprintf(`b'\x00sockrepl-py-%d\x01\x7f\\'`, os.Getpid())}},
		{unix.AF_UNIX, unix.SOCK_DGRAM, 0, []string{}},
		{unix.AF_UNIX, unix.SOCK_DGRAM, 0, nil},
		{unix.AF_NETLINK, unix.SOCK_RAW, unix.NETLINK_ROUTE, []string{"0", "0x1"}},
		{unix.AF_PACKET, unix.SOCK_RAW, 0, []string{"lo", "0x88b5"}},
	}
	var files []*os.File
	var ours []string
	for _, s := range socks {
		fd, err := unix.Socket(s.fam, s.typ|unix.SOCK_CLOEXEC, s.proto)
		if err != nil {
			t.Logf("skipping family %d: %v", s.fam, err)
			continue
		}
		f := os.NewFile(uintptr(fd), "sock")
		defer f.Close()
		if s.addr != nil {
			if err := unix.Bind(fd, mustParse(t, s.fam, s.addr...)); err != nil {
				t.Logf("skipping %v: %v", s.addr, err)
				continue
			}
		}
		files = append(files, f)
		ours = append(ours, Python(bound(t, fd)))
	}
	script := fmt.Sprintf("import socket\nfor fd in range(3, %d):\n    print(repr(socket.socket(fileno=fd).getsockname()))\n", 3+len(files))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, python, "-c", script)
	cmd.ExtraFiles = files
	cmd.Env = append(os.Environ(), "PYTHONIOENCODING=utf-8", "PYTHONUTF8=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3 failed: %v", err)
	}
	theirs := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(theirs) != len(ours) {
		t.Fatalf("python printed %d lines, want %d:\n%s", len(theirs), len(ours), out)
	}
	for i := range ours {
		if ours[i] != theirs[i] {
			t.Errorf("Python() = %s\n   CPython: %s", ours[i], theirs[i])
		}
	}
}
