package session

import (
	"bytes"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"unicode/utf8"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/errno"
	"sockrepl/internal/expect"
	"sockrepl/internal/line"
	"sockrepl/internal/literal"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/sock"
	"sockrepl/internal/sockopt"
)

// This file writes the session as a C program (`save FILE.c`): each call
// the session made, the calls of its lines of Python included, as the
// system call underneath, with its outcome checked against the session's
// and its value printed where the saved .py program prints it. How each
// command is written is one row of cCalls; the helpers the rows' code
// calls are in csrc/prelude.c. The program's comments are English only.

// cCall writes one call of a command as C statements (a.line) that leave
// its return value in r (< 0 with errno set when it fails), and says with
// a.show how its value is printed; false when C cannot make the call from
// these words.
type cCall func(g *cGen, a *cArgs) bool

// cCalls is how each command is written in C, by command; a command not
// here (makefile's files, peer, getaddrinfo, echo…) is written as a
// comment.
var cCalls map[string]cCall

func init() {
	cCalls = map[string]cCall{
		"socket":     cSocket,
		"socketpair": cSocketpair,
		"dup":        cDup,
		"fromfd":     cDup,
		"bind": func(g *cGen, a *cArgs) bool {
			return a.addr("address") && a.line("r = bind(%s, (struct sockaddr *)&a, alen);", a.fd())
		},
		"listen": func(g *cGen, a *cArgs) bool {
			return a.line("r = listen(%s, %s);", a.fd(), a.int("backlog"))
		},
		"accept": cAccept,
		"connect": func(g *cGen, a *cArgs) bool {
			return a.addr("address") && a.line("r = connect_wait(%s, (struct sockaddr *)&a, alen);", a.fd())
		},
		"connect_ex": func(g *cGen, a *cArgs) bool {
			a.show(`printf("%d\n", r == TIMED_OUT ? EAGAIN : r < 0 ? errno : 0);`)
			return a.addr("address") && a.line("r = connect_wait(%s, (struct sockaddr *)&a, alen);", a.fd())
		},
		"recv": func(g *cGen, a *cArgs) bool {
			a.show("show_bytes(buf, r);")
			if a.int("bufsize") == "0" {
				// CPython's recv(0) returns b'' without a call; the
				// kernel's would wait for a byte.
				return a.line("r = 0; /* recv(0): b'' at once, as Python */")
			}
			return a.waiting("POLLIN", "recv(%s, scratch(%s), %s, %s)", a.fd(), a.int("bufsize"), a.int("bufsize"), a.flags())
		},
		"recvfrom": func(g *cGen, a *cArgs) bool {
			a.show("show_from(buf, r, &a, alen);")
			a.line("alen = sizeof a;")
			return a.waiting("POLLIN", "recvfrom(%s, scratch(%s), %s, %s, (struct sockaddr *)&a, &alen)", a.fd(), a.int("bufsize"), a.int("bufsize"), a.flags())
		},
		"send": func(g *cGen, a *cArgs) bool {
			a.show(`printf("%ld\n", r);`)
			data, n, ok := a.data()
			return ok && a.waiting("POLLOUT", "send(%s, %s, %s, %s)", a.fd(), data, n, a.flags())
		},
		"sendall": func(g *cGen, a *cArgs) bool {
			data, n, ok := a.data()
			return ok && a.line("r = send_all(%s, %s, %s, %s);", a.fd(), data, n, a.flags())
		},
		"sendto": func(g *cGen, a *cArgs) bool {
			a.show(`printf("%ld\n", r);`)
			data, n, ok := a.data()
			return ok && a.addr("address") &&
				a.waiting("POLLOUT", "sendto(%s, %s, %s, %s, (struct sockaddr *)&a, alen)", a.fd(), data, n, a.flags())
		},
		"shutdown": func(g *cGen, a *cArgs) bool {
			how, ok := a.named(names.ShutdownHow, "how")
			return ok && a.line("r = shutdown(%s, %s);", a.fd(), how)
		},
		"getsockname": cName("getsockname"),
		"getpeername": cName("getpeername"),
		"setsockopt":  cSetsockopt,
		"getsockopt":  cGetsockopt,
		"close": func(g *cGen, a *cArgs) bool {
			if f := a.file(); f != nil {
				return a.line("r = file_close(&%s);", a.fd())
			}
			return a.isSocket() && a.line("r = close_fd(&%s);", a.fd())
		},
		"makefile": func(g *cGen, a *cArgs) bool {
			if len(a.made) != 1 || a.made[0].File == nil {
				return false
			}
			if !a.made[0].File.binary {
				a.line("/* text mode: read and written as UTF-8 bytes, without Python's newline translation */")
			}
			return a.line("r = %s = file_open(%s);", g.handle(a.made[0]), a.fd())
		},
		"write": func(g *cGen, a *cArgs) bool {
			f := a.file()
			data, n, ok := a.data()
			if f == nil || !ok {
				return false
			}
			a.show(`printf("%ld\n", r);`)
			if !f.binary {
				// A text file's write counts characters.
				b, _ := a.bytes()
				a.show(fmt.Sprintf(`printf("%%d\n", %d);`, utf8.RuneCount(b)))
			}
			return a.line("r = file_write(%s, %s, %s);", a.fd(), data, n)
		},
		"flush": func(g *cGen, a *cArgs) bool {
			return a.file() != nil && a.line("r = file_flush(%s);", a.fd())
		},
		"read": func(g *cGen, a *cArgs) bool {
			f := a.file()
			if f == nil {
				return false
			}
			a.showRead(f)
			n := a.word("size")
			if n == "" || strings.EqualFold(n, "none") {
				n = "-1"
			} else if _, err := strconv.ParseInt(n, 10, 64); err != nil {
				return false
			}
			return a.line("r = file_read(%s, %s);", a.fd(), n)
		},
		"readline": func(g *cGen, a *cArgs) bool {
			f := a.file()
			if f == nil {
				return false
			}
			a.showRead(f)
			return a.line("r = file_readline(%s);", a.fd())
		},
		"detach": func(g *cGen, a *cArgs) bool {
			a.show(`printf("%ld\n", r);`)
			fd := a.fd()
			return a.line("r = %s;", fd) && a.line("%s = -1;", fd)
		},
		"fileno": func(g *cGen, a *cArgs) bool {
			a.show(`printf("%ld\n", r);`)
			if a.file() != nil {
				return a.line("r = file_fileno(%s);", a.fd())
			}
			return a.isSocket() && a.line("r = %s;", a.fd())
		},
		"setblocking": func(g *cGen, a *cArgs) bool {
			t := "0"
			if b, ok := parseBool(a.word("flag")); ok && b {
				t = "-1"
			}
			return a.line("r = set_timeout(%s, %s);", a.fd(), t)
		},
		"settimeout": func(g *cGen, a *cArgs) bool {
			w := a.word("value")
			if strings.EqualFold(w, "none") {
				w = "-1"
			} else if _, err := strconv.ParseFloat(w, 64); err != nil {
				return false
			}
			return a.line("r = set_timeout(%s, %s);", a.fd(), w)
		},
		"poll": cPoll,
		"gettimeout": func(g *cGen, a *cArgs) bool {
			// No system call: Python keeps the timeout, as the program does.
			a.show(fmt.Sprintf("show_timeout(%s);", a.fd()))
			return a.line("r = 0;")
		},
		"getblocking": func(g *cGen, a *cArgs) bool {
			// No system call: the timeout Python keeps says it.
			a.show(fmt.Sprintf("printf(\"%%s\\n\", timeout_of(%s) == 0 ? \"False\" : \"True\");", a.fd()))
			return a.line("r = 0;")
		},
		"gethostname": func(g *cGen, a *cArgs) bool {
			a.show("show_text(buf);")
			return a.line("r = gethostname(scratch(256), 256);")
		},
		"inet_aton": func(g *cGen, a *cArgs) bool {
			// inet_aton sets no errno: a refusal is EINVAL here, the
			// session's OSError.
			a.show("show_bytes(buf, r);")
			return a.line("r = inet_aton(%s, (struct in_addr *)scratch(4)) ? 4 : (errno = EINVAL, -1);", cString([]byte(unquoteWord(a.word("ip_string")))))
		},
		"inet_ntoa": func(g *cGen, a *cArgs) bool {
			b, ok := a.bytesOf("packed_ip")
			if !ok || len(b) != 4 {
				return false
			}
			a.show("show_text(buf);")
			return a.line("r = (strcpy(scratch(16), inet_ntoa(*(struct in_addr *)%s)), 0);", cString(b))
		},
		"gethostbyname": func(g *cGen, a *cArgs) bool {
			// The C library's lookup, which may ask more than /etc/hosts.
			a.show("show_text(buf);")
			return a.line("{ struct hostent *he = gethostbyname(%s); r = he ? (strcpy(scratch(16), inet_ntoa(*(struct in_addr *)he->h_addr_list[0])), 0) : (errno = ENOENT, -1); }", cString([]byte(unquoteWord(a.word("hostname")))))
		},
		"htons": cByteOrder("htons", "uint16_t"),
		"ntohs": cByteOrder("ntohs", "uint16_t"),
		"htonl": cByteOrder("htonl", "uint32_t"),
		"ntohl": cByteOrder("ntohl", "uint32_t"),
		"unlink": func(g *cGen, a *cArgs) bool {
			a.path = cString([]byte(unquoteWord(a.word("path"))))
			return a.line("r = unlink(%s);", a.path)
		},
	}
}

