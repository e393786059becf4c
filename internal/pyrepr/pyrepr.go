// Package pyrepr renders values the way Python 3's repr() does, so that
// output of the shell matches what a user of Python's socket module expects.
//
// Every function here returns text that is safe to print on a terminal: it
// never contains a raw control character.
package pyrepr

import (
	"bytes"
	"iter"
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
	// Made once at its size: a repr of binary is four times the value.
	quote := quoteOf(b)
	var sb strings.Builder
	sb.Grow(BytesLen(b))
	sb.WriteByte('b')
	sb.WriteByte(quote)
	buf := make([]byte, 0, 4*min(len(b), chunkIn))
	for len(b) > 0 {
		n := min(len(b), chunkIn)
		sb.Write(appendBytes(buf[:0], b[:n], quote))
		b = b[n:]
	}
	sb.WriteByte(quote)
	return sb.String()
}

// text is a value's bytes, held as either: the pieces of a chunked repr
// are made from it without a copy of the whole.
type text interface{ []byte | string }

// quoteOf is the quote the repr of b uses, as bytes or as str.
func quoteOf[T text](b T) byte {
	return chooseQuote(index(b, '\'') >= 0, index(b, '"') >= 0)
}

func index[T text](b T, c byte) int {
	if s, ok := any(b).(string); ok {
		return strings.IndexByte(s, c)
	}
	return bytes.IndexByte(any(b).([]byte), c)
}

// appendBytes appends the repr of b without its b and quotes.
func appendBytes[T text](dst []byte, b T, quote byte) []byte {
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '\\' || c == quote:
			dst = append(dst, '\\', c)
		case c == '\t':
			dst = append(dst, `\t`...)
		case c == '\n':
			dst = append(dst, `\n`...)
		case c == '\r':
			dst = append(dst, `\r`...)
		case c >= 0x20 && c < 0x7f:
			dst = append(dst, c)
		default:
			dst = append(dst, '\\', 'x', hexDigits[c>>4], hexDigits[c&0xf])
		}
	}
	return dst
}

// chunkIn is how many bytes of the value one piece of a chunked repr
// covers: a piece is at most four times as long.
const chunkIn = 16 << 10

// BytesChunks yields Bytes(b) in pieces of at most 4*16 KiB + 2 bytes, so
// that a huge value can be written out, or compared, without its repr
// being held whole (four times the value for binary data).
func BytesChunks[T text](b T) iter.Seq[string] {
	return func(yield func(string) bool) {
		quote := quoteOf(b)
		buf := make([]byte, 0, 4*chunkIn+3)
		buf = append(buf, 'b', quote)
		for len(b) > 0 {
			n := min(len(b), chunkIn)
			buf = appendBytes(buf, b[:n], quote)
			b = b[n:]
			if len(b) > 0 {
				if !yield(string(buf)) {
					return
				}
				buf = buf[:0]
			}
		}
		yield(string(append(buf, quote)))
	}
}

// StrChunks is BytesChunks for Str(string(s)).
func StrChunks[T text](s T) iter.Seq[string] {
	return func(yield func(string) bool) {
		quote := quoteOf(s)
		var sb strings.Builder
		sb.WriteByte(quote)
		for len(s) > 0 {
			n := min(len(s), chunkIn)
			// A character is never split between pieces.
			for k := 1; k < utf8.UTFMax && n < len(s) && !utf8.RuneStart(s[n]); k++ {
				n++
			}
			writeStr(&sb, string(s[:n]), quote)
			s = s[n:]
			if len(s) > 0 {
				if !yield(sb.String()) {
					return
				}
				sb.Reset()
			}
		}
		sb.WriteByte(quote)
		yield(sb.String())
	}
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
// Printability follows Python's str.isprintable (see isPrintable). Python strings cannot hold invalid
// UTF-8, so each invalid byte is shown as \udcXX, the lone surrogate that
// Python's "surrogateescape" error handler would have produced for it.
func Str(s string) string {
	quote := chooseQuote(strings.IndexByte(s, '\'') >= 0, strings.IndexByte(s, '"') >= 0)
	var sb strings.Builder
	if len(s) < 1<<10 {
		sb.Grow(len(s) + 2)
	} else {
		sb.Grow(StrLen(s)) // made once at its size
	}
	sb.WriteByte(quote)
	writeStr(&sb, s, quote)
	sb.WriteByte(quote)
	return sb.String()
}

// BytesLen is len(Bytes(b)), counted without making it.
func BytesLen[T text](b T) int {
	quote := quoteOf(b)
	n := 3
	for i := 0; i < len(b); i++ {
		n += asciiLen(b[i], quote)
	}
	return n
}

// asciiLen is how long a byte below 0x80 is in a repr quoted with quote:
// \\, the quote and \t \n \r take two, other controls \xHH four.
func asciiLen(c, quote byte) int {
	switch {
	case c == '\\' || c == quote || c == '\t' || c == '\n' || c == '\r':
		return 2
	case c >= 0x20 && c < 0x7f:
		return 1
	}
	return 4
}

// StrLen is len(Str(s)), counted without making it.
func StrLen[T text](s T) int {
	quote := quoteOf(s)
	n := 2
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			n += asciiLen(c, quote)
			i++
			continue
		}
		r, size := decodeRune(s[i:min(len(s), i+utf8.UTFMax)])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			n += len(`\udcXX`)
		case !isPrintable(r):
			n += escapeLen(r)
		default:
			n += size
		}
	}
	return n
}

func decodeRune[T text](s T) (rune, int) {
	return utf8.DecodeRuneInString(string(s))
}

// escapeLen is len(Escape(r)).
func escapeLen(r rune) int {
	switch {
	case r <= 0xff:
		return 4
	case r <= 0xffff:
		return 6
	}
	return 10
}

// writeStr writes the repr of s without its quotes.
func writeStr(sb *strings.Builder, s string, quote byte) {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			writeHex(sb, `\udc`, uint32(s[i]), 2)
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
			writeEscape(sb, r)
		default:
			sb.WriteRune(r)
		}
	}
}

// isPrintable is Python's str.isprintable for one code point: a letter,
// mark, number, punctuation or symbol, or the ASCII space. Everything
// else is escaped: categories Cc, Cf, Cs, Co, Cn (unassigned), Zl, Zp and
// Zs other than ' '. Go's tables are Unicode 15.0; a Python built on
// another version differs only on code points assigned in one and not
// the other.
func isPrintable(r rune) bool {
	return r == ' ' || unicode.In(r, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S)
}

// Escape is how Python's repr, its codec messages and backslashreplace
// write code point r: \xNN, \uNNNN or \UNNNNNNNN, by size.
func Escape(r rune) string {
	var sb strings.Builder
	writeEscape(&sb, r)
	return sb.String()
}

func writeEscape(sb *strings.Builder, r rune) {
	switch {
	case r <= 0xff:
		writeHex(sb, `\x`, uint32(r), 2)
	case r <= 0xffff:
		writeHex(sb, `\u`, uint32(r), 4)
	default:
		writeHex(sb, `\U`, uint32(r), 8)
	}
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
