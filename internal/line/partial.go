package line

// Partial is a line as far as it is typed, read tolerantly: an unfinished
// quote or parenthesis, a half-typed word, a `#` that may yet become #3.
// Completion and hints read it; whole lines go through Split.
type Partial struct {
	Comment bool     // the cursor is in a comment
	Quoted  bool     // inside a quote that is still open
	Expect  bool     // in the expectation after =>
	Words   []string // the statement's whole words before the cursor, NAME = removed
	Word    string   // the word at the cursor; "" after a blank
}

func blank(c byte) bool { return c == ' ' || c == '\t' }

// ReadPartial finds the statement the cursor (at the end of src) is in
// and splits it into words, as Split does for whole lines (quotes and
// parentheses group, `;` separates, `#` not followed by a digit starts a
// comment, `=>` starts the expectation), but forgiving what is not
// finished yet.
func ReadPartial(src string) Partial {
	var ctx Partial
	stmt, expectAt := 0, -1
	var nest nesting
	tokenStart := true // the next byte starts a token
	for i := 0; i < len(src); i++ {
		c := src[i]
		if !nest.outside(src, &i) {
			tokenStart = false
			continue
		}
		switch {
		case c == ';':
			stmt, expectAt = i+1, -1
			tokenStart = true
			continue
		case tokenStart && i+1 < len(src) && commentAt(src, i):
			// A # at the very end may yet become #3, a handle.
			ctx.Comment = true
			return ctx
		case c == '=' && i+1 < len(src) && src[i+1] == '>' && expectAt < 0:
			expectAt = i
			i++
			tokenStart = true
			continue
		}
		tokenStart = blank(c)
	}
	if nest.quote != 0 {
		ctx.Quoted = true
	}
	text := src[stmt:]
	if expectAt >= 0 {
		ctx.Expect = true
		text = src[expectAt+2:]
	} else {
		text = stripNames(text)
	}
	ctx.Words, ctx.Word = tokens(text)
	return ctx
}

// stripNames removes a leading `NAME =` or `a, b =`.
func stripNames(s string) string {
	i := 0
	skip := func() {
		for i < len(s) && blank(s[i]) {
			i++
		}
	}
	for {
		skip()
		start := i
		for i < len(s) && isNameByte(s[i], i == start) {
			i++
		}
		if i == start {
			return s
		}
		skip()
		if i >= len(s) {
			return s
		}
		switch {
		case s[i] == ',':
			i++
		case s[i] == '=' && !(i+1 < len(s) && s[i+1] == '>'):
			return s[i+1:]
		default:
			return s
		}
	}
}

// tokens splits a statement into whole words and the word at its end
// that the cursor is still in ("" when the text ends in a blank).
func tokens(s string) (words []string, partial string) {
	i := 0
	for i < len(s) {
		if blank(s[i]) {
			i++
			continue
		}
		start := i
		var nest nesting
		for ; i < len(s); i++ {
			if nest.outside(s, &i) && blank(s[i]) {
				break
			}
		}
		if i > len(s) {
			i = len(s)
		}
		if i >= len(s) {
			return words, s[start:]
		}
		words = append(words, s[start:i])
	}
	return words, ""
}

// nesting follows the quotes (a backslash escaping the next byte) and
// parentheses that group a word, as Split reads them, one byte at a time.
type nesting struct {
	quote byte // the open quote, or 0
	depth int  // open parentheses
}

// outside reads s[*i], moving *i past the byte a backslash escapes, and
// says whether that byte stands outside every quote and parenthesis and
// opens or closes none: a byte where blanks and separators count.
func (n *nesting) outside(s string, i *int) bool {
	c := s[*i]
	if n.quote != 0 {
		switch c {
		case '\\':
			*i++
		case n.quote:
			n.quote = 0
		}
		return false
	}
	switch {
	case c == '\'' || c == '"':
		n.quote = c
	case c == '(':
		n.depth++
	case c == ')' && n.depth > 0:
		n.depth--
	default:
		return n.depth == 0
	}
	return false
}
