package sock

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"
)

// AtPath is an AF_UNIX address that is a file whose path starts with '@':
// Python's s.bind('@foo') (only '\0foo' is abstract there). x/sys/unix
// reads a leading '@' in SockaddrUnix.Name as the abstract namespace, in
// both directions, so such a path is this type, which this package
// encodes and decodes itself and never hands to x/sys. Name holds the
// path as the kernel has it ("@foo").
type AtPath struct{ unix.SockaddrUnix }

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
		if !unixNameFits(a.Name) {
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
	case *AtPath:
		if len(a.Name) >= len(unix.RawSockaddrUnix{}.Path) {
			return nil, unix.EINVAL
		}
		b := make([]byte, 2, 2+len(a.Name)+1)
		ne.PutUint16(b[0:], unix.AF_UNIX)
		b = append(b, a.Name...)
		return append(b, 0), nil
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
	return nil, fmt.Errorf("%s %T", msgCannotEncode.S(), sa)
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
	case *AtPath:
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

// unixNameFits reports whether a unix address fits sun_path (108 bytes):
// a path with its trailing NUL, an abstract name ('@' for the leading NUL)
// in all of it, as Python allows.
func unixNameFits(name string) bool {
	if strings.HasPrefix(name, "@") {
		return len(name) <= len(unix.RawSockaddrUnix{}.Path)
	}
	return len(name) < len(unix.RawSockaddrUnix{}.Path)
}

// bindOrConnect is bind(2) or connect(2) (trap) through x/sys's call,
// except for the addresses x/sys gets wrong: an abstract name that fills
// sun_path (x/sys wants room for a trailing NUL an abstract name does not
// have), and a path that starts with '@' (AtPath).
func bindOrConnect(trap uintptr, fd int, sa unix.Sockaddr, call func(int, unix.Sockaddr) error) error {
	_, atPath := sa.(*AtPath)
	if u, ok := sa.(*unix.SockaddrUnix); atPath || ok && strings.HasPrefix(u.Name, "@") && len(u.Name) == len(unix.RawSockaddrUnix{}.Path) {
		b, err := EncodeSockaddr(sa)
		if err != nil {
			return err
		}
		_, _, e := unix.Syscall(trap, uintptr(fd), uintptr(unsafe.Pointer(&b[0])), uintptr(len(b)))
		if e != 0 {
			return e
		}
		return nil
	}
	return call(fd, sa)
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

// Sockname is getsockname(2) for the shell's own bookkeeping ($H, ls, the
// address a closed handle had): not traced. See plainInet for why it does
// not simply call unix.Getsockname.
func Sockname(sk *Socket) (unix.Sockaddr, error) {
	return getname(unix.SYS_GETSOCKNAME, sk, unix.Getsockname)
}

// Peername is getpeername(2) for the shell's own bookkeeping: not traced.
func Peername(sk *Socket) (unix.Sockaddr, error) {
	return getname(unix.SYS_GETPEERNAME, sk, unix.Getpeername)
}

// plainInet reports whether the kernel's addresses for sk are plain
// sockaddr_in or sockaddr_in6, so that this package can decode them itself.
// x/sys cannot know that: it asks the kernel for SO_PROTOCOL before it
// decodes any inet address (an L2TP socket's address has another layout),
// one more system call for every getsockname, getpeername, accept and
// recvfrom. Here the socket's family and protocol are known when the shell
// made the socket or read them from the kernel (not when a caller named
// them, as fromfd's do); L2TP keeps going through x/sys.
func (sk *Socket) plainInet() bool {
	return sk.known && (sk.Family == unix.AF_INET || sk.Family == unix.AF_INET6) && sk.Proto != unix.IPPROTO_L2TP
}

// getname is getsockname or getpeername, decoded here when plainInet says
// that is safe, else by x/sys (slow).
func getname(trap uintptr, sk *Socket, slow func(int) (unix.Sockaddr, error)) (unix.Sockaddr, error) {
	if !sk.plainInet() && sk.Family != unix.AF_UNIX {
		return slow(sk.FD)
	}
	var rsa unix.RawSockaddrAny
	l := uint32(unix.SizeofSockaddrAny)
	_, _, e := unix.RawSyscall(trap, uintptr(sk.FD), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)))
	if e != 0 {
		return nil, e
	}
	if sa := unixSockaddr(&rsa); sa != nil {
		return sa, nil
	}
	if sa := inetSockaddr(&rsa); sa != nil && sk.plainInet() {
		return sa, nil
	}
	return slow(sk.FD)
}

