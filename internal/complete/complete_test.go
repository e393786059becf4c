package complete

import (
	"bytes"
	"io/fs"
	"path"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/sys/unix"

	"sockrepl/internal/render"
	"sockrepl/internal/session"
	"sockrepl/internal/sock"
	"sockrepl/internal/sockopt"
)

// testEnv is a session with a few handles and a small file system.
func testEnv() Env {
	files := fstest.MapFS{
		"lab.sock":         {Data: []byte("socket\n")},
		"labs/a.sock":      {Data: []byte("ls\n")},
		"labs/b.sock":      {Data: []byte("ls\n")},
		".hidden":          {Data: []byte{}},
		"my file":          {Data: []byte{}},
		"payload.bin":      {Data: []byte{0}},
		"tmp/x.sock":       {Mode: fs.ModeSocket},
		"tmp/xy.sock":      {Mode: fs.ModeSocket},
		"tmp/other/z.sock": {Mode: fs.ModeSocket},
	}
	return Env{
		Handles: []Handle{
			{ID: 1, Name: "srv", Family: unix.AF_INET},
			{ID: 2, Name: "cli", Family: unix.AF_INET},
			{ID: 3, Name: "conn", Family: unix.AF_INET},
			{ID: 4, Name: "f", File: true},
			{ID: 5, Name: "u", Family: unix.AF_UNIX},
			{ID: 6, Family: unix.AF_INET6},
		},
		ReadDir: func(dir string) ([]fs.DirEntry, error) {
			d := strings.TrimPrefix(path.Clean(dir), "/")
			if d == "" {
				d = "."
			}
			return fs.ReadDir(files, d)
		},
	}
}

var allCommands = []string{
	"accept", "bind", "close", "connect", "connect_ex", "detach", "dup", "echo", "errno", "exit",
	"fileno", "flush", "fromfd", "getaddrinfo", "getblocking", "gethostbyname", "gethostname", "getpeername", "getsockname",
	"getsockopt", "gettimeout", "help", "htonl", "htons", "inet_aton", "inet_ntoa", "lesson", "listen", "ls", "makefile", "ntohl", "ntohs", "peer", "poll", "quit", "read",
	"readline", "recv", "recvfrom", "save", "send", "sendall", "sendto", "set", "setblocking",
	"setsockopt", "settimeout", "shutdown", "sleep", "socket", "socketpair", "source", "unlink", "write",
}

var helpWords = []string{
	"accept", "bind", "close", "connect", "connect_ex", "detach", "dup", "echo", "errno", "exit",
	"families", "fileno", "flags", "flush", "fromfd", "getaddrinfo", "getblocking", "gethostbyname", "gethostname", "getpeername", "getsockname",
	"getsockopt", "gettimeout", "help", "htonl", "htons", "inet_aton", "inet_ntoa", "lesson", "listen", "ls", "makefile", "modes", "ntohl", "ntohs", "options", "peer", "poll", "quit", "read",
	"readline", "recv", "recvfrom", "save", "send", "sendall", "sendto", "set", "setblocking",
	"setsockopt", "settimeout", "shutdown", "sleep", "socket", "socketpair", "source", "trace", "unlink", "write",
}

var families = []string{"inet", "inet6", "unix", "unspec", "packet", "netlink", "can", "rds", "vsock"}
var levels = []string{"socket", "ip", "ipv6", "tcp", "udp", "raw", "can_raw", "can_j1939", "vsock"}
var socketRefs = []string{"cli", "conn", "srv", "u", "#1", "#2", "#3", "#5", "#6"}

