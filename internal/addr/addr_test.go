package addr

import (
	"encoding/binary"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/sys/unix"

	"sockrepl/internal/sock"
)

// withHosts points the resolver at a private hosts file for one test, so
// tests never depend on (or resolve names through) the machine's own.
func withHosts(t *testing.T, content string) {
	t.Helper()
	p := filepath.Join(t.TempDir(), "hosts")
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	old := hostsPath
	hostsPath = p
	t.Cleanup(func() { hostsPath = old })
}

func loIndex(t *testing.T) int {
	t.Helper()
	idx, err := ifIndex("lo")
	if err != nil {
		t.Skipf("no lo interface: %v", err)
	}
	return idx
}

func noControlBytes(t *testing.T, s string) {
	t.Helper()
	for _, c := range []byte(s) {
		if c < 0x20 || c == 0x7f {
			t.Errorf("raw control byte %#x in %q", c, s)
			return
		}
	}
}

type parseCase struct {
	fam   int
	words []string
	want  string // Format of the result; ignored when err is set
	used  int
	err   string // substring of the error; "=" prefix: the exact text
}

func runParse(t *testing.T, cases []parseCase) {
	t.Helper()
	for _, c := range cases {
		name := strconv.Itoa(c.fam) + "/" + strings.Join(c.words, "|")
		sa, used, err := Parse(c.fam, c.words)
		if c.err != "" {
			if err == nil {
				t.Errorf("%s: got %s (used %d), want error %q", name, Format(sa), used, c.err)
				continue
			}
			noControlBytes(t, err.Error())
			if exact, ok := strings.CutPrefix(c.err, "="); ok {
				if err.Error() != exact {
					t.Errorf("%s: error\n got %q\nwant %q", name, err, exact)
				}
			} else if !strings.Contains(err.Error(), c.err) {
				t.Errorf("%s: error %q does not mention %q", name, err, c.err)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("%s: error is not one line: %q", name, err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: unexpected error %v", name, err)
			continue
		}
		if got := Format(sa); got != c.want || used != c.used {
			t.Errorf("%s: got %q used %d, want %q used %d", name, got, used, c.want, c.used)
		}
	}
}

func TestParseInet(t *testing.T) {
	withHosts(t, "127.0.0.1 localhost\n10.1.2.3 Box box.example # comment\n::1 ip6-localhost\n")
	const in, rds = unix.AF_INET, unix.AF_RDS
	runParse(t, []parseCase{
		{in, []string{"127.0.0.1:8080"}, "127.0.0.1:8080", 1, ""},
		{in, []string{"127.0.0.1", "8080"}, "127.0.0.1:8080", 2, ""},
		{in, []string{"127.0.0.1", "8080", "rest"}, "127.0.0.1:8080", 2, ""},
		{in, []string{"127.0.0.1:8080", "rest"}, "127.0.0.1:8080", 1, ""},
		{in, []string{":8080"}, "0.0.0.0:8080", 1, ""},
		{in, []string{"''", "8080"}, "0.0.0.0:8080", 2, ""},
		{in, []string{`""`, "8080"}, "0.0.0.0:8080", 2, ""},
		{in, []string{"'127.0.0.1'", "'8080'"}, "127.0.0.1:8080", 2, ""},
		{in, []string{`"127.0.0.1:8080"`}, "127.0.0.1:8080", 1, ""},
		{in, []string{"127.0.0.1:0"}, "127.0.0.1:0", 1, ""},
		{in, []string{"127.0.0.1:65535"}, "127.0.0.1:65535", 1, ""},
		{in, []string{"localhost:80"}, "127.0.0.1:80", 1, ""},
		{in, []string{"LocalHost", "80"}, "127.0.0.1:80", 2, ""},
		{in, []string{"box:22"}, "10.1.2.3:22", 1, ""},
		{in, []string{"BOX.example:22"}, "10.1.2.3:22", 1, ""},
		{in, []string{"('127.0.0.1', 8080)"}, "127.0.0.1:8080", 1, ""},
		{in, []string{`("localhost",80)`}, "127.0.0.1:80", 1, ""},
		{in, []string{"( '' , 0x50 , )"}, "0.0.0.0:80", 1, ""},
		{in, []string{"('<broadcast>', 9)"}, "255.255.255.255:9", 1, ""},
		{in, []string{"<broadcast>:9"}, "255.255.255.255:9", 1, ""},
		{rds, []string{"127.0.0.1:8080"}, "127.0.0.1:8080", 1, ""},

		{in, nil, "", 0, "missing address"},
		{in, []string{"127.0.0.1:99999"}, "", 0, `=bad address "127.0.0.1:99999": port must be 0-65535`},
		{in, []string{"1.2.3"}, "", 0, `=bad address "1.2.3": expected HOST:PORT, HOST PORT or :PORT (e.g. 127.0.0.1:8080)`},
		{in, []string{"127.0.0.1"}, "", 0, "expected HOST:PORT"},
		{in, []string{"1.2.3:80"}, "", 0, `"1.2.3" is not a valid IPv4 address`},
		{in, []string{"256.1.1.1:80"}, "", 0, "not a valid IPv4 address"},
		{in, []string{"127.0.0.1:"}, "", 0, "missing port"},
		{in, []string{"127.0.0.1:-1"}, "", 0, "port must be 0-65535"},
		{in, []string{"127.0.0.1:http"}, "", 0, "port must be a number 0-65535"},
		{in, []string{"127.0.0.1", "http"}, "", 0, `=bad port "http": port must be a number 0-65535`},
		{in, []string{"127.0.0.1", "70000"}, "", 0, `=bad port "70000": port must be 0-65535`},
		{in, []string{"127.0.0.1", "99999999999999999999"}, "", 0, "port must be 0-65535"},
		{in, []string{"[::1]:80"}, "", 0, "::1 is an IPv6 address, but this is an AF_INET socket"},
		{in, []string{"::1", "80"}, "", 0, "IPv6 address"},
		{in, []string{"[::ffff:127.0.0.1]:80"}, "", 0, "IPv6 address"},
		{in, []string{"no-such-host.invalid:80"}, "", 0, "=gaierror: [Errno -2] Name or service not known"},
		{in, []string{"ip6-localhost:80"}, "", 0, "=gaierror: [Errno -2] Name or service not known"},
		{in, []string{"('127.0.0.1', 70000)"}, "", 0, "port must be 0-65535"},
		{in, []string{"('127.0.0.1', -1)"}, "", 0, "port must be 0-65535"},
		{in, []string{"('127.0.0.1', 80, 0, 0)"}, "", 0, "AF_INET address must be a pair (host, port)"},
		{in, []string{"('127.0.0.1',)"}, "", 0, "must be a pair"},
		{in, []string{"('127.0.0.1' 80)"}, "", 0, "expected ',' or ')'"},
		{in, []string{"(127.0.0.1, 80)"}, "", 0, "127.0.0.1 must be quoted, as in Python: '127.0.0.1'"},
		{in, []string{"(localhost, 80)"}, "", 0, "localhost must be quoted, as in Python: 'localhost'"},
		{in, []string{"(*, 80)"}, "", 0, `expected a quoted string or a number, not "*"`},
		{in, []string{"('127.0.0.1', 80"}, "", 0, "missing ')'"},
		{in, []string{"('127.0.0.1', 80) x"}, "", 0, "after ')'"},
		{in, []string{"(80, '127.0.0.1')"}, "", 0, "host must be a string"},
		{in, []string{"('127.0.0.1', 080)"}, "", 0, "bad number"},
		{in, []string{"bad\x00\x1b[2Jhost:80"}, "", 0, "gaierror"},
		{in, []string{"\x1b[31m", "80"}, "", 0, "gaierror"},
		{in, []string{"1.2.3.4\x07:80x"}, "", 0, `\a`},
	})
}

func TestParseInet6(t *testing.T) {
	withHosts(t, "127.0.0.1 localhost\n10.1.2.3 v4only\n2001:db8::7 v6host\n")
	lo := loIndex(t)
	const in6 = unix.AF_INET6
	los := strconv.Itoa(lo)
	runParse(t, []parseCase{
		{in6, []string{"[::1]:8080"}, "[::1]:8080", 1, ""},
		{in6, []string{"::1", "8080"}, "[::1]:8080", 2, ""},
		{in6, []string{"[::1]", "8080", "rest"}, "[::1]:8080", 2, ""},
		{in6, []string{"'::1'", "8080"}, "[::1]:8080", 2, ""},
		{in6, []string{"[::]:80"}, "[::]:80", 1, ""},
		{in6, []string{":8080"}, "[::]:8080", 1, ""},
		{in6, []string{"::", "80"}, "[::]:80", 2, ""},
		{in6, []string{"''", "80"}, "[::]:80", 2, ""},
		{in6, []string{"localhost:80"}, "[::1]:80", 1, ""},
		{in6, []string{"v6host", "80"}, "[2001:db8::7]:80", 2, ""},
		{in6, []string{"[fe80::1%lo]:80"}, "[fe80::1%lo]:80", 1, ""},
		{in6, []string{"fe80::1%lo", "80"}, "[fe80::1%lo]:80", 2, ""},
		{in6, []string{"[fe80::1%" + los + "]:80"}, "[fe80::1%lo]:80", 1, ""},
		{in6, []string{"[fe80::1%0]:80"}, "[fe80::1]:80", 1, ""},
		{in6, []string{"[fe80::1%999999]:80"}, "[fe80::1%999999]:80", 1, ""},
		{in6, []string{"[::ffff:127.0.0.1]:80"}, "[::ffff:127.0.0.1]:80", 1, ""},
		{in6, []string{"[2001:DB8:0:0:0:0:0:1]:80"}, "[2001:db8::1]:80", 1, ""},
		{in6, []string{"('::1', 8080)"}, "[::1]:8080", 1, ""},
		{in6, []string{"('::1', 8080, 0, 0)"}, "[::1]:8080", 1, ""},
		{in6, []string{"('::1', 8080, 0)"}, "[::1]:8080", 1, ""},
		{in6, []string{"('fe80::1', 80, 0, " + los + ")"}, "[fe80::1%lo]:80", 1, ""},
		{in6, []string{"('fe80::1%lo', 80)"}, "[fe80::1%lo]:80", 1, ""},
		{in6, []string{`("localhost", 80)`}, "[::1]:80", 1, ""},

		{in6, nil, "", 0, "missing address"},
		{in6, []string{"::1"}, "", 0, `=bad address "::1": expected [HOST]:PORT, HOST PORT or :PORT (e.g. [::1]:8080)`},
		{in6, []string{"[::1]:99999"}, "", 0, `=bad address "[::1]:99999": port must be 0-65535`},
		{in6, []string{"[::1]:"}, "", 0, "missing port"},
		{in6, []string{"[::1"}, "", 0, "missing ']'"},
		{in6, []string{"[::1]x80"}, "", 0, `unexpected "x80" after ']'`},
		{in6, []string{"[::1::2]:80"}, "", 0, `"::1::2" is not a valid IPv6 address`},
		{in6, []string{"127.0.0.1:80"}, "", 0, "127.0.0.1 is an IPv4 address, but this is an AF_INET6 socket"},
		{in6, []string{"[fe80::1%nosuchif0]:80"}, "", 0, `no interface named "nosuchif0"`},
		{in6, []string{"fe80::1%lo:80", "80"}, "", 0, "brackets"},
		{in6, []string{"[fe80::1%99999999999]:80"}, "", 0, "scope id must be"},
		{in6, []string{"v4only:80"}, "", 0, "=gaierror: [Errno -2] Name or service not known"},
		{in6, []string{"('127.0.0.1', 80)"}, "", 0, "IPv4 address"},
		{in6, []string{"('::1', 80, 1, 0)"}, "", 0, "flowinfo 1 is not supported"},
		{in6, []string{"('::1', 80, 0x100000, 0)"}, "", 0, "flowinfo must be 0-1048575"},
		{in6, []string{"('::1', 80, 0, -1)"}, "", 0, "scope_id must be"},
		{in6, []string{"('::1', 80, 0, 0, 0)"}, "", 0, "(host, port[, flowinfo[, scope_id]])"},
		{in6, []string{"('<broadcast>', 80)"}, "", 0, "only for AF_INET"},
	})

	sa, _, err := Parse(in6, []string{"[fe80::1%lo]:80"})
	if err != nil {
		t.Fatal(err)
	}
	if got := sa.(*unix.SockaddrInet6).ZoneId; got != uint32(lo) {
		t.Errorf("ZoneId = %d, want lo's index %d", got, lo)
	}
}

func TestParseUnix(t *testing.T) {
	const ux = unix.AF_UNIX
	long := strings.Repeat("a", unixPathMax)
	runParse(t, []parseCase{
		{ux, nil, "''", 0, ""},
		{ux, []string{}, "''", 0, ""},
		{ux, []string{"''"}, "''", 1, ""},
		{ux, []string{`""`, "rest"}, "''", 1, ""},
		{ux, []string{"/tmp/x.sock", "rest"}, "/tmp/x.sock", 1, ""},
		{ux, []string{"./x.sock"}, "./x.sock", 1, ""},
		{ux, []string{"x.sock"}, "x.sock", 1, ""},
		{ux, []string{`"/tmp/my sock"`}, "/tmp/my sock", 1, ""},
		// A quoted path reads as every quoted word does: its escapes
		// processed; a bare word is taken as it is.
		{ux, []string{`"/tmp/x\t.sock"`}, `/tmp/x\t.sock`, 1, ""},
		{ux, []string{`'/tmp/a\\b'`}, `/tmp/a\\b`, 1, ""},
		{ux, []string{`"@x\x01"`}, `@x\x01`, 1, ""},
		{ux, []string{`/tmp/x\t.sock`}, `/tmp/x\\t.sock`, 1, ""},
		{ux, []string{`"/tmp/x\q"`}, "", 0, `bad escape \q`},
		{ux, []string{`'/tmp/it''s'`}, "", 0, "after the closing quote"},
		{ux, []string{"/tmp/caf\u00e9"}, "/tmp/caf\u00e9", 1, ""},
		{ux, []string{"/tmp/a\\b"}, `/tmp/a\\b`, 1, ""},
		{ux, []string{"/tmp/bad\xff"}, `/tmp/bad\xff`, 1, ""},
		{ux, []string{"/tmp/nl\nx"}, `/tmp/nl\nx`, 1, ""},
		{ux, []string{"@name"}, "@name", 1, ""},
		{ux, []string{"'@my name'"}, "@my name", 1, ""},
		{ux, []string{`b'\x00name'`}, "@name", 1, ""},
		{ux, []string{`b"\0name"`}, "@name", 1, ""},
		// As in Python, bytes b'@name' is a file whose path starts with @.
		{ux, []string{`b'@name'`}, `b'@name'`, 1, ""},
		{ux, []string{`(b'@name')`}, `b'@name'`, 1, ""},
		{ux, []string{`b'@` + strings.Repeat("x", 107) + `'`}, "", 0, "AF_UNIX path too long"},
		{ux, []string{`b'\x00a\x01b\x00c'`}, `@a\x01b\x00c`, 1, ""},
		{ux, []string{`b'/tmp/x'`}, "/tmp/x", 1, ""},
		{ux, []string{long}, long, 1, ""},
		{ux, []string{"@" + long[1:]}, "@" + long[1:], 1, ""},

		{ux, []string{"@"}, "", 0, "empty abstract name"},
		{ux, []string{`b'\x00'`}, "", 0, "empty abstract name"},
		{ux, []string{long + "a"}, "", 0, "AF_UNIX path too long (108 bytes, the limit is 107)"},
		{ux, []string{"@" + long}, "@" + long, 1, ""}, // an abstract name fills sun_path
		{ux, []string{"@" + long + "a"}, "", 0, "AF_UNIX path too long (an abstract name of 108 bytes after the @, the limit is 107)"},
		{ux, []string{"/tmp/a\x00b"}, "", 0, `=bad address "/tmp/a\x00b": AF_UNIX path contains a NUL byte`},
		{ux, []string{`b'/tmp/a\x00b'`}, "", 0, "NUL byte"},
		{ux, []string{`b'\x00abc\'`}, "", 0, "unterminated"},
		{ux, []string{`b'\x0'`}, "", 0, `bad \x escape`},
	})

	// x/sys/unix turns '@' into the abstract namespace's leading NUL; make
	// sure that is what we hand it rather than a literal NUL of our own.
	sa, _, _ := Parse(ux, []string{`b'\x00name'`})
	if got := sa.(*unix.SockaddrUnix).Name; got != "@name" {
		t.Errorf("abstract Name = %q, want @name", got)
	}
}

func TestParseCAN(t *testing.T) {
	lo := loIndex(t)
	const can = unix.AF_CAN
	runParse(t, []parseCase{
		// Parse only maps the name; whether lo can take CAN is the kernel's call.
		{can, []string{"lo"}, "lo", 1, ""},
		{can, []string{"'lo'", "rest"}, "lo", 1, ""},
		{can, []string{"''"}, "''", 1, ""},
		{can, []string{"ifindex=" + strconv.Itoa(lo)}, "lo", 1, ""},
		{can, []string{"('lo',)"}, "lo", 1, ""},
		{can, []string{"('',)"}, "''", 1, ""},
		{can, nil, "", 0, "missing address: expected a CAN interface name"},
		{can, []string{"vcan-nosuch"}, "", 0, `=bad address "vcan-nosuch": no such interface (ENODEV)`},
		{can, []string{"a-name-much-longer-than-ifnamsiz"}, "", 0, "no such interface"},
		{can, []string{"ifindex=x"}, "", 0, "ifindex must be"},
		{can, []string{"('lo', 1)"}, "", 0, "(interface,)"},
	})
	sa, _, _ := Parse(can, []string{"lo"})
	if got := sa.(*unix.SockaddrCAN).Ifindex; got != lo {
		t.Errorf("Ifindex = %d, want %d", got, lo)
	}
}

func TestParsePacket(t *testing.T) {
	lo := loIndex(t)
	const pk = unix.AF_PACKET
	runParse(t, []parseCase{
		{pk, []string{"lo"}, "lo proto=0x0000", 1, ""},
		{pk, []string{"lo", "0x0003"}, "lo proto=0x0003", 2, ""},
		{pk, []string{"lo", "3"}, "lo proto=0x0003", 2, ""},
		{pk, []string{"lo", "0003"}, "lo proto=0x0003", 2, ""},
		{pk, []string{"lo", "ETH_P_ALL"}, "lo proto=0x0003", 2, ""},
		{pk, []string{"lo", "ETH_P_IP"}, "lo proto=0x0800", 2, ""},
		{pk, []string{"lo", "ETH_P_IPV6"}, "lo proto=0x86dd", 2, ""},
		{pk, []string{"lo", "ETH_P_ARP"}, "lo proto=0x0806", 2, ""},
		{pk, []string{"lo", "proto=0x86DD"}, "lo proto=0x86dd", 2, ""},
		{pk, []string{"lo", "payload"}, "lo proto=0x0000", 1, ""},
		{pk, []string{"''", "3"}, "'' proto=0x0003", 2, ""},
		{pk, []string{"ifindex=" + strconv.Itoa(lo), "3"}, "lo proto=0x0003", 2, ""},
		{pk, []string{"('lo', 3)"}, "lo proto=0x0003", 1, ""},
		{pk, []string{"('lo', 0x0800, 4, 772, b'\\x01\\x02\\x03\\x04\\x05\\x06')"},
			"lo proto=0x0800 pkttype=PACKET_OUTGOING hatype=ARPHRD_LOOPBACK addr=01:02:03:04:05:06", 1, ""},

		{pk, nil, "", 0, "missing address"},
		{pk, []string{"nosuchif0", "3"}, "", 0, `=bad address "nosuchif0": no such interface (ENODEV)`},
		{pk, []string{"lo", "0x10000"}, "", 0, `bad protocol "0x10000": protocol must be 0-65535`},
		{pk, []string{"lo", "70000"}, "", 0, "protocol must be 0-65535"},
		{pk, []string{"lo", "ETH_P_NOPE"}, "", 0, "unknown protocol name"},
		{pk, []string{"lo", "proto=x"}, "", 0, "expected a protocol number"},
		{pk, []string{"('lo', 0x10000)"}, "", 0, "proto must be 0-65535"},
		{pk, []string{"('lo', 3, 0, 0, b'123456789')"}, "", 0, "addr must be bytes"},
		{pk, []string{"(3, 'lo')"}, "", 0, "AF_PACKET address must be a tuple"},
	})

	// x/sys/unix copies Protocol into sll_protocol without htons, so the
	// value must already be big-endian in memory.
	sa, _, _ := Parse(pk, []string{"lo", "ETH_P_IPV6"})
	ll := sa.(*unix.SockaddrLinklayer)
	var mem [2]byte
	binary.NativeEndian.PutUint16(mem[:], ll.Protocol)
	if mem != [2]byte{0x86, 0xdd} || ll.Ifindex != lo {
		t.Errorf("Protocol bytes % x ifindex %d, want 86 dd and %d", mem, ll.Ifindex, lo)
	}
}

func TestParseNetlink(t *testing.T) {
	const nl = unix.AF_NETLINK
	runParse(t, []parseCase{
		{nl, []string{"0"}, "pid=0 groups=0x0", 1, ""},
		{nl, []string{"0", "1"}, "pid=0 groups=0x1", 2, ""},
		{nl, []string{"1234", "0x10", "rest"}, "pid=1234 groups=0x10", 2, ""},
		{nl, []string{"pid=5", "groups=0xff"}, "pid=5 groups=0xff", 2, ""},
		{nl, []string{"0x10"}, "pid=16 groups=0x0", 1, ""},
		{nl, []string{"100", "data"}, "pid=100 groups=0x0", 1, ""},
		{nl, []string{"4294967295", "4294967295"}, "pid=4294967295 groups=0xffffffff", 2, ""},
		{nl, []string{"(0, 1)"}, "pid=0 groups=0x1", 1, ""},
		{nl, nil, "", 0, "missing address"},
		{nl, []string{"-1"}, "", 0, "expected a port id"},
		{nl, []string{"abc"}, "", 0, "expected a port id"},
		{nl, []string{"4294967296"}, "", 0, "expected a port id"},
		{nl, []string{"0", "groups=x"}, "", 0, `bad groups "groups=x"`},
		{nl, []string{"0", "0x100000000"}, "", 0, "32-bit mask"},
		{nl, []string{"(0,)"}, "", 0, "must be a pair (pid, groups)"},
		{nl, []string{"(0, -1)"}, "", 0, "0-4294967295"},
	})
	sa, _, _ := Parse(nl, []string{"7", "0x3"})
	if n := sa.(*unix.SockaddrNetlink); n.Pid != 7 || n.Groups != 3 {
		t.Errorf("got %+v", n)
	}
}

// Parentheses that only group are dropped, in every family, as Python
// reads (x) as x: `($u)` is $u's tuple. A comma makes a tuple, which stays
// a tuple (and a tuple inside one is refused by name).
func TestParseGrouped(t *testing.T) {
	const in, in6, ux, nl = unix.AF_INET, unix.AF_INET6, unix.AF_UNIX, unix.AF_NETLINK
	runParse(t, []parseCase{
		{in, []string{"(('127.0.0.1', 8080))"}, "127.0.0.1:8080", 1, ""},
		{in, []string{" ( ('127.0.0.1', 8080) ) "}, "127.0.0.1:8080", 1, ""},
		{in, []string{"((('127.0.0.1', 8080)))"}, "127.0.0.1:8080", 1, ""},
		{in, []string{"('127.0.0.1')"}, "", 0, "must be a pair (host, port)"},
		{in, []string{"(('127.0.0.1', 8080))", "peek"}, "127.0.0.1:8080", 1, ""},
		{in, []string{"(('127.0.0.1', 8080),)"}, "", 0, "a tuple inside the tuple"},
		{in, []string{"(('a,b)', 8080))"}, "", 0, "Name or service not known"},
		{in, []string{"()"}, "", 0, "must be a pair (host, port)"},
		{in, []string{"('127.0.0.1') (8080)"}, "", 0, "bad address"},
		{in6, []string{"(('::1', 8080, 0, 0))"}, "[::1]:8080", 1, ""},
		{ux, []string{"('/tmp/x.sock')"}, "/tmp/x.sock", 1, ""},
		{ux, []string{"(b'\\x00name')"}, "@name", 1, ""},
		{ux, []string{"()"}, "", 0, "not a tuple"},
		{ux, []string{"('/tmp/x.sock',)"}, "", 0, "not a tuple"},
		{ux, []string{"'(a,b)'"}, "(a,b)", 1, ""},
		{nl, []string{"((0, 1))"}, "pid=0 groups=0x1", 1, ""},
	})
}

func TestParseUnknownFamily(t *testing.T) {
	for _, fam := range []int{unix.AF_UNSPEC, 99, unix.AF_BLUETOOTH} {
		_, _, err := Parse(fam, []string{"x"})
		want := "addresses of family " + strconv.Itoa(fam) + " are not supported"
		if err == nil || err.Error() != want {
			t.Errorf("family %d: err %v, want %q", fam, err, want)
		}
	}
}

// Format(Parse(x)) == x for every canonical form.
func TestRoundTrip(t *testing.T) {
	cases := []struct {
		fam   int
		words []string
	}{
		{unix.AF_INET, []string{"127.0.0.1:8080"}},
		{unix.AF_INET, []string{"0.0.0.0:0"}},
		{unix.AF_INET, []string{"255.255.255.255:65535"}},
		{unix.AF_INET6, []string{"[::1]:8080"}},
		{unix.AF_INET6, []string{"[::]:80"}},
		{unix.AF_INET6, []string{"[fe80::1%lo]:80"}},
		{unix.AF_INET6, []string{"[2001:db8::1]:443"}},
		{unix.AF_INET6, []string{"[::ffff:10.0.0.1]:1"}},
		{unix.AF_INET6, []string{"[::1.2.3.4]:1"}},
		{unix.AF_UNIX, []string{"/tmp/x.sock"}},
		{unix.AF_UNIX, []string{"x.sock"}},
		{unix.AF_UNIX, []string{"@name"}},
		{unix.AF_UNIX, []string{"''"}},
		{unix.AF_CAN, []string{"lo"}},
		{unix.AF_CAN, []string{"''"}},
		{unix.AF_PACKET, []string{"lo", "proto=0x0003"}},
		{unix.AF_PACKET, []string{"lo", "proto=0x86dd"}},
		{unix.AF_NETLINK, []string{"pid=0", "groups=0x0"}},
		{unix.AF_NETLINK, []string{"pid=42", "groups=0x5"}},
	}
	for _, c := range cases {
		want := strings.Join(c.words, " ")
		sa, used, err := Parse(c.fam, c.words)
		if err != nil {
			t.Errorf("%s: %v", want, err)
			continue
		}
		if got := Format(sa); got != want || used != len(c.words) {
			t.Errorf("Format(Parse(%q)) = %q (used %d)", want, got, used)
		}
		// And Parse(Format(...)) lands on the same address again.
		sa2, _, err := Parse(c.fam, strings.Fields(Format(sa)))
		if err != nil || Format(sa2) != want {
			t.Errorf("reparse %q: %v %v", want, Format(sa2), err)
		}
	}
}

func TestFormatAndFriends(t *testing.T) {
	lo := loIndex(t)
	cases := []struct {
		sa     unix.Sockaddr
		format string
		python string
		host   string
		port   int
	}{
		{nil, "None", "None", "", -1},
		{(*unix.SockaddrInet4)(nil), "None", "None", "", -1},
		{&unix.SockaddrInet4{Port: 8080, Addr: [4]byte{127, 0, 0, 1}}, "127.0.0.1:8080", "('127.0.0.1', 8080)", "127.0.0.1", 8080},
		{&unix.SockaddrInet6{Port: 8080, Addr: [16]byte{15: 1}}, "[::1]:8080", "('::1', 8080, 0, 0)", "::1", 8080},
		{&unix.SockaddrInet6{Port: 80, ZoneId: uint32(lo), Addr: [16]byte{0: 0xfe, 1: 0x80, 15: 1}},
			"[fe80::1%lo]:80", "('fe80::1', 80, 0, " + strconv.Itoa(lo) + ")", "fe80::1%lo", 80},
		{&unix.SockaddrInet6{Port: 80, ZoneId: 999999, Addr: [16]byte{0: 0xfe, 1: 0x80, 15: 1}},
			"[fe80::1%999999]:80", "('fe80::1', 80, 0, 999999)", "fe80::1%999999", 80},
		{&unix.SockaddrInet6{Port: 1, Addr: [16]byte{12: 1, 13: 2, 14: 3, 15: 4}}, "[::1.2.3.4]:1", "('::1.2.3.4', 1, 0, 0)", "::1.2.3.4", 1},
		{&unix.SockaddrUnix{}, "''", "''", "", -1},
		{&unix.SockaddrUnix{Name: "@"}, "''", "''", "", -1},
		{&unix.SockaddrUnix{Name: "/tmp/x.sock"}, "/tmp/x.sock", "'/tmp/x.sock'", "", -1},
		{&unix.SockaddrUnix{Name: "/tmp/it's"}, "/tmp/it's", `"/tmp/it's"`, "", -1},
		{&unix.SockaddrUnix{Name: "/tmp/caf\u00e9\xff\t"}, `/tmp/caf` + "\u00e9" + `\xff\t`, `'/tmp/caf` + "\u00e9" + `\udcff\t'`, "", -1},
		{&unix.SockaddrUnix{Name: "@name"}, "@name", `b'\x00name'`, "", -1},
		{&unix.SockaddrUnix{Name: "\x00name"}, "@name", `b'\x00name'`, "", -1},
		{&unix.SockaddrUnix{Name: "@a\x00b\x1b[0m\x7f\u00e9"}, `@a\x00b\x1b[0m\x7f` + "\u00e9", `b'\x00a\x00b\x1b[0m\x7f\xc3\xa9'`, "", -1},
		{&unix.SockaddrCAN{Ifindex: lo}, "lo", "('lo',)", "", -1},
		{&unix.SockaddrCAN{}, "''", "('',)", "", -1},
		{&unix.SockaddrCAN{Ifindex: 999999}, "ifindex=999999", "('',)", "", -1},
		{&unix.SockaddrLinklayer{Ifindex: lo, Protocol: htons(3), Hatype: unix.ARPHRD_LOOPBACK, Halen: 6},
			"lo proto=0x0003 pkttype=PACKET_HOST hatype=ARPHRD_LOOPBACK addr=00:00:00:00:00:00",
			`('lo', 3, 0, 772, b'\x00\x00\x00\x00\x00\x00')`, "", -1},
		{&unix.SockaddrLinklayer{Ifindex: lo, Protocol: htons(unix.ETH_P_IPV6), Pkttype: 9, Hatype: 1234},
			"lo proto=0x86dd pkttype=9 hatype=1234", `('lo', 34525, 9, 1234, b'')`, "", -1},
		{&unix.SockaddrNetlink{Pid: 5007, Groups: 0x11}, "pid=5007 groups=0x11", "(5007, 17)", "", -1},
		{&unix.SockaddrVM{CID: 3, Port: 80}, "VM(CID=3 Port=80 Flags=0)", "'VM(CID=3 Port=80 Flags=0)'", "", -1},
	}
	for i, c := range cases {
		if got := Format(c.sa); got != c.format {
			t.Errorf("%d: Format = %q, want %q", i, got, c.format)
		}
		noControlBytes(t, Format(c.sa))
		if got := Python(c.sa); got != c.python {
			t.Errorf("%d: Python = %q, want %q", i, got, c.python)
		}
		noControlBytes(t, Python(c.sa))
		h, hok := Host(c.sa)
		p, pok := Port(c.sa)
		if c.port < 0 {
			if hok || pok {
				t.Errorf("%d: Host/Port ok for %s", i, c.format)
			}
		} else if h != c.host || p != c.port || !hok || !pok {
			t.Errorf("%d: Host, Port = %q %d, want %q %d", i, h, p, c.host, c.port)
		}
	}
}

func TestResolve(t *testing.T) {
	withHosts(t, strings.Join([]string{
		"# comment line",
		"10.0.0.1   alpha Alpha.example   # trailing comment",
		"10.0.0.2   alpha",
		"10.0.0.1   alpha",
		"2001:db8::1 alpha",
		"fe80::9%lo  linky",
		"not-an-ip  beta",
		"",
		"127.0.0.2 localhost",
	}, "\n"))
	str := func(fam int, host string) string {
		addrs, err := Resolve(host, fam)
		if err != nil {
			return err.Error()
		}
		var s []string
		for _, a := range addrs {
			s = append(s, a.String())
		}
		return strings.Join(s, " ")
	}
	for _, c := range []struct {
		fam  int
		host string
		want string
	}{
		{unix.AF_INET, "alpha", "10.0.0.1 10.0.0.2"},
		{unix.AF_INET, "ALPHA.example", "10.0.0.1"},
		{unix.AF_INET6, "alpha", "2001:db8::1"},
		{unix.AF_UNSPEC, "alpha", "2001:db8::1 10.0.0.1 10.0.0.2"},
		{unix.AF_INET6, "linky", "fe80::9%lo"},
		{unix.AF_INET, "localhost", "127.0.0.2"},
		{unix.AF_INET6, "localhost", "::1"},
		// With no family asked for, only what the file says (as glibc).
		{unix.AF_UNSPEC, "localhost", "127.0.0.2"},
		{unix.AF_INET, "127.0.0.1", "127.0.0.1"},
		{unix.AF_UNSPEC, "::1", "::1"},
		{unix.AF_INET, "beta", "gaierror: [Errno -2] Name or service not known"},
		{unix.AF_INET, "linky", "gaierror: [Errno -2] Name or service not known"},
		{unix.AF_INET, "", "gaierror: [Errno -2] Name or service not known"},
		{unix.AF_INET, "::1", "gaierror: [Errno -9] Address family for hostname not supported"},
		{unix.AF_INET6, "127.0.0.1", "gaierror: [Errno -9] Address family for hostname not supported"},
		{unix.AF_UNIX, "alpha", "gaierror: [Errno -6] ai_family not supported"},
	} {
		if got := str(c.fam, c.host); got != c.want {
			t.Errorf("Resolve(%q, %d) = %q, want %q", c.host, c.fam, got, c.want)
		}
	}

	// localhost works even with no hosts file at all.
	hostsPath = filepath.Join(t.TempDir(), "missing")
	if got := str(unix.AF_INET, "localhost"); got != "127.0.0.1" {
		t.Errorf("localhost without hosts file = %q", got)
	}

	_, err := Resolve("nope", unix.AF_INET)
	var gai *GaiError
	if !errors.As(err, &gai) || gai.Code != EAI_NONAME || gai.Name != "EAI_NONAME" {
		t.Errorf("error %#v is not an EAI_NONAME GaiError", err)
	}
	for code, want := range map[int]string{
		EAI_AGAIN:   "gaierror: [Errno -3] Temporary failure in name resolution",
		EAI_SERVICE: "gaierror: [Errno -8] Servname not supported for ai_socktype",
	} {
		if got := NewGaiError(code).Error(); got != want {
			t.Errorf("NewGaiError(%d) = %q", code, got)
		}
	}
}

func TestPyLiterals(t *testing.T) {
	items, err := parseTuple(`( 'a\'b' , "c\"d\x41\u00e9\n", b'\x00\377\q', -5, 0x1F, 0o17, 0b11, 1_000, )`)
	if err != nil {
		t.Fatal(err)
	}
	want := []pyValue{
		{pyStr, "a'b", 0}, {pyStr, "c\"dA\u00e9\n", 0}, {pyBytes, "\x00\xff\\q", 0},
		{pyInt, "", -5}, {pyInt, "", 31}, {pyInt, "", 15}, {pyInt, "", 3}, {pyInt, "", 1000},
	}
	if len(items) != len(want) {
		t.Fatalf("got %d items: %+v", len(items), items)
	}
	for i := range want {
		if items[i] != want[i] {
			t.Errorf("item %d = %+v, want %+v", i, items[i], want[i])
		}
	}
	for _, bad := range []string{"", "(", "('a'", "('a',,)", "(1 2)", "(b'\\u1234'x)", "(0x)", "(--1)", "(1.5)", "('\\x4')"} {
		if _, err := parseTuple(bad); err == nil {
			t.Errorf("parseTuple(%q) accepted", bad)
		}
	}
}

func TestService(t *testing.T) {
	dir := t.TempDir()
	old := servicesPath
	defer func() { servicesPath = old }()
	servicesPath = filepath.Join(dir, "services")
	os.WriteFile(servicesPath, []byte("# comment\nhttp\t80/tcp\twww # WorldWideWeb\nhttp 80/udp\ndomain 53/tcp\n"), 0o644)
	for _, c := range []struct {
		in   string
		want int
		ok   bool
	}{{"80", 80, true}, {"0", 0, true}, {"http", 80, true}, {"WWW", 80, true}, {"domain", 53, true}, {"nope", 0, false}, {"65536", 0, false}, {"-1", 0, false}} {
		got, err := Service(c.in)
		if (err == nil) != c.ok || got != c.want {
			t.Errorf("Service(%q) = %d, %v; want %d (ok %v)", c.in, got, err, c.want, c.ok)
		}
	}
}

// TestWordReadsBack: Word of a unix address is a word Parse reads back as
// the same name, whatever bytes the name holds.
func TestWordReadsBack(t *testing.T) {
	for _, name := range []string{"/tmp/x.sock", "x\t.sock", `a\b`, `a"b`, "'q", "(p", "b'x'", "caf\u00e9", "bad\xff", "@ab\x01", "sp ace"} {
		w := Word(&unix.SockaddrUnix{Name: name})
		sa, used, err := Parse(unix.AF_UNIX, []string{w})
		if err != nil || used != 1 {
			t.Errorf("Word(%q) = %q, which Parse refuses: %v", name, w, err)
			continue
		}
		if got := sa.(*unix.SockaddrUnix).Name; got != name {
			t.Errorf("Word(%q) = %q, read back as %q", name, w, got)
		}
	}
	// A file whose path starts with @ reads back as that file.
	for _, name := range []string{"@x", "@sp ace", "@caf\u00e9", "@'q\"", "@ctl\x01"} {
		w := Word(&sock.AtPath{SockaddrUnix: unix.SockaddrUnix{Name: name}})
		sa, used, err := Parse(unix.AF_UNIX, []string{w})
		at, ok := sa.(*sock.AtPath)
		if err != nil || used != 1 || !ok || at.Name != name {
			t.Errorf("Word(AtPath %q) = %q, read back as %#v (%v)", name, w, sa, err)
		}
	}
}
