package py

import (
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
)

// Args reads a call's arguments by Python's rules: names lists the
// parameters in order; the first required are required.
func Args(fname string, args []Value, kw []KW, required int, names ...string) ([]Value, error) {
	out := make([]Value, len(names))
	if len(args) > len(names) {
		if len(names) == required && required == 0 {
			return nil, typeErr("%s() takes no arguments (%d given)", fname, len(args))
		}
		if required == len(names) {
			return nil, typeErr("%s() takes exactly %d argument%s (%d given)", fname, len(names), plural(len(names)), len(args))
		}
		return nil, typeErr("%s() takes at most %d argument%s (%d given)", fname, len(names), plural(len(names)), len(args))
	}
	copy(out, args)
	for _, k := range kw {
		found := false
		for i, n := range names {
			if n == k.Name {
				if out[i] != nil {
					return nil, typeErr("argument for %s() given by name ('%s') and position (%d)", fname, n, i+1)
				}
				out[i], found = k.V, true
			}
		}
		if !found {
			return nil, typeErr("%s() got an unexpected keyword argument '%s'", fname, k.Name)
		}
	}
	for i := 0; i < required; i++ {
		if out[i] == nil {
			if required == 1 && len(names) == 1 {
				return nil, typeErr("%s() takes exactly one argument (0 given)", fname)
			}
			return nil, typeErr("%s() missing required argument '%s' (pos %d)", fname, names[i], i+1)
		}
	}
	return out, nil
}

func fn(name string, f func(args []Value, kw []KW) (Value, error)) *Builtin {
	return &Builtin{Name: name, Fn: f}
}

// Most builtins take their arguments in one of a few shapes; each shape
// reads them by Args in one place, so the builtin's function gets them
// checked, by the names Python gives them.

// fn1 is a builtin of one required argument, named param.
func fn1(name, param string, f func(arg Value) (Value, error)) *Builtin {
	return fn(name, func(args []Value, kw []KW) (Value, error) {
		a, err := Args(name, args, kw, 1, param)
		if err != nil {
			return nil, err
		}
		return f(a[0])
	})
}

// fnInt is a builtin of one required integer argument, named param.
func fnInt(name, param string, f func(n *big.Int) (Value, error)) *Builtin {
	return fn1(name, param, func(arg Value) (Value, error) {
		n, ok := toInt(arg)
		if !ok {
			return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(arg))
		}
		return f(n)
	})
}

// fn2 is a builtin of one required argument and one optional one (nil
// when not given), named param and opt.
func fn2(name, param, opt string, f func(arg, optArg Value) (Value, error)) *Builtin {
	return fn(name, func(args []Value, kw []KW) (Value, error) {
		a, err := Args(name, args, kw, 1, param, opt)
		if err != nil {
			return nil, err
		}
		return f(a[0], a[1])
	})
}

// wantArgs is the check of a builtin that takes exactly n positional
// arguments and reads them itself.
func wantArgs(name string, args []Value, n int) error {
	if len(args) != n {
		return typeErr("%s expected %d argument%s, got %d", name, n, plural(n), len(args))
	}
	return nil
}

// builtinType is a class standing for a built-in type (int, str, bytes…)
// so that type(), isinstance() and calls work.
func builtinType(name string, newf func(args []Value, kw []KW) (Value, error)) *Class {
	return &Class{Name: name, Attrs: map[string]Value{}, New: func(_ *Class, args []Value, kw []KW) (Value, error) { return newf(args, kw) }}
}

var typeClasses = map[string]*Class{}

// TypeOf is type(v).
func TypeOf(v Value) *Class {
	switch x := v.(type) {
	case *Instance:
		return x.Class
	case Host:
		return x.Type()
	}
	if c, ok := typeClasses[TypeName(v)]; ok {
		return c
	}
	return &Class{Name: TypeName(v), Attrs: map[string]Value{}}
}

// IsInstance is isinstance(v, cls).
func IsInstance(v Value, cls *Class) bool {
	t := TypeOf(v)
	if t.IsSub(cls) {
		return true
	}
	if cls.Name == "int" && cls == typeClasses["int"] {
		switch v.(type) {
		case Bool, Enum:
			return true
		}
	}
	return cls == typeClasses["object"]
}

