package session

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/msg"
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
	// positional is how many of names may be given by position: those
	// after a * in the signature are keyword-only.
	positional int
	conv       pyConv // how CPython implements it (never convShape once resolved)
}

// pyConv is how CPython implements a call, which decides what it says of
// wrong arguments: a def of socket.py takes keywords by name and says
// "missing 1 required positional argument"; a C function of _socket
// takes none, and says "takes exactly 1 argument (0 given)"
// (PyArg_ParseTuple), "takes exactly one argument" (METH_O) or "takes no
// arguments" (METH_NOARGS), the last two with the qualified name.
type pyConv uint8

const (
	convShape  pyConv = iota // a command row's default: see resolveConv
	convDef                  // Python (socket.py): keywords by name
	convArgs                 // C, PyArg_ParseTuple
	convO                    // C, METH_O: one argument
	convNoArgs               // C, METH_NOARGS
	convClinic               // C taking keywords (os.unlink): py.Args says what is wrong
)

// resolveConv is a row's convention where the row does not say: a row
// that takes Python keywords (kw) is a def; any other is C, by its
// parameters' shape: none is METH_NOARGS, one required alone METH_O, the
// rest PyArg_ParseTuple.
func resolveConv(c *command) pyConv {
	switch {
	case c.pyConv != convShape:
		return c.pyConv
	case slices.ContainsFunc(c.params, func(p Param) bool { return p.PyKeyword }):
		return convDef
	case len(c.sig.names) == 0:
		return convNoArgs
	case c.sig.required == 1 && len(c.sig.names) == 1:
		return convO
	}
	return convArgs
}

