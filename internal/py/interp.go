// Package py is a small Python interpreter: the part of Python 3 that
// socket tutorials use (literals, str and bytes with their methods,
// tuples, lists, dicts, comprehensions, loops, try/except/finally, def,
// print), with CPython's reprs and exception messages. The embedding
// program adds modules (sockrepl's socket module) through Host values.
//
// It is a tree-walking evaluator: no bytecode, no garbage of its own
// beyond Go's. Every loop iteration and call asks Interrupted, so Ctrl-C
// ends any Python; sizes and recursion are bounded (MaxSize, MaxDepth).
package py

import (
	"errors"
	"runtime"
	"runtime/metrics"
	"strings"
	"sync/atomic"
)

// MaxSize bounds one str, bytes or list made by an operation (a repeat, a
// join, a concatenation): past it, MemoryError, as a machine without the
// memory would say.
const MaxSize = 1 << 28

// MaxLive bounds all the memory in use while Python makes big values:
// MaxSize bounds one value, this bounds them together, so that many
// values of 100 MiB each (one name each, or a list of them) cannot
// exhaust the machine. A value of bigValue bytes or more is made only
// when the heap in use and it fit (after a collection, if the heap looks
// full only for garbage); past it, MemoryError, and what is held stays.
var MaxLive uint64 = 1 << 30

// bigValue is the size from which a value counts against MaxLive: below
// it, values are too small to matter one by one, and the check would
// cost more than they do.
const bigValue = 1 << 20

// Reserve is asked before a str, bytes or list of n bytes is made (also
// by the embedding program, for bytes it received): MemoryError when
// n does not fit in MaxSize or in what MaxLive leaves.
func Reserve(n int) error {
	if n < bigValue {
		return nil
	}
	if n > MaxSize || !liveFits(uint64(n)) {
		return NewExc(MemoryError)
	}
	return nil
}

// liveFits reports whether n more bytes fit under MaxLive.
func liveFits(n uint64) bool {
	if heapInUse()+n <= MaxLive {
		return true
	}
	runtime.GC() // what looked full may be garbage
	return heapInUse()+n <= MaxLive
}

// heapInUse is the heap's objects now, live or not yet collected.
func heapInUse() uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	if sample[0].Value.Kind() != metrics.KindUint64 {
		return 0
	}
	return sample[0].Value.Uint64()
}

// madeBig counts bytes of big values made where their size was known
// only once made (a str method's result, repr, a slice): the builtin
// call that made one, the operation, or else the next call, loop
// iteration or statement checks them against MaxLive (checkMade).
var madeBig atomic.Int64

// noteMade records a value of n bytes just made.
func noteMade(n int) {
	if n >= bigValue {
		madeBig.Add(int64(n))
	}
}

// madeStr is a str just made from s, counted as noteMade does.
func madeStr(s string) Str {
	noteMade(len(s))
	return Str(s)
}

// MaxItems bounds one list, tuple or dict: each item costs far more than a
// byte (a Go interface and the value behind it), so the bound is lower.
const MaxItems = 1 << 21

// fitsItems is MemoryError when a list, tuple or dict of n items would
// pass MaxItems: asked before one whose size is known is made.
func fitsItems(n int) error {
	if n > MaxItems {
		return NewExc(MemoryError)
	}
	return nil
}

// MaxDepth is Python's default recursion limit.
const MaxDepth = 1000

// Interp is one interpreter: its globals, its modules, its output.
type Interp struct {
	Globals *Dict
	// Modules are what import finds.
	Modules map[string]*Module
	// Write prints text (print, the REPL's reprs). Echoed counts the
	// values the REPL has shown: a saved program prints them.
	Write  func(s string)
	Echoed int
	// Interrupted, when set, is asked at each loop iteration and call;
	// true raises KeyboardInterrupt.
	Interrupted func() bool
	// Lookup, when set, is asked for names not found in the globals or
	// builtins (the session's handles).
	Lookup func(name string) (Value, bool)
	// Assigned, when set, is told of every global assignment.
	Assigned func(name string, v Value)
	depth    int
	builtins map[string]Value
}

// New makes an interpreter.
func New(write func(string)) *Interp {
	in := &Interp{Globals: NewDict(), Modules: map[string]*Module{}, Write: write}
	in.builtins = in.makeBuiltins()
	in.Globals.SetStr("__name__", Str("__main__"))
	return in
}

// Builtin returns a builtin by name.
func (in *Interp) Builtin(name string) Value { return in.builtins[name] }

// Exec runs src as the REPL does ("single" mode): the value of each
// top-level expression statement is printed with repr unless None. An
// open block is returned as *Incomplete without running anything.
func (in *Interp) Exec(src string) error {
	stmts, err := Parse(src)
	if err != nil {
		return err
	}
	return in.run(stmts, true)
}

// ExecFile runs src as a script: nothing is echoed.
func (in *Interp) ExecFile(src string) error {
	stmts, err := Parse(src)
	if err != nil {
		return err
	}
	return in.run(stmts, false)
}

func (in *Interp) run(stmts []stmt, echo bool) (err error) {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*Exception); ok {
				err = e
				return
			}
			panic(r)
		}
	}()
	in.depth = 0
	fr := &frame{in: in, globals: in.Globals, echo: echo}
	// A statement that made big values without a call or a loop after
	// them is checked before the next one runs.
	if err := fr.checkInterrupt(); err != nil {
		return err
	}
	err = fr.execBlock(stmts)
	switch err.(type) {
	case *breakSignal, *continueSignal:
		return &SyntaxError{Msg: "'break' outside loop"}
	case *returnSignal:
		return &SyntaxError{Msg: "'return' outside function"}
	}
	return err
}

