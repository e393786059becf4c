package repl

// fitList shapes what the completer hands readline so that readline can
// always lay the list out. chzyer/readline makes each column as wide as
// the widest candidate plus the typed word plus one, and fits
// (width-1)/column of them on a row; when not one fits, it divides by
// zero as soon as the list is walked (Down, Up, Ctrl-A, Ctrl-E in
// getMatrixSize and HandleCompleteSelect), and it pads each entry by the
// column less the word's width, which goes negative (a panic in
// bytes.Repeat) when the word holds wide characters.
//
// word is the word being completed, rests what each candidate adds to it,
// cols the width readline lays out with, listing whether readline shows a
// list already (a first Tab with a prefix that all candidates share only
// inserts that prefix: nothing is laid out, and nothing is cut). It returns the candidates and
// the offset to give readline. Every candidate stays a prefix of what it
// stands for, so whatever readline inserts is still right: a rest too
// wide for the row is cut (one more Tab completes the rest of it), and
// the cut ones that became equal are given once. A word with wide
// characters, or one that leaves less than minListRoom columns, is not
// repeated in the list (offset 0: only what each candidate adds is
// shown), so no padding can go negative. When no list can fit at all,
// only what every candidate shares is offered.
func fitList(word []rune, rests [][]rune, cols int, listing bool) ([][]rune, int) {
	off := len(word)
	if readlineWidth(word) != off || cols-2-off < minListRoom {
		off = 0
	}
	if len(rests) <= 1 {
		// One candidate is inserted, never laid out in columns.
		return rests, off
	}
	if !listing && len(sharedPrefix(rests)) > 0 {
		return rests, off
	}
	// A column is the widest rest + off + 1 and must leave one column
	// of the row free.
	room := cols - 2 - off
	if room < 1 {
		if common := sharedPrefix(rests); len(common) > 0 {
			return [][]rune{common}, off
		}
		return nil, off
	}
	out := make([][]rune, 0, len(rests))
	seen := make(map[string]bool, len(rests))
	for _, r := range rests {
		if readlineWidth(r) > room {
			r = readlineCut(r, room)
		}
		if len(r) == 0 || seen[string(r)] {
			continue
		}
		seen[string(r)] = true
		out = append(out, r)
	}
	return out, off
}

// minListRoom: a typed word that leaves less room than this for the
// candidates is left out of the list.
const minListRoom = 16

// sharedPrefix is what every one of rs begins with.
func sharedPrefix(rs [][]rune) []rune {
	p := rs[0]
	for _, r := range rs[1:] {
		n := 0
		for n < len(p) && n < len(r) && p[n] == r[n] {
			n++
		}
		p = p[:n]
	}
	return p
}
