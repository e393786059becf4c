package py

import (
	"fmt"
	"math/big"
	"strings"
	"unicode"
	"unicode/utf8"

	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
)

// A str here is Go text in UTF-8, except that a lone surrogate U+DC80–
// U+DCFF (what Python's "surrogateescape" makes of an undecodable byte) is
// held as that raw byte, which is never valid UTF-8 on its own. Other lone
// surrogates cannot be held. charAt and appendChar are the two ways across.

// charAt is the code point at s[i] and its size: an invalid byte is the
// surrogate that stands for it.
func charAt(s string, i int) (rune, int) {
	r, n := utf8.DecodeRuneInString(s[i:])
	if r == utf8.RuneError && n == 1 {
		return 0xdc00 + rune(s[i]), 1
	}
	return r, n
}

// isEscapedByte is a surrogate a str can hold (as a raw byte).
func isEscapedByte(r rune) bool { return r >= 0xdc80 && r <= 0xdcff }

// canHold reports whether a str here can hold code point r.
func canHold(r rune) bool { return !(r >= 0xd800 && r <= 0xdfff) || isEscapedByte(r) }

// cannotHold says why a str cannot hold r (a lone surrogate).
func cannotHold(r rune) string {
	return msgLoneSurrogate.S(msg.A("char", fmt.Sprintf("U+%04X", r)))
}

// appendChar writes code point r into a str being built.
func appendChar(b *strings.Builder, r rune) {
	if isEscapedByte(r) {
		b.WriteByte(byte(r - 0xdc00))
		return
	}
	b.WriteRune(r)
}

// charOffset is where code point n of s starts (len(s) past the last),
// found without making s into code points (four bytes a character).
func charOffset(s string, n int) int {
	i := 0
	for ; n > 0 && i < len(s); n-- {
		_, size := charAt(s, i)
		i += size
	}
	return i
}

// charCount is how many code points s holds: an invalid byte, like a
// character, counts one.
func charCount(s string) int { return utf8.RuneCountInString(s) }

// charStr is the str of the one code point r.
func charStr(r rune) string {
	var b strings.Builder
	appendChar(&b, r)
	return b.String()
}

// charOf is %c and {:c} of n.
func charOf(n *big.Int) (string, error) {
	if !n.IsInt64() || n.Int64() < 0 || n.Int64() > unicode.MaxRune {
		return "", excf(OverflowError, "%%c arg not in range(0x110000)")
	}
	if r := rune(n.Int64()); !canHold(r) {
		return "", excf(NotImplErr, "%s", cannotHold(r))
	}
	return charStr(rune(n.Int64())), nil
}

// codec is one text encoding sockrepl knows. limit is the highest code
// point it writes as one byte (ascii, latin-1); 0 means UTF-8.
type codec struct {
	name  string // as Python's messages spell it
	limit rune
}

var (
	codecUTF8   = &codec{"utf-8", 0}
	codecASCII  = &codec{"ascii", 0x7f}
	codecLatin1 = &codec{"latin-1", 0xff}
)

// codecNames are Python's names and aliases of the codecs, normalised as
// normalizeEncoding does (encodings/aliases.py).
var codecNames = map[string]*codec{
	"utf_8": codecUTF8, "utf8": codecUTF8, "u8": codecUTF8, "utf": codecUTF8,
	"utf8_ucs2": codecUTF8, "utf8_ucs4": codecUTF8, "cp65001": codecUTF8,

	"ascii": codecASCII, "646": codecASCII, "ansi_x3.4_1968": codecASCII,
	"ansi_x3.4_1986": codecASCII, "ansi_x3_4_1968": codecASCII, "cp367": codecASCII,
	"csascii": codecASCII, "ibm367": codecASCII, "iso646_us": codecASCII,
	"iso_646.irv_1991": codecASCII, "iso_ir_6": codecASCII, "us": codecASCII,
	"us_ascii": codecASCII,

	"latin_1": codecLatin1, "8859": codecLatin1, "cp819": codecLatin1,
	"csisolatin1": codecLatin1, "ibm819": codecLatin1, "iso8859": codecLatin1,
	"iso8859_1": codecLatin1, "iso_8859_1": codecLatin1, "iso_8859_1_1987": codecLatin1,
	"iso_ir_100": codecLatin1, "l1": codecLatin1, "latin": codecLatin1,
	"latin1": codecLatin1,
}