// cByteOrder writes htons, ntohs, htonl or ntohl of the number given (one
// out of range never gets here: Python refused it).
func cByteOrder(fn, ctype string) cCall {
	return func(g *cGen, a *cArgs) bool {
		a.show(`printf("%ld\n", r);`)
		return a.line("r = (long)%s((%s)%sUL);", fn, ctype, a.int("x"))
	}
}

func cSocket(g *cGen, a *cArgs) bool {
	if a.word("fileno") != "" {
		return false
	}
	fam, ok1 := a.named(names.Families, "family")
	typ, nonblock, ok2 := a.sockType()
	if !ok1 || !ok2 || len(a.made) != 1 {
		return false
	}
	h := g.handle(a.made[0])
	a.line("r = %s = socket(%s, %s, %s);", h, fam, typ, a.proto())
	a.made1(h, nonblock)
	return true
}

func cSocketpair(g *cGen, a *cArgs) bool {
	fam, ok1 := a.named(names.Families, "family")
	typ, nonblock, ok2 := a.sockType()
	if !ok1 || !ok2 || len(a.made) != 2 {
		return false
	}
	h0, h1 := g.handle(a.made[0]), g.handle(a.made[1])
	a.line("r = socketpair(%s, %s, %s, pair);", fam, typ, a.proto())
	a.line("%s = r < 0 ? -1 : pair[0];", h0)
	a.line("%s = r < 0 ? -1 : pair[1];", h1)
	a.made1(h0, nonblock)
	a.made1(h1, nonblock)
	return true
}

