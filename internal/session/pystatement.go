package session

import (
	"errors"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/line"
	"sockrepl/internal/literal"
	"sockrepl/internal/names"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/sockopt"
)

// This file writes a command as the Python statement that does the same,
// for `set python on` and `save FILE.py`. Everything comes from the
// command's row: its Python template (`s.bind(address)`) names the method
// and the order of Python's arguments, and its parameters say which word
// is which argument and, by their kind, how the word is written in Python.

// How a word of each kind is written in Python, for `set python on` and
// saved programs; the kinds table names each kind's (Kind.pySource).
// recvFamily is the family of the socket the call is made on.

func pySrcHandle(s *Session, w string, _ int) string { return s.pyHandleName(w) }

func pySrcData(_ *Session, w string, _ int) string { return pyData(w) }

func pySrcFamily(_ *Session, w string, _ int) string { return pyConst(names.Families, w) }

func pySrcType(_ *Session, w string, _ int) string {
	t, f, err := names.ParseType(w)
	if err != nil {
		return w
	}
	return pyFlagNames(names.FormatType(t | f))
}

func pySrcFlags(_ *Session, w string, _ int) string {
	v, err := names.MsgFlags.LookupFlags(w)
	if err != nil || v == 0 {
		return w
	}
	return pyFlagNames(names.MsgFlags.FormatFlags(v))
}

func pySrcLevel(_ *Session, w string, _ int) string { return pyConst(sockopt.Levels, w) }

func pySrcOpt(_ *Session, w string, _ int) string {
	if o, err := sockopt.Lookup("", w); err == nil {
		return "socket." + o.Name
	}
	return w
}

func pySrcValue(_ *Session, w string, _ int) string {
	if b, ok := parseBool(w); ok && !names.IsDecimal(w) {
		if b {
			return "1"
		}
		return "0"
	}
	return w
}

func pySrcStr(_ *Session, w string, _ int) string { return pyrepr.Str(unquoteWord(w)) }

func pySrcPort(_ *Session, w string, _ int) string {
	if names.IsDecimal(w) {
		return w
	}
	return pyrepr.Str(unquoteWord(w))
}

func pySrcSeconds(_ *Session, w string, _ int) string {
	switch l := strings.ToLower(w); strings.TrimLeft(l, "+-") {
	case "none":
		return "None"
	case "nan", "inf", "infinity":
		return "float('" + l + "')" // Python has no literal for them
	}
	return w
}

// pyChoices are the literal words a parameter may be, in Python.
var pyChoices = map[string]string{
	"rd": "socket.SHUT_RD", "wr": "socket.SHUT_WR", "rdwr": "socket.SHUT_RDWR",
	"true": "True", "false": "False", "none": "None",
}

// pyStatement is the Python statement for command c run as st, which made
// the handles made; "" when Python has no one call for it (poll, peer).
func (s *Session) pyStatement(c *command, st line.Statement, sp spans, made []*Handle) string {
	if c == nil || c.python == "" || strings.Contains(c.python, "().") {
		return ""
	}
	callee, tmpl := c.python[:strings.IndexByte(c.python, '(')], c.sig.names
	words, err := bindKeywords(c, st.Words[1:])
	if err != nil {
		return ""
	}
	given := s.pyArgs(c, words, sp)
	if given == nil {
		return ""
	}
	if recv, ok := given[""]; ok {
		callee = recv + callee[strings.IndexByte(callee, '.'):]
	}
	// Python wants a level where the command found it from the option.
	if o, ok := given["optname"]; ok && given["level"] == "" {
		if opt, err := sockopt.Lookup("", strings.TrimPrefix(o, "socket.")); err == nil {
			given["level"] = "socket." + sockopt.Levels.Name(opt.Level)
		}
	}
	var out []string
	for _, n := range tmpl {
		if v, ok := given[n]; ok && v != "" {
			out = append(out, v)
		}
	}
	call := callee + "(" + strings.Join(out, ", ") + ")"
	var lhs []string
	for _, h := range made {
		lhs = append(lhs, pyHandle(h))
	}
	if c.creates == 0 && len(st.Names) > 0 {
		lhs = st.Names // a value bound: data = conn.recv(65536)
	}
	if c.namesAddr && len(lhs) > 0 {
		a := "_"
		if len(st.Names) > c.creates {
			a = st.Names[c.creates]
		}
		lhs = append(lhs, a)
	}
	if len(lhs) > 0 {
		return strings.Join(lhs, ", ") + " = " + call
	}
	return call
}

