package names

import (
	"context"
	"fmt"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestLookupSpellings(t *testing.T) {
	for _, w := range []string{"inet", "INET", "AF_INET", "af_inet", "Af_Inet", "ipv4", "af_ipv4", "2", " inet "} {
		v, err := Families.Lookup(w)
		if err != nil || v != unix.AF_INET {
			t.Errorf("Families.Lookup(%q) = %d, %v; want AF_INET", w, v, err)
		}
	}
	cases := []struct {
		tab  *Table
		word string
		want int
	}{
		{Families, "ipv6", unix.AF_INET6},
		{Families, "local", unix.AF_UNIX},
		{Families, "AF_LOCAL", unix.AF_UNIX},
		{Families, "unspec", unix.AF_UNSPEC},
		{Families, "12345", 12345},
		{Types, "stream", unix.SOCK_STREAM},
		{Types, "SOCK_DGRAM", unix.SOCK_DGRAM},
		{Protocols, "tcp", unix.IPPROTO_TCP},
		{Protocols, "IPPROTO_UDP", unix.IPPROTO_UDP},
		{Protocols, "icmp6", unix.IPPROTO_ICMPV6},
		{Protocols, "can_raw", unix.CAN_RAW},
		{Protocols, "CAN_BCM", unix.CAN_BCM},
		{MsgFlags, "peek", unix.MSG_PEEK},
		{MsgFlags, "cmsg_cloexec", unix.MSG_CMSG_CLOEXEC},
		{ShutdownHow, "rdwr", unix.SHUT_RDWR},
		{ShutdownHow, "SHUT_WR", unix.SHUT_WR},
		{PollEvents, "in", unix.POLLIN},
		{PollEvents, "POLLRDHUP", unix.POLLRDHUP},
	}
	for _, c := range cases {
		v, err := c.tab.Lookup(c.word)
		if err != nil || v != c.want {
			t.Errorf("%s Lookup(%q) = %d, %v; want %d", c.tab.Kind, c.word, v, err, c.want)
		}
	}
}

func TestLookupErrors(t *testing.T) {
	_, err := Families.Lookup("inte")
	want := `unknown family "inte": expected inet, inet6, unix, … or a number (did you mean inet?)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	_, err = ShutdownHow.Lookup("rdwrr")
	want = `unknown shutdown direction "rdwrr": expected rd, wr, rdwr or a number (did you mean rdwr?)`
	if err == nil || err.Error() != want {
		t.Errorf("got %v\nwant %s", err, want)
	}
	// Nothing close: no suggestion, still one line.
	_, err = Families.Lookup("zzzzzz")
	if err == nil || strings.Contains(err.Error(), "did you mean") || strings.Contains(err.Error(), "\n") {
		t.Errorf("got %v", err)
	}
	for _, w := range []string{"", "-1", "0x10", "99999999999999999999999"} {
		if _, err := Families.Lookup(w); err == nil {
			t.Errorf("Lookup(%q) succeeded", w)
		}
	}
}

func TestSuggest(t *testing.T) {
	cases := []struct {
		tab        *Table
		word, want string
	}{
		{Types, "strem", "stream"},
		{Types, "dgarm", "dgram"},
		{Families, "af_inte", "inet"},
		{Families, "ipv7", "inet"}, // one edit from ipv4 and ipv6: table order wins
		{Protocols, "tpc", "tcp"},
		{ShutdownHow, "x", ""},
		{Types, "streaming", ""},
		{ShutdownHow, "rdw", "rdwr"}, // one edit from rd and rdwr: the name it begins wins
		{ShutdownHow, "shut_rdw", "rdwr"},
		{Types, "r", ""},       // rds would be two edits: over the limit of one
		{MsgFlags, "msg_", ""}, // nothing within two edits, however the tie falls
		{Families, "in", ""},   // inet is two edits from "in"
	}
	for _, c := range cases {
		if got := c.tab.Suggest(c.word); got != c.want {
			t.Errorf("%s Suggest(%q) = %q, want %q", c.tab.Kind, c.word, got, c.want)
		}
	}
}

func TestNameShortWords(t *testing.T) {
	if got := Families.Name(unix.AF_INET6); got != "AF_INET6" {
		t.Errorf("Name = %q", got)
	}
	if got := Families.Short(unix.AF_INET6); got != "inet6" {
		t.Errorf("Short = %q", got)
	}
	if got := Families.Name(99); got != "99" {
		t.Errorf("Name(99) = %q", got)
	}
	if got := Protocols.Name(1); got != "IPPROTO_ICMP" {
		t.Errorf("Protocols.Name(1) = %q", got)
	}
	w := Types.Words()
	if strings.Join(w, " ") != "stream dgram raw seqpacket rdm" {
		t.Errorf("Words = %v", w)
	}
	for _, tab := range []*Table{Families, Types, TypeFlags, Protocols, MsgFlags, ShutdownHow, PollEvents} {
		for _, word := range tab.Words() {
			if _, err := tab.Lookup(word); err != nil {
				t.Errorf("%s: own word %q does not look up: %v", tab.Kind, word, err)
			}
		}
	}
}

func TestFlags(t *testing.T) {
	v, err := MsgFlags.LookupFlags("peek|dontwait")
	if err != nil || v != unix.MSG_PEEK|unix.MSG_DONTWAIT {
		t.Fatalf("LookupFlags = %#x, %v", v, err)
	}
	if v, err := MsgFlags.LookupFlags("MSG_PEEK | 64"); err != nil || v != unix.MSG_PEEK|unix.MSG_DONTWAIT {
		t.Errorf("LookupFlags with number = %#x, %v", v, err)
	}
	if v, err := MsgFlags.LookupFlags("0"); err != nil || v != 0 {
		t.Errorf("LookupFlags(0) = %#x, %v", v, err)
	}
	for _, bad := range []string{"peek|", "peek||oob", "peak", ""} {
		if _, err := MsgFlags.LookupFlags(bad); err == nil {
			t.Errorf("LookupFlags(%q) succeeded", bad)
		}
	}
	if got := MsgFlags.FormatFlags(unix.MSG_PEEK | unix.MSG_DONTWAIT); got != "MSG_PEEK|MSG_DONTWAIT" {
		t.Errorf("FormatFlags = %q", got)
	}
	if got := MsgFlags.FormatFlags(0); got != "0" {
		t.Errorf("FormatFlags(0) = %q", got)
	}
	if got := MsgFlags.FormatFlags(unix.MSG_PEEK | 0x10000000); got != "MSG_PEEK|0x10000000" {
		t.Errorf("FormatFlags unknown bit = %q", got)
	}
	if got := PollEvents.FormatFlags(unix.POLLIN | unix.POLLOUT); got != "POLLIN|POLLOUT" {
		t.Errorf("poll FormatFlags = %q", got)
	}
	// Round trip every single flag.
	for _, tab := range []*Table{MsgFlags, PollEvents, TypeFlags} {
		for _, e := range tab.Entries {
			v, err := tab.LookupFlags(tab.FormatFlags(e.Value))
			if err != nil || v != e.Value {
				t.Errorf("%s round trip %s: %#x, %v", tab.Kind, e.Name, v, err)
			}
		}
	}
}

func TestParseType(t *testing.T) {
	typ, fl, err := ParseType("stream|nonblock|cloexec")
	if err != nil || typ != unix.SOCK_STREAM || fl != unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC {
		t.Errorf("ParseType = %d, %#x, %v", typ, fl, err)
	}
	typ, fl, err = ParseType("2049")
	if err != nil || typ != unix.SOCK_STREAM || fl != unix.SOCK_NONBLOCK {
		t.Errorf("ParseType(2049) = %d, %#x, %v", typ, fl, err)
	}
	typ, fl, err = ParseType("SOCK_DGRAM|2048")
	if err != nil || typ != unix.SOCK_DGRAM || fl != unix.SOCK_NONBLOCK {
		t.Errorf("ParseType(SOCK_DGRAM|2048) = %d, %#x, %v", typ, fl, err)
	}
	for _, bad := range []string{"", "nonblock", "stream|dgram", "strem", "stream|"} {
		if _, _, err := ParseType(bad); err == nil {
			t.Errorf("ParseType(%q) succeeded", bad)
		}
	}
	if _, _, err := ParseType("strem"); err == nil || !strings.Contains(err.Error(), "did you mean stream?") {
		t.Errorf("ParseType(strem) error = %v", err)
	}
	if got := FormatType(unix.SOCK_STREAM | unix.SOCK_NONBLOCK); got != "SOCK_STREAM|SOCK_NONBLOCK" {
		t.Errorf("FormatType = %q", got)
	}
	if got := FormatType(unix.SOCK_DGRAM); got != "SOCK_DGRAM" {
		t.Errorf("FormatType = %q", got)
	}
}

func TestProtocolName(t *testing.T) {
	cases := []struct {
		fam, proto int
		want       string
	}{
		{unix.AF_INET, 1, "IPPROTO_ICMP"},
		{unix.AF_CAN, 1, "CAN_RAW"},
		{unix.AF_CAN, 2, "CAN_BCM"},
		{unix.AF_CAN, 6, "6"},
		{unix.AF_INET6, 6, "IPPROTO_TCP"},
		{unix.AF_UNIX, 0, "0"},
		{unix.AF_PACKET, 6, "6"},
	}
	for _, c := range cases {
		if got := ProtocolName(c.fam, c.proto); got != c.want {
			t.Errorf("ProtocolName(%d, %d) = %q, want %q", c.fam, c.proto, got, c.want)
		}
	}
}

// A protocol is read as its family understands it: raw is CAN_RAW for a
// CAN socket and IPPROTO_RAW for the others.
func TestProtocolTable(t *testing.T) {
	cases := []struct {
		fam  int
		word string
		want int
	}{
		{unix.AF_CAN, "raw", unix.CAN_RAW},
		{unix.AF_CAN, "CAN_BCM", unix.CAN_BCM},
		{unix.AF_CAN, "7", 7},
		{unix.AF_INET, "raw", unix.IPPROTO_RAW},
		{-1, "tcp", unix.IPPROTO_TCP},
	}
	for _, c := range cases {
		if got, err := ProtocolTable(c.fam).Lookup(c.word); err != nil || got != c.want {
			t.Errorf("ProtocolTable(%d).Lookup(%q) = %d, %v; want %d", c.fam, c.word, got, err, c.want)
		}
	}
	if _, err := ProtocolTable(unix.AF_CAN).Lookup("icmp"); err == nil {
		t.Error("icmp was taken as a CAN protocol")
	}
}

func TestDistance(t *testing.T) {
	cases := []struct {
		a, b string
		d    int
	}{{"", "", 0}, {"inte", "inet", 1}, {"kitten", "sitting", 3}, {"", "abc", 3}, {"abc", "abc", 0}}
	for _, c := range cases {
		if got := Distance(c.a, c.b); got != c.d {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.d)
		}
	}
}

// Every table must be unambiguous: no spelling may select two entries.
func TestTablesUnambiguous(t *testing.T) {
	for _, tab := range []*Table{Families, Types, TypeFlags, Protocols, MsgFlags, ShutdownHow, PollEvents} {
		seen := map[string]string{}
		for i := range tab.Entries {
			e := &tab.Entries[i]
			for _, k := range tab.keys(e) {
				if prev, ok := seen[k]; ok && prev != e.Name {
					t.Errorf("%s: %q selects both %s and %s", tab.Kind, k, prev, e.Name)
				}
				seen[k] = e.Name
			}
		}
	}
}

// The tables must agree with what Python's socket and select modules say
// on this machine, for every name both know.
func TestAgainstPython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	script := `import socket, select
for m in (socket, select):
    for n in dir(m):
        v = getattr(m, n)
        if n.isupper() and isinstance(v, int):
            print(n, int(v))`
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, "-c", script).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	pyv := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var n string
		var v int
		if _, err := fmt.Sscan(line, &n, &v); err == nil {
			pyv[n] = v
		}
	}
	checked := 0
	for _, tab := range []*Table{Families, Types, TypeFlags, Protocols, MsgFlags, ShutdownHow, PollEvents} {
		for _, e := range tab.Entries {
			if v, ok := pyv[e.Name]; ok {
				checked++
				if v != e.Value {
					t.Errorf("%s = %d here, %d in Python", e.Name, e.Value, v)
				}
			}
		}
	}
	if checked < 30 {
		t.Errorf("only %d names compared with Python", checked)
	}
}

func TestClosest(t *testing.T) {
	cands := []string{"bind", "find", "listen", "recv"}
	for _, c := range []struct {
		word  string
		limit int
		want  string
	}{
		{"bnd", 2, "bind"},  // one edit
		{"xind", 2, "bind"}, // bind and find tie: the first alphabetically
		{"lsten", 2, "listen"},
		{"zzzzzz", 2, ""}, // nothing within the limit
		{"rcev", 0, ""},   // a transposition is one edit, over a limit of 0
		{"rcev", 1, "recv"},
	} {
		if got := Closest(c.word, cands, c.limit); got != c.want {
			t.Errorf("Closest(%q, %d) = %q, want %q", c.word, c.limit, got, c.want)
		}
	}
}

// DistanceAtMost agrees with the full matrix wherever the answer is within
// the limit, and says limit+1 otherwise.
func TestDistanceAtMost(t *testing.T) {
	full := func(a, b string) int {
		ra, rb := []rune(a), []rune(b)
		d := make([][]int, len(ra)+1)
		for i := range d {
			d[i] = make([]int, len(rb)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(ra); i++ {
			for j := 1; j <= len(rb); j++ {
				cost := 1
				if ra[i-1] == rb[j-1] {
					cost = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
				if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
					d[i][j] = min(d[i][j], d[i-2][j-2]+1)
				}
			}
		}
		return d[len(ra)][len(rb)]
	}
	letters := []rune("abcé你")
	word := func(seed, n int) string {
		var b strings.Builder
		x := uint32(seed)
		for i := 0; i < n; i++ {
			x = x*1103515245 + 12345
			b.WriteRune(letters[int(x>>16)%len(letters)])
		}
		return b.String()
	}
	for i := 0; i < 3000; i++ {
		a, b := word(i, i%7), word(i*31+7, (i/7)%8)
		want := full(a, b)
		for limit := 0; limit <= 4; limit++ {
			if got := DistanceAtMost(a, b, limit); got != min(want, limit+1) {
				t.Fatalf("DistanceAtMost(%q, %q, %d) = %d, full distance %d", a, b, limit, got, want)
			}
		}
	}
}

// A megabyte-long misspelling costs the did-you-mean search a look at the
// lengths, not a matrix of a megabyte by each candidate (which took
// seconds and hundreds of megabytes).
func TestSuggestLongWordBounded(t *testing.T) {
	long := strings.Repeat("q", 1_000_000)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	for _, tab := range []*Table{Families, Types, Protocols, MsgFlags, ShutdownHow} {
		if s := tab.Suggest(long); s != "" {
			t.Errorf("%s: suggested %q", tab.Kind, s)
		}
	}
	if s := Closest(long, []string{"bind", "listen", long[:999_999] + "x"}, 2); s != long[:999_999]+"x" {
		t.Errorf("Closest missed the one-edit candidate: %.20q", s)
	}
	runtime.ReadMemStats(&after)
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("the searches allocated %d MiB", got>>20)
	}
}