func TestComplete(t *testing.T) {
	env := testEnv()
	tests := []struct {
		line string
		want []string
	}{
		// Command names, and the words around them.
		{"", allCommands},
		{"so", []string{"socket", "socketpair", "source"}},
		{"SO", []string{"SOCKET", "SOCKETPAIR", "SOURCE"}},
		{"  so", []string{"socket", "socketpair", "source"}},
		{"get", []string{"getaddrinfo", "getblocking", "gethostbyname", "gethostname", "getpeername", "getsockname", "getsockopt", "gettimeout"}},
		{"ex", []string{"exit"}},
		{"xyz", nil},
		{"srv = soc", []string{"socket", "socketpair"}},
		{"srv=soc", []string{"socket", "socketpair"}},
		{"a, b = socketp", []string{"socketpair"}},
		{"a,b=socketp", []string{"socketpair"}},
		{"ls; so", []string{"socket", "socketpair", "source"}},
		{"bind srv :0; listen s", []string{"srv"}},
		{"bogus ", nil},
		{"ls ", nil},
		{"gethostname ", nil},

		// socket: family, type, protocol by position, and fileno=.
		{"socket ", families},
		{"socket i", []string{"inet", "inet6", "ipv4", "ipv6"}},
		{"socket AF_IN", []string{"AF_INET", "AF_INET6"}},
		{"socket af_un", []string{"af_unix", "af_unspec"}},
		{"socket Lo", []string{"Local"}},
		{"socket inet ", []string{"stream", "dgram", "raw", "seqpacket", "rdm"}},
		{"socket inet d", []string{"dgram"}},
		{"socket inet SOCK_D", []string{"SOCK_DGRAM"}},
		{"socket inet stream|", []string{"stream|nonblock", "stream|cloexec"}},
		{"socket inet stream|n", []string{"stream|nonblock"}},
		{"socket inet stream t", []string{"tcp"}},
		{"socket inet dgram u", []string{"udp", "udplite"}},
		{"socket can raw ", []string{"raw", "bcm"}},
		{"socket inet stream tcp ", []string{"fileno="}},
		{"socket f", []string{"family=", "fileno="}},
		{"socket fileno=%s", []string{"fileno=%srv"}},
		{"socket fileno=", []string{"fileno=%cli", "fileno=%conn", "fileno=%srv", "fileno=%u", "fileno=%1", "fileno=%2", "fileno=%3", "fileno=%5", "fileno=%6"}},
		{"srv = socket inet stream tcp fileno=3 ", nil},
		{"socketpair ", families},
		{"socketpair unix s", []string{"stream", "seqpacket"}},
		{"fromfd ", []string{"%cli", "%conn", "%srv", "%u", "%1", "%2", "%3", "%5", "%6"}},
		{"fromfd %srv ", families},
		{"fromfd %srv inet ", []string{"stream", "dgram", "raw", "seqpacket", "rdm"}},

		// Handles: names, then numbers; sockets where a socket goes.
		{"bind ", socketRefs},
		{"bind s", []string{"srv"}},
		{"bind c", []string{"cli", "conn"}},
		{"bind #", []string{"#1", "#2", "#3", "#5", "#6"}},
		{"bind 1", []string{"1"}},
		{"bind #1", []string{"#1"}},
		{"bind S", nil}, // names are case-sensitive
		{"bind nosuch", nil},
		{"close ", []string{"cli", "conn", "f", "srv", "u", "#1", "#2", "#3", "#4", "#5", "#6"}},
		{"fileno ", []string{"cli", "conn", "f", "srv", "u", "#1", "#2", "#3", "#4", "#5", "#6"}}, // files have fds too
		{"read ", []string{"f", "#4"}},
		{"readline ", []string{"f", "#4"}},
		{"write f ", nil},
		{"flush ", []string{"f", "#4"}},
		{"poll srv ", socketRefs},
		{"poll srv cli ", socketRefs},
		{"x = accept s", []string{"srv"}},
		{"dup c", []string{"cli", "conn"}},

		// Addresses: $H and its halves, unix paths; nothing to guess for IPs.
		{"bind srv ", nil},
		{"bind srv 127.0", nil},
		{"connect cli $", []string{"$cli", "$conn", "$srv", "$u", "$1", "$2", "$3", "$5", "$6"}},
		{"connect cli $s", []string{"$srv"}},
		{"connect cli $srv.", []string{"$srv.port", "$srv.host"}},
		{"connect cli $srv.p", []string{"$srv.port"}},
		{"connect cli $1.h", []string{"$1.host"}},
		{"connect cli $nosuch.", nil},
		{"connect cli 127.0.0.1 $srv.p", []string{"$srv.port"}},
		{"bind u /tmp/", []string{"/tmp/other/", "/tmp/x.sock", "/tmp/xy.sock"}},
		{"bind u /tmp/x", []string{"/tmp/x.sock", "/tmp/xy.sock"}},
		{"connect u @ab", nil}, // the abstract namespace, not a file
		{"unlink /tmp/xy", []string{"/tmp/xy.sock"}},
		{"getaddrinfo ", []string{"localhost"}},
		{"getaddrinfo lo", []string{"localhost"}},
		{"getaddrinfo localhost 80 ", families},
		{"getaddrinfo localhost 80 inet ", []string{"stream", "dgram", "raw", "seqpacket", "rdm"}},

		// Socket options: levels, then only the chosen level's options.
		{"getsockopt srv ", levels},
		{"getsockopt srv SO_RCVB", []string{"SO_RCVBUF", "SO_RCVBUFFORCE"}},
		{"getsockopt srv so_rcvb", []string{"so_rcvbuf", "so_rcvbufforce"}},
		{"getsockopt srv sol_s", []string{"sol_socket"}},
		{"getsockopt srv IPPROTO_T", []string{"IPPROTO_TCP"}},
		{"getsockopt srv tcp TCP_NO", []string{"TCP_NODELAY", "TCP_NOTSENT_LOWAT"}},
		{"getsockopt srv tcp tcp_nod", []string{"tcp_nodelay"}},
		{"getsockopt srv tcp nod", []string{"nodelay"}},
		{"getsockopt srv tcp SO_", nil},
		{"getsockopt srv tcp SO_RCVBUF ", nil},
		{"getsockopt srv socket rcv", []string{"rcvbuf", "rcvlowat", "rcvtimeo", "rcvbufforce"}},
		{"getsockopt srv SOL_SOCKET SO_KEEP", []string{"SO_KEEPALIVE"}},
		{"getsockopt srv IPPROTO_TCP TCP_NODE", []string{"TCP_NODELAY"}},
		{"getsockopt srv ipv6 IPV6_V6", []string{"IPV6_V6ONLY"}},
		{"getsockopt srv ip IP_TT", []string{"IP_TTL"}},
		{"getsockopt srv ip IPV6_", nil},
		{"getsockopt srv SO_RCVBUF ", nil},
		{"getsockopt srv nosuchlevel ", nil},
		{"setsockopt srv SO_REUSEADDR ", []string{"on", "off"}},
		{"setsockopt srv SO_REUSEADDR o", []string{"on", "off"}},
		{"setsockopt srv SO_REUSEADDR t", []string{"true"}},
		{"setsockopt srv socket SO_KEEPALIVE ", []string{"on", "off"}},
		{"setsockopt srv tcp TCP_NODELAY ", []string{"on", "off"}},
		{"setsockopt srv SO_LINGER ", []string{"on", "off"}},
		{"setsockopt srv SO_RCVBUF ", nil},
		{"setsockopt srv SO_RCVTIMEO ", nil},

		// Flags and the other word lists.
		{"recv conn ", []string{"oob", "peek", "dontroute", "ctrunc", "trunc", "dontwait", "eor", "waitall", "confirm", "errqueue", "nosignal", "more", "waitforone", "zerocopy", "fastopen", "cmsg_cloexec"}},
		{"recv conn 1024 pe", []string{"peek"}},
		{"recv conn pe", []string{"peek"}},
		{"recv conn peek|dont", []string{"peek|dontroute", "peek|dontwait"}},
		{"recv conn MSG_PE", []string{"MSG_PEEK"}},
		{"recv conn 1024 peek ", nil},
		{"recvfrom u 100 w", []string{"waitall", "waitforone"}},
		{`send conn "hi" `, []string{"oob", "peek", "dontroute", "ctrunc", "trunc", "dontwait", "eor", "waitall", "confirm", "errqueue", "nosignal", "more", "waitforone", "zerocopy", "fastopen", "cmsg_cloexec"}},
		{`sendall conn "x"*10 nos`, []string{"nosignal"}},
		{"sendto u hi ", nil},
		{"shutdown cli ", []string{"rd", "wr", "rdwr"}},
		{"shutdown cli r", []string{"rd", "rdwr"}},
		{"shutdown cli SHUT_W", []string{"SHUT_WR"}},
		{"setblocking cli ", []string{"true", "false"}},
		{"setblocking cli f", []string{"false"}},
		{"settimeout cli ", []string{"none"}},
		{"settimeout cli N", []string{"NONE"}},
		{"settimeout cli 2", nil},
		{"makefile conn ", []string{"r", "w", "rw", "rb", "wb", "rwb"}},
		{"makefile conn rw", []string{"rw", "rwb"}},
		{"set ", []string{"trace", "hints", "echo", "python", "color", "wire", "preview", "lang"}},
		{"set t", []string{"trace"}},
		{"set trace ", []string{"on", "off"}},
		{"set color of", []string{"off"}},
		{"set preview ", nil},
		{"help ", helpWords},
		{"help conn", []string{"connect", "connect_ex"}},
		{"help f", []string{"families", "fileno", "flags", "flush", "fromfd"}},
		{"help options ", levels},
		{"help options t", []string{"tcp"}},
		{"help modes ", nil},
		{"errno ECONNR", []string{"ECONNRESET", "ECONNREFUSED"}},
		{"errno ewould", []string{"ewouldblock"}},
		{"errno 11", nil},

		// Files: source, unlink, and @file in data.
		{"source ", []string{"lab.sock", "labs/", "payload.bin", "tmp/"}},
		{"source lab", []string{"lab.sock", "labs/"}},
		{"source labs/", []string{"labs/a.sock", "labs/b.sock"}},
		{"source .", []string{".hidden"}},
		{"source nosuchdir/", nil},
		{"send conn @", []string{"@lab.sock", "@labs/", "@payload.bin", "@tmp/"}},
		{"send conn @pay", []string{"@payload.bin"}},
		{"write f @labs/a", []string{"@labs/a.sock"}},

		// Expectations, comments and quotes.
		{"recv conn => ", []string{"ok", "timeout", "interrupted", "error"}},
		{"recv conn =>EAG", []string{"EAGAIN"}},
		{"connect cli :1 => ECONNR", []string{"ECONNRESET", "ECONNREFUSED"}},
		{"makefile conn x => Val", []string{"ValueError"}},
		{"recv conn => ok; so", []string{"socket", "socketpair", "source"}},
		{"echo hi # com", nil},
		{"# so", nil},
		{`send conn "hel`, nil},
		{`send conn 'it'"s" `, []string{"oob", "peek", "dontroute", "ctrunc", "trunc", "dontwait", "eor", "waitall", "confirm", "errqueue", "nosignal", "more", "waitforone", "zerocopy", "fastopen", "cmsg_cloexec"}},
		{"bind srv 127.0.0.1 8080 ", nil},
	}
	for _, tc := range tests {
		word, got := Complete(tc.line, env)
		if !reflect.DeepEqual(got, tc.want) && !(len(got) == 0 && len(tc.want) == 0) {
			t.Errorf("Complete(%q) = %q (word %q)\n want %q", tc.line, got, word, tc.want)
		}
	}
}

