//go:build linux

package errno

import (
	"bufio"
	"bytes"
	"context"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/sys/unix"
)

// Linux leaves these numbers unassigned; everything else in 1..133 is named.
var unassigned = map[int]bool{41: true, 58: true}

const maxHintLen = 160

func checkHint(t *testing.T, where, h string) {
	t.Helper()
	switch {
	case h == "":
		t.Errorf("%s: empty hint", where)
	case utf8.RuneCountInString(h) > maxHintLen:
		t.Errorf("%s: hint is %d characters, want <= %d: %q", where, utf8.RuneCountInString(h), maxHintLen, h)
	case strings.TrimSpace(h) != h:
		t.Errorf("%s: hint has surrounding space: %q", where, h)
	}
	for _, r := range h {
		if unicode.IsControl(r) {
			t.Errorf("%s: hint contains control character %U: %q", where, r, h)
			break
		}
	}
}

func TestEveryErrnoHasNameMessageHint(t *testing.T) {
	for n := 1; n <= 133; n++ {
		in := Of(unix.Errno(n))
		if in.Errno != unix.Errno(n) {
			t.Errorf("Of(%d).Errno = %d", n, in.Errno)
		}
		if in.Name == "" || in.Message == "" {
			t.Errorf("Of(%d): name %q message %q", n, in.Name, in.Message)
		}
		checkHint(t, in.Name, in.Hint)
		for cmd, h := range in.CallHints {
			checkHint(t, in.Name+"/"+cmd, h)
		}
		if unassigned[n] {
			continue
		}
		if !strings.HasPrefix(in.Name, "E") || strings.ToUpper(in.Name) != in.Name {
			t.Errorf("Of(%d).Name = %q, want an upper-case E name", n, in.Name)
		}
		if strings.HasPrefix(in.Message, "Unknown error") {
			t.Errorf("Of(%d) (%s) has no real message: %q", n, in.Name, in.Message)
		}
	}
}

func TestAllCoversLinux(t *testing.T) {
	all := All()
	want := 133 - len(unassigned)
	if len(all) != want {
		t.Fatalf("All() has %d entries, want %d", len(all), want)
	}
	seen := map[string]bool{}
	for i, in := range all {
		if i > 0 && all[i-1].Errno >= in.Errno {
			t.Errorf("All() not in strictly increasing order at %s (%d)", in.Name, in.Errno)
		}
		if unassigned[int(in.Errno)] || in.Errno < 1 || in.Errno > 133 {
			t.Errorf("All() includes %d, which Linux does not define", in.Errno)
		}
		for _, name := range append([]string{in.Name}, in.Aliases...) {
			if seen[name] {
				t.Errorf("name %s used twice", name)
			}
			seen[name] = true
		}
		// The table must agree with x/sys about which numbers exist.
		if unix.ErrnoName(in.Errno) == "" {
			t.Errorf("%s (%d) unknown to x/sys", in.Name, in.Errno)
		}
	}
}

func TestAliases(t *testing.T) {
	for alias, want := range map[string]string{
		"EWOULDBLOCK":  "EAGAIN",
		"ENOTSUP":      "EOPNOTSUPP",
		"EDEADLOCK":    "EDEADLK",
		"EFSCORRUPTED": "EUCLEAN",
		"ewouldblock":  "EAGAIN",
	} {
		a, ok := Lookup(alias)
		if !ok {
			t.Errorf("Lookup(%q) failed", alias)
			continue
		}
		c, _ := Lookup(want)
		if a.Name != want || a.Errno != c.Errno {
			t.Errorf("Lookup(%q) = %s (%d), want %s (%d)", alias, a.Name, a.Errno, want, c.Errno)
		}
	}
	// Aliases must be the kernel's own constants, not look-alikes.
	for name, e := range map[string]unix.Errno{
		"EWOULDBLOCK": unix.EWOULDBLOCK, "ENOTSUP": unix.ENOTSUP,
		"EDEADLOCK": unix.EDEADLOCK, "EFSCORRUPTED": unix.EFSCORRUPTED,
	} {
		if in, _ := Lookup(name); in.Errno != e {
			t.Errorf("%s resolves to %d, want %d", name, in.Errno, e)
		}
	}
}

