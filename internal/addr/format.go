package addr

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"sockrepl/internal/pyrepr"
	"sockrepl/internal/sock"
)

// htons converts between host and network byte order (it is its own
// inverse, so it serves as ntohs too).
func htons(v uint16) uint16 {
	var b [2]byte
	binary.BigEndian.PutUint16(b[:], v)
	return binary.NativeEndian.Uint16(b[:])
}

// isNil also catches typed nil pointers, which every Sockaddr is.
func isNil(sa unix.Sockaddr) bool {
	if sa == nil {
		return true
	}
	v := reflect.ValueOf(sa)
	return v.Kind() == reflect.Pointer && v.IsNil()
}

// Format renders sa in the shell's own notation, which Parse reads back:
//
//	127.0.0.1:8080  [::1]:8080  [fe80::1%lo]:80  /tmp/x.sock  @abstract
//	lo (CAN)  lo proto=0x0003  pid=0 groups=0x0  None (nil)
//	''  (unnamed AF_UNIX socket; CAN or packet interface index 0)
//
// The unnamed AF_UNIX form is Python's empty string, because that is
// both what Python shows and what Parse takes for autobind.
// Control bytes, invalid UTF-8 and backslashes in unix names are escaped as
// in Python's bytes repr (\x00, \n, \\), so output never moves the cursor.
// An interface index with no name prints as ifindex=N.
func Format(sa unix.Sockaddr) string {
	if isNil(sa) {
		return "None"
	}
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		var buf [len("255.255.255.255:65535")]byte
		b := netip.AddrFrom4(a.Addr).AppendTo(buf[:0])
		b = append(b, ':')
		return string(strconv.AppendInt(b, int64(a.Port), 10))
	case *unix.SockaddrInet6:
		return "[" + host6(a) + "]:" + strconv.Itoa(a.Port)
	case *unix.SockaddrUnix:
		switch {
		case isUnnamed(a.Name):
			return "''"
		case a.Name[0] == '@' || a.Name[0] == 0:
			return "@" + escapeName(a.Name[1:])
		}
		return escapeName(a.Name)
	case *sock.AtPath:
		// A file whose path starts with '@', which the bare @name (the
		// abstract namespace) cannot say: Python's bytes for the path,
		// which Parse reads back as it.
		return pyrepr.Bytes([]byte(a.Name))
	case *unix.SockaddrCAN:
		return ifaceText(a.Ifindex)
	case *unix.SockaddrLinklayer:
		s := fmt.Sprintf("%s proto=0x%04x", ifaceText(a.Ifindex), htons(a.Protocol))
		if a.Pkttype != 0 || a.Hatype != 0 || a.Halen != 0 {
			s += " pkttype=" + lookupName(pkttypeNames, int(a.Pkttype))
			s += " hatype=" + lookupName(hatypeNames, int(a.Hatype))
		}
		if a.Halen != 0 {
			hw := make([]string, 0, len(a.Addr))
			for _, b := range a.Addr[:min(int(a.Halen), len(a.Addr))] {
				hw = append(hw, fmt.Sprintf("%02x", b))
			}
			s += " addr=" + strings.Join(hw, ":")
		}
		return s
	case *unix.SockaddrNetlink:
		return fmt.Sprintf("pid=%d groups=%#x", a.Pid, a.Groups)
	}
	return fallback(sa)
}

// fallback shows the exported fields of families this package does not
// parse (vsock, bluetooth, ...), so recvfrom on them still prints something.
func fallback(sa unix.Sockaddr) string {
	v := reflect.ValueOf(sa).Elem()
	t := v.Type()
	var parts []string
	for i := range t.NumField() {
		if t.Field(i).IsExported() {
			parts = append(parts, fmt.Sprintf("%s=%v", t.Field(i).Name, v.Field(i).Interface()))
		}
	}
	return strings.TrimPrefix(t.Name(), "Sockaddr") + "(" + strings.Join(parts, " ") + ")"
}