// TestCompleteOptionsOfLevel: after a level, Tab offers exactly that
// level's options, for every level.
func TestCompleteOptionsOfLevel(t *testing.T) {
	env := testEnv()
	for _, e := range sockopt.Levels.Entries {
		for _, spelling := range []string{e.Name, strings.ToLower(e.Name)} {
			_, got := Complete("getsockopt srv "+spelling+" ", env)
			var want []string
			for _, o := range sockopt.ForLevel(e.Value) {
				want = append(want, o.Name)
			}
			if !reflect.DeepEqual(got, want) && !(len(got) == 0 && len(want) == 0) {
				t.Errorf("getsockopt srv %s: got %q, want %q", spelling, got, want)
			}
		}
	}
}

// TestCompleteWord: the word returned is the one at the cursor, and every
// candidate begins with it, over every prefix of many real lines.
func TestCompleteWord(t *testing.T) {
	env := testEnv()
	lines := []string{
		`srv = socket inet stream`, `bind srv 127.0.0.1:0`, `listen srv 5`,
		`conn = accept srv => #3`, `a, b = socketpair unix stream`, `recv conn 1024 peek|dontwait`,
		`sendall conn "hello\n" nosignal; recv b`, `setsockopt srv SOL_SOCKET SO_LINGER 1 5`,
		`getsockopt srv tcp TCP_INFO 16`, `connect cli $srv.port # comment`, `send conn @labs/a.sock`,
		`socket fileno=%srv`, `settimeout conn none => ok`, `poll srv cli 5`, `errno EWOULDBLOCK`,
		`echo "a b" 'c' (1, 2)`, `set trace on`, `source labs/b.sock`, `x=dup #1`,
	}
	for _, c := range session.Commands() {
		lines = append(lines, c.Example)
	}
	for _, l := range lines {
		for i := 0; i <= len(l); i++ {
			prefix := l[:i]
			word, cands := Complete(prefix, env)
			if !strings.HasSuffix(prefix, word) {
				t.Errorf("Complete(%q): word %q is not at the end of the line", prefix, word)
			}
			for _, c := range cands {
				if !strings.HasPrefix(c, word) {
					t.Errorf("Complete(%q): candidate %q does not begin with %q", prefix, c, word)
				}
			}
			Hint(prefix, env) // must not panic
		}
	}
}

