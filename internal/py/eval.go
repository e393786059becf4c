package py

import (
	"math"
	"math/big"
	"strings"
)

func (fr *frame) eval(x expr) (Value, error) {
	switch x := x.(type) {
	case *constExpr:
		return x.v, nil
	case *nameExpr:
		return fr.lookup(x.name)
	case *fstrExpr:
		var b strings.Builder
		for _, p := range x.parts {
			if p.x == nil {
				b.WriteString(p.lit)
				continue
			}
			v, err := fr.eval(p.x)
			if err != nil {
				return nil, err
			}
			if v, err = convert(v, p.conv, fr.in.Interrupted); err != nil {
				return nil, err
			}
			spec := ""
			if p.spec != nil {
				sv, err := fr.eval(p.spec)
				if err != nil {
					return nil, err
				}
				spec = string(sv.(Str))
			}
			s, err := format(v, spec, fr.in.Interrupted)
			if err != nil {
				return nil, err
			}
			b.WriteString(s)
		}
		v := madeStr(b.String())
		if err := checkMade(); err != nil {
			return nil, err
		}
		return v, nil
	case *tupleExpr:
		items, err := fr.evalList(x.elts)
		return Tuple(items), err
	case *listExpr:
		items, err := fr.evalList(x.elts)
		if err != nil {
			return nil, err
		}
		return &List{items}, nil
	case *setExpr:
		items, err := fr.evalList(x.elts)
		if err != nil {
			return nil, err
		}
		s := &Set{NewDict()}
		for _, it := range items {
			if err := s.d.Set(it, None); err != nil {
				return nil, err
			}
		}
		return s, nil
	case *dictExpr:
		d := NewDict()
		for i, k := range x.keys {
			v, err := fr.eval(x.vals[i])
			if err != nil {
				return nil, err
			}
			if k == nil {
				m, ok := v.(*Dict)
				if !ok {
					return nil, typeErr("'%s' object is not a mapping", TypeName(v))
				}
				if err := d.Update(m); err != nil {
					return nil, err
				}
				continue
			}
			kv, err := fr.eval(k)
			if err != nil {
				return nil, err
			}
			if err := d.Set(kv, v); err != nil {
				return nil, err
			}
		}
		return d, nil
	case *compExpr:
		return fr.comprehension(x)
	case *attrExpr:
		obj, err := fr.eval(x.x)
		if err != nil {
			return nil, err
		}
		return fr.getAttr(obj, x.name)
	case *indexExpr:
		obj, err := fr.eval(x.x)
		if err != nil {
			return nil, err
		}
		if sl, ok := x.index.(*sliceExpr); ok {
			lo, hi, step, err := fr.sliceBounds(sl)
			if err != nil {
				return nil, err
			}
			v, err := slice(obj, lo, hi, step)
			if err == nil {
				err = checkMade() // a slice with a step is a copy
			}
			if err != nil {
				return nil, err
			}
			return v, nil
		}
		idx, err := fr.eval(x.index)
		if err != nil {
			return nil, err
		}
		return getItem(obj, idx)
	case *sliceExpr:
		return nil, typeErr("slices are only allowed in subscripts")
	case *callExpr:
		return fr.evalCall(x)
	case *unaryExpr:
		v, err := fr.eval(x.x)
		if err != nil {
			return nil, err
		}
		return unary(x.op, v)
	case *binExpr:
		l, err := fr.eval(x.l)
		if err != nil {
			return nil, err
		}
		r, err := fr.eval(x.r)
		if err != nil {
			return nil, err
		}
		return binop(x.op, l, r, fr.in.Interrupted)
	case *boolExpr:
		l, err := fr.eval(x.l)
		if err != nil {
			return nil, err
		}
		if (x.op == "and") != Truth(l) {
			return l, nil
		}
		return fr.eval(x.r)
	case *cmpExpr:
		l, err := fr.eval(x.first)
		if err != nil {
			return nil, err
		}
		for i, op := range x.ops {
			r, err := fr.eval(x.rest[i])
			if err != nil {
				return nil, err
			}
			ok, err := compare(op, l, r)
			if err != nil {
				return nil, err
			}
			if !ok {
				return False, nil
			}
			l = r
		}
		return True, nil
	case *ifExpr:
		c, err := fr.eval(x.cond)
		if err != nil {
			return nil, err
		}
		if Truth(c) {
			return fr.eval(x.then)
		}
		return fr.eval(x.els)
	case *lambdaExpr:
		return fr.makeFunc("<lambda>", x.params, nil, x.body)
	case *starExpr:
		return nil, &SyntaxError{Msg: "can't use starred expression here"}
	}
	return nil, typeErr("unsupported expression")
}

