// Package complete knows what may come next on a sockrepl line: the words
// Tab offers (Complete) and the dimmed argument hint shown as one types
// (Hint). Both read the grammar from the command table's synopses
// (session.Commands) and the names tables, and know of the session only
// the live handles they are given. Nothing here depends on the line
// editor; the repl package adapts it to readline.
package complete

import (
	"io/fs"
	"sockrepl/internal/line"
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
	// Attrs are the Python attributes of the names that have them (a
	// socket's methods), so that `s.` completes to them.
	Attrs map[string][]string
}

// Complete looks at the line up to the cursor and returns the word being
// typed there and the words that may replace it. Every candidate begins
// with word, so an editor may insert the rest of it. A candidate that ends
// in / or = is not a whole word yet; any other is.
func Complete(line string, env Env) (word string, cands []string) {
	ctx := parse(line)
	word = ctx.Word
	switch {
	case ctx.Comment || ctx.Quoted:
		return word, nil
	case ctx.Expect:
		return word, errnoWords(word, true)
	case len(ctx.Words) == 0 && strings.Contains(word, "."):
		return word, attrWords(word, env.Attrs)
	case len(ctx.Words) == 0:
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
	c := lookupCommand(ctx.Words[0])
	if c == nil {
		return word, nil
	}
	if c.name == "help" && len(ctx.Words) == 2 && strings.EqualFold(ctx.Words[1], "options") {
		return word, levelWords(word) // help options tcp
	}
	a := assign(c, ctx.Words[1:])
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

// context is where the cursor stands in the line: line.Partial, the
// line package's reading of unfinished input.
type context = line.Partial

// parse reads the line up to the cursor as the line package does.
func parse(src string) context { return line.ReadPartial(src) }

// attrWords completes NAME.PART to NAME's Python attributes.
func attrWords(word string, attrs map[string][]string) []string {
	i := strings.LastIndexByte(word, '.')
	base, part := word[:i], word[i+1:]
	var out []string
	for _, a := range attrs[base] {
		if strings.HasPrefix(a, part) {
			out = append(out, base+"."+a)
		}
	}
	return out
}