func (in *Interp) makeBuiltins() map[string]Value {
	b := map[string]Value{}
	fr := &frame{in: in, globals: in.Globals}
	for _, c := range builtinExceptions {
		b[c.Name] = c
	}
	b["EnvironmentError"] = OSError
	b["IOError"] = OSError
	types := []*Class{
		builtinType("int", func(args []Value, kw []KW) (Value, error) {
			a, err := Args("int", args, kw, 0, "x", "base")
			if err != nil {
				return nil, err
			}
			return toIntValue(a[0], a[1])
		}),
		builtinType("float", func(args []Value, kw []KW) (Value, error) {
			a, err := Args("float", args, nil, 0, "x")
			if err != nil {
				return nil, err
			}
			switch x := a[0].(type) {
			case nil:
				return Float(0), nil
			case Str:
				s := strings.ToLower(strings.TrimSpace(string(x)))
				switch s {
				case "inf", "+inf", "infinity":
					return Float(math.Inf(1)), nil
				case "-inf", "-infinity":
					return Float(math.Inf(-1)), nil
				case "nan":
					return Float(math.NaN()), nil
				}
				f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
				if err != nil {
					return nil, valueErr("could not convert string to float: %s", Repr(x))
				}
				return Float(f), nil
			}
			if f, ok := toFloat(a[0]); ok {
				return Float(f), nil
			}
			return nil, typeErr("float() argument must be a string or a real number, not '%s'", TypeName(a[0]))
		}),
		builtinType("str", func(args []Value, kw []KW) (Value, error) {
			a, err := Args("str", args, kw, 0, "object", "encoding", "errors")
			if err != nil {
				return nil, err
			}
			if a[0] == nil {
				return Str(""), nil
			}
			if a[1] != nil || a[2] != nil {
				bs, ok := a[0].(Bytes)
				if !ok {
					return nil, typeErr("decoding to str: need a bytes-like object, %s found", TypeName(a[0]))
				}
				return decode(bs, a[1], a[2])
			}
			s, err := strOf(a[0], in.Interrupted)
			return madeStr(s), err
		}),
		builtinType("bytes", func(args []Value, kw []KW) (Value, error) {
			return makeBytes(fr, "bytes", args, kw)
		}),
		builtinType("bytearray", func(args []Value, kw []KW) (Value, error) {
			return makeBytes(fr, "bytearray", args, kw)
		}),
		builtinType("bool", func(args []Value, kw []KW) (Value, error) {
			a, err := Args("bool", args, nil, 0, "x")
			if err != nil || a[0] == nil {
				return False, err
			}
			return Bool(Truth(a[0])), nil
		}),
		builtinType("list", func(args []Value, kw []KW) (Value, error) {
			a, err := Args("list", args, nil, 0, "iterable")
			if err != nil || a[0] == nil {
				return &List{}, err
			}
			items, err := fr.listOf(a[0], "'%s' object is not iterable")
			return &List{append([]Value{}, items...)}, err
		}),
		builtinType("tuple", func(args []Value, kw []KW) (Value, error) {
			a, err := Args("tuple", args, nil, 0, "iterable")
			if err != nil || a[0] == nil {
				return Tuple{}, err
			}
			items, err := fr.listOf(a[0], "'%s' object is not iterable")
			return Tuple(append([]Value{}, items...)), err
		}),
		builtinType("dict", func(args []Value, kw []KW) (Value, error) {
			d := NewDict()
			if len(args) > 1 {
				return nil, typeErr("dict expected at most 1 argument, got %d", len(args))
			}
			if len(args) == 1 {
				if m, ok := args[0].(*Dict); ok {
					if err := d.Update(m); err != nil {
						return nil, err
					}
				} else {
					items, err := fr.listOf(args[0], "'%s' object is not iterable")
					if err != nil {
						return nil, err
					}
					for _, it := range items {
						pair, err := fr.listOf(it, "cannot convert dictionary update sequence element #0 to a sequence")
						if err != nil || len(pair) != 2 {
							return nil, valueErr("dictionary update sequence element has wrong length")
						}
						if err := d.Set(pair[0], pair[1]); err != nil {
							return nil, err
						}
					}
				}
			}
			for _, k := range kw {
				d.SetStr(k.Name, k.V)
			}
			return d, nil
		}),
		builtinType("set", func(args []Value, kw []KW) (Value, error) {
			s := &Set{NewDict()}
			if len(args) == 1 {
				items, err := fr.listOf(args[0], "'%s' object is not iterable")
				if err != nil {
					return nil, err
				}
				for _, it := range items {
					if err := s.d.Set(it, None); err != nil {
						return nil, err
					}
				}
			}
			return s, nil
		}),
		builtinType("range", func(args []Value, kw []KW) (Value, error) {
			var nums []int64
			for _, a := range args {
				n, ok := toInt(a)
				if !ok {
					return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(a))
				}
				if !n.IsInt64() {
					return nil, excf(OverflowError, "Python int too large to convert to C ssize_t")
				}
				nums = append(nums, n.Int64())
			}
			switch len(nums) {
			case 1:
				return &Range{0, nums[0], 1}, nil
			case 2:
				return &Range{nums[0], nums[1], 1}, nil
			case 3:
				if nums[2] == 0 {
					return nil, valueErr("range() arg 3 must not be zero")
				}
				return &Range{nums[0], nums[1], nums[2]}, nil
			}
			if len(nums) == 0 {
				return nil, typeErr("range expected at least 1 argument, got 0")
			}
			return nil, typeErr("range expected at most 3 arguments, got %d", len(nums))
		}),
		builtinType("object", func(args []Value, kw []KW) (Value, error) {
			return &Instance{Class: typeClasses["object"], Attrs: map[string]Value{}}, nil
		}),
		builtinType("type", func(args []Value, kw []KW) (Value, error) {
			if len(args) != 1 {
				return nil, excf(TypeError, "%s", msgTypeOneArg.S())
			}
			return TypeOf(args[0]), nil
		}),
	}
	for _, t := range types {
		typeClasses[t.Name] = t
		b[t.Name] = t
	}
	typeClasses["bytes"].Attrs["fromhex"] = fn1("fromhex", "string", func(arg Value) (Value, error) {
		s, ok := arg.(Str)
		if !ok {
			return nil, typeErr("fromhex() argument must be str, not %s", TypeName(arg))
		}
		h := strings.Join(strings.Fields(string(s)), "")
		out := make([]byte, 0, len(h)/2)
		for i := 0; i+1 < len(h)+1; i += 2 {
			if i+1 >= len(h) || !isHex(h[i]) || !isHex(h[i+1]) {
				return nil, valueErr("non-hexadecimal number found in fromhex() arg at position %d", i)
			}
			out = append(out, byte(hexVal(h[i])<<4|hexVal(h[i+1])))
		}
		return Bytes(out), nil
	})
	b["print"] = fn("print", func(args []Value, kw []KW) (Value, error) {
		sep, end := " ", "\n"
		for _, k := range kw {
			switch k.Name {
			case "sep", "end":
				s := ""
				switch v := k.V.(type) {
				case Str:
					s = string(v)
				case *NoneType:
					s = map[string]string{"sep": " ", "end": "\n"}[k.Name]
				default:
					return nil, typeErr("%s must be None or a string, not %s", k.Name, TypeName(k.V))
				}
				if k.Name == "sep" {
					sep = s
				} else {
					end = s
				}
			case "flush", "file":
			default:
				return nil, typeErr("'%s' is an invalid keyword argument for print()", k.Name)
			}
		}
		// Each value is written as it is made, never held whole.
		for i, a := range args {
			if i > 0 {
				in.Write(sep)
			}
			if err := writeRepr(a, true, in.Write, in.Interrupted); err != nil {
				return nil, err
			}
		}
		in.Write(end)
		return None, nil
	})
	b["len"] = fn1("len", "obj", func(obj Value) (Value, error) {
		switch x := obj.(type) {
		case Str:
			return NewInt(int64(utf8.RuneCountInString(string(x)))), nil
		case Bytes:
			return NewInt(int64(len(x))), nil
		case Tuple:
			return NewInt(int64(len(x))), nil
		case *List:
			return NewInt(int64(len(x.Items))), nil
		case *Dict:
			return NewInt(int64(x.Len())), nil
		case *Set:
			return NewInt(int64(x.d.Len())), nil
		case *Range:
			return NewInt(rangeLen(x)), nil
		}
		return nil, typeErr("object of type '%s' has no len()", TypeName(obj))
	})
	b["repr"] = fn1("repr", "obj", func(obj Value) (Value, error) {
		r, err := reprOf(obj, in.Interrupted)
		return madeStr(r), err
	})
	// ascii() is repr() with each non-ASCII character escaped as
	// backslashreplace writes it.
	b["ascii"] = fn1("ascii", "obj", func(obj Value) (Value, error) {
		r, err := reprOf(obj, in.Interrupted)
		if err != nil || isASCII(r) {
			return Str(r), err
		}
		var sb strings.Builder
		for _, c := range r {
			if c < utf8.RuneSelf {
				sb.WriteRune(c)
			} else {
				sb.WriteString(pyrepr.Escape(c))
			}
		}
		return madeStr(sb.String()), nil
	})
	b["isinstance"] = fn("isinstance", func(args []Value, kw []KW) (Value, error) {
		if err := wantArgs("isinstance", args, 2); err != nil {
			return nil, err
		}
		return classCheck(args[1], func(c *Class) bool { return IsInstance(args[0], c) }, "isinstance() arg 2 must be a type, a tuple of types, or a union")
	})
	b["issubclass"] = fn("issubclass", func(args []Value, kw []KW) (Value, error) {
		if err := wantArgs("issubclass", args, 2); err != nil {
			return nil, err
		}
		c, ok := args[0].(*Class)
		if !ok {
			return nil, typeErr("issubclass() arg 1 must be a class")
		}
		return classCheck(args[1], func(base *Class) bool { return c.IsSub(base) }, "issubclass() arg 2 must be a class, a tuple of classes, or a union")
	})
	b["abs"] = fn1("abs", "x", func(x Value) (Value, error) {
		if n, ok := toInt(x); ok {
			return Int{new(big.Int).Abs(n)}, nil
		}
		if f, ok := x.(Float); ok {
			return Float(math.Abs(float64(f))), nil
		}
		return nil, typeErr("bad operand type for abs(): '%s'", TypeName(x))
	})
	b["min"] = fn("min", func(args []Value, kw []KW) (Value, error) { return minMax(fr, "min", args, kw, -1) })
	b["max"] = fn("max", func(args []Value, kw []KW) (Value, error) { return minMax(fr, "max", args, kw, 1) })
	b["sum"] = fn2("sum", "iterable", "start", func(iterable, start Value) (Value, error) {
		items, err := fr.listOf(iterable, "'%s' object is not iterable")
		if err != nil {
			return nil, err
		}
		var total Value = NewInt(0)
		if start != nil {
			total = start
		}
		for _, it := range items {
			if total, err = binop("+", total, it, in.Interrupted); err != nil {
				return nil, err
			}
		}
		return total, nil
	})
	b["sorted"] = fn("sorted", func(args []Value, kw []KW) (Value, error) {
		if err := wantArgs("sorted", args, 1); err != nil {
			return nil, err
		}
		items, err := fr.listOf(args[0], "'%s' object is not iterable")
		if err != nil {
			return nil, err
		}
		l := &List{append([]Value{}, items...)}
		return l, sortList(fr, l, kw)
	})
	b["reversed"] = fn1("reversed", "sequence", func(sequence Value) (Value, error) {
		items, err := fr.listOf(sequence, "'%s' object is not reversible")
		if err != nil {
			return nil, err
		}
		out := make([]Value, len(items))
		for i, v := range items {
			out[len(items)-1-i] = v
		}
		return iterOver(out), nil
	})
	b["enumerate"] = fn2("enumerate", "iterable", "start", func(iterable, start Value) (Value, error) {
		it, err := fr.iter(iterable)
		if err != nil {
			return nil, err
		}
		n := int64(0)
		if start != nil {
			s, ok := toInt(start)
			if !ok {
				return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(start))
			}
			n = s.Int64()
		}
		return &Iter{next: func() (Value, bool, error) {
			v, ok, err := it.next()
			if !ok || err != nil {
				return nil, ok, err
			}
			n++
			return Tuple{NewInt(n - 1), v}, true, nil
		}}, nil
	})
	b["zip"] = fn("zip", func(args []Value, kw []KW) (Value, error) {
		var its []*Iter
		for _, a := range args {
			it, err := fr.iter(a)
			if err != nil {
				return nil, err
			}
			its = append(its, it)
		}
		return &Iter{next: func() (Value, bool, error) {
			if len(its) == 0 {
				return nil, false, nil
			}
			var t Tuple
			for _, it := range its {
				v, ok, err := it.next()
				if !ok || err != nil {
					return nil, false, err
				}
				t = append(t, v)
			}
			return t, true, nil
		}}, nil
	})
	b["map"] = fn("map", func(args []Value, kw []KW) (Value, error) {
		if len(args) != 2 {
			return nil, excf(TypeError, "%s", msgMapOneIterable.S())
		}
		it, err := fr.iter(args[1])
		if err != nil {
			return nil, err
		}
		return &Iter{next: func() (Value, bool, error) {
			v, ok, err := it.next()
			if !ok || err != nil {
				return nil, ok, err
			}
			r, err := fr.call(args[0], []Value{v}, nil)
			return r, err == nil, err
		}}, nil
	})
	b["filter"] = fn("filter", func(args []Value, kw []KW) (Value, error) {
		if err := wantArgs("filter", args, 2); err != nil {
			return nil, err
		}
		it, err := fr.iter(args[1])
		if err != nil {
			return nil, err
		}
		return &Iter{next: func() (Value, bool, error) {
			for {
				v, ok, err := it.next()
				if !ok || err != nil {
					return nil, ok, err
				}
				keep := Truth(v)
				if args[0] != None {
					r, err := fr.call(args[0], []Value{v}, nil)
					if err != nil {
						return nil, false, err
					}
					keep = Truth(r)
				}
				if keep {
					return v, true, nil
				}
			}
		}}, nil
	})
	b["iter"] = fn1("iter", "object", func(object Value) (Value, error) {
		return fr.iter(object)
	})
	b["next"] = fn2("next", "iterator", "default", func(iterator, def Value) (Value, error) {
		it, ok := iterator.(*Iter)
		if !ok {
			return nil, typeErr("'%s' object is not an iterator", TypeName(iterator))
		}
		v, ok, err := it.next()
		if err != nil {
			return nil, err
		}
		if !ok {
			if def != nil {
				return def, nil
			}
			return nil, NewExc(StopIteration)
		}
		return v, nil
	})
	b["any"] = fn1("any", "iterable", func(iterable Value) (Value, error) {
		items, err := fr.listOf(iterable, "'%s' object is not iterable")
		for _, v := range items {
			if Truth(v) {
				return True, nil
			}
		}
		return False, err
	})
	b["all"] = fn1("all", "iterable", func(iterable Value) (Value, error) {
		items, err := fr.listOf(iterable, "'%s' object is not iterable")
		for _, v := range items {
			if !Truth(v) {
				return False, nil
			}
		}
		return True, err
	})
	b["hex"] = fnInt("hex", "number", func(number *big.Int) (Value, error) {
		if number.Sign() < 0 {
			return Str("-0x" + new(big.Int).Neg(number).Text(16)), nil
		}
		return Str("0x" + number.Text(16)), nil
	})
	b["bin"] = fnInt("bin", "number", func(number *big.Int) (Value, error) {
		if number.Sign() < 0 {
			return Str("-0b" + new(big.Int).Neg(number).Text(2)), nil
		}
		return Str("0b" + number.Text(2)), nil
	})
	b["ord"] = fn1("ord", "c", func(c Value) (Value, error) {
		switch x := c.(type) {
		case Str:
			if utf8.RuneCountInString(string(x)) == 1 {
				r, _ := charAt(string(x), 0)
				return NewInt(int64(r)), nil
			}
			return nil, typeErr("ord() expected a character, but string of length %d found", utf8.RuneCountInString(string(x)))
		case Bytes:
			if len(x) == 1 {
				return NewInt(int64(x[0])), nil
			}
			return nil, typeErr("ord() expected a character, but string of length %d found", len(x))
		}
		return nil, typeErr("ord() expected string of length 1, but %s found", TypeName(c))
	})
	b["chr"] = fnInt("chr", "i", func(i *big.Int) (Value, error) {
		if !i.IsInt64() || i.Int64() < 0 || i.Int64() > 0x10ffff {
			return nil, valueErr("chr() arg not in range(0x110000)")
		}
		if !canHold(rune(i.Int64())) {
			return nil, excf(NotImplErr, "%s", cannotHold(rune(i.Int64())))
		}
		var s strings.Builder
		appendChar(&s, rune(i.Int64()))
		return Str(s.String()), nil
	})
	b["round"] = fn2("round", "number", "ndigits", func(number, ndigits Value) (Value, error) {
		if n, ok := toInt(number); ok {
			return Int{n}, nil
		}
		f, ok := number.(Float)
		if !ok {
			return nil, typeErr("type %s doesn't define __round__ method", TypeName(number))
		}
		if ndigits == nil || ndigits == None {
			r := math.RoundToEven(float64(f))
			bf, _ := big.NewFloat(r).Int(nil)
			return Int{bf}, nil
		}
		d, _ := toInt(ndigits)
		p := math.Pow(10, float64(d.Int64()))
		return Float(math.RoundToEven(float64(f)*p) / p), nil
	})
	b["divmod"] = fn("divmod", func(args []Value, kw []KW) (Value, error) {
		if err := wantArgs("divmod", args, 2); err != nil {
			return nil, err
		}
		q, err := binop("//", args[0], args[1], in.Interrupted)
		if err != nil {
			return nil, err
		}
		m, err := binop("%", args[0], args[1], in.Interrupted)
		return Tuple{q, m}, err
	})
	b["hasattr"] = fn("hasattr", func(args []Value, kw []KW) (Value, error) {
		if err := wantArgs("hasattr", args, 2); err != nil {
			return nil, err
		}
		n, ok := args[1].(Str)
		if !ok {
			return nil, typeErr("attribute name must be string, not '%s'", TypeName(args[1]))
		}
		_, err := fr.getAttr(args[0], string(n))
		return Bool(err == nil), nil
	})
	b["getattr"] = fn("getattr", func(args []Value, kw []KW) (Value, error) {
		if len(args) < 2 || len(args) > 3 {
			return nil, typeErr("getattr expected 2 or 3 arguments, got %d", len(args))
		}
		n, ok := args[1].(Str)
		if !ok {
			return nil, typeErr("attribute name must be string, not '%s'", TypeName(args[1]))
		}
		v, err := fr.getAttr(args[0], string(n))
		if err != nil && len(args) == 3 {
			return args[2], nil
		}
		return v, err
	})
	b["callable"] = fn1("callable", "obj", func(obj Value) (Value, error) {
		return Bool(callable(obj)), nil
	})
	b["id"] = fn1("id", "obj", func(obj Value) (Value, error) {
		return NewInt(int64(ptrID(obj))), nil
	})
	b["hash"] = fn1("hash", "obj", func(obj Value) (Value, error) {
		if n, ok := toInt(obj); ok {
			return Int{n}, nil
		}
		if _, err := hashKey(obj); err != nil {
			return nil, err
		}
		return NewInt(int64(len(Repr(obj)))), nil
	})
	for _, name := range []string{"input", "open", "eval", "exec", "compile", "globals", "locals", "vars", "help", "exit", "quit", "__import__", "setattr", "delattr", "memoryview", "frozenset", "complex", "super", "property", "staticmethod", "classmethod", "breakpoint"} {
		if _, ok := b[name]; ok {
			continue
		}
		b[name] = fn(name, func(args []Value, kw []KW) (Value, error) {
			return nil, excf(NotImplErr, "%s", msgNotBuiltin.S(msg.A("name", name)))
		})
	}
	b["format"] = fn2("format", "value", "format_spec", func(value, formatSpec Value) (Value, error) {
		spec := ""
		if s, ok := formatSpec.(Str); ok {
			spec = string(s)
		}
		s, err := format(value, spec, in.Interrupted)
		return madeStr(s), err
	})
	b["pow"] = fn("pow", func(args []Value, kw []KW) (Value, error) {
		a, err := Args("pow", args, kw, 2, "base", "exp", "mod")
		if err != nil {
			return nil, err
		}
		if a[2] == nil || a[2] == None {
			return binop("**", a[0], a[1], in.Interrupted)
		}
		return powMod(a[0], a[1], a[2], in.Interrupted)
	})
	b["oct"] = fnInt("oct", "number", func(number *big.Int) (Value, error) {
		return Str("0o" + number.Text(8)), nil
	})
	b["dir"] = fn("dir", func(args []Value, kw []KW) (Value, error) {
		if len(args) != 1 {
			return &List{strList(in.Globals.SortedStrKeys())}, nil
		}
		return &List{strList(in.AttrNames(args[0]))}, nil
	})
	for name, sh := range builtinShapes {
		switch f := b[name].(type) {
		case *Builtin:
			b[name] = &Builtin{Name: f.Name, Fn: withShape(name, name, sh, f.Fn)}
		case *Class:
			if newf := f.New; newf != nil {
				f.New = func(c *Class, args []Value, kw []KW) (Value, error) {
					return withShape(name, name, sh, func(args []Value, kw []KW) (Value, error) { return newf(c, args, kw) })(args, kw)
				}
			}
		}
	}
	return b
}

func strList(ss []string) []Value {
	out := make([]Value, len(ss))
	for i, s := range ss {
		out[i] = Str(s)
	}
	return out
}

func classCheck(spec Value, test func(*Class) bool, msg string) (Value, error) {
	switch c := spec.(type) {
	case *Class:
		return Bool(test(c)), nil
	case Tuple:
		for _, e := range c {
			r, err := classCheck(e, test, msg)
			if err != nil {
				return nil, err
			}
			if r == True {
				return True, nil
			}
		}
		return False, nil
	}
	return nil, typeErr("%s", msg)
}

func toIntValue(v, base Value) (Value, error) {
	switch x := v.(type) {
	case nil:
		return NewInt(0), nil
	case Int:
		return x, nil
	case Bool:
		return NewInt(boolInt(x)), nil
	case Enum:
		return NewInt(x.V), nil
	case Float:
		if math.IsInf(float64(x), 0) {
			return nil, excf(OverflowError, "cannot convert float infinity to integer")
		}
		if math.IsNaN(float64(x)) {
			return nil, valueErr("cannot convert float NaN to integer")
		}
		bf, _ := big.NewFloat(math.Trunc(float64(x))).Int(nil)
		return Int{bf}, nil
	case Str, Bytes:
		var s string
		if sv, ok := x.(Str); ok {
			s = string(sv)
		} else {
			s = string(x.(Bytes))
		}
		b := 10
		if base != nil {
			bn, ok := toInt(base)
			if !ok {
				return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(base))
			}
			b = int(bn.Int64())
		}
		t := strings.ReplaceAll(strings.TrimSpace(s), "_", "")
		// A power-of-two base costs no conversion; any other is bounded.
		digits := strings.TrimLeft(t, "+-")
		prefixed := len(digits) > 1 && digits[0] == '0' && strings.ContainsRune("xXoObB", rune(digits[1]))
		if len(digits) > maxStrDigits && (b&(b-1) != 0 || b == 0 && !prefixed) {
			return nil, errStrDigits(": value has " + itoa(len(digits)) + " digits")
		}
		if b == 0 || b == 16 && (strings.HasPrefix(strings.ToLower(strings.TrimLeft(t, "+-")), "0x")) {
			n, ok := new(big.Int).SetString(t, 0)
			if ok {
				return Int{n}, nil
			}
		} else if n, ok := new(big.Int).SetString(t, b); ok && t != "" {
			return Int{n}, nil
		}
		return nil, valueErr("invalid literal for int() with base %d: %s", b, Repr(x))
	}
	return nil, typeErr("int() argument must be a string, a bytes-like object or a real number, not '%s'", TypeName(v))
}

// powMod is pow(base, exp, mod): integers only, the result of mod's
// sign, a negative exp through the modular inverse.
func powMod(base, exp, mod Value, interrupted func() bool) (Value, error) {
	b, ok1 := toInt(base)
	e, ok2 := toInt(exp)
	m, ok3 := toInt(mod)
	if !ok1 || !ok2 || !ok3 {
		return nil, typeErr("pow() 3rd argument not allowed unless all arguments are integers")
	}
	if m.Sign() == 0 {
		return nil, valueErr("pow() 3rd argument cannot be 0")
	}
	am := new(big.Int).Abs(m)
	x := new(big.Int).Mod(b, am)
	if e.Sign() < 0 {
		if x = x.ModInverse(x, am); x == nil {
			return nil, valueErr("base is not invertible for the given modulus")
		}
	}
	r, err := expMod(x, new(big.Int).Abs(e), am, interrupted)
	if err != nil {
		return nil, err
	}
	if m.Sign() < 0 && r.Sign() != 0 {
		r.Add(r, m)
	}
	return Int{r}, nil
}

// expMod is x**e % m. A small one (an RSA key's size) is one Exp; a
// bigger one takes as long as its exponent has bits, each a product of
// the modulus's size (hours, for a million bits each), so it goes a bit
// at a time and asks Ctrl-C at each, as CPython's pow does.
func expMod(x, e, m *big.Int, interrupted func() bool) (*big.Int, error) {
	if e.BitLen()*m.BitLen() <= 1<<26 || interrupted == nil {
		return new(big.Int).Exp(x, e, m), nil
	}
	r := new(big.Int).Mod(big.NewInt(1), m)
	for i := e.BitLen() - 1; i >= 0; i-- {
		if interrupted() {
			return nil, NewExc(KeyboardInterrupt)
		}
		r.Mul(r, r).Mod(r, m)
		if e.Bit(i) == 1 {
			r.Mul(r, x).Mod(r, m)
		}
	}
	return r, nil
}

