package addr

import (
	"errors"
	"sockrepl/internal/literal"
	"sockrepl/internal/msg"

	"strconv"
	"strings"
	"unicode/utf8"
)

// A small reader for the Python literals users paste as addresses:
// tuples of str, bytes and int, e.g. ('::1', 8080, 0, 0) or b'\x00name'.

type pyKind int

const (
	pyStr pyKind = iota
	pyBytes
	pyInt
)

type pyValue struct {
	kind pyKind
	s    string // str (as UTF-8) or bytes
	n    int64
}

type pyReader struct {
	s string
	i int
}

func (p *pyReader) skipSpace() {
	for p.i < len(p.s) && (p.s[p.i] == ' ' || p.s[p.i] == '\t') {
		p.i++
	}
}

func (p *pyReader) eat(c byte) bool {
	if p.i < len(p.s) && p.s[p.i] == c {
		p.i++
		return true
	}
	return false
}

// parseTuple reads "(v, v, ...)". A single parenthesised value without a
// trailing comma is accepted too, as users rarely remember Python's (x,).
func parseTuple(w string) ([]pyValue, error) {
	p := &pyReader{s: w}
	p.skipSpace()
	if !p.eat('(') {
		return nil, errors.New(msgTupleWant.S())
	}
	var items []pyValue
	for {
		p.skipSpace()
		if p.eat(')') {
			break
		}
		v, err := p.value()
		if err != nil {
			return nil, err
		}
		items = append(items, v)
		p.skipSpace()
		if p.eat(',') {
			continue
		}
		if p.eat(')') {
			break
		}
		if p.i >= len(p.s) {
			return nil, errors.New(msgMissingParen.S())
		}
		return nil, errors.New(msgCommaOrParen.S(msg.A("at", strconv.Quote(p.s[p.i:]))))
	}
	p.skipSpace()
	if p.i < len(p.s) {
		return nil, errors.New(msgAfterParen.S(msg.A("word", strconv.Quote(p.s[p.i:]))))
	}
	return items, nil
}

func (p *pyReader) value() (pyValue, error) {
	if p.i >= len(p.s) {
		return pyValue{}, errors.New(msgMissingParen.S())
	}
	c := p.s[p.i]
	switch {
	case c == '(':
		return pyValue{}, errors.New(msgNestedTuple.S())
	case c == '\'' || c == '"':
		s, err := p.quoted(false)
		return pyValue{kind: pyStr, s: s}, err
	case (c == 'b' || c == 'B') && p.i+1 < len(p.s) && (p.s[p.i+1] == '\'' || p.s[p.i+1] == '"'):
		p.i++
		s, err := p.quoted(true)
		return pyValue{kind: pyBytes, s: s}, err
	case c == '-' || c == '+' || (c >= '0' && c <= '9'):
		start := p.i
		p.i++
		for p.i < len(p.s) && isWordByte(p.s[p.i]) {
			p.i++
		}
		text := p.s[start:p.i]
		n, err := parsePyInt(text)
		if err != nil && strings.ContainsAny(text, ".:") {
			// (127.0.0.1, 80): a host, not a number.
			return pyValue{}, errors.New(msgMustBeQuoted.S(msg.A("text", text)))
		}
		if err != nil {
			return pyValue{}, errors.New(msgBadNumber.S(msg.A("text", strconv.Quote(text))))
		}
		return pyValue{kind: pyInt, n: n}, nil
	}
	end := p.i
	for end < len(p.s) && isWordByte(p.s[end]) {
		end++
	}
	if end == p.i {
		return pyValue{}, errors.New(msgStringOrNumber.S(msg.A("word", strconv.Quote(p.s[p.i:p.i+1]))))
	}
	word := p.s[p.i:end]
	return pyValue{}, errors.New(msgMustBeQuoted.S(msg.A("text", word)))
}

func isWordByte(c byte) bool {
	return c == '_' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// parsePyInt follows Python's int literal rules closely enough: 0x/0o/0b
// prefixes and underscores, but no C-style leading-zero octal.
func parsePyInt(s string) (int64, error) {
	body := strings.TrimLeft(s, "+-")
	if len(s)-len(body) > 1 {
		return 0, strconv.ErrSyntax
	}
	if len(body) > 1 && body[0] == '0' && body[1] >= '0' && body[1] <= '9' && strings.Trim(body, "0_") != "" {
		return 0, strconv.ErrSyntax
	}
	return strconv.ParseInt(s, 0, 64)
}

func isBytesLiteral(w string) bool {
	return len(w) >= 3 && (w[0] == 'b' || w[0] == 'B') && (w[1] == '\'' || w[1] == '"') && w[len(w)-1] == w[1]
}

// parseBytesLiteral decodes a whole word such as b'\x00name'.
func parseBytesLiteral(w string) (string, error) {
	p := &pyReader{s: w, i: 1}
	s, err := p.quoted(true)
	if err != nil {
		return "", err
	}
	if p.i != len(w) {
		return "", errors.New(msgAfterBytes.S(msg.A("word", strconv.Quote(w[p.i:]))))
	}
	return s, nil
}

// quoted decodes a '…' or "…" literal starting at p.i with Python's escapes.
// In bytes mode \xNN and octal escapes give raw bytes; in str mode they give
// code points, stored as UTF-8.
func (p *pyReader) quoted(bytesMode bool) (string, error) {
	q := p.s[p.i]
	p.i++
	var b strings.Builder
	put := func(v rune) error {
		if bytesMode {
			if v > 0xff {
				return errors.New(msgEscapeRange.S())
			}
			b.WriteByte(byte(v))
		} else {
			b.WriteRune(v)
		}
		return nil
	}
	for p.i < len(p.s) {
		c := p.s[p.i]
		p.i++
		if c == q {
			return b.String(), nil
		}
		if c != '\\' {
			b.WriteByte(c)
			continue
		}
		if p.i >= len(p.s) {
			break
		}
		e := p.s[p.i]
		p.i++
		if x, ok := literal.SimpleEscape(e); ok {
			b.WriteByte(x)
			continue
		}
		switch e {
		case '\n':
			// line continuation
		case 'x', 'u', 'U':
			digits := map[byte]int{'x': 2, 'u': 4, 'U': 8}[e]
			if bytesMode && e != 'x' {
				b.WriteByte('\\')
				b.WriteByte(e)
				continue
			}
			if p.i+digits > len(p.s) {
				return "", errors.New(msgTruncatedEscape.S(msg.A("e", string(e))))
			}
			v, err := strconv.ParseUint(p.s[p.i:p.i+digits], 16, 32)
			if err != nil || v > utf8.MaxRune {
				return "", errors.New(msgBadEscape.S(msg.A("e", string(e))))
			}
			p.i += digits
			if err := put(rune(v)); err != nil {
				return "", err
			}
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := rune(e - '0')
			for k := 0; k < 2 && p.i < len(p.s) && p.s[p.i] >= '0' && p.s[p.i] <= '7'; k++ {
				v = v*8 + rune(p.s[p.i]-'0')
				p.i++
			}
			if err := put(v); err != nil {
				return "", err
			}
		default:
			// Python keeps unknown escapes as they are.
			b.WriteByte('\\')
			b.WriteByte(e)
		}
	}
	return "", errors.New(msgUnterminated.S())
}
