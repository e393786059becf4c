package py

import (
	"errors"
	"strconv"
	"strings"
	"unicode/utf8"
	"unsafe"

	"sockrepl/internal/pyrepr"
)

// Repr is repr(v), for messages: cut short (ending "...") where the
// whole would pass MaxSize or nest deeper than MaxDepth. A value made of
// a repr (repr(), str(), formats) uses reprOf; print and the REPL's echo
// write it with writeRepr.
func Repr(v Value) string {
	w := reprWriter{most: MaxSize}
	w.value(v, 0)
	if w.err != nil {
		w.b.WriteString("...")
	}
	return w.b.String()
}

// reprOf is repr(v) as a value made of it: MemoryError past MaxSize or
// what MaxLive leaves, RecursionError past MaxDepth, KeyboardInterrupt
// when interrupted (if set) says so. A repr of bigValue or more is
// measured first, then made once at its size, so that no copies of it
// grow on the way (a repr of 100 MB of binary is 400 MB).
func reprOf(v Value, interrupted func() bool) (string, error) {
	w := reprWriter{interrupted: interrupted, most: bigValue}
	w.value(v, 0)
	if w.err != errReprLong {
		return w.b.String(), w.err
	}
	count := reprWriter{interrupted: interrupted, most: MaxSize, measure: true}
	count.value(v, 0)
	if err := count.err; err != nil {
		if err == errReprLong {
			err = NewExc(MemoryError)
		}
		return "", err
	}
	n := count.total
	if err := Reserve(n); err != nil {
		return "", err
	}
	w = reprWriter{interrupted: interrupted, most: n}
	w.b.Grow(n)
	w.value(v, 0)
	if w.err != nil {
		return "", w.err
	}
	noteMade(n)
	return w.b.String(), nil
}

// writeRepr writes repr(v) (str(v) when asStr) to write, piece by piece:
// never held whole, it is bounded only by Ctrl-C. A repr that fails
// within its first piece writes nothing.
func writeRepr(v Value, asStr bool, write func(string), interrupted func() bool) error {
	if x, ok := v.(Str); ok && asStr {
		return writePieces(string(x), write, interrupted)
	}
	if asStr {
		switch v.(type) {
		case Enum, *Instance:
			s, err := strOf(v, interrupted)
			if err == nil {
				write(s)
			}
			return err
		}
	}
	w := reprWriter{sink: write, interrupted: interrupted}
	w.value(v, 0)
	return w.flush()
}

// writePieces writes s a piece of reprPiece bytes at a time, cut between
// characters, and asks Ctrl-C before each: printing 256 MiB to a
// terminal takes minutes.
func writePieces(s string, write func(string), interrupted func() bool) error {
	for len(s) > 0 {
		n := min(len(s), reprPiece)
		for k := 1; k < utf8.UTFMax && n < len(s) && !utf8.RuneStart(s[n]); k++ {
			n--
		}
		if interrupted != nil && interrupted() {
			return NewExc(KeyboardInterrupt)
		}
		write(s[:n])
		s = s[n:]
	}
	return nil
}

// strOf is str(v), bounded as reprOf is.
func strOf(v Value, interrupted func() bool) (string, error) {
	switch x := v.(type) {
	case Str:
		return string(x), nil
	case Enum:
		return ToStr(x), nil
	case *Instance:
		if x.Class.IsSub(BaseException) {
			return excStr(x), nil
		}
	}
	return reprOf(v, interrupted)
}

// reprWriter writes a repr and stops with an error where Python might
// never end or exhaust the memory: a repr longer than most (a list
// holding itself twice, nested 60 deep, doubles at each level), nested
// deeper than MaxDepth, or Ctrl-C. A container met again inside itself
// is written as Python writes it, [...] or {...}.
type reprWriter struct {
	b strings.Builder
	// sink, when set, takes the repr piece by piece as it is written (the
	// REPL's echo, print), and b holds a piece at most.
	sink func(string)
	// most, when set, bounds the repr's length: past it, errReprLong.
	most  int
	total int
	// measure counts the repr's length (total) without making it.
	measure bool
	// open holds the lists and dicts being written, outermost first.
	open []Value
	// interrupted, when set, is asked every reprPiece bytes.
	interrupted func() bool
	asked       int
	err         error
}

