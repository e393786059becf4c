package sockopt

import (
	"context"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestLookup(t *testing.T) {
	cases := []struct {
		level, name string
		want        string
		wantLevel   int
	}{
		{"", "SO_RCVBUF", "SO_RCVBUF", unix.SOL_SOCKET},
		{"", "so_rcvbuf", "SO_RCVBUF", unix.SOL_SOCKET},
		{"", "rcvbuf", "SO_RCVBUF", unix.SOL_SOCKET},
		{"socket", "RcvBuf", "SO_RCVBUF", unix.SOL_SOCKET},
		{"SOL_SOCKET", "SO_RCVBUF", "SO_RCVBUF", unix.SOL_SOCKET},
		{"1", "SO_RCVBUF", "SO_RCVBUF", unix.SOL_SOCKET},
		{"", "ttl", "IP_TTL", unix.IPPROTO_IP},
		{"IPPROTO_IP", "ip_ttl", "IP_TTL", unix.IPPROTO_IP},
		{"tcp", "nodelay", "TCP_NODELAY", unix.IPPROTO_TCP},
		{"6", "TCP_NODELAY", "TCP_NODELAY", unix.IPPROTO_TCP},
		{"ipv6", "multicast_loop", "IPV6_MULTICAST_LOOP", unix.IPPROTO_IPV6},
		{"ip", "multicast_loop", "IP_MULTICAST_LOOP", unix.IPPROTO_IP},
		{"", "IP_RECVRETOPTS", "IP_RETOPTS", unix.IPPROTO_IP},
		{"ip", "recvretopts", "IP_RETOPTS", unix.IPPROTO_IP},
		{"socket", "8", "SO_RCVBUF", unix.SOL_SOCKET},
		{"j1939", "filter", "SO_J1939_FILTER", solCANJ1939},
		{"", "SO_J1939_FILTER", "SO_J1939_FILTER", solCANJ1939},
		{"vsock", "buffer_size", "SO_VM_SOCKETS_BUFFER_SIZE", unix.AF_VSOCK},
		{" tcp ", " TCP_INFO ", "TCP_INFO", unix.IPPROTO_TCP},
	}
	for _, c := range cases {
		o, err := Lookup(c.level, c.name)
		if err != nil || o.Name != c.want || o.Level != c.wantLevel {
			t.Errorf("Lookup(%q, %q) = %s@%d, %v; want %s@%d", c.level, c.name, o.Name, o.Level, err, c.want, c.wantLevel)
		}
	}

	// Unknown numbers pass through as plain ints for the kernel to judge.
	o, err := Lookup("socket", "9999")
	if err != nil || o.Name != "9999" || o.Level != unix.SOL_SOCKET || o.Num != 9999 || o.Kind != Int {
		t.Errorf("Lookup(socket, 9999) = %+v, %v", o, err)
	}
	o, err = Lookup("4242", "7")
	if err != nil || o.Level != 4242 || o.Num != 7 {
		t.Errorf("Lookup(4242, 7) = %+v, %v", o, err)
	}
}

func TestLookupErrors(t *testing.T) {
	cases := []struct{ level, name, want string }{
		{"", "multicast_loop", `"multicast_loop" is ambiguous: IP_MULTICAST_LOOP (ip), IPV6_MULTICAST_LOOP (ipv6); give a level or the full name`},
		{"", "8", `option number 8 needs a level, e.g. "socket 8"`},
		{"", "SO_RCVBUFF", `unknown option "SO_RCVBUFF" (did you mean SO_RCVBUF?)`},
		{"", "rcvbuff", `unknown option "rcvbuff" (did you mean SO_RCVBUF?)`},
		{"tcp", "SO_RCVBUF", `SO_RCVBUF is an option of level socket (SOL_SOCKET), not tcp`},
		{"ip", "nodelay", `TCP_NODELAY is an option of level tcp (SOL_TCP), not ip`},
		{"tcp", "nodelya", `unknown option "nodelya" at level tcp (did you mean TCP_NODELAY?)`},
		{"tcp", "rcvbuff", `unknown option "rcvbuff" at level tcp (did you mean SO_RCVBUF, at level socket?)`},
		{"", "xyzzy", `unknown option "xyzzy"`},
		{"socket", "cork", `"cork" is not an option of level socket; did you mean TCP_CORK (tcp) or UDP_CORK (udp)?`},
		{"", "", `missing option name`},
	}
	for _, c := range cases {
		_, err := Lookup(c.level, c.name)
		if err == nil || err.Error() != c.want {
			t.Errorf("Lookup(%q, %q) error:\n got %v\nwant %s", c.level, c.name, err, c.want)
		}
	}
	for _, c := range [][2]string{{"", "cork"}, {"", "filter"}, {"", "pktinfo"}} {
		if _, err := Lookup(c[0], c[1]); err == nil || !strings.Contains(err.Error(), "ambiguous") {
			t.Errorf("Lookup(%q, %q) = %v, want ambiguity", c[0], c[1], err)
		}
	}
	if _, err := Lookup("sokcet", "SO_RCVBUF"); err == nil || !strings.Contains(err.Error(), "did you mean socket?") {
		t.Errorf("misspelt level: %v", err)
	}
}

// The table itself: valid levels, unique (level, num) and names, and every
// entry reachable by name and by number.
func TestTable(t *testing.T) {
	seenNum := map[[2]int]string{}
	seenName := map[string]bool{}
	for _, o := range All() {
		if Levels.Name(o.Level) == strconv.Itoa(o.Level) {
			t.Errorf("%s: level %d is not in Levels", o.Name, o.Level)
		}
		k := [2]int{o.Level, o.Num}
		if prev, ok := seenNum[k]; ok {
			t.Errorf("%s and %s share level %d number %d", prev, o.Name, o.Level, o.Num)
		}
		seenNum[k] = o.Name
		if seenName[o.Name] {
			t.Errorf("%s listed twice", o.Name)
		}
		seenName[o.Name] = true
		if o.Doc == "" || strings.Contains(o.Doc, "\n") {
			t.Errorf("%s: Doc must be one non-empty line", o.Name)
		}
		if o.Kind < Int || o.Kind > Int64 || strings.HasPrefix(o.Kind.String(), "Kind(") {
			t.Errorf("%s: bad kind %v", o.Name, o.Kind)
		}
		if got, err := Lookup("", o.Name); err != nil || got != o {
			t.Errorf("Lookup(\"\", %s) = %+v, %v", o.Name, got, err)
		}
		if got, err := Lookup(Levels.Short(o.Level), strconv.Itoa(o.Num)); err != nil || got != o {
			t.Errorf("Lookup(%s, %d) = %+v, %v", Levels.Short(o.Level), o.Num, got, err)
		}
		// The level's conventional prefix must match, except where the
		// level is not the one the prefix suggests (J1939, vsock).
		for p, lv := range map[string]int{"SO_": unix.SOL_SOCKET, "IP_": unix.IPPROTO_IP, "IPV6_": unix.IPPROTO_IPV6, "TCP_": unix.IPPROTO_TCP} {
			if strings.HasPrefix(o.Name, p) && o.Level != lv &&
				!strings.HasPrefix(o.Name, "SO_J1939_") && !strings.HasPrefix(o.Name, "SO_VM_SOCKETS_") {
				t.Errorf("%s is at level %d, want %d", o.Name, o.Level, lv)
			}
		}
	}
	n := 0
	for _, w := range Levels.Words() {
		lv, _ := Levels.Lookup(w)
		n += len(ForLevel(lv))
	}
	if n != len(All()) {
		t.Errorf("ForLevel over all levels gives %d options, All gives %d", n, len(All()))
	}
	if len(ForLevel(unix.SOL_SOCKET)) < 30 {
		t.Errorf("ForLevel(SOL_SOCKET) has only %d options", len(ForLevel(unix.SOL_SOCKET)))
	}
}

func TestLevels(t *testing.T) {
	for w, want := range map[string]int{
		"socket": unix.SOL_SOCKET, "SOL_SOCKET": unix.SOL_SOCKET, "1": 1,
		"ip": 0, "IPPROTO_IP": 0, "sol_ip": 0, "ipv6": 41, "IPPROTO_IPV6": 41,
		"tcp": 6, "IPPROTO_TCP": 6, "udp": 17, "raw": 255, "can_raw": 101, "j1939": 107, "vsock": 40,
	} {
		if v, err := Levels.Lookup(w); err != nil || v != want {
			t.Errorf("Levels.Lookup(%q) = %d, %v; want %d", w, v, err, want)
		}
	}
	if got := Levels.Name(unix.SOL_TCP); got != "SOL_TCP" {
		t.Errorf("Levels.Name(6) = %q", got)
	}
}

// pythonOptions lists the option-like names Python's socket module has
// here, with their values.
func pythonOptions(t *testing.T, prefixes ...string) map[string]int {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	var quoted []string
	for _, p := range prefixes {
		quoted = append(quoted, strconv.Quote(p))
	}
	script := fmt.Sprintf(`import socket
for n in sorted(dir(socket)):
    if n.startswith((%s,)):
        print(n, int(getattr(socket, n)))`, strings.Join(quoted, ","))
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, "-c", script).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	m := map[string]int{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		var n string
		var v int
		if _, err := fmt.Sscan(line, &n, &v); err != nil {
			t.Fatalf("python3 output %q: %v", line, err)
		}
		m[n] = v
	}
	return m
}

