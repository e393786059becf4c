// Package literal turns one already-split word of a command line into the
// bytes it stands for (data to send) or into a plain string (names, paths).
//
// Data forms accepted by Parse:
//
//	"text" 'text'     UTF-8 text with escapes
//	b"..." b'...'     Python bytes literal (ASCII only), same escapes
//	hex:68656c6c6f    hex digits, two per byte, no separators ("hex:" in any case)
//	@PATH @"PATH"     the contents of a file (a quoted path takes the escapes)
//	word              any other word is its own text, exactly
//
// The quoted, hex: and @ forms may end in a repeat suffix *N (N decimal),
// e.g. "x"*1000 or hex:00*4. A bare @PATH ending in *DIGITS is read as a
// repeat; quote the path (@"a*2") to name such a file.
//
// Escapes: \n \r \t \\ \" \' \0 \a \b \f \v and \xHH (always one byte, also
// inside "text"). Python's octal escapes (\012) are refused rather than
// silently read as \0 followed by digits.
package literal

import (
	"sockrepl/internal/msg"

	"errors"
	"fmt"
	"io/fs"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"sockrepl/internal/pyrepr"
	"sockrepl/internal/rawfile"
)

// DefaultMaxSize is the largest data value Parse builds when Options.MaxSize
// is not set: 256 MiB exactly is accepted, one byte more is refused.
const DefaultMaxSize = 256 << 20

// Options tune Parse.
type Options struct {
	// MaxSize bounds the size of the result; <= 0 means DefaultMaxSize.
	MaxSize int
	// ReadFile reads @PATH files; nil means the OS file system, with the
	// size limit enforced before and while reading. What a custom ReadFile
	// returns is checked against the limit afterwards.
	ReadFile func(path string) ([]byte, error)
	// Wait is where reads of @PATH files wait (see rawfile.Reader); an
	// error it returns, such as Ctrl-C's, is returned by Parse as it is.
	Wait rawfile.Wait
}

