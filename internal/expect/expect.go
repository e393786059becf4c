// Package expect parses the text after `=>` and checks a command's outcome
// against it. An expectation is `ok`, an errno name, `timeout`,
// `interrupted`, `error`, the name Python gives a failure, or a value
// compared with Python's repr of the call's primary value.
package expect

import (
	"bytes"
	"errors"
	"math/big"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/errno"
	"sockrepl/internal/literal"
	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
)

// Kind is what an expectation asks for.
type Kind int

const (
	OK          Kind = iota // no failure
	Errno                   // a failure with this errno (by number)
	Timeout                 // Python's "timed out"
	Interrupted             // Ctrl-C
	AnyError                // any failure
	Class                   // a Python exception class (ValueError, BlockingIOError…)
	Value                   // the primary value, as Python's repr
)

// Expect is one parsed expectation.
type Expect struct {
	Kind  Kind
	Errno unix.Errno
	Class string
	Text  string // as written
}

// Failure is what kind of failure an outcome is.
type Failure int

const (
	NotFailed       Failure = iota
	FailErrno               // a system call failed: Errno says which
	FailTimeout             // Python's "timed out" (TimeoutError, no errno)
	FailInterrupted         // Ctrl-C ended the call
	FailPython              // an exception without an errno, Class names it (ValueError, gaierror)
	FailUsage               // the command itself was wrong: no call was made
	FailOther               // anything else
)

// Outcome is what a command did, as far as expectations can see.
type Outcome struct {
	Failed bool
	Fail   Failure    // what kind of failure, when Failed
	Errno  unix.Errno // when the failure has one
	Class  string     // the Python exception class of the failure, if Python has one
	Value  string     // the primary value as Python's repr, when it succeeded
	Void   bool       // the call returns None (prints as ok)
	// ValueErrno: the value is an errno number (connect_ex), so an errno
	// name compares with it: `connect_ex c ADDR => ECONNREFUSED`.
	ValueErrno unix.Errno
	// Data is a received payload, bytes (DataKind 'b') or text ('s'),
	// whose repr is the value. Value is then empty: the repr of a large
	// payload is up to four times its size, and a comparison does not
	// need it.
	Data     []byte
	DataKind byte
	// Whole is the elements of the whole value Python returns where that
	// is a tuple (recvfrom's (data, address), getsockname's ('127.0.0.1',
	// 5000)), each as Python's repr; the element Primary stands for the
	// primary value (Value, or Data). nil: the value is the primary one.
	Whole []string
}

// ClassOf names the OSError subclass Python raises for an errno (the
// errno table's PyClass), so that `=> BlockingIOError` works as it reads.
func ClassOf(e unix.Errno) string { return errno.Class(e) }

// Parse reads the text after `=>`.
func Parse(text string) (Expect, error) {
	t := strings.TrimSpace(text)
	x := Expect{Text: t}
	switch strings.ToLower(t) {
	case "":
		return x, errors.New(msgEmpty.S())
	case "ok":
		x.Kind = OK
		return x, nil
	case "timeout", "timed out", "socket.timeout":
		x.Kind = Timeout
		return x, nil
	case "interrupted":
		x.Kind = Interrupted
		return x, nil
	case "error":
		x.Kind = AnyError
		return x, nil
	}
	if len(t) > 1 && (t[0] == 'E' || t[0] == 'e') && isWord(t) {
		if info, ok := errno.Lookup(t); ok {
			x.Kind, x.Errno = Errno, info.Errno
			return x, nil
		}
		// A class name (EOFError) is no misspelt errno: the
		// did-you-mean search runs only for a word that must be one.
		if !strings.HasSuffix(t, "Error") {
			if s := errno.Suggest(t); s != "" {
				return x, errors.New(msgUnknownErrnoSuggest.S(msg.A("word", strconv.Quote(t)), msg.A("suggestion", s)))
			}
			return x, errors.New(msgUnknownErrno.S(msg.A("word", strconv.Quote(t))))
		}
	}
	if isWord(strings.ReplaceAll(t, ".", "_")) && (strings.HasSuffix(t, "Error") || strings.HasSuffix(t, "Operation") || strings.HasSuffix(t, ".error") || t == "gaierror" || t == "herror" || t == "timeout") {
		x.Kind, x.Class = Class, t
		return x, nil
	}
	x.Kind = Value
	return x, nil
}

func isWord(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
			return false
		}
	}
	return true
}

// Match reports whether the outcome meets the expectation.
func (x Expect) Match(o Outcome) bool {
	switch x.Kind {
	case OK:
		return !o.Failed
	case Errno:
		if !o.Failed && o.Value == strconv.Itoa(int(x.Errno)) && o.ValueErrno == x.Errno {
			return true
		}
		return o.Failed && o.Errno == x.Errno
	case Timeout:
		return o.Failed && o.Fail == FailTimeout
	case Interrupted:
		return o.Failed && o.Fail == FailInterrupted
	case AnyError:
		return o.Failed
	case Class:
		return o.Failed && classMatches(x.Class, o)
	case Value:
		if o.Failed {
			return false
		}
		if o.Whole != nil && strings.HasPrefix(x.Text, "(") {
			// A tuple compares with the whole value Python returns.
			return matchWhole(x.Text, o)
		}
		if o.Void && (x.Text == "None" || x.Text == "ok") {
			return true
		}
		if o.DataKind != 0 {
			return sameData(x.Text, o.Data, o.DataKind)
		}
		return SameValue(x.Text, o.Value)
	}
	return false
}

