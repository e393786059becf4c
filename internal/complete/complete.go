// Package complete knows what may come next on a sockrepl line: the words
// Tab offers (Complete) and the dimmed argument hint shown as one types
// (Hint). Both read the grammar from the command table's synopses
// (session.Commands) and the names tables, and know of the session only
// the live handles they are given. Nothing here depends on the line
// editor; the repl package adapts it to readline.
package complete

import (
	"io/fs"
	"strings"
)

// Handle is a live handle, as completion offers it.
type Handle struct {
	ID     int
	Name   string // "" when it has none
	File   bool   // a file made by makefile
	Family int    // a socket's address family (AF_INET…); 0 for a file
}

// Env is what completion knows besides the line.
type Env struct {
	Handles []Handle
	// ReadDir lists a directory for path completion; nil reads the real
	// file system (without the runtime poller, see readDir).
	ReadDir func(dir string) ([]fs.DirEntry, error)
}

// Complete looks at the line up to the cursor and returns the word being
// typed there and the words that may replace it. Every candidate begins
// with word, so an editor may insert the rest of it. A candidate that ends
// in / or = is not a whole word yet; any other is.
func Complete(line string, env Env) (word string, cands []string) {
	ctx := parse(line)
	word = ctx.word
	switch {
	case ctx.comment || ctx.quoted:
		return word, nil
	case ctx.expect:
		return word, errnoWords(word, true)
	case len(ctx.words) == 0:
		loadTable()
		return word, matchFold(word, cmdWords, nil)
	}
	// $H and %H stand for a handle's address and fd in any argument.
	if strings.HasPrefix(word, "$") {
		return word, refCandidates(word, &env)
	}
	if strings.HasPrefix(word, "%") {
		return word, handleRefs("%", word, env.Handles, sockets)
	}
	c := lookupCommand(ctx.words[0])
	if c == nil {
		return word, nil
	}
	if c.name == "help" && len(ctx.words) == 2 && strings.EqualFold(ctx.words[1], "options") {
		return word, levelWords(word) // help options tcp
	}
	a := assign(c, ctx.words[1:])
	// After Python's keyword (socketpair type=), what that parameter takes;
	// while a word is typed, the keywords of the parameters still to come.
	if k := keywordSlot(c, word); k >= 0 && c.slots[k].pyKeyword != "" {
		sl := c.slots[k]
		return word, candidates(c, &slot{kinds: sl.kinds, lits: sl.lits, keyword: sl.pyKeyword}, a, word, &env, false)
	}
	if word != "" {
		for j := a.next; j < len(c.slots); j++ {
			if pk := c.slots[j].pyKeyword; pk != "" && a.counts[j] == 0 && len(pk) > len(word) && strings.EqualFold(pk[:len(word)], word) {
				cands = append(cands, word+pk[len(word):])
			}
		}
	}
	open := a.open(c, word)
	levelToo := false
	for _, j := range open {
		if c.slots[j].is("LEVEL") {
			levelToo = true
		}
	}
	seen := map[string]bool{}
	for _, j := range open {
		for _, cand := range candidates(c, &c.slots[j], a, word, &env, levelToo) {
			if !seen[cand] && strings.HasPrefix(cand, word) {
				seen[cand] = true
				cands = append(cands, cand)
			}
		}
	}
	return word, cands
}

// context is where the cursor stands in the line.
type context struct {
	comment bool     // in a comment
	quoted  bool     // inside a quote that is still open
	expect  bool     // in the expectation after =>
	words   []string // the statement's whole words before the cursor, NAME = removed
	word    string   // the word at the cursor; "" after a blank
}

// parse finds the statement the cursor is in and splits it into words, as
// the line package does for whole lines (quotes and parentheses group,
// `;` separates, `#` not followed by a digit starts a comment, `=>` starts
// the expectation), but forgiving what is not finished yet.
func parse(src string) context {
	var ctx context
	stmt, expectAt := 0, -1
	quote := byte(0)
	depth := 0
	tokenStart := true // the next byte starts a token
	for i := 0; i < len(src); i++ {
		c := src[i]
		if quote != 0 {
			switch c {
			case '\\':
				i++
			case quote:
				quote = 0
			}
			continue
		}
		switch {
		case c == '\'' || c == '"':
			quote = c
		case c == '(':
			depth++
		case c == ')' && depth > 0:
			depth--
		case depth > 0:
		case c == ';':
			stmt, expectAt = i+1, -1
			tokenStart = true
			continue
		case c == '#' && tokenStart && i+1 < len(src) && !(src[i+1] >= '0' && src[i+1] <= '9'):
			// A # at the very end may yet become #3, a handle.
			ctx.comment = true
			return ctx
		case c == '=' && i+1 < len(src) && src[i+1] == '>' && expectAt < 0:
			expectAt = i
			i++
			tokenStart = true
			continue
		}
		tokenStart = c == ' ' || c == '\t'
	}
	if quote != 0 {
		ctx.quoted = true
	}
	text := src[stmt:]
	if expectAt >= 0 {
		ctx.expect = true
		text = src[expectAt+2:]
	} else {
		text = stripNames(text)
	}
	ctx.words, ctx.word = tokens(text)
	return ctx
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// stripNames removes a leading `NAME =` or `a, b =`.
func stripNames(s string) string {
	i := 0
	skip := func() {
		for i < len(s) && isBlank(s[i]) {
			i++
		}
	}
	for {
		skip()
		start := i
		for i < len(s) && (s[i] == '_' || (s[i]|0x20 >= 'a' && s[i]|0x20 <= 'z') || (i > start && s[i] >= '0' && s[i] <= '9')) {
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
		if isBlank(s[i]) {
			i++
			continue
		}
		start := i
		quote := byte(0)
		depth := 0
	word:
		for ; i < len(s); i++ {
			c := s[i]
			if quote != 0 {
				switch c {
				case '\\':
					i++
				case quote:
					quote = 0
				}
				continue
			}
			switch {
			case c == '\'' || c == '"':
				quote = c
			case c == '(':
				depth++
			case c == ')' && depth > 0:
				depth--
			case depth == 0 && isBlank(c):
				break word
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
