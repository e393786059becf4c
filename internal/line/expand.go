package line

import "strings"

// Ref is one `$H`, `$H.port`, `$H.host` or `%H` found in a word.
type Ref struct {
	Sigil byte   // '$' (the handle's address) or '%' (its file descriptor)
	Name  string // `3`, `#3` or a name
	Field string // "", "port" or "host" (only with '$')
	// InTuple: the reference is an element of a Python tuple (`('::1',
	// $s6.port)`, `=> ('127.0.0.1', $s.port)`), where an address stands
	// as Python writes it.
	InTuple bool
}

// Expand replaces references to handles in a word. A reference counts only
// where a word starts or right after `=` (as in `fileno=%3`), and a `$`
// also right after `:` (as in `127.0.0.1:$srv.port`) or where an element
// of a tuple starts (`('::1', $s6.port)`), outside quotes, so
// that `[fe80::1%lo]:80`, `[fe80::%2]` and "100%" keep their percent signs.
func Expand(w string, resolve func(Ref) (string, error)) (string, error) {
	if strings.IndexByte(w, '$') < 0 && strings.IndexByte(w, '%') < 0 {
		return w, nil
	}
	var b strings.Builder
	depth := 0 // parentheses open: inside a tuple
	for i := 0; i < len(w); {
		c := w[i]
		switch {
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		}
		if c == '\'' || c == '"' {
			end, err := scanQuoted(w, i)
			if err != nil {
				return "", err
			}
			b.WriteString(w[i:end])
			i = end
			continue
		}
		inTuple := c == '$' && depth > 0 && afterTupleStart(w[:i])
		atStart := i == 0 || w[i-1] == '=' || (c == '$' && w[i-1] == ':') || inTuple
		if (c == '$' || c == '%') && atStart {
			if ref, n := parseRef(w[i:]); n > 0 {
				ref.InTuple = inTuple
				s, err := resolve(ref)
				if err != nil {
					return "", err
				}
				b.WriteString(s)
				i += n
				continue
			}
		}
		b.WriteByte(c)
		i++
	}
	return b.String(), nil
}

// WholeRef reports whether the word is one reference and nothing else
// ($data, $srv.port, %conn), and which.
func WholeRef(w string) (Ref, bool) {
	if w == "" || (w[0] != '$' && w[0] != '%') {
		return Ref{}, false
	}
	ref, n := parseRef(w)
	return ref, n == len(w)
}

// parseRef reads a reference at the start of s and says how many bytes it
// took (0 when s does not start with one).
func parseRef(s string) (Ref, int) {
	ref := Ref{Sigil: s[0]}
	i := 1
	if i < len(s) && s[i] == '#' {
		i++
	}
	start := i
	if i < len(s) && isDigit(s[i]) {
		for i < len(s) && isDigit(s[i]) {
			i++
		}
	} else if start == 1 {
		for i < len(s) && (s[i] == '_' || isDigit(s[i]) || (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z')) {
			i++
		}
		if i > start && isDigit(s[start]) {
			return ref, 0
		}
	}
	if i == start {
		return ref, 0
	}
	ref.Name = s[1:i]
	if ref.Sigil == '$' {
		for _, f := range []string{".port", ".host"} {
			if strings.HasPrefix(s[i:], f) {
				ref.Field = f[1:]
				i += len(f)
				break
			}
		}
	}
	return ref, i
}

// afterTupleStart: what comes before ends with `(` or `,` and blanks, so
// the next thing starts an element of a tuple.
func afterTupleStart(before string) bool {
	before = strings.TrimRight(before, " \t")
	return before != "" && (before[len(before)-1] == '(' || before[len(before)-1] == ',')
}
