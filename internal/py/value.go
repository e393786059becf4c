package py

import (
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"

	"sockrepl/internal/pyrepr"
)

// Value is a Python value. The Go types that are Values: NoneType, Bool,
// Int, Float, Str, Bytes, Tuple, *List, *Dict, *Set, *Func, *Builtin,
// *Class, *Instance, *Module, *Range, *Iter, and Host objects.
type Value interface{}

type NoneType struct{}
type EllipsisType struct{}

var (
	None     = &NoneType{}
	Ellipsis = &EllipsisType{}
)

type Bool bool

const (
	True  = Bool(true)
	False = Bool(false)
)

// Int is Python's unbounded int.
type Int struct{ b *big.Int }

// NewInt makes an Int.
func NewInt(n int64) Int { return Int{big.NewInt(n)} }

// AsInt is an int, bool or enum member as a *big.Int.
func AsInt(v Value) (*big.Int, bool) { return toInt(v) }

// Int64 is the value when it fits.
func (i Int) Int64() (int64, bool) { return i.b.Int64(), i.b.IsInt64() }

type Float float64

// Enum is a member of an IntEnum (socket.AF_INET): an int that prints
// as <AddressFamily.AF_INET: 2>.
type Enum struct {
	Class, Name string
	V           int64
}

type Str string

// Bytes holds raw bytes; a Go string keeps it immutable and comparable.
type Bytes string

type Tuple []Value

type List struct{ Items []Value }

// Dict keeps insertion order, as Python's does.
type Dict struct {
	keys  []Value
	vals  []Value
	index map[string]int
}

type Set struct{ d *Dict }

type Range struct{ start, stop, step int64 }

// Func is a function made by def or lambda.
type Func struct {
	Name    string
	params  *params
	defs    []Value
	kwdefs  []Value
	body    []stmt
	lambda  expr
	globals *Dict
	closure *scope
}

// Builtin is a function written in Go. Self, when set, is the object it
// is a method of (Fn has it already); Python says that CPython writes it in
// Python, not C (socket.socketpair, a socket's close). Both only change its
// repr, as they change CPython's.
type Builtin struct {
	Name   string
	Fn     func(args []Value, kw []KW) (Value, error)
	Self   Value
	Python bool
}

// KW is one keyword argument.
type KW struct {
	Name string
	V    Value
}

// Class is a type: the built-in exceptions, the host's types.
type Class struct {
	Name   string
	Module string // "" for builtins; "socket" for socket.gaierror
	Bases  []*Class
	Attrs  map[string]Value
	// New, when set, makes instances (for host types and exceptions).
	New func(cls *Class, args []Value, kw []KW) (Value, error)
	// IsEnum: an enum class (socket.AddressFamily), whose repr is
	// <enum 'AddressFamily'>.
	IsEnum bool
}

// Instance is an instance of a Class: an exception object.
type Instance struct {
	Class *Class
	Args  Tuple
	Attrs map[string]Value
}

// Module is an imported module.
type Module struct {
	Name  string
	Attrs *Dict
}

// Host is a value the embedding program defines: a socket, a file.
type Host interface {
	Type() *Class
	GetAttr(name string) (Value, bool)
	Repr() string
}

// Iter yields values; next returns false at the end.
type Iter struct{ next func() (Value, bool, error) }

// TypeName is what type(v).__name__ says.
func TypeName(v Value) string {
	switch x := v.(type) {
	case *NoneType:
		return "NoneType"
	case *EllipsisType:
		return "ellipsis"
	case Bool:
		return "bool"
	case Int:
		return "int"
	case Float:
		return "float"
	case Enum:
		return x.Class
	case Str:
		return "str"
	case Bytes:
		return "bytes"
	case Tuple:
		return "tuple"
	case *List:
		return "list"
	case *Dict:
		return "dict"
	case *Set:
		return "set"
	case *Range:
		return "range"
	case *Func:
		return "function"
	case *Builtin:
		return "builtin_function_or_method"
	case *Class:
		return "type"
	case *Instance:
		return x.Class.Name
	case *Module:
		return "module"
	case *Iter:
		return "iterator"
	case Host:
		return x.Type().Name
	}
	return "object"
}

// QualName is the class's name as tracebacks print it: socket.gaierror.
func (c *Class) QualName() string {
	if c.Module == "" {
		return c.Name
	}
	return c.Module + "." + c.Name
}

func floatRepr(f float64) string {
	switch {
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	case math.IsNaN(f):
		return "nan"
	}
	return pyrepr.Float(f)
}

// ToStr is str(v).
func ToStr(v Value) string {
	switch x := v.(type) {
	case Str:
		return string(x)
	case Enum:
		return strconv.FormatInt(x.V, 10)
	case *Instance:
		if x.Class.IsSub(BaseException) {
			return excStr(x)
		}
	}
	return Repr(v)
}

// Truth is bool(v).
func Truth(v Value) bool {
	switch x := v.(type) {
	case *NoneType:
		return false
	case Bool:
		return bool(x)
	case Int:
		return x.b.Sign() != 0
	case Enum:
		return x.V != 0
	case Float:
		return x != 0
	case Str:
		return x != ""
	case Bytes:
		return x != ""
	case Tuple:
		return len(x) > 0
	case *List:
		return len(x.Items) > 0
	case *Dict:
		return len(x.keys) > 0
	case *Set:
		return len(x.d.keys) > 0
	case *Range:
		return rangeLen(x) > 0
	}
	return true
}

// NewDict makes an empty dict.
func NewDict() *Dict { return &Dict{index: map[string]int{}} }