func makeBytes(fr *frame, name string, args []Value, kw []KW) (Value, error) {
	a, err := Args(name, args, kw, 0, "source", "encoding", "errors")
	if err != nil {
		return nil, err
	}
	switch x := a[0].(type) {
	case nil:
		return Bytes(""), nil
	case Str:
		if a[1] == nil {
			return nil, typeErr("string argument without an encoding")
		}
		return encode(x, a[1], a[2])
	case Bytes:
		return x, nil
	case Int, Bool, Enum:
		n, _ := toInt(x)
		if n.Sign() < 0 {
			return nil, valueErr("negative count")
		}
		if !n.IsInt64() || n.Int64() > MaxSize {
			return nil, NewExc(MemoryError)
		}
		if err := Reserve(int(n.Int64())); err != nil {
			return nil, err
		}
		return Bytes(make([]byte, n.Int64())), nil
	}
	items, err := fr.listOf(a[0], "cannot convert '%s' object to bytes")
	if err != nil {
		return nil, err
	}
	out := make([]byte, len(items))
	for i, it := range items {
		n, ok := toInt(it)
		if !ok {
			return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(it))
		}
		if !n.IsInt64() || n.Int64() < 0 || n.Int64() > 255 {
			return nil, valueErr("bytes must be in range(0, 256)")
		}
		out[i] = byte(n.Int64())
	}
	return Bytes(out), nil
}

