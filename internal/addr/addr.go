// Package addr converts socket addresses between the text a sockrepl user
// types and the unix.Sockaddr values handed to raw syscalls.
//
// Forms accepted by Parse, by family:
//
//	AF_INET, AF_RDS  127.0.0.1:8080  127.0.0.1 8080  :8080  '' 8080  localhost:80
//	                 ('127.0.0.1', 8080)
//	AF_INET6         [::1]:8080  ::1 8080  [fe80::1%lo]:80  [::]:80  :8080
//	                 ('::1', 8080)  ('::1', 8080, 0, 0)
//	AF_UNIX          /tmp/x.sock  x.sock  @abstract  b'\x00abstract'  ''  (nothing)
//	                 b'@path' (a file whose path starts with @, as in Python)
//	AF_CAN           vcan0  ''  ifindex=N  ('vcan0',)
//	AF_PACKET        lo  lo 0x0003  lo ETH_P_ALL  lo proto=0x0003  ('lo', 3)
//	AF_NETLINK       0  0 0x1  pid=0 groups=0x1  (0, 1)
//
// In every family, parentheses that only group are dropped first, as
// Python reads (x) as x: (('127.0.0.1', 8080)), ('/tmp/x.sock').
//
// Nothing here touches package net and nothing ever does DNS: names are
// looked up in /etc/hosts only (see Resolve).
package addr

