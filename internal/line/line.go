// Package line splits what a user types into statements: it knows about
// blanks, quotes, comments, `;`, `NAME =` bindings and `=> EXPECT` checks,
// and nothing about what the words mean. Words keep their quotes so that
// later stages (data literals, addresses) can tell "1" from 1.
package line

import (
	"fmt"
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
		return fmt.Sprintf("column %d: %s", e.Col, e.Msg)
	}
	return e.Msg
}

// Split parses one line into its statements. Blank lines and comments give
// none.
func Split(src string) ([]Statement, error) {
	if len(src) > MaxLine {
		return nil, &Error{Msg: fmt.Sprintf("line is %d bytes long; the limit is %d", len(src), MaxLine)}
	}
	var out []Statement
	for _, seg := range segments(src) {
		if seg.err != nil {
			return nil, seg.err
		}
		st, err := parseStatement(seg)
		if err != nil {
			return nil, err
		}
		if len(st.Words) == 0 && len(st.Names) == 0 && !st.HasExpect {
			continue
		}
		out = append(out, st)
	}
	return out, nil
}

type word struct {
	text  string
	start int // byte offset in the line
}

type segment struct {
	words     []word
	expect    string
	hasExpect bool
	text      string
	err       error
}

// segments scans the line once, splitting statements at `;` and words at
// blanks, outside quotes. A comment ends the scan.
func segments(src string) []segment {
	segs := make([]segment, 0, 1)
	cur := segment{words: make([]word, 0, 4)}
	segStart := 0
	i := 0
	finish := func(end int) {
		cur.text = strings.TrimSpace(src[segStart:end])
		segs = append(segs, cur)
		cur = segment{words: make([]word, 0, 4)}
	}
	for i < len(src) {
		c := src[i]
		switch {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			i++
		case c == ';':
			finish(i)
			i++
			segStart = i
		case c == '#' && !(i+1 < len(src) && isDigit(src[i+1])):
			finish(i)
			return segs
		case c == '=' && strings.HasPrefix(src[i:], "=>"):
			// The expectation runs to the end of the statement.
			end, err := scanExpect(src, i+2)
			if err != nil {
				cur.err = err
				segs = append(segs, cur)
				return segs
			}
			cur.expect = strings.TrimSpace(src[i+2 : end])
			cur.hasExpect = true
			if cur.expect == "" {
				cur.err = &Error{Col: i + 1, Msg: "=> needs an expectation after it (ok, an errno name, timeout, error, or a value such as b'hi')"}
				segs = append(segs, cur)
				return segs
			}
			i = end
			if i < len(src) && src[i] == ';' {
				finish(i)
				i++
				segStart = i
			} else {
				finish(i)
				return segs
			}
		default:
			end, err := scanWord(src, i)
			if err != nil {
				cur.err = err
				segs = append(segs, cur)
				return segs
			}
			cur.words = append(cur.words, word{text: src[i:end], start: i})
			i = end
		}
	}
	finish(len(src))
	return segs
}

// scanWord returns the end of the word starting at i. Quotes may appear
// anywhere in a word (b'…', @"my file", "x"*3); a word that starts with
// `(` runs to its matching `)`, so Python's tuple form ('h', 80) is one
// word even though it holds a blank.
func scanWord(src string, i int) (int, error) {
	depth := 0
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
		return 0, &Error{Col: len(src), Msg: "missing ) to close the ( before it"}
	}
	return i, nil
}

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
	return 0, &Error{Col: i + 1, Msg: fmt.Sprintf("unterminated %c quote: add a closing %c", q, q)}
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
		case c == '#' && (i == 0 || src[i-1] == ' ' || src[i-1] == '\t') && !(i+1 < len(src) && isDigit(src[i+1])):
			return i, nil
		}
		i++
	}
	return i, nil
}

func parseStatement(seg segment) (Statement, error) {
	st := Statement{Expect: seg.expect, HasExpect: seg.hasExpect, Text: seg.text}
	words := seg.words
	names, rest, err := splitNames(words)
	if err != nil {
		return st, err
	}
	st.Names = names
	st.Words = make([]string, 0, len(rest))
	for _, w := range rest {
		st.Words = append(st.Words, w.text)
	}
	if len(st.Names) > 0 && len(st.Words) == 0 {
		return st, &Error{Msg: fmt.Sprintf("%s = needs a command after it, e.g. %s = socket inet stream", strings.Join(names, ", "), names[0])}
	}
	if st.HasExpect && len(st.Words) == 0 {
		return st, &Error{Msg: "=> needs a command before it"}
	}
	return st, nil
}

// splitNames recognises the binding prefix `a = …`, `a, b = …`, `a,b=…`.
// It looks only at the leading words; anything that does not fit the shape
// is left as ordinary words (so `socket fileno=5` is untouched).
func splitNames(words []word) (names []string, rest []word, err error) {
	// Join the leading words with blanks removed until an `=` shows up, and
	// see whether what came before it is a comma-separated list of names.
	var prefix strings.Builder
	for k, w := range words {
		if strings.ContainsAny(w.text, `'"(`) {
			return nil, words, nil
		}
		eq := strings.IndexByte(w.text, '=')
		if eq < 0 {
			prefix.WriteString(w.text)
			if !strings.HasSuffix(w.text, ",") && !(k+1 < len(words) && strings.HasPrefix(words[k+1].text, ",")) &&
				!(k+1 < len(words) && strings.HasPrefix(words[k+1].text, "=")) {
				return nil, words, nil
			}
			continue
		}
		prefix.WriteString(w.text[:eq])
		list := prefix.String()
		names = strings.Split(list, ",")
		for _, n := range names {
			if !IsName(n) {
				// The column is where the names start, as for the other
				// errors: where the problem begins.
				if n == "" {
					return nil, nil, &Error{Col: words[0].start + 1, Msg: fmt.Sprintf("bad name list %q before =: expected NAME = COMMAND or NAME, NAME = COMMAND", list)}
				}
				if k == 0 && eq > 0 && !looksLikeBinding(w.text, eq) {
					return nil, words, nil
				}
				return nil, nil, &Error{Col: words[0].start + 1, Msg: fmt.Sprintf("bad name %q: a name is a letter or _ followed by letters, digits or _", n)}
			}
		}
		rest = nil
		if after := w.text[eq+1:]; after != "" {
			rest = append(rest, word{text: after, start: w.start + eq + 1})
		}
		rest = append(rest, words[k+1:]...)
		return names, rest, nil
	}
	return nil, words, nil
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
		c := s[i]
		if c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && isDigit(c)) {
			continue
		}
		return false
	}
	return true
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }
