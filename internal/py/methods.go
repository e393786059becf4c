package py

import (
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The methods each type has here, and what completion offers, are the
// names in methodShapes.
var (
	strMethods   = methodNames("str")
	bytesMethods = methodNames("bytes")
	listMethods  = methodNames("list")
	dictMethods  = methodNames("dict")
	setMethods   = methodNames("set")
)

// AttrNames lists v's attributes, for completion and dir().
func (in *Interp) AttrNames(v Value) []string {
	switch x := v.(type) {
	case Str:
		return strMethods
	case Bytes:
		return bytesMethods
	case *List:
		return listMethods
	case *Dict:
		return dictMethods
	case *Set:
		return setMethods
	case *Module:
		return x.Attrs.SortedStrKeys()
	case *Instance:
		var out []string
		for k := range x.Attrs {
			out = append(out, k)
		}
		out = append(out, "args")
		sort.Strings(out)
		return out
	case Host:
		if l, ok := x.(interface{ AttrNames() []string }); ok {
			return l.AttrNames()
		}
	}
	return nil
}

// CompletionNames are v's attributes as Python's completer offers them:
// a callable one followed by "(" (s.bind(), socket.socket(), an
// attribute as it is (s.family).
func (in *Interp) CompletionNames(v Value) []string {
	names := in.AttrNames(v)
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = n
		if a, err := (&frame{in: in, globals: in.Globals}).getAttr(v, n); err == nil && callable(a) {
			out[i] = n + "("
		}
	}
	return out
}

func callable(v Value) bool {
	switch v.(type) {
	case *Func, *Builtin, *Class:
		return true
	}
	return false
}

// text is what a str or bytes method works on.
type text struct {
	s       string
	isBytes bool
}

func (t text) wrap(s string) Value {
	noteMade(len(s))
	if t.isBytes {
		return Bytes(s)
	}
	return Str(s)
}

// arg reads a str (or bytes, for a bytes method) argument.
func (t text) arg(fname string, v Value) (string, error) {
	if t.isBytes {
		if b, ok := v.(Bytes); ok {
			return string(b), nil
		}
		return "", typeErr("a bytes-like object is required, not '%s'", TypeName(v))
	}
	if s, ok := v.(Str); ok {
		return string(s), nil
	}
	return "", typeErr("%s arg must be None or str", fname)
}

// length is the length of s as Python counts it: bytes or characters.
func (t text) length(s string) int {
	if t.isBytes {
		return len(s)
	}
	return utf8.RuneCountInString(s)
}

// window reads the optional start and end of find, count, startswith and
// their kin, adjusted as Python's slices are, and returns that part of
// the text with them (end < start when nothing can match there).
func (t text) window(bounds []Value) (part string, start, end int, err error) {
	n := t.length(t.s)
	start, end = 0, n
	for i, v := range bounds {
		if v == None {
			continue
		}
		b, ok := toInt(v)
		if !ok {
			return "", 0, 0, typeErr("slice indices must be integers or None or have an __index__ method")
		}
		x := clampInt(b.Int64(), b.IsInt64(), b.Sign())
		if x < 0 {
			x = max(0, x+n)
		}
		if i == 0 {
			start = x
		} else {
			end = min(x, n)
		}
	}
	if start == 0 && end == n {
		return t.s, start, end, nil
	}
	if end < start || start > n {
		return "", start, end, nil
	}
	return t.s[t.offset(start):t.offset(end)], start, end, nil
}

// offset is the byte offset of character k.
func (t text) offset(k int) int {
	if t.isBytes || isASCII(t.s) {
		return k
	}
	for i := range t.s {
		if k == 0 {
			return i
		}
		k--
	}
	return len(t.s)
}

func (t text) argMust(fname string, v Value) (string, error) {
	if t.isBytes {
		return t.arg(fname, v)
	}
	if s, ok := v.(Str); ok {
		return string(s), nil
	}
	return "", typeErr("must be str, not %s", TypeName(v))
}

