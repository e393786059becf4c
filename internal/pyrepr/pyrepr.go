// Package pyrepr renders values the way Python 3's repr() does, so that
// output of the shell matches what a user of Python's socket module expects.
//
// Every function here returns text that is safe to print on a terminal: it
// never contains a raw control character.
package pyrepr

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// chooseQuote applies Python's rule: single quotes unless the data contains
// a single quote and no double quote.
func chooseQuote(hasSingle, hasDouble bool) byte {
	if hasSingle && !hasDouble {
		return '"'
	}
	return '\''
}

// Bytes returns exactly what Python 3's repr(bytes) returns for b.
func Bytes(b []byte) string {
	var hasSingle, hasDouble bool
	for _, c := range b {
		switch c {
		case '\'':
			hasSingle = true
		case '"':
			hasDouble = true
		}
	}
	quote := chooseQuote(hasSingle, hasDouble)

	var sb strings.Builder
	sb.Grow(len(b) + 3)
	sb.WriteByte('b')
	sb.WriteByte(quote)
	for _, c := range b {
		switch {
		case c == '\\' || c == quote:
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\t':
			sb.WriteString(`\t`)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c >= 0x20 && c < 0x7f:
			sb.WriteByte(c)
		default:
			writeHex(&sb, `\x`, uint32(c), 2)
		}
	}
	sb.WriteByte(quote)
	return sb.String()
}

// BytesPreview returns the repr of at most the first limit bytes of b and
// the number of bytes left out. A limit <= 0 means no limit. The quote
// choice follows the shown prefix only, as repr(b[:limit]) would.
func BytesPreview(b []byte, limit int) (repr string, rest int) {
	if limit <= 0 || len(b) <= limit {
		return Bytes(b), 0
	}
	return Bytes(b[:limit]), len(b) - limit
}

// Str returns Python 3's repr(str) for s.
//
// Printability follows Python's str.isprintable, approximated with Go's
// unicode.IsPrint (the two agree except for code points assigned in one
// Unicode version but not the other). Python strings cannot hold invalid
// UTF-8, so each invalid byte is shown as \udcXX, the lone surrogate that
// Python's "surrogateescape" error handler would have produced for it.
func Str(s string) string {
	quote := chooseQuote(strings.IndexByte(s, '\'') >= 0, strings.IndexByte(s, '"') >= 0)

	var sb strings.Builder
	sb.Grow(len(s) + 2)
	sb.WriteByte(quote)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			writeHex(&sb, `\udc`, uint32(s[i]), 2)
			i++
			continue
		}
		i += size
		switch {
		case r == '\\' || r == rune(quote):
			sb.WriteByte('\\')
			sb.WriteRune(r)
		case r == '\t':
			sb.WriteString(`\t`)
		case r == '\n':
			sb.WriteString(`\n`)
		case r == '\r':
			sb.WriteString(`\r`)
		case r >= 0x20 && r < 0x7f:
			sb.WriteRune(r)
		case r < 0x80 || !isPrintable(r):
			switch {
			case r <= 0xff:
				writeHex(&sb, `\x`, uint32(r), 2)
			case r <= 0xffff:
				writeHex(&sb, `\u`, uint32(r), 4)
			default:
				writeHex(&sb, `\U`, uint32(r), 8)
			}
		default:
			sb.WriteRune(r)
		}
	}
	sb.WriteByte(quote)
	return sb.String()
}

// isPrintable mirrors Python's str.isprintable for non-ASCII code points:
// categories Cc, Cf, Cs, Co, Cn, Zl, Zp and Zs are not printable. The
// explicit checks are redundant with unicode.IsPrint today; they pin down
// the characters that matter for terminal safety should the tables change.
func isPrintable(r rune) bool {
	if r <= 0x9f || r == 0x2028 || r == 0x2029 || unicode.Is(unicode.Cf, r) {
		return false
	}
	return unicode.IsPrint(r)
}

func writeHex(sb *strings.Builder, prefix string, v uint32, width int) {
	sb.WriteString(prefix)
	for shift := 4 * (width - 1); shift >= 0; shift -= 4 {
		sb.WriteByte(hexDigits[(v>>uint(shift))&0xf])
	}
}

// Float returns Python 3's repr(float) for f: the shortest digits that
// round-trip, in exponent form when the decimal exponent is < -4 or >= 16.
func Float(f float64) string {
	switch {
	case math.IsNaN(f):
		return "nan"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	if f == 0 {
		if math.Signbit(f) {
			return "-0.0"
		}
		return "0.0"
	}
	// Go's 'e' format already matches Python's exponent style (sign and at
	// least two digits); only the choice of form needs Python's rule.
	e := strconv.FormatFloat(f, 'e', -1, 64)
	exp, err := strconv.Atoi(e[strings.IndexByte(e, 'e')+1:])
	if err != nil || exp < -4 || exp >= 16 {
		return e
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if strings.IndexByte(s, '.') < 0 {
		s += ".0"
	}
	return s
}
