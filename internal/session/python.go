package session

import (
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"sockrepl/internal/expect"
	"sockrepl/internal/line"
	"sockrepl/internal/literal"
	"sockrepl/internal/msg"
	"sockrepl/internal/py"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
)

// Python at the prompt: a line that is Python (see isPython) runs in the
// session's interpreter, whose socket module makes its calls through the
// command table (pysocket.go), so handles, trace, hints and Ctrl-C are the
// same for both.

// pyState is the session's Python, made on first use.
type pyState struct {
	in      *py.Interp
	console *py.Console          // runs the statements the front end gathered
	objs    map[*Handle]py.Value // one Python object per handle
	partial strings.Builder      // printed text not yet ended by a newline
	// data holds the big bytes arguments of the call being made, which
	// its words name (dataArg) rather than spell.
	data  []string
	open  bool   // a line was begun on the output (pyWrite)
	hint  string // the hint for the last failed call
	lone  string // the statement, when it is a name alone
	first string // the statement's first line, trimmed
	// failure is the last failed call's own error, for a hint from what
	// the wire saw once the statement is over; last is the last call's
	// result (a recv's b'' gets the wire's end-of-stream note).
	failure error
	last    *Result
	// socketClass is socket.socket, which the session's sockets are.
	socketClass *py.Class
}

func (s *Session) python() *pyState {
	if s.py != nil {
		return s.py
	}
	p := &pyState{objs: map[*Handle]py.Value{}}
	s.py = p
	p.in = py.New(func(text string) { s.pyWrite(text) })
	p.console = &py.Console{In: p.in}
	p.in.Interrupted = s.Sys.Interrupted
	p.in.Modules["socket"] = s.socketModule()
	p.in.Lookup = func(name string) (py.Value, bool) {
		if h, ok := s.names[name]; ok {
			return s.pyObject(h), true
		}
		if sa, ok := s.addrs[name]; ok {
			return sockaddrValue(s, sa), true
		}
		return nil, false
	}
	p.in.Assigned = s.pyAssigned
	return p
}

// pyAssigned keeps the one namespace: a name given a socket in Python
// names its handle; a name given anything else no longer names a handle.
func (s *Session) pyAssigned(name string, v py.Value) {
	delete(s.addrs, name)
	if h := handleOf(v); h != nil {
		s.bind(name, h)
		return
	}
	if h, ok := s.names[name]; ok {
		delete(s.names, name)
		if h.Name == name {
			h.Name = ""
		}
	}
}

// forgetPython drops a Python global that a command's NAME = now gives to
// a handle.
func (s *Session) forgetPython(name string) {
	if s.py != nil {
		s.py.in.Globals.Delete(py.Str(name))
	}
}

// isPythonKeyword reports the keywords that start lines that are Python
// statements. A switch, not a map: it is asked of every line.
func isPythonKeyword(w string) bool {
	switch w {
	case "import", "from", "while", "for", "if", "try", "def",
		"with", "class", "del", "pass", "raise", "assert", "global",
		"return", "break", "continue", "lambda", "not", "elif",
		"else", "except", "finally", "print", "async", "nonlocal":
		return true
	}
	return false
}