// cDup: dup and fromfd both duplicate a descriptor.
func cDup(g *cGen, a *cArgs) bool {
	fd := a.fd()
	if w := a.word("fd"); w != "" {
		var ok bool
		if fd, ok = a.fdWord(w); !ok {
			return false
		}
	}
	if len(a.made) != 1 {
		return false
	}
	h := g.handle(a.made[0])
	a.line("r = %s = dup(%s);", h, fd)
	a.made1(h, false)
	return true
}

func cAccept(g *cGen, a *cArgs) bool {
	if len(a.made) != 1 {
		return false
	}
	h := g.handle(a.made[0])
	a.line("alen = sizeof a;")
	a.waiting("POLLIN", "accept(%s, (struct sockaddr *)&a, &alen)", a.fd())
	a.line("%s = (int)r;", h)
	a.made1(h, false)
	if a.addrName != "" {
		v := g.addrVar(a.addrName)
		a.line("%s = a;", v)
		a.line("%s_len = alen;", v)
	}
	return true
}

// cPoll waits as poll H… [TIMEOUT] does, for the events it asks about.
// Which handles were ready depends on the moment: it is not checked, and
// not printed (the .py program has no poll either).
func cPoll(g *cGen, a *cArgs) bool {
	words, ms := a.words, "0"
	if n := len(words); n > 1 && looksNumeric(words[n-1]) {
		t, err := strconv.ParseFloat(words[n-1], 64)
		if err != nil {
			return false
		}
		ms = strconv.FormatInt(int64(t*1000), 10)
		if t < 0 {
			ms = "-1"
		}
		words = words[:n-1]
	}
	var fds []string
	for _, w := range words {
		h, err := g.s.handle(w)
		if err != nil || h.Sock == nil {
			return false
		}
		fds = append(fds, fmt.Sprintf("{.fd = %s, .events = POLLIN | POLLOUT | POLLRDHUP}", g.handle(h)))
	}
	if len(fds) == 0 {
		return false
	}
	a.line("{")
	a.line("\tstruct pollfd fds[] = {%s};", strings.Join(fds, ", "))
	a.line("\tr = poll(fds, %d, %s);", len(fds), ms)
	return a.line("}")
}