// pyArgs gives each Python parameter of c ("" for the object the method
// is called on) its word, written in Python.
func (s *Session) pyArgs(c *command, words []string, sp spans) map[string]string {
	bound, family := s.boundWords(c, words, sp)
	if bound == nil {
		return nil
	}
	given := make(map[string]string, len(bound))
	for k, b := range bound {
		given[k] = s.pyWord(b.p, b.w, family)
	}
	// A text file writes str, not bytes.
	if d, ok := bound["data"]; ok && !strings.HasPrefix(d.w, "$") && !strings.HasPrefix(d.w, "@") {
		if h, err := s.handle(bound[""].w); err == nil && h.File != nil && !h.File.binary {
			if b, err := literal.Parse(d.w, literal.Options{ReadFile: func(string) ([]byte, error) { return nil, errNoRead }}); err == nil {
				given["data"] = pyrepr.Str(string(b))
			}
		}
	}
	// An option's structure or raw bytes: Python's setsockopt takes the
	// bytes the command passed.
	if v, ok := bound["value"]; ok && c.name == "setsockopt" {
		if b, isInt, ok := optValueProgram(bound["level"].w, bound["optname"].w, v.w); ok && !isInt {
			given["value"] = pyrepr.Bytes(b)
		}
	}
	// A parameter Python takes by position only may have no default in
	// Python (s.recv(bufsize)): the command's default is written.
	for _, p := range c.params {
		if _, ok := given[p.Python]; !ok && p.Python != "" && !p.PyKeyword && p.Keyword == "" && p.Default != "" {
			given[p.Python] = s.pyWord(p, p.Default, family)
		}
	}
	return given
}

// boundWord is the word a parameter was given, as typed.
type boundWord struct {
	p Param
	w string
}

// boundWords gives each Python parameter of c ("" for the object the
// method is called on) the word it was given, as the command's binding
// took them (sp, over words: the statement's words with keyword
// arguments in their places), and says the family of the socket the
// call acts on (for addresses); nil where c takes a list of handles.
func (s *Session) boundWords(c *command, words []string, sp spans) (map[string]boundWord, int) {
	given := map[string]boundWord{}
	family := unix.AF_INET
	last := -1 // the last parameter given
	for i := range c.params {
		if sp.of(i, words) != "" {
			last = i
		}
	}
	for i, p := range c.params {
		if p.Repeat {
			return nil, family
		}
		w := sp.of(i, words)
		if w == "" && i < last && p.Python != "" {
			// Left to its default before one that was given: Python,
			// by position, needs it written.
			if w = p.DefaultWord; w == "" {
				w = p.Default
			}
		}
		if w == "" {
			continue // not given: its default
		}
		if p.Keyword != "" {
			if _, v, ok := keywordArg(w); ok {
				w = v
			}
		}
		if h, err := s.handle(w); err == nil && h.Sock != nil && p.Python == "" && p.Is("H") {
			family = h.Sock.Family
		}
		given[p.Python] = boundWord{p, w}
	}
	return given, family
}

func slices0(k []string) string {
	if len(k) == 0 {
		return ""
	}
	return k[0]
}

// pyWord writes one word of parameter p in Python.
func (s *Session) pyWord(p Param, w string, family int) string {
	if v, ok := pyChoices[strings.ToLower(w)]; ok && len(p.Choices) > 0 {
		for _, ch := range p.Choices {
			if strings.EqualFold(ch, w) {
				return v
			}
		}
	}
	if _, ok := line.WholeRef(w); ok {
		// $n, $u.port, %conn: the value a name holds, in any parameter
		// (an address's $srv is srv.getsockname(), as pyRefs writes it).
		return s.pyRefs(w)
	}
	for _, k := range p.Kinds {
		if kd := kinds[k]; kd != nil && kd.pySource != nil {
			f := kd.pySource
			return f(s, w, family)
		}
	}
	return w
}

// pyHandleName is the Python name of the handle a word names.
func (s *Session) pyHandleName(w string) string {
	if h, err := s.handle(w); err == nil {
		return pyHandle(h)
	}
	return w
}

// pyHandle is a handle's Python variable: its name, or s1, s2… by number
// for one never named.
func pyHandle(h *Handle) string {
	if h.Name != "" {
		return h.Name
	}
	return "s" + strconv.Itoa(h.ID)
}