func TestLookup(t *testing.T) {
	cases := []struct {
		in   string
		ok   bool
		name string
		num  int
	}{
		{"ECONNREFUSED", true, "ECONNREFUSED", 111},
		{"econnrefused", true, "ECONNREFUSED", 111},
		{" EAddrInUse ", true, "EADDRINUSE", 98},
		{"111", true, "ECONNREFUSED", 111},
		{"11", true, "EAGAIN", 11},
		{"133", true, "EHWPOISON", 133},
		{"41", true, "errno 41", 41},
		{"200", true, "errno 200", 200},
		{"4095", true, "errno 4095", 4095},
		{"0", false, "", 0},
		{"4096", false, "", 0},
		{"-1", false, "", 0},
		{"+111", false, "", 0},
		{"99999999999999999999999", false, "", 0},
		{"", false, "", 0},
		{"ECONNREFUSD", false, "", 0},
		{"CONNREFUSED", false, "", 0},
	}
	for _, c := range cases {
		in, ok := Lookup(c.in)
		if ok != c.ok {
			t.Errorf("Lookup(%q) ok = %v, want %v", c.in, ok, c.ok)
			continue
		}
		if ok && (in.Name != c.name || int(in.Errno) != c.num) {
			t.Errorf("Lookup(%q) = %s (%d), want %s (%d)", c.in, in.Name, in.Errno, c.name, c.num)
		}
	}
}

// pyStrerror holds os.strerror(n) as printed by python3 3.x on glibc Linux.
var pyStrerror = map[int]string{
	1:   "Operation not permitted",
	2:   "No such file or directory",
	4:   "Interrupted system call",
	9:   "Bad file descriptor",
	11:  "Resource temporarily unavailable",
	13:  "Permission denied",
	22:  "Invalid argument",
	32:  "Broken pipe",
	35:  "Resource deadlock avoided",
	41:  "Unknown error 41",
	50:  "No CSI structure available",
	73:  "RFS specific error",
	79:  "Can not access a needed shared library",
	81:  ".lib section in a.out corrupted",
	95:  "Operation not supported",
	97:  "Address family not supported by protocol",
	98:  "Address already in use",
	99:  "Cannot assign requested address",
	103: "Software caused connection abort",
	104: "Connection reset by peer",
	106: "Transport endpoint is already connected",
	107: "Transport endpoint is not connected",
	110: "Connection timed out",
	111: "Connection refused",
	113: "No route to host",
	115: "Operation now in progress",
	118: "Not a XENIX named type file",
	132: "Operation not possible due to RF-kill",
	133: "Memory page has hardware error",
	200: "Unknown error 200",
}

func TestMessageMatchesPython(t *testing.T) {
	for n, want := range pyStrerror {
		if got := Of(unix.Errno(n)).Message; got != want {
			t.Errorf("Of(%d).Message = %q, want %q", n, got, want)
		}
	}
}

// TestMessageMatchesLivePython compares every number against the python3
// on this machine, when there is one.
func TestMessageMatchesLivePython(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, py, "-c",
		"import os\nfor n in range(1, 134): print(n, os.strerror(n))").Output()
	if err != nil {
		t.Fatalf("python3 failed: %v", err)
	}
	checked := 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		num, msg, _ := strings.Cut(sc.Text(), " ")
		n, err := strconv.Atoi(num)
		if err != nil {
			t.Fatalf("bad python output line %q", sc.Text())
		}
		if got := Of(unix.Errno(n)).Message; got != msg {
			t.Errorf("errno %d: message %q, python says %q", n, got, msg)
		}
		checked++
	}
	if checked != 133 {
		t.Errorf("compared %d messages, want 133", checked)
	}
}

