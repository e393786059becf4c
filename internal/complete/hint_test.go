package complete

import (
	"strings"
	"testing"
	"unicode"

	"sockrepl/internal/session"
)

func TestHint(t *testing.T) {
	env := testEnv()
	tests := []struct {
		line, want string
	}{
		// Right after a command's name: its synopsis.
		{"bind", " H ADDR"},
		{"BIND", " H ADDR"},
		{"socket", " [FAMILY] [TYPE] [PROTO] [fileno=FD]"},
		{"srv = socket", " [FAMILY] [TYPE] [PROTO] [fileno=FD]"},
		{"exit", ""},
		{"ls", ""},
		{"bin", ""},
		{"", ""},
		{"bogus ", ""},

		// After a blank: what is left, and what the next one looks like.
		{"bind ", "H ADDR  e.g. srv"},
		{"bind 1 ", "ADDR  e.g. 127.0.0.1:8080"},
		{"bind srv ", "ADDR  e.g. 127.0.0.1:8080"},
		{"bind u ", "ADDR  e.g. /tmp/x.sock, @name"},
		{"bind #6 ", "ADDR  e.g. [::1]:8080"},
		{"bind 1 127.0.0.1:0 ", ""},
		{"bind 1 127.0", ""},
		{"srv = socket ", "[FAMILY] [TYPE] [PROTO] [fileno=FD]  e.g. inet, inet6, unix (default inet)"},
		{"socket inet ", "[TYPE] [PROTO] [fileno=FD]  e.g. stream, dgram, stream|nonblock (default stream)"},
		{"socketpair ", "[FAMILY] [TYPE] [PROTO]  e.g. inet, inet6, unix (default unix)"},
		{"listen srv ", "[BACKLOG]  e.g. 5 (default 128)"},
		{"recv conn ", "[BUFSIZE] [FLAGS]  e.g. 1024 (default 65536)"},
		{"recv conn 10 ", "[FLAGS]  e.g. peek, dontwait, peek|dontwait"},
		{"recv conn peek ", ""},
		{"send conn ", `DATA [FLAGS]  e.g. "hello\n", b'\x00', hex:6869, @file, "x"*1000`},
		{"shutdown cli ", "rd|wr|rdwr"},
		{"setblocking cli ", "true|false"},
		{"settimeout cli ", "SECONDS|none  e.g. 2.5, 0 (non-blocking) or none (blocking)"},
		{"setsockopt srv ", "[LEVEL] OPT VALUE  e.g. socket, ip, tcp; may be left out: getsockopt 1 SO_RCVBUF"},
		{"setsockopt srv tcp ", "OPT VALUE  e.g. TCP_NODELAY (Tab lists the options of tcp)"},
		{"setsockopt srv SO_REUSEADDR ", "VALUE  on|off — let bind reuse a local address still in TIME_WAIT"},
		{"setsockopt srv socket SO_LINGER ", "VALUE  ONOFF SECONDS, e.g. 1 5 — make close wait up to SECONDS for unsent data; on=1 linger=0 resets"},
		{"getsockopt srv SO_RCVBUF ", "[BUFLEN]  bytes to read raw, e.g. 16 (default: decoded)"},
		{"poll srv ", "[H...] [TIMEOUT]  e.g. srv"},
		{"read ", "F [N]  e.g. f"},
		{"set ", "trace|hints|echo|python|color|wire|preview|lang VALUE"},
		{"set trace ", "VALUE  on or off"},
		{"set preview ", "VALUE  bytes of a payload to show, e.g. 64 (0: all)"},
		{"errno ", "[NAME|NUMBER]  e.g. ECONNREFUSED or 111"},
		{"help ", "[COMMAND|TOPIC]  e.g. bind, or a topic: modes, families, options, flags, trace"},
		{"socket inet stream tcp ", "[fileno=FD]  e.g. fileno=%srv (wraps that fd)"},
		// Defaults come from the command table: fromfd's FAMILY has none,
		// getaddrinfo's is any family.
		{"fromfd 3 ", "FAMILY TYPE [PROTO]  e.g. inet, inet6, unix"},
		{"fromfd 3 inet stream ", "[PROTO]  e.g. 0, tcp, udp (default 0)"},
		{"getaddrinfo localhost 80 ", "[FAMILY] [TYPE]  e.g. inet, inet6, unix (default any)"},

		// No hint in a comment, a quote or an expectation.
		{"bind # note ", ""},
		{`send conn "a `, ""},
		{"recv conn => ", ""},
	}
	for _, tc := range tests {
		if got := Hint(tc.line, env); got != tc.want {
			t.Errorf("Hint(%q) = %q\n want %q", tc.line, got, tc.want)
		}
	}
}

func TestHintWithoutHandles(t *testing.T) {
	for line, want := range map[string]string{
		"bind ":     "H ADDR  no handles yet: make one with socket",
		"read ":     "F [N]  no files yet: f = makefile H",
		"connect 3": "",
	} {
		if got := Hint(line, Env{}); got != want {
			t.Errorf("Hint(%q) = %q, want %q", line, got, want)
		}
	}
}

// TestHintEveryCommand: every command with arguments has a hint after its
// name and after a blank, one line of printable text.
func TestHintEveryCommand(t *testing.T) {
	env := testEnv()
	for _, c := range session.Commands() {
		for _, line := range []string{c.Name, c.Name + " "} {
			h := Hint(line, env)
			if c.Args != "" && !strings.Contains(h, strings.Fields(c.Args)[0]) {
				t.Errorf("Hint(%q) = %q: does not show the synopsis %q", line, h, c.Args)
			}
			if c.Args == "" && h != "" {
				t.Errorf("Hint(%q) = %q for a command without arguments", line, h)
			}
			for _, r := range h {
				if !unicode.IsPrint(r) {
					t.Errorf("Hint(%q) = %q holds %U", line, h, r)
				}
			}
		}
	}
}
