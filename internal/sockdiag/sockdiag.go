// Package sockdiag asks the kernel about the inet sockets of this
// machine through NETLINK_SOCK_DIAG (what ss(8) reads): which hold a
// port, for the hint of a bind that failed with EADDRINUSE (Port); what
// state one TCP connection is in, for the wire view (Lookup). Nothing is
// looked up by name.
package sockdiag

import (
	"encoding/binary"
	"net/netip"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
	"sockrepl/internal/sockopt"
)

// TCP states as the kernel numbers them (include/net/tcp_states.h).
const (
	StateTimeWait = 6
	StateClose    = 7 // an unconnected UDP socket
	StateListen   = 10
)

// Socket is one socket the kernel reported.
type Socket struct {
	State  int
	Local  netip.AddrPort
	Remote netip.AddrPort
	Inode  uint32 // 0 for TIME_WAIT: no process holds it
}

// StateName is the state as ss(8) shows it: LISTEN, TIME_WAIT, or UNCONN
// for an unconnected UDP socket.
func (s Socket) StateName() string {
	if s.State == StateClose {
		return "UNCONN"
	}
	return sockopt.TCPStateName(s.State)
}

const (
	sizeofReq = 56 // struct inet_diag_req_v2
	sizeofMsg = 72 // struct inet_diag_msg
	allStates = 0xfff
)

// Port lists the sockets of the family (AF_INET, AF_INET6) and protocol
// (IPPROTO_TCP, IPPROTO_UDP) whose local port is port, in every state.
func Port(family, proto, port int) ([]Socket, error) {
	fd, err := open()
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	// Never wait long on the kernel: the hint is not worth a hang.
	tv := unix.Timeval{Sec: 1}
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return nil, err
	}

	req := request(family, proto, unix.NLM_F_DUMP, allStates)
	ne := binary.NativeEndian
	ne.PutUint32(req[8:], 1) // sequence
	// The dump does not filter on the port without a bytecode filter:
	// the answers are matched below.
	if err := unix.Sendto(fd, req, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
		return nil, err
	}

	var out []Socket
	buf := make([]byte, 32<<10)
	for range 1 << 16 { // a dump ends with NLMSG_DONE; bounded all the same
		n, _, err := unix.Recvfrom(fd, buf, 0)
		if err != nil {
			return nil, err
		}
		for b := buf[:n]; len(b) >= unix.NLMSG_HDRLEN; {
			l, typ := int(ne.Uint32(b[0:])), ne.Uint16(b[4:])
			if l < unix.NLMSG_HDRLEN || l > len(b) {
				return nil, unix.EBADMSG // a message that does not fit what came
			}
			data := b[unix.NLMSG_HDRLEN:l]
			b = b[min(len(b), (l+unix.NLMSG_ALIGNTO-1)&^(unix.NLMSG_ALIGNTO-1)):]
			switch typ {
			case unix.NLMSG_DONE:
				return out, nil
			case unix.NLMSG_ERROR:
				if len(data) >= 4 {
					if e := int32(ne.Uint32(data)); e != 0 {
						return nil, unix.Errno(-e)
					}
				}
				return out, nil
			}
			if s, ok := parseMsg(data); ok && int(s.Local.Port()) == port {
				out = append(out, s)
			}
		}
	}
	return out, nil
}

func open() (int, error) {
	return unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.NETLINK_SOCK_DIAG)
}

// request is a SOCK_DIAG_BY_FAMILY request (struct nlmsghdr, then struct
// inet_diag_req_v2) for the sockets of family and proto in states (a
// mask of 1<<state); flags go with NLM_F_REQUEST. The socket id is zero.
func request(family, proto int, flags uint16, states uint32) []byte {
	req := make([]byte, unix.NLMSG_HDRLEN+sizeofReq)
	ne := binary.NativeEndian
	ne.PutUint32(req[0:], uint32(len(req)))
	ne.PutUint16(req[4:], unix.SOCK_DIAG_BY_FAMILY)
	ne.PutUint16(req[6:], unix.NLM_F_REQUEST|flags)
	body := req[unix.NLMSG_HDRLEN:]
	body[0], body[1] = byte(family), byte(proto)
	ne.PutUint32(body[4:], states)
	return req
}

// Lookup asks about one TCP connection at a time, by its addresses: a
// closed handle's connection lives on in FIN_WAIT2 or TIME_WAIT with no
// descriptor, and only its addresses find it. It keeps one netlink
// socket for all its questions.
type Lookup struct{ fd int }

// NewLookup opens the netlink socket; when it cannot, State answers "".
func NewLookup() *Lookup {
	fd, err := open()
	if err != nil {
		return &Lookup{fd: -1}
	}
	return &Lookup{fd: rawfile.MoveHigh(fd)}
}

// Close closes the netlink socket.
func (d *Lookup) Close() {
	if d.fd >= 0 {
		unix.Close(d.fd)
		d.fd = -1
	}
}

// State is the state of the TCP connection from local to peer, or
// CLOSED when the kernel has none (it is gone), or "" when it cannot tell.
func (d *Lookup) State(local, peer netip.AddrPort) string {
	if d.fd < 0 || !local.IsValid() || !peer.IsValid() {
		return ""
	}
	family := unix.AF_INET
	if local.Addr().Is6() && !local.Addr().Is4In6() {
		family = unix.AF_INET6
	}
	b := request(family, unix.IPPROTO_TCP, 0, 0xffffffff) // every state
	ne := binary.NativeEndian
	id := b[unix.NLMSG_HDRLEN+8:] // struct inet_diag_sockid
	binary.BigEndian.PutUint16(id[0:], local.Port())
	binary.BigEndian.PutUint16(id[2:], peer.Port())
	putAddr(id[4:20], local.Addr())
	putAddr(id[20:36], peer.Addr())
	ne.PutUint32(id[40:], 0xffffffff) // no cookie
	ne.PutUint32(id[44:], 0xffffffff)
	if err := unix.Sendto(d.fd, b, 0, &unix.SockaddrNetlink{Family: unix.AF_NETLINK}); err != nil {
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

// putAddr writes an address as struct inet_diag_sockid holds it: an
// IPv4 one in the first 4 bytes.
func putAddr(b []byte, a netip.Addr) {
	if a.Is4() || a.Is4In6() {
		v := a.Unmap().As4()
		copy(b, v[:])
		return
	}
	v := a.As16()
	copy(b, v[:])
}

// parseMsg reads a struct inet_diag_msg.
func parseMsg(b []byte) (Socket, bool) {
	if len(b) < sizeofMsg {
		return Socket{}, false
	}
	family := int(b[0])
	id := b[4:52] // struct inet_diag_sockid: ports and addresses big-endian
	sport, dport := binary.BigEndian.Uint16(id[0:]), binary.BigEndian.Uint16(id[2:])
	src, dst := ip(family, id[4:20]), ip(family, id[20:36])
	return Socket{
		State:  int(b[1]),
		Local:  netip.AddrPortFrom(src, sport),
		Remote: netip.AddrPortFrom(dst, dport),
		Inode:  binary.NativeEndian.Uint32(b[68:]),
	}, true
}

func ip(family int, b []byte) netip.Addr {
	if family == unix.AF_INET {
		return netip.AddrFrom4([4]byte(b[:4]))
	}
	return netip.AddrFrom16([16]byte(b[:16]))
}
