package session

import (
	"errors"
	"fmt"
	"math/big"
	"net/netip"
	"sort"
	"strconv"
	"strings"
	"unsafe"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/line"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/py"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
	"sockrepl/internal/sockopt"
)

// sockrepl's own socket module: Python's names and signatures, each call
// made by the command of the same name (callCommand), so that what Python
// does is what the command does: the same system calls, trace, handles.

// fileClasses are the classes of makefile's files, as io.open picks
// them by mode: text, or a buffered reader, writer or both.
var fileClasses = map[string]*py.Class{}

func init() {
	for _, name := range []string{"TextIOWrapper", "BufferedReader", "BufferedWriter", "BufferedRWPair"} {
		fileClasses[name] = &py.Class{Name: name, Module: "_io", Attrs: map[string]py.Value{}}
	}
}

// writtenInPython reports a socket module function or socket method that
// CPython writes in Python (socket.py), not in C: its repr is a Python
// function's (<function socketpair at 0x…>, <bound method socket.close of
// …>). The command rows say which (a def, pyConv); create_connection and
// the context-manager methods have no row. A file's methods are all C.
func writtenInPython(name string) bool {
	switch name {
	case "create_connection", "__enter__", "__exit__":
		return true
	}
	c := lookup(name)
	return c != nil && c.sig.fn == name && c.sig.conv == convDef
}

// peerClass is what a background peer (`p = peer sink …`) is in Python:
// sockrepl's own, not a socket of the session's; of the socket methods
// only close works on it (the others say so, as the commands do).
var peerClass = &py.Class{Name: "peer", Module: "sockrepl", Attrs: map[string]py.Value{}}

// pySocket is a handle seen from Python: a socket, or a file made by
// makefile.
type pySocket struct {
	s *Session
	h *Handle
}

func handleOf(v py.Value) *Handle {
	if o, ok := v.(*pySocket); ok {
		return o.h
	}
	return nil
}

// pyObject is the one Python object of a handle.
func (s *Session) pyObject(h *Handle) py.Value {
	p := s.python()
	if o, ok := p.objs[h]; ok {
		return o
	}
	o := &pySocket{s: s, h: h}
	p.objs[h] = o
	return o
}

func (o *pySocket) Type() *py.Class {
	switch {
	case o.h.File != nil:
		return fileClasses[o.h.File.className()]
	case o.h.Sock == nil:
		return peerClass
	}
	return o.s.py.socketClass
}

// Repr is Python's: <socket.socket fd=3, family=2, type=1, proto=0,
// laddr=('0.0.0.0', 0)>.
func (o *pySocket) Repr() string {
	h := o.h
	if f := h.File; f != nil {
		switch kind := f.className(); kind {
		case "TextIOWrapper":
			return fmt.Sprintf("<_io.TextIOWrapper name=%d mode=%s encoding='utf-8'>", f.sock.Sock.FD, pyrepr.Str(f.mode))
		case "BufferedRWPair":
			// A pair has no name: CPython's default repr, with the
			// object's address (id).
			return fmt.Sprintf("<_io.BufferedRWPair object at %#x>", uintptr(unsafe.Pointer(o)))
		default:
			return fmt.Sprintf("<_io.%s name=%d>", kind, f.sock.Sock.FD)
		}
	}
	if h.Peer != nil {
		state := ""
		if h.Peer.Stopped() {
			state = "[stopped] "
		}
		return fmt.Sprintf("<sockrepl.peer %s%s, laddr=%s>", state, peerWhat(h.Peer), addr.Python(h.Peer.Local))
	}
	sk := h.Sock
	if sk == nil {
		return "<sockrepl.peer>"
	}
	var b strings.Builder
	b.WriteString("<socket.socket ")
	if h.Closed() {
		b.WriteString("[closed] ")
	}
	fd := sk.FD
	if h.Closed() {
		fd = -1
	}
	fmt.Fprintf(&b, "fd=%d, family=%d, type=%d, proto=%d", fd, sk.Family, sk.Type, sk.Proto)
	if !h.Closed() {
		// socket.py's __repr__: str() of each address, left out when it
		// is empty (an unnamed unix socket).
		if sa, err := sock.Sockname(sk); err == nil {
			if text := addrStr(sa); text != "" {
				b.WriteString(", laddr=" + text)
			}
		}
		if sa, err := sock.Peername(sk); err == nil {
			if text := addrStr(sa); text != "" {
				b.WriteString(", raddr=" + text)
			}
		}
	}
	b.WriteString(">")
	return b.String()
}

