package sockopt

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"net/netip"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/errno"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/pyrepr"
)

// ErrRawBytes is returned (wrapped) by Encode for Bytes options: their
// value is raw bytes, which the caller parses itself.
var ErrRawBytes error = &sentinel{msgRawBytesErr}

// ErrIntRange is returned (wrapped) by Encode for a number that does not
// fit in the C int the option takes. Python's setsockopt passes an int as
// a C int only; any other int makes it try the value as bytes and fail
// with TypeError.
var ErrIntRange error = &sentinel{msgIntRangeErr}

// sentinel is an error matched with errors.Is and printed in the current
// language.
type sentinel struct{ m *msg.M }

func (e *sentinel) Error() string { return e.m.S() }

// FieldRangeError is a structure field's value outside its C type. A
// Python program packs the structure itself (struct.pack("ii", 1, 5)), and
// struct.pack refuses such a value with this message.
type FieldRangeError struct {
	Option, Word string
	Signed       bool // C int ('i'), else unsigned int ('I')
}

func (e *FieldRangeError) Error() string {
	if e.Signed {
		return "'i' format requires -2147483648 <= number <= 2147483647"
	}
	return "'I' format requires 0 <= number <= 4294967295"
}

// Value is a decoded getsockopt result.
type Value struct {
	// Int is what Python's two-argument getsockopt(level, opt) returns:
	// the C int in the first four bytes. HasInt is false (and Int 0) where
	// Python's call would fail because the kernel refuses an int-sized
	// buffer.
	Int    int64
	HasInt bool
	Text   string // human-readable form: "212992", "on=1 linger=5s", "2.5s"
}

// BufLen is how many bytes to offer the kernel when getting o.
func BufLen(o Option) int { return codecOf(o.Kind).size }

// usage says what words o takes, for error messages.
func usage(o Option) string { return codecOf(o.Kind).usage(o) }

// Encode turns the value words of setsockopt into the bytes for the kernel.
func Encode(o Option, words []string) ([]byte, error) {
	bad := func(got string) error {
		return errors.New(msgTakes.S(msg.A("name", o.Name), msg.A("usage", usage(o)), msg.A("got", got)))
	}
	count := func(lo, hi int) error {
		if len(words) >= lo && len(words) <= hi {
			return nil
		}
		switch len(words) {
		case 0:
			return bad("nothing")
		case 1:
			return bad("1 word")
		}
		return bad(fmt.Sprintf("%d words", len(words)))
	}

	k := codecOf(o.Kind)
	if k.encode == nil {
		return nil, errors.New(msgCannotEncode.S(msg.A("name", o.Name), msg.A("kind", o.Kind.String())))
	}
	if k.refuse != nil {
		return nil, k.refuse(o)
	}
	if err := count(k.lo, k.hi); err != nil {
		return nil, err
	}
	return k.encode(o, words)
}

// parseInt accepts decimal or 0x-hex, signed, in the range of a C int:
// what Python's setsockopt(level, opt, int) can pass (SO_MARK is a u32
// in the kernel, but Python passes marks above 2147483647 only as bytes).
func parseInt(w string) (int64, bool) {
	v, ok := parseWhole(w, math.MinInt32, math.MaxInt32)
	return v, ok
}

// parseWhole reads a whole number (decimal or 0x-hex) from lo to hi.
func parseWhole(w string, lo, hi int64) (int64, bool) {
	neg, digits, base, ok := wholeNumber(w)
	if !ok {
		return 0, false
	}
	u, err := strconv.ParseUint(digits, base, 64)
	if err != nil || u > 1<<63 {
		return 0, false
	}
	v := int64(u)
	if neg {
		v = -v
	} else if u == 1<<63 {
		return 0, false
	}
	return v, v >= lo && v <= hi
}