// TestCompleteCommandExamples: each command's name completes from any of
// its prefixes.
func TestCompleteCommandExamples(t *testing.T) {
	for _, c := range session.Commands() {
		for i := 1; i <= len(c.Name); i++ {
			_, got := Complete(c.Name[:i], Env{})
			if !slices.Contains(got, c.Name) {
				t.Errorf("Complete(%q) = %q, lacks %s", c.Name[:i], got, c.Name)
			}
		}
	}
}

func TestParse(t *testing.T) {
	tests := []struct {
		line string
		want context
	}{
		{"", context{}},
		{"bind srv ", context{Words: []string{"bind", "srv"}}},
		{"bind srv 1", context{Words: []string{"bind", "srv"}, Word: "1"}},
		{"srv = socket in", context{Words: []string{"socket"}, Word: "in"}},
		{"a , b= socketpair ", context{Words: []string{"socketpair"}}},
		{`send 1 "a b" `, context{Words: []string{"send", "1", `"a b"`}}},
		{`send 1 "a b`, context{Words: []string{"send", "1"}, Word: `"a b`, Quoted: true}},
		{`send 1 ('a', 1) x`, context{Words: []string{"send", "1", "('a', 1)"}, Word: "x"}},
		{"ls; bind #", context{Words: []string{"bind"}, Word: "#"}},
		{"bind #1 # note", context{Comment: true}},
		{"recv 1 => EAG", context{Expect: true, Words: nil, Word: "EAG"}},
		{`recv 1 => b'a;b`, context{Expect: true, Quoted: true, Word: "b'a;b"}},
		{"recv 1 => ok; close 1", context{Words: []string{"close"}, Word: "1"}},
		{"x = ", context{}},
	}
	for _, tc := range tests {
		if got := parse(tc.line); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parse(%q) = %+v, want %+v", tc.line, got, tc.want)
		}
	}
}