// qualified is the call's name as CPython's C says it: socket.recv,
// _socket.htonl.
func (sig pySig) qualified() string {
	switch sig.on {
	case "s":
		return "socket." + sig.fn
	case "socket":
		return "_socket." + sig.fn
	}
	return sig.fn
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
	sig.positional = -1
	for _, n := range strings.FieldsFunc(inner, func(r rune) bool { return r == ',' || r == ' ' || r == '[' || r == ']' }) {
		if n == "*" {
			sig.positional = len(sig.names)
			continue
		}
		sig.names = append(sig.names, n)
	}
	if sig.positional < 0 {
		sig.positional = len(sig.names)
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
	defer func() { s.python().data = nil }() // what the call's words named
	sig := c.sig
	if err := sig.arity(self != nil, len(args), len(kw)); err != nil {
		s.pyCallHint(c)
		return nil, err
	}
	fname := sig.fn
	if sig.conv == convDef {
		fname, _ = sig.defName(self != nil)
	}
	vals, err := py.Args(fname, args, kw, sig.required, sig.names...)
	if c.name == "sendto" {
		vals, err = sendtoArgs(args, kw)
	}
	if err != nil {
		s.pyCallHint(c)
		return nil, err
	}
	if err := checkUnmodelled(c, vals); err != nil {
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
		if ce := (callerExc{}); errors.As(err, &ce) {
			if ce.exc.Inst.Class == py.TypeError && self != nil {
				s.python().hint = addrTupleHint(self, sig.fn)
			}
			return nil, ce.named(sig.fn)
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

// pyCallHint is the hint after a call made with the wrong arguments (the
// tutorial's table writes s.bind()): the call as Python declares it, what
// it does, and the command that does the same.
func (s *Session) pyCallHint(c *command) {
	s.python().hint = msgPyCallShape.S(msg.A("call", c.python), msg.A("summary", c.summary.S()), msg.A("example", c.example))
}

// addrTupleHint is the hint after s.bind(8080) or s.connect('::1'): the
// tutorial's double parentheses are the address's tuple.
func addrTupleHint(self *pySocket, fn string) string {
	example := "('127.0.0.1', 8080)"
	if self.h.Sock.Family == unix.AF_INET6 {
		example = "('::1', 8080)"
	}
	if fn == "sendto" {
		example = "b'…', " + example // the data first
	}
	return msgPyAddrTuple.S(msg.A("call", pyHandle(self.h)+"."+fn+"("+example+")"))
}

// arity is Python's TypeError for a call with the wrong number of
// arguments, or with keywords a C function does not take, in the words
// CPython uses for the call's convention.
func (sig pySig) arity(method bool, nargs, nkw int) error {
	if sig.fn == "sendto" {
		return nil // see sendtoArgs
	}
	switch sig.conv {
	case convDef:
		return sig.defArity(method, nargs, nkw)
	case convClinic:
		return nil
	}
	if nkw > 0 {
		// A method is named with its class; a module's PyArg_ParseTuple
		// function alone (htons), its METH_O and METH_NOARGS ones with
		// the module (_socket.htonl).
		if sig.conv == convArgs && sig.on == "socket" {
			return py.TypeErr("%s() takes no keyword arguments", sig.fn)
		}
		return py.TypeErr("%s() takes no keyword arguments", sig.qualified())
	}
	few, many := nargs < sig.required, nargs > len(sig.names)
	switch {
	case !few && !many:
		return nil
	case sig.conv == convNoArgs:
		return py.TypeErr("%s() takes no arguments (%d given)", sig.qualified(), nargs)
	case sig.conv == convO:
		return py.TypeErr("%s() takes exactly one argument (%d given)", sig.qualified(), nargs)
	case sig.required == len(sig.names):
		return py.TypeErr("%s() takes exactly %d argument%s (%d given)", sig.fn, sig.required, plural(sig.required), nargs)
	case many:
		return py.TypeErr("%s() takes at most %d argument%s (%d given)", sig.fn, len(sig.names), plural(len(sig.names)), nargs)
	}
	return py.TypeErr("%s() takes at least %d argument%s (%d given)", sig.fn, sig.required, plural(sig.required), nargs)
}

// defArity is arity for a def: a method counts its self, and is named
// with its class (socket.close); socket.socket is its class's __init__.
func (sig pySig) defArity(method bool, nargs, nkw int) error {
	name, self := sig.defName(method)
	if nargs > sig.positional {
		lo, hi, given := sig.required+self, sig.positional+self, nargs+self
		takes := strconv.Itoa(hi)
		if lo != hi {
			takes = fmt.Sprintf("from %d to %d", lo, hi)
		}
		were := "were"
		if given == 1 {
			were = "was"
		}
		return py.TypeErr("%s() takes %s positional argument%s but %d %s given", name, takes, plural(hi), given, were)
	}
	if nargs+nkw >= sig.required {
		return nil // py.Args says which keyword is wrong
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
	return py.TypeErr("%s() missing %d required positional argument%s: %s", name, len(missing), plural(len(missing)), list)
}

// defName is a def's name in its errors, and 1 where it takes a self.
func (sig pySig) defName(method bool) (string, int) {
	switch {
	case method && sig.on == "s":
		return "socket." + sig.fn, 1
	case method:
		return sig.fn, 1
	case sig.on == "socket" && sig.fn == "socket":
		return "socket.__init__", 1
	}
	return sig.fn, 0
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

func pyAddrWord(s *Session, self *pySocket, v py.Value) (string, error) {
	fam := self.h.Sock.Family
	if t, ok := v.(py.Tuple); ok && len(t) >= 2 && (fam == unix.AF_INET || fam == unix.AF_INET6) {
		if h, ok := t[0].(py.Str); ok {
			if ip, err := netip.ParseAddr(string(h)); err == nil {
				if why, other := addr.OtherFamily(fam, ip, string(h)); other {
					// CPython's lookup finds no address of the socket's
					// family; the command's words say what to write.
					s.python().hint = why
					return "", py.NewExc(py.GaiError, py.NewInt(-9), py.Str("Address family for hostname not supported"))
				}
			}
		}
	}
	return addrWord(fam, v)
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
		return s.bytesWord(x), nil
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

// pyHostname: gethostbyname's hostname, a str or bytes.
func pyHostname(_ *Session, _ *pySocket, v py.Value) (string, error) {
	switch x := v.(type) {
	case py.Str:
		return textWord(string(x)), nil
	case py.Bytes:
		return textWord(string(x)), nil
	}
	return "", py.TypeErr("gethostbyname() argument 1 must be str, bytes or bytearray, not %s", py.TypeName(v))
}

// pyPacked: inet_ntoa's packed address, bytes.
func pyPacked(_ *Session, _ *pySocket, v py.Value) (string, error) {
	if b, ok := v.(py.Bytes); ok {
		return pyrepr.Bytes([]byte(b)), nil
	}
	return "", py.TypeErr("a bytes-like object is required, not '%s'", py.TypeName(v))
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
	return &py.Builtin{Name: c.sig.fn, Python: writtenInPython(c.sig.fn), Fn: func(args []py.Value, kw []py.KW) (py.Value, error) {
		return s.pyCall(c, nil, args, kw)
	}}
}

// unmodelled are the Python parameters no parameter of the command's row
// takes: which values sockrepl makes anyway (Python's default, or what is
// the same here), and what it does instead. Any other value is refused by
// name, never dropped; a value Python itself refuses is Python's error.
var unmodelled = map[string]unmodelledParam{
	"makefile.buffering": {does: msgPyFilesAre, accepts: func(v py.Value, given func(string) py.Value) (bool, error) {
		n, isInt := py.AsInt(v)
		switch {
		case v == py.None:
			return true, nil
		case !isInt:
			return false, nil
		case n.Sign() == 0 && !strings.Contains(modeOf(given("mode")), "b"):
			return false, py.Excf(py.ValueError, "unbuffered streams must be binary")
		}
		// -1 is the default; a buffer's size changes nothing seen; 0 (a
		// raw SocketIO) and 1 (a text file's line buffering) are not made.
		return n.Cmp(big.NewInt(-1)) == 0 || n.Cmp(big.NewInt(1)) > 0, nil
	}},
	"makefile.encoding": {does: msgPyFilesAre, accepts: func(v py.Value, _ func(string) py.Value) (bool, error) {
		e, ok := v.(py.Str)
		return v == py.None || ok && slices.Contains([]string{"utf-8", "utf8", "utf_8"}, strings.ToLower(string(e))), nil
	}},
	"makefile.errors": {does: msgPyFilesAre, accepts: func(v py.Value, _ func(string) py.Value) (bool, error) {
		return v == py.None || v == py.Str("strict"), nil
	}},
	"makefile.newline":  {does: msgPyFilesAre, accepts: func(v py.Value, _ func(string) py.Value) (bool, error) { return v == py.None, nil }},
	"getaddrinfo.proto": {does: msgPyGaiFilters, accepts: zeroOnly},
	"getaddrinfo.flags": {does: msgPyGaiFilters, accepts: zeroOnly},
}

// unmodelledParam is one of unmodelled.
type unmodelledParam struct {
	accepts func(v py.Value, given func(name string) py.Value) (ok bool, err error)
	does    *msg.M
}

func zeroOnly(v py.Value, _ func(string) py.Value) (bool, error) {
	n, ok := py.AsInt(v)
	return ok && n.Sign() == 0, nil
}

// modeOf is makefile's mode as given, by position or keyword ("r" when
// not given, or not a str: the check then errs on the side of text,
// which only refuses more).
func modeOf(v py.Value) string {
	if m, ok := v.(py.Str); ok {
		return string(m)
	}
	return "r"
}

// checkUnmodelled refuses a value of a parameter sockrepl does not model
// (see unmodelled), naming it and what sockrepl does instead.
func checkUnmodelled(c *command, vals []py.Value) error {
	given := func(name string) py.Value {
		if j := indexOf(c.sig.names, name); j >= 0 && j < len(vals) && vals[j] != nil {
			return vals[j]
		}
		return nil
	}
	for j, n := range c.sig.names {
		u, known := unmodelled[c.name+"."+n]
		if !known || j >= len(vals) || vals[j] == nil {
			continue
		}
		ok, err := u.accepts(vals[j], given)
		if err != nil {
			return err
		}
		if !ok {
			return py.Excf(py.NotImplErr, "%s", msgPyUnmodelled.S(msg.A("fn", c.sig.fn), msg.A("param", n), msg.A("value", py.Repr(vals[j])), msg.A("does", u.does.S())))
		}
	}
	return nil
}
