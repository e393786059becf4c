package sock

import (
	"bytes"
	"encoding/binary"
	"os"
	"strconv"
	"testing"

	"golang.org/x/sys/unix"
)

// le16/le32 write native (little-endian on Linux's usual machines) fields.
func ne16(v uint16) []byte { b := make([]byte, 2); binary.NativeEndian.PutUint16(b, v); return b }
func ne32(v uint32) []byte { b := make([]byte, 4); binary.NativeEndian.PutUint32(b, v); return b }

func cat(parts ...[]byte) []byte { return bytes.Join(parts, nil) }

// TestEncodeSockaddr checks every family's struct sockaddr byte for byte,
// including those this kernel may not support (CAN).
func TestEncodeSockaddr(t *testing.T) {
	zero := func(n int) []byte { return make([]byte, n) }
	tests := []struct {
		name string
		sa   unix.Sockaddr
		want []byte
	}{
		{"inet", &unix.SockaddrInet4{Port: 8080, Addr: [4]byte{127, 0, 0, 1}},
			cat(ne16(unix.AF_INET), []byte{0x1f, 0x90}, []byte{127, 0, 0, 1}, zero(8))},
		{"inet6", &unix.SockaddrInet6{Port: 80, ZoneId: 1, Addr: [16]byte{15: 1}},
			cat(ne16(unix.AF_INET6), []byte{0, 80}, zero(4), append(zero(15), 1), ne32(1))},
		{"unix path", &unix.SockaddrUnix{Name: "/tmp/x"},
			cat(ne16(unix.AF_UNIX), []byte("/tmp/x"), []byte{0})},
		{"unix abstract", &unix.SockaddrUnix{Name: "@name"},
			cat(ne16(unix.AF_UNIX), []byte{0}, []byte("name"))},
		{"unix autobind", &unix.SockaddrUnix{Name: ""}, ne16(unix.AF_UNIX)},
		{"unix path with @", &AtPath{unix.SockaddrUnix{Name: "@name"}},
			cat(ne16(unix.AF_UNIX), []byte("@name"), []byte{0})},
		{"netlink", &unix.SockaddrNetlink{Pid: 42, Groups: 5},
			cat(ne16(unix.AF_NETLINK), zero(2), ne32(42), ne32(5))},
		{"packet", &unix.SockaddrLinklayer{Protocol: 0x0300, Ifindex: 1, Hatype: 772, Pkttype: 0, Halen: 6, Addr: [8]byte{1, 2, 3, 4, 5, 6}},
			cat(ne16(unix.AF_PACKET), ne16(0x0300), ne32(1), ne16(772), []byte{0, 6}, []byte{1, 2, 3, 4, 5, 6, 0, 0})},
		{"can", &unix.SockaddrCAN{Ifindex: 3, RxID: 0x123, TxID: 0x456},
			cat(ne16(unix.AF_CAN), zero(2), ne32(3), ne32(0x123), ne32(0x456), zero(8))},
	}
	for _, tt := range tests {
		got, err := EncodeSockaddr(tt.sa)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if !bytes.Equal(got, tt.want) {
			t.Errorf("%s:\n got % x\nwant % x", tt.name, got, tt.want)
		}
	}
	if _, err := EncodeSockaddr(&unix.SockaddrUnix{Name: string(make([]byte, 200))}); err == nil {
		t.Error("a 200-byte unix path was encoded")
	}
}

// TestEncodeMatchesKernel binds real sockets and compares the kernel's own
// getsockname bytes with the encoding.
func TestEncodeMatchesKernel(t *testing.T) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer unix.Close(fd)
	if err := unix.Bind(fd, &unix.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	sa, err := unix.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	enc, _ := EncodeSockaddr(sa)
	var raw [unix.SizeofSockaddrAny]byte
	l := uint32(len(raw))
	if _, _, e := unix.Syscall(unix.SYS_GETSOCKNAME, uintptr(fd), uintptrOf(&raw[0]), uintptrOf32(&l)); e != 0 {
		t.Fatal(e)
	}
	if !bytes.Equal(enc, raw[:l]) {
		t.Errorf("encoding % x, kernel % x", enc, raw[:l])
	}
}

// TestAtPathRoundTrip: a file whose path starts with '@' is bound as that
// path (not the abstract name), and getsockname, recvfrom and getpeername
// give it back as an AtPath, while the abstract name of the same spelling
// stays abstract beside it.
func TestAtPathRoundTrip(t *testing.T) {
	sys, err := New()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sys.Release)
	t.Chdir(t.TempDir())
	mk := func() *Socket {
		sk, err := sys.Socket(unix.AF_UNIX, unix.SOCK_DGRAM, 0)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { sys.Close(sk) })
		return sk
	}
	file, abstract, sender := mk(), mk(), mk()
	name := "@sockrepl-atpath-" + strconv.Itoa(os.Getpid())
	if err := sys.Bind(file, &AtPath{unix.SockaddrUnix{Name: name}}); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(name); err != nil {
		t.Fatalf("no file %q after binding the AtPath: %v", name, err)
	}
	if err := sys.Bind(abstract, &unix.SockaddrUnix{Name: name}); err != nil {
		t.Fatalf("the abstract name of the same spelling: %v", err)
	}
	got, err := Sockname(file)
	if at, ok := got.(*AtPath); err != nil || !ok || at.Name != name {
		t.Errorf("getsockname of the file: %#v, %v", got, err)
	}
	got, err = Sockname(abstract)
	if u, ok := got.(*unix.SockaddrUnix); err != nil || !ok || u.Name != name {
		t.Errorf("getsockname of the abstract name: %#v, %v", got, err)
	}
	if err := sys.Bind(sender, &AtPath{unix.SockaddrUnix{Name: name + "-from"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := sys.Sendto(sender, []byte("hi"), 0, &AtPath{unix.SockaddrUnix{Name: name}}); err != nil {
		t.Fatal(err)
	}
	_, from, _, err := sys.Recvfrom(file, 16, 0)
	if at, ok := from.(*AtPath); err != nil || !ok || at.Name != name+"-from" {
		t.Errorf("recvfrom: from %#v, %v", from, err)
	}
}
