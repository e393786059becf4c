// Package line splits what a user types into statements: it knows about
// blanks, quotes, comments, `;`, `NAME =` bindings and `=> EXPECT` checks,
// and nothing about what the words mean. Words keep their quotes so that
// later stages (data literals, addresses) can tell "1" from 1.
package line

import (
	"sockrepl/internal/msg"

	"slices"
	"strconv"
	"strings"
)

// MaxLine bounds one input line. Longer lines are refused before any work
// is done on them, so a runaway script cannot make the shell allocate
// without limit.
const MaxLine = 1 << 20

// Statement is one command of a line.
type Statement struct {
	Names     []string // `a, b = …` binds these to what the command creates
	Words     []string // the command and its arguments, quotes kept
	Expect    string   // the text after `=>`, trimmed
	HasExpect bool
	Text      string // the statement as typed (trimmed), for echoing
}

// Error is a syntax error in a line; Col is 1-based.
type Error struct {
	Col int
	Msg string
}

func (e *Error) Error() string {
	if e.Col > 0 {
		return msgColumn.S(msg.A("col", e.Col), msg.A("msg", e.Msg))
	}
	return e.Msg
}

// Split parses one line into its statements. Blank lines and comments give
// none.
func Split(src string) ([]Statement, error) { return AppendSplit(nil, src) }

// AppendSplit is Split appending to dst. It runs on every line of a
// script, so it allocates only what it returns; a caller that passes room
// for a statement or two on its own stack saves the slice as well.
func AppendSplit(dst []Statement, src string) ([]Statement, error) {
	if len(src) > MaxLine {
		return nil, &Error{Msg: msgLineTooLong.S(msg.A("n", len(src)), msg.A("max", MaxLine))}
	}
	var (
		out = dst
		// The words of the statement being read. They never share a struct
		// with the strings that outlive Split, so the compiler keeps them
		// on the stack.
		scratch [8]word
	)
	for i := 0; i >= 0; {
		var (
			seg   segment
			words []word
			err   error
		)
		seg, words, i, err = scanStatement(src, i, scratch[:0])
		if err != nil {
			return nil, err
		}
		if len(words) == 0 && !seg.hasExpect {
			continue // a blank statement or a comment
		}
		// The usual line is one statement of a few words: the statement
		// and its words then share one allocation.
		var blk *oneStatement
		if len(out) == 0 && cap(out) == 0 {
			blk = new(oneStatement)
		}
		var room []string
		if blk != nil {
			room = blk.words[:0]
		}
		names, cmd, err := parseStatement(words, seg.hasExpect, room)
		if err != nil {
			return nil, err
		}
		st := Statement{Names: names, Words: cmd, Expect: seg.expect, HasExpect: seg.hasExpect, Text: seg.text}
		if blk != nil {
			blk.st[0] = st
			out = blk.st[:]
			continue
		}
		out = append(out, st)
	}
	return out, nil
}

// oneStatement is the room for a line of one statement: the statement
// and up to four words (names and command words), in one allocation.
type oneStatement struct {
	st    [1]Statement
	words [4]string
}

type word struct {
	text  string
	start int // byte offset in the line
}

// segment is one statement's text, scanned but not yet understood. Its
// words are kept apart from it (see parseStatement).
type segment struct {
	expect    string
	hasExpect bool
	text      string
}

// scanStatement reads the statement that starts at i, splitting words at
// blanks outside quotes, and appending them to words. It returns where the
// next statement starts, or -1 when the line is done (its end, or a
// comment).
func scanStatement(src string, i int, words []word) (segment, []word, int, error) {
	start := i
	var seg segment
	done := func(end, next int) (segment, []word, int, error) {
		seg.text = strings.TrimSpace(src[start:end])
		return seg, words, next, nil
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == ';':
			return done(i, i+1)
		case commentAt(src, i):
			return done(i, -1)
		case c == '=' && strings.HasPrefix(src[i:], "=>"):
			// The expectation runs to the end of the statement.
			end, err := scanExpect(src, i+2)
			if err != nil {
				return seg, nil, -1, err
			}
			seg.expect = strings.TrimSpace(src[i+2 : end])
			seg.hasExpect = true
			if seg.expect == "" {
				return seg, nil, -1, &Error{Col: i + 1, Msg: msgNeedsExpectation.S()}
			}
			if end < len(src) && src[end] == ';' {
				return done(end, end+1)
			}
			return done(end, -1)
		default:
			end, err := scanWord(src, i)
			if err != nil {
				return seg, nil, -1, err
			}
			words = append(words, word{text: src[i:end], start: i})
			i = end
		}
	}
	return done(len(src), -1)
}

