package complete

import (
	"slices"
	"strings"
	"sync"

	"sockrepl/internal/session"
)

// A slot is one argument position of a command, read from the synopsis in
// the command table: `H`, `[LEVEL]`, `H...`, `rd|wr|rdwr`, `SECONDS|none`,
// `[fileno=FD]`.
type slot struct {
	text     string   // as the synopsis writes it, for hints
	kinds    []string // upper-case words: what the argument is (H, ADDR, …)
	lits     []string // lower-case words: the literal choices
	keyword  string   // "fileno=" for a keyword argument, else ""
	optional bool
	repeat   bool
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
		if numericKinds[k] || k == "LEVEL" {
			return true
		}
	}
	return false
}

var numericKinds = map[string]bool{
	"BACKLOG": true, "BUFSIZE": true, "N": true, "BUFLEN": true, "SECONDS": true,
	"TIMEOUT": true, "NUMBER": true, "PORT": true,
}

// kinds lists every argument word the completer and the hints understand.
// A synopsis word outside this list is a test failure (see
// TestEverySynopsisWordIsKnown): a new kind of argument needs a line here.
var kinds = map[string]bool{
	"H": true, "F": true, "FD": true, "ADDR": true, "FAMILY": true, "TYPE": true,
	"PROTO": true, "BACKLOG": true, "BUFSIZE": true, "FLAGS": true, "DATA": true,
	"LEVEL": true, "OPT": true, "VALUE": true, "BUFLEN": true, "SECONDS": true,
	"TIMEOUT": true, "MODE": true, "N": true, "HOST": true, "PORT": true,
	"PATH": true, "NAME": true, "NUMBER": true, "COMMAND": true, "FILE": true,
	"TEXT": true, "TOPIC": true,
}

// parseSynopsis turns "H [LEVEL] OPT VALUE" into slots.
func parseSynopsis(args string) []slot {
	var out []slot
	for _, w := range strings.Fields(args) {
		sl := slot{text: w}
		if strings.HasPrefix(w, "[") && strings.HasSuffix(w, "]") {
			sl.optional = true
			w = w[1 : len(w)-1]
		}
		if strings.HasSuffix(w, "...") {
			sl.repeat = true
			w = strings.TrimSuffix(w, "...")
		}
		if k, v, ok := strings.Cut(w, "="); ok {
			sl.keyword = k + "="
			w = v
		}
		for _, alt := range strings.Split(w, "|") {
			if alt == "" {
				continue
			}
			if strings.ToUpper(alt) == alt {
				sl.kinds = append(sl.kinds, alt)
			} else {
				sl.lits = append(sl.lits, alt)
			}
		}
		out = append(out, sl)
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
			c := &command{name: ci.Name, slots: parseSynopsis(ci.Args), info: ci}
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
			if k == a.next {
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
		if k := c.slots[i].keyword; k != "" && len(w) >= len(k) && strings.EqualFold(w[:len(k)], k) {
			return i
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