// method is obj.name, its arguments checked first as CPython checks them
// (methodShapes).
func method(fr *frame, obj Value, name string) Value {
	v := methodOf(fr, obj, name)
	b, ok := v.(*Builtin)
	if !ok {
		return v
	}
	typeName := TypeName(obj)
	sh, ok := methodShapes[typeName][name]
	if !ok {
		return v
	}
	b.Fn = withShape(typeName+"."+name, name, sh, b.Fn)
	return b
}

func methodOf(fr *frame, obj Value, name string) Value {
	mk := func(f func(args []Value, kw []KW) (Value, error)) Value { return &Builtin{Name: name, Fn: f} }
	switch o := obj.(type) {
	case Str:
		if name == "encode" {
			return mk(func(args []Value, kw []KW) (Value, error) {
				a, err := Args("encode", args, kw, 0, "encoding", "errors")
				if err != nil {
					return nil, err
				}
				return encode(o, a[0], a[1])
			})
		}
		if name == "format" {
			return mk(func(args []Value, kw []KW) (Value, error) {
				s, err := strFormat(string(o), args, kw, fr.in.Interrupted)
				return madeStr(s), err
			})
		}
		return textMethod(fr, text{string(o), false}, name)
	case Bytes:
		switch name {
		case "decode":
			return mk(func(args []Value, kw []KW) (Value, error) {
				a, err := Args("decode", args, kw, 0, "encoding", "errors")
				if err != nil {
					return nil, err
				}
				return decode(o, a[0], a[1])
			})
		case "hex":
			return mk(func(args []Value, kw []KW) (Value, error) {
				a, err := Args("hex", args, kw, 0, "sep", "bytes_per_sep")
				if err != nil {
					return nil, err
				}
				return hexSep(o, a[0], a[1])
			})
		}
		return textMethod(fr, text{string(o), true}, name)
	case *List:
		return listMethod(fr, o, name)
	case *Dict:
		return dictMethod(fr, o, name)
	case *Set:
		switch name {
		case "add":
			return fn1("add", "elem", func(elem Value) (Value, error) {
				return None, o.d.Set(elem, None)
			})
		case "discard", "remove":
			return fn1(name, "elem", func(elem Value) (Value, error) {
				ok, err := o.d.Delete(elem)
				if err == nil && !ok && name == "remove" {
					return nil, NewExc(KeyError, elem)
				}
				return None, err
			})
		}
	}
	return nil
}

// hexSep is bytes.hex(sep, bytes_per_sep): sep between each group of
// bytes_per_sep bytes, counted from the right (from the left when
// negative).
func hexSep(b Bytes, sepArg, perArg Value) (Value, error) {
	if sepArg == nil || len(b) == 0 {
		return hexOf(b, 0)
	}
	var sep string
	switch x := sepArg.(type) {
	case Str:
		sep = string(x)
	case Bytes:
		sep = string(x)
	default:
		return nil, typeErr("object of type '%s' has no len()", TypeName(sepArg))
	}
	if utf8.RuneCountInString(sep) != 1 {
		return nil, valueErr("sep must be length 1.")
	}
	if sep[0] >= utf8.RuneSelf {
		return nil, valueErr("sep must be ASCII.")
	}
	per := 1
	if perArg != nil {
		n, ok := toInt(perArg)
		if !ok {
			return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(perArg))
		}
		per = clampInt(n.Int64(), n.IsInt64(), n.Sign())
	}
	if per == 0 {
		return hexOf(b, 0)
	}
	fromLeft := per < 0
	if fromLeft {
		per = -per
	}
	// Groups of per bytes (2*per digits), the odd one first when counted
	// from the right; the result's size is known before it is made.
	width := 2 * min(per, len(b))
	groups := (2*len(b) + width - 1) / width
	if err := Reserve(2*len(b) + (groups-1)*len(sep)); err != nil {
		return nil, err
	}
	hs, err := hexOf(b, (groups-1)*len(sep))
	if err != nil {
		return nil, err
	}
	h := string(hs.(Str))
	first := len(h) - (groups-1)*width
	if fromLeft {
		first = width
	}
	var sb strings.Builder
	sb.Grow(len(h) + (groups-1)*len(sep))
	sb.WriteString(h[:first])
	for i := first; i < len(h); i += width {
		sb.WriteString(sep)
		sb.WriteString(h[i:min(len(h), i+width)])
	}
	return madeStr(sb.String()), nil
}