// scanWord returns the end of the word starting at i. Quotes may appear
// anywhere in a word (b'…', @"my file", "x"*3); a word that starts with
// `(` runs to its matching `)`, so Python's tuple form ('h', 80) is one
// word even though it holds a blank.
func scanWord(src string, i int) (int, error) {
	depth := 0
	for i < len(src) {
		c := src[i]
		if !special[c] {
			i++
			continue
		}
		switch {
		case c == '\'' || c == '"':
			end, err := scanQuoted(src, i)
			if err != nil {
				return 0, err
			}
			i = end
			continue
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
			if depth == 0 {
				return i + 1, nil
			}
		case depth == 0 && (c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ';'):
			return i, nil
		case depth == 0 && c == '=' && strings.HasPrefix(src[i:], "=>"):
			return i, nil
		}
		i++
	}
	if depth > 0 {
		return 0, &Error{Col: len(src), Msg: msgMissingParen.S()}
	}
	return i, nil
}

// special marks the bytes that can end a word or change how it is read;
// scanWord passes over any other byte at once.
var special = func() (t [256]bool) {
	for _, c := range []byte(" \t\r\n;'\"()=") {
		t[c] = true
	}
	return t
}()

// scanQuoted returns the index just past the quote that closes the one at
// i. A backslash escapes the next byte, as in Python literals.
func scanQuoted(src string, i int) (int, error) {
	q := src[i]
	for j := i + 1; j < len(src); j++ {
		switch src[j] {
		case '\\':
			j++
		case q:
			return j + 1, nil
		}
	}
	return 0, &Error{Col: i + 1, Msg: msgUnterminatedQuote.S(msg.A("q", string(q)))}
}

// scanExpect finds the end of an expectation: the next `;` or comment
// outside quotes, or the end of the line.
func scanExpect(src string, i int) (int, error) {
	for i < len(src) {
		c := src[i]
		switch {
		case c == '\'' || c == '"':
			end, err := scanQuoted(src, i)
			if err != nil {
				return 0, err
			}
			i = end
			continue
		case c == ';':
			return i, nil
		case (i == 0 || src[i-1] == ' ' || src[i-1] == '\t') && commentAt(src, i):
			return i, nil
		}
		i++
	}
	return i, nil
}

// parseStatement turns a statement's words into its names and command
// words, in room when they fit there.
func parseStatement(words []word, hasExpect bool, room []string) (names, cmd []string, err error) {
	list, rest, err := splitNames(words)
	if err != nil {
		return nil, nil, err
	}
	// Names and command words share one allocation.
	nNames := 0
	if list != "" {
		nNames = strings.Count(list, ",") + 1
	}
	var all []string
	if n := nNames + len(rest); n <= cap(room) {
		all = room[:nNames:n]
	} else {
		all = make([]string, nNames, n)
	}
	for i := range nNames {
		all[i], list, _ = strings.Cut(list, ",")
	}
	for _, w := range rest {
		all = append(all, w.text)
	}
	if nNames > 0 {
		names = all[:nNames:nNames]
	}
	cmd = all[nNames:]
	if len(names) > 0 && len(cmd) == 0 {
		return nil, nil, &Error{Msg: msgNeedsCommand.S(msg.A("names", strings.Join(names, ", ")), msg.A("name", names[0]))}
	}
	if hasExpect && len(cmd) == 0 {
		return nil, nil, &Error{Msg: msgNeedsCommandBefore.S()}
	}
	return names, cmd, nil
}