// isPython applies SPEC's rule: import/from; a first word holding `.` or
// `(`; a compound statement; an assignment whose right side does not
// start with a command's name. Beyond it, a line that starts with a
// literal, or whose first word is a Python name (and no command), is
// Python too, so `data` shows what data holds.
func (s *Session) isPython(src string) bool {
	t := strings.TrimSpace(src)
	if t == "" || t[0] == '#' {
		return false
	}
	first := firstWord(t)
	ident := leadingIdent(t)
	if isPythonKeyword(ident) && (len(t) == len(ident) || !isIdentByte(t[len(ident)])) {
		return !isCommandWord(ident) || ident == "print"
	}
	if isCommandWord(first) {
		if lhs, rhs, ok := splitAssign(t); ok && isTargetList(lhs) {
			// peer = 5 is Python's; peer = peer echo … and
			// srv = socket are commands (socket family=AF_INET is no
			// assignment: its left side is no target).
			return rhs != "" && !isCommandWord(firstWord(rhs))
		}
		// A command's name bound in Python and followed by an operator
		// is Python's: peer == cli.getsockname() after peer = …; no
		// command's second word starts so (not "=", the NAME = form, nor
		// "#" and "-", which start handles and numbers).
		return first == ident && s.isPythonName(ident) && startsOperator(strings.TrimLeft(t[len(ident):], " \t"))
	}
	if lhs, rhs, ok := splitAssign(t); ok {
		_ = lhs
		return rhs != "" && !isCommandWord(firstWord(rhs))
	}
	if strings.ContainsAny(first, ".([") {
		return true
	}
	switch t[0] {
	case '\'', '"', '(', '[', '{', '-', '+', '~', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9':
		return true
	}
	if len(t) > 1 && strings.IndexByte("bBfFrRuU", t[0]) >= 0 && (t[1] == '\'' || t[1] == '"') ||
		len(t) > 2 && strings.Contains("rb rB Rb RB br bR Br BR fr fR Fr FR rf rF Rf RF", t[:2]) && (t[2] == '\'' || t[2] == '"') {
		return true // a str or bytes literal: b'…', f'…', r'…'
	}
	if ident != "" && len(t) == len(ident) && s.py != nil {
		// A name alone, once Python is in use, is Python's even when
		// unbound (NameError; the hint offers a command it resembles):
		// conn after an accept that Ctrl-C ended.
		return true
	}
	if ident != "" && s.isPythonName(ident) {
		rest := strings.TrimLeft(t[len(ident):], " \t")
		return rest == "" || strings.IndexByte("+-*/%<>=!&|^[,#", rest[0]) >= 0 ||
			strings.HasPrefix(rest, "if ") || strings.HasPrefix(rest, "in ") ||
			strings.HasPrefix(rest, "and ") || strings.HasPrefix(rest, "or ") ||
			strings.HasPrefix(rest, "is ") || strings.HasPrefix(rest, "not ")
	}
	return false
}

// isTargetList reports an assignment's left side that Python can assign
// to: names, each maybe with .attr or [index], separated by commas.
func isTargetList(lhs string) bool {
	for _, part := range strings.Split(lhs, ",") {
		part = strings.TrimSpace(part)
		id := leadingIdent(part)
		if id == "" || strings.ContainsAny(part, " \t") || len(part) > len(id) && part[len(id)] != '.' && part[len(id)] != '[' {
			return false
		}
	}
	return true
}

// startsOperator reports a rest of a line that starts with a Python
// binary operator or subscript, but for = alone.
func startsOperator(rest string) bool {
	for _, op := range []string{"==", "!=", "<", ">", "[", "+", "*", "/", "%", "&", "|", "^"} {
		if strings.HasPrefix(rest, op) {
			return true
		}
	}
	for _, kw := range []string{"in ", "is ", "and ", "or ", "not ", "if "} {
		if strings.HasPrefix(rest, kw) {
			return true
		}
	}
	return false
}

// isPythonName reports whether a name means something in Python now: a
// handle's name, a Python variable, a builtin.
func (s *Session) isPythonName(name string) bool {
	if _, ok := s.names[name]; ok {
		return true
	}
	if _, ok := s.addrs[name]; ok {
		return true
	}
	if pyBuiltinNames[name] {
		return true
	}
	if s.py != nil {
		if _, ok := s.py.in.Globals.GetStr(name); ok {
			return true
		}
		return s.py.in.Builtin(name) != nil
	}
	return false
}

// pyBuiltinNames start Python lines even before any Python ran.
var pyBuiltinNames = map[string]bool{"print": true, "len": true, "repr": true, "str": true, "bytes": true, "True": true, "False": true, "None": true}