// field reads a structure field: a C int (signed) or unsigned int; a
// boolean field also takes on/off. A whole number out of the type's range
// is a FieldRangeError, anything else not a number badWord.
func field(o Option, w string, signed, boolean bool) (int64, error) {
	if boolean {
		switch strings.ToLower(w) {
		case "on", "true", "yes":
			return 1, nil
		case "off", "false", "no":
			return 0, nil
		}
	}
	lo, hi := int64(math.MinInt32), int64(math.MaxInt32)
	if !signed {
		lo, hi = 0, math.MaxUint32
	}
	if v, ok := parseWhole(w, lo, hi); ok {
		return v, nil
	}
	if _, _, _, whole := wholeNumber(w); whole {
		return 0, &FieldRangeError{Option: o.Name, Word: w, Signed: signed}
	}
	return 0, badValue(o, w)
}

// badValue is the error for a word that is not o's value.
func badValue(o Option, w string) error {
	return errors.New(msgTakes.S(msg.A("name", o.Name), msg.A("usage", usage(o)), msg.A("got", strconv.Quote(w))))
}

// wholeNumber takes w apart when it is a whole number, decimal or 0x-hex
// and of any size: its sign, its digits and their base.
func wholeNumber(w string) (neg bool, digits string, base int, ok bool) {
	s := w
	if strings.HasPrefix(s, "-") {
		s, neg = s[1:], true
	} else if strings.HasPrefix(s, "+") {
		s = s[1:]
	}
	base = 10
	if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
		s, base = s[2:], 16
	}
	if s == "" {
		return false, "", 0, false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || base == 16 && (c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')) {
			return false, "", 0, false
		}
	}
	return neg, s, base, true
}

// parseBool accepts the usual words for on and off, and any integer, which
// is passed on as is (the kernel treats nonzero as on, as Python does).
func parseBool(w string) (int64, bool) {
	switch strings.ToLower(w) {
	case "on", "true", "yes":
		return 1, true
	case "off", "false", "no":
		return 0, true
	}
	return parseInt(w)
}

func parseKindInt(k Kind, w string) (int64, bool) {
	switch k {
	case Bool:
		return parseBool(w)
	case Errno:
		if v, ok := parseInt(w); ok {
			return v, true
		}
		info, ok := errno.Lookup(w)
		return int64(info.Errno), ok
	case Family, SockType, Protocol:
		if v, ok := parseInt(w); ok {
			return v, true
		}
		var v int
		var err error
		switch k {
		case Family:
			v, err = names.Families.Lookup(w)
		case SockType:
			var t, f int
			t, f, err = names.ParseType(w)
			v = t | f
		default:
			v, err = names.Protocols.Lookup(w)
		}
		return int64(v), err == nil
	}
	return parseInt(w)
}

// parseSeconds reads a non-negative decimal number of seconds, with an
// optional "s" so that Decode's output can be pasted back, and returns
// microseconds. The cap (about 285 years) keeps nanoseconds in an int64
// for unix.NsecToTimeval, the portable way to fill a timeval.
func parseSeconds(w string) (int64, bool) {
	f, err := strconv.ParseFloat(strings.TrimSuffix(w, "s"), 64)
	if err != nil || !(f >= 0 && f <= 9e9) {
		return 0, false
	}
	return int64(math.Round(f * 1e6)), true
}

func parseIPv4(w string) ([4]byte, bool) {
	a, err := netip.ParseAddr(w)
	if err != nil || !a.Is4() {
		return [4]byte{}, false
	}
	return a.As4(), true
}

// parseIfindex takes an interface index or, for convenience, a name.
func parseIfindex(w string) (uint32, bool) {
	if n, err := strconv.ParseUint(w, 10, 32); err == nil {
		return uint32(n), true
	}
	// Not package net: it alone would make the binary dynamically linked.
	idx, err := addr.InterfaceIndex(w)
	if err != nil {
		return 0, false
	}
	return uint32(idx), true
}

// cInt lays v out as a native C int.
func cInt(v int64) []byte {
	b := make([]byte, 4)
	binary.NativeEndian.PutUint32(b, uint32(v))
	return b
}