// normalizeEncoding is Python's encodings.normalize_encoding after
// lower-casing: each run of characters other than letters, digits and
// '.' becomes one '_', none at either end.
func normalizeEncoding(e string) string {
	var b strings.Builder
	punct := false
	for _, r := range strings.ToLower(e) {
		if r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r) {
			if punct && b.Len() > 0 {
				b.WriteByte('_')
			}
			if r < utf8.RuneSelf {
				b.WriteRune(r)
			}
			punct = false
		} else {
			punct = true
		}
	}
	return b.String()
}

// codecModules are the codecs' own names (their modules in encodings),
// which, unlike the aliases, are not found again with '.' read as '_'.
var codecModules = map[string]bool{"utf_8": true, "ascii": true, "latin_1": true}

func lookupCodec(e string) (*codec, error) {
	n := normalizeEncoding(e)
	if c := codecNames[n]; c != nil {
		return c, nil
	}
	if n2 := strings.ReplaceAll(n, ".", "_"); !codecModules[n2] && codecNames[n2] != nil {
		return codecNames[n2], nil
	}
	return nil, excf(LookupError, "unknown encoding: %s", e)
}

// codecArgs reads encode()'s or decode()'s (fname) encoding and errors:
// both must be str when given; utf-8 and strict when not.
func codecArgs(fname string, enc, errs Value) (encoding, errors string, err error) {
	encoding, errors = "utf-8", "strict"
	for _, a := range []struct {
		name string
		v    Value
		to   *string
	}{{"encoding", enc, &encoding}, {"errors", errs, &errors}} {
		if a.v == nil {
			continue
		}
		s, ok := a.v.(Str)
		if !ok {
			return "", "", typeErr("%s() argument '%s' must be str, not %s", fname, a.name, argTypeName(a.v))
		}
		*a.to = string(s)
	}
	return encoding, errors, nil
}

// argTypeName is how CPython's argument checks name v's type: None as
// None, not NoneType.
func argTypeName(v Value) string {
	if v == None {
		return "None"
	}
	return TypeName(v)
}

// The error handlers of Python's codecs module that sockrepl has. An
// unknown name is an error only when a character or byte needs one, as in
// Python. namereplace needs Unicode's character names, which sockrepl
// does not carry.
const (
	errStrict           = "strict"
	errIgnore           = "ignore"
	errReplace          = "replace"
	errBackslash        = "backslashreplace"
	errXMLCharRef       = "xmlcharrefreplace"
	errSurrogateEscape  = "surrogateescape"
	errSurrogatePass    = "surrogatepass"
	errNameReplaceUnmet = "namereplace"
)

func knownHandler(h string) error {
	switch h {
	case errStrict, errIgnore, errReplace, errBackslash, errXMLCharRef, errSurrogateEscape, errSurrogatePass:
		return nil
	case errNameReplaceUnmet:
		return excf(NotImplErr, "%s", msgNoNameReplace.S())
	}
	return excf(LookupError, "unknown error handler name '%s'", h)
}

// UnicodeEncodeError and UnicodeDecodeError carry what failed, as
// Python's do: args and attributes encoding, object, start, end, reason.
var unicodeErrorAttrs = []string{"encoding", "object", "start", "end", "reason"}

func encodeError(c *codec, s Str, start, end int, reason string) error {
	return NewExc(UnicodeEncode, Str(c.name), s, NewInt(int64(start)), NewInt(int64(end)), Str(reason))
}

func decodeError(c *codec, b Bytes, start, end int, reason string) error {
	return NewExc(UnicodeDecode, Str(c.name), b, NewInt(int64(start)), NewInt(int64(end)), Str(reason))
}

// unicodeError is the parts of a UnicodeEncodeError or UnicodeDecodeError.
type unicodeError struct {
	encoding, reason string
	object           Value
	start, end       int
}

// unicodeErrorArgs reads x's five arguments when it is a Unicode
// encode or decode error made with them.
func unicodeErrorArgs(x *Instance) (unicodeError, bool) {
	var u unicodeError
	if !x.Class.IsSub(UnicodeEncode) && !x.Class.IsSub(UnicodeDecode) || len(x.Args) != 5 {
		return u, false
	}
	enc, ok1 := x.Args[0].(Str)
	start, ok2 := x.Args[2].(Int)
	end, ok3 := x.Args[3].(Int)
	reason, ok4 := x.Args[4].(Str)
	if !ok1 || !ok2 || !ok3 || !ok4 {
		return u, false
	}
	s, _ := start.Int64()
	e, _ := end.Int64()
	u = unicodeError{string(enc), string(reason), x.Args[1], int(s), int(e)}
	_, isStr := u.object.(Str)
	_, isBytes := u.object.(Bytes)
	return u, isStr && x.Class.IsSub(UnicodeEncode) || isBytes && x.Class.IsSub(UnicodeDecode)
}