// splitNames recognises the binding prefix `a = …`, `a, b = …`, `a,b=…`
// and returns its names as written, comma-separated, with the words after
// it. It looks only at the leading words; anything that does not fit the
// shape is left as ordinary words (so `socket fileno=5` is untouched).
func splitNames(words []word) (list string, rest []word, err error) {
	if !slices.ContainsFunc(words, func(w word) bool { return strings.IndexByte(w.text, '=') >= 0 }) {
		return "", words, nil
	}
	// Join the leading words with blanks removed until an `=` shows up, and
	// see whether what came before it is a comma-separated list of names.
	var prefix joined
	for k, w := range words {
		if hasQuoteOrParen(w.text) {
			return "", words, nil
		}
		eq := strings.IndexByte(w.text, '=')
		if eq < 0 {
			prefix.add(w.text)
			if !strings.HasSuffix(w.text, ",") && !(k+1 < len(words) && strings.HasPrefix(words[k+1].text, ",")) &&
				!(k+1 < len(words) && strings.HasPrefix(words[k+1].text, "=")) {
				return "", words, nil
			}
			continue
		}
		prefix.add(w.text[:eq])
		list := prefix.String()
		for unread := list; ; {
			n, after, more := strings.Cut(unread, ",")
			if !IsName(n) {
				// The column is where the names start, as for the other
				// errors: where the problem begins.
				if n == "" {
					return "", nil, &Error{Col: words[0].start + 1, Msg: msgBadNameList.S(msg.A("list", strconv.Quote(list)))}
				}
				if k == 0 && eq > 0 && !looksLikeBinding(w.text, eq) {
					return "", words, nil
				}
				return "", nil, &Error{Col: words[0].start + 1, Msg: msgBadName.S(msg.A("name", strconv.Quote(n)))}
			}
			if !more {
				break
			}
			unread = after
		}
		// What follows the `=` in the same word (`x=socket`) is the
		// command; the word is rewritten in place (Split owns words).
		if after := w.text[eq+1:]; after != "" {
			words[k] = word{text: after, start: w.start + eq + 1}
			return list, words[k:], nil
		}
		return list, words[k+1:], nil
	}
	return "", words, nil
}

// hasQuoteOrParen is strings.ContainsAny(w, `'"(`) without building the
// set of bytes on every call.
func hasQuoteOrParen(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c == '\'' || c == '"' || c == '(' {
			return true
		}
	}
	return false
}

// joined is text put together from pieces, copied only once there are two
// non-empty pieces: the usual `name =` prefix is one word's text as is.
type joined struct {
	first string
	more  []byte
}

func (j *joined) add(piece string) {
	switch {
	case piece == "":
	case j.first == "":
		j.first = piece
	default:
		if j.more == nil {
			j.more = append(j.more, j.first...)
		}
		j.more = append(j.more, piece...)
	}
}

func (j *joined) String() string {
	if j.more != nil {
		return string(j.more)
	}
	return j.first
}

// looksLikeBinding tells `x=socket` (a binding) from a first word that only
// happens to hold an `=`, such as `1=2`, which is then left for the command
// lookup to reject with its own message.
func looksLikeBinding(w string, eq int) bool {
	return eq == len(w)-1 || IsName(w[eq+1:])
}

// IsName reports whether s is a valid handle name: [A-Za-z_][A-Za-z0-9_]*.
func IsName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isNameByte(s[i], i == 0) {
			return false
		}
	}
	return true
}

// isNameByte reports whether c may stand in a name, first or later.
func isNameByte(c byte, first bool) bool {
	return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (!first && isDigit(c))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// commentAt reports whether a comment starts at src[i], where a word
// would start: a '#' not followed by a digit (#3 is a handle).
func commentAt(src string, i int) bool {
	return src[i] == '#' && !(i+1 < len(src) && isDigit(src[i+1]))
}
