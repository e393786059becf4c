// Package names maps the symbolic constants of the sockets API (families,
// types, protocols, flags) to numbers and back, accepting the forgiving
// spellings a person types at a prompt: any case, with or without the C
// prefix, a few aliases, or the number itself.
package names

import (
	"errors"
	"sockrepl/internal/msg"

	"fmt"
	"math"
	"strconv"
	"strings"
	"sync"
)

// Entry is one named constant.
type Entry struct {
	Name    string   // canonical C name, e.g. AF_INET
	Value   int      // numeric value
	Aliases []string // extra accepted words, e.g. "ipv4"; the table prefix is optional on these too
	// Short overrides the short name; by default it is Name without the
	// table Prefix, lowercased. Needed only where the canonical name does
	// not carry the table's prefix (e.g. the AF_VSOCK socket-option level).
	Short string
}

// Table is a set of constants of one kind. Entries are kept in the order
// they are listed, which is the order used for Words, for Name when two
// entries share a value, and for FormatFlags.
type Table struct {
	Kind    string // what an entry is, for messages: "family", "message flag"
	Prefix  string // the C prefix, optional when looking up: "AF_"
	Entries []Entry

	// Worked out on first use, as a script looks names up on every call:
	// byKey maps every spelling (see keys) to the first entry it selects.
	indexOnce   sync.Once
	byKey       map[string]int
	lowerPrefix string
}

func (t *Table) buildIndex() {
	t.lowerPrefix = strings.ToLower(t.Prefix)
	t.byKey = map[string]int{}
	for i := range t.Entries {
		for _, k := range t.keys(&t.Entries[i]) {
			if _, taken := t.byKey[k]; !taken {
				t.byKey[k] = i
			}
		}
	}
}

func (t *Table) shortOf(e *Entry) string {
	if e.Short != "" {
		return e.Short
	}
	if t.Prefix != "" && strings.HasPrefix(e.Name, t.Prefix) && len(e.Name) > len(t.Prefix) {
		return strings.ToLower(e.Name[len(t.Prefix):])
	}
	return strings.ToLower(e.Name)
}

// forms returns the lowercased word and, when it carries the table prefix,
// the word without it; either may match an entry.
func (t *Table) forms(word string) (string, string) {
	t.indexOnce.Do(t.buildIndex)
	lw := strings.ToLower(strings.TrimSpace(word))
	lp := t.lowerPrefix
	if lp != "" && strings.HasPrefix(lw, lp) && len(lw) > len(lp) {
		return lw, lw[len(lp):]
	}
	return lw, lw
}

// keys lists every lowercase spelling that selects e.
func (t *Table) keys(e *Entry) []string {
	k := []string{t.shortOf(e), strings.ToLower(e.Name)}
	for _, a := range e.Aliases {
		k = append(k, strings.ToLower(a))
	}
	return k
}

// find runs on every family, type, level and flag word of a script, so
// the usual word (ASCII, as SOCK_STREAM) is lowercased on the stack and
// looked up without a string made for it.
func (t *Table) find(word string) *Entry {
	t.indexOnce.Do(t.buildIndex)
	word = strings.TrimSpace(word)
	var buf [32]byte
	lw, ok := lowerASCII(buf[:0], word)
	if !ok {
		lw = []byte(strings.ToLower(word))
	}
	best := -1
	if i, ok := t.byKey[string(lw)]; ok {
		best = i
	}
	if lp := t.lowerPrefix; lp != "" && len(lw) > len(lp) && string(lw[:len(lp)]) == lp {
		if i, ok := t.byKey[string(lw[len(lp):])]; ok && (best < 0 || i < best) {
			best = i
		}
	}
	if best < 0 {
		return nil
	}
	return &t.Entries[best]
}

// lowerASCII appends s lowercased to dst when s is ASCII; ok is false
// (and nothing is appended) when it is not, for strings.ToLower's
// Unicode rules to decide.
func lowerASCII(dst []byte, s string) (_ []byte, ok bool) {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return dst, false
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		dst = append(dst, c)
	}
	return dst, true
}

