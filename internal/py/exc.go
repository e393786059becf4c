package py

import (
	"fmt"
	"reflect"

	"golang.org/x/sys/unix"

	"sockrepl/internal/errno"
)

// Exception is a raised Python exception, carried as a Go error.
type Exception struct {
	Inst *Instance
}

// Error is the last line of Python's traceback.
func (e *Exception) Error() string { return LastLine(e.Inst) }

// LastLine is what Python's traceback ends with: `Class: message`.
func LastLine(inst *Instance) string {
	s := excStr(inst)
	if s == "" {
		return inst.Class.QualName()
	}
	return inst.Class.QualName() + ": " + s
}

func excStr(x *Instance) string {
	if x.Class.IsSub(OSError) && len(x.Args) >= 2 {
		if _, ok := x.Args[0].(Int); ok {
			s := "[Errno " + ToStr(x.Args[0]) + "] " + ToStr(x.Args[1])
			if f := x.Attrs["filename"]; f != nil && f != None {
				s += ": " + Repr(f)
				if f2 := x.Attrs["filename2"]; f2 != nil && f2 != None {
					s += " -> " + Repr(f2)
				}
			}
			return s
		}
	}
	if s, ok := unicodeErrorStr(x); ok {
		return s
	}
	if x.Class.IsSub(GaiError) && len(x.Args) == 2 {
		return "[Errno " + ToStr(x.Args[0]) + "] " + ToStr(x.Args[1])
	}
	switch len(x.Args) {
	case 0:
		return ""
	case 1:
		if x.Class.IsSub(KeyError) {
			return Repr(x.Args[0])
		}
		return ToStr(x.Args[0])
	}
	return Repr(x.Args)
}

// IsSub reports whether c is base or derives from it.
func (c *Class) IsSub(base *Class) bool {
	if c == base {
		return true
	}
	for _, b := range c.Bases {
		if b.IsSub(base) {
			return true
		}
	}
	return false
}

func newExcClass(name string, bases ...*Class) *Class {
	return &Class{Name: name, Bases: bases, Attrs: map[string]Value{}}
}

// NewExceptionClass makes an exception class for a host module
// (socket.gaierror).
func NewExceptionClass(module, name string, base *Class) *Class {
	c := newExcClass(name, base)
	c.Module = module
	return c
}

// Instantiate calls the class: cls(*args, **kw).
func (c *Class) Instantiate(args []Value, kw []KW) (Value, error) {
	if c.New != nil {
		return c.New(c, args, kw)
	}
	if c.IsSub(BaseException) {
		return newException(c, args, kw)
	}
	return nil, typeErr("cannot create '%s' instances", c.QualName())
}

func newException(cls *Class, args []Value, kw []KW) (Value, error) {
	// OSError(errno, msg) becomes the subclass for that errno, as in Python.
	if cls == OSError && len(args) >= 2 {
		if n, ok := args[0].(Int); ok {
			if v, ok := n.Int64(); ok {
				if sub := ErrnoClass(unix.Errno(v)); sub != nil {
					cls = sub
				}
			}
		}
	}
	inst := &Instance{Class: cls, Args: Tuple(append([]Value(nil), args...)), Attrs: map[string]Value{}}
	if _, ok := unicodeErrorArgs(inst); ok {
		for i, name := range unicodeErrorAttrs {
			inst.Attrs[name] = args[i]
		}
	}
	if cls.IsSub(OSError) {
		inst.Attrs["errno"], inst.Attrs["strerror"] = None, None
		inst.Attrs["filename"], inst.Attrs["filename2"] = None, None
		if len(args) >= 2 && len(args) <= 5 {
			inst.Attrs["errno"], inst.Attrs["strerror"] = args[0], args[1]
		}
		if len(args) >= 3 && len(args) <= 5 {
			// OSError(errno, strerror, filename[, winerror[, filename2]]):
			// args keeps the first two, as in CPython.
			inst.Attrs["filename"] = args[2]
			if len(args) == 5 {
				inst.Attrs["filename2"] = args[4]
			}
			inst.Args = inst.Args[:2]
		}
	}
	return inst, nil
}