// hexOf is b.hex(), refused when it and more bytes to come (a
// separator's) would not fit.
func hexOf(b Bytes, more int) (Value, error) {
	if err := Reserve(2*len(b) + more); err != nil {
		return nil, err
	}
	const digits = "0123456789abcdef"
	var sb strings.Builder
	sb.Grow(2 * len(b))
	for i := 0; i < len(b); i++ {
		sb.WriteByte(digits[b[i]>>4])
		sb.WriteByte(digits[b[i]&0xf])
	}
	return madeStr(sb.String()), nil
}

func textMethod(fr *frame, t text, name string) Value {
	mk := func(f func(args []Value, kw []KW) (Value, error)) Value { return &Builtin{Name: name, Fn: f} }
	s := t.s
	// optional chars argument (strip family).
	stripArg := func(args []Value, kw []KW) (string, bool, error) {
		a, err := Args(name, args, kw, 0, "chars")
		if err != nil {
			return "", false, err
		}
		if a[0] == nil || a[0] == None {
			return "", false, nil
		}
		c, err := t.arg(name, a[0])
		return c, true, err
	}
	space := " \t\n\r\x0b\x0c"
	switch name {
	case "upper", "lower", "title", "capitalize":
		return mk(func(args []Value, kw []KW) (Value, error) {
			if t.isBytes {
				return t.wrap(bytesCase(name, s)), nil
			}
			m, err := caseMap(name, s)
			if err != nil {
				return nil, err
			}
			return t.wrap(m), nil
		})
	case "strip", "lstrip", "rstrip":
		return mk(func(args []Value, kw []KW) (Value, error) {
			chars, given, err := stripArg(args, kw)
			if err != nil {
				return nil, err
			}
			if !given {
				chars = space
			}
			switch name {
			case "strip":
				return t.wrap(strings.Trim(s, chars)), nil
			case "lstrip":
				return t.wrap(strings.TrimLeft(s, chars)), nil
			}
			return t.wrap(strings.TrimRight(s, chars)), nil
		})
	case "split", "rsplit":
		return mk(func(args []Value, kw []KW) (Value, error) {
			a, err := Args(name, args, kw, 0, "sep", "maxsplit")
			if err != nil {
				return nil, err
			}
			max := -1
			if a[1] != nil {
				n, ok := toInt(a[1])
				if !ok {
					return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(a[1]))
				}
				max = int(n.Int64())
			}
			var parts []string
			if a[0] == nil || a[0] == None {
				if max < 0 || max >= MaxItems {
					if err := fitsItems(countFields(s)); err != nil {
						return nil, err
					}
				}
				parts = splitWhite(s, max, name == "rsplit")
			} else {
				sep, err := t.arg(name, a[0])
				if err != nil {
					return nil, err
				}
				if sep == "" {
					return nil, valueErr("empty separator")
				}
				if max < 0 || max >= MaxItems {
					if err := fitsItems(strings.Count(s, sep) + 1); err != nil {
						return nil, err
					}
				}
				if name == "rsplit" && max >= 0 {
					parts = rsplitN(s, sep, max)
				} else if max >= 0 {
					parts = strings.SplitN(s, sep, max+1)
				} else {
					parts = strings.Split(s, sep)
				}
			}
			out := make([]Value, len(parts))
			for i, p := range parts {
				out[i] = t.wrap(p)
			}
			return &List{out}, nil
		})
	case "splitlines":
		return mk(func(args []Value, kw []KW) (Value, error) {
			a, err := Args(name, args, kw, 0, "keepends")
			if err != nil {
				return nil, err
			}
			keep := a[0] != nil && Truth(a[0])
			if err := fitsItems(strings.Count(s, "\n") + strings.Count(s, "\r")); err != nil {
				return nil, err
			}
			var out []Value
			rest := s
			for rest != "" {
				i := strings.IndexAny(rest, "\r\n")
				if i < 0 {
					out = append(out, t.wrap(rest))
					break
				}
				n := 1
				if rest[i] == '\r' && i+1 < len(rest) && rest[i+1] == '\n' {
					n = 2
				}
				if keep {
					out = append(out, t.wrap(rest[:i+n]))
				} else {
					out = append(out, t.wrap(rest[:i]))
				}
				rest = rest[i+n:]
			}
			return &List{append([]Value{}, out...)}, nil
		})
	case "join":
		return fn1(name, "iterable", func(iterable Value) (Value, error) {
			items, err := fr.listOf(iterable, "can only join an iterable")
			if err != nil {
				return nil, err
			}
			parts := make([]string, len(items))
			total := 0
			for i, it := range items {
				if t.isBytes {
					b, ok := it.(Bytes)
					if !ok {
						return nil, typeErr("sequence item %d: expected a bytes-like object, %s found", i, TypeName(it))
					}
					parts[i] = string(b)
				} else {
					x, ok := it.(Str)
					if !ok {
						return nil, typeErr("sequence item %d: expected str instance, %s found", i, TypeName(it))
					}
					parts[i] = string(x)
				}
				total += len(parts[i]) + len(s)
				if total > MaxSize {
					return nil, NewExc(MemoryError)
				}
			}
			if err := Reserve(total); err != nil {
				return nil, err
			}
			return t.wrap(strings.Join(parts, s)), nil
		})
	case "replace":
		return mk(func(args []Value, kw []KW) (Value, error) {
			a, err := Args(name, args, kw, 2, "old", "new", "count")
			if err != nil {
				return nil, err
			}
			old, err := t.argMust(name, a[0])
			if err != nil {
				return nil, err
			}
			nw, err := t.argMust(name, a[1])
			if err != nil {
				return nil, err
			}
			n := -1
			if a[2] != nil {
				c, _ := toInt(a[2])
				if c != nil {
					n = int(c.Int64())
				}
			}
			// The result's size, known before it is made: each of the
			// k replacements swaps old for new.
			k := strings.Count(s, old)
			if n >= 0 && n < k {
				k = n
			}
			if err := Reserve(len(s) + k*(len(nw)-len(old))); err != nil {
				return nil, err
			}
			return t.wrap(strings.Replace(s, old, nw, n)), nil
		})
	case "startswith", "endswith":
		return mk(func(args []Value, kw []KW) (Value, error) {
			prefix := args[0]
			s, start, end, err := t.window(args[1:])
			if err != nil {
				return nil, err
			}
			cands := []Value{prefix}
			if tu, ok := prefix.(Tuple); ok {
				cands = tu
			}
			for _, c := range cands {
				p, err := t.argMust(name, c)
				if err != nil {
					if t.isBytes {
						return nil, err
					}
					return nil, typeErr("%s first arg must be str or a tuple of str, not %s", name, TypeName(c))
				}
				if end-start < t.length(p) {
					continue
				}
				if name == "startswith" && strings.HasPrefix(s, p) || name == "endswith" && strings.HasSuffix(s, p) {
					return True, nil
				}
			}
			return False, nil
		})
	case "find", "rfind", "index", "count":
		return mk(func(args []Value, kw []KW) (Value, error) {
			subArg := args[0]
			var sub string
			var err error
			if n, ok := subArg.(Int); ok && t.isBytes {
				v, _ := n.Int64()
				sub = string([]byte{byte(v)})
			} else if sub, err = t.argMust(name, subArg); err != nil {
				return nil, err
			}
			s, start, end, err := t.window(args[1:])
			if err != nil {
				return nil, err
			}
			i := -1
			switch {
			case end-start < t.length(sub):
				// Python's bound check: not even an empty sub fits.
			case name == "count":
				if sub == "" {
					return NewInt(int64(end - start + 1)), nil
				}
				return NewInt(int64(strings.Count(s, sub))), nil
			case name == "rfind":
				i = strings.LastIndex(s, sub)
			default:
				i = strings.Index(s, sub)
			}
			if name == "count" {
				return NewInt(0), nil
			}
			if i < 0 && name == "index" {
				if t.isBytes {
					return nil, valueErr("subsection not found")
				}
				return nil, valueErr("substring not found")
			}
			if i >= 0 {
				i = t.length(s[:i]) + start
			}
			return NewInt(int64(i)), nil
		})
	case "partition":
		return fn1(name, "sep", func(sepArg Value) (Value, error) {
			sep, err := t.argMust(name, sepArg)
			if err != nil {
				return nil, err
			}
			if sep == "" {
				return nil, valueErr("empty separator")
			}
			before, after, found := strings.Cut(s, sep)
			if !found {
				return Tuple{t.wrap(s), t.wrap(""), t.wrap("")}, nil
			}
			return Tuple{t.wrap(before), t.wrap(sep), t.wrap(after)}, nil
		})
	case "isdigit", "isalpha", "isalnum", "isspace", "isupper", "islower":
		return mk(func(args []Value, kw []KW) (Value, error) {
			if s == "" {
				return False, nil
			}
			// The characters, one by one: a byte each for bytes.
			cs := func(yield func(rune) bool) {
				for i := 0; i < len(s); {
					r, n := charAt(s, i)
					if t.isBytes {
						r, n = rune(s[i]), 1
					}
					if !yield(r) {
						return
					}
					i += n
				}
			}
			// A bytes method knows only ASCII letters, digits and blanks.
			class := func(r rune) charClass {
				if t.isBytes && (r >= utf8.RuneSelf || r >= 0x1c && r <= 0x1f) {
					return 0
				}
				return classOf(r)
			}
			if name == "isupper" || name == "islower" {
				// Python: no character of the other case or title case,
				// and at least one of this case.
				want, other := charLower, charUpper
				if name == "isupper" {
					want, other = charUpper, charLower
				}
				cased := false
				for r := range cs {
					c := class(r)
					if c&(other|charTitle) != 0 {
						return False, nil
					}
					cased = cased || c&want != 0
				}
				return Bool(cased), nil
			}
			need := map[string]charClass{"isdigit": charDigit, "isalpha": charAlpha, "isspace": charSpace, "isalnum": charAlpha | charNumeric}[name]
			for r := range cs {
				if class(r)&need == 0 {
					return False, nil
				}
			}
			return True, nil
		})
	case "zfill", "ljust", "rjust", "center":
		return fn2(name, "width", "fillchar", func(width, fillchar Value) (Value, error) {
			wn, ok := toInt(width)
			if !ok {
				return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(width))
			}
			if !wn.IsInt64() || wn.Int64() > MaxSize {
				return nil, NewExc(MemoryError)
			}
			if err := Reserve(int(wn.Int64())); err != nil {
				return nil, err
			}
			w := int(wn.Int64())
			fill := " "
			if fillchar != nil {
				var err error
				if fill, err = t.argMust(name, fillchar); err != nil {
					return nil, err
				}
			}
			n := utf8.RuneCountInString(s)
			if w <= n {
				return t.wrap(s), nil
			}
			pad := w - n
			switch name {
			case "zfill":
				if s != "" && (s[0] == '-' || s[0] == '+') {
					return t.wrap(s[:1] + strings.Repeat("0", pad) + s[1:]), nil
				}
				return t.wrap(strings.Repeat("0", pad) + s), nil
			case "ljust":
				return t.wrap(s + strings.Repeat(fill, pad)), nil
			case "rjust":
				return t.wrap(strings.Repeat(fill, pad) + s), nil
			}
			left := pad / 2
			if pad%2 == 1 && n%2 == 1 {
				left++
			}
			return t.wrap(strings.Repeat(fill, left) + s + strings.Repeat(fill, pad-left)), nil
		})
	}
	return nil
}