import (
	"sockrepl/internal/literal"
	"sockrepl/internal/msg"
	"sockrepl/internal/sock"

	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// sun_path is 108 bytes. A filesystem path needs room for its trailing
// NUL (107 bytes at most, as Python says); an abstract name has no NUL
// after it and may use every byte after the leading one ('@' and 107).
const (
	unixPathMax     = 107
	unixAbstractMax = 108 // counting the '@'
)

// Parse reads an address for a socket of the given family from the front of
// words and reports how many words it consumed (0, 1 or 2). Words after
// those belong to the caller. A word may still carry one level of '…' or
// "…" quoting from the command line. When the port is refused, used still
// says how many words the address took (a saved program writes them).
func Parse(family int, words []string) (sa unix.Sockaddr, used int, err error) {
	if len(words) > 0 {
		if w := ungroup(words[0], family == unix.AF_UNIX); w != words[0] {
			words = append([]string{w}, words[1:]...)
		}
	}
	switch family {
	case unix.AF_INET, unix.AF_RDS:
		// RDS binds with a plain sockaddr_in, so it shares the inet forms.
		return parseInet(unix.AF_INET, words)
	case unix.AF_INET6:
		return parseInet(unix.AF_INET6, words)
	case unix.AF_UNIX:
		return parseUnix(words)
	case unix.AF_CAN:
		return parseCAN(words)
	case unix.AF_PACKET:
		return parsePacket(words)
	case unix.AF_NETLINK:
		return parseNetlink(words)
	}
	return nil, 0, errors.New(msgFamilyNotSupported.S(msg.A("family", family)))
}

// badAddr builds the one-line error every parse failure uses. %q keeps
// control bytes and invalid UTF-8 out of the terminal.
// ErrPortRange and ErrPortType are the two ways a port can be wrong that
// Python tells apart: an integer out of range is its OverflowError, a
// string where the port goes its TypeError. Errors wrap them.
var (
	ErrPortRange = errors.New("port must be 0-65535")
	ErrPortType  = errors.New("port must be an integer, not a string")
)

// badAddrErr is badAddr for an error that callers may look for.
func badAddrErr(word string, cause error) error {
	return fmt.Errorf("%s: %w", msgBadAddress.S(msg.A("word", strconv.Quote(word))), cause)
}

func badAddr(word, format string, args ...any) error {
	return fmt.Errorf("%s: %s", msgBadAddress.S(msg.A("word", strconv.Quote(word))), escapeControls(fmt.Sprintf(format, args...)))
}

// escapeControls writes control bytes as \xHH: the detail of an error may
// quote part of the word, and nothing a user typed goes out raw.
func escapeControls(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			fmt.Fprintf(&b, "\\x%02x", c)
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// unquote is a word's text: a quoted word ('…' or "…") read by the rule
// every quoted word of the shell follows (literal.Unquote: its escapes
// processed, so "/tmp/x\t.sock" names a path with a tab, for bind as for
// unlink), any other word as it is.
func unquote(w string) (string, error) {
	return literal.Unquote(w)
}

// ungroup drops parentheses that only group, as Python reads (x) as x:
// `($u)`, where $u stands for ('127.0.0.1', 8080), is that tuple. Around
// a single str or bytes they are dropped only where an address is one
// (unix: `('/tmp/x.sock')` is the path, `($x)` an abstract b'\x00name'):
// elsewhere ('127.0.0.1') is a tuple that lacks its port, and its error
// says so. Parentheses around a comma make a tuple, and () is the empty
// tuple: those stay.
func ungroup(w string, single bool) string {
	for {
		elems, comma, ok := literal.Parenthesised(w)
		if !ok || comma || len(elems) != 1 || !single && !strings.HasPrefix(elems[0], "(") {
			return w
		}
		w = elems[0]
	}
}

func isTuple(w string) bool { return strings.HasPrefix(strings.TrimSpace(w), "(") }

// --- AF_UNIX ---------------------------------------------------------------

// parseUnix relies on x/sys/unix's SockaddrUnix conventions: an empty Name
// is sent as a bare sa_family (the kernel autobinds to a random abstract
// name), and a Name starting with '@' has that byte replaced by NUL and the
// trailing NUL left out of the length, i.e. the Linux abstract namespace.
func parseUnix(words []string) (unix.Sockaddr, int, error) {
	if len(words) == 0 {
		return &unix.SockaddrUnix{}, 0, nil
	}
	w := words[0]
	if t := strings.TrimSpace(w); strings.HasPrefix(t, "(") && strings.HasSuffix(t, ")") {
		// A tuple (what grouping parentheses held is unwrapped already);
		// a path that looks like one is written quoted.
		return nil, 0, badAddr(w, "%s", msgUnixTuple.S())
	}
	var name string
	if isBytesLiteral(w) {
		// Python's spelling of abstract names, so Python() output parses back.
		b, err := parseBytesLiteral(w)
		if err != nil {
			return nil, 0, badAddr(w, "%v", err)
		}
		if strings.HasPrefix(b, "@") {
			// As in Python, b'@name' is a file whose path starts with
			// '@'; only the bare (or quoted) @name is abstract.
			if len(b) > unixPathMax {
				return nil, 0, badAddr(w, "AF_UNIX path too long (%d bytes, the limit is %d)", len(b), unixPathMax)
			}
			if strings.IndexByte(b, 0) >= 0 {
				return nil, 0, badAddr(w, "%s", msgPathNUL.S())
			}
			return &sock.AtPath{SockaddrUnix: unix.SockaddrUnix{Name: b}}, 1, nil
		}
		name = b
	} else {
		var err error
		if name, err = unquote(w); err != nil {
			return nil, 0, err
		}
	}
	if name != "" && name[0] == 0 {
		name = "@" + name[1:]
	}
	if name == "@" {
		// An empty abstract name is legal, but x/sys/unix reads it back as
		// "@", exactly as it reads an unnamed socket, so it could never be
		// shown correctly.
		return nil, 0, badAddr(w, "%s", msgEmptyAbstract.S())
	}
	if name != "" && name[0] != '@' && strings.IndexByte(name, 0) >= 0 {
		// The kernel would silently cut a filesystem path at the NUL.
		return nil, 0, badAddr(w, "%s", msgPathNUL.S())
	}
	if name != "" && name[0] == '@' && len(name) > unixAbstractMax {
		return nil, 0, badAddr(w, "AF_UNIX path too long (an abstract name of %d bytes after the @, the limit is %d)", len(name)-1, unixAbstractMax-1)
	}
	if name != "" && name[0] != '@' && len(name) > unixPathMax {
		return nil, 0, badAddr(w, "AF_UNIX path too long (%d bytes, the limit is %d)", len(name), unixPathMax)
	}
	return &unix.SockaddrUnix{Name: name}, 1, nil
}

// --- AF_CAN ----------------------------------------------------------------

func parseCAN(words []string) (unix.Sockaddr, int, error) {
	if len(words) == 0 {
		return nil, 0, errors.New(msgMissingAddress.S(msg.A("want", msgCANWant.S())))
	}
	w := words[0]
	var name string
	if isTuple(w) {
		items, err := parseTuple(w)
		if err != nil {
			return nil, 0, badAddr(w, "%v", err)
		}
		if len(items) != 1 || items[0].kind != pyStr {
			return nil, 0, badAddr(w, "AF_CAN address must be a tuple (interface,)")
		}
		name = items[0].s
	} else {
		var err error
		if name, err = unquote(w); err != nil {
			return nil, 0, err
		}
	}
	idx, err := ifaceArg(name, w)
	if err != nil {
		return nil, 0, err
	}
	return &unix.SockaddrCAN{Ifindex: idx}, 1, nil
}

// ifaceArg turns an interface word into an index: the empty word (typed
// as two quotes, Python's empty string) means any interface, index 0;
// ifindex=N is taken as is (what Format prints for
// an index with no name), anything else is looked up by name.
func ifaceArg(name, word string) (int, error) {
	if name == "" {
		return 0, nil
	}
	if rest, ok := strings.CutPrefix(name, "ifindex="); ok {
		n, err := strconv.ParseUint(rest, 10, 31)
		if err != nil {
			return 0, badAddr(word, "%s", msgIfindexRange.S())
		}
		return int(n), nil
	}
	idx, err := ifIndex(name)
	if err == unix.ENODEV {
		return 0, badAddr(word, "%s", msgNoSuchInterface.S())
	}
	if err != nil {
		return 0, badAddr(word, "%s", msgCannotLookUpIface.S(msg.A("err", err)))
	}
	return idx, nil
}

// --- AF_PACKET -------------------------------------------------------------

var ethProtoNames = map[string]uint16{
	"ETH_P_ALL":  unix.ETH_P_ALL,
	"ETH_P_IP":   unix.ETH_P_IP,
	"ETH_P_IPV6": unix.ETH_P_IPV6,
	"ETH_P_ARP":  unix.ETH_P_ARP,
}

// parsePacket fills SockaddrLinklayer.Protocol in network byte order:
// x/sys/unix copies the field into sll_protocol verbatim (no htons), and the
// kernel compares it against big-endian ethertypes.
func parsePacket(words []string) (unix.Sockaddr, int, error) {
	if len(words) == 0 {
		return nil, 0, errors.New(msgMissingAddress.S(msg.A("want", msgPacketWant.S())))
	}
	w := words[0]
	if isTuple(w) {
		sa, err := parsePacketTuple(w)
		return sa, 1, err
	}
	name, err := unquote(w)
	if err != nil {
		return nil, 0, err
	}
	idx, err := ifaceArg(name, w)
	if err != nil {
		return nil, 0, err
	}
	sa := &unix.SockaddrLinklayer{Ifindex: idx}
	if len(words) < 2 {
		return sa, 1, nil
	}
	protoText, err := unquote(words[1])
	if err != nil {
		// Not a word of ours: the caller reads it and says what is wrong.
		return sa, 1, nil
	}
	p, isProto, err := parseEthProto(protoText)
	if !isProto {
		// Not protocol-shaped: leave the word to the caller.
		return sa, 1, nil
	}
	if err != nil {
		return nil, 0, errors.New(msgBadProtocol.S(msg.A("word", strconv.Quote(words[1])), msg.A("err", err)))
	}
	sa.Protocol = htons(p)
	return sa, 2, nil
}

// parseEthProto reports isProto=false when s does not look like a protocol
// at all, so that the optional second word can belong to the caller.
func parseEthProto(s string) (p uint16, isProto bool, err error) {
	s, explicit := strings.CutPrefix(s, "proto=")
	if strings.HasPrefix(s, "ETH_P_") {
		if v, ok := ethProtoNames[s]; ok {
			return v, true, nil
		}
		return 0, true, errors.New(msgUnknownEthProto.S())
	}
	if s == "" || s[0] < '0' || s[0] > '9' {
		if explicit {
			return 0, true, errors.New(msgEthProtoWant.S())
		}
		return 0, false, nil
	}
	v, err := parseUint(s, 16)
	if err != nil {
		return 0, true, errors.New(msgEthProtoRange.S())
	}
	return uint16(v), true, nil
}

func parsePacketTuple(w string) (unix.Sockaddr, error) {
	items, err := parseTuple(w)
	if err != nil {
		return nil, badAddr(w, "%v", err)
	}
	const shape = "AF_PACKET address must be a tuple (ifname, proto[, pkttype[, hatype[, addr]]])"
	if len(items) < 1 || len(items) > 5 || items[0].kind != pyStr {
		return nil, badAddr(w, shape)
	}
	idx, err := ifaceArg(items[0].s, w)
	if err != nil {
		return nil, err
	}
	sa := &unix.SockaddrLinklayer{Ifindex: idx}
	limits := []int64{0, 0xffff, 0xff, 0xffff}
	names := []string{"", "proto", "pkttype", "hatype"}
	for i := 1; i < len(items) && i < 4; i++ {
		v := items[i]
		if v.kind != pyInt || v.n < 0 || v.n > limits[i] {
			return nil, badAddr(w, "%s must be 0-%d", names[i], limits[i])
		}
		switch i {
		case 1:
			sa.Protocol = htons(uint16(v.n))
		case 2:
			sa.Pkttype = uint8(v.n)
		case 3:
			sa.Hatype = uint16(v.n)
		}
	}
	if len(items) == 5 {
		if items[4].kind != pyBytes || len(items[4].s) > len(sa.Addr) {
			return nil, badAddr(w, "addr must be bytes of at most %d", len(sa.Addr))
		}
		sa.Halen = uint8(copy(sa.Addr[:], items[4].s))
	}
	return sa, nil
}

// --- AF_NETLINK ------------------------------------------------------------

func parseNetlink(words []string) (unix.Sockaddr, int, error) {
	if len(words) == 0 {
		return nil, 0, errors.New(msgMissingAddress.S(msg.A("want", msgNetlinkWant.S())))
	}
	w := words[0]
	if isTuple(w) {
		items, err := parseTuple(w)
		if err != nil {
			return nil, 0, badAddr(w, "%v", err)
		}
		if len(items) != 2 {
			return nil, 0, badAddr(w, "AF_NETLINK address must be a pair (pid, groups)")
		}
		for _, it := range items {
			if it.kind != pyInt || it.n < 0 || it.n > 0xffffffff {
				return nil, 0, badAddr(w, "pid and groups must be 0-4294967295")
			}
		}
		return &unix.SockaddrNetlink{Pid: uint32(items[0].n), Groups: uint32(items[1].n)}, 1, nil
	}
	pidText, err := unquote(w)
	if err != nil {
		return nil, 0, err
	}
	s, _ := strings.CutPrefix(pidText, "pid=")
	pid, err := parseUint(s, 32)
	if err != nil {
		return nil, 0, badAddr(w, "%s", msgNetlinkWant.S())
	}
	sa := &unix.SockaddrNetlink{Pid: uint32(pid)}
	if len(words) < 2 {
		return sa, 1, nil
	}
	groupsText, err := unquote(words[1])
	if err != nil {
		return sa, 1, nil // the caller's word, as below
	}
	g, explicit := strings.CutPrefix(groupsText, "groups=")
	if !explicit && (g == "" || g[0] < '0' || g[0] > '9') {
		return sa, 1, nil
	}
	groups, err := parseUint(g, 32)
	if err != nil {
		return nil, 0, errors.New(msgBadGroups.S(msg.A("word", strconv.Quote(words[1]))))
	}
	sa.Groups = uint32(groups)
	return sa, 2, nil
}

// parseUint accepts decimal or 0x hex. Leading zeros stay decimal (unlike
// strconv base 0) so "010" is ten, as a user would expect.
func parseUint(s string, bits int) (uint64, error) {
	if h, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
		return strconv.ParseUint(h, 16, bits)
	}
	return strconv.ParseUint(s, 10, bits)
}