func cName(call string) cCall {
	return func(g *cGen, a *cArgs) bool {
		a.show("show_addr(&a, alen);")
		a.line("alen = sizeof a;")
		return a.line("r = %s(%s, (struct sockaddr *)&a, &alen);", call, a.fd())
	}
}

func cSetsockopt(g *cGen, a *cArgs) bool {
	level, opt, ok := a.option()
	if !ok {
		return false
	}
	w := a.word("value")
	b, isInt, ok := optValueProgram(a.word("level"), a.word("optname"), w)
	if !ok {
		return false
	}
	if isInt {
		if v, isBool := parseBool(w); isBool && !names.IsDecimal(w) {
			w = map[bool]string{true: "1", false: "0"}[v]
		}
		a.line("optval = %s;", w)
		return a.line("r = setsockopt(%s, %s, %s, &optval, sizeof optval);", a.fd(), level, opt)
	}
	return a.line("r = setsockopt(%s, %s, %s, %s, %d);", a.fd(), level, opt, cString(b), len(b))
}

func cGetsockopt(g *cGen, a *cArgs) bool {
	level, opt, ok := a.option()
	if !ok {
		return false
	}
	if n := a.word("buflen"); n != "" {
		a.show("show_bytes(buf, alen);")
		a.line("alen = %s;", a.int("buflen"))
		return a.line("r = getsockopt(%s, %s, %s, scratch(alen), &alen);", a.fd(), level, opt)
	}
	a.show(`printf("%d\n", optval);`)
	a.line("optval = 0;")
	a.line("alen = sizeof optval;")
	return a.line("r = getsockopt(%s, %s, %s, &optval, &alen);", a.fd(), level, opt)
}

// cGen is one C program being written.
type cGen struct {
	s      *Session
	body   bytes.Buffer
	vars   []string          // the handles' variables, in the order first met
	byID   map[int]string    // a handle's variable
	addrs  []string          // addresses named by accept (conn, addr = accept srv)
	consts map[string]int    // the constants used, each defined if the headers lack it
	taken  map[string]string // variable name -> what it stands for
	vals   map[string]string // the statement's Python names (step.vals)
}

// cReserved are the names a handle's variable may not take: C's keywords
// and what the program itself uses.
var cReserved = strings.Fields(`auto break case char const continue default do double else enum extern
	float for goto if inline int long register restrict return short signed sizeof static struct switch
	typedef union unsigned void volatile while main r a alen fds files file_open file_flush file_write file_fill file_take file_read file_readline file_close file_of file_fileno file_refs closing nfiles show_chars show_timeout show_text want_errno_file buf buf_size pair optval errno die made
	timeouts timeout_of set_timeout ready again connect_wait send_all close_fd scratch repeat make_inet
	make_unix addr_of print_repr print_addr show_bytes show_addr show_from data data_size want_ok want_errno want_timeout want_value_errno socket
	socketpair bind listen accept connect send sendto recv recvfrom shutdown close getsockname
	getpeername setsockopt getsockopt dup gethostname unlink printf putchar poll fcntl free malloc
	strerror exit signal`)

// handle is the C variable of a handle: its Python name, unless C
// reserves that.
func (g *cGen) handle(h *Handle) string {
	if v, ok := g.byID[h.ID]; ok {
		return v
	}
	v := pyHandle(h)
	for slices.Contains(cReserved, v) || g.taken[v] != "" {
		v += "_"
	}
	g.byID[h.ID], g.taken[v] = v, "handle"
	g.vars = append(g.vars, v)
	return v
}

// addrVar is the variable that holds an address accept named.
func (g *cGen) addrVar(name string) string {
	if g.taken[name] == "addr" {
		return name
	}
	v := name
	for slices.Contains(cReserved, v) || g.taken[v] != "" {
		v += "_"
	}
	g.taken[v] = "addr"
	g.taken[name] = "addr"
	g.addrs = append(g.addrs, v)
	return v
}

// constant is a name the program uses for a number; the program defines
// it where the system's headers do not.
func (g *cGen) constant(name string, v int) string {
	if names.IsDecimal(name) {
		return name
	}
	g.consts[name] = v
	return name
}

// cArgs is one call being written: its command, its words by parameter,
// the handles it made, and the statements written so far.
type cArgs struct {
	g        *cGen
	c        *command
	words    []string          // as given, for a command of a list of words (poll)
	vals     map[string]string // see step.vals
	bound    map[string]boundWord
	family   int
	made     []*Handle
	addrName string
	code     []string
	value    string // what prints its value (see show)
	path     string // the file an os call names in its failure, as a C string
}