func TestLine(t *testing.T) {
	for _, c := range []struct {
		e    unix.Errno
		want string
	}{
		{unix.ECONNREFUSED, "ECONNREFUSED (111) Connection refused"},
		{unix.EWOULDBLOCK, "EAGAIN (11) Resource temporarily unavailable"},
		{unix.ENOTSUP, "EOPNOTSUPP (95) Operation not supported"},
		{200, "errno 200: Unknown error 200"},
	} {
		if got := Of(c.e).Line(); got != c.want {
			t.Errorf("Of(%d).Line() = %q, want %q", c.e, got, c.want)
		}
	}
}

// TestFailLine: a failed call's line keeps Line's text first and adds the
// class Python raises, only where Python raises a subclass of OSError.
func TestFailLine(t *testing.T) {
	for _, c := range []struct {
		e    unix.Errno
		want string
	}{
		{unix.ECONNREFUSED, "ECONNREFUSED (111) Connection refused  ConnectionRefusedError"},
		{unix.EWOULDBLOCK, "EAGAIN (11) Resource temporarily unavailable  BlockingIOError"},
		{unix.EPIPE, "EPIPE (32) Broken pipe  BrokenPipeError"},
		{unix.ENOENT, "ENOENT (2) No such file or directory  FileNotFoundError"},
		{unix.EINVAL, "EINVAL (22) Invalid argument"},
		{unix.EADDRINUSE, "EADDRINUSE (98) Address already in use"},
		{200, "errno 200: Unknown error 200"},
	} {
		if got := Of(c.e).FailLine(); got != c.want {
			t.Errorf("Of(%d).FailLine() = %q, want %q", c.e, got, c.want)
		}
	}
}

func TestHintFor(t *testing.T) {
	inval := Of(unix.EINVAL)
	bind, accept := inval.HintFor("bind"), inval.HintFor("accept")
	if bind == accept || bind == inval.Hint || accept == inval.Hint {
		t.Errorf("EINVAL hints for bind/accept not call-specific: %q / %q", bind, accept)
	}
	if !strings.Contains(bind, "already bound") {
		t.Errorf("EINVAL bind hint = %q, want it to say already bound", bind)
	}
	if !strings.Contains(accept, "`listen H`") {
		t.Errorf("EINVAL accept hint = %q, want it to suggest listen", accept)
	}
	if got := inval.HintFor("BIND "); got != bind {
		t.Errorf("HintFor is not case/space-insensitive: %q", got)
	}
	if got := inval.HintFor("ls"); got != inval.Hint {
		t.Errorf("HintFor(unknown command) = %q, want the general hint", got)
	}

	again := Of(unix.EAGAIN)
	if a, r, s := again.HintFor("accept"), again.HintFor("recv"), again.HintFor("send"); a == r || r == s || a == s {
		t.Errorf("EAGAIN accept/recv/send hints should differ: %q %q %q", a, r, s)
	}
	// A command with no hint of its own gets the next one's.
	for variant, base := range map[string]string{"recvfrom": "recv", "sendall": "send", "connect_ex": "connect"} {
		if again.HintFor(variant, base) != again.HintFor(base) {
			t.Errorf("EAGAIN %s hint differs from %s", variant, base)
		}
	}
	// A command's own hint wins over the one it shares.
	if in := Of(unix.EISCONN); in.HintFor("sendto", "send") == in.HintFor("sendall", "send") {
		t.Errorf("EISCONN sendto should have its own hint")
	}

	notconn := Of(unix.ENOTCONN)
	for _, cmd := range []string{"recv", "send", "getpeername", "shutdown"} {
		if notconn.HintFor(cmd) == notconn.Hint {
			t.Errorf("ENOTCONN has no %s-specific hint", cmd)
		}
	}
	if h := Of(200).HintFor("bind"); h == "" {
		t.Error("unknown errno has no hint")
	}
}

