package session

import (
	"errors"
	"strings"

	"sockrepl/internal/py"
	"sockrepl/internal/pyrepr"
)

// A Python call of a command binds to the command's declaration: the
// row's Python signature says which arguments Python takes and which it
// needs, each parameter's Python name says where an argument goes, and its
// kind turns the Python value into the word its reader reads. The command
// then runs as if typed, and the row says what the call returns.

// pySig is a command's Python signature, read from its python field as
// Python's documentation writes it: s.recv(bufsize[, flags]).
type pySig struct {
	on       string   // what it is called on: s, f, socket, os
	fn       string   // the function or method: recv
	names    []string // the parameters, in order
	required int      // how many of them Python needs
}

func parseSig(python string) pySig {
	open := strings.IndexByte(python, '(')
	if open < 0 || strings.Contains(python, "().") {
		return pySig{}
	}
	callee := python[:open]
	dot := strings.LastIndexByte(callee, '.')
	sig := pySig{on: callee[:max(dot, 0)], fn: callee[dot+1:]}
	inner := strings.TrimSuffix(python[open+1:], ")")
	req, _, _ := strings.Cut(inner, "[")
	for _, n := range strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '[' || r == ']' }) {
		sig.names = append(sig.names, n)
	}
	sig.required = len(strings.FieldsFunc(req, func(r rune) bool { return r == ',' || r == ' ' }))
	return sig
}

// pyArgWord turns one Python argument into the word the parameter's
// reader reads; "" (a gap) leaves the parameter to its default.
type pyArgWord func(s *Session, self *pySocket, v py.Value) (string, error)

// pyWordFor is the converter of a parameter: its own, or else its
// kind's (set once by resolveReaders); an integer where neither says.
func (p *Param) pyWordFor() pyArgWord {
	switch {
	case p.pyWord != nil:
		return p.pyWord
	case p.PyKeyword && p.Optional:
		return pyIntOrDefault // socket.socket(None): the default
	}
	return pyIntWord
}

// pyCall runs command c for a Python call on self (nil for a module
// function) with Python's arguments, and gives what Python returns.
func (s *Session) pyCall(c *command, self *pySocket, args []py.Value, kw []py.KW) (py.Value, error) {
	sig := c.sig
	if err := sig.arity(self != nil, len(args), len(kw)); err != nil {
		return nil, err
	}
	vals, err := py.Args(sig.fn, args, kw, sig.required, sig.names...)
	if c.name == "sendto" {
		vals, err = sendtoArgs(args, kw)
	}
	if err != nil {
		return nil, err
	}
	var words []string
	for i := range c.params {
		p := &c.params[i]
		if p.Python == "" && self != nil {
			words = append(words, self.ref())
			continue
		}
		j := indexOf(sig.names, p.Python)
		if j < 0 || vals[j] == nil {
			words = append(words, "")
			continue
		}
		w, err := p.pyWordFor()(s, self, vals[j])
		if ce := (*callerExc)(nil); errors.As(err, &ce) {
			return nil, py.Excf(ce.class, "%s(): %s", sig.fn, ce.msg)
		}
		if err != nil {
			return nil, err
		}
		words = append(words, w)
	}
	for len(words) > 0 && words[len(words)-1] == "" {
		words = words[:len(words)-1]
	}
	r, made, err := s.callCommand(c.name, words...)
	if err != nil {
		return nil, err
	}
	if c.returns == nil || r == nil && made == nil {
		return py.None, nil
	}
	return c.returns(s, r, made)
}