func (a *cArgs) line(format string, args ...any) bool {
	a.code = append(a.code, fmt.Sprintf(format, args...))
	return true
}

// word is the word a parameter was given (what a Python name in it stood
// for), or its default.
func (a *cArgs) word(key string) string {
	if b, ok := a.bound[key]; ok && b.w != "" {
		if x, ok := a.vals[b.w]; ok {
			return x
		}
		return b.w
	}
	for _, p := range a.c.params {
		if p.Python == key {
			return p.Default
		}
	}
	return ""
}

// fd is the variable of the handle the call acts on.
func (a *cArgs) fd() string {
	w := a.word("")
	h, err := a.g.s.handle(w)
	if err != nil {
		return "-1"
	}
	return a.g.handle(h)
}

// file is the file the call acts on, if it acts on one.
func (a *cArgs) file() *File {
	h, err := a.g.s.handle(a.word(""))
	if err != nil {
		return nil
	}
	return h.File
}

// showRead prints what a read gave: bytes, or a text file's str.
func (a *cArgs) showRead(f *File) {
	if f.binary {
		a.show("show_bytes(buf, r);")
	} else {
		a.show("show_chars(buf, r);")
	}
}

func (a *cArgs) isSocket() bool {
	h, err := a.g.s.handle(a.word(""))
	return err == nil && h.Sock != nil
}

// fdWord is a descriptor written as a number or %name.
func (a *cArgs) fdWord(w string) (string, bool) {
	if n, ok := strings.CutPrefix(w, "%"); ok {
		h, err := a.g.s.handle(n)
		if err != nil || h.Sock == nil {
			return "", false
		}
		return a.g.handle(h), true
	}
	_, err := strconv.Atoi(w)
	return w, err == nil
}

func (a *cArgs) int(key string) string {
	w := a.word(key)
	if _, err := strconv.ParseInt(w, 0, 64); err != nil {
		return "0"
	}
	return w
}

// named is a word of a names table as its C constant.
func (a *cArgs) named(t *names.Table, key string) (string, bool) {
	v, err := t.Lookup(a.word(key))
	if err != nil {
		return "", false
	}
	return a.g.constant(t.Name(v), v), true
}

func (a *cArgs) sockType() (string, bool, bool) {
	t, f, err := names.ParseType(a.word("type"))
	if err != nil {
		return "", false, false
	}
	var parts []string
	for _, n := range strings.Split(names.FormatType(t|f), "|") {
		parts = append(parts, a.g.constant(n, constValue(n, t|f)))
	}
	return strings.Join(parts, " | "), f&unix.SOCK_NONBLOCK != 0, true
}

// constValue is the value of one name of a flags word made of names.
func constValue(name string, all int) int {
	for _, t := range []*names.Table{names.Types, names.TypeFlags, names.MsgFlags} {
		if v, err := t.Lookup(name); err == nil && t.Name(v) == name {
			return v
		}
	}
	return all
}

func (a *cArgs) proto() string {
	w := a.word("proto")
	if v, err := names.ProtocolTable(a.family).Lookup(w); err == nil {
		return a.g.constant(names.ProtocolTable(a.family).Name(v), v)
	}
	return a.int("proto")
}

func (a *cArgs) flags() string {
	w := a.word("flags")
	v, err := names.MsgFlags.LookupFlags(w)
	if w == "" || err != nil || v == 0 {
		return "0"
	}
	var parts []string
	for _, n := range strings.Split(names.MsgFlags.FormatFlags(v), "|") {
		parts = append(parts, a.g.constant(n, constValue(n, v)))
	}
	return strings.Join(parts, " | ")
}

func (a *cArgs) option() (level, opt string, ok bool) {
	o, err := sockopt.Lookup(a.word("level"), a.word("optname"))
	if err != nil {
		return "", "", false
	}
	return a.g.constant(sockopt.Levels.Name(o.Level), o.Level), a.g.constant(o.Name, o.Num), true
}

// waiting makes a call that may wait, as Python does on a socket with a
// timeout: wait until it can go on, and again while it finds nothing.
// The call's first argument is the socket.
func (a *cArgs) waiting(events, format string, args ...any) bool {
	fd := args[0]
	return a.line("do\n\tr = ready(%s, %s) ? %s : TIMED_OUT;\nwhile (again(%s, r));", fd, events, fmt.Sprintf(format, args...), fd)
}