// Eval evaluates one expression.
func (in *Interp) Eval(src string) (Value, error) {
	toks, err := lex(src)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	var x expr
	err = func() (err error) {
		defer func() {
			if r := recover(); r != nil {
				se, ok := r.(*SyntaxError)
				if !ok {
					panic(r)
				}
				err = se
			}
		}()
		x = p.testList()
		if p.peek().kind != tNewline && p.peek().kind != tEOF {
			p.fail("invalid syntax")
		}
		return nil
	}()
	if err != nil {
		return nil, err
	}
	fr := &frame{in: in, globals: in.Globals}
	return fr.eval(x)
}

// Call calls a Python callable from Go.
func (in *Interp) Call(fn Value, args []Value, kw []KW) (Value, error) {
	fr := &frame{in: in, globals: in.Globals}
	return fr.call(fn, args, kw)
}

type breakSignal struct{}
type continueSignal struct{}
type returnSignal struct{ v Value }

func (*breakSignal) Error() string    { return "break" }
func (*continueSignal) Error() string { return "continue" }
func (*returnSignal) Error() string   { return "return" }

var (
	errBreak    = &breakSignal{}
	errContinue = &continueSignal{}
)

// scope is a function's local names; up is the enclosing function's.
type scope struct {
	vars    map[string]Value
	up      *scope
	globals map[string]bool // names declared global
}

type frame struct {
	in      *Interp
	globals *Dict
	local   *scope // nil at module level
	echo    bool   // REPL: print expression statements' values
	// handling is the exception being handled, for a bare raise.
	handling *Exception
}

// checkInterrupt raises KeyboardInterrupt when Ctrl-C was pressed.
func (fr *frame) checkInterrupt() error {
	if fr.in.Interrupted != nil && fr.in.Interrupted() {
		return NewExc(KeyboardInterrupt)
	}
	return checkMade()
}

// checkMade is MemoryError when big values were made since the last
// check, or heapEvery checks went by, and the heap no longer fits
// MaxLive: the value just made is then dropped before anything holds it.
// The count catches what no one value shows: small values made by the
// million (a list of 2M-item lists, dicts made in a loop).
func checkMade() error {
	big := madeBig.Load() > 0 && madeBig.Swap(0) > 0
	if (big || checks.Add(1)%heapEvery == 0) && !liveFits(0) {
		return NewExc(MemoryError)
	}
	return nil
}

// heapEvery is how many checks (loop steps, calls) go by between two
// looks at the heap when no big value was made.
const heapEvery = 4096

var checks atomic.Int64

func (fr *frame) lookup(name string) (Value, error) {
	for sc := fr.local; sc != nil; sc = sc.up {
		if sc.globals[name] {
			break
		}
		if v, ok := sc.vars[name]; ok {
			return v, nil
		}
	}
	if v, ok := fr.globals.GetStr(name); ok {
		return v, nil
	}
	if v, ok := fr.in.builtins[name]; ok {
		return v, nil
	}
	if fr.in.Lookup != nil {
		if v, ok := fr.in.Lookup(name); ok {
			return v, nil
		}
	}
	return nil, excf(NameError, "name '%s' is not defined", name)
}

func (fr *frame) setName(name string, v Value) {
	if fr.local != nil && !fr.local.globals[name] {
		fr.local.vars[name] = v
		return
	}
	fr.globals.SetStr(name, v)
	if fr.in.Assigned != nil && fr.globals == fr.in.Globals {
		fr.in.Assigned(name, v)
	}
}

func (fr *frame) delName(name string) error {
	if fr.local != nil && !fr.local.globals[name] {
		if _, ok := fr.local.vars[name]; !ok {
			return excf(NameError, "name '%s' is not defined", name)
		}
		delete(fr.local.vars, name)
		return nil
	}
	ok, _ := fr.globals.Delete(Str(name))
	if !ok && fr.globals == fr.in.Globals && fr.in.Lookup != nil {
		// A name the host keeps (a handle's) is a global too.
		_, ok = fr.in.Lookup(name)
	}
	if !ok {
		return excf(NameError, "name '%s' is not defined", name)
	}
	if fr.in.Assigned != nil && fr.globals == fr.in.Globals {
		fr.in.Assigned(name, nil)
	}
	return nil
}

// IsIncomplete reports whether err asks for more lines.
func IsIncomplete(err error) bool {
	var inc *Incomplete
	return errors.As(err, &inc)
}

// ErrorLine is what the REPL prints for an error from Exec: the last line
// of Python's traceback.
func ErrorLine(err error) string {
	if err == nil {
		return ""
	}
	var exc *Exception
	if errors.As(err, &exc) {
		return exc.Error()
	}
	var inc *Incomplete
	if errors.As(err, &inc) {
		return "SyntaxError: " + inc.Msg
	}
	var se *SyntaxError
	if errors.As(err, &se) {
		if strings.HasPrefix(se.Msg, "unindent") || strings.HasPrefix(se.Msg, "unexpected indent") || strings.HasPrefix(se.Msg, "expected an indented") {
			return "IndentationError: " + se.Msg
		}
		return "SyntaxError: " + se.Msg
	}
	return err.Error()
}