// The built-in exception classes.
var (
	BaseException     = newExcClass("BaseException")
	KeyboardInterrupt = newExcClass("KeyboardInterrupt", BaseException)
	SystemExit        = newExcClass("SystemExit", BaseException)
	ExceptionClass    = newExcClass("Exception", BaseException)
	StopIteration     = newExcClass("StopIteration", ExceptionClass)
	ArithmeticError   = newExcClass("ArithmeticError", ExceptionClass)
	ZeroDivisionError = newExcClass("ZeroDivisionError", ArithmeticError)
	OverflowError     = newExcClass("OverflowError", ArithmeticError)
	AssertionError    = newExcClass("AssertionError", ExceptionClass)
	AttributeError    = newExcClass("AttributeError", ExceptionClass)
	ImportError       = newExcClass("ImportError", ExceptionClass)
	ModuleNotFound    = newExcClass("ModuleNotFoundError", ImportError)
	LookupError       = newExcClass("LookupError", ExceptionClass)
	IndexError        = newExcClass("IndexError", LookupError)
	KeyError          = newExcClass("KeyError", LookupError)
	MemoryError       = newExcClass("MemoryError", ExceptionClass)
	NameError         = newExcClass("NameError", ExceptionClass)
	UnboundLocalError = newExcClass("UnboundLocalError", NameError)
	RuntimeError      = newExcClass("RuntimeError", ExceptionClass)
	RecursionError    = newExcClass("RecursionError", RuntimeError)
	NotImplErr        = newExcClass("NotImplementedError", RuntimeError)
	SyntaxErrorClass  = newExcClass("SyntaxError", ExceptionClass)
	TypeError         = newExcClass("TypeError", ExceptionClass)
	ValueError        = newExcClass("ValueError", ExceptionClass)
	UnicodeError      = newExcClass("UnicodeError", ValueError)
	UnicodeDecode     = newExcClass("UnicodeDecodeError", UnicodeError)
	UnicodeEncode     = newExcClass("UnicodeEncodeError", UnicodeError)
	OSError           = newExcClass("OSError", ExceptionClass)
	BlockingIOError   = newExcClass("BlockingIOError", OSError)
	ChildProcessError = newExcClass("ChildProcessError", OSError)
	ConnectionError   = newExcClass("ConnectionError", OSError)
	BrokenPipeError   = newExcClass("BrokenPipeError", ConnectionError)
	ConnAborted       = newExcClass("ConnectionAbortedError", ConnectionError)
	ConnRefused       = newExcClass("ConnectionRefusedError", ConnectionError)
	ConnReset         = newExcClass("ConnectionResetError", ConnectionError)
	FileExistsError   = newExcClass("FileExistsError", OSError)
	FileNotFoundError = newExcClass("FileNotFoundError", OSError)
	InterruptedError  = newExcClass("InterruptedError", OSError)
	IsADirectoryError = newExcClass("IsADirectoryError", OSError)
	NotADirectory     = newExcClass("NotADirectoryError", OSError)
	PermissionError   = newExcClass("PermissionError", OSError)
	ProcessLookup     = newExcClass("ProcessLookupError", OSError)
	TimeoutError      = newExcClass("TimeoutError", OSError)
	// GaiError is socket.gaierror; it lives here so str() can format it.
	GaiError = NewExceptionClass("socket", "gaierror", OSError)
	// HError is socket.herror.
	HError = NewExceptionClass("socket", "herror", OSError)
)

var builtinExceptions = []*Class{
	BaseException, KeyboardInterrupt, SystemExit, ExceptionClass, StopIteration, ArithmeticError,
	ZeroDivisionError, OverflowError, AssertionError, AttributeError, ImportError, ModuleNotFound,
	LookupError, IndexError, KeyError, MemoryError, NameError, UnboundLocalError, RuntimeError,
	RecursionError, NotImplErr, SyntaxErrorClass, TypeError, ValueError, UnicodeError, UnicodeDecode,
	UnicodeEncode, OSError, BlockingIOError, ChildProcessError, ConnectionError, BrokenPipeError,
	ConnAborted, ConnRefused, ConnReset, FileExistsError, FileNotFoundError, InterruptedError,
	IsADirectoryError, NotADirectory, PermissionError, ProcessLookup, TimeoutError,
}

var classByName = func() map[string]*Class {
	m := map[string]*Class{}
	for _, c := range builtinExceptions {
		m[c.Name] = c
	}
	return m
}()

// ErrnoClass is the OSError subclass Python raises for e (nil: OSError),
// from the errno table's Python column.
func ErrnoClass(e unix.Errno) *Class {
	name := errno.Of(e).PyClass
	if c, ok := classByName[name]; ok && c != OSError {
		return c
	}
	return nil
}

// NewExc makes an exception of cls with args.
func NewExc(cls *Class, args ...Value) *Exception {
	v, _ := newException(cls, args, nil)
	return &Exception{v.(*Instance)}
}

// OSErrorFor is the exception Python raises for a failed system call.
func OSErrorFor(e unix.Errno) *Exception {
	cls := ErrnoClass(e)
	if cls == nil {
		cls = OSError
	}
	return NewExc(cls, NewInt(int64(e)), Str(errno.Of(e).Message))
}

func excf(cls *Class, format string, a ...any) *Exception {
	return NewExc(cls, Str(fmt.Sprintf(format, a...)))
}

func typeErr(format string, a ...any) *Exception  { return excf(TypeError, format, a...) }
func valueErr(format string, a ...any) *Exception { return excf(ValueError, format, a...) }

// TypeErr and ValueErr are for host modules.
func TypeErr(format string, a ...any) *Exception  { return typeErr(format, a...) }
func ValueErr(format string, a ...any) *Exception { return valueErr(format, a...) }

// Excf makes an exception of any class with a formatted message.
func Excf(cls *Class, format string, a ...any) *Exception { return excf(cls, format, a...) }

func ptrID(v Value) uintptr {
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer {
		return rv.Pointer()
	}
	return 0
}