// show sets the statements that print the call's value.
func (a *cArgs) show(code string) { a.value = code }

// made1 sets up a socket the call made, as Python does: no timeout, or
// timeout 0.0 for one made with SOCK_NONBLOCK.
func (a *cArgs) made1(h string, nonblock bool) {
	a.line("made(%s);", h)
	if nonblock {
		a.line("set_timeout(%s, 0);", h)
	}
}

// addr sets a and alen to the address a parameter names: $srv is srv's
// own address, asked at run time, so a port the kernel picked is the
// program's; a name accept gave is that address; anything else is parsed.
func (a *cArgs) addr(key string) bool {
	w := a.word(key)
	if n, ok := strings.CutPrefix(w, "$"); ok {
		if a.g.taken[n] == "addr" {
			v := a.g.addrVar(n)
			return a.line("a = %s;", v) && a.line("alen = %s_len;", v)
		}
		h, err := a.g.s.handle(n)
		if err != nil || h.Sock == nil {
			return false
		}
		return a.line("alen = addr_of(%s, &a, %s);", a.g.handle(h), cString([]byte(w)))
	}
	ws := strings.Fields(w)
	if strings.HasPrefix(w, "(") {
		ws = []string{w} // Python's tuple
	}
	sa, _, err := addr.Parse(a.family, ws)
	if err != nil {
		return false
	}
	switch sa := sa.(type) {
	case *unix.SockaddrInet4:
		host, _ := addr.Host(sa)
		return a.line("alen = make_inet(&a, AF_INET, %q, %d);", host, sa.Port)
	case *unix.SockaddrInet6:
		host, _ := addr.Host(sa)
		if sa.ZoneId != 0 || strings.Contains(host, "%") {
			return false
		}
		return a.line("alen = make_inet(&a, AF_INET6, %q, %d);", host, sa.Port)
	case *sock.AtPath: // a file whose path starts with @
		return a.line("alen = make_unix(&a, %s, %d);", cString([]byte(sa.Name)), len(sa.Name))
	case *unix.SockaddrUnix:
		name := sa.Name
		if strings.HasPrefix(name, "@") {
			name = "\x00" + name[1:]
		}
		return a.line("alen = make_unix(&a, %s, %d);", cString([]byte(name)), len(name))
	}
	return false
}

// data is the bytes a DATA word stands for, as a C expression and its
// length; a run of one unit ("x"*1000) is made at run time.
func (a *cArgs) data() (string, string, bool) {
	w := a.word("data")
	if strings.HasPrefix(w, "$") || strings.HasPrefix(w, "@") {
		return "", "", false
	}
	opts := literal.Options{ReadFile: func(string) ([]byte, error) { return nil, errNoRead }}
	if m := repeated.FindStringSubmatch(w); m != nil {
		if unit, err := literal.Parse(m[1], opts); err == nil {
			return fmt.Sprintf("repeat(%s, %d, %s)", cString(unit), len(unit), m[2]), strconv.Itoa(len(unit)) + " * " + m[2], true
		}
	}
	b, ok := a.bytes()
	if !ok {
		return "", "", false
	}
	if len(b) > 64 && len(bytes.Trim(b, string(b[:1]))) == 0 {
		return fmt.Sprintf("repeat(%s, 1, %d)", cString(b[:1]), len(b)), strconv.Itoa(len(b)), true
	}
	return cString(b), strconv.Itoa(len(b)), true
}

// bytes is what a DATA word stands for.
func (a *cArgs) bytes() ([]byte, bool) { return a.bytesOf("data") }

// bytesOf is a parameter's literal bytes ($NAME and @FILE: not known
// when the program is written).
func (a *cArgs) bytesOf(key string) ([]byte, bool) {
	w := a.word(key)
	if strings.HasPrefix(w, "$") || strings.HasPrefix(w, "@") {
		return nil, false
	}
	b, err := literal.Parse(w, literal.Options{ReadFile: func(string) ([]byte, error) { return nil, errNoRead }})
	return b, err == nil
}

