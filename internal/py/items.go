package py

import (
	"math/big"
	"strings"
	"unicode/utf8"
)

// index turns a Python index into a Go one for a sequence of length n.
func index(v Value, n int, what string) (int, error) {
	b, ok := toInt(v)
	if !ok {
		return 0, typeErr("%s indices must be integers or slices, not %s", what, TypeName(v))
	}
	if !b.IsInt64() {
		return 0, excf(IndexError, "cannot fit 'int' into an index-sized integer")
	}
	i := b.Int64()
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return 0, excf(IndexError, "%s index out of range", what)
	}
	return int(i), nil
}

func getItem(obj, idx Value) (Value, error) {
	switch o := obj.(type) {
	case *List:
		i, err := index(idx, len(o.Items), "list")
		if err != nil {
			return nil, err
		}
		return o.Items[i], nil
	case Tuple:
		i, err := index(idx, len(o), "tuple")
		if err != nil {
			return nil, err
		}
		return o[i], nil
	case Bytes:
		i, err := index(idx, len(o), "index")
		if err != nil {
			if e, ok := err.(*Exception); ok && e.Inst.Class == IndexError {
				return nil, excf(IndexError, "index out of range")
			}
			return nil, typeErr("byte indices must be integers or slices, not %s", TypeName(idx))
		}
		return NewInt(int64(o[i])), nil
	case Str:
		if isASCII(string(o)) {
			i, err := index(idx, len(o), "string")
			if err != nil {
				return nil, err
			}
			return o[i : i+1], nil
		}
		i, err := index(idx, charCount(string(o)), "string")
		if err != nil {
			return nil, err
		}
		r, _ := charAt(string(o), charOffset(string(o), i))
		return Str(charStr(r)), nil
	case *Dict:
		v, ok, err := o.Get(idx)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, NewExc(KeyError, idx)
		}
		return v, nil
	case *Range:
		n := int(rangeLen(o))
		i, err := index(idx, n, "range object")
		if err != nil {
			return nil, err
		}
		return NewInt(o.start + int64(i)*o.step), nil
	}
	if h, ok := obj.(Host); ok {
		if f, ok := h.GetAttr("__getitem__"); ok {
			if b, ok := f.(*Builtin); ok {
				return b.Fn([]Value{idx}, nil)
			}
		}
	}
	return nil, typeErr("'%s' object is not subscriptable", TypeName(obj))
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func setItem(obj, idx, v Value) error {
	switch o := obj.(type) {
	case *List:
		i, err := index(idx, len(o.Items), "list assignment")
		if err != nil {
			return err
		}
		o.Items[i] = v
		return nil
	case *Dict:
		return o.Set(idx, v)
	}
	return typeErr("'%s' object does not support item assignment", TypeName(obj))
}

func delItem(obj, idx Value) error {
	switch o := obj.(type) {
	case *List:
		i, err := index(idx, len(o.Items), "list assignment")
		if err != nil {
			return err
		}
		o.Items = append(o.Items[:i], o.Items[i+1:]...)
		return nil
	case *Dict:
		ok, err := o.Delete(idx)
		if err != nil {
			return err
		}
		if !ok {
			return NewExc(KeyError, idx)
		}
		return nil
	}
	return typeErr("'%s' object doesn't support item deletion", TypeName(obj))
}

// sliceIndices is slice.indices(n).
func sliceIndices(lo, hi, step Value, n int) (start, stop, st int, err error) {
	st = 1
	if step != None {
		b, ok := toInt(step)
		if !ok {
			return 0, 0, 0, typeErr("slice indices must be integers or None or have an __index__ method")
		}
		if b.Sign() == 0 {
			return 0, 0, 0, valueErr("slice step cannot be zero")
		}
		st = clampInt(b.Int64(), b.IsInt64(), b.Sign())
	}
	bound := func(v Value, def int) (int, error) {
		if v == None {
			return def, nil
		}
		b, ok := toInt(v)
		if !ok {
			return 0, typeErr("slice indices must be integers or None or have an __index__ method")
		}
		i := int64(clampInt(b.Int64(), b.IsInt64(), b.Sign()))
		if i < 0 {
			i += int64(n)
			if i < 0 {
				if st < 0 {
					i = -1
				} else {
					i = 0
				}
			}
		} else if i >= int64(n) {
			if st < 0 {
				i = int64(n) - 1
			} else {
				i = int64(n)
			}
		}
		return int(i), nil
	}
	if st > 0 {
		start, err = bound(lo, 0)
		if err == nil {
			stop, err = bound(hi, n)
		}
	} else {
		start, err = bound(lo, n-1)
		if err == nil {
			stop, err = bound(hi, -1)
		}
	}
	return
}

