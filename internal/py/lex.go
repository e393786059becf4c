package py

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"sockrepl/internal/literal"
)

// tokKind is a token's kind.
type tokKind int

const (
	tEOF tokKind = iota
	tNewline
	tIndent
	tDedent
	tName
	tInt
	tFloat
	tStr   // text: the decoded value; prefix in tok.prefix
	tOp    // operators and delimiters
	tFStr  // f-string: raw body kept for the parser
	tBytes // bytes literal: decoded value in text
)

type token struct {
	kind tokKind
	text string
	line int
}

// lexer turns source into tokens, with INDENT/DEDENT as Python's tokenizer
// makes them. Newlines inside brackets are blanks.
type lexer struct {
	src     string
	pos     int
	line    int
	depth   int // open brackets
	indents []int
	toks    []token
	atStart bool
}

// SyntaxError is a line the parser cannot read.
type SyntaxError struct {
	Msg  string
	Line int
}

func (e *SyntaxError) Error() string { return "SyntaxError: " + e.Msg }

// Incomplete is returned for source that could go on (an open block, an
// open bracket, a triple-quoted string): the REPL asks for another line.
type Incomplete struct{ SyntaxError }

func lex(src string) ([]token, error) {
	lx := &lexer{src: src, line: 1, indents: []int{0}, atStart: true}
	if err := lx.run(); err != nil {
		return nil, err
	}
	return lx.toks, nil
}

func (lx *lexer) emit(k tokKind, text string) {
	lx.toks = append(lx.toks, token{k, text, lx.line})
}

func (lx *lexer) errf(msg string) error { return &SyntaxError{Msg: msg, Line: lx.line} }

var ops3 = []string{"**=", "//=", ">>=", "<<=", "...", "!="}
var ops2 = []string{"**", "//", "<<", ">>", "<=", ">=", "==", "!=", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "->", ":="}

func (lx *lexer) run() error {
	for {
		if lx.atStart && lx.depth == 0 {
			if err := lx.indentation(); err != nil {
				return err
			}
			if lx.pos >= len(lx.src) {
				break
			}
		}
		if lx.pos >= len(lx.src) {
			break
		}
		c := lx.src[lx.pos]
		switch {
		case c == '\n':
			lx.pos++
			if lx.depth == 0 {
				lx.emit(tNewline, "")
				lx.atStart = true
			}
			lx.line++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f':
			lx.pos++
		case c == '#':
			for lx.pos < len(lx.src) && lx.src[lx.pos] != '\n' {
				lx.pos++
			}
		case c == '\\' && lx.pos+1 < len(lx.src) && lx.src[lx.pos+1] == '\n':
			lx.pos += 2
			lx.line++
		case c >= '0' && c <= '9' || c == '.' && lx.pos+1 < len(lx.src) && isDigit(lx.src[lx.pos+1]):
			if err := lx.number(); err != nil {
				return err
			}
		case c == '\'' || c == '"':
			if err := lx.str(""); err != nil {
				return err
			}
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80:
			start := lx.pos
			for lx.pos < len(lx.src) {
				r, n := utf8.DecodeRuneInString(lx.src[lx.pos:])
				if r == '_' || unicode.IsLetter(r) || unicode.IsDigit(r) {
					lx.pos += n
					continue
				}
				break
			}
			if lx.pos == start {
				r, _ := utf8.DecodeRuneInString(lx.src[lx.pos:])
				return lx.errf("invalid character '" + string(r) + "' (U+" + strings.ToUpper(hex4(r)) + ")")
			}
			word := lx.src[start:lx.pos]
			if lx.pos < len(lx.src) && (lx.src[lx.pos] == '\'' || lx.src[lx.pos] == '"') {
				if p := strings.ToLower(word); p == "b" || p == "r" || p == "u" || p == "f" || p == "rb" || p == "br" || p == "rf" || p == "fr" {
					if err := lx.str(p); err != nil {
						return err
					}
					continue
				}
			}
			lx.emit(tName, word)
		default:
			rest := lx.src[lx.pos:]
			op := ""
			for _, o := range ops3 {
				if strings.HasPrefix(rest, o) {
					op = o
					break
				}
			}
			if op == "" {
				for _, o := range ops2 {
					if strings.HasPrefix(rest, o) {
						op = o
						break
					}
				}
			}
			if op == "" {
				if strings.IndexByte("+-*/%@&|^~<>()[]{},:;.=", c) < 0 {
					if c == '!' {
						return lx.errf("invalid syntax")
					}
					if c == '$' || c == '?' || c == '`' {
						return lx.errf("invalid syntax")
					}
					return lx.errf("invalid character in identifier")
				}
				op = string(c)
			}
			switch op {
			case "(", "[", "{":
				lx.depth++
				if lx.depth > maxNesting {
					return lx.errf("too many nested parentheses")
				}
			case ")", "]", "}":
				if lx.depth == 0 {
					return lx.errf("unmatched '" + op + "'")
				}
				lx.depth--
			}
			lx.pos += len(op)
			lx.emit(tOp, op)
		}
	}
	if n := len(lx.toks); n > 0 && lx.toks[n-1].kind != tNewline && lx.toks[n-1].kind != tDedent {
		lx.emit(tNewline, "")
	}
	for len(lx.indents) > 1 {
		lx.indents = lx.indents[:len(lx.indents)-1]
		lx.emit(tDedent, "")
	}
	lx.emit(tEOF, "")
	return nil
}

