package sockopt

import (
	"bytes"
	"encoding/binary"
	"errors"
	"net"
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"golang.org/x/sys/unix"
)

func mustLookup(t *testing.T, name string) Option {
	t.Helper()
	o, err := Lookup("", name)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func ne32(vs ...int32) []byte {
	var b []byte
	for _, v := range vs {
		b = binary.NativeEndian.AppendUint32(b, uint32(v))
	}
	return b
}

func TestEncodeDecode(t *testing.T) {
	tv := unix.Timeval{Sec: 2, Usec: 500000}
	tvSmall := unix.Timeval{Usec: 1}
	lo, _ := net.InterfaceByName("lo")
	type codecCase struct {
		opt     string
		words   string
		bytes   []byte
		text    string
		pyInt   int64
		hasInt  bool
		reparse bool // Text, split into words, encodes to the same bytes
	}
	cases := []codecCase{
		{"SO_RCVBUF", "212992", ne32(212992), "212992", 212992, true, true},
		{"IP_TOS", "0x10", ne32(16), "16", 16, true, true},
		{"IPV6_CHECKSUM", "-1", ne32(-1), "-1", -1, true, true},
		{"SO_MARK", "-1", ne32(-1), "-1", -1, true, true},
		{"SO_REUSEADDR", "on", ne32(1), "1", 1, true, true},
		{"SO_REUSEADDR", "OFF", ne32(0), "0", 0, true, true},
		{"SO_REUSEADDR", "yes", ne32(1), "1", 1, true, true},
		{"SO_REUSEADDR", "false", ne32(0), "0", 0, true, true},
		{"SO_REUSEADDR", "5", ne32(5), "5", 5, true, true},
		{"SO_LINGER", "1 5", ne32(1, 5), "on=1 linger=5s", 1, true, false},
		{"SO_LINGER", "off 0", ne32(0, 0), "on=0 linger=0s", 0, true, false},
		{"SO_RCVTIMEO", "2.5", structBytes(&tv), "2.5s", 2, true, true},
		{"SO_SNDTIMEO", "0.000001s", structBytes(&tvSmall), "0.000001s", 0, true, true},
		{"SO_ERROR", "ECONNREFUSED", ne32(int32(unix.ECONNREFUSED)), "ECONNREFUSED (111)", 111, true, false},
		{"SO_ERROR", "0", ne32(0), "0", 0, true, true},
		// Named as the errno table names them (not x/sys's ENOTSUP), and
		// read by any name or alias the table knows.
		{"SO_ERROR", "EOPNOTSUPP", ne32(int32(unix.EOPNOTSUPP)), "EOPNOTSUPP (95)", 95, true, false},
		{"SO_ERROR", "EWOULDBLOCK", ne32(int32(unix.EAGAIN)), "EAGAIN (11)", 11, true, false},
		{"SO_DOMAIN", "inet6", ne32(unix.AF_INET6), "AF_INET6 (10)", 10, true, false},
		{"SO_TYPE", "stream", ne32(unix.SOCK_STREAM), "SOCK_STREAM (1)", 1, true, false},
		{"SO_PROTOCOL", "tcp", ne32(unix.IPPROTO_TCP), "IPPROTO_TCP (6)", 6, true, false},
		{"SO_PROTOCOL", "0", ne32(0), "0", 0, true, true},
		{"TCP_CONGESTION", "reno", []byte("reno"), "reno", int64(int32(binary.NativeEndian.Uint32([]byte("reno")))), true, true},
		{"SO_PEERCRED", "1234 0 0", ne32(1234, 0, 0), "pid=1234 uid=0 gid=0", 1234, true, false},
		{"IP_ADD_MEMBERSHIP", "224.0.0.251 0.0.0.0", []byte{224, 0, 0, 251, 0, 0, 0, 0}, "224.0.0.251 0.0.0.0", int64(int32(binary.NativeEndian.Uint32([]byte{224, 0, 0, 251}))), true, true},
		{"IP_DROP_MEMBERSHIP", "224.0.0.251 10.0.0.1", []byte{224, 0, 0, 251, 10, 0, 0, 1}, "224.0.0.251 10.0.0.1", int64(int32(binary.NativeEndian.Uint32([]byte{224, 0, 0, 251}))), true, true},
		{"IPV6_JOIN_GROUP", "ff02::fb 3", append([]byte{0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xfb}, ne32(3)...), "ff02::fb 3", int64(int32(binary.NativeEndian.Uint32([]byte{0xff, 2, 0, 0}))), true, true},
		{"IP_MULTICAST_IF", "192.168.1.10", []byte{192, 168, 1, 10}, "192.168.1.10", int64(int32(binary.NativeEndian.Uint32([]byte{192, 168, 1, 10}))), true, true},
		{"SO_COOKIE", "262144", binary.NativeEndian.AppendUint64(nil, 262144), "262144", 0, false, true},
	}
	if lo != nil {
		cases = append(cases, codecCase{"IPV6_LEAVE_GROUP", "ff02::1 lo", append([]byte{0xff, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}, ne32(int32(lo.Index))...),
			"ff02::1 " + strconv.Itoa(lo.Index), int64(int32(binary.NativeEndian.Uint32([]byte{0xff, 2, 0, 0}))), true, true})
	}
	for _, c := range cases {
		o := mustLookup(t, c.opt)
		b, err := Encode(o, strings.Fields(c.words))
		if err != nil {
			t.Errorf("Encode(%s, %q): %v", c.opt, c.words, err)
			continue
		}
		if !bytes.Equal(b, c.bytes) {
			t.Errorf("Encode(%s, %q) = % x, want % x", c.opt, c.words, b, c.bytes)
		}
		v := Decode(o, b)
		if v.Text != c.text || v.Int != c.pyInt || v.HasInt != c.hasInt {
			t.Errorf("Decode(%s, % x) = %+v, want text %q int %d has %v", c.opt, b, v, c.text, c.pyInt, c.hasInt)
		}
		if c.reparse {
			b2, err := Encode(o, strings.Fields(v.Text))
			if err != nil || !bytes.Equal(b2, b) {
				t.Errorf("re-encoding %s text %q = % x, %v; want % x", c.opt, v.Text, b2, err, b)
			}
		}
	}
}

// Omitted optional words take their defaults.
func TestEncodeDefaults(t *testing.T) {
	b, err := Encode(mustLookup(t, "IP_ADD_MEMBERSHIP"), []string{"224.0.0.251"})
	if err != nil || !bytes.Equal(b, []byte{224, 0, 0, 251, 0, 0, 0, 0}) {
		t.Errorf("one-word ip_mreq = % x, %v", b, err)
	}
	b, err = Encode(mustLookup(t, "IPV6_JOIN_GROUP"), []string{"ff02::fb"})
	if err != nil || len(b) != unix.SizeofIPv6Mreq || !bytes.Equal(b[16:], ne32(0)) {
		t.Errorf("one-word ipv6_mreq = % x, %v", b, err)
	}
	b, err = Encode(mustLookup(t, "SO_BINDTODEVICE"), []string{""})
	if err != nil || len(b) != 0 {
		t.Errorf("empty SO_BINDTODEVICE = % x, %v", b, err)
	}
}

func TestEncodeErrors(t *testing.T) {
	cases := []struct {
		opt   string
		words []string
		want  string
	}{
		{"SO_LINGER", []string{"1"}, "SO_LINGER takes ONOFF SECONDS (e.g. 1 5), got 1 word"},
		{"SO_LINGER", []string{"maybe", "5"}, `SO_LINGER takes ONOFF SECONDS (e.g. 1 5), got "maybe"`},
		{"SO_RCVBUF", nil, "SO_RCVBUF takes an integer (e.g. 65536 or 0x10), got nothing"},
		{"SO_RCVBUF", []string{"1", "2"}, "SO_RCVBUF takes an integer (e.g. 65536 or 0x10), got 2 words"},
		{"SO_RCVBUF", []string{"big"}, `SO_RCVBUF takes an integer (e.g. 65536 or 0x10), got "big"`},
		{"SO_RCVTIMEO", []string{"-1"}, `SO_RCVTIMEO takes SECONDS (e.g. 2.5; 0 for none), got "-1"`},
		{"IP_ADD_MEMBERSHIP", []string{"ff02::fb"}, `IP_ADD_MEMBERSHIP takes GROUP [INTERFACE-ADDRESS] (e.g. 224.0.0.251 0.0.0.0), got "ff02::fb"`},
		{"IPV6_JOIN_GROUP", []string{"224.0.0.251"}, `IPV6_JOIN_GROUP takes GROUP [IFINDEX-OR-NAME] (e.g. ff02::fb 0), got "224.0.0.251"`},
		{"TCP_INFO", []string{"1"}, "TCP_INFO cannot be set: struct tcp_info is read-only"},
	}
	for _, c := range cases {
		_, err := Encode(mustLookup(t, c.opt), c.words)
		if err == nil || err.Error() != c.want {
			t.Errorf("Encode(%s, %q):\n got %v\nwant %s", c.opt, c.words, err, c.want)
		}
	}
	// Out-of-range and malformed numbers.
	for _, w := range []string{"4294967296", "-2147483649", "0x", "--1", "1.5", "010x", "nan"} {
		if _, err := Encode(mustLookup(t, "SO_RCVBUF"), []string{w}); err == nil {
			t.Errorf("Encode(SO_RCVBUF, %q) succeeded", w)
		}
	}
	for _, w := range []string{"inf", "NaN", "", "s", "1e400", "1e10"} {
		if _, err := Encode(mustLookup(t, "SO_RCVTIMEO"), []string{w}); err == nil {
			t.Errorf("Encode(SO_RCVTIMEO, %q) succeeded", w)
		}
	}
	_, err := Encode(mustLookup(t, "IP_OPTIONS"), []string{"x"})
	if !errors.Is(err, ErrRawBytes) {
		t.Errorf("Encode(IP_OPTIONS) = %v, want ErrRawBytes", err)
	}
}

func TestDecodeOddities(t *testing.T) {
	// Bytes print like Python's repr of a bytes object.
	v := Decode(mustLookup(t, "IP_OPTIONS"), []byte("\x00\x01a'\\\n"))
	if want := `b"\x00\x01a'\\\n"`; v.Text != want {
		t.Errorf("bytes text = %s, want %s", v.Text, want)
	}
	if v := Decode(mustLookup(t, "IPV6_RTHDR"), nil); v.Text != "b''" || v.Int != 0 || !v.HasInt {
		t.Errorf("empty bytes = %+v", v)
	}
	// Python's two-argument getsockopt fails for these.
	if v := Decode(mustLookup(t, "SO_BINDTODEVICE"), []byte("lo\x00")); v.Text != "lo" || v.HasInt {
		t.Errorf("bound SO_BINDTODEVICE = %+v", v)
	}
	if v := Decode(mustLookup(t, "SO_BINDTODEVICE"), nil); v.Text != `""` || !v.HasInt || v.Int != 0 {
		t.Errorf("unbound SO_BINDTODEVICE = %+v", v)
	}
	if v := Decode(mustLookup(t, "IPV6_PATHMTU"), make([]byte, 32)); v.HasInt {
		t.Errorf("IPV6_PATHMTU = %+v", v)
	}
	// A structure cut short falls back to the bytes rather than inventing fields.
	if v := Decode(mustLookup(t, "SO_LINGER"), ne32(1)); v.Text != `b'\x01\x00\x00\x00'` || v.Int != 1 {
		t.Errorf("short linger = %+v", v)
	}
	// Unknown errno and family numbers print bare.
	if v := Decode(mustLookup(t, "SO_ERROR"), ne32(4000)); v.Text != "4000" {
		t.Errorf("unknown errno = %+v", v)
	}
	if v := Decode(mustLookup(t, "SO_DOMAIN"), ne32(99)); v.Text != "99" {
		t.Errorf("unknown family = %+v", v)
	}
}

func TestDecodeTCPInfo(t *testing.T) {
	o := mustLookup(t, "TCP_INFO")
	ti := unix.TCPInfo{State: 1, Options: 7, Rto: 204000, Rtt: 37, Rttvar: 18, Snd_cwnd: 10, Snd_mss: 32768}
	b := structBytes(&ti)
	b[6] = 0x97 // snd_wscale 7, rcv_wscale 9 on little-endian
	v := Decode(o, b)
	if v.Int != pyInt(b) || !v.HasInt {
		t.Errorf("TCP_INFO int = %d, %v", v.Int, v.HasInt)
	}
	wantPrefix := "state=ESTABLISHED ca_state=0 retransmits=0 probes=0 backoff=0 options=timestamps|sack|wscale "
	if binary.NativeEndian.Uint16([]byte{1, 0}) == 1 {
		wantPrefix += "snd_wscale=7 rcv_wscale=9 "
	}
	wantPrefix += "rto=204000us ato=0us snd_mss=32768"
	if !strings.HasPrefix(v.Text, wantPrefix) {
		t.Errorf("TCP_INFO text:\n got %s\nwant prefix %s", v.Text, wantPrefix)
	}
	for _, want := range []string{" rtt=37us rttvar=18us ", " snd_cwnd=10 ", " rcv_wnd=0"} {
		if !strings.Contains(v.Text, want) {
			t.Errorf("TCP_INFO text lacks %q: %s", want, v.Text)
		}
	}
	if strings.Contains(v.Text, "\n") {
		t.Errorf("TCP_INFO text is not one line")
	}
	// An older kernel's shorter struct: only the fields it filled.
	short := Decode(o, b[:unsafe.Offsetof(ti.Rtt)])
	if !strings.Contains(short.Text, "rto=204000us") || strings.Contains(short.Text, "rtt=") {
		t.Errorf("short TCP_INFO = %s", short.Text)
	}
}

func TestBufLen(t *testing.T) {
	want := map[string]int{
		"SO_RCVBUF": 4, "SO_REUSEADDR": 4, "SO_ERROR": 4, "SO_TYPE": 4, "SO_DOMAIN": 4, "SO_PROTOCOL": 4,
		"SO_LINGER": 8, "SO_RCVTIMEO": int(unsafe.Sizeof(unix.Timeval{})), "TCP_CONGESTION": 256,
		"SO_PEERCRED": 12, "TCP_INFO": int(unsafe.Sizeof(unix.TCPInfo{})), "IP_ADD_MEMBERSHIP": 8,
		"IPV6_JOIN_GROUP": 20, "IP_MULTICAST_IF": 4, "SO_COOKIE": 8, "IP_OPTIONS": 256,
	}
	for n, w := range want {
		if got := BufLen(mustLookup(t, n)); got != w {
			t.Errorf("BufLen(%s) = %d, want %d", n, got, w)
		}
	}
}

// A whole number outside a C int is ErrIntRange (Python's TypeError: it
// passes only a C int as an int), whatever its size, 2147483648 to
// 4294967295 too; a word that is no number is not.
func TestEncodeIntRange(t *testing.T) {
	o := mustLookup(t, "SO_REUSEADDR")
	for _, w := range []string{"99999999999", "-2147483649", "0x100000000", "99999999999999999999999",
		"2147483648", "4294967295", "0xffffffff", "9223372036854775808", "-9223372036854775809"} {
		if _, err := Encode(o, []string{w}); !errors.Is(err, ErrIntRange) {
			t.Errorf("Encode(%s) = %v, want ErrIntRange", w, err)
		}
	}
	for _, w := range []string{"-2147483648", "2147483647", "0x7fffffff"} {
		if _, err := Encode(o, []string{w}); err != nil {
			t.Errorf("Encode(%s) = %v, want it accepted", w, err)
		}
	}
	if _, err := Encode(o, []string{"abc"}); err == nil || errors.Is(err, ErrIntRange) {
		t.Errorf("Encode(abc) = %v, want a plain bad-value error", err)
	}
}

// A structure's fields are C ints (SO_LINGER) or unsigned ints (the uid
// and gid of SO_PEERCRED): a value outside is what struct.pack says.
func TestEncodeFieldRange(t *testing.T) {
	cases := []struct {
		opt    string
		words  []string
		signed bool
	}{
		{"SO_LINGER", []string{"1", "4294967295"}, true},
		{"SO_LINGER", []string{"4294967295", "1"}, true},
		{"SO_LINGER", []string{"1", "-2147483649"}, true},
		{"SO_PEERCRED", []string{"1", "4294967296", "0"}, false},
		{"SO_PEERCRED", []string{"1", "0", "-1"}, false},
	}
	for _, c := range cases {
		_, err := Encode(mustLookup(t, c.opt), c.words)
		var fe *FieldRangeError
		if !errors.As(err, &fe) || fe.Signed != c.signed {
			t.Errorf("Encode(%s, %q) = %v, want a FieldRangeError (signed %v)", c.opt, c.words, err, c.signed)
		}
	}
	for _, words := range [][]string{{"on", "2147483647"}, {"1", "-2147483648"}} {
		if _, err := Encode(mustLookup(t, "SO_LINGER"), words); err != nil {
			t.Errorf("Encode(SO_LINGER, %q) = %v", words, err)
		}
	}
}