// unixSockaddr decodes a sockaddr_un as x/sys does (a leading NUL is the
// abstract namespace, written '@'; the name ends at a NUL), except that a
// path that starts with '@' is an AtPath; nil for any other family.
func unixSockaddr(rsa *unix.RawSockaddrAny) unix.Sockaddr {
	if rsa.Addr.Family != unix.AF_UNIX {
		return nil
	}
	pp := (*unix.RawSockaddrUnix)(unsafe.Pointer(rsa))
	path := unsafe.Slice((*byte)(unsafe.Pointer(&pp.Path[0])), len(pp.Path))
	at := path[0] == '@'
	if path[0] == 0 {
		path[0] = '@'
	}
	n := 0
	for n < len(path) && path[n] != 0 {
		n++
	}
	if at {
		return &AtPath{unix.SockaddrUnix{Name: string(path[:n])}}
	}
	return &unix.SockaddrUnix{Name: string(path[:n])}
}

// inetSockaddr decodes a sockaddr_in or sockaddr_in6 as x/sys does; nil
// for any other family.
func inetSockaddr(rsa *unix.RawSockaddrAny) unix.Sockaddr {
	switch rsa.Addr.Family {
	case unix.AF_INET:
		pp := (*unix.RawSockaddrInet4)(unsafe.Pointer(rsa))
		sa := new(unix.SockaddrInet4)
		p := (*[2]byte)(unsafe.Pointer(&pp.Port))
		sa.Port = int(p[0])<<8 + int(p[1])
		sa.Addr = pp.Addr
		return sa
	case unix.AF_INET6:
		pp := (*unix.RawSockaddrInet6)(unsafe.Pointer(rsa))
		sa := new(unix.SockaddrInet6)
		p := (*[2]byte)(unsafe.Pointer(&pp.Port))
		sa.Port = int(p[0])<<8 + int(p[1])
		sa.ZoneId = pp.Scope_id
		sa.Addr = pp.Addr
		return sa
	}
	return nil
}

// accept4 is unix.Accept4 without x/sys's SO_PROTOCOL question when the
// listener is plainInet.
func accept4(sk *Socket, flags int) (int, unix.Sockaddr, error) {
	if !sk.plainInet() && sk.Family != unix.AF_UNIX {
		return unix.Accept4(sk.FD, flags)
	}
	var rsa unix.RawSockaddrAny
	l := uint32(unix.SizeofSockaddrAny)
	nfd, _, e := unix.Syscall6(unix.SYS_ACCEPT4, uintptr(sk.FD), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)), uintptr(flags), 0, 0)
	if e != 0 {
		return -1, nil, e
	}
	sa := unixSockaddr(&rsa)
	if sa == nil {
		sa = inetSockaddr(&rsa)
	}
	if sa == nil {
		// A listener of the family gives addresses of the family; x/sys
		// also closes the new descriptor when it cannot decode.
		unix.Close(int(nfd))
		return 0, nil, unix.EAFNOSUPPORT
	}
	return int(nfd), sa, nil
}

// recvfrom is unix.Recvfrom without x/sys's SO_PROTOCOL question when the
// socket is plainInet.
func recvfrom(sk *Socket, p []byte, flags int) (int, unix.Sockaddr, error) {
	if !sk.plainInet() && sk.Family != unix.AF_UNIX {
		return unix.Recvfrom(sk.FD, p, flags)
	}
	var rsa unix.RawSockaddrAny
	l := uint32(unix.SizeofSockaddrAny)
	var pp unsafe.Pointer
	if len(p) > 0 {
		pp = unsafe.Pointer(&p[0])
	}
	n, _, e := syscall6(flags&unix.MSG_DONTWAIT != 0, unix.SYS_RECVFROM, uintptr(sk.FD), uintptr(pp), uintptr(len(p)), uintptr(flags), uintptr(unsafe.Pointer(&rsa)), uintptr(unsafe.Pointer(&l)))
	if e != 0 {
		return -1, nil, e
	}
	if rsa.Addr.Family == unix.AF_UNSPEC {
		return int(n), nil, nil
	}
	sa := unixSockaddr(&rsa)
	if sa == nil {
		sa = inetSockaddr(&rsa)
	}
	if sa == nil {
		return int(n), nil, unix.EAFNOSUPPORT
	}
	return int(n), sa, nil
}