// addrStr is Python's str() of an address: a unix path as itself (""
// for an unnamed socket), anything else as its repr.
func addrStr(sa unix.Sockaddr) string {
	switch a := sa.(type) {
	case *sock.AtPath:
		return render.Sanitize(a.Name)
	case *unix.SockaddrUnix:
		if a.Name == "" || a.Name == "@" {
			return ""
		}
		if a.Name[0] != '@' && a.Name[0] != 0 {
			return render.Sanitize(a.Name)
		}
	}
	return addr.Python(sa)
}

func (o *pySocket) methods() map[string]pyMethod {
	if o.h.File != nil {
		return fileMethods
	}
	return socketMethods
}

// completionNames are AttrNames as Tab offers them: a method followed
// by "(", as Python's completer writes it (s.bind().
func (o *pySocket) completionNames() []string {
	names := o.AttrNames()
	for i, n := range names {
		if _, ok := o.methods()[n]; ok {
			names[i] = n + "("
		}
	}
	return names
}

func (o *pySocket) AttrNames() []string {
	var out []string
	for n := range o.methods() {
		if !strings.HasPrefix(n, "__") {
			out = append(out, n)
		}
	}
	switch {
	case o.h.Sock == nil && o.h.File == nil:
		// A peer: the methods, which say what it is, and its address.
		out = append(out, "laddr")
	case o.h.File == nil:
		out = append(out, "family", "type", "proto", "timeout")
	default:
		out = append(out, "closed", "mode")
	}
	sort.Strings(out)
	return out
}

func (o *pySocket) GetAttr(name string) (py.Value, bool) {
	h := o.h
	if h.Peer != nil && name == "laddr" {
		// The address its repr shows, for s.connect(p.laddr): a peer is
		// no socket of the learner's, so it has no getsockname.
		return sockaddrValue(o.s, h.Peer.Local), true
	}
	if h.File == nil && h.Sock != nil {
		switch name {
		case "family":
			return familyValue(h.Sock.Family), true
		case "type":
			return kindValue(h.Sock.Type), true
		case "proto":
			return py.NewInt(int64(h.Sock.Proto)), true
		case "timeout":
			return timeoutValue(h.Sock), true
		}
	} else if h.File != nil {
		// A file that both reads and writes is a BufferedRWPair
		// underneath, which has neither a mode nor a name (its text
		// wrapper has the mode, as io.open gives it).
		rw := strings.Contains(h.File.mode, "r") && strings.Contains(h.File.mode, "w")
		switch {
		case name == "closed":
			return py.Bool(h.Closed()), true
		case name == "mode" && !(rw && h.File.binary):
			return py.Str(h.File.mode), true
		case name == "name" && !rw:
			return py.NewInt(int64(h.File.sock.Sock.FD)), true
		}
	}
	m, ok := o.methods()[name]
	if !ok {
		return nil, false
	}
	return &py.Builtin{Name: name, Self: o, Python: o.h.File == nil && writtenInPython(name), Fn: func(args []py.Value, kw []py.KW) (py.Value, error) {
		return m(o, args, kw)
	}}, true
}

func timeoutValue(sk *sock.Socket) py.Value {
	if sk.Timeout < 0 {
		return py.None
	}
	return py.Float(sk.Timeout.Seconds())
}

func familyValue(v int) py.Value {
	for _, e := range names.Families.Entries {
		if e.Value == v {
			return py.Enum{Class: "AddressFamily", Name: e.Name, V: int64(v)}
		}
	}
	return py.NewInt(int64(v))
}

func kindValue(v int) py.Value {
	for _, e := range names.Types.Entries {
		if e.Value == v {
			return py.Enum{Class: "SocketKind", Name: e.Name, V: int64(v)}
		}
	}
	return py.NewInt(int64(v))
}