// TestHandWrittenHints checks that the errnos a sockets learner meets get a
// written hint, not the generic fallback, and that key advice is present.
func TestHandWrittenHints(t *testing.T) {
	names := strings.Fields(`EADDRINUSE EADDRNOTAVAIL ECONNREFUSED EAGAIN EINPROGRESS
		EALREADY EISCONN ENOTCONN EPIPE ECONNRESET ECONNABORTED EBADF EINVAL ENOTSOCK
		EAFNOSUPPORT EPROTONOSUPPORT EPROTOTYPE ESOCKTNOSUPPORT EOPNOTSUPP ENOPROTOOPT
		EACCES EPERM EMFILE ENFILE ENOBUFS ENOMEM EMSGSIZE ENETUNREACH EHOSTUNREACH
		ETIMEDOUT EINTR EDESTADDRREQ ENOENT ENOTDIR EROFS ENAMETOOLONG EFAULT ESHUTDOWN
		ENODEV ENXIO ENOTTY`)
	for _, name := range names {
		in, ok := Lookup(name)
		if !ok {
			t.Errorf("%s missing", name)
			continue
		}
		if in.Hint == genericHint(in.Message) {
			t.Errorf("%s has only the generic hint", name)
		}
	}

	mustContain := []struct{ name, cmd, want string }{
		{"EADDRINUSE", "bind", "SO_REUSEADDR"},
		{"EADDRINUSE", "bind", "unlink PATH"},
		{"EADDRINUSE", "bind", "port 0"},
		{"ECONNREFUSED", "connect", "listen"},
		{"EAGAIN", "recv", "poll H"},
		{"EAGAIN", "", "setblocking H true"},
		{"EINPROGRESS", "connect", "SO_ERROR"},
		{"EBADF", "", "`ls`"},
		{"EAFNOSUPPORT", "socket", "vcan0"},
		{"EAFNOSUPPORT", "socket", "rds"},
		{"EOPNOTSUPP", "listen", "datagram"},
		{"EACCES", "bind", "1024"},
		{"EACCES", "sendto", "SO_BROADCAST"},
		{"EPERM", "socket", "CAP_NET_RAW"},
		{"EMFILE", "", "close"},
		{"EDESTADDRREQ", "send", "sendto H DATA ADDR"},
		{"ENAMETOOLONG", "bind", "107"},
		{"ETIMEDOUT", "connect", "settimeout"},
		{"ENOTCONN", "recv", "accept H"},
	}
	for _, c := range mustContain {
		in, _ := Lookup(c.name)
		if h := in.HintFor(c.cmd); !strings.Contains(h, c.want) {
			t.Errorf("%s hint for %q = %q, want it to mention %q", c.name, c.cmd, h, c.want)
		}
	}
}

func TestSuggest(t *testing.T) {
	for in, want := range map[string]string{
		"ECONNREFUSD":  "ECONNREFUSED",
		"econrefused":  "ECONNREFUSED",
		"ECONNERFUSED": "ECONNREFUSED", // transposition counts once
		"EADDRINUS":    "EADDRINUSE",
		"EWOULDBLOK":   "EWOULDBLOCK",
		"CONNRESET":    "ECONNRESET",
		"EAGIAN":       "EAGAIN",
		"EAGAIN":       "", // already valid
		"XYZZYPLUGH":   "",
		"EX":           "",
		"111":          "",
		"":             "",
	} {
		if got := Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestResultsAreCopies(t *testing.T) {
	in := Of(unix.EAGAIN)
	in.Aliases[0] = "MUTATED"
	in.CallHints["recv"] = "MUTATED"
	again := Of(unix.EAGAIN)
	if again.Aliases[0] == "MUTATED" || again.CallHints["recv"] == "MUTATED" {
		t.Fatal("mutating an Info changed the shared table")
	}
}

func TestGenericHintKeepsAcronyms(t *testing.T) {
	if h := Of(unix.EDOTDOT).Hint; !strings.HasPrefix(h, "RFS specific error") {
		t.Errorf("EDOTDOT hint = %q", h)
	}
	if h := Of(unix.EL2HLT).Hint; !strings.HasPrefix(h, "level 2 halted") {
		t.Errorf("EL2HLT hint = %q", h)
	}
}