// bytesCase is bytes.upper, lower, title or capitalize (name): ASCII
// letters only change, and only they count as letters.
func bytesCase(name, s string) string {
	b := []byte(s)
	prevLetter := false
	for i, c := range b {
		letter := c < utf8.RuneSelf && unicode.IsLetter(rune(c))
		up := name == "upper" || name == "title" && !prevLetter || name == "capitalize" && i == 0
		if letter && up {
			b[i] = byte(unicode.ToUpper(rune(c)))
		} else if letter && name != "upper" {
			b[i] = byte(unicode.ToLower(rune(c)))
		}
		prevLetter = letter
	}
	return string(b)
}

func splitWhite(s string, max int, fromRight bool) []string {
	fields := strings.Fields(s)
	if max < 0 || len(fields) <= max+1 {
		if fields == nil {
			return []string{}
		}
		return fields
	}
	if !fromRight {
		// The first max fields, then the rest with its leading blanks gone.
		out := []string{}
		rest := strings.TrimLeft(s, " \t\n\r\x0b\x0c")
		for i := 0; i < max; i++ {
			j := strings.IndexAny(rest, " \t\n\r\x0b\x0c")
			out = append(out, rest[:j])
			rest = strings.TrimLeft(rest[j:], " \t\n\r\x0b\x0c")
		}
		return append(out, strings.TrimRight(rest, " \t\n\r\x0b\x0c"))
	}
	// From the right: gathered last first, then turned round.
	out := []string{}
	rest := strings.TrimRight(s, " \t\n\r\x0b\x0c")
	for i := 0; i < max; i++ {
		j := strings.LastIndexAny(rest, " \t\n\r\x0b\x0c")
		out = append(out, rest[j+1:])
		rest = strings.TrimRight(rest[:j], " \t\n\r\x0b\x0c")
	}
	out = append(out, strings.TrimLeft(rest, " \t\n\r\x0b\x0c"))
	slices.Reverse(out)
	return out
}