// callCommand runs a command for Python: the command's own code, with its
// trace, but no result line; the caller turns the Result into a Python
// value. The handles it made come back too.
func (s *Session) callCommand(name string, words ...string) (res *Result, made []*Handle, err error) {
	c := lookup(name)
	before := len(s.handles)
	s.touched = s.touched[:0]
	var bound spans // which words each parameter took, for save
	defer func() {
		if p := recover(); p != nil {
			err = errors.New(msgInternalError.S(msg.A("cmd", name), msg.A("panic", fmt.Sprint(p))))
		}
		// Lessons see a call from Python as one from a command.
		s.record(c.name, before, res, err)
		made = s.handles[before:]
		s.rememberCall(c, words, bound, made, res, err)
		if err != nil {
			_, _, hint, _ := s.explain(c, err)
			s.python().hint, s.python().failure = hint, err
			err = s.pyError(err)
		} else {
			s.python().last = res
		}
	}()
	if words, err = bindKeywords(c, words); err != nil {
		return nil, nil, err
	}
	// A wait's status line names the call, as it names a command.
	outer, outerPy := s.current, s.currentPy
	s.current, s.currentPy = line.Statement{Words: append([]string{c.name}, words...)}, true
	defer func() { s.current, s.currentPy = outer, outerPy }()
	a := &args{s: s, cmd: c, words: words}
	err = a.bind()
	bound = a.spans
	if err != nil {
		return nil, nil, err
	}
	res, err = c.run(s, a)
	return res, nil, err
}

// bigArg is the size from which a bytes argument is passed to its
// command as it is, not as its repr for the command to read back: the
// repr of binary is four times the value, and a send of 256 MiB took
// 1.8 GB through it.
const bigArg = 64 << 10

// dataArgMark starts the word that names a big bytes argument: no word
// a line is split into starts with a NUL.
const dataArgMark = "\x00arg"

// bytesWord is the word a bytes argument of a Python call is bound as:
// its repr, or for a big one a word that names it (see dataArg).
func (s *Session) bytesWord(b py.Bytes) string {
	if len(b) < bigArg {
		return pyrepr.Bytes([]byte(b))
	}
	p := s.python()
	p.data = append(p.data, string(b))
	return dataArgMark + strconv.Itoa(len(p.data)-1)
}

// dataArg is the big bytes argument word w names, if it names one of the
// call being made.
func (s *Session) dataArg(w string) (string, bool) {
	if !strings.HasPrefix(w, dataArgMark) || s.py == nil {
		return "", false
	}
	i, err := strconv.Atoi(w[len(dataArgMark):])
	if err != nil || i < 0 || i >= len(s.py.data) {
		return "", false
	}
	return s.py.data[i], true
}

// pyError is the exception Python raises for a command's failure.
func (s *Session) pyError(err error) error {
	var (
		e     unix.Errno
		pe    *PyError
		gai   *addr.GaiError
		usage *UsageError
	)
	switch {
	case errors.Is(err, sock.ErrInterrupted):
		return py.NewExc(py.KeyboardInterrupt)
	case errors.Is(err, sock.ErrTimeout):
		return py.NewExc(py.TimeoutError, py.Str("timed out"))
	case errors.As(err, &e):
		return py.OSErrorFor(e)
	case errors.As(err, &pe):
		if c, ok := s.python().in.Builtin(pe.Class).(*py.Class); ok {
			return py.Excf(c, "%s", pe.Msg)
		}
		if pe.Class == "gaierror" {
			return py.Excf(py.GaiError, "%s", pe.Msg)
		}
		return py.Excf(py.OSError, "%s", pe.Error())
	case errors.As(err, &gai):
		return py.NewExc(py.GaiError, py.NewInt(int64(gai.Code)), py.Str(gai.Msg))
	case errors.As(err, &usage):
		return py.Excf(py.ValueError, "%s", usage.Msg)
	}
	return py.Excf(py.OSError, "%s", err.Error())
}

// Words for a command, from Python values.

func (o *pySocket) ref() string { return o.h.ref }