// firstWord is a line's first word as the command splitter sees it.
// commandForSure reports a line that isPython calls a command whatever
// the session holds: it starts with a command's name (not a Python
// keyword), or assigns what a command's name starts (u = socket …).
func commandForSure(src string) bool {
	t := strings.TrimSpace(src)
	if t == "" || isPythonKeyword(leadingIdent(t)) {
		return false
	}
	if isCommandWord(firstWord(t)) {
		return true
	}
	_, rhs, ok := splitAssign(t)
	return ok && rhs != "" && isCommandWord(firstWord(rhs))
}

func firstWord(t string) string {
	// A loop, not strings.IndexAny: it runs on every line, and IndexAny
	// builds its set of bytes on each call.
	for i := 0; i < len(t); i++ {
		if c := t[i]; c == ' ' || c == '\t' || c == ';' {
			return t[:i]
		}
	}
	return t
}

func isCommandWord(w string) bool {
	return lookup(w) != nil || lookup(strings.ToLower(w)) != nil
}

func leadingIdent(t string) string {
	i := 0
	for i < len(t) && isIdentByte(t[i]) {
		i++
	}
	if i > 0 && t[0] >= '0' && t[0] <= '9' {
		return ""
	}
	return t[:i]
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// splitAssign finds `TARGETS = VALUE` (or an augmented `+=`): the first
// `=` outside quotes and brackets that is not part of ==, <=, >=, != or =>.
func splitAssign(t string) (lhs, rhs string, ok bool) {
	literal.TopLevel(t, func(i int) bool {
		switch {
		case t[i] == '#':
			return false // a comment: nothing after it counts
		case t[i] != '=':
			return true
		case i+1 < len(t) && (t[i+1] == '=' || t[i+1] == '>'),
			i > 0 && strings.IndexByte("<>!=", t[i-1]) >= 0:
			return false
		}
		lhs, rhs = strings.TrimSpace(t[:i]), strings.TrimSpace(t[i+1:])
		ok = lhs != ""
		return false
	})
	if !ok {
		return "", "", false
	}
	return lhs, rhs, true
}

// ExecPython runs one Python statement: one line, or the lines of a
// block as the front end gathered them (ending with the blank line that
// closed it, if one did).
func (s *Session) ExecPython(lines []string) Status {
	p := s.python()
	if s.Set.Echo {
		prompt := ">>> "
		for _, l := range lines {
			s.Out.Line(render.P(render.Echo, prompt+l))
			prompt = "... "
		}
	}
	for _, l := range lines {
		if len(l) > line.MaxLine {
			s.Out.Line(render.P(render.Error, "SyntaxError: line too long"))
			s.Failures++
			return Status{Failed: true}
		}
	}
	s.Sys.Reset()
	p.hint, p.failure, p.last = "", nil, nil
	p.lone, p.first = "", strings.TrimSpace(lines[0])
	if len(lines) == 1 && p.first == leadingIdent(p.first) {
		p.lone = p.first
	}
	mark := s.rememberPython(lines)
	echoed := p.in.Echoed
	s.wireBegin(strings.Join(lines, "\n"))
	err := s.runPython(lines)
	s.pythonDone()
	s.pyFlush()
	// The packets and state changes under the statement's calls, as under
	// a command's: after what the statement printed, before its error.
	s.wireEnd()
	if h := s.wireHint(p.failure); h != "" && err != nil {
		p.hint = h
	}
	out := expect.Outcome{Failed: err != nil}
	if p.last != nil {
		out.DataKind, out.Data = p.last.dataKind, p.last.data
	}
	s.wirePrint(out)
	if s.Tutor != nil {
		// A lesson looks at what the statement did, after what it printed.
		defer s.tutorAfter()
	}
	if err == nil {
		mark("", p.in.Echoed > echoed)
		return Status{}
	}
	var exc *py.Exception
	class := ""
	if errors.As(err, &exc) {
		class = exc.Inst.Class.Name
		if m := exc.Inst.Class.Module; m != "" {
			class = m + "." + class
		}
	}
	mark(class, false)
	s.Out.Line(render.P(render.Error, py.ErrorLine(err)))
	interrupted := exc != nil && exc.Inst.Class == py.KeyboardInterrupt
	if hint := s.pyHint(err); hint != "" && s.Set.Hints {
		s.Out.Line(render.P(render.Hint, "  "+msgHint.S(msg.A("hint", hint))))
	}
	s.Failures++
	return Status{Failed: true, Interrupted: interrupted}
}

// runPython runs a statement, turning a Go panic in a call into an error
// line rather than the end of the session.
func (s *Session) runPython(lines []string) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = py.Excf(py.RuntimeError, "%s", msgPyInternalError.S(msg.A("panic", fmt.Sprint(r))))
		}
	}()
	return s.py.console.Run(lines)
}

