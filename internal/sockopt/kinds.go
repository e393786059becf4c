package sockopt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"

	"sockrepl/internal/errno"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
)

// codec is everything about one kind of option value, in one place, as
// x/sys/unix keeps one Get/Set pair per C type: how many bytes getsockopt
// offers, how many words setsockopt takes and what they look like, how
// they become the kernel's bytes, and how those bytes read back.
type codec struct {
	size   int // bytes offered to the kernel by getsockopt
	lo, hi int // value words setsockopt takes
	usage  func(o Option) string
	// shape says how setsockopt takes the value, for the hints as a line
	// is typed ("on|off", "ONOFF SECONDS, e.g. 1 5").
	shape func() string
	// onOff: the first value word may be on or off.
	onOff bool
	// refuse, when set, is why setsockopt cannot set this kind at all.
	refuse func(o Option) error
	// encode turns the words (lo to hi of them) into the kernel's bytes;
	// nil: no encoding (raw bytes only).
	encode func(o Option, words []string) ([]byte, error)
	// decode reads what getsockopt returned (i: the bytes as a C int); ok
	// false when b has an unexpected size, which prints as raw bytes.
	decode func(o Option, b []byte, i int64) (text string, ok bool)
}

func says(m *msg.M) func(Option) string { return func(Option) string { return m.S() } }
func says0(m *msg.M) func() string      { return func() string { return m.S() } }

// codecs is the table of kinds, indexed by Kind (filled in init: its
// functions ask the table for usage in their messages).
var codecs []codec