// parseDecimal reports whether word is a plain non-negative decimal number.
// Only decimal is accepted so that "010" cannot silently mean 8.
func parseDecimal(word string) (n int, isNum bool, err error) {
	if !IsDecimal(word) {
		return 0, false, nil
	}
	n, err = strconv.Atoi(word)
	if err != nil || n > math.MaxInt32 {
		return 0, true, &RangeError{Word: word}
	}
	return n, true, nil
}

// RangeError is a number that does not fit the C int every family, type,
// protocol, flag set, level and option number is: Python raises
// OverflowError for it.
type RangeError struct{ What, Word string }

func (e *RangeError) Error() string {
	return msgRange.S(msg.A("what", kindText(e.What)), msg.A("word", e.Word))
}

// IsDecimal reports a word of decimal digits only (no sign, not empty):
// the numbers that stand for table entries.
func IsDecimal(word string) bool {
	for i := 0; i < len(word); i++ {
		if word[i] < '0' || word[i] > '9' {
			return false
		}
	}
	return word != ""
}

// Lookup returns the value of word: a name in any case, with or without the
// prefix, an alias, or a decimal number.
func (t *Table) Lookup(word string) (int, error) {
	w := strings.TrimSpace(word)
	n, isNum, err := parseDecimal(w)
	if isNum {
		if err != nil {
			return 0, &RangeError{What: t.Kind, Word: w}
		}
		return n, nil
	}
	if e := t.find(w); e != nil {
		return e.Value, nil
	}
	return 0, t.unknown(w)
}

// unknown builds the one-line error for a word that matched nothing.
func (t *Table) unknown(word string) error {
	if word == "" {
		return errors.New(msgMissing.S(msg.A("kind", kindText(t.Kind)), msg.A("expected", t.expected())))
	}
	sug := ""
	if s := t.Suggest(word); s != "" {
		sug = msgDidYouMean.S(msg.A("word", s))
	}
	return errors.New(msgUnknown.S(msg.A("kind", kindText(t.Kind)), msg.A("word", strconv.Quote(word)), msg.A("expected", t.expected()), msg.A("suggestion", sug)))
}

// expected lists the choices, abbreviated so the message stays one line.
func (t *Table) expected() string {
	w := t.Words()
	if len(w) > 6 {
		w = append(w[:3:3], "…")
	}
	if len(w) == 0 {
		return msgANumber.S()
	}
	return msgOrANumber.S(msg.A("words", strings.Join(w, ", ")))
}

// Name returns the canonical C name of v, or v as decimal text if unknown.
func (t *Table) Name(v int) string {
	for i := range t.Entries {
		if t.Entries[i].Value == v {
			return t.Entries[i].Name
		}
	}
	return strconv.Itoa(v)
}

// Short returns the short lowercase name of v ("inet"), or v as decimal
// text if unknown.
func (t *Table) Short(v int) string {
	for i := range t.Entries {
		if t.Entries[i].Value == v {
			return t.shortOf(&t.Entries[i])
		}
	}
	return strconv.Itoa(v)
}