func rsplitN(s, sep string, max int) []string {
	// Gathered last first, then turned round.
	var out []string
	for i := 0; i < max; i++ {
		j := strings.LastIndex(s, sep)
		if j < 0 {
			break
		}
		out = append(out, s[j+len(sep):])
		s = s[:j]
	}
	out = append(out, s)
	slices.Reverse(out)
	return out
}

// countFields is how many words splitWhite finds in s (strings.Fields's
// rule), counted without making them.
func countFields(s string) int {
	n, inWord := 0, false
	for _, r := range s {
		blank := unicode.IsSpace(r)
		if !blank && !inWord {
			n++
		}
		inWord = !blank
	}
	return n
}

func listMethod(fr *frame, l *List, name string) Value {
	mk := func(f func(args []Value, kw []KW) (Value, error)) Value { return &Builtin{Name: name, Fn: f} }
	switch name {
	case "append":
		return fn1("append", "object", func(object Value) (Value, error) {
			if len(l.Items) >= MaxItems {
				return nil, NewExc(MemoryError)
			}
			l.Items = append(l.Items, object)
			return None, nil
		})
	case "extend":
		return fn1("extend", "iterable", func(iterable Value) (Value, error) {
			items, err := fr.listOf(iterable, "'%s' object is not iterable")
			if err != nil {
				return nil, err
			}
			if len(l.Items)+len(items) > MaxItems {
				return nil, NewExc(MemoryError)
			}
			l.Items = append(l.Items, items...)
			return None, nil
		})
	case "insert":
		return mk(func(args []Value, kw []KW) (Value, error) {
			a, err := Args("insert", args, kw, 2, "index", "object")
			if err != nil {
				return nil, err
			}
			n, ok := toInt(a[0])
			if !ok {
				return nil, typeErr("'%s' object cannot be interpreted as an integer", TypeName(a[0]))
			}
			i := clampInt(n.Int64(), n.IsInt64(), n.Sign())
			if i < 0 {
				i += len(l.Items)
			}
			i = max(0, min(i, len(l.Items)))
			l.Items = append(l.Items[:i], append([]Value{a[1]}, l.Items[i:]...)...)
			return None, nil
		})
	case "pop":
		return mk(func(args []Value, kw []KW) (Value, error) {
			a, err := Args("pop", args, kw, 0, "index")
			if err != nil {
				return nil, err
			}
			if len(l.Items) == 0 {
				return nil, excf(IndexError, "pop from empty list")
			}
			i := len(l.Items) - 1
			if a[0] != nil {
				if i, err = index(a[0], len(l.Items), "pop"); err != nil {
					return nil, err
				}
			}
			v := l.Items[i]
			l.Items = append(l.Items[:i], l.Items[i+1:]...)
			return v, nil
		})
	case "remove", "index", "count":
		return mk(func(args []Value, kw []KW) (Value, error) {
			value := args[0]
			start, stop := 0, len(l.Items)
			if len(args) > 1 {
				// list.index(value, start, stop): a slice's bounds.
				lo, hi := args[1], Value(None)
				if len(args) > 2 {
					hi = args[2]
				}
				if lo == None || hi == None && len(args) > 2 {
					return nil, typeErr("slice indices must be integers or have an __index__ method")
				}
				var err error
				if start, stop, _, err = sliceIndices(lo, hi, None, len(l.Items)); err != nil {
					return nil, err
				}
			}
			n := 0
			for i := start; i < stop && i < len(l.Items); i++ {
				if v := l.Items[i]; Equal(v, value) {
					switch name {
					case "remove":
						l.Items = append(l.Items[:i], l.Items[i+1:]...)
						return None, nil
					case "index":
						return NewInt(int64(i)), nil
					}
					n++
				}
			}
			if name == "count" {
				return NewInt(int64(n)), nil
			}
			if name == "remove" {
				return nil, valueErr("list.remove(x): x not in list")
			}
			return nil, valueErr("%s is not in list", Repr(value))
		})
	case "clear":
		return mk(func(args []Value, kw []KW) (Value, error) { l.Items = nil; return None, nil })
	case "copy":
		return mk(func(args []Value, kw []KW) (Value, error) { return &List{append([]Value{}, l.Items...)}, nil })
	case "reverse":
		return mk(func(args []Value, kw []KW) (Value, error) {
			for i, j := 0, len(l.Items)-1; i < j; i, j = i+1, j-1 {
				l.Items[i], l.Items[j] = l.Items[j], l.Items[i]
			}
			return None, nil
		})
	case "sort":
		return mk(func(args []Value, kw []KW) (Value, error) { return None, sortList(fr, l, kw) })
	}
	return nil
}