// addrWord writes a Python address as an ADDR word: a tuple as Python
// writes it, a unix path as itself. It first checks the value as CPython's
// getsockaddrarg does, with its exceptions and words, so that a mistake
// made in Python reads as Python reports it.
func addrWord(fam int, v py.Value) (string, error) {
	switch fam {
	case unix.AF_INET, unix.AF_INET6:
		t, ok := v.(py.Tuple)
		if !ok {
			return "", callerExc{py.TypeErr("%s address must be tuple, not %s", names.Families.Name(fam), py.TypeName(v))}
		}
		if err := checkInetTuple(fam, t); err != nil {
			return "", err
		}
		if b, ok := t[0].(py.Bytes); ok {
			// A host given as bytes is its text, as CPython reads it.
			t = append(py.Tuple{py.Str(b)}, t[1:]...)
		}
		if h := string(t[0].(py.Str)); fam == unix.AF_INET {
			if _, err := netip.ParseAddr(h); err != nil {
				if ip, ok := addr.InetAton(h); ok {
					// CPython's getaddrinfo reads 127.1 as 127.0.0.1.
					t = append(py.Tuple{py.Str(netip.AddrFrom4(ip).String())}, t[1:]...)
				}
			}
		}
		return py.Repr(t), nil
	case unix.AF_UNIX:
		var path string
		switch x := v.(type) {
		case py.Str:
			path = string(x)
		case py.Bytes:
			path = string(x)
		default:
			return "", py.TypeErr("a bytes-like object is required, not '%s'", py.TypeName(v))
		}
		// sun_path holds 108 bytes; a path needs its NUL, an abstract
		// name (NUL first) does not.
		if len(path) > 108 || len(path) == 108 && !strings.HasPrefix(path, "\x00") {
			return "", py.Excf(py.OSError, "AF_UNIX path too long")
		}
		return unixWord(path), nil
	}
	if t, ok := v.(py.Tuple); ok {
		return py.Repr(t), nil
	}
	return py.Repr(v), nil
}

// checkInetTuple checks an inet address tuple as CPython parses it
// ("O&i|II"): a host that is str or bytes, a port that is an int of
// 0-65535, and for AF_INET6 a flowinfo of 20 bits and a scope id.
func checkInetTuple(fam int, t py.Tuple) error {
	if len(t) < 2 || len(t) > 2 && fam == unix.AF_INET || len(t) > 4 {
		if fam == unix.AF_INET6 {
			return py.TypeErr("AF_INET6 address must be a tuple (host, port[, flowinfo[, scopeid]])")
		}
		return py.TypeErr("AF_INET address must be a pair (host, port)")
	}
	switch t[0].(type) {
	case py.Str, py.Bytes:
	default:
		return py.TypeErr("str, bytes or bytearray expected, not %s", py.TypeName(t[0]))
	}
	for i, e := range t[1:] {
		if _, err := intWord(e); err != nil {
			return err
		}
		n, _ := py.AsInt(e)
		switch i {
		case 0: // the port, a C int first
			if !n.IsInt64() || n.Int64() < 0 || n.Int64() > 0xffff {
				return callerExc{py.Excf(py.OverflowError, "port must be 0-65535.")}
			}
		case 1: // flowinfo, an unsigned int taken modulo 2**32
			if new(big.Int).And(n, big.NewInt(0xffffffff)).Int64() > 0xfffff {
				return callerExc{py.Excf(py.OverflowError, "flowinfo must be 0-1048575.")}
			}
		}
	}
	return nil
}

// callerExc is a Python exception whose message CPython starts with the
// name of the call it checked an argument for ("bind(): port must be
// 0-65535."); pyCall names the call.
type callerExc struct{ exc *py.Exception }

func (e callerExc) Error() string { return e.exc.Error() }

// named is the exception with the call's name before its message.
func (e callerExc) named(fn string) error {
	return py.Excf(e.exc.Inst.Class, "%s(): %s", fn, py.ToStr(e.exc.Inst.Args[0]))
}

// unixWord writes a Python unix address (a path, or an abstract name after
// a NUL) as a word the address parser reads back as that name: quoted, with
// escapes, where a bare word would read otherwise.
func unixWord(name string) string {
	if strings.HasPrefix(name, "@") {
		// A file whose path starts with '@', as Python binds '@foo'.
		return addr.Word(&sock.AtPath{SockaddrUnix: unix.SockaddrUnix{Name: name}})
	}
	if strings.HasPrefix(name, "\x00") {
		name = "@" + name[1:]
	}
	if name == "" || name == "@" {
		return name // autobind; the empty abstract name, which Parse refuses
	}
	return addr.Word(&unix.SockaddrUnix{Name: name})
}

// dataWord writes bytes as a DATA word. A str is Python 3's TypeError,
// with a hint for the Python 2 habit behind it.
func (s *Session) dataWord(v py.Value) (string, error) {
	switch x := v.(type) {
	case py.Bytes:
		return s.bytesWord(x), nil
	case py.Str:
		s.python().hint = msgPySendsBytes.S(msg.A("bytes", "b'"+strings.Trim(pyrepr.Str(truncate(string(x), 40)), "'\"")+"'"), msg.A("encode", truncate(pyrepr.Str(string(x)), 40)+".encode()"))
	}
	return "", py.TypeErr("a bytes-like object is required, not '%s'", py.TypeName(v))
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:runeStart(s, n)] + "…"
}