// pyParents are the parent classes an expectation may name for a class
// (OSError, the parent of all errno classes, is matched below).
var pyParents = map[string][]string{
	"io.UnsupportedOperation": {"UnsupportedOperation", "OSError", "ValueError"},
	"UnicodeDecodeError":      {"UnicodeError", "ValueError"},
	"BrokenPipeError":         {"ConnectionError"},
	"ConnectionAbortedError":  {"ConnectionError"},
	"ConnectionRefusedError":  {"ConnectionError"},
	"ConnectionResetError":    {"ConnectionError"},
	"TimeoutError":            {"OSError", "timeout"},
	"gaierror":                {"OSError"},
	"herror":                  {"OSError"},
}

func classMatches(want string, o Outcome) bool {
	class := o.Class
	if o.Errno != 0 {
		class = ClassOf(o.Errno)
	}
	if class == want || slices.Contains(pyParents[class], want) {
		return true
	}
	switch want {
	case "OSError", "IOError", "error", "EnvironmentError":
		return o.Errno != 0 || slices.Contains(pyParents[class], "OSError")
	}
	return false
}

// SameValue compares an expected value with Python's repr of the actual
// one. Literals compare by what they mean, so b"hi" matches b'hi' and 0x10
// matches 16; anything else compares as text.
func SameValue(want, got string) bool {
	if want == got {
		return true
	}
	if wb, ok := bytesLit(want); ok {
		gb, ok := bytesLit(got)
		return ok && string(wb) == string(gb)
	}
	if ws, ok := strLit(want); ok {
		gs, ok := strLit(got)
		return ok && ws == gs
	}
	if wi, ok := intLit(want); ok {
		if gi, ok := intLit(got); ok {
			return wi.Cmp(gi) == 0
		}
		// 0 == 0.0 in Python.
		if gf, err := strconv.ParseFloat(got, 64); err == nil {
			wf, _ := new(big.Float).SetInt(wi).Float64()
			return wf == gf
		}
		return false
	}
	if wf, err := strconv.ParseFloat(want, 64); err == nil {
		gf, err := strconv.ParseFloat(got, 64)
		return err == nil && wf == gf
	}
	return false
}

// sameData is SameValue against the repr of a payload, without making
// it: only a literal of the payload's kind can equal its repr.
func sameData(want string, data []byte, kind byte) bool {
	if kind == 'b' {
		wb, ok := bytesLit(want)
		return ok && bytes.Equal(wb, data)
	}
	ws, ok := strLit(want)
	return ok && ws == string(data)
}

func bytesLit(s string) ([]byte, bool) {
	if len(s) < 3 || (s[0] != 'b' && s[0] != 'B') || (s[1] != '\'' && s[1] != '"') {
		return nil, false
	}
	b, err := literal.Parse(s, literal.Options{})
	return b, err == nil
}

func strLit(s string) (string, bool) {
	if len(s) < 2 || (s[0] != '\'' && s[0] != '"') {
		return "", false
	}
	v, err := literal.Unquote(s)
	return v, err == nil
}

func intLit(s string) (*big.Int, bool) {
	v, ok := new(big.Int).SetString(strings.ReplaceAll(s, "_", ""), 0)
	return v, ok
}

// Primary, as an element of Outcome.Whole, stands for the primary value.
const Primary = "\x00"

// matchWhole compares a tuple expectation with the whole value.
func matchWhole(want string, o Outcome) bool {
	we, ok := tupleElements(want)
	if !ok || len(we) != len(o.Whole) {
		return false
	}
	for i, g := range o.Whole {
		switch {
		case g != Primary:
			if !SameTuple(we[i], g) {
				return false
			}
		case o.DataKind != 0:
			if !sameData(we[i], o.Data, o.DataKind) {
				return false
			}
		case !SameValue(we[i], o.Value):
			return false
		}
	}
	return true
}

// WholeText is the whole value as Python's repr writes it, for a
// mismatch; "" when there is none.
func (o Outcome) WholeText() string {
	if o.Whole == nil {
		return ""
	}
	parts := make([]string, len(o.Whole))
	for i, g := range o.Whole {
		switch {
		case g != Primary:
			parts[i] = g
		case o.DataKind == 's':
			parts[i] = pyrepr.Str(string(o.Data))
		case o.DataKind != 0:
			parts[i] = pyrepr.Bytes(o.Data)
		default:
			parts[i] = o.Value
		}
	}
	if len(parts) == 1 {
		return "(" + parts[0] + ",)"
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// TupleElements splits a Python tuple literal into its elements' text,
// ok false when s is not a tuple.
func TupleElements(s string) ([]string, bool) { return tupleElements(s) }

// SameTuple compares two Python tuple literals element by element, each
// as SameValue compares values (b"x" is b'x', 0x10 is 16), nested tuples
// alike. Anything that is not a tuple compares as SameValue.
func SameTuple(want, got string) bool {
	we, wok := tupleElements(want)
	ge, gok := tupleElements(got)
	if !wok || !gok {
		return SameValue(strings.TrimSpace(want), strings.TrimSpace(got))
	}
	if len(we) != len(ge) {
		return false
	}
	for i := range we {
		if !SameTuple(we[i], ge[i]) {
			return false
		}
	}
	return true
}

// tupleElements splits "(a, (b, c), 'd,e')" into its top-level elements;
// ok is false when s is not one parenthesised tuple. "(x)" is not a tuple
// in Python, "(x,)" is.
func tupleElements(s string) (elems []string, ok bool) {
	elems, comma, ok := literal.Parenthesised(s)
	switch {
	case !ok:
		return nil, false
	case len(elems) == 0:
		return nil, true // () is the empty tuple
	case !comma:
		return nil, false // (x) is x
	}
	return elems, true
}
