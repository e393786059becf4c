package wire

import (
	"encoding/binary"
	"net/netip"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
	"sockrepl/internal/sockopt"
)

// tcpState is an open TCP socket's state, from TCP_INFO.
func tcpState(fd int) string {
	info, err := unix.GetsockoptTCPInfo(fd, unix.IPPROTO_TCP, unix.TCP_INFO)
	if err != nil {
		return ""
	}
	return sockopt.TCPStateName(int(info.State))
}

// diag asks the kernel (NETLINK_SOCK_DIAG, as ss does) about TCP sockets
// that no descriptor holds any more: a closed handle's connection lives on
// in FIN_WAIT2 or TIME_WAIT, and only its addresses find it.
type diag struct{ fd int }

func openDiag() *diag {
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.NETLINK_SOCK_DIAG)
	if err != nil {
		return &diag{fd: -1}
	}
	return &diag{fd: rawfile.MoveHigh(fd)}
}

func (d *diag) close() {
	if d.fd >= 0 {
		unix.Close(d.fd)
		d.fd = -1
	}
}

// closedState is the state of the TCP connection from local to peer, or
// CLOSED when the kernel has none (it is gone), or "" when it cannot tell.
func (d *diag) state(local, peer netip.AddrPort) string {
	if d.fd < 0 || !local.IsValid() || !peer.IsValid() {
		return ""
	}
	const reqLen = unix.SizeofNlMsghdr + 56
	var b [reqLen]byte
	ne := binary.NativeEndian
	ne.PutUint32(b[0:], reqLen)
	ne.PutUint16(b[4:], unix.SOCK_DIAG_BY_FAMILY)
	ne.PutUint16(b[6:], unix.NLM_F_REQUEST)
	r := b[unix.SizeofNlMsghdr:]
	family := byte(unix.AF_INET)
	if local.Addr().Is6() && !local.Addr().Is4In6() {
		family = unix.AF_INET6
	}
	r[0], r[1] = family, unix.IPPROTO_TCP
	ne.PutUint32(r[4:], 0xffffffff) // every state
	binary.BigEndian.PutUint16(r[8:], local.Port())
	binary.BigEndian.PutUint16(r[10:], peer.Port())
	putAddr(r[12:28], local.Addr())
	putAddr(r[28:44], peer.Addr())
	ne.PutUint32(r[48:], 0xffffffff) // no cookie
	ne.PutUint32(r[52:], 0xffffffff)
	if err := unix.Sendto(d.fd, b[:], 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return ""
	}
	var resp [512]byte
	for range 4 { // a stale answer to an earlier request may come first
		n, _, err := unix.Recvfrom(d.fd, resp[:], unix.MSG_DONTWAIT)
		if err != nil || n < unix.SizeofNlMsghdr+2 {
			return ""
		}
		switch ne.Uint16(resp[4:]) {
		case unix.NLMSG_ERROR:
			if n >= unix.SizeofNlMsghdr+4 && int32(ne.Uint32(resp[unix.SizeofNlMsghdr:])) == -int32(unix.ENOENT) {
				return "CLOSED"
			}
			return ""
		case unix.SOCK_DIAG_BY_FAMILY:
			// With no connection of these addresses, the kernel answers
			// with the listener on the port, if there is one.
			m := resp[unix.SizeofNlMsghdr:]
			if n < unix.SizeofNlMsghdr+8 || binary.BigEndian.Uint16(m[6:]) != peer.Port() {
				return "CLOSED"
			}
			return sockopt.TCPStateName(int(m[1]))
		}
	}
	return ""
}

func putAddr(b []byte, a netip.Addr) {
	if a.Is4() || a.Is4In6() {
		v := a.Unmap().As4()
		copy(b, v[:])
		return
	}
	v := a.As16()
	copy(b, v[:])
}