// hashKey is a dict key's identity: equal values (1 == 1.0 == True) give
// equal keys.
// maxStrDigits is CPython's bound (3.11 and later) on an int written or
// read in decimal: the conversion's time grows faster than the digits,
// so a huge int would hold the interpreter for seconds where Ctrl-C is
// not asked. Hex and the other power-of-two bases are not bounded.
const maxStrDigits = 4300

// decimal is n in decimal, or Python's ValueError past maxStrDigits.
func decimal(n *big.Int) (string, error) {
	// 0.30103 digits a bit; the estimate errs high by one at most.
	if n.BitLen() > 64 && n.BitLen()*30103/100000 > maxStrDigits {
		return "", errStrDigits("")
	}
	s := n.String()
	if digits := len(strings.TrimPrefix(s, "-")); digits > maxStrDigits {
		return "", errStrDigits("")
	}
	return s, nil
}

// errStrDigits is CPython's ValueError for too many decimal digits;
// given says how many a str read had.
func errStrDigits(given string) error { return valueErr("%s", strDigitsMsg(given)) }

func strDigitsMsg(given string) string {
	return "Exceeds the limit (" + itoa(maxStrDigits) + " digits) for integer string conversion" + given + "; use sys.set_int_max_str_digits() to increase the limit"
}

// intKey is an int's dict key: hex, which costs no conversion, and the
// same for an equal bool, float or enum.
func intKey(n *big.Int) string { return "n" + n.Text(16) }

func hashKey(v Value) (string, error) {
	switch x := v.(type) {
	case Bool:
		if x {
			return intKey(big.NewInt(1)), nil
		}
		return intKey(big.NewInt(0)), nil
	case Int:
		return intKey(x.b), nil
	case Enum:
		return intKey(big.NewInt(x.V)), nil
	case Float:
		if float64(x) == math.Trunc(float64(x)) && !math.IsInf(float64(x), 0) {
			bf, _ := big.NewFloat(float64(x)).Int(nil)
			return intKey(bf), nil
		}
		return "f" + strconv.FormatFloat(float64(x), 'g', -1, 64), nil
	case Str:
		return "s" + string(x), nil
	case Bytes:
		return "b" + string(x), nil
	case *NoneType:
		return "N", nil
	case Tuple:
		var b strings.Builder
		b.WriteString("t(")
		for _, e := range x {
			k, err := hashKey(e)
			if err != nil {
				return "", err
			}
			b.WriteString(strconv.Itoa(len(k)))
			b.WriteByte(':')
			b.WriteString(k)
		}
		return b.String(), nil
	case *List, *Dict, *Set:
		return "", typeErr("unhashable type: '%s'", TypeName(v))
	}
	return "p" + strconv.FormatUint(uint64(ptrID(v)), 16), nil
}

// Get looks a key up.
func (d *Dict) Get(k Value) (Value, bool, error) {
	hk, err := hashKey(k)
	if err != nil {
		return nil, false, err
	}
	i, ok := d.index[hk]
	if !ok {
		return nil, false, nil
	}
	return d.vals[i], true, nil
}

// GetStr looks a string key up.
func (d *Dict) GetStr(k string) (Value, bool) {
	i, ok := d.index["s"+k]
	if !ok {
		return nil, false
	}
	return d.vals[i], true
}

// SetStr sets a string key.
func (d *Dict) SetStr(k string, v Value) { d.Set(Str(k), v) }

// Set stores a value; a new key past MaxItems is MemoryError.
func (d *Dict) Set(k, v Value) error {
	hk, err := hashKey(k)
	if err != nil {
		return err
	}
	if i, ok := d.index[hk]; ok {
		d.vals[i] = v
		return nil
	}
	if err := fitsItems(len(d.keys) + 1); err != nil {
		return err
	}
	d.index[hk] = len(d.keys)
	d.keys = append(d.keys, k)
	d.vals = append(d.vals, v)
	return nil
}

// Update stores m's items, as d.update(m): MemoryError when the keys
// pass MaxItems.
func (d *Dict) Update(m *Dict) error {
	for i, k := range m.keys {
		if err := d.Set(k, m.vals[i]); err != nil {
			return err
		}
	}
	return nil
}

// Delete removes a key; false if it was not there.
func (d *Dict) Delete(k Value) (bool, error) {
	hk, err := hashKey(k)
	if err != nil {
		return false, err
	}
	i, ok := d.index[hk]
	if !ok {
		return false, nil
	}
	d.keys = append(d.keys[:i], d.keys[i+1:]...)
	d.vals = append(d.vals[:i], d.vals[i+1:]...)
	delete(d.index, hk)
	for k, j := range d.index {
		if j > i {
			d.index[k] = j - 1
		}
	}
	return true, nil
}

// Len is the number of keys.
func (d *Dict) Len() int { return len(d.keys) }

// Keys are the keys in order.
func (d *Dict) Keys() []Value { return d.keys }

// SortedStrKeys lists string keys sorted, for completion.
func (d *Dict) SortedStrKeys() []string {
	var out []string
	for _, k := range d.keys {
		if s, ok := k.(Str); ok {
			out = append(out, string(s))
		}
	}
	sort.Strings(out)
	return out
}

func rangeLen(r *Range) int64 {
	if r.step > 0 && r.start < r.stop {
		return (r.stop - r.start + r.step - 1) / r.step
	}
	if r.step < 0 && r.start > r.stop {
		return (r.start - r.stop - r.step - 1) / -r.step
	}
	return 0
}