func dictMethod(fr *frame, d *Dict, name string) Value {
	mk := func(f func(args []Value, kw []KW) (Value, error)) Value { return &Builtin{Name: name, Fn: f} }
	switch name {
	case "get", "setdefault":
		return fn2(name, "key", "default", func(key, def Value) (Value, error) {
			v, ok, err := d.Get(key)
			if err != nil {
				return nil, err
			}
			if ok {
				return v, nil
			}
			if def == nil {
				def = None
			}
			if name == "setdefault" {
				return def, d.Set(key, def)
			}
			return def, nil
		})
	case "pop":
		return fn2(name, "key", "default", func(key, def Value) (Value, error) {
			v, ok, err := d.Get(key)
			if err != nil {
				return nil, err
			}
			if !ok {
				if def != nil {
					return def, nil
				}
				return nil, NewExc(KeyError, key)
			}
			d.Delete(key)
			return v, nil
		})
	case "keys", "values", "items":
		return mk(func(args []Value, kw []KW) (Value, error) {
			out := make([]Value, len(d.keys))
			for i, k := range d.keys {
				switch name {
				case "keys":
					out[i] = k
				case "values":
					out[i] = d.vals[i]
				default:
					out[i] = Tuple{k, d.vals[i]}
				}
			}
			return &List{out}, nil
		})
	case "update":
		return mk(func(args []Value, kw []KW) (Value, error) {
			if len(args) == 1 {
				m, ok := args[0].(*Dict)
				if !ok {
					return nil, typeErr("'%s' object is not a mapping", TypeName(args[0]))
				}
				if err := d.Update(m); err != nil {
					return nil, err
				}
			}
			for _, k := range kw {
				d.SetStr(k.Name, k.V)
			}
			return None, nil
		})
	case "clear":
		return mk(func(args []Value, kw []KW) (Value, error) {
			*d = *NewDict()
			return None, nil
		})
	case "copy":
		return mk(func(args []Value, kw []KW) (Value, error) {
			c := NewDict()
			return c, c.Update(d)
		})
	}
	return nil
}