// unicodeErrorStr is str() of such an error: Python's message, naming
// the one bad byte or character, or the range.
func unicodeErrorStr(x *Instance) (string, bool) {
	u, ok := unicodeErrorArgs(x)
	if !ok {
		return "", false
	}
	switch o := u.object.(type) {
	case Bytes:
		if u.start >= 0 && u.start < len(o) && u.end == u.start+1 {
			return fmt.Sprintf("'%s' codec can't decode byte 0x%02x in position %d: %s", u.encoding, o[u.start], u.start, u.reason), true
		}
		return fmt.Sprintf("'%s' codec can't decode bytes in position %d-%d: %s", u.encoding, u.start, u.end-1, u.reason), true
	case Str:
		if u.start >= 0 && u.start < charCount(string(o)) && u.end == u.start+1 {
			r, _ := charAt(string(o), charOffset(string(o), u.start))
			return fmt.Sprintf("'%s' codec can't encode character '%s' in position %d: %s", u.encoding, pyrepr.Escape(r), u.start, u.reason), true
		}
		return fmt.Sprintf("'%s' codec can't encode characters in position %d-%d: %s", u.encoding, u.start, u.end-1, u.reason), true
	}
	return "", false
}

// canEncode reports whether codec c writes r as is.
func (c *codec) canEncode(r rune) bool {
	if c.limit == 0 {
		return !(r >= 0xd800 && r <= 0xdfff)
	}
	return r <= c.limit
}

func encode(s Str, enc, errs Value) (Value, error) {
	e, h, err := codecArgs("encode", enc, errs)
	if err != nil {
		return nil, err
	}
	c, err := lookupCodec(e)
	if err != nil {
		return nil, err
	}
	if c == codecUTF8 && utf8.ValidString(string(s)) {
		noteMade(len(s))
		return Bytes(s), nil
	}
	reason := "ordinal not in range(" + itoa(int(c.limit)+1) + ")"
	if c.limit == 0 {
		reason = "surrogates not allowed"
	}
	out := codecOut{b: make([]byte, 0, len(s))}
	// i is the byte offset in s, pos the character's position.
	for i, pos := 0, 0; i < len(s); {
		r, n := charAt(string(s), i)
		if c.canEncode(r) {
			if c.limit != 0 {
				out.b = append(out.b, byte(r))
			} else {
				out.b = utf8.AppendRune(out.b, r)
			}
			i, pos = i+n, pos+1
			continue
		}
		// Python hands the handler the whole run of characters the
		// codec cannot write.
		end, endPos := i, pos
		for end < len(s) {
			r, n := charAt(string(s), end)
			if c.canEncode(r) {
				break
			}
			end, endPos = end+n, endPos+1
		}
		if err := knownHandler(h); err != nil {
			return nil, err
		}
		for j, p := i, pos; j < end; p++ {
			r, n := charAt(string(s), j)
			j += n
			if err := out.room(16); err != nil {
				return nil, err
			}
			switch h {
			case errIgnore:
			case errReplace:
				out.b = append(out.b, '?')
			case errBackslash:
				out.b = append(out.b, pyrepr.Escape(r)...)
			case errXMLCharRef:
				out.b = append(out.b, "&#"+itoa(int(r))+";"...)
			case errSurrogateEscape:
				if !isEscapedByte(r) {
					return nil, encodeError(c, s, p, endPos, reason)
				}
				out.b = append(out.b, byte(r-0xdc00))
			case errSurrogatePass:
				if c != codecUTF8 {
					return nil, encodeError(c, s, pos, endPos, reason)
				}
				out.b = append(out.b, 0xed, byte(0x80|(r>>6)&0x3f), byte(0x80|r&0x3f))
			default:
				return nil, encodeError(c, s, pos, endPos, reason)
			}
		}
		i, pos = end, endPos
	}
	noteMade(len(out.b))
	return Bytes(out.b), nil
}

// codecOut is what encode or decode writes. A handler may make it many
// times longer than its input (backslashreplace: four bytes a byte), so
// it grows only as far as Reserve allows.
type codecOut struct{ b []byte }

