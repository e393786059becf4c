package session

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/sys/unix"
)

// value is one parameter's value, parsed from its words by its kind's
// reader before the command runs, in the field its kind fills. given:
// the statement gave it (a default fills the fields with given false).
type value struct {
	given bool
	h     *Handle       // H, F, H|F
	hs    []*Handle     // H... (poll)
	n     int           // numbers and looked-up names: FAMILY, TYPE, FLAGS, BUFSIZE…
	d     time.Duration // SECONDS, TIMEOUT
	s     string        // a word as text: FILE, PATH, MODE, a choice
	ss    []string      // words of a repeated TEXT...
	b     []byte        // DATA; an option's VALUE, encoded
	sa    unix.Sockaddr // ADDR (OPT: see args.option)
}

// reader parses a parameter's words, from a's cursor, into v. A reader of
// an optional parameter that does not take the next word leaves v.given
// false and the cursor where it was; the next parameter then reads it.
// Readers are asked for required parameters even when no words are left,
// so each says what is missing in its own words.
type reader func(a *args, v *value) error

// maxParams bounds a command's parameters: the values live in args, not
// in an allocation per statement.
const maxParams = 6

// spans are the words each parameter was given, as [start, end) in the
// words bind read (empty: not given, its default). Saved programs write
// each parameter from its words, as bound, never by walking them again.
type spans [maxParams][2]int32

// of is parameter i's words among words, joined ("" when not given).
func (sp *spans) of(i int, words []string) string {
	s, e := sp[i][0], sp[i][1]
	if s >= e || int(e) > len(words) {
		return ""
	}
	return strings.Join(words[s:e], " ")
}

// bind parses the statement's words into the command's parameters, by its
// declaration, before the command runs: each parameter's reader (its
// own, or its kind's), then a default for one not given, then nothing
// may be left over.
func (a *args) bind() error {
	ps := a.cmd.params
	a.vals = a.store[:len(ps)]
	clear(a.vals)
	a.spans = spans{}
	for i := range ps {
		p := &ps[i]
		v := &a.vals[i]
		start := a.i
		if p.Optional && (!a.more() || a.peek() == "") {
			if a.more() {
				a.i++ // a gap a keyword call left (see bindKeywords)
			}
			if err := a.fillDefault(p, v); err != nil {
				return err
			}
			continue
		}
		if err := p.read(a, v); err != nil {
			// The words it refused are its, for a saved program that
			// makes the same call and expects the same failure: at
			// least the word it stopped at.
			end := a.i
			if end == start && start < len(a.words) {
				end = start + 1
			}
			a.spans[i] = [2]int32{int32(start), int32(end)}
			return err
		}
		if v.given {
			a.spans[i] = [2]int32{int32(start), int32(a.i)}
		}
		if !v.given && p.Default != "" {
			if err := a.fillDefault(p, v); err != nil {
				return err
			}
		}
	}
	return a.done()
}

// fillDefault reads a parameter's declared default word through its own
// reader, so the default means what the same word typed would, and marks
// the value as not given.
func (a *args) fillDefault(p *Param, v *value) error {
	w := p.DefaultWord
	if w == "" {
		w = p.Default
	}
	if w == "" {
		return nil
	}
	words, i := a.words, a.i
	a.one[0] = w
	a.words, a.i = a.one[:], 0
	err := p.read(a, v)
	a.words, a.i = words, i
	v.given = false
	return err
}

// get is the value of the command's parameter that takes kind k (the
// first one, if several do). A command asks only for kinds it declares.
func (a *args) get(k string) *value {
	for i := range a.cmd.params {
		if a.cmd.params[i].Is(k) {
			return &a.vals[i]
		}
	}
	panic(fmt.Sprintf("%s declares no %s parameter", a.cmd.name, k))
}

// at is the value of the command's parameter number i.
func (a *args) at(i int) *value { return &a.vals[i] }

// sock is the socket handle the command acts on (its H).
func (a *args) sock() *Handle { return a.get("H").h }

// given reports whether the statement gave the parameter of kind k.
func (a *args) given(k string) bool { return a.get(k).given }