func (fr *frame) evalList(xs []expr) ([]Value, error) {
	out := make([]Value, 0, len(xs))
	for _, e := range xs {
		if st, ok := e.(*starExpr); ok {
			v, err := fr.eval(st.x)
			if err != nil {
				return nil, err
			}
			items, err := fr.listOf(v, "Value after * must be an iterable, not %s")
			if err != nil {
				return nil, err
			}
			out = append(out, items...)
			continue
		}
		v, err := fr.eval(e)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (fr *frame) sliceBounds(sl *sliceExpr) (lo, hi, step Value, err error) {
	lo, hi, step = None, None, None
	if sl.lo != nil {
		if lo, err = fr.eval(sl.lo); err != nil {
			return
		}
	}
	if sl.hi != nil {
		if hi, err = fr.eval(sl.hi); err != nil {
			return
		}
	}
	if sl.step != nil {
		step, err = fr.eval(sl.step)
	}
	return
}

func (fr *frame) comprehension(c *compExpr) (Value, error) {
	var items []Value
	d := NewDict()
	// A comprehension has its own scope for its targets.
	sc := &scope{vars: map[string]Value{}, up: fr.local}
	inner := &frame{in: fr.in, globals: fr.globals, local: sc}
	if fr.local == nil {
		inner.local = sc
		sc.up = nil
	}
	var loop func(i int) error
	loop = func(i int) error {
		if i == len(c.clauses) {
			if c.kind == 'd' {
				k, err := inner.eval(c.elt)
				if err != nil {
					return err
				}
				v, err := inner.eval(c.val)
				if err != nil {
					return err
				}
				return d.Set(k, v)
			}
			v, err := inner.eval(c.elt)
			if err != nil {
				return err
			}
			if len(items) >= MaxItems {
				return NewExc(MemoryError)
			}
			items = append(items, v)
			return nil
		}
		cl := c.clauses[i]
		var it *Iter
		var err error
		if i == 0 {
			it, err = fr.iterate(cl.iter)
		} else {
			it, err = inner.iterate(cl.iter)
		}
		if err != nil {
			return err
		}
	next:
		for {
			v, ok, err := fr.step(it)
			if err != nil {
				return err
			}
			if !ok {
				return nil
			}
			if err := inner.assign(cl.target, v); err != nil {
				return err
			}
			for _, cond := range cl.ifs {
				cv, err := inner.eval(cond)
				if err != nil {
					return err
				}
				if !Truth(cv) {
					continue next
				}
			}
			if err := loop(i + 1); err != nil {
				return err
			}
		}
	}
	if err := loop(0); err != nil {
		return nil, err
	}
	switch c.kind {
	case '[':
		return &List{items}, nil
	case '{':
		s := &Set{NewDict()}
		for _, v := range items {
			if err := s.d.Set(v, None); err != nil {
				return nil, err
			}
		}
		return s, nil
	case 'd':
		return d, nil
	}
	return iterOver(items), nil
}

func iterOver(items []Value) *Iter {
	i := 0
	return &Iter{next: func() (Value, bool, error) {
		if i >= len(items) {
			return nil, false, nil
		}
		i++
		return items[i-1], true, nil
	}}
}

func (fr *frame) iterate(x expr) (*Iter, error) {
	v, err := fr.eval(x)
	if err != nil {
		return nil, err
	}
	return fr.iter(v)
}

// iter is iter(v).
func (fr *frame) iter(v Value) (*Iter, error) {
	switch x := v.(type) {
	case *List:
		i := 0
		return &Iter{next: func() (Value, bool, error) {
			if i >= len(x.Items) {
				return nil, false, nil
			}
			i++
			return x.Items[i-1], true, nil
		}}, nil
	case Tuple:
		return iterOver(x), nil
	case Str:
		i := 0 // a byte offset: no copy of x as code points
		return &Iter{next: func() (Value, bool, error) {
			if i >= len(x) {
				return nil, false, nil
			}
			r, n := charAt(string(x), i)
			i += n
			return Str(charStr(r)), true, nil
		}}, nil
	case Bytes:
		i := 0
		return &Iter{next: func() (Value, bool, error) {
			if i >= len(x) {
				return nil, false, nil
			}
			i++
			return NewInt(int64(x[i-1])), true, nil
		}}, nil
	case *Dict:
		return iterOver(append([]Value(nil), x.keys...)), nil
	case *Set:
		return iterOver(append([]Value(nil), x.d.keys...)), nil
	case *Range:
		cur := x.start
		return &Iter{next: func() (Value, bool, error) {
			if x.step > 0 && cur >= x.stop || x.step < 0 && cur <= x.stop {
				return nil, false, nil
			}
			cur += x.step
			return NewInt(cur - x.step), true, nil
		}}, nil
	case *Iter:
		return x, nil
	}
	if h, ok := v.(Host); ok {
		if f, ok := h.GetAttr("__iter__"); ok {
			r, err := fr.call(f, nil, nil)
			if err != nil {
				return nil, err
			}
			if it, ok := r.(*Iter); ok {
				return it, nil
			}
		}
	}
	return nil, typeErr("'%s' object is not iterable", TypeName(v))
}

// listOf collects an iterable; msg is the TypeError with %s for the type.
func (fr *frame) listOf(v Value, msg string) ([]Value, error) {
	switch x := v.(type) {
	case Tuple:
		return x, nil
	case *List:
		return x.Items, nil
	case *Range:
		if rangeLen(x) > MaxItems {
			return nil, NewExc(MemoryError)
		}
	}
	it, err := fr.iter(v)
	if err != nil {
		return nil, typeErr(msg, TypeName(v))
	}
	var out []Value
	for {
		e, ok, err := fr.step(it)
		if err != nil {
			return nil, err
		}
		if !ok {
			return out, nil
		}
		if len(out) >= MaxItems {
			return nil, NewExc(MemoryError)
		}
		out = append(out, e)
	}
}

func (fr *frame) evalCall(c *callExpr) (Value, error) {
	fn, err := fr.eval(c.fn)
	if err != nil {
		return nil, err
	}
	args, err := fr.evalList(c.args)
	if err != nil {
		return nil, err
	}
	var kw []KW
	for _, k := range c.kwargs {
		v, err := fr.eval(k.x)
		if err != nil {
			return nil, err
		}
		if k.name == "" {
			m, ok := v.(*Dict)
			if !ok {
				return nil, typeErr("argument after ** must be a mapping, not %s", TypeName(v))
			}
			for i, mk := range m.keys {
				ks, ok := mk.(Str)
				if !ok {
					return nil, typeErr("keywords must be strings")
				}
				kw = append(kw, KW{string(ks), m.vals[i]})
			}
			continue
		}
		kw = append(kw, KW{k.name, v})
	}
	return fr.call(fn, args, kw)
}

func (fr *frame) call(fn Value, args []Value, kw []KW) (Value, error) {
	switch f := fn.(type) {
	case *Func:
		return fr.callFunc(f, args, kw)
	case *Builtin:
		if err := fr.checkInterrupt(); err != nil {
			return nil, err
		}
		v, err := f.Fn(args, kw)
		if err == nil {
			if err := checkMade(); err != nil {
				return nil, err
			}
		}
		return v, err
	case *Class:
		return f.Instantiate(args, kw)
	}
	if h, ok := fn.(Host); ok {
		if c, ok := h.GetAttr("__call__"); ok {
			return fr.call(c, args, kw)
		}
	}
	return nil, typeErr("'%s' object is not callable", TypeName(fn))
}

func (fr *frame) getAttr(obj Value, name string) (Value, error) {
	switch o := obj.(type) {
	case *Module:
		if v, ok := o.Attrs.GetStr(name); ok {
			return v, nil
		}
		return nil, excf(AttributeError, "module '%s' has no attribute '%s'", o.Name, name)
	case *Instance:
		if v, ok := o.Attrs[name]; ok {
			return v, nil
		}
		switch name {
		case "args":
			return o.Args, nil
		case "__class__":
			return o.Class, nil
		case "with_traceback":
			return &Builtin{Name: name, Fn: func(args []Value, kw []KW) (Value, error) { return o, nil }}, nil
		}
	case *Class:
		if v, ok := o.Attrs[name]; ok {
			return v, nil
		}
		switch name {
		case "__name__":
			return Str(o.Name), nil
		case "__qualname__":
			return Str(o.Name), nil
		case "__module__":
			if o.Module == "" {
				return Str("builtins"), nil
			}
			return Str(o.Module), nil
		}
		return nil, excf(AttributeError, "type object '%s' has no attribute '%s'", o.Name, name)
	case *Func:
		if name == "__name__" {
			return Str(o.Name), nil
		}
	case Enum:
		switch name {
		case "name":
			if o.Name == "" {
				return None, nil // a flag of no member
			}
			return Str(o.Name), nil
		case "value":
			return NewInt(o.V), nil
		}
	case Host:
		if v, ok := o.GetAttr(name); ok {
			return boundTo(v, o), nil
		}
		return nil, excf(AttributeError, "'%s' object has no attribute '%s'", o.Type().QualName(), name)
	}
	if m := method(fr, obj, name); m != nil {
		return boundTo(m, obj), nil
	}
	return nil, excf(AttributeError, "'%s' object has no attribute '%s'", TypeName(obj), name)
}

// boundTo is attribute v of obj, a method bound to obj when v is a
// function, so that its repr names obj.
func boundTo(v, obj Value) Value {
	if b, ok := v.(*Builtin); ok && b.Self == nil {
		m := *b
		m.Self = obj
		return &m
	}
	return v
}

func unary(op string, v Value) (Value, error) {
	switch op {
	case "not":
		return Bool(!Truth(v)), nil
	case "-":
		switch x := v.(type) {
		case Bool:
			return NewInt(-boolInt(x)), nil
		case Int:
			return Int{new(big.Int).Neg(x.b)}, nil
		case Float:
			return -x, nil
		}
	case "+":
		switch x := v.(type) {
		case Bool:
			return NewInt(boolInt(x)), nil
		case Int, Float:
			return x, nil
		}
	case "~":
		switch x := v.(type) {
		case Bool:
			return NewInt(^boolInt(x)), nil
		case Int:
			return Int{new(big.Int).Not(x.b)}, nil
		}
	}
	return nil, typeErr("bad operand type for unary %s: '%s'", op, TypeName(v))
}

func boolInt(b Bool) int64 {
	if b {
		return 1
	}
	return 0
}

// toInt gives ints and bools as *big.Int.
func toInt(v Value) (*big.Int, bool) {
	switch x := v.(type) {
	case Int:
		return x.b, true
	case Bool:
		return big.NewInt(boolInt(x)), true
	case Enum:
		return big.NewInt(x.V), true
	}
	return nil, false
}

func toFloat(v Value) (float64, bool) {
	switch x := v.(type) {
	case Float:
		return float64(x), true
	case Int:
		f, _ := new(big.Float).SetInt(x.b).Float64()
		return f, true
	case Bool:
		return float64(boolInt(x)), true
	case Enum:
		return float64(x.V), true
	}
	return 0, false
}

func binop(op string, l, r Value, interrupted func() bool) (Value, error) {
	if v, ok := flagOp(op, l, r); ok {
		return v, nil
	}
	li, lok := toInt(l)
	ri, rok := toInt(r)
	if lok && rok {
		return intOp(op, li, ri)
	}
	_, lf := toFloat(l)
	_, rf := toFloat(r)
	if lf && rf {
		a, _ := toFloat(l)
		b, _ := toFloat(r)
		return floatOp(op, a, b)
	}
	switch op {
	case "+":
		switch a := l.(type) {
		case Str:
			if b, ok := r.(Str); ok {
				if err := Reserve(len(a) + len(b)); err != nil {
					return nil, err
				}
				return Str(string(a) + string(b)), nil
			}
			return nil, typeErr(`can only concatenate str (not "%s") to str`, TypeName(r))
		case Bytes:
			if b, ok := r.(Bytes); ok {
				if err := Reserve(len(a) + len(b)); err != nil {
					return nil, err
				}
				return Bytes(string(a) + string(b)), nil
			}
			return nil, typeErr("can't concat %s to bytes", TypeName(r))
		case Tuple:
			if b, ok := r.(Tuple); ok {
				if len(a)+len(b) > MaxItems {
					return nil, NewExc(MemoryError)
				}
				return append(append(Tuple{}, a...), b...), nil
			}
			return nil, typeErr(`can only concatenate tuple (not "%s") to tuple`, TypeName(r))
		case *List:
			if b, ok := r.(*List); ok {
				if len(a.Items)+len(b.Items) > MaxItems {
					return nil, NewExc(MemoryError)
				}
				return &List{append(append([]Value{}, a.Items...), b.Items...)}, nil
			}
			return nil, typeErr(`can only concatenate list (not "%s") to list`, TypeName(r))
		}
	case "*":
		if n, ok := toInt(r); ok {
			if v, ok, err := repeat(l, n); ok {
				return v, err
			}
		}
		if n, ok := toInt(l); ok {
			if v, ok, err := repeat(r, n); ok {
				return v, err
			}
		}
		if _, ok := r.(Float); ok {
			switch l.(type) {
			case Str, Bytes, *List, Tuple:
				return nil, typeErr("can't multiply sequence by non-int of type 'float'")
			}
		}
	case "%":
		switch a := l.(type) {
		case Str:
			s, err := percent(string(a), r, false, interrupted)
			if err == nil {
				err = checkMade()
			}
			return Str(s), err
		case Bytes:
			s, err := percent(string(a), r, true, interrupted)
			if err == nil {
				err = checkMade()
			}
			return Bytes(s), err
		}
	case "|":
		if a, ok := l.(*Dict); ok {
			if b, ok := r.(*Dict); ok {
				d := NewDict()
				if err := d.Update(a); err != nil {
					return nil, err
				}
				return d, d.Update(b)
			}
		}
	}
	return nil, typeErr("unsupported operand type(s) for %s: '%s' and '%s'", op, TypeName(l), TypeName(r))
}

func repeat(v Value, nb *big.Int) (Value, bool, error) {
	n := int64(0)
	if nb.Sign() > 0 {
		if !nb.IsInt64() {
			n = math.MaxInt64
		} else {
			n = nb.Int64()
		}
	}
	length := func(l int) error {
		if l > 0 && n > int64(MaxSize/l) {
			if !nb.IsInt64() {
				return excf(OverflowError, "cannot fit 'int' into an index-sized integer")
			}
			return NewExc(MemoryError)
		}
		return Reserve(l * int(n))
	}
	switch x := v.(type) {
	case Str:
		if err := length(len(x)); err != nil {
			return nil, true, err
		}
		return Str(strings.Repeat(string(x), int(n))), true, nil
	case Bytes:
		if err := length(len(x)); err != nil {
			return nil, true, err
		}
		return Bytes(strings.Repeat(string(x), int(n))), true, nil
	case *List:
		if err := length(len(x.Items) * 8); err != nil {
			return nil, true, err
		}
		out := make([]Value, 0, len(x.Items)*int(n))
		for i := int64(0); i < n; i++ {
			out = append(out, x.Items...)
		}
		return &List{out}, true, nil
	case Tuple:
		if err := length(len(x) * 8); err != nil {
			return nil, true, err
		}
		out := make(Tuple, 0, len(x)*int(n))
		for i := int64(0); i < n; i++ {
			out = append(out, x...)
		}
		return out, true, nil
	}
	return nil, false, nil
}

func intOp(op string, a, b *big.Int) (Value, error) {
	z := new(big.Int)
	switch op {
	case "+":
		z.Add(a, b)
	case "-":
		z.Sub(a, b)
	case "*":
		if a.BitLen()+b.BitLen() > maxIntBits {
			return nil, NewExc(MemoryError)
		}
		z.Mul(a, b)
	case "/":
		if b.Sign() == 0 {
			return nil, excf(ZeroDivisionError, "division by zero")
		}
		f, _ := new(big.Rat).SetFrac(a, b).Float64()
		if math.IsInf(f, 0) {
			return nil, excf(OverflowError, "integer division result too large for a float")
		}
		return Float(f), nil
	case "//", "%":
		if b.Sign() == 0 {
			if op == "%" {
				return nil, excf(ZeroDivisionError, "integer modulo by zero")
			}
			return nil, excf(ZeroDivisionError, "integer division or modulo by zero")
		}
		q, m := new(big.Int), new(big.Int)
		q.DivMod(a, b, m) // Euclidean: m >= 0
		if m.Sign() != 0 && b.Sign() < 0 {
			q.Add(q, big.NewInt(1))
			m.Add(m, b)
		}
		if op == "//" {
			return Int{q}, nil
		}
		return Int{m}, nil
	case "**":
		if b.Sign() < 0 {
			fa, _ := new(big.Float).SetInt(a).Float64()
			fb, _ := new(big.Float).SetInt(b).Float64()
			if fa == 0 {
				return nil, excf(ZeroDivisionError, "0.0 cannot be raised to a negative power")
			}
			return Float(math.Pow(fa, fb)), nil
		}
		if a.BitLen() > 1 && (!b.IsInt64() || int64(a.BitLen())*b.Int64() > maxIntBits) {
			return nil, NewExc(MemoryError)
		}
		z.Exp(a, b, nil)
	case "<<":
		if b.Sign() < 0 {
			return nil, valueErr("negative shift count")
		}
		if !b.IsInt64() || int64(a.BitLen())+b.Int64() > maxIntBits {
			return nil, NewExc(MemoryError)
		}
		z.Lsh(a, uint(b.Int64()))
	case ">>":
		if b.Sign() < 0 {
			return nil, valueErr("negative shift count")
		}
		if !b.IsInt64() {
			return NewInt(0), nil
		}
		z.Rsh(a, uint(b.Int64()))
	case "&":
		z.And(a, b)
	case "|":
		z.Or(a, b)
	case "^":
		z.Xor(a, b)
	default:
		return nil, typeErr("unsupported operand type(s) for %s: 'int' and 'int'", op)
	}
	return Int{z}, nil
}

// maxIntBits bounds an int made by *, ** or <<: past it MemoryError,
// rather than minutes of work and gigabytes.
const maxIntBits = 1 << 24

func floatOp(op string, a, b float64) (Value, error) {
	switch op {
	case "+":
		return Float(a + b), nil
	case "-":
		return Float(a - b), nil
	case "*":
		return Float(a * b), nil
	case "/":
		if b == 0 {
			return nil, excf(ZeroDivisionError, "float division by zero")
		}
		return Float(a / b), nil
	case "//", "%":
		if b == 0 {
			return nil, excf(ZeroDivisionError, "float modulo")
		}
		m := math.Mod(a, b)
		if m != 0 && (m < 0) != (b < 0) {
			m += b
		}
		if op == "%" {
			return Float(m), nil
		}
		return Float(math.Floor((a - m) / b)), nil
	case "**":
		if a == 0 && b < 0 {
			return nil, excf(ZeroDivisionError, "0.0 cannot be raised to a negative power")
		}
		r := math.Pow(a, b)
		if math.IsInf(r, 0) && !math.IsInf(a, 0) {
			return nil, excf(OverflowError, "(34, 'Numerical result out of range')")
		}
		return Float(r), nil
	}
	return nil, typeErr("unsupported operand type(s) for %s: 'float' and 'float'", op)
}

// Equal is ==.
func Equal(a, b Value) bool {
	ok, _ := compare("==", a, b)
	return ok
}

func compare(op string, l, r Value) (bool, error) {
	switch op {
	case "is":
		return identical(l, r), nil
	case "is not":
		return !identical(l, r), nil
	case "in", "not in":
		found, err := contains2(r, l)
		if err != nil {
			return false, err
		}
		return found == (op == "in"), nil
	}
	c, ok := cmp3(l, r)
	if !ok {
		switch op {
		case "==":
			return identical(l, r), nil
		case "!=":
			return !identical(l, r), nil
		}
		return false, typeErr("'%s' not supported between instances of '%s' and '%s'", op, TypeName(l), TypeName(r))
	}
	if c == 2 { // unordered but comparable for equality
		switch op {
		case "==":
			return false, nil
		case "!=":
			return true, nil
		}
		return false, typeErr("'%s' not supported between instances of '%s' and '%s'", op, TypeName(l), TypeName(r))
	}
	switch op {
	case "==":
		return c == 0, nil
	case "!=":
		return c != 0, nil
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	}
	return false, nil
}

func identical(a, b Value) bool {
	switch x := a.(type) {
	case Bool, *NoneType, *EllipsisType:
		return a == b
	case Int:
		y, ok := b.(Int)
		return ok && x.b.Cmp(y.b) == 0 && x.b.IsInt64() && x.b.Int64() >= -5 && x.b.Int64() <= 256
	case Str:
		y, ok := b.(Str)
		return ok && x == y
	case Bytes:
		y, ok := b.(Bytes)
		return ok && x == y && len(x) <= 1
	case Tuple:
		y, ok := b.(Tuple)
		return ok && len(x) == 0 && len(y) == 0
	case Float:
		return false
	}
	return ptrID(a) != 0 && ptrID(a) == ptrID(b)
}

// cmp3 orders two values: -1, 0, 1; 2 for "not equal, no order"; ok false
// when Python would only compare them by identity.
func cmp3(l, r Value) (int, bool) {
	if li, ok := toInt(l); ok {
		if ri, ok := toInt(r); ok {
			return li.Cmp(ri), true
		}
	}
	if lf, ok := toFloat(l); ok {
		if rf, ok := toFloat(r); ok {
			switch {
			case lf < rf:
				return -1, true
			case lf > rf:
				return 1, true
			case lf == rf:
				return 0, true
			}
			return 2, true
		}
	}
	switch a := l.(type) {
	case Str:
		if b, ok := r.(Str); ok {
			return strings.Compare(string(a), string(b)), true
		}
	case Bytes:
		if b, ok := r.(Bytes); ok {
			return strings.Compare(string(a), string(b)), true
		}
	case Tuple:
		if b, ok := r.(Tuple); ok {
			return seqCmp(a, b)
		}
	case *List:
		if b, ok := r.(*List); ok {
			return seqCmp(a.Items, b.Items)
		}
	case *Dict:
		if b, ok := r.(*Dict); ok {
			if len(a.keys) != len(b.keys) {
				return 2, true
			}
			for i, k := range a.keys {
				v, found, _ := b.Get(k)
				if !found || !Equal(a.vals[i], v) {
					return 2, true
				}
			}
			return 0, true
		}
	case *Set:
		if b, ok := r.(*Set); ok {
			if len(a.d.keys) != len(b.d.keys) {
				return 2, true
			}
			for _, k := range a.d.keys {
				if _, found, _ := b.d.Get(k); !found {
					return 2, true
				}
			}
			return 0, true
		}
	case *Range:
		if b, ok := r.(*Range); ok && *a == *b {
			return 0, true
		}
	}
	if identical(l, r) {
		return 0, true
	}
	// Different kinds: equality is false, ordering is a TypeError.
	switch l.(type) {
	case Str, Bytes, Tuple, *List, *Dict, *Set, Int, Float, Bool, *NoneType:
		return 0, false
	}
	return 0, false
}

func seqCmp(a, b []Value) (int, bool) {
	for i := 0; i < len(a) && i < len(b); i++ {
		if Equal(a[i], b[i]) {
			continue
		}
		c, ok := cmp3(a[i], b[i])
		if !ok || c == 2 {
			return 2, ok && c == 2 || !ok && false
		}
		return c, true
	}
	switch {
	case len(a) < len(b):
		return -1, true
	case len(a) > len(b):
		return 1, true
	}
	return 0, true
}

func contains2(container, item Value) (bool, error) {
	switch c := container.(type) {
	case Str:
		s, ok := item.(Str)
		if !ok {
			return false, typeErr("'in <string>' requires string as left operand, not %s", TypeName(item))
		}
		return strings.Contains(string(c), string(s)), nil
	case Bytes:
		switch s := item.(type) {
		case Bytes:
			return strings.Contains(string(c), string(s)), nil
		case Int:
			n, ok := s.Int64()
			if !ok || n < 0 || n > 255 {
				return false, valueErr("byte must be in range(0, 256)")
			}
			return strings.IndexByte(string(c), byte(n)) >= 0, nil
		}
		return false, typeErr("a bytes-like object is required, not '%s'", TypeName(item))
	case Tuple:
		for _, e := range c {
			if Equal(e, item) {
				return true, nil
			}
		}
		return false, nil
	case *List:
		for _, e := range c.Items {
			if Equal(e, item) {
				return true, nil
			}
		}
		return false, nil
	case *Dict:
		_, ok, err := c.Get(item)
		return ok, err
	case *Set:
		_, ok, err := c.d.Get(item)
		return ok, err
	case *Range:
		n, ok := toInt(item)
		if !ok || !n.IsInt64() {
			return false, nil
		}
		v := n.Int64()
		if c.step > 0 {
			return v >= c.start && v < c.stop && (v-c.start)%c.step == 0, nil
		}
		return v <= c.start && v > c.stop && (c.start-v)%(-c.step) == 0, nil
	}
	return false, typeErr("argument of type '%s' is not iterable", TypeName(container))
}