// cString writes bytes as a C string literal, in lines of a readable
// length.
func cString(b []byte) string {
	var out strings.Builder
	out.WriteByte('"')
	col := 0
	for i, c := range b {
		if col >= 72 && i < len(b) {
			out.WriteString("\"\n\t\t\"")
			col = 0
		}
		switch {
		case c == '"' || c == '\\':
			out.WriteByte('\\')
			out.WriteByte(c)
			col += 2
		case c == '\n':
			out.WriteString(`\n`)
			col += 2
		case c == '\t':
			out.WriteString(`\t`)
			col += 2
		case c == '\r':
			out.WriteString(`\r`)
			col += 2
		case c == '?':
			out.WriteString(`\?`) // no trigraphs
			col += 2
		case c < 0x20 || c >= 0x7f:
			// Octal escapes take at most three digits, so the next
			// character cannot run into them as it can into \x.
			fmt.Fprintf(&out, `\%03o`, c)
			col += 4
		default:
			out.WriteByte(c)
			col++
		}
	}
	out.WriteByte('"')
	return out.String()
}

// cComment writes text inside a C comment.
func cComment(text string) string {
	return "/* " + strings.ReplaceAll(strings.ReplaceAll(text, "*/", "* /"), "\n", " ") + " */"
}

// writeC writes the session as a C program.
func (s *Session) writeC(b *bytes.Buffer) {
	g := &cGen{s: s, byID: map[int]string{}, consts: map[string]int{}, taken: map[string]string{}}
	for _, st := range s.program {
		if st.python {
			g.stmt("", cComment(">>> "+st.text))
			if st.fails && (len(st.calls) == 0 || st.calls[len(st.calls)-1].out.fail == expect.NotFailed) {
				g.stmt(cComment("Python raised " + st.out.class + " here, not a system call"))
			}
			for i, cl := range st.calls {
				last := i == len(st.calls)-1
				// The exception a line raised is printed, as the .py
				// program prints it: the line's last call raised it. So
				// is the value of a line that is one call, which the .py
				// program prints with print(repr(…)).
				show := st.fails && last && cl.out.fail != expect.NotFailed && cl.out.class == st.out.class ||
					!st.fails && st.echoed && last && pyOneCall(st.text, cl.cmd)
				g.call(st.text, cl.cmd, cl.words, cl.spans, cl.made, "", cl.out, show, false)
			}
			if st.cut {
				g.stmt(cComment("the session kept no more of its calls: the program ends here"))
				break
			}
			continue
		}
		words, err := bindKeywords(st.cmd, st.st.Words[1:])
		if err != nil {
			words = st.st.Words[1:]
		}
		addrName := ""
		if st.cmd.namesAddr && len(st.st.Names) > st.cmd.creates {
			addrName = st.st.Names[st.cmd.creates]
		}
		g.vals = st.vals
		g.call(st.text, st.cmd, words, st.spans, st.made, addrName, st.out, true, true)
		g.vals = nil
	}
	cLine(b, "/* %s */", msgSavedC.S())
	cLine(b, "/* cc -Wall -Wextra -o program program.c && ./program */")
	b.WriteString(cPrelude)
	var cs []string
	for n := range g.consts {
		cs = append(cs, n)
	}
	slices.Sort(cs)
	for _, n := range cs {
		cLine(b, "#ifndef %s\n#define %s %d\n#endif", n, n, g.consts[n])
	}
	cLine(b, "\nint main(void)\n{")
	for _, v := range g.vars {
		cLine(b, "\tint %s = -1;", v)
	}
	for _, v := range g.addrs {
		cLine(b, "\tstruct sockaddr_storage %s;\n\tsocklen_t %s_len = 0;", v, v)
		cLine(b, "\t(void)%s; /* Python's name for the address; the program need not use it */\n\t(void)%s_len;", v, v)
	}
	cLine(b, "\tsignal(SIGPIPE, SIG_IGN); /* as Python does */")
	cLine(b, "\tsetvbuf(stdout, NULL, _IOLBF, 0);")
	b.Write(g.body.Bytes())
	cLine(b, "\treturn 0;\n}")
}

// cReprShows are the shows that print a str as print() does, each as
// print(repr(…)) writes it instead.
var cReprShows = map[string]string{
	"show_addr(&a, alen);": "print_addr(&a, alen); putchar('\\n');",
	"show_chars(buf, r);":  "print_repr(buf, r, 0); putchar('\\n');",
	"show_text(buf);":      "print_repr(buf, (long)strlen(buf), 0); putchar('\\n');",
}