// arity is Python's TypeError for a call with too few arguments, in the
// words CPython uses: a socket method is C (PyArg_ParseTuple: "takes at
// least 1 argument (0 given)"), a module function Python ("missing 2
// required positional arguments: 'family' and 'type'").
func (sig pySig) arity(method bool, nargs, nkw int) error {
	if sig.fn == "sendto" {
		return nil // see sendtoArgs
	}
	few, many := nargs+nkw < sig.required, nargs > len(sig.names)
	switch {
	case !few && !many:
		return nil
	case !method:
		if many {
			return nil // py.Args says it
		}
		missing := sig.names[nargs:sig.required]
		quoted := make([]string, len(missing))
		for i, n := range missing {
			quoted[i] = "'" + n + "'"
		}
		list := quoted[0]
		if len(quoted) > 1 {
			list = strings.Join(quoted[:len(quoted)-1], ", ") + " and " + quoted[len(quoted)-1]
		}
		return py.TypeErr("%s() missing %d required positional argument%s: %s", sig.fn, len(missing), plural(len(missing)), list)
	}
	qualified := sig.fn
	if sig.on == "s" {
		qualified = "socket." + sig.fn
	}
	switch {
	case len(sig.names) == 0:
		return py.TypeErr("%s() takes no arguments (%d given)", qualified, nargs)
	case sig.required == 1 && len(sig.names) == 1:
		return py.TypeErr("%s() takes exactly one argument (%d given)", qualified, nargs)
	case sig.required == len(sig.names):
		return py.TypeErr("%s() takes exactly %d argument%s (%d given)", sig.fn, sig.required, plural(sig.required), nargs)
	case many:
		return py.TypeErr("%s() takes at most %d argument%s (%d given)", sig.fn, len(sig.names), plural(len(sig.names)), nargs)
	}
	return py.TypeErr("%s() takes at least %d argument%s (%d given)", sig.fn, sig.required, plural(sig.required), nargs)
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// sendtoArgs binds Python's one overloaded signature: sendto(data,
// address) or sendto(data, flags, address), by position only.
func sendtoArgs(args []py.Value, kw []py.KW) ([]py.Value, error) {
	if len(kw) > 0 {
		return nil, py.TypeErr("socket.sendto() takes no keyword arguments")
	}
	switch len(args) {
	case 2:
		return []py.Value{args[0], nil, args[1]}, nil
	case 3:
		return args, nil
	}
	return nil, py.TypeErr("sendto() takes 2 or 3 arguments (%d given)", len(args))
}

func indexOf(names []string, n string) int {
	for i, x := range names {
		if x == n {
			return i
		}
	}
	return -1
}

// The converters of the kinds and of the parameters that need their own.

// pyIntWord: an integer (families, types, flags, sizes, option numbers).
func pyIntWord(_ *Session, _ *pySocket, v py.Value) (string, error) { return intWord(v) }

// pyIntOrDefault: an integer, or None for the parameter's default (the
// module's functions: socket.socket(None) is a new inet stream socket).
func pyIntOrDefault(_ *Session, _ *pySocket, v py.Value) (string, error) {
	if v == py.None {
		return "", nil
	}
	return intWord(v)
}

func pyAddrWord(_ *Session, self *pySocket, v py.Value) (string, error) {
	return addrWord(self.h.Sock.Family, v)
}

// pyDataWord: bytes for a socket and a binary file; str for a text file.
func pyDataWord(s *Session, self *pySocket, v py.Value) (string, error) {
	f := self.h.File
	if f == nil {
		return s.dataWord(v)
	}
	switch x := v.(type) {
	case py.Bytes:
		if !f.binary {
			return "", py.TypeErr("write() argument must be str, not bytes")
		}
		return pyrepr.Bytes([]byte(x)), nil
	case py.Str:
		if f.binary {
			return "", py.TypeErr("a bytes-like object is required, not 'str'")
		}
		return pyrepr.Str(string(x)), nil
	}
	return "", py.TypeErr("write() argument must be str, not %s", py.TypeName(v))
}

// pyOptValue: setsockopt's value, an int or bytes.
func pyOptValue(_ *Session, _ *pySocket, v py.Value) (string, error) {
	if b, ok := v.(py.Bytes); ok {
		return pyrepr.Bytes([]byte(b)), nil
	}
	w, err := intWord(v)
	if err != nil {
		return "", py.TypeErr("a bytes-like object is required, not '%s'", py.TypeName(v))
	}
	return w, nil
}

// pyTimeout: settimeout's value, seconds or None.
func pyTimeout(_ *Session, _ *pySocket, v py.Value) (string, error) {
	switch x := v.(type) {
	case *py.NoneType:
		return "none", nil
	case py.Bool:
		if x {
			return "1", nil
		}
		return "0", nil
	case py.Int, py.Float:
		return py.Repr(x), nil
	}
	return "", py.TypeErr("'%s' object cannot be interpreted as an integer", py.TypeName(v))
}

// pyTruth: setblocking's flag, any value by its truth.
func pyTruth(_ *Session, _ *pySocket, v py.Value) (string, error) {
	if py.Truth(v) {
		return "true", nil
	}
	return "false", nil
}

// pyMode: makefile's mode, a str.
func pyMode(_ *Session, _ *pySocket, v py.Value) (string, error) {
	switch m := v.(type) {
	case py.Str:
		return textWord(string(m)), nil
	case py.Tuple, *py.List:
		return "", py.Excf(py.ValueError, "invalid mode %s (only r, w, b allowed)", py.Repr(v))
	}
	return "", py.TypeErr("'%s' object is not iterable", py.TypeName(v))
}

// pyCount: read's size; None or a negative size reads to the end.
func pyCount(_ *Session, _ *pySocket, v py.Value) (string, error) {
	if v == py.None {
		return "", nil
	}
	w, err := intWord(v)
	if err == nil && strings.HasPrefix(w, "-") {
		return "", nil
	}
	return w, err
}

// textWord writes a str as a word a text reader reads back as the same
// str: quoted where a bare word would not be (the empty str, which bare
// would be a gap, spaces, quotes).
func textWord(t string) string {
	if t != "" && !strings.ContainsAny(t, " \t\n\"'\\$%") && t != "none" && t != "None" {
		return t
	}
	return pyrepr.Str(t)
}

// pyStr: a str argument (inet_aton's ip_string), in the function's words.
func pyStr(fn string) pyArgWord {
	return func(_ *Session, _ *pySocket, v py.Value) (string, error) {
		if x, ok := v.(py.Str); ok {
			return textWord(string(x)), nil
		}
		return "", py.TypeErr("%s() argument 1 must be str, not %s", fn, py.TypeName(v))
	}
}

// pyHost: getaddrinfo's host, a str or None.
func pyHost(_ *Session, _ *pySocket, v py.Value) (string, error) {
	switch x := v.(type) {
	case py.Str:
		return textWord(string(x)), nil
	case *py.NoneType:
		return "none", nil
	}
	return "", py.TypeErr("getaddrinfo() argument 1 must be string or None")
}

// pyPort: getaddrinfo's port, an int, a service name or None.
func pyPort(_ *Session, _ *pySocket, v py.Value) (string, error) {
	switch x := v.(type) {
	case py.Int:
		return py.Repr(x), nil
	case py.Str:
		return textWord(string(x)), nil
	case *py.NoneType:
		return "none", nil
	}
	return "", py.NewExc(py.OSError, py.Str("Int or String expected"))
}

// socketMethods and fileMethods are the methods of socket and file
// objects: one per command whose Python call is s.NAME or f.NAME, bound by
// its declaration, and Python's context-manager protocol.
var socketMethods, fileMethods map[string]pyMethod

// pyMethod is one method: Python calls it with its arguments.
type pyMethod func(o *pySocket, args []py.Value, kw []py.KW) (py.Value, error)

func init() {
	socketMethods, fileMethods = map[string]pyMethod{}, map[string]pyMethod{}
	for _, c := range commands {
		c := c
		m := func(o *pySocket, args []py.Value, kw []py.KW) (py.Value, error) {
			return o.s.pyCall(c, o, args, kw)
		}
		switch {
		case c.sig.on == "s":
			socketMethods[c.sig.fn] = m
			if c.params[0].Is("F") { // close and fileno: files have them too
				fileMethods[c.sig.fn] = m
			}
		case c.sig.on == "f":
			fileMethods[c.sig.fn] = m
		}
	}
	enter := func(o *pySocket, args []py.Value, kw []py.KW) (py.Value, error) {
		if _, err := py.Args("__enter__", args, kw, 0); err != nil {
			return nil, err
		}
		return o, nil
	}
	exit := func(o *pySocket, args []py.Value, kw []py.KW) (py.Value, error) {
		if _, err := py.Args("__exit__", args, kw, 0, "t", "v", "tb"); err != nil {
			return nil, err
		}
		_, _, err := o.s.callCommand("close", o.ref())
		return py.None, err
	}
	for _, ms := range []map[string]pyMethod{socketMethods, fileMethods} {
		ms["__enter__"], ms["__exit__"] = enter, exit
	}
}

// moduleFunction is a command whose Python call is socket.NAME, as a
// function of the socket module.
func (s *Session) moduleFunction(c *command) *py.Builtin {
	return &py.Builtin{Name: c.sig.fn, Fn: func(args []py.Value, kw []py.KW) (py.Value, error) {
		return s.pyCall(c, nil, args, kw)
	}}
}