// structBytes copies the memory of a fixed-size, pointer-free struct.
// The kernel ABI is exactly that memory, and x/sys/unix has the right
// per-architecture layouts (struct timeval differs between 32 and 64 bits).
func structBytes[T any](v *T) []byte {
	return append([]byte(nil), unsafe.Slice((*byte)(unsafe.Pointer(v)), unsafe.Sizeof(*v))...)
}

// fromBytes fills a T from b, zero-filling what b lacks, and reports
// whether b covered all of T.
func fromBytes[T any](b []byte) (T, bool) {
	var v T
	n := copy(unsafe.Slice((*byte)(unsafe.Pointer(&v)), unsafe.Sizeof(v)), b)
	return v, n == int(unsafe.Sizeof(v))
}

// pyInt is what Python's two-argument getsockopt returns: it passes a
// zeroed C int and lets the kernel fill however many bytes it likes.
func pyInt(b []byte) int64 { return int64(CInt(b)) }

// CInt reads a C int as the kernel wrote it (host byte order); a shorter
// buffer reads as if padded with zeros.
func CInt(b []byte) int32 {
	var buf [4]byte
	copy(buf[:], b)
	return int32(binary.NativeEndian.Uint32(buf[:]))
}

// pythonGetsInt reports whether Python's two-argument getsockopt would
// succeed for this result: a few options refuse a buffer shorter than
// their value instead of truncating it.
func pythonGetsInt(o Option, b []byte) bool {
	switch {
	case o.Kind == Int64:
		return false // the kernel wants a full u64
	case o.Level == levelIPv6 && o.Num == unix.IPV6_PATHMTU:
		return false
	case o.Level == levelSocket && o.Num == unix.SO_BINDTODEVICE:
		return len(b) == 0 // EINVAL below IFNAMSIZ unless unbound
	case o.Level == levelSocket && o.Num == unix.SO_PEERSEC:
		return len(b) <= 4 // ERANGE when the label does not fit
	}
	return true
}

// Decode interprets what getsockopt returned for o.
func Decode(o Option, b []byte) Value {
	i := pyInt(b)
	v := Value{Text: decodeText(o, b, i)}
	if pythonGetsInt(o, b) {
		v.Int, v.HasInt = i, true
	}
	return v
}

func decodeText(o Option, b []byte, i int64) string {
	if d := codecOf(o.Kind).decode; d != nil {
		if text, ok := d(o, b, i); ok {
			return text
		}
	}
	// Bytes, and any structure the kernel returned at an unexpected size.
	return pyrepr.Bytes(b)
}

// formatSeconds prints a timeval as decimal seconds: 2.5s, 0s.
func formatSeconds(sec, usec int64) string {
	sec += usec / 1e6
	usec %= 1e6
	if usec == 0 {
		return fmt.Sprintf("%ds", sec)
	}
	return strings.TrimRight(fmt.Sprintf("%d.%06d", sec, usec), "0") + "s"
}

// tcpStates are the names of tcpi_state, indexed by value (linux/tcp_states.h).
var tcpStates = []string{"0", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2",
	"TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING", "NEW_SYN_RECV", "BOUND_INACTIVE"}

// tcpiOptions are the tcpi_options bits.
var tcpiOptions = &names.Table{Kind: "tcp_info option", Prefix: "TCPI_OPT_", Entries: []names.Entry{
	{Name: "TCPI_OPT_TIMESTAMPS", Value: 1},
	{Name: "TCPI_OPT_SACK", Value: 2},
	{Name: "TCPI_OPT_WSCALE", Value: 4},
	{Name: "TCPI_OPT_ECN", Value: 8},
	{Name: "TCPI_OPT_ECN_SEEN", Value: 16},
	{Name: "TCPI_OPT_SYN_DATA", Value: 32},
	{Name: "TCPI_OPT_USEC_TS", Value: 64},
	{Name: "TCPI_OPT_TFO_CHILD", Value: 128},
}}

