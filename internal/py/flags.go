package py

import (
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"sync"
)

// Flag classes are IntFlag enums (socket.MsgFlag): |, & and ^ of a member
// and a member or an int give a member again, named by the single-bit
// members it holds, as Python's enum does (<MsgFlag.MSG_PEEK|MSG_DONTWAIT:
// 66>, <MsgFlag: 0>). Other Enum classes are IntEnums: the same operators
// give a plain int.
var flagClasses sync.Map // class name → []Enum, its members

// RegisterFlag makes class an IntFlag with these members, in the order
// they are defined (the first of two with one value names it).
func RegisterFlag(class string, members []Enum) { flagClasses.Store(class, members) }

// flagOp is a flag class's |, & or ^, or ok false when neither side is a
// flag or the other side is not an int of the same class.
func flagOp(op string, l, r Value) (Value, bool) {
	if op != "|" && op != "&" && op != "^" {
		return nil, false
	}
	class, ok := flagClassOf(l, r)
	if !ok {
		return nil, false
	}
	a, aok := flagInt(l)
	b, bok := flagInt(r)
	if !aok || !bok {
		return nil, false
	}
	var v int64
	switch op {
	case "|":
		v = a | b
	case "&":
		v = a & b
	default:
		v = a ^ b
	}
	return flagValue(class, v), true
}

// flagClassOf is the flag class of an operation's operands: one of them a
// flag member, the other a member of the same class or an int.
func flagClassOf(l, r Value) (string, bool) {
	for _, v := range []Value{l, r} {
		if e, ok := v.(Enum); ok {
			if _, isFlag := flagClasses.Load(e.Class); isFlag {
				for _, o := range []Value{l, r} {
					if oe, ok := o.(Enum); ok && oe.Class != e.Class {
						return "", false
					}
				}
				return e.Class, true
			}
		}
	}
	return "", false
}

// flagInt is an operand's value: an int member, an int that fits, a bool.
func flagInt(v Value) (int64, bool) {
	switch x := v.(type) {
	case Enum:
		return x.V, true
	case Int, Bool:
		n, _ := toInt(x)
		if !n.IsInt64() {
			return 0, false
		}
		return n.Int64(), true
	}
	return 0, false
}

// flagValue is the member of class for v: a defined member of that value,
// or one named by the single-bit members whose bits it holds, lowest bit
// first, with any bits no member names written as a number.
func flagValue(class string, v int64) Enum {
	m, _ := flagClasses.Load(class)
	members := m.([]Enum)
	for _, e := range members {
		if e.V == v {
			return e
		}
	}
	var names []string
	rest := uint64(v)
	for rest != 0 && v > 0 {
		bit := uint64(1) << bits.TrailingZeros64(rest)
		named := false
		for _, e := range members {
			if uint64(e.V) == bit {
				names = append(names, e.Name)
				named = true
				break
			}
		}
		if !named {
			break
		}
		rest &^= bit
	}
	if rest != 0 && v > 0 {
		names = append(names, new(big.Int).SetUint64(rest).String())
	} else if v < 0 {
		names = append(names, strconv.FormatInt(v, 10))
	}
	return Enum{Class: class, Name: strings.Join(names, "|"), V: v}
}

// NewEnumClass is an IntEnum class, or an IntFlag one (flag), of these
// members: its attributes are the members, and calling it with a value
// gives the member of that value (a flag, any combination of them), or
// Python's ValueError.
func NewEnumClass(name, module string, members []Enum, flag bool) *Class {
	if flag {
		RegisterFlag(name, members)
	}
	attrs := make(map[string]Value, len(members))
	for _, e := range members {
		if _, dup := attrs[e.Name]; !dup {
			attrs[e.Name] = e
		}
	}
	return &Class{Name: name, Module: module, Attrs: attrs, IsEnum: true, New: func(cls *Class, args []Value, kw []KW) (Value, error) {
		a, err := Args(name, args, kw, 1, "value")
		if err != nil {
			return nil, err
		}
		n, ok := toInt(a[0])
		if ok && n.IsInt64() {
			if flag {
				return flagValue(name, n.Int64()), nil
			}
			for _, e := range members {
				if e.V == n.Int64() {
					return e, nil
				}
			}
		}
		return nil, excf(ValueError, "%s is not a valid %s", Repr(a[0]), name)
	}}
}