// Words returns the short names in table order, for tab completion.
func (t *Table) Words() []string {
	out := make([]string, 0, len(t.Entries))
	seen := map[string]bool{}
	for i := range t.Entries {
		s := t.shortOf(&t.Entries[i])
		if !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	return out
}

// Suggest returns the short name closest to word (edit distance at most 2,
// at most 1 for words of three letters or fewer, where 2 edits would make
// almost anything match), or "" when nothing is close.
func (t *Table) Suggest(word string) string {
	lw, stripped := t.forms(word)
	if stripped == "" {
		return ""
	}
	limit := 2
	if len(stripped) <= 3 {
		limit = 1
	}
	best, bestD, bestExtends := "", limit+1, false
	for i := range t.Entries {
		e := &t.Entries[i]
		for _, k := range t.keys(e) {
			d := DistanceAtMost(stripped, k, limit)
			if d2 := DistanceAtMost(lw, k, limit); d2 < d {
				d = d2
			}
			// On a tie, a name the word begins (rdw: rdwr, not rd) is
			// the likelier meaning: words are cut short more often than
			// they run on.
			extends := strings.HasPrefix(k, stripped)
			if d < bestD || (d == bestD && d <= limit && extends && !bestExtends) {
				best, bestD, bestExtends = t.shortOf(e), d, extends
			}
		}
	}
	return best
}

// LookupFlags parses a |-joined set of names or decimal numbers
// ("peek|dontwait") and returns their bitwise OR.
func (t *Table) LookupFlags(word string) (int, error) {
	w := strings.TrimSpace(word)
	if w == "" {
		return 0, t.unknown("")
	}
	v := 0
	for _, part := range strings.Split(w, "|") {
		part = strings.TrimSpace(part)
		if part == "" {
			return 0, errors.New(msgEmptyIn.S(msg.A("kind", kindText(t.Kind)), msg.A("word", strconv.Quote(w))))
		}
		n, err := t.Lookup(part)
		if err != nil {
			return 0, err
		}
		v |= n
	}
	return v, nil
}

// FormatFlags renders a flag set like strace: known bits by canonical name
// in table order, leftover bits as one hex number, "0" for no bits.
func (t *Table) FormatFlags(v int) string {
	if v == 0 {
		return "0"
	}
	var parts []string
	rest := v
	for i := range t.Entries {
		e := &t.Entries[i]
		if e.Value != 0 && rest&e.Value == e.Value {
			parts = append(parts, e.Name)
			rest &^= e.Value
		}
	}
	if rest != 0 {
		// Flags are C ints: show a negative remainder as its 32-bit pattern.
		parts = append(parts, fmt.Sprintf("%#x", uint32(rest)))
	}
	return strings.Join(parts, "|")
}

// Closest is the candidate nearest to word, at most limit edits away
// ("" when none is), the alphabetically first on a tie so that the answer
// does not depend on the candidates' order.
func Closest(word string, cands []string, limit int) string {
	best, bestD := "", limit+1
	for _, c := range cands {
		if d := DistanceAtMost(word, c, limit); d < bestD || (d == bestD && c < best) {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the optimal-string-alignment edit distance: insertions,
// deletions, substitutions and transpositions of adjacent letters each
// cost one, so "inte" is one edit from "inet".
func Distance(a, b string) int {
	return DistanceAtMost(a, b, len(a)+len(b))
}

// DistanceAtMost is Distance when it is at most limit, and limit+1
// otherwise. Every did-you-mean search goes through it, so that its cost
// is bounded by what it looks for, not by what was typed: words whose
// lengths differ by more than limit are rejected without a look at their
// letters, and only the band of the matrix within limit of its diagonal
// is computed, two rows at a time (a megabyte-long misspelling against a
// table of names costs a length comparison per name).
func DistanceAtMost(a, b string, limit int) int {
	over := limit + 1
	// A rune is 1 to 4 bytes: compare rune counts' bounds before counting.
	if (len(a)+3)/4 > len(b)+limit || (len(b)+3)/4 > len(a)+limit {
		return over
	}
	ra, rb := []rune(a), []rune(b)
	n, m := len(ra), len(rb)
	if n-m > limit || m-n > limit {
		return over
	}
	// Three rows of the matrix (d[i-2], d[i-1], d[i]); cells outside the
	// band count as over.
	prev2, prev, cur := make([]int, m+1), make([]int, m+1), make([]int, m+1)
	for j := range prev {
		prev[j] = min(j, over)
	}
	for i := 1; i <= n; i++ {
		lo, hi := max(1, i-limit), min(m, i+limit)
		cur[0] = min(i, over)
		if lo > 1 {
			cur[lo-1] = over
		}
		if hi < m {
			cur[hi+1] = over
		}
		for j := lo; j <= hi; j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d = min(d, prev2[j-2]+1)
			}
			cur[j] = min(d, over)
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return min(prev[m], over)
}