// pyHint is the learner's hint after an uncaught exception.
func (s *Session) pyHint(err error) string {
	if s.py.hint != "" {
		return s.py.hint
	}
	var exc *py.Exception
	if errors.As(err, &exc) && exc.Inst.Class == py.KeyboardInterrupt {
		return msgPyInterrupted.S()
	}
	if errors.As(err, &exc) && exc.Inst.Class == py.MemoryError {
		return msgPyMemory.S(msg.A("one", py.MaxSize>>20), msg.A("all", py.MaxLive>>20))
	}
	if strings.Contains(py.ErrorLine(err), "Missing parentheses in call to 'print'") {
		return msgPyPrint.S()
	}
	if errors.As(err, &exc) && exc.Inst.Class == py.NameError {
		if name, ok := unboundName(py.ErrorLine(err)); ok {
			return s.unboundHint(name)
		}
	}
	// help(s.bind): the shell's own help says what Python's would.
	if errors.As(err, &exc) && exc.Inst.Class == py.NotImplErr && strings.HasPrefix(s.py.first, "help(") {
		return msgPyHelp.S(msg.A("cmd", pyHelpCommand(s.py.first)))
	}
	// The tutorial's socket.socket(...) after from socket import *.
	if errors.As(err, &exc) && exc.Inst.Class == py.AttributeError &&
		py.ErrorLine(err) == "AttributeError: type object 'socket' has no attribute 'socket'" {
		return msgPyStarSocket.S()
	}
	return ""
}

// unboundHint says why a name is not defined where the tutorial's code
// meets it: socket before import socket, AF_INET after it (a name of the
// module), or a command mistyped (lss, a name alone).
func (s *Session) unboundHint(name string) string {
	mod := s.py.in.Modules["socket"]
	switch {
	case name == "socket":
		return msgPyImportFirst.S()
	case mod != nil && mod.Attrs != nil:
		if _, ok := mod.Attrs.GetStr(name); ok {
			return msgPyModuleName.S(msg.A("name", name))
		}
	}
	if name == s.py.lone {
		if cmd := suggestCommand(strings.ToLower(name)); cmd != "" {
			return msgPyNameCommand.S(msg.A("word", name), msg.A("cmd", cmd))
		}
	}
	return ""
}

// pyWrite prints what Python prints, a line at a time; a line longer
// than pyPiece is written as it comes (print of a 200 MB value), never
// held whole.
func (s *Session) pyWrite(text string) {
	p := s.py
	for text != "" {
		i := strings.IndexByte(text, '\n')
		if i < 0 {
			if p.partial.Len()+len(text) < pyPiece {
				p.partial.WriteString(text)
				return
			}
			s.pyOpen()
			p.open = true
			for len(text) >= pyPiece {
				n := pieceEnd(text, pyPiece)
				s.Out.Open(render.Plain, text[:n])
				text = text[n:]
			}
			p.partial.WriteString(text)
			return
		}
		if p.partial.Len() == 0 {
			s.Out.Line(render.P(render.Plain, text[:i]))
		} else {
			p.partial.WriteString(text[:i])
			s.Out.Line(render.P(render.Plain, p.partial.String()))
			p.partial.Reset()
		}
		p.open = false
		text = text[i+1:]
	}
}