func init() {
	codecs = []codec{
		Int:      {shape: says0(msgANumber), size: 4, lo: 1, hi: 1, usage: says(msgUsage0), encode: encodeCInt, decode: decodeCInt},
		Bool:     {shape: func() string { return "on|off" }, onOff: true, size: 4, lo: 1, hi: 1, usage: says(msgUsage1), encode: encodeCInt, decode: decodeCInt},
		Errno:    {shape: says0(msgANumber), size: 4, lo: 1, hi: 1, usage: says(msgUsage4), encode: encodeCInt, decode: decodeErrno},
		Family:   {shape: says0(msgANumber), size: 4, lo: 1, hi: 1, usage: says(msgUsage5), encode: encodeCInt, decode: decodeNamed(func(i int) string { return names.Families.Name(i) })},
		SockType: {shape: says0(msgANumber), size: 4, lo: 1, hi: 1, usage: says(msgUsage6), encode: encodeCInt, decode: decodeNamed(names.FormatType)},
		Protocol: {shape: says0(msgANumber), size: 4, lo: 1, hi: 1, usage: says(msgUsage7), encode: encodeCInt, decode: decodeNamed(func(i int) string { return names.Protocols.Name(i) })},
		Int64: {shape: says0(msgANumber), size: 8, lo: 1, hi: 1, usage: says(msgUsage16),
			encode: func(o Option, words []string) ([]byte, error) {
				v, err := strconv.ParseInt(words[0], 10, 64)
				if err != nil {
					return nil, badValue(o, words[0])
				}
				b := make([]byte, 8)
				binary.NativeEndian.PutUint64(b, uint64(v))
				return b, nil
			},
			decode: func(_ Option, b []byte, _ int64) (string, bool) {
				if len(b) != 8 {
					return "", false
				}
				return strconv.FormatUint(binary.NativeEndian.Uint64(b), 10), true
			}},
		Linger: {shape: says0(msgLingerShape), onOff: true, size: unix.SizeofLinger, lo: 2, hi: 2, usage: says(msgUsage2),
			encode: func(o Option, words []string) ([]byte, error) {
				var f [2]int32
				for i, w := range words {
					v, err := field(o, w, true, i == 0)
					if err != nil {
						return nil, err
					}
					f[i] = int32(v)
				}
				l := unix.Linger{Onoff: f[0], Linger: f[1]}
				return structBytes(&l), nil
			},
			decode: func(_ Option, b []byte, _ int64) (string, bool) {
				l, full := fromBytes[unix.Linger](b)
				return fmt.Sprintf("on=%d linger=%ds", l.Onoff, l.Linger), full
			}},
		Timeval: {shape: says0(msgTimevalShape), size: int(unsafe.Sizeof(unix.Timeval{})), lo: 1, hi: 1, usage: says(msgUsage3),
			encode: func(o Option, words []string) ([]byte, error) {
				usec, ok := parseSeconds(words[0])
				if !ok {
					return nil, badValue(o, words[0])
				}
				tv := unix.NsecToTimeval(usec * 1000)
				return structBytes(&tv), nil
			},
			decode: func(_ Option, b []byte, _ int64) (string, bool) {
				tv, full := fromBytes[unix.Timeval](b)
				return formatSeconds(int64(tv.Sec), int64(tv.Usec)), full
			}},
		String: {shape: says0(msgAName), size: 256, lo: 1, hi: 1,
			usage: func(o Option) string {
				switch o.Name {
				case "SO_BINDTODEVICE":
					return msgUsage8.S()
				case "TCP_ULP":
					return msgUsage9.S()
				case "TCP_CONGESTION":
					return msgUsage10.S()
				}
				return msgUsage11.S()
			},
			encode: func(_ Option, words []string) ([]byte, error) { return []byte(words[0]), nil },
			decode: func(_ Option, b []byte, _ int64) (string, bool) {
				s := string(b)
				if j := strings.IndexByte(s, 0); j >= 0 {
					s = s[:j]
				}
				if s == "" {
					return `""`, true
				}
				return s, true
			}},
		Ucred: {shape: func() string { return "PID UID GID" }, size: unix.SizeofUcred, lo: 3, hi: 3, usage: says(msgUsage12),
			encode: func(o Option, words []string) ([]byte, error) {
				var f [3]int64
				for i, w := range words {
					v, err := field(o, w, i == 0, false) // pid_t, uid_t, gid_t
					if err != nil {
						return nil, err
					}
					f[i] = v
				}
				u := unix.Ucred{Pid: int32(f[0]), Uid: uint32(f[1]), Gid: uint32(f[2])}
				return structBytes(&u), nil
			},
			decode: func(_ Option, b []byte, _ int64) (string, bool) {
				u, full := fromBytes[unix.Ucred](b)
				return fmt.Sprintf("pid=%d uid=%d gid=%d", u.Pid, u.Uid, u.Gid), full
			}},
		TCPInfo: {shape: says0(msgRawBytesShape), size: unix.SizeofTCPInfo, lo: 1, hi: 1, usage: says(msgUsage17),
			refuse: func(o Option) error { return errors.New(msgTCPInfoReadOnly.S(msg.A("name", o.Name))) },
			encode: func(Option, []string) ([]byte, error) { return nil, nil },
			decode: func(_ Option, b []byte, _ int64) (string, bool) { return formatTCPInfo(b), true }},
		InAddr: {shape: says0(msgIPv4Shape), size: 4, lo: 1, hi: 1, usage: says(msgUsage15),
			encode: func(o Option, words []string) ([]byte, error) {
				a, ok := parseIPv4(words[0])
				if !ok {
					return nil, badValue(o, words[0])
				}
				return a[:], nil
			},
			decode: func(_ Option, b []byte, _ int64) (string, bool) {
				if len(b) != 4 {
					return "", false
				}
				return netip.AddrFrom4([4]byte(b)).String(), true
			}},
		Mreq: {shape: says0(msgMreqShape), size: unix.SizeofIPMreq, lo: 1, hi: 2, usage: says(msgUsage13), // the interface defaults to "any"
			encode: func(o Option, words []string) ([]byte, error) {
				var m unix.IPMreq
				var ok bool
				if m.Multiaddr, ok = parseIPv4(words[0]); !ok {
					return nil, badValue(o, words[0])
				}
				if len(words) == 2 {
					if m.Interface, ok = parseIPv4(words[1]); !ok {
						return nil, badValue(o, words[1])
					}
				}
				return structBytes(&m), nil
			},
			decode: func(_ Option, b []byte, _ int64) (string, bool) {
				m, full := fromBytes[unix.IPMreq](b)
				return netip.AddrFrom4(m.Multiaddr).String() + " " + netip.AddrFrom4(m.Interface).String(), full
			}},
		Mreq6: {shape: says0(msgMreq6Shape), size: unix.SizeofIPv6Mreq, lo: 1, hi: 2, usage: says(msgUsage14),
			encode: func(o Option, words []string) ([]byte, error) {
				var m unix.IPv6Mreq
				a, err := netip.ParseAddr(words[0])
				if err != nil || !a.Is6() || a.Zone() != "" {
					return nil, badValue(o, words[0])
				}
				m.Multiaddr = a.As16()
				if len(words) == 2 {
					idx, ok := parseIfindex(words[1])
					if !ok {
						return nil, badValue(o, words[1])
					}
					m.Interface = idx
				}
				return structBytes(&m), nil
			},
			decode: func(_ Option, b []byte, _ int64) (string, bool) {
				m, full := fromBytes[unix.IPv6Mreq](b)
				return fmt.Sprintf("%s %d", netip.AddrFrom16(m.Multiaddr), m.Interface), full
			}},
		Bytes: {shape: says0(msgRawBytesShape), size: 256, lo: 1, hi: 1, usage: says(msgUsage17),
			refuse: func(o Option) error { return fmt.Errorf("%s: %w", o.Name, ErrRawBytes) },
			encode: func(Option, []string) ([]byte, error) { return nil, nil }},
	}
}