// intWord writes an integer argument.
func intWord(v py.Value) (string, error) {
	switch x := v.(type) {
	case py.Int, py.Bool, py.Enum:
		n, _ := py.AsInt(x)
		return n.String(), nil
	case py.Float:
		return "", py.TypeErr("'float' object cannot be interpreted as an integer")
	}
	return "", py.TypeErr("'%s' object cannot be interpreted as an integer", py.TypeName(v))
}

// resultValue is a result's primary value in Python: a payload as bytes
// or str, anything else from its repr.
func (s *Session) resultValue(r *Result) (py.Value, error) {
	if r.data != nil || r.value == "" && r.dataKind != 0 {
		// Received bytes count against what Python holds in all.
		if err := py.Reserve(len(r.data)); err != nil {
			return nil, err
		}
		if r.dataKind == 's' {
			return py.Str(r.data), nil
		}
		return py.Bytes(r.data), nil
	}
	return s.value(r.value)
}

// value turns a command's result text (a Python repr) into a Python value.
func (s *Session) value(text string) (py.Value, error) {
	return s.python().in.Eval(text)
}

func sockaddrValue(s *Session, sa unix.Sockaddr) py.Value {
	v, err := s.value(addr.Python(sa))
	if err != nil {
		return py.Str(addr.Format(sa))
	}
	return v
}

func none(_ *Result, _ []*Handle, err error) (py.Value, error) {
	if err != nil {
		return nil, err
	}
	return py.None, nil
}

// intValue reads a result whose value is a plain decimal.
func (r *Result) intValue() (int64, bool) {
	n, err := strconv.ParseInt(r.value, 10, 64)
	return n, err == nil
}

// inaddrs are the module's INADDR_ constants: IPv4 addresses as the
// integers a sockaddr_in holds (htonl of them is what C puts there).
var inaddrs = map[string]int64{
	"INADDR_ANY": 0, "INADDR_LOOPBACK": 0x7f000001, "INADDR_BROADCAST": 0xffffffff,
	"INADDR_NONE": 0xffffffff, "INADDR_UNSPEC_GROUP": 0xe0000000,
	"INADDR_ALLHOSTS_GROUP": 0xe0000001, "INADDR_MAX_LOCAL_GROUP": 0xe00000ff,
}