func TestCaseLike(t *testing.T) {
	for _, tc := range []struct{ typed, rest, want string }{
		{"so_", "RCVBUF", "rcvbuf"},
		{"SO_", "rcvbuf", "RCVBUF"},
		{"So_", "RCVBUF", "RCVBUF"},
		{"", "RCVBUF", "RCVBUF"},
		{"_", "Abc", "Abc"},
	} {
		if got := caseLike(tc.typed, tc.rest); got != tc.want {
			t.Errorf("caseLike(%q, %q) = %q, want %q", tc.typed, tc.rest, got, tc.want)
		}
	}
}

// TestHelpTopicsExist: every topic completion offers is one help shows.
func TestHelpTopicsExist(t *testing.T) {
	sys, err := sock.New()
	if err != nil {
		t.Fatal(err)
	}
	defer sys.Release()
	var out bytes.Buffer
	s := session.New(sys, &render.Printer{W: &out})
	for _, topic := range helpTopics {
		out.Reset()
		if st := s.ExecLine("help " + topic); st.Failed {
			t.Errorf("help %s failed: %s", topic, out.String())
		}
	}
}

// TestDeclarationsAgree: each command's declaration (session.Param), its
// help, its hints and its completion say the same, for every parameter:
// derived from the table, so a new command or kind is checked as it comes.
func TestDeclarationsAgree(t *testing.T) {
	env := testEnv()
	sys, err := sock.New()
	if err != nil {
		t.Fatal(err)
	}
	defer sys.Release()
	var out strings.Builder
	s := session.New(sys, &render.Printer{W: &out})
	for _, c := range session.Commands() {
		// help shows the synopsis the declaration renders.
		out.Reset()
		s.ExecLine("help " + c.Name)
		if !strings.Contains(out.String(), strings.TrimSpace(c.Name+" "+c.Args)) {
			t.Errorf("help %s does not show %q:\n%s", c.Name, c.Name+" "+c.Args, out.String())
		}
		line := c.Name
		for i, p := range c.Params {
			if len(p.Kinds) == 0 && len(p.Choices) == 0 {
				t.Errorf("%s: parameter %d has neither a kind nor choices", c.Name, i+1)
			}
			for _, k := range p.Kinds {
				kd := session.KindOf(k)
				if kd == nil {
					t.Errorf("%s: kind %s is not in the kinds table", c.Name, k)
					continue
				}
				if kd.Word == "" || !kd.Fits(kd.Word, nil) {
					t.Errorf("kind %s: its word %q does not fit it", k, kd.Word)
				}
			}
			if p.Keyword != "" {
				continue // written NAME=VALUE, anywhere
			}
			// The hint after the words so far starts with this parameter
			// (after another of a repeated one before it) and shows its
			// default.
			h := Hint(line+" ", env)
			if after, _ := strings.CutPrefix(h, "["+c.Params[max(i-1, 0)].Synopsis()+"] "); !strings.HasPrefix(after, p.Synopsis()) {
				t.Errorf("Hint(%q) = %q, want it to start with %s", line+" ", h, p.Synopsis())
			}
			if p.Default != "" && len(p.Kinds) > 0 && !strings.Contains(h, "(default "+p.Default+")") {
				t.Errorf("Hint(%q) = %q: lacks the default %s", line+" ", h, p.Default)
			}
			// Completion there offers every literal choice.
			if _, cands := Complete(line+" ", env); len(p.Choices) > 0 {
				for _, ch := range p.Choices {
					if !slices.Contains(cands, ch) {
						t.Errorf("Complete(%q) = %q, lacks %s", line+" ", cands, ch)
					}
				}
			}
			// Go on with a word that fits.
			switch {
			case len(p.Kinds) > 0:
				line += " " + session.KindOf(p.Kinds[0]).Word
			default:
				line += " " + p.Choices[0]
			}
		}
	}
}
