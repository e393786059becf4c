package py

import (
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// percent is str % args (and bytes % args).
func percent(f string, args Value, isBytes bool, interrupted func() bool) (string, error) {
	var list []Value
	var mapping *Dict
	switch a := args.(type) {
	case Tuple:
		list = a
	case *Dict:
		mapping = a
		list = []Value{a}
	default:
		list = []Value{a}
	}
	next := 0
	var b strings.Builder
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		i++
		if i >= len(f) {
			return "", valueErr("incomplete format")
		}
		var arg Value
		if f[i] == '(' && mapping != nil {
			end := strings.IndexByte(f[i:], ')')
			if end < 0 {
				return "", valueErr("incomplete format key")
			}
			key := f[i+1 : i+end]
			v, ok := mapping.GetStr(key)
			if !ok {
				return "", NewExc(KeyError, Str(key))
			}
			arg = v
			i += end + 1
		}
		start := i
		for i < len(f) && strings.IndexByte("-+ #0123456789.", f[i]) >= 0 {
			i++
		}
		if i >= len(f) {
			return "", valueErr("incomplete format")
		}
		flags := f[start:i]
		conv := f[i]
		if conv == '%' {
			b.WriteByte('%')
			continue
		}
		if arg == nil {
			if next >= len(list) {
				return "", typeErr("not enough arguments for format string")
			}
			arg = list[next]
			next++
		}
		var s string
		var err error
		switch conv {
		case 's':
			if isBytes {
				switch x := arg.(type) {
				case Bytes:
					s = string(x)
				default:
					return "", typeErr("%%b requires a bytes-like object, or an object that implements __bytes__, not '%s'", TypeName(arg))
				}
			} else if s, err = strOf(arg, interrupted); err != nil {
				return "", err
			}
		case 'b':
			x, ok := arg.(Bytes)
			if !isBytes || !ok {
				return "", valueErr("unsupported format character 'b' (0x62) at index %d", i)
			}
			s = string(x)
		case 'r', 'a':
			if s, err = reprOf(arg, interrupted); err != nil {
				return "", err
			}
		case 'd', 'i', 'u', 'x', 'X', 'o', 'c', 'e', 'E', 'f', 'F', 'g', 'G':
			spec := strings.ReplaceAll(flags, "-", "<")
			if strings.Contains(flags, "-") {
				spec = "<" + strings.ReplaceAll(flags, "-", "")
			}
			t := string(conv)
			if conv == 'i' || conv == 'u' {
				t = "d"
			}
			if conv == 'c' {
				n, ok := toInt(arg)
				if !ok {
					if sv, ok := arg.(Str); ok && utf8.RuneCountInString(string(sv)) == 1 {
						s = string(sv)
						break
					}
					return "", typeErr("%%c requires int or char")
				}
				if s, err = charOf(n); err != nil {
					return "", err
				}
				break
			}
			if _, ok := toFloat(arg); !ok {
				if conv == 'd' || conv == 'i' || conv == 'x' {
					return "", typeErr("%%%c format: a real number is required, not %s", conv, TypeName(arg))
				}
				return "", typeErr("must be real number, not %s", TypeName(arg))
			}
			if t == "d" || t == "x" || t == "X" || t == "o" {
				if fl, ok := arg.(Float); ok {
					if math.IsInf(float64(fl), 0) || math.IsNaN(float64(fl)) {
						return "", excf(OverflowError, "cannot convert float infinity to integer")
					}
					bf, _ := big.NewFloat(math.Trunc(float64(fl))).Int(nil)
					arg = Int{bf}
				}
			}
			if s, err = format(arg, spec+t, interrupted); err != nil {
				return "", err
			}
			b.WriteString(s)
			continue
		default:
			return "", valueErr("unsupported format character '%c' (0x%x) at index %d", conv, conv, i)
		}
		s, err = format(Str(s), strings.ReplaceAll(strings.ReplaceAll(flags, "-", "<"), "0", ""), nil)
		if err != nil {
			return "", err
		}
		if !strings.Contains(flags, "-") {
			// %5s pads on the left.
			if w, _ := strconv.Atoi(strings.TrimLeft(flags, "+ #0")); w > utf8.RuneCountInString(s) {
				s = strings.Repeat(" ", w-utf8.RuneCountInString(s)) + strings.TrimSpace(s)
			}
		}
		b.WriteString(s)
	}
	if mapping == nil && next < len(list) {
		return "", typeErr("not all arguments converted during %s formatting", map[bool]string{true: "bytes", false: "string"}[isBytes])
	}
	if b.Len() > MaxSize {
		return "", NewExc(MemoryError)
	}
	noteMade(b.Len())
	return b.String(), nil
}