// codecOf is kind k's row; an unknown kind has none of its own and reads
// as raw bytes.
func codecOf(k Kind) *codec {
	if k >= 0 && int(k) < len(codecs) && codecs[k].usage != nil {
		return &codecs[k]
	}
	return &codec{size: 4, usage: says(msgUsage17), shape: says0(msgRawBytesShape)}
}

// Shape says how setsockopt takes o's value, for hints: "on|off",
// "ONOFF SECONDS, e.g. 1 5", "raw bytes: hex:… or b'…'".
func Shape(o Option) string { return codecOf(o.Kind).shape() }

// TakesOnOff reports whether o's first value word may be on or off.
func TakesOnOff(o Option) bool { return codecOf(o.Kind).onOff }

// encodeCInt is the encoder of every kind held in a C int: a number, or
// the kind's words (on/off, an errno, family, type or protocol name).
func encodeCInt(o Option, words []string) ([]byte, error) {
	v, ok := parseKindInt(o.Kind, words[0])
	if !ok {
		if _, _, _, whole := wholeNumber(words[0]); whole {
			return nil, fmt.Errorf("%s %w", words[0], ErrIntRange)
		}
		return nil, badValue(o, words[0])
	}
	return cInt(v), nil
}

func decodeCInt(_ Option, b []byte, i int64) (string, bool) {
	return strconv.FormatInt(i, 10), len(b) <= 4
}

func decodeErrno(_ Option, _ []byte, i int64) (string, bool) {
	if i == 0 {
		return "0", true
	}
	if n, ok := errno.Name(unix.Errno(i)); ok {
		return named(n, i), true
	}
	return strconv.FormatInt(i, 10), true
}

// decodeNamed decodes an int that a names table names (SO_DOMAIN: AF_INET).
func decodeNamed(name func(int) string) func(Option, []byte, int64) (string, bool) {
	return func(_ Option, _ []byte, i int64) (string, bool) { return named(name(int(i)), i), true }
}

// named is "NAME (N)", or the number alone when no name is known.
func named(name string, i int64) string {
	if name == strconv.FormatInt(i, 10) {
		return name
	}
	return fmt.Sprintf("%s (%d)", name, i)
}

// Value shapes: what setsockopt takes, for hints.
var (
	msgANumber = msg.New("sockopt.shape.a-number",
		"a number",
		"数字")
	msgLingerShape = msg.New("sockopt.shape.linger-shape",
		"ONOFF SECONDS, e.g. 1 5",
		"ONOFF SECONDS，如 1 5")
	msgTimevalShape = msg.New("sockopt.shape.timeval-shape",
		"SECONDS, e.g. 2.5",
		"SECONDS，如 2.5")
	msgAName = msg.New("sockopt.shape.a-name",
		"a name",
		"名字")
	msgMreqShape = msg.New("sockopt.shape.mreq-shape",
		"GROUP [IFADDR], e.g. 224.0.0.251 0.0.0.0",
		"GROUP [IFADDR]，如 224.0.0.251 0.0.0.0")
	msgMreq6Shape = msg.New("sockopt.shape.mreq6-shape",
		"GROUP [IFINDEX], e.g. ff02::fb 0",
		"GROUP [IFINDEX]，如 ff02::fb 0")
	msgIPv4Shape = msg.New("sockopt.shape.ipv4-shape",
		"an IPv4 address",
		"IPv4 地址")
	msgRawBytesShape = msg.New("sockopt.shape.raw-bytes-shape",
		"raw bytes: hex:… or b'…'",
		"原始字节：hex:… 或 b'…'")
)