// isUnnamed reports an unbound (or autobind-requesting) unix address.
// x/sys/unix turns the all-zero sun_path of an unnamed socket into "@",
// since it drops the length that would tell it apart from an abstract name,
// so "@" alone means unnamed here (Parse refuses to create it).
func isUnnamed(name string) bool {
	return name == "" || name == "@" || name == "\x00"
}

var pkttypeNames = map[int]string{
	unix.PACKET_HOST:      "PACKET_HOST",
	unix.PACKET_BROADCAST: "PACKET_BROADCAST",
	unix.PACKET_MULTICAST: "PACKET_MULTICAST",
	unix.PACKET_OTHERHOST: "PACKET_OTHERHOST",
	unix.PACKET_OUTGOING:  "PACKET_OUTGOING",
	unix.PACKET_LOOPBACK:  "PACKET_LOOPBACK",
}

var hatypeNames = map[int]string{
	unix.ARPHRD_ETHER:     "ARPHRD_ETHER",
	unix.ARPHRD_LOOPBACK:  "ARPHRD_LOOPBACK",
	unix.ARPHRD_NONE:      "ARPHRD_NONE",
	unix.ARPHRD_IEEE80211: "ARPHRD_IEEE80211",
}

func lookupName(m map[int]string, v int) string {
	if s, ok := m[v]; ok {
		return s
	}
	return strconv.Itoa(v)
}

func ifaceText(index int) string {
	if index == 0 {
		return "''"
	}
	if name, ok := ifName(index); ok {
		return name
	}
	return "ifindex=" + strconv.Itoa(index)
}

// ip6String prints like glibc's inet_ntop, which Python uses, so that
// Host and Python agree with CPython: the only difference from Go is that
// IPv4-compatible addresses (::a.b.c.d) keep their dotted tail.
func ip6String(a [16]byte) string {
	if [12]byte(a[:12]) == [12]byte{} && (a[12] != 0 || a[13] != 0) {
		return "::" + netip.AddrFrom4([4]byte(a[12:])).String()
	}
	return netip.AddrFrom16(a).String()
}

// host6 appends the scope as an interface name when one exists, else as a
// number, the form getaddrinfo and Parse both accept.
func host6(a *unix.SockaddrInet6) string {
	s := ip6String(a.Addr)
	if a.ZoneId != 0 {
		if name, ok := ifName(int(a.ZoneId)); ok {
			return s + "%" + name
		}
		s += "%" + strconv.FormatUint(uint64(a.ZoneId), 10)
	}
	return s
}

// Host returns the IP half of an inet or inet6 address (with %scope when
// set), for the shell's $H.host substitution.
func Host(sa unix.Sockaddr) (string, bool) {
	if isNil(sa) {
		return "", false
	}
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrFrom4(a.Addr).String(), true
	case *unix.SockaddrInet6:
		return host6(a), true
	}
	return "", false
}

// Port returns the port of an inet or inet6 address, for $H.port.
func Port(sa unix.Sockaddr) (int, bool) {
	if isNil(sa) {
		return 0, false
	}
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return a.Port, true
	case *unix.SockaddrInet6:
		return a.Port, true
	}
	return 0, false
}

// PythonWords writes an inet address whose port Parse refused (out of
// range, or not a number) as the tuple Python would have been given, so
// that a saved program makes the same failing call: 127.0.0.1:99999 is
// ('127.0.0.1', 99999). ok is false for anything else.
func PythonWords(words []string) (src string, ok bool) {
	if len(words) == 0 {
		return "", false
	}
	w := words[0]
	if isTuple(w) {
		return w, true // already Python's
	}
	text, err := unquote(w)
	if err != nil {
		return "", false
	}
	host, port, hasPort, err := splitHostPort(text)
	if err != nil {
		return "", false
	}
	if !hasPort {
		if len(words) < 2 {
			return "", false
		}
		if port, err = unquote(words[1]); err != nil {
			return "", false
		}
	}
	if _, err := parsePort(port); errors.Is(err, ErrPortRange) {
		return "(" + pyrepr.Str(host) + ", " + port + ")", true
	}
	return "(" + pyrepr.Str(host) + ", " + pyrepr.Str(port) + ")", true
}