// pyAddr writes an address: $srv is srv.getsockname(), a name that holds
// an address is itself, a tuple is Python already (its references
// written in Python), host:$srv.port is the tuple of the two, anything
// else is Python's tuple for it.
func pyAddr(s *Session, w string, family int) string {
	if strings.HasPrefix(w, "(") {
		return s.pyRefs(w)
	}
	if strings.IndexByte(w, '$') >= 0 {
		if src, ok := s.pyHostPort(w); ok {
			return src
		}
	}
	words := strings.Fields(w)
	sa, _, err := addr.Parse(family, words)
	if err != nil {
		if src, ok := addr.PythonWords(words); ok {
			return src // a refused port, refused by Python too
		}
		return w
	}
	return addr.Python(sa)
}

// pyHostPort writes HOST:$H.port or HOST $H.port (either part may be a
// reference) as Python's tuple.
func (s *Session) pyHostPort(w string) (string, bool) {
	var host, port string
	if f := strings.Fields(w); len(f) == 2 {
		host, port = f[0], f[1]
	} else if i := strings.LastIndexByte(w, ':'); i > 0 && len(f) == 1 {
		host, port = w[:i], w[i+1:]
	} else {
		return "", false
	}
	hostSrc := s.pyRefs(host)
	if !strings.HasPrefix(host, "$") {
		hostSrc = pyrepr.Str(strings.TrimSuffix(strings.TrimPrefix(unquoteWord(host), "["), "]"))
	}
	portSrc := s.pyRefs(port)
	if !strings.HasPrefix(port, "$") {
		portSrc = pySrcPort(s, port, 0)
	}
	return "(" + hostSrc + ", " + portSrc + ")", true
}

// pyRefs writes the $H, $H.port, $H.host and %H in a word as Python: a
// socket's address is its getsockname(), a name that holds a value is
// itself, %H is H's fileno().
func (s *Session) pyRefs(w string) string {
	x, err := line.Expand(w, func(r line.Ref) (string, error) {
		base := r.Name
		if h, err := s.handle(r.Name); err == nil && h.Sock != nil && s.addrs[r.Name] == nil {
			if r.Sigil == '%' {
				return pyHandle(h) + ".fileno()", nil
			}
			base = pyHandle(h) + ".getsockname()"
		}
		switch r.Field {
		case "host":
			return base + "[0]", nil
		case "port":
			return base + "[1]", nil
		}
		return base, nil
	})
	if err != nil {
		return w
	}
	return x
}

var errNoRead = errors.New("@FILE")

var repeated = regexp.MustCompile(`^(.*)\*([0-9]+)$`)

// pyData writes a data literal as a bytes literal; "x"*1000 stays short.
func pyData(w string) string {
	if strings.HasPrefix(w, "$") && isIdent(w[1:]) {
		return w[1:]
	}
	if path, ok := strings.CutPrefix(w, "@"); ok {
		return "open(" + pyrepr.Str(unquoteWord(path)) + ", 'rb').read()"
	}
	// Writing a statement never reads a file.
	opts := literal.Options{ReadFile: func(string) ([]byte, error) { return nil, errNoRead }}
	if m := repeated.FindStringSubmatch(w); m != nil {
		if b, err := literal.Parse(m[1], opts); err == nil {
			return pyrepr.Bytes(b) + " * " + m[2]
		}
	}
	b, err := literal.Parse(w, opts)
	if err != nil {
		return w
	}
	return pyrepr.Bytes(b)
}

// pyConst writes a name from a table as the socket module's constant.
func pyConst(t *names.Table, w string) string {
	v, err := t.Lookup(w)
	if err != nil || names.IsDecimal(t.Name(v)) {
		return w
	}
	return "socket." + t.Name(v)
}

// pyFlagNames writes C's A|B as socket.A | socket.B.
func pyFlagNames(c string) string {
	parts := strings.Split(c, "|")
	for i, p := range parts {
		if !names.IsDecimal(p) {
			parts[i] = "socket." + p
		}
	}
	return strings.Join(parts, " | ")
}

func unquoteWord(w string) string {
	if len(w) >= 2 && (w[0] == '"' || w[0] == '\'') && w[len(w)-1] == w[0] {
		if u, err := strconv.Unquote(`"` + w[1:len(w)-1] + `"`); err == nil {
			return u
		}
		return w[1 : len(w)-1]
	}
	return w
}
