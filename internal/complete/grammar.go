package complete

import (
	"slices"
	"strings"
	"sync"

	"sockrepl/internal/session"
)

// A slot is one argument position of a command: its parameter as the
// command table declares it (session.Param), in the form the walk below
// reads it.
type slot struct {
	text    string   // as the synopsis writes it, for hints
	kinds   []string // what the argument is (H, ADDR, …): session.KindOf
	lits    []string // the literal choices
	keyword string   // "fileno=" for a keyword argument, else ""
	// pyKeyword: "family=" where the argument may also be given by
	// Python's keyword (socketpair type=dgram), else "".
	pyKeyword string
	optional  bool
	repeat    bool
	def       string // what it is when left out, for hints ("" none said)
}

func (s *slot) is(kind string) bool {
	for _, k := range s.kinds {
		if k == kind {
			return true
		}
	}
	return false
}

// dispatches reports whether the commands tell this optional argument
// from the next one by its look: a number (recv H [BUFSIZE] [FLAGS], poll
// H... [TIMEOUT]) or a level that is not an option name (getsockopt H
// [LEVEL] OPT). Other optional arguments go by position (socket [FAMILY]
// [TYPE] [PROTO]): leaving one out leaves out those after it.
func (s *slot) dispatches() bool {
	for _, k := range s.kinds {
		if kd := session.KindOf(k); (kd != nil && kd.Numeric) || k == "LEVEL" {
			return true
		}
	}
	return false
}

// slotsOf makes a command's slots from its declaration; keywords: the
// command takes Python's keyword arguments.
func slotsOf(ps []session.Param, keywords bool) []slot {
	out := make([]slot, len(ps))
	for i, p := range ps {
		out[i] = slot{text: p.Synopsis(), kinds: p.Kinds, lits: p.Choices, optional: p.Optional, repeat: p.Repeat, def: p.Default}
		if p.Keyword != "" {
			out[i].keyword = p.Keyword + "="
		}
		if keywords && p.PyKeyword && p.Keyword == "" {
			out[i].pyKeyword = p.Python + "="
		}
	}
	return out
}

// command is what completion knows of one command.
type command struct {
	name  string
	slots []slot
	info  session.CommandInfo
}

var (
	tableOnce sync.Once
	byName    map[string]*command
	cmdWords  []string // every command name and alias, sorted
)

func loadTable() {
	tableOnce.Do(func() {
		byName = map[string]*command{}
		for _, ci := range session.Commands() {
			c := &command{name: ci.Name, slots: slotsOf(ci.Params, ci.Keywords), info: ci}
			byName[ci.Name] = c
			for _, al := range ci.Aliases {
				byName[al] = c
			}
		}
		cmdWords = session.CommandNames()
	})
}

func lookupCommand(w string) *command {
	loadTable()
	return byName[strings.ToLower(w)]
}

// assignment is how the complete words of a statement fill a command's
// slots: the slot the next word goes to, and what was given for each kind.
type assignment struct {
	next   int               // index of the slot the next word fills
	filled map[string]string // kind, "lit" (the literal chosen) or keyword -> word
	counts []int             // words given to each slot
	over   bool              // more words than the synopsis has slots
}

// assign walks the words given so far through the slots. An optional slot
// is skipped when the word does not fit it but fits a later one (recv H
// peek: peek is FLAGS, not BUFSIZE), as the commands themselves read their
// arguments.
func assign(c *command, words []string) assignment {
	a := assignment{filled: map[string]string{}, counts: make([]int, len(c.slots))}
	for _, w := range words {
		// A keyword argument goes to its slot wherever it stands.
		if k := keywordSlot(c, w); k >= 0 {
			a.take(c, k, w)
			switch {
			case c.slots[k].pyKeyword != "" && c.slots[k].keyword == "":
				// Python's keyword: no positional argument follows it.
				a.next = max(a.next, k+1)
			case k == a.next:
				a.next++
			}
			continue
		}
		for a.next < len(c.slots) {
			sl := &c.slots[a.next]
			if sl.keyword != "" && sl.optional {
				a.next++
				continue
			}
			if sl.repeat && a.counts[a.next] > 0 && !fits(c, sl, w, a) && a.laterFits(c, w) {
				a.next++
				continue
			}
			if sl.optional && !sl.repeat && sl.dispatches() && !fits(c, sl, w, a) && a.laterFits(c, w) {
				a.next++
				continue
			}
			break
		}
		if a.next >= len(c.slots) {
			a.over = true
			continue
		}
		a.take(c, a.next, w)
		if !c.slots[a.next].repeat {
			a.next++
		}
	}
	return a
}

func (a *assignment) take(c *command, i int, w string) {
	sl := &c.slots[i]
	a.counts[i]++
	for _, k := range sl.kinds {
		a.filled[k] = w
	}
	if len(sl.lits) > 0 {
		a.filled["lit"] = strings.ToLower(w)
	}
	if sl.keyword != "" {
		a.filled[sl.keyword] = w
	}
}

func (a *assignment) laterFits(c *command, w string) bool {
	for j := a.next + 1; j < len(c.slots); j++ {
		sl := &c.slots[j]
		if sl.keyword != "" {
			continue
		}
		if fits(c, sl, w, *a) {
			return true
		}
		if !sl.optional {
			return false
		}
	}
	return false
}

func keywordSlot(c *command, w string) int {
	for i := range c.slots {
		for _, k := range [2]string{c.slots[i].keyword, c.slots[i].pyKeyword} {
			if k != "" && len(w) >= len(k) && strings.EqualFold(w[:len(k)], k) {
				return i
			}
		}
	}
	return -1
}

// open lists the slots the word at the cursor may fill: the next slot and,
// while optional slots are told apart by their look, the ones after it;
// and once something is typed, keyword slots (fileno=) anywhere.
func (a *assignment) open(c *command, word string) []int {
	var out []int
	for j := a.next; j < len(c.slots); j++ {
		out = append(out, j)
		sl := &c.slots[j]
		if !(sl.optional && sl.dispatches()) && !(sl.repeat && a.counts[j] > 0) {
			break
		}
	}
	if word == "" {
		return out
	}
	for j := range c.slots {
		if c.slots[j].keyword != "" && a.counts[j] == 0 && !slices.Contains(out, j) {
			out = append(out, j)
		}
	}
	return out
}