// room makes room for k more bytes.
func (o *codecOut) room(k int) error {
	if len(o.b)+k <= cap(o.b) {
		return nil
	}
	if len(o.b)+k > MaxSize {
		return NewExc(MemoryError)
	}
	n := min(max(2*cap(o.b), len(o.b)+k), MaxSize)
	if err := Reserve(n); err != nil {
		return err
	}
	b := make([]byte, len(o.b), n)
	copy(b, o.b)
	o.b = b
	return nil
}

// utf8Invalid finds how the UTF-8 sequence at b[i] fails, as CPython's
// decoder says it: the length of the bad part (the longest valid prefix
// of a sequence, at least one byte) and why.
func utf8Invalid(b Bytes, i int) (int, string) {
	c := b[i]
	var need int
	lo, hi := byte(0x80), byte(0xbf) // the second byte's range
	switch {
	case c >= 0xc2 && c <= 0xdf:
		need = 1
	case c >= 0xe0 && c <= 0xef:
		need = 2
		if c == 0xe0 {
			lo = 0xa0
		} else if c == 0xed {
			hi = 0x9f
		}
	case c >= 0xf0 && c <= 0xf4:
		need = 3
		if c == 0xf0 {
			lo = 0x90
		} else if c == 0xf4 {
			hi = 0x8f
		}
	default:
		return 1, "invalid start byte"
	}
	for k := 1; k <= need; k++ {
		if i+k >= len(b) {
			return k, "unexpected end of data"
		}
		if x := b[i+k]; x < lo || x > hi {
			return k, "invalid continuation byte"
		}
		lo, hi = 0x80, 0xbf
	}
	return need + 1, "" // valid: not reached for bytes utf8 rejected
}

func decode(b Bytes, enc, errs Value) (Value, error) {
	e, h, err := codecArgs("decode", enc, errs)
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return Str(""), nil // Python answers before it looks the codec up
	}
	c, err := lookupCodec(e)
	if err != nil {
		return nil, err
	}
	if c == codecUTF8 && utf8.ValidString(string(b)) {
		noteMade(len(b))
		return Str(b), nil
	}
	out := codecOut{b: make([]byte, 0, len(b))}
	for i := 0; i < len(b); {
		if err := out.room(utf8.UTFMax); err != nil {
			return nil, err
		}
		var n int
		var reason string
		switch {
		case c == codecLatin1 || b[i] < 0x80:
			out.b = utf8.AppendRune(out.b, rune(b[i]))
			i++
			continue
		case c == codecASCII:
			n, reason = 1, "ordinal not in range(128)"
		default:
			r, size := utf8.DecodeRuneInString(string(b[i:]))
			if r != utf8.RuneError || size > 1 {
				out.b = utf8.AppendRune(out.b, r)
				i += size
				continue
			}
			n, reason = utf8Invalid(b, i)
		}
		if h == errXMLCharRef || h == errNameReplaceUnmet {
			return nil, typeErr("don't know how to handle UnicodeDecodeError in error callback")
		}
		if err := knownHandler(h); err != nil {
			return nil, err
		}
		if err := out.room(4 * n); err != nil {
			return nil, err
		}
		switch h {
		case errIgnore:
		case errReplace:
			out.b = utf8.AppendRune(out.b, unicode.ReplacementChar)
		case errBackslash:
			for k := i; k < i+n; k++ {
				out.b = append(out.b, pyrepr.Escape(rune(b[k]))...)
			}
		case errSurrogateEscape:
			// Every byte of a bad part is >= 0x80: each is held as is.
			out.b = append(out.b, b[i:i+n]...)
		case errSurrogatePass:
			// A UTF-8 encoded surrogate, ED A0-BF 80-BF.
			if c == codecUTF8 && i+2 < len(b) && b[i] == 0xed && b[i+1] >= 0xa0 && b[i+1] <= 0xbf && b[i+2] >= 0x80 && b[i+2] <= 0xbf {
				r := 0xd000 | rune(b[i+1]&0x3f)<<6 | rune(b[i+2]&0x3f)
				if !canHold(r) {
					return nil, excf(NotImplErr, "%s", cannotHold(r))
				}
				out.b = append(out.b, byte(r-0xdc00)) // canHold: an escaped byte
				n = 3
				break
			}
			return nil, decodeError(c, b, i, i+n, reason)
		default:
			return nil, decodeError(c, b, i, i+n, reason)
		}
		i += n
	}
	return madeStr(string(out.b)), nil
}