func minMax(fr *frame, name string, args []Value, kw []KW, sign int) (Value, error) {
	items := args
	if len(args) == 1 {
		var err error
		if items, err = fr.listOf(args[0], "'%s' object is not iterable"); err != nil {
			return nil, err
		}
	}
	var key, def Value
	for _, k := range kw {
		switch k.Name {
		case "key":
			key = k.V
		case "default":
			def = k.V
		default:
			return nil, typeErr("%s() got an unexpected keyword argument '%s'", name, k.Name)
		}
	}
	if len(items) == 0 {
		if def != nil {
			return def, nil
		}
		return nil, valueErr("%s() arg is an empty sequence", name)
	}
	best := items[0]
	bestKey := best
	if key != nil && key != None {
		var err error
		if bestKey, err = fr.call(key, []Value{best}, nil); err != nil {
			return nil, err
		}
	}
	for _, v := range items[1:] {
		k := v
		if key != nil && key != None {
			var err error
			if k, err = fr.call(key, []Value{v}, nil); err != nil {
				return nil, err
			}
		}
		op := ">"
		if sign < 0 {
			op = "<"
		}
		better, err := compare(op, k, bestKey)
		if err != nil {
			return nil, err
		}
		if better {
			best, bestKey = v, k
		}
	}
	return best, nil
}

func sortList(fr *frame, l *List, kw []KW) error {
	var key Value
	reverse := false
	for _, k := range kw {
		switch k.Name {
		case "key":
			key = k.V
		case "reverse":
			reverse = Truth(k.V)
		default:
			return typeErr("'%s' is an invalid keyword argument for sort()", k.Name)
		}
	}
	keys := l.Items
	if key != nil && key != None {
		keys = make([]Value, len(l.Items))
		for i, v := range l.Items {
			k, err := fr.call(key, []Value{v}, nil)
			if err != nil {
				return err
			}
			keys[i] = k
		}
	}
	idx := make([]int, len(l.Items))
	for i := range idx {
		idx[i] = i
	}
	var serr error
	sort.SliceStable(idx, func(a, b int) bool {
		x, y := keys[idx[a]], keys[idx[b]]
		if reverse {
			x, y = y, x
		}
		lt, err := compare("<", x, y)
		if err != nil && serr == nil {
			serr = err
		}
		return lt
	})
	if serr != nil {
		return serr
	}
	out := make([]Value, len(idx))
	for i, j := range idx {
		out[i] = l.Items[j]
	}
	l.Items = out
	return nil
}

func sortStrings(s []string) { sort.Strings(s) }