// Python returns sa as CPython's repr of the same address would show it:
//
//	('127.0.0.1', 8080)  ('::1', 8080, 0, 0)  '/tmp/x.sock'  ''
//	b'\x00name' (abstract)  ('lo', 3, 0, 772, b'...')  (pid, groups)  None
//
// As in CPython (checked against 3.11), the inet6 host carries no %scope;
// the scope is the fourth element. flowinfo is always 0 because x/sys/unix
// does not carry it.
func Python(sa unix.Sockaddr) string {
	if isNil(sa) {
		return "None"
	}
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return fmt.Sprintf("(%s, %d)", pyrepr.Str(netip.AddrFrom4(a.Addr).String()), a.Port)
	case *unix.SockaddrInet6:
		return fmt.Sprintf("(%s, %d, 0, %d)", pyrepr.Str(ip6String(a.Addr)), a.Port, a.ZoneId)
	case *unix.SockaddrUnix:
		if isUnnamed(a.Name) {
			return "''"
		}
		if a.Name[0] == '@' || a.Name[0] == 0 {
			// CPython returns abstract names as bytes with the leading NUL.
			return pyrepr.Bytes([]byte("\x00" + a.Name[1:]))
		}
		return pyrepr.Str(a.Name)
	case *sock.AtPath:
		return pyrepr.Str(a.Name)
	case *unix.SockaddrCAN:
		name, _ := ifName(a.Ifindex)
		return "(" + pyrepr.Str(name) + ",)"
	case *unix.SockaddrLinklayer:
		name, _ := ifName(a.Ifindex)
		hw := a.Addr[:min(int(a.Halen), len(a.Addr))]
		return fmt.Sprintf("(%s, %d, %d, %d, %s)", pyrepr.Str(name), htons(a.Protocol),
			a.Pkttype, a.Hatype, pyrepr.Bytes(hw))
	case *unix.SockaddrNetlink:
		return fmt.Sprintf("(%d, %d)", a.Pid, a.Groups)
	}
	return pyrepr.Str(Format(sa))
}

// escapeByte escapes c as Python's bytes repr would; q is the enclosing
// quote, or 0 for none.
func escapeByte(c, q byte) string {
	switch {
	case (q != 0 && c == q) || c == '\\':
		return `\` + string(c)
	case c == '\t':
		return `\t`
	case c == '\n':
		return `\n`
	case c == '\r':
		return `\r`
	case c >= 0x20 && c < 0x7f:
		return string(c)
	}
	return fmt.Sprintf(`\x%02x`, c)
}

// escapeName prints a unix socket name readably: printable UTF-8 as is
// (so non-ASCII paths stay legible), everything else as Python bytes-repr
// escapes. Backslash is always doubled so the output is unambiguous.
func escapeName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == '\\', !unicode.IsPrint(r):
			for k := range size {
				b.WriteString(escapeByte(s[i+k], 0))
			}
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

// Word is sa as one word of a command line that Parse reads back as sa
// (what `$H` stands for in a command): Format, except that a unix name
// Format had to escape, or one a bare word would read otherwise (a leading
// quote or parenthesis, b'…'), goes in double quotes, where escapes are
// read; a bare word is taken as it is.
func Word(sa unix.Sockaddr) string {
	f := Format(sa)
	u, ok := sa.(*unix.SockaddrUnix)
	if !ok || isUnnamed(u.Name) {
		return f
	}
	if strings.ContainsRune(f, '\\') || f[0] == '"' || f[0] == '\'' || f[0] == '(' || isBytesLiteral(f) {
		return `"` + strings.ReplaceAll(f, `"`, `\"`) + `"`
	}
	return f
}
