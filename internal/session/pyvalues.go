package session

import (
	"strings"

	"sockrepl/internal/py"
)

// What a command's call returns in Python, one function per shape; each
// command row names its own (command.returns). `data = recv conn` binds it
// to a Python name as `data = conn.recv(65536)` would, and the socket
// module's methods return it. A row without one returns None.
type pyValue func(s *Session, r *Result, made []*Handle) (py.Value, error)

// payloadValue is a result's primary value: bytes or str received, or
// what its repr reads as.
func payloadValue(s *Session, r *Result, _ []*Handle) (py.Value, error) { return s.resultValue(r) }

// recvfromValue is (bytes, address); the address is None where the
// socket has none to give (a connected stream).
func recvfromValue(s *Session, r *Result, _ []*Handle) (py.Value, error) {
	b, err := s.resultValue(r)
	if err != nil {
		return nil, err
	}
	var from py.Value = py.None
	if r.addr != nil {
		from = sockaddrValue(s, r.addr)
	}
	return py.Tuple{b, from}, nil
}

// errnoValue is connect_ex's number: 0, or the errno.
func errnoValue(s *Session, r *Result, _ []*Handle) (py.Value, error) {
	return py.NewInt(int64(r.errno)), nil
}

// addressValue is the address as Python gives it: a tuple, a path.
func addressValue(s *Session, r *Result, _ []*Handle) (py.Value, error) {
	return sockaddrValue(s, r.addr), nil
}

// optionValue is an integer option as a plain int, as Python gives it;
// a structure as its bytes; what has neither as the text shown.
func optionValue(s *Session, r *Result, _ []*Handle) (py.Value, error) {
	if n, ok := r.intValue(); ok {
		return py.NewInt(n), nil
	}
	v, err := s.resultValue(r)
	if err != nil {
		return py.Str(r.value), nil
	}
	return v, nil
}

// addrinfoValue is getaddrinfo's list of 5-tuples, one a line of the
// result.
func addrinfoValue(s *Session, r *Result, _ []*Handle) (py.Value, error) {
	var out []py.Value
	for _, l := range r.more {
		text := ""
		for _, p := range l {
			text += p.Text
		}
		v, err := s.evalWithSocketNames(text)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return &py.List{Items: out}, nil
}

// pyValueOf is command c's result in Python.
func (s *Session) pyValueOf(c *command, r *Result) (py.Value, error) {
	if c.returns != nil && r != nil {
		return c.returns(s, r, nil)
	}
	return py.None, nil
}

// objectValue is the handle a call made, as its Python object.
func objectValue(s *Session, _ *Result, made []*Handle) (py.Value, error) {
	return s.pyObject(made[0]), nil
}

// pairValue is the two handles socketpair made: (a, b).
func pairValue(s *Session, _ *Result, made []*Handle) (py.Value, error) {
	return py.Tuple{s.pyObject(made[0]), s.pyObject(made[1])}, nil
}

// acceptedValue is accept's (conn, address).
func acceptedValue(s *Session, r *Result, made []*Handle) (py.Value, error) {
	return py.Tuple{s.pyObject(made[0]), sockaddrValue(s, r.addr)}, nil
}

// bindValue gives a Python name a value in the one namespace, as an
// assignment in Python does: the name no longer names a handle.
func (s *Session) bindValue(name string, v py.Value) {
	s.python().in.Globals.SetStr(name, v)
	s.pyAssigned(name, v)
}

// pyFailure is a Python exception as a command's failure: its class and
// Python's words.
func (s *Session) pyFailure(err error) error {
	class, text, _ := strings.Cut(py.ErrorLine(err), ": ")
	return pyErr(class, "%s", text)
}
