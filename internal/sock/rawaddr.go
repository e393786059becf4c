package sock

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"

	"golang.org/x/sys/unix"
)

// EncodeSockaddr lays out sa as the kernel's struct sockaddr_* bytes. x/sys
// keeps its own encoder private, and sendto needs the bytes (its wrapper
// there drops the count of bytes sent).
func EncodeSockaddr(sa unix.Sockaddr) ([]byte, error) {
	ne := binary.NativeEndian
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		b := make([]byte, unix.SizeofSockaddrInet4)
		ne.PutUint16(b[0:], unix.AF_INET)
		binary.BigEndian.PutUint16(b[2:], uint16(a.Port))
		copy(b[4:8], a.Addr[:])
		return b, nil
	case *unix.SockaddrInet6:
		b := make([]byte, unix.SizeofSockaddrInet6)
		ne.PutUint16(b[0:], unix.AF_INET6)
		binary.BigEndian.PutUint16(b[2:], uint16(a.Port))
		copy(b[8:24], a.Addr[:])
		ne.PutUint32(b[24:], a.ZoneId)
		return b, nil
	case *unix.SockaddrUnix:
		name := []byte(a.Name)
		if len(name) > len(unix.RawSockaddrUnix{}.Path)-1 {
			return nil, unix.EINVAL
		}
		b := make([]byte, 2, 2+len(name)+1)
		ne.PutUint16(b[0:], unix.AF_UNIX)
		switch {
		case len(name) == 0: // autobind: the family alone
		case name[0] == '@': // abstract: leading NUL, no trailing one
			b = append(b, 0)
			b = append(b, name[1:]...)
		default:
			b = append(b, name...)
			b = append(b, 0)
		}
		return b, nil
	case *unix.SockaddrLinklayer:
		b := make([]byte, unix.SizeofSockaddrLinklayer)
		ne.PutUint16(b[0:], unix.AF_PACKET)
		ne.PutUint16(b[2:], a.Protocol) // already in network order
		ne.PutUint32(b[4:], uint32(a.Ifindex))
		ne.PutUint16(b[8:], a.Hatype)
		b[10] = a.Pkttype
		b[11] = a.Halen
		copy(b[12:20], a.Addr[:])
		return b, nil
	case *unix.SockaddrNetlink:
		b := make([]byte, unix.SizeofSockaddrNetlink)
		ne.PutUint16(b[0:], unix.AF_NETLINK)
		ne.PutUint32(b[4:], a.Pid)
		ne.PutUint32(b[8:], a.Groups)
		return b, nil
	case *unix.SockaddrCAN:
		b := make([]byte, unix.SizeofSockaddrCAN)
		ne.PutUint16(b[0:], unix.AF_CAN)
		ne.PutUint32(b[4:], uint32(a.Ifindex))
		ne.PutUint32(b[8:], a.RxID)
		ne.PutUint32(b[12:], a.TxID)
		return b, nil
	case nil:
		return nil, nil
	}
	return nil, fmt.Errorf("cannot encode a %T", sa)
}

// traceSockaddr writes sa as strace does.
func traceSockaddr(sa unix.Sockaddr) string {
	switch a := sa.(type) {
	case nil:
		return "NULL"
	case *unix.SockaddrInet4:
		return fmt.Sprintf(`{sa_family=AF_INET, sin_port=htons(%d), sin_addr=inet_addr("%s")}`, a.Port, netip.AddrFrom4(a.Addr))
	case *unix.SockaddrInet6:
		return fmt.Sprintf(`{sa_family=AF_INET6, sin6_port=htons(%d), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "%s", &sin6_addr), sin6_scope_id=%d}`, a.Port, netip.AddrFrom16(a.Addr), a.ZoneId)
	case *unix.SockaddrUnix:
		if a.Name == "" || a.Name == "@" {
			return "{sa_family=AF_UNIX}"
		}
		if a.Name[0] == '@' {
			return "{sa_family=AF_UNIX, sun_path=@" + quoteC([]byte(a.Name[1:])) + "}"
		}
		return "{sa_family=AF_UNIX, sun_path=" + quoteC([]byte(a.Name)) + "}"
	case *unix.SockaddrLinklayer:
		return fmt.Sprintf("{sa_family=AF_PACKET, sll_protocol=htons(%#04x), sll_ifindex=%d, sll_hatype=%d, sll_pkttype=%d, sll_halen=%d}",
			a.Protocol>>8|a.Protocol<<8, a.Ifindex, a.Hatype, a.Pkttype, a.Halen)
	case *unix.SockaddrNetlink:
		return fmt.Sprintf("{sa_family=AF_NETLINK, nl_pid=%d, nl_groups=%08x}", a.Pid, a.Groups)
	case *unix.SockaddrCAN:
		return fmt.Sprintf("{sa_family=AF_CAN, can_ifindex=%d}", a.Ifindex)
	}
	return fmt.Sprintf("{%T}", sa)
}

// sockaddrLen is the length the kernel reports for sa, for traces.
func sockaddrLen(sa unix.Sockaddr) int {
	b, _ := EncodeSockaddr(sa)
	return len(b)
}

// quoteC writes bytes as strace writes a string: C escapes, every control
// byte and every byte over 0x7e escaped, so no raw byte reaches the
// terminal.
func quoteC(b []byte) string {
	out := make([]byte, 0, len(b)+2)
	out = append(out, '"')
	for _, c := range b {
		switch c {
		case '"', '\\':
			out = append(out, '\\', c)
		case '\n':
			out = append(out, `\n`...)
		case '\r':
			out = append(out, `\r`...)
		case '\t':
			out = append(out, `\t`...)
		default:
			if c < 0x20 || c > 0x7e {
				out = append(out, `\x`...)
				out = strconv.AppendUint(out, uint64(c)>>4, 16)
				out = strconv.AppendUint(out, uint64(c)&15, 16)
			} else {
				out = append(out, c)
			}
		}
	}
	return string(append(out, '"'))
}
