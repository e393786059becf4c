package sockdiag

import (
	"net"
	"net/netip"
	"testing"

	"golang.org/x/sys/unix"
)

// A listener of this process is found, in LISTEN, with its inode; a port
// nobody holds gives nothing.
func TestPortFindsListener(t *testing.T) {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	port := l.Addr().(*net.TCPAddr).Port
	got, err := Port(unix.AF_INET, unix.IPPROTO_TCP, port)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].State != StateListen || got[0].Local.String() != l.Addr().String() || got[0].Inode == 0 {
		t.Fatalf("Port(%d) = %+v, want one LISTEN socket on %s", port, got, l.Addr())
	}
	l.Close()
	if got, err := Port(unix.AF_INET, unix.IPPROTO_TCP, port); err != nil || len(got) != 0 {
		t.Fatalf("after close: %+v, %v; want nothing", got, err)
	}
}

// Lookup finds an open connection by its addresses, in ESTABLISHED, and
// says CLOSED for addresses no connection or listener has.
func TestLookupState(t *testing.T) {
	l, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	c, err := net.Dial("tcp4", l.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	d := NewLookup()
	defer d.Close()
	local := c.LocalAddr().(*net.TCPAddr).AddrPort()
	peer := c.RemoteAddr().(*net.TCPAddr).AddrPort()
	if got := d.State(local, peer); got != "ESTABLISHED" {
		t.Fatalf("State(%v, %v) = %q, want ESTABLISHED", local, peer, got)
	}
	gone := netip.AddrPortFrom(local.Addr(), 1) // port 1: no connection of these addresses
	if got := d.State(gone, peer); got != "CLOSED" {
		t.Fatalf("State(%v, %v) = %q, want CLOSED", gone, peer, got)
	}
	if got := d.State(netip.AddrPort{}, peer); got != "" {
		t.Fatalf("State of no address = %q, want \"\"", got)
	}
}