// pyPiece is the most of a line pyWrite holds before it writes it out.
const pyPiece = 64 << 10

// pyOpen writes out the held part of a line, but a character it ends in
// the middle of.
func (s *Session) pyOpen() {
	held := s.py.partial.String()
	n := pieceEnd(held, len(held))
	s.Out.Open(render.Plain, held[:n])
	s.py.partial.Reset()
	s.py.partial.WriteString(held[n:])
}

// pieceEnd is where to cut text at most n bytes in without cutting a
// character (a UTF-8 sequence) in two.
func pieceEnd(text string, n int) int {
	n = min(n, len(text))
	for k := 0; k < utf8.UTFMax-1 && n > 0 && n < len(text) && !utf8.RuneStart(text[n]); k++ {
		n--
	}
	return n
}

// pyFlush ends a line that print(end=”) left open.
func (s *Session) pyFlush() {
	if s.py != nil && (s.py.partial.Len() > 0 || s.py.open) {
		s.Out.Line(render.P(render.Plain, s.py.partial.String()))
		s.py.partial.Reset()
		s.py.open = false
	}
}

// pyValueText is what $NAME stands for when NAME holds a Python value
// rather than a socket: bytes or str as DATA, a tuple as ADDR, a number.
func (s *Session) pyValueText(name string) (string, bool, error) {
	if s.py == nil {
		return "", false, nil
	}
	v, ok := s.py.in.Globals.GetStr(name)
	if !ok {
		return "", false, nil
	}
	switch x := v.(type) {
	case py.Bytes:
		return pyrepr.Bytes([]byte(x)), true, nil
	case py.Str:
		return pyrepr.Str(string(x)), true, nil
	case py.Int, py.Float, py.Bool, py.Enum, py.Tuple, *py.NoneType:
		return py.Repr(x), true, nil
	}
	if h := handleOf(v); h != nil {
		return "", false, nil
	}
	return "", true, usageErr("%s", msgPyHolds.S(msg.A("name", "$"+name), msg.A("type", py.TypeName(v))))
}

// interruptedErr reports whether err is Ctrl-C in a call.
func interruptedErr(err error) bool { return errors.Is(err, sock.ErrInterrupted) }

// PythonAttrs lists, for each name that has them, its Python attributes:
// a named socket's or file's methods, an imported module's names. It is
// for completion (`s.` and Tab).
func (s *Session) PythonAttrs() map[string][]string {
	out := map[string][]string{}
	for name, h := range s.names {
		if !h.Closed() && h.Peer == nil {
			out[name] = (&pySocket{s: s, h: h}).completionNames()
		}
	}
	if s.py != nil {
		for _, k := range s.py.in.Globals.SortedStrKeys() {
			if strings.HasPrefix(k, "__") {
				continue
			}
			v, _ := s.py.in.Globals.GetStr(k)
			if names := s.py.in.CompletionNames(v); len(names) > 0 {
				out[k] = names
			}
		}
	}
	return out
}

// unboundName is the name in a NameError's line: "NameError: name 'x'
// is not defined" gives x.
func unboundName(line string) (string, bool) {
	_, rest, ok := strings.Cut(line, "name '")
	if !ok {
		return "", false
	}
	name, _, ok := strings.Cut(rest, "'")
	return name, ok
}

// pyHelpCommand is the command help(…) asks about: help(s.bind) is bind,
// help(socket.socketpair) socketpair; any other, bind, as an example.
func pyHelpCommand(line string) string {
	arg := strings.TrimSuffix(strings.TrimPrefix(line, "help("), ")")
	if i := strings.LastIndexByte(arg, '.'); i >= 0 {
		arg = arg[i+1:]
	}
	if c := lookup(arg); c != nil {
		return c.name
	}
	return "bind"
}