// Every SO_, IP_, IPV6_ and TCP_ name Python knows must be in the table
// with Python's number, apart from the documented non-options.
func TestEveryPythonOption(t *testing.T) {
	py := pythonOptions(t, "SO_", "IP_", "IPV6_", "TCP_")
	if len(py) < 50 {
		t.Fatalf("python listed only %d names", len(py))
	}
	for n, v := range py {
		if _, skip := notOptions[n]; skip {
			continue
		}
		o, err := Lookup("", n)
		if err != nil {
			t.Errorf("Python's %s (%d) is not in the table: %v", n, v, err)
			continue
		}
		if o.Num != v {
			t.Errorf("%s: table has %d, Python %d", n, o.Num, v)
		}
	}
	for n := range notOptions {
		if _, ok := py[n]; !ok {
			t.Logf("notOptions lists %s, which this Python lacks", n)
		}
	}
}

// The extra prefixes are not required, but where Python has the name the
// number must agree.
func TestExtrasAgreeWithPython(t *testing.T) {
	py := pythonOptions(t, "UDP_", "CAN_RAW_")
	for _, o := range All() {
		if v, ok := py[o.Name]; ok && v != o.Num {
			t.Errorf("%s: table has %d, Python %d", o.Name, o.Num, v)
		}
	}
}
