// Package sockdiag asks the kernel which inet sockets of this machine hold
// a port, through NETLINK_SOCK_DIAG (what ss(8) reads): for the hint of a
// bind that failed with EADDRINUSE. Nothing is looked up by name. (The
// wire view asks about one connection at a time: internal/wire's diag.)
package sockdiag

import (
	"encoding/binary"
	"net/netip"

	"golang.org/x/sys/unix"

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
	fd, err := unix.Socket(unix.AF_NETLINK, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, unix.NETLINK_SOCK_DIAG)
	if err != nil {
		return nil, err
	}
	defer unix.Close(fd)
	// Never wait long on the kernel: the hint is not worth a hang.
	tv := unix.Timeval{Sec: 1}
	if err := unix.SetsockoptTimeval(fd, unix.SOL_SOCKET, unix.SO_RCVTIMEO, &tv); err != nil {
		return nil, err
	}

	req := make([]byte, unix.NLMSG_HDRLEN+sizeofReq)
	ne := binary.NativeEndian
	ne.PutUint32(req[0:], uint32(len(req)))
	ne.PutUint16(req[4:], unix.SOCK_DIAG_BY_FAMILY)
	ne.PutUint16(req[6:], unix.NLM_F_REQUEST|unix.NLM_F_DUMP)
	ne.PutUint32(req[8:], 1) // sequence
	body := req[unix.NLMSG_HDRLEN:]
	body[0], body[1] = byte(family), byte(proto)
	ne.PutUint32(body[4:], allStates)
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