// pyOneCall reports whether a line of Python is one call of c's method
// on a name (conn.recv(3), srv.getsockname()): its value, which the REPL
// showed, is the call's own.
func pyOneCall(text string, c *command) bool {
	text = strings.TrimSpace(text)
	open := strings.IndexByte(text, '(')
	if open < 0 || !strings.HasSuffix(text, ")") || c.sig.fn == "" {
		return false
	}
	callee := text[:open]
	dot := strings.LastIndexByte(callee, '.')
	if dot < 0 || callee[dot+1:] != c.sig.fn || !line.IsName(callee[:dot]) {
		return false
	}
	// The parenthesis after the method closes at the end of the line.
	depth, quote := 0, byte(0)
	for i := open; i < len(text); i++ {
		ch := text[i]
		switch {
		case quote != 0 && ch == '\\':
			i++
		case quote != 0:
			if ch == quote {
				quote = 0
			}
		case ch == '\'' || ch == '"':
			quote = ch
		case ch == '(' || ch == '[' || ch == '{':
			depth++
		case ch == ')' || ch == ']' || ch == '}':
			depth--
			if depth == 0 && i != len(text)-1 {
				return false
			}
		}
	}
	return depth == 0 && quote == 0
}

// cLine writes a line of the program.
func cLine(b *bytes.Buffer, format string, args ...any) {
	fmt.Fprintf(b, format, args...)
	b.WriteByte('\n')
}

func (g *cGen) stmt(lines ...string) {
	for _, l := range lines {
		for _, ll := range strings.Split(l, "\n") {
			g.body.WriteString("\t" + ll + "\n")
		}
	}
}

// call writes one call and the check of its outcome; show: print its
// value or failure as the .py program does; typed: it is the session's
// statement text itself (else a call of the line text).
func (g *cGen) call(text string, c *command, words []string, sp spans, made []*Handle, addrName string, out outcome, show, typed bool) {
	what := text
	if !typed {
		what = text + ": " + c.name
	}
	if typed {
		g.stmt("", cComment(text))
	} else {
		g.stmt(cComment(truncate(c.name+" "+strings.Join(words, " "), 72)))
	}
	render := cCalls[c.name]
	if render == nil {
		g.stmt(cComment("sockrepl: " + c.name + ": no C call for this"))
		return
	}
	switch out.fail {
	case expect.NotFailed, expect.FailErrno, expect.FailTimeout:
	default:
		class := out.class
		if class == "" {
			class = "Exception"
		}
		g.stmt(cComment(fmt.Sprintf("%s: Python raised %s before any system call; C has no such check", c.name, class)))
		return
	}
	bound, family := g.s.boundWords(c, words, sp)
	a := &cArgs{g: g, c: c, words: words, vals: g.vals, bound: bound, family: family, made: made, addrName: addrName}
	ok := render(g, a)
	value := a.value
	if !ok {
		g.stmt(cComment(fmt.Sprintf("%s: C cannot make this call from these words", c.name)))
		return
	}
	g.stmt(a.code...)
	q := cString([]byte(what))
	flag := map[bool]string{true: "1", false: "0"}[show]
	switch out.fail {
	case expect.FailErrno:
		info := errno.Of(out.errno)
		if a.path != "" {
			g.stmt(fmt.Sprintf("want_errno_file(r, %s, %q, %q, %s, %s, %s);", g.constant(info.Name, int(out.errno)), info.Name, info.PyClass, q, flag, a.path))
		} else {
			g.stmt(fmt.Sprintf("want_errno(r, %s, %q, %q, %s, %s);", g.constant(info.Name, int(out.errno)), info.Name, info.PyClass, q, flag))
		}
	case expect.FailTimeout:
		g.stmt(fmt.Sprintf("want_timeout(r, %s, %s);", q, flag))
	default:
		if c.name == "connect_ex" {
			name := "0"
			if out.errno != 0 {
				name = g.constant(errno.Of(out.errno).Name, int(out.errno))
			}
			g.stmt(fmt.Sprintf("want_value_errno(r, %s, %q, %s);", name, name, q))
		} else {
			g.stmt(fmt.Sprintf("want_ok(r, %s);", q))
		}
		if show && !typed {
			// A line of Python's value is printed as the REPL showed
			// it: print(repr(…)), a str in quotes.
			if r, ok := cReprShows[value]; ok {
				value = r
			}
		}
		if show && !out.void && len(made) == 0 && value != "" {
			g.stmt(value)
		}
	}
}

var msgSavedC = msg.New("session.saved-c",
	"C program saved from a sockrepl session: every call's outcome is checked against the session's",
	"由 sockrepl 会话保存的 C 程序：每个调用的结果都与会话中的结果核对")