// tcpInfoShown are the tcp_info fields worth a glance, with their units;
// the rest (ECN byte counts, limited-time counters, ...) would make the
// line unreadable. Printed in struct order.
var tcpInfoShown = map[string]string{
	"state": "", "ca_state": "", "retransmits": "", "probes": "", "backoff": "", "options": "",
	"rto": "us", "ato": "us", "snd_mss": "", "rcv_mss": "",
	"unacked": "", "sacked": "", "lost": "", "retrans": "",
	"last_data_sent": "ms", "last_data_recv": "ms", "last_ack_recv": "ms",
	"pmtu": "", "rcv_ssthresh": "", "rtt": "us", "rttvar": "us", "snd_ssthresh": "", "snd_cwnd": "",
	"advmss": "", "reordering": "", "rcv_rtt": "us", "rcv_space": "", "total_retrans": "",
	"pacing_rate": "", "bytes_acked": "", "bytes_received": "", "segs_out": "", "segs_in": "",
	"notsent_bytes": "", "min_rtt": "us", "delivery_rate": "", "bytes_sent": "", "bytes_retrans": "",
	"snd_wnd": "", "rcv_wnd": "",
}

// tcpInfoField is one field of struct tcp_info that is shown.
type tcpInfoField struct {
	name, unit   string
	offset, size int
}

// tcpInfoFields are the shown fields in struct order, found once from the
// Go struct's layout rather than by reflection on every getsockopt.
var tcpInfoFields = sync.OnceValue(func() []tcpInfoField {
	rt := reflect.TypeFor[unix.TCPInfo]()
	var out []tcpInfoField
	for i := 0; i < rt.NumField(); i++ {
		f := rt.Field(i)
		name := strings.ToLower(f.Name)
		if unit, shown := tcpInfoShown[name]; shown {
			out = append(out, tcpInfoField{name: name, unit: unit, offset: int(f.Offset), size: int(f.Type.Size())})
		}
	}
	return out
})

// formatTCPInfo prints struct tcp_info as name=value pairs, showing only
// fields the kernel actually filled: older kernels return a shorter struct.
func formatTCPInfo(b []byte) string {
	var out []byte
	for _, f := range tcpInfoFields() {
		if f.offset+f.size > len(b) {
			continue
		}
		var u uint64
		switch v := b[f.offset : f.offset+f.size]; f.size {
		case 1:
			u = uint64(v[0])
		case 2:
			u = uint64(binary.NativeEndian.Uint16(v))
		case 4:
			u = uint64(binary.NativeEndian.Uint32(v))
		case 8:
			u = binary.NativeEndian.Uint64(v)
		default:
			continue
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, f.name...)
		out = append(out, '=')
		switch f.name {
		case "state":
			if u < uint64(len(tcpStates)) {
				out = append(out, tcpStates[u]...)
			} else {
				out = strconv.AppendUint(out, u, 10)
			}
		case "options":
			out = append(out, strings.ToLower(strings.ReplaceAll(tcpiOptions.FormatFlags(int(u)), "TCPI_OPT_", ""))...)
		default:
			out = strconv.AppendUint(out, u, 10)
			out = append(out, f.unit...)
		}
		if f.name == "options" && len(b) > 6 {
			// Byte 6 holds the two 4-bit window scales, which the Go struct
			// leaves as padding; C bitfields fill from the low bits on
			// little-endian machines and from the high bits on big-endian.
			snd, rcv := b[6]&0xf, b[6]>>4
			if binary.NativeEndian.Uint16([]byte{1, 0}) != 1 {
				snd, rcv = rcv, snd
			}
			out = fmt.Appendf(out, " snd_wscale=%d rcv_wscale=%d", snd, rcv)
		}
	}
	if len(out) == 0 {
		return pyrepr.Bytes(b)
	}
	return string(out)
}

// TCPStateName names a tcpi_state value (ESTABLISHED, LISTEN, …).
func TCPStateName(state int) string {
	if state >= 0 && state < len(tcpStates) {
		return tcpStates[state]
	}
	return strconv.Itoa(state)
}