func (o Options) maxSize() int {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Error describes a word that could not be parsed. Pos is the byte offset in
// Word where the problem was found; Msg names the problem, and Error() adds
// the word and, for syntax errors, what was expected.
type Error struct {
	Word string
	Pos  int
	Msg  string

	// want, when set, says what was expected; it changes the layout of
	// Error() to "MSG in WORD: expected WANT".
	want string
}

// Error returns a one-line message. The word and message are escaped so that
// the text never holds raw control characters.
func (e *Error) Error() string {
	if e.want != "" {
		return msgErrorWant.S(msg.A("msg", safe(e.Msg)), msg.A("word", showWord(e.Word)), msg.A("want", safe(e.want)))
	}
	return showWord(e.Word) + ": " + safe(e.Msg)
}

// IsQuoted reports whether Unquote treats word as quoted, that is whether it
// starts with " or '.
func IsQuoted(word string) bool {
	return word != "" && (word[0] == '"' || word[0] == '\'')
}

// Unquote returns the text of a non-data word: "..." and '...' with the same
// escapes as Parse, any other word unchanged. No repeat suffix is allowed.
func Unquote(word string) (string, error) {
	if !IsQuoted(word) {
		return word, nil
	}
	out, end, err := scanQuoted(word, 0, false)
	if err != nil {
		return "", err
	}
	if end < len(word) {
		return "", &Error{Word: word, Pos: end,
			Msg:  msgAfterClosingQuote.S(msg.A("chunk", quoteChunk(word[end:]))),
			want: msgEndOfWord.S()}
	}
	return string(out), nil
}

// Parse returns the bytes that word stands for; see the package comment for
// the forms. The result is never longer than opt.MaxSize.
func Parse(word string, opt Options) ([]byte, error) {
	max := opt.maxSize()
	var (
		unit []byte
		rest int // offset of what follows the unit: a repeat suffix or nothing
		err  *Error
	)
	switch {
	case IsQuoted(word):
		unit, rest, err = scanQuoted(word, 0, false)
	case len(word) >= 2 && (word[0] == 'b' || word[0] == 'B') && (word[1] == '"' || word[1] == '\''):
		unit, rest, err = scanQuoted(word, 1, true)
	case len(word) >= 4 && strings.EqualFold(word[:4], "hex:"):
		unit, rest, err = scanHex(word)
	case strings.HasPrefix(word, "@"):
		return parseFile(word, opt, max)
	default:
		if len(word) > max {
			return nil, totalError(word, 0, uint64(len(word)), count{n: 1}, max)
		}
		return []byte(word), nil
	}
	if err != nil {
		return nil, err
	}
	n, err := parseRepeat(word, rest)
	if err != nil {
		return nil, err
	}
	return repeat(word, rest, unit, n, max)
}

// count is a repeat count; big is set when it does not fit in a uint64.
type count struct {
	n   uint64
	big *big.Int
}

// parseRepeat reads the optional *N suffix starting at word[pos:].
func parseRepeat(word string, pos int) (count, *Error) {
	s := word[pos:]
	if s == "" {
		return count{n: 1}, nil
	}
	if s[0] != '*' {
		return count{}, &Error{Word: word, Pos: pos,
			Msg:  msgAfterClosingQuote.S(msg.A("chunk", quoteChunk(s))),
			want: msgRepeatOrEnd.S()}
	}
	digits := s[1:]
	if digits == "" {
		return count{}, &Error{Word: word, Pos: pos,
			Msg: msgMissingRepeat.S(), want: msgRepeatDigits.S()}
	}
	for i := 0; i < len(digits); i++ {
		if digits[i] < '0' || digits[i] > '9' {
			return count{}, &Error{Word: word, Pos: pos + 1 + i,
				Msg: msgBadRepeat.S(msg.A("chunk", quoteChunk(digits))), want: msgRepeatDigits.S()}
		}
	}
	n, err := strconv.ParseUint(digits, 10, 64)
	if err != nil {
		b, _ := new(big.Int).SetString(digits, 10)
		return count{big: b}, nil
	}
	return count{n: n}, nil
}

// repeat builds unit*n, checking the total against max before allocating.
func repeat(word string, pos int, unit []byte, c count, max int) ([]byte, error) {
	if len(unit) == 0 {
		return []byte{}, nil
	}
	if c.big != nil {
		return nil, totalError(word, pos, uint64(len(unit)), c, max)
	}
	// bits.Mul64 keeps the product exact, so a count near 2^64 cannot wrap
	// around into a small, accepted size.
	if hi, total := bits.Mul64(uint64(len(unit)), c.n); hi != 0 || total > uint64(max) {
		return nil, totalError(word, pos, uint64(len(unit)), c, max)
	}
	if c.n == 1 {
		return unit, nil
	}
	out := make([]byte, len(unit)*int(c.n))
	// Runs are whole units, so that each starts where a unit starts.
	run := maxRun / len(unit) * len(unit)
	if run == 0 {
		run = len(unit)
	}
	done := copy(out, unit)
	for done < len(out) {
		done += copyRun(out[done:], out[:min(done, run)])
	}
	return out, nil
}

// maxRun bounds one copy while a repeat is built: the copied run stays in
// the cache, and each call of copyRun returns to the scheduler's reach.
const maxRun = 64 << 10

// copyRun is copy, kept out of line on purpose: a call is where the
// runtime can stop a goroutine without a signal. A garbage collection
// that starts while a 256 MiB literal is built must look at this
// goroutine's stack; inside one long copy it can only keep signalling
// until the copy ends (seen: thousands of signals, and the build four
// times as slow).
//
//go:noinline
func copyRun(dst, src []byte) int { return copy(dst, src) }

// totalError reports unit*c bytes as over the limit; the product is
// computed exactly, however large.
func totalError(word string, pos int, unit uint64, c count, max int) *Error {
	n := c.big
	if n == nil {
		n = new(big.Int).SetUint64(c.n)
	}
	total := new(big.Int).Mul(n, new(big.Int).SetUint64(unit))
	return &Error{Word: word, Pos: pos,
		Msg: msgOverLimit.S(msg.A("n", total.String()), msg.A("max", max))}
}

// scanQuoted decodes the quoted string starting at word[start] and returns
// its bytes and the offset just past the closing quote. With asciiOnly,
// non-ASCII characters are refused as in Python bytes literals.
func scanQuoted(word string, start int, asciiOnly bool) ([]byte, int, *Error) {
	q := word[start]
	out := make([]byte, 0, len(word)-start)
	unterminated := func() *Error {
		return &Error{Word: word, Pos: start,
			Msg: msgUnterminatedString.S(), want: msgClosingQuote.S(msg.A("q", string(q)))}
	}
	for i := start + 1; i < len(word); {
		c := word[i]
		switch {
		case c == q:
			return out, i + 1, nil
		case c == '\\':
			if i+1 >= len(word) {
				return nil, 0, unterminated()
			}
			b, size, err := escape(word, i)
			if err != nil {
				return nil, 0, err
			}
			out = append(out, b)
			i += size
		case asciiOnly && c >= 0x80:
			return nil, 0, &Error{Word: word, Pos: i,
				Msg: msgBytesASCII.S(msg.A("found", charAt(word, i)))}
		default:
			out = append(out, c)
			i++
		}
	}
	return nil, 0, unterminated()
}

// simpleEscapes are Python's escapes of one character after the
// backslash, and the byte each stands for; 0 for none.
var simpleEscapes = [256]byte{'n': '\n', 'r': '\r', 't': '\t', '\\': '\\', '"': '"', '\'': '\'',
	'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}

// SimpleEscape is the byte \c stands for in a Python literal, where c
// alone makes the escape (\n, \t, \\, \' …); ok is false for any other c.
func SimpleEscape(c byte) (e byte, ok bool) {
	e = simpleEscapes[c]
	return e, e != 0
}

// escape decodes the escape sequence at word[i] (a backslash known not to be
// the last byte) and returns its byte and length.
func escape(word string, i int) (byte, int, *Error) {
	if e, ok := SimpleEscape(word[i+1]); ok {
		return e, 2, nil
	}
	switch word[i+1] {
	case '0':
		if i+2 < len(word) && word[i+2] >= '0' && word[i+2] <= '7' {
			return 0, 0, &Error{Word: word, Pos: i,
				Msg:  msgOctal.S(msg.A("chunk", octalChunk(word[i:]))),
				want: msgOctalWant.S()}
		}
		return 0, 2, nil
	case 'x':
		if i+3 < len(word) {
			if hi, ok := unhex(word[i+2]); ok {
				if lo, ok := unhex(word[i+3]); ok {
					return hi<<4 | lo, 4, nil
				}
			}
		}
		// Show \x and whatever hex digits did follow, not the closing quote.
		end := i + 2
		for end < len(word) && end < i+4 && isHex(word[end]) {
			end++
		}
		return 0, 0, &Error{Word: word, Pos: i,
			Msg:  msgBadEscape.S(msg.A("what", word[i:end])),
			want: msgHexEscapeWant.S()}
	default:
		r, size := utf8.DecodeRuneInString(word[i+1:])
		what := `\` + word[i+1:i+1+size]
		if !printable(r) {
			what = msgBackslashFollowedBy.S(msg.A("char", pyrepr.Str(word[i+1:i+1+size])))
		}
		return 0, 0, &Error{Word: word, Pos: i, Msg: msgBadEscape.S(msg.A("what", what)), want: msgEscapesWanted.S()}
	}
}

func octalChunk(s string) string {
	n := 2
	for n < len(s) && n < 4 && s[n] >= '0' && s[n] <= '7' {
		n++
	}
	return s[:n]
}

func isHex(c byte) bool {
	_, ok := unhex(c)
	return ok
}

func unhex(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// scanHex decodes the digits of a hex: word up to an optional *N suffix.
func scanHex(word string) ([]byte, int, *Error) {
	const start = len("hex:")
	end := strings.IndexByte(word, '*')
	if end < 0 {
		end = len(word)
	}
	digits := word[start:end]
	if digits == "" {
		return nil, 0, &Error{Word: word, Pos: start,
			Msg: msgNoHexDigits.S(), want: msgHexWant.S()}
	}
	out := make([]byte, 0, len(digits)/2)
	for i := 0; i < len(digits); i++ {
		v, ok := unhex(digits[i])
		if !ok {
			return nil, 0, &Error{Word: word, Pos: start + i,
				Msg:  msgBadHexDigit.S(msg.A("char", charAt(word, start+i)), msg.A("offset", start+i)),
				want: msgHexDigitsWant.S()}
		}
		if i%2 == 0 {
			out = append(out, v<<4)
		} else {
			out[len(out)-1] |= v
		}
	}
	if len(digits)%2 != 0 {
		return nil, 0, &Error{Word: word, Pos: end,
			Msg:  msgOddHex.S(msg.A("n", len(digits))),
			want: msgTwoHexPerByte.S()}
	}
	return out, end, nil
}

// parseFile handles @PATH, @"PATH" and their *N suffix. The count is read
// first so that the file read itself can be bounded by MaxSize/N.
func parseFile(word string, opt Options, max int) ([]byte, error) {
	var path string
	var rest, pathPos = len(word), 1
	if len(word) > 1 && IsQuoted(word[1:]) {
		p, end, err := scanQuoted(word, 1, false)
		if err != nil {
			return nil, err
		}
		path, rest = string(p), end
	} else {
		path = word[1:]
		if star := strings.LastIndexByte(word, '*'); star > 0 && allDigits(word[star+1:]) {
			path, rest = word[1:star], star
		}
	}
	if path == "" {
		return nil, &Error{Word: word, Pos: pathPos,
			Msg: msgMissingFileName.S(), want: msgAtPathWant.S()}
	}
	c, err := parseRepeat(word, rest)
	if err != nil {
		return nil, err
	}

	// Bound the read by what the repeat leaves room for, so an oversized
	// file is refused without reading it. A count of 0 reads nothing: the
	// result is empty whatever the file holds (it is still opened, so a
	// missing file is an error).
	limit := int64(max)
	switch {
	case c.big != nil:
		limit = 0
	case c.n == 0:
		limit = -1
	case c.n > 1:
		limit = int64(uint64(max) / c.n)
	}
	var data []byte
	var rerr error
	if opt.ReadFile != nil {
		data, rerr = opt.ReadFile(path)
	} else {
		data, rerr = readLimited(path, limit, opt.Wait)
	}
	var tooBig *rawfile.TooBigError
	var pathErr *fs.PathError
	switch {
	case errors.As(rerr, &tooBig):
		many := c.big != nil || c.n > 1
		switch {
		case tooBig.Size >= 0 && many:
			return nil, totalError(word, rest, uint64(tooBig.Size), c, max)
		case tooBig.Size >= 0:
			return nil, &Error{Word: word, Pos: pathPos,
				Msg: msgFileOverLimit.S(msg.A("n", tooBig.Size), msg.A("max", max))}
		case many:
			return nil, &Error{Word: word, Pos: pathPos,
				Msg: msgFileTimesOverLimit.S(msg.A("limit", limit), msg.A("times", word[rest+1:]), msg.A("max", max))}
		default:
			return nil, &Error{Word: word, Pos: pathPos,
				Msg: msgFileLargerThanLimit.S(msg.A("max", max))}
		}
	case errors.As(rerr, &pathErr) || (rerr != nil && opt.ReadFile != nil):
		return nil, &Error{Word: word, Pos: pathPos, Msg: fileErrorText(path, rerr)}
	case rerr != nil:
		// The wait before a read ended it (Ctrl-C): not a fault of the word.
		return nil, rerr
	}
	return repeat(word, rest, data, c, max)
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// readLimited reads a file, but never more than limit+1 bytes (limit < 0:
// it only opens it). Reads wait in wait, where Ctrl-C can end them.
func readLimited(path string, limit int64, wait rawfile.Wait) ([]byte, error) {
	r, err := rawfile.OpenReader(path, wait)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	if limit < 0 {
		return []byte{}, nil
	}
	return r.ReadAll(limit)
}

// fileErrorText formats a read error without the raw path that os errors
// embed, since the path may hold control characters.
func fileErrorText(path string, err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return msgCannotOp.S(msg.A("op", pe.Op), msg.A("path", quoteChunk(path)), msg.A("err", pe.Err))
	}
	return msgCannotOp.S(msg.A("op", "read"), msg.A("path", quoteChunk(path)), msg.A("err", err))
}

// charAt names the character at word[i] for a message: its repr, or the
// byte value when it is not valid UTF-8.
func charAt(word string, i int) string {
	r, size := utf8.DecodeRuneInString(word[i:])
	if r == utf8.RuneError && size <= 1 {
		return msgByteHex.S(msg.A("hex", fmt.Sprintf("0x%02x", word[i])))
	}
	return pyrepr.Str(string(r))
}

// printable reports whether r may be shown raw in a message.
func printable(r rune) bool {
	return r != utf8.RuneError && unicode.IsPrint(r)
}

func allPrintable(s string) bool {
	for _, r := range s {
		if !printable(r) {
			return false
		}
	}
	return true
}

// maxShown bounds how much of a word an error message repeats, so a huge
// quoted literal does not flood the terminal.
const maxShown = 64

// truncate cuts s to at most maxShown bytes on a rune boundary.
func truncate(s string) (string, bool) {
	if len(s) <= maxShown {
		return s, false
	}
	cut := maxShown
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut], true
}

// showWord shows a word as typed when that is safe, else as a Python repr.
func showWord(w string) string {
	s, cut := truncate(w)
	if !allPrintable(s) {
		s = pyrepr.Str(s)
	}
	if cut {
		s += "..."
	}
	return s
}

// quoteChunk shows part of a word inside a message, always as a repr so the
// reader can tell where it starts and ends.
func quoteChunk(s string) string {
	t, cut := truncate(s)
	t = pyrepr.Str(t)
	if cut {
		t += "..."
	}
	return t
}

// safe escapes any non-printable character left in a message (for instance
// from an operating system error) the way pyrepr.Str would.
func safe(s string) string {
	if allPrintable(s) {
		return s
	}
	var sb strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if printable(r) {
			sb.WriteString(s[i : i+size])
		} else {
			q := pyrepr.Str(s[i : i+size])
			sb.WriteString(q[1 : len(q)-1])
		}
		i += size
	}
	return sb.String()
}

// TopLevel walks s as Python source, calling at with the index of each
// byte outside quotes and brackets, until at returns false. It reports
// false when a bracket closes another kind or none, or when a quote or
// bracket is left open at the end of a walk that at did not stop.
func TopLevel(s string, at func(i int) bool) bool {
	var open []byte // the closers of the brackets open, innermost last
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			open = append(open, ')')
		case c == '[':
			open = append(open, ']')
		case c == '{':
			open = append(open, '}')
		case c == ')' || c == ']' || c == '}':
			if len(open) == 0 || open[len(open)-1] != c {
				return false
			}
			open = open[:len(open)-1]
		case len(open) == 0:
			if !at(i) {
				return true
			}
		}
	}
	return quote == 0 && len(open) == 0
}

// Parenthesised splits a parenthesised Python expression such as
// "(a, (b, c), 'd,e')" into its top-level elements, reading quotes and
// brackets: ok is false when s is not one pair of parentheses around the
// rest (a quote or bracket left open, or "(a) (b)"). comma reports a
// top-level comma, which makes a tuple: (x) is x, (x,) and (x, y) are
// tuples, () is the empty tuple (no elements).
func Parenthesised(s string) (elems []string, comma, ok bool) {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
		return nil, false, false
	}
	inner := s[1 : len(s)-1]
	start := 0
	if !TopLevel(inner, func(i int) bool {
		if inner[i] == ',' {
			elems = append(elems, strings.TrimSpace(inner[start:i]))
			start, comma = i+1, true
		}
		return true
	}) {
		return nil, false, false // a quote or bracket left open, or "(a) (b)"
	}
	if last := strings.TrimSpace(inner[start:]); last != "" {
		elems = append(elems, last)
	}
	return elems, comma, true
}