func clampInt(v int64, fits bool, sign int) int {
	const big = 1 << 40
	if !fits || v > big || v < -big {
		if sign < 0 {
			return -big
		}
		return big
	}
	return int(v)
}

func pick(start, stop, step int, f func(i int)) {
	if step > 0 {
		for i := start; i < stop; i += step {
			f(i)
		}
		return
	}
	for i := start; i > stop; i += step {
		f(i)
	}
}

// sliceBytes slices bytes, or a str of one byte a character (ASCII).
func sliceBytes[T Bytes | Str](o T, lo, hi, step Value) (Value, error) {
	a, b, st, err := sliceIndices(lo, hi, step, len(o))
	if err != nil {
		return nil, err
	}
	if st == 1 {
		if a >= b {
			return T(""), nil
		}
		return o[a:b], nil
	}
	var out []byte
	pick(a, b, st, func(i int) { out = append(out, o[i]) })
	noteMade(len(out))
	return T(out), nil
}

// stepChars is the characters a, a+st, … of s, up to b (not included),
// walked in place: only the result is made, never s as code points (four
// bytes a character). Each character is copied as s holds it.
func stepChars(s string, a, b, st int) string {
	var out strings.Builder
	i := charOffset(s, a)
	if st > 0 {
		for k := a; k < b; k += st {
			_, n := charAt(s, i)
			out.WriteString(s[i : i+n])
			for j := 0; j < st && i < len(s); j++ {
				_, n := charAt(s, i)
				i += n
			}
		}
		return out.String()
	}
	for k := a; k > b; k += st {
		_, n := charAt(s, i)
		out.WriteString(s[i : i+n])
		for j := 0; j < -st && i > 0; j++ {
			_, n := utf8.DecodeLastRuneInString(s[:i])
			i -= n
		}
	}
	return out.String()
}

func slice(obj, lo, hi, step Value) (Value, error) {
	switch o := obj.(type) {
	case Bytes:
		return sliceBytes(o, lo, hi, step)
	case Str:
		if isASCII(string(o)) {
			return sliceBytes(o, lo, hi, step)
		}
		a, b, st, err := sliceIndices(lo, hi, step, charCount(string(o)))
		if err != nil {
			return nil, err
		}
		if st == 1 {
			// A run of characters: the str between two offsets, as for
			// ASCII, not made into code points.
			if a >= b {
				return Str(""), nil
			}
			i := charOffset(string(o), a)
			return o[i : i+charOffset(string(o[i:]), b-a)], nil
		}
		return madeStr(stepChars(string(o), a, b, st)), nil
	case *List:
		a, b, st, err := sliceIndices(lo, hi, step, len(o.Items))
		if err != nil {
			return nil, err
		}
		out := []Value{}
		pick(a, b, st, func(i int) { out = append(out, o.Items[i]) })
		return &List{out}, nil
	case Tuple:
		a, b, st, err := sliceIndices(lo, hi, step, len(o))
		if err != nil {
			return nil, err
		}
		out := Tuple{}
		pick(a, b, st, func(i int) { out = append(out, o[i]) })
		return out, nil
	case *Range:
		// A range's slice is a range, as in Python: nothing is made.
		a, b, st, err := sliceIndices(lo, hi, step, int(rangeLen(o)))
		if err != nil {
			return nil, err
		}
		at := func(i int) (int64, bool) {
			v := new(big.Int).Mul(big.NewInt(int64(i)), big.NewInt(o.step))
			v.Add(v, big.NewInt(o.start))
			return v.Int64(), v.IsInt64()
		}
		start, ok1 := at(a)
		stop, ok2 := at(b)
		if !ok1 || !ok2 {
			return nil, excf(OverflowError, "Python int too large to convert to C ssize_t")
		}
		return &Range{start, stop, o.step * int64(st)}, nil
	}
	return nil, typeErr("'%s' object is not subscriptable", TypeName(obj))
}