// errReprLong is a repr longer than its writer's most.
var errReprLong = errors.New("repr longer than asked")

// reprPiece is how much a reprWriter writes between two looks at Ctrl-C,
// and what it holds at most before it passes it to its sink.
const reprPiece = 64 << 10

func (w *reprWriter) write(s string) {
	if !w.room(len(s)) {
		return
	}
	if !w.measure {
		w.b.WriteString(s)
	}
	w.piece()
}

// room counts n more bytes of the repr: false, and errReprLong, past most.
func (w *reprWriter) room(n int) bool {
	if w.err != nil {
		return false
	}
	if w.most > 0 && w.total+n > w.most {
		w.err = errReprLong
		return false
	}
	w.total += n
	return true
}

// piece looks at Ctrl-C, and passes what it holds to the sink, every
// reprPiece bytes.
func (w *reprWriter) piece() {
	if w.total < w.asked+reprPiece {
		return
	}
	w.asked = w.total
	if w.interrupted != nil && w.interrupted() {
		w.err = NewExc(KeyboardInterrupt)
		return
	}
	if w.sink != nil {
		w.sink(w.b.String())
		w.b.Reset()
	}
}

// flush passes what is left to the sink, unless the repr failed.
func (w *reprWriter) flush() error {
	if w.err == nil && w.sink != nil && w.b.Len() > 0 {
		w.sink(w.b.String())
		w.b.Reset()
	}
	return w.err
}

// enter reports whether container c may be written: false, after writing
// what Python writes for it, when it is being written already.
func (w *reprWriter) enter(c Value, again string) bool {
	for _, o := range w.open {
		if o == c {
			w.write(again)
			return false
		}
	}
	w.open = append(w.open, c)
	return true
}

func (w *reprWriter) leave() { w.open = w.open[:len(w.open)-1] }