// maxNesting bounds brackets and blocks, as CPython's parser does.
const maxNesting = 100

func hex4(r rune) string {
	const digits = "0123456789abcdef"
	b := []byte{'0', '0', '0', '0'}
	for i := 3; i >= 0; i-- {
		b[i] = digits[r&15]
		r >>= 4
	}
	return string(b)
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// indentation reads the blanks at a line's start and emits INDENT/DEDENT;
// blank and comment-only lines are skipped.
func (lx *lexer) indentation() error {
	for {
		col := 0
		p := lx.pos
		for p < len(lx.src) && (lx.src[p] == ' ' || lx.src[p] == '\t') {
			if lx.src[p] == '\t' {
				col = (col/8 + 1) * 8
			} else {
				col++
			}
			p++
		}
		if p >= len(lx.src) {
			lx.pos = p
			return nil
		}
		if lx.src[p] == '\n' || lx.src[p] == '#' || lx.src[p] == '\r' {
			for p < len(lx.src) && lx.src[p] != '\n' {
				p++
			}
			if p < len(lx.src) {
				p++
				lx.line++
			}
			lx.pos = p
			continue
		}
		lx.pos = p
		lx.atStart = false
		top := lx.indents[len(lx.indents)-1]
		switch {
		case col > top:
			if len(lx.indents) > maxNesting {
				return lx.errf("too many levels of indentation")
			}
			lx.indents = append(lx.indents, col)
			lx.emit(tIndent, "")
		case col < top:
			for col < lx.indents[len(lx.indents)-1] {
				lx.indents = lx.indents[:len(lx.indents)-1]
				lx.emit(tDedent, "")
			}
			if col != lx.indents[len(lx.indents)-1] {
				return &SyntaxError{Msg: "unindent does not match any outer indentation level", Line: lx.line}
			}
		}
		return nil
	}
}

func (lx *lexer) number() error {
	start := lx.pos
	s := lx.src
	isFloat := false
	if s[lx.pos] == '0' && lx.pos+1 < len(s) && strings.IndexByte("xXoObB", s[lx.pos+1]) >= 0 {
		lx.pos += 2
		for lx.pos < len(s) && (isHex(s[lx.pos]) || s[lx.pos] == '_') {
			lx.pos++
		}
	} else {
		for lx.pos < len(s) && (isDigit(s[lx.pos]) || s[lx.pos] == '_') {
			lx.pos++
		}
		if lx.pos < len(s) && s[lx.pos] == '.' {
			isFloat = true
			lx.pos++
			for lx.pos < len(s) && (isDigit(s[lx.pos]) || s[lx.pos] == '_') {
				lx.pos++
			}
		}
		if lx.pos < len(s) && (s[lx.pos] == 'e' || s[lx.pos] == 'E') {
			p := lx.pos + 1
			if p < len(s) && (s[p] == '+' || s[p] == '-') {
				p++
			}
			if p < len(s) && isDigit(s[p]) {
				isFloat = true
				lx.pos = p
				for lx.pos < len(s) && isDigit(s[lx.pos]) {
					lx.pos++
				}
			}
		}
	}
	if lx.pos < len(s) && (s[lx.pos] == 'j' || s[lx.pos] == 'J') {
		return lx.errf(msgNoComplex.S())
	}
	if lx.pos < len(s) && (s[lx.pos] == '_' || unicode.IsLetter(rune(s[lx.pos]))) {
		return lx.errf("invalid decimal literal")
	}
	text := strings.ReplaceAll(s[start:lx.pos], "_", "")
	if isFloat {
		lx.emit(tFloat, text)
	} else {
		lx.emit(tInt, text)
	}
	return nil
}

func isHex(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// str reads a string literal after its prefix.
func (lx *lexer) str(prefix string) error {
	q := lx.src[lx.pos]
	triple := strings.HasPrefix(lx.src[lx.pos:], strings.Repeat(string(q), 3))
	startLine := lx.line
	if triple {
		lx.pos += 3
	} else {
		lx.pos++
	}
	start := lx.pos
	for {
		if lx.pos >= len(lx.src) {
			if triple {
				return &Incomplete{SyntaxError{Msg: "unterminated triple-quoted string literal (detected at line " + itoa(lx.line) + ")", Line: startLine}}
			}
			return &SyntaxError{Msg: "unterminated string literal (detected at line " + itoa(startLine) + ")", Line: startLine}
		}
		c := lx.src[lx.pos]
		if c == '\\' {
			lx.pos += 2
			if lx.pos <= len(lx.src) && lx.src[lx.pos-1] == '\n' {
				lx.line++
			}
			continue
		}
		if c == '\n' {
			if !triple {
				return &SyntaxError{Msg: "unterminated string literal (detected at line " + itoa(startLine) + ")", Line: startLine}
			}
			lx.line++
		}
		if c == q && (!triple || strings.HasPrefix(lx.src[lx.pos:], strings.Repeat(string(q), 3))) {
			break
		}
		lx.pos++
	}
	body := lx.src[start:lx.pos]
	if triple {
		lx.pos += 3
	} else {
		lx.pos++
	}
	raw := strings.Contains(prefix, "r")
	switch {
	case strings.Contains(prefix, "f"):
		if raw {
			lx.emit(tFStr, "r"+body)
		} else {
			lx.emit(tFStr, " "+body)
		}
	case strings.Contains(prefix, "b"):
		for i := 0; i < len(body); i++ {
			if body[i] >= 0x80 {
				return lx.errf("bytes can only contain ASCII literal characters")
			}
		}
		if raw {
			lx.emit(tBytes, body)
		} else {
			v, err := unescape(body, true)
			if err != nil {
				return lx.errf(err.Error())
			}
			lx.emit(tBytes, v)
		}
	default:
		if raw {
			lx.emit(tStr, body)
		} else {
			v, err := unescape(body, false)
			if err != nil {
				return lx.errf(err.Error())
			}
			lx.emit(tStr, v)
		}
	}
	return nil
}

type escErr string

func (e escErr) Error() string { return string(e) }

// unescape decodes Python's backslash escapes; for bytes each \xHH is one
// byte and the result holds bytes, not UTF-8.
func unescape(s string, isBytes bool) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '\\' || i+1 >= len(s) {
			b.WriteByte(c)
			continue
		}
		i++
		c = s[i]
		if e, ok := literal.SimpleEscape(c); ok {
			b.WriteByte(e)
			continue
		}
		switch c {
		case '\n':
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := 0
			j := i
			for ; j < len(s) && j < i+3 && s[j] >= '0' && s[j] <= '7'; j++ {
				v = v*8 + int(s[j]-'0')
			}
			i = j - 1
			if isBytes {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
		case 'x', 'u', 'U':
			n := 2
			if c == 'u' && !isBytes {
				n = 4
			} else if c == 'U' && !isBytes {
				n = 8
			} else if c != 'x' {
				b.WriteByte('\\')
				b.WriteByte(c)
				continue
			}
			if i+n > len(s) {
				return "", escErr("(unicode error) truncated \\" + string(c) + " escape")
			}
			v := 0
			for j := i + 1; j <= i+n; j++ {
				if j >= len(s) || !isHex(s[j]) {
					if isBytes {
						return "", escErr("(value error) invalid \\x escape at position " + itoa(i-1))
					}
					return "", escErr("(unicode error) 'unicodeescape' codec can't decode bytes: truncated \\" + string(c) + " escape")
				}
				v = v*16 + hexVal(s[j])
			}
			if !isBytes && v > unicode.MaxRune {
				return "", escErr("(unicode error) 'unicodeescape' codec can't decode bytes in position " + itoa(i-1) + "-" + itoa(i+n) + ": illegal Unicode character")
			}
			if !isBytes && !canHold(rune(v)) {
				return "", escErr(cannotHold(rune(v)))
			}
			i += n
			if isBytes {
				b.WriteByte(byte(v))
			} else {
				appendChar(&b, rune(v))
			}
		case 'N':
			if isBytes {
				b.WriteString(`\N`)
				continue
			}
			// Python looks the name up; sockrepl has no table of names,
			// and keeping the escape as text would make another str.
			return "", escErr(msgNoNamedEscape.S())
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func hexVal(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	}
	return int(c-'A') + 10
}