// format is format(v, spec): the format mini-language for str, int and
// float.
func format(v Value, spec string, interrupted func() bool) (string, error) {
	if spec == "" {
		return strOf(v, interrupted)
	}
	fill, align := " ", byte(0)
	i := 0
	if len(spec) >= 2 && strings.IndexByte("<>=^", spec[1]) >= 0 {
		r, n := utf8.DecodeRuneInString(spec)
		if n == 1 {
			fill, align = string(r), spec[1]
			i = 2
		}
	} else if len(spec) >= 1 && strings.IndexByte("<>=^", spec[0]) >= 0 {
		align = spec[0]
		i = 1
	}
	sign := byte('-')
	if i < len(spec) && strings.IndexByte("+- ", spec[i]) >= 0 {
		sign = spec[i]
		i++
	}
	alt := false
	if i < len(spec) && spec[i] == '#' {
		alt = true
		i++
	}
	if i < len(spec) && spec[i] == '0' {
		if align == 0 {
			fill, align = "0", '='
		}
		i++
	}
	w := 0
	for i < len(spec) && isDigit(spec[i]) {
		w = w*10 + int(spec[i]-'0')
		if w > 1<<20 {
			return "", valueErr("Too many decimal digits in format string")
		}
		i++
	}
	comma := byte(0)
	if i < len(spec) && (spec[i] == ',' || spec[i] == '_') {
		comma = spec[i]
		i++
	}
	prec := -1
	if i < len(spec) && spec[i] == '.' {
		i++
		prec = 0
		for i < len(spec) && isDigit(spec[i]) {
			prec = prec*10 + int(spec[i]-'0')
			if prec > 1<<16 {
				return "", valueErr("Too many decimal digits in format string")
			}
			i++
		}
	}
	typ := byte(0)
	if i < len(spec) {
		typ = spec[i]
		i++
	}
	if i != len(spec) {
		return "", valueErr("Invalid format specifier")
	}
	var body, prefix string
	switch x := v.(type) {
	case Str:
		if typ != 0 && typ != 's' {
			return "", valueErr("Unknown format code '%c' for object of type 'str'", typ)
		}
		body = string(x)
		if prec >= 0 {
			body = body[:charOffset(body, prec)]
		}
		if align == 0 {
			align = '<'
		}
	case Int, Bool, Enum:
		n, _ := toInt(x)
		switch typ {
		case 0, 'd', 'n':
			var err error
			if body, err = decimal(new(big.Int).Abs(n)); err != nil {
				return "", err
			}
		case 'x', 'X':
			body = new(big.Int).Abs(n).Text(16)
			if typ == 'X' {
				body = strings.ToUpper(body)
			}
			if alt {
				prefix = "0" + string(typ)
			}
		case 'o':
			body = new(big.Int).Abs(n).Text(8)
			if alt {
				prefix = "0o"
			}
		case 'b':
			body = new(big.Int).Abs(n).Text(2)
			if alt {
				prefix = "0b"
			}
		case 'c':
			var err error
			if body, err = charOf(n); err != nil {
				return "", err
			}
		case 'e', 'E', 'f', 'F', 'g', 'G', '%':
			f, _ := toFloat(x)
			return format(Float(f), spec, nil)
		default:
			return "", valueErr("Unknown format code '%c' for object of type 'int'", typ)
		}
		if comma != 0 && typ != 'x' && typ != 'X' && typ != 'b' && typ != 'o' {
			body = group(body, comma)
		}
		prefix = signOf(n.Sign() < 0, sign) + prefix
		if align == 0 {
			align = '>'
		}
	case Float:
		f := float64(x)
		neg := math.Signbit(f)
		f = math.Abs(f)
		switch typ {
		case 'f', 'F':
			if prec < 0 {
				prec = 6
			}
			body = strconv.FormatFloat(f, 'f', prec, 64)
		case 'e', 'E':
			if prec < 0 {
				prec = 6
			}
			body = strconv.FormatFloat(f, 'e', prec, 64)
		case 'g', 'G':
			if prec < 0 {
				prec = 6
			}
			if prec == 0 {
				prec = 1
			}
			body = strconv.FormatFloat(f, 'g', prec, 64)
		case '%':
			if prec < 0 {
				prec = 6
			}
			body = strconv.FormatFloat(f*100, 'f', prec, 64) + "%"
		case 0:
			if prec >= 0 {
				body = strconv.FormatFloat(f, 'g', max(prec, 1), 64)
			} else {
				body = floatRepr(f)
			}
		default:
			return "", valueErr("Unknown format code '%c' for object of type 'float'", typ)
		}
		if typ == 'E' || typ == 'G' || typ == 'F' {
			body = strings.ToUpper(body)
		}
		if math.IsInf(f, 0) {
			body = "inf"
		} else if math.IsNaN(f) {
			body = "nan"
		}
		if comma != 0 {
			intPart, rest, _ := strings.Cut(body, ".")
			body = group(intPart, comma)
			if rest != "" {
				body += "." + rest
			}
		}
		prefix = signOf(neg, sign)
		if align == 0 {
			align = '>'
		}
	default:
		if typ != 0 || w > 0 || prec >= 0 {
			s, err := strOf(v, interrupted)
			if err != nil {
				return "", err
			}
			if typ == 0 {
				return format(Str(s), spec, nil)
			}
			return "", typeErr("unsupported format string passed to %s.__format__", TypeName(v))
		}
		return strOf(v, interrupted)
	}
	n := utf8.RuneCountInString(prefix) + utf8.RuneCountInString(body)
	if w <= n {
		return prefix + body, nil
	}
	pad := w - n
	switch align {
	case '<':
		return prefix + body + strings.Repeat(fill, pad), nil
	case '^':
		return strings.Repeat(fill, pad/2) + prefix + body + strings.Repeat(fill, pad-pad/2), nil
	case '=':
		return prefix + strings.Repeat(fill, pad) + body, nil
	}
	return strings.Repeat(fill, pad) + prefix + body, nil
}

func signOf(neg bool, sign byte) string {
	switch {
	case neg:
		return "-"
	case sign == '+':
		return "+"
	case sign == ' ':
		return " "
	}
	return ""
}

func group(digits string, sep byte) string {
	if len(digits) <= 3 {
		return digits
	}
	var b strings.Builder
	first := len(digits) % 3
	if first > 0 {
		b.WriteString(digits[:first])
	}
	for i := first; i < len(digits); i += 3 {
		if b.Len() > 0 {
			b.WriteByte(sep)
		}
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

// strFormat is str.format.
func strFormat(f string, args []Value, kw []KW, interrupted func() bool) (string, error) {
	var b strings.Builder
	auto := 0
	for i := 0; i < len(f); i++ {
		c := f[i]
		if c == '}' {
			if i+1 < len(f) && f[i+1] == '}' {
				i++
			}
			b.WriteByte('}')
			continue
		}
		if c != '{' {
			b.WriteByte(c)
			continue
		}
		if i+1 < len(f) && f[i+1] == '{' {
			b.WriteByte('{')
			i++
			continue
		}
		end := strings.IndexByte(f[i:], '}')
		if end < 0 {
			return "", valueErr("Single '{' encountered in format string")
		}
		field := f[i+1 : i+end]
		i += end
		name, spec, _ := strings.Cut(field, ":")
		conv := byte(0)
		if k := strings.IndexByte(name, '!'); k >= 0 {
			if k+1 < len(name) {
				conv = name[k+1]
			}
			name = name[:k]
		}
		var v Value
		if name == "" {
			if auto >= len(args) {
				return "", excf(IndexError, "Replacement index %d out of range for positional args tuple", auto)
			}
			v = args[auto]
			auto++
		} else if n, err := strconv.Atoi(name); err == nil {
			if n >= len(args) {
				return "", excf(IndexError, "Replacement index %d out of range for positional args tuple", n)
			}
			v = args[n]
		} else {
			found := false
			for _, k := range kw {
				if k.Name == name {
					v, found = k.V, true
				}
			}
			if !found {
				return "", NewExc(KeyError, Str(name))
			}
		}
		var err error
		if v, err = convert(v, conv, interrupted); err != nil {
			return "", err
		}
		s, err := format(v, spec, interrupted)
		if err != nil {
			return "", err
		}
		b.WriteString(s)
	}
	return b.String(), nil
}

// convert applies a format's conversion (!r, !a, !s; 0 for none).
func convert(v Value, conv byte, interrupted func() bool) (Value, error) {
	var s string
	var err error
	switch conv {
	case 'r', 'a':
		s, err = reprOf(v, interrupted)
	case 's':
		s, err = strOf(v, interrupted)
	default:
		return v, nil
	}
	return Str(s), err
}