// socketModule is `import socket`.
func (s *Session) socketModule() *py.Module {
	m := &py.Module{Name: "socket", Attrs: py.NewDict()}
	set := m.Attrs.SetStr
	// The enums, as socket's IntEnum and IntFlag classes, their members
	// also the module's constants.
	enum := func(class string, flag bool, tables ...*names.Table) {
		var members []py.Enum
		for _, t := range tables {
			for _, e := range t.Entries {
				members = append(members, py.Enum{Class: class, Name: e.Name, V: int64(e.Value)})
			}
		}
		for _, e := range members {
			set(e.Name, e)
		}
		set(class, py.NewEnumClass(class, "socket", members, flag))
	}
	enum("AddressFamily", false, names.Families)
	enum("SocketKind", false, names.Types, names.TypeFlags)
	enum("MsgFlag", true, names.MsgFlags)
	for _, t := range []*names.Table{names.ShutdownHow, names.Protocols, sockopt.Levels} {
		for _, e := range t.Entries {
			if strings.Contains(e.Name, "_") {
				set(e.Name, py.NewInt(int64(e.Value)))
			}
			for _, al := range e.Aliases {
				if strings.ToUpper(al) == al && strings.Contains(al, "_") {
					set(al, py.NewInt(int64(e.Value)))
				}
			}
		}
	}
	set("IPPROTO_IP", py.NewInt(0))
	for _, o := range sockopt.All() {
		if strings.Contains(o.Name, "_") && o.Name[0] >= 'A' && o.Name[0] <= 'Z' {
			set(o.Name, py.NewInt(int64(o.Num)))
		}
	}
	set("SOMAXCONN", py.NewInt(4096))
	for name, v := range inaddrs {
		set(name, py.NewInt(v))
	}
	set("has_ipv6", py.True)
	set("error", py.OSError)
	set("timeout", py.TimeoutError)
	set("gaierror", py.GaiError)
	set("herror", py.HError)
	socketClass := &py.Class{Name: "socket", Module: "socket", Attrs: map[string]py.Value{}, New: func(_ *py.Class, args []py.Value, kw []py.KW) (py.Value, error) {
		return s.pyCall(lookup("socket"), nil, args, kw)
	}}
	s.py.socketClass = socketClass
	set("socket", socketClass)
	set("SocketType", socketClass)
	for _, c := range commands {
		if c.sig.on == "socket" && c.name != "socket" {
			set(c.sig.fn, s.moduleFunction(c))
		}
	}
	set("close", &py.Builtin{Name: "close", Fn: func(args []py.Value, kw []py.KW) (py.Value, error) {
		if len(kw) > 0 {
			return nil, py.TypeErr("_socket.close() takes no keyword arguments")
		}
		a, err := py.Args("_socket.close", args, nil, 1, "fd")
		if err != nil {
			return nil, err
		}
		w, err := intWord(a[0])
		if err != nil {
			return nil, err
		}
		fd, err := strconv.Atoi(w)
		if err != nil {
			return nil, py.OSErrorFor(unix.EBADF)
		}
		return py.None, s.closeFD(fd)
	}})
	set("create_connection", &py.Builtin{Name: "create_connection", Python: true, Fn: func(args []py.Value, kw []py.KW) (py.Value, error) {
		a, err := py.Args("create_connection", args, kw, 1, "address", "timeout", "source_address")
		if err != nil {
			return nil, err
		}
		t, ok := a[0].(py.Tuple)
		if !ok || len(t) != 2 {
			return nil, py.TypeErr("create_connection() address must be a (host, port) tuple")
		}
		fam := "inet"
		if h, ok := t[0].(py.Str); ok && strings.Contains(string(h), ":") {
			fam = "inet6"
		}
		_, made, err := s.callCommand("socket", fam, "stream")
		if err != nil {
			return nil, err
		}
		o := s.pyObject(made[0]).(*pySocket)
		if a[1] != nil && a[1] != py.None {
			if _, err := socketMethods["settimeout"](o, []py.Value{a[1]}, nil); err != nil {
				return nil, err
			}
		}
		if _, err := socketMethods["connect"](o, []py.Value{t}, nil); err != nil {
			s.callCommand("close", o.ref())
			return nil, err
		}
		return o, nil
	}})
	return m
}

// evalWithSocketNames reads a tuple that names constants:
// (AF_INET, SOCK_STREAM, 6, ”, ('127.0.0.1', 80)).
func (s *Session) evalWithSocketNames(text string) (py.Value, error) {
	in := py.New(func(string) {})
	mod := s.python().in.Modules["socket"]
	for _, k := range mod.Attrs.Keys() {
		v, _, _ := mod.Attrs.Get(k)
		in.Globals.Set(k, v)
	}
	return in.Eval(text)
}

// closeFD is socket.close(fd): it closes a descriptor of the session's,
// that of an open socket (as its close does; other handles on the same
// fd, made with fileno=, are then closed too) or one that detach gave
// up. The shell's own descriptors, standard input, output and error and
// inherited ones are never closed: the call is refused, naming the fd.
func (s *Session) closeFD(fd int) error {
	for _, h := range s.handles {
		if h.Sock == nil || h.File != nil || h.Peer != nil || h.Sock.FD != fd || fd < 0 {
			continue
		}
		if h.files == 0 && !h.closing {
			if _, _, err := s.callCommand("close", h.ref); err != nil {
				return err
			}
		}
		// The fd is closed even where a file made by makefile kept it
		// open: every handle on it is closed with it.
		for _, o := range s.handles {
			if o.Sock != nil && o.Sock.FD == fd && o.File == nil {
				s.remember(o)
				o.Sock.FD, o.closing = -1, false
			}
		}
		if h.files > 0 || h.closing {
			if err := s.Sys.CloseFD(fd); err != nil {
				return err
			}
		}
		return nil
	}
	if s.detached[fd] {
		delete(s.detached, fd)
		if err := s.Sys.CloseFD(fd); err != nil {
			if e, ok := err.(unix.Errno); ok {
				return py.OSErrorFor(e)
			}
			return err
		}
		return nil
	}
	if fd < 0 {
		return py.OSErrorFor(unix.EBADF)
	}
	if _, err := unix.FcntlInt(uintptr(fd), unix.F_GETFD, 0); err != nil {
		return py.OSErrorFor(unix.EBADF)
	}
	return py.Excf(py.OSError, "%s", msgNotOurFD.S(msg.A("fd", fd)))
}