func (w *reprWriter) value(v Value, depth int) {
	if w.err != nil {
		return
	}
	if depth > MaxDepth {
		w.err = excf(RecursionError, "maximum recursion depth exceeded while getting the repr of an object")
		return
	}
	switch x := v.(type) {
	case *NoneType:
		w.write("None")
	case *EllipsisType:
		w.write("Ellipsis")
	case Bool:
		if x {
			w.write("True")
		} else {
			w.write("False")
		}
	case Int:
		s, err := decimal(x.b)
		if err != nil {
			w.err = err
			return
		}
		w.write(s)
	case Float:
		w.write(floatRepr(float64(x)))
	case Enum:
		if x.Name == "" {
			w.write("<" + x.Class + ": " + strconv.FormatInt(x.V, 10) + ">") // a flag of no member: <MsgFlag: 0>
		} else {
			w.write("<" + x.Class + "." + x.Name + ": " + strconv.FormatInt(x.V, 10) + ">")
		}
	case Str:
		if w.measure {
			if w.room(pyrepr.StrLen(string(x))) {
				w.piece()
			}
			return
		}
		for piece := range pyrepr.StrChunks(string(x)) {
			if w.write(piece); w.err != nil {
				break
			}
		}
	case Bytes:
		if w.measure {
			if w.room(pyrepr.BytesLen(string(x))) {
				w.piece()
			}
			return
		}
		for piece := range pyrepr.BytesChunks(string(x)) {
			if w.write(piece); w.err != nil {
				break
			}
		}
	case Tuple:
		w.write("(")
		for i, e := range x {
			if i > 0 {
				w.write(", ")
			}
			w.value(e, depth+1)
		}
		if len(x) == 1 {
			w.write(",")
		}
		w.write(")")
	case *List:
		if !w.enter(x, "[...]") {
			return
		}
		w.write("[")
		for i, e := range x.Items {
			if i > 0 {
				w.write(", ")
			}
			w.value(e, depth+1)
		}
		w.write("]")
		w.leave()
	case *Dict:
		if !w.enter(x, "{...}") {
			return
		}
		w.write("{")
		for i, k := range x.keys {
			if i > 0 {
				w.write(", ")
			}
			w.value(k, depth+1)
			w.write(": ")
			w.value(x.vals[i], depth+1)
		}
		w.write("}")
		w.leave()
	case *Set:
		if len(x.d.keys) == 0 {
			w.write("set()")
			return
		}
		w.write("{")
		for i, k := range x.d.keys {
			if i > 0 {
				w.write(", ")
			}
			w.value(k, depth+1)
		}
		w.write("}")
	case *Range:
		w.write("range(" + strconv.FormatInt(x.start, 10) + ", " + strconv.FormatInt(x.stop, 10))
		if x.step != 1 {
			w.write(", " + strconv.FormatInt(x.step, 10))
		}
		w.write(")")
	case *Func:
		w.write("<function " + x.Name + " at " + reprAddr(x) + ">")
	case *Builtin:
		w.builtin(x, depth)
	case *Class:
		if x.IsEnum {
			w.write("<enum '" + x.Name + "'>")
			return
		}
		w.write("<class '" + x.QualName() + "'>")
	case *Instance:
		if !x.Class.IsSub(BaseException) {
			w.write("<" + x.Class.QualName() + " object at " + reprAddr(x) + ">")
			return
		}
		w.write(x.Class.Name)
		if len(x.Args) == 1 {
			w.write("(")
			w.value(x.Args[0], depth+1)
			w.write(")")
		} else {
			w.value(x.Args, depth+1)
		}
	case *Module:
		w.write("<module '" + x.Name + "' (built-in)>")
	case *Iter:
		w.write("<iterator object>")
	case Host:
		w.write(x.Repr())
	default:
		w.write("<object>")
	}
}

// builtin writes a Go function's repr, as CPython writes the function it
// stands for: <built-in function print>, <function socketpair at 0x…>,
// <built-in method recv of socket object at 0x…>, <bound method
// socket.close of <socket.socket fd=3, …>>.
func (w *reprWriter) builtin(x *Builtin, depth int) {
	switch {
	case x.Self == nil && x.Python:
		w.write("<function " + x.Name + " at " + reprAddr(x) + ">")
	case x.Self == nil:
		w.write("<built-in function " + x.Name + ">")
	case x.Python:
		w.write("<bound method " + TypeName(x.Self) + "." + x.Name + " of ")
		w.value(x.Self, depth+1)
		w.write(">")
	default:
		w.write("<built-in method " + x.Name + " of " + cTypeName(x.Self) + " object at " + reprAddr(x.Self) + ">")
	}
}

// cTypeName is the name CPython's C code gives v's type (tp_name): a
// class of a C module (one whose name starts with _) is written with its
// module, _io.BufferedReader; any other by its name alone, socket.
func cTypeName(v Value) string {
	if h, ok := v.(Host); ok {
		if c := h.Type(); strings.HasPrefix(c.Module, "_") {
			return c.QualName()
		}
	}
	return TypeName(v)
}

// reprAddr is the address a repr shows for v (<function f at 0x…>):
// id(v) where v has one; a str or bytes by where its contents are.
func reprAddr(v Value) string {
	p := ptrID(v)
	switch x := v.(type) {
	case Str:
		p = uintptr(unsafe.Pointer(unsafe.StringData(string(x))))
	case Bytes:
		p = uintptr(unsafe.Pointer(unsafe.StringData(string(x))))
	}
	return "0x" + strconv.FormatUint(uint64(p), 16)
}
