package complete

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"sockrepl/internal/session"

	"golang.org/x/sys/unix"

	"sockrepl/internal/errno"
	"sockrepl/internal/names"
	"sockrepl/internal/sockopt"
)

// fits reports whether w can be the argument of slot sl; it decides which
// optional slots a word skips.
func fits(c *command, sl *slot, w string, a assignment) bool {
	if sl.keyword != "" {
		return len(w) >= len(sl.keyword) && strings.EqualFold(w[:len(sl.keyword)], sl.keyword)
	}
	for _, l := range sl.lits {
		if strings.EqualFold(l, w) {
			return true
		}
	}
	for _, k := range sl.kinds {
		if kindFits(k, w, a) {
			return true
		}
	}
	return false
}

// kindFits asks the kinds table; given is what the statement gave for
// the command's other kinds (OPT depends on LEVEL).
func kindFits(kind, w string, a assignment) bool {
	k := session.KindOf(kind)
	return k == nil || k.Fits(w, func(other string) string { return a.filled[other] })
}

func looksNumeric(w string) bool {
	w = strings.TrimLeft(w, "+-")
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// candidates lists what may replace word in slot sl of c. levelToo says
// that a LEVEL is offered at the same place, so an OPT with nothing typed
// yet offers only the levels (the list of every option would bury them).
func candidates(c *command, sl *slot, a assignment, word string, env *Env, levelToo bool) []string {
	var out []string
	if sl.keyword != "" {
		k := sl.keyword
		if len(word) < len(k) || !strings.EqualFold(word[:len(k)], k) {
			return matchFold(word, []string{k}, nil)
		}
		for _, cand := range candidates(c, &slot{kinds: sl.kinds}, a, word[len(k):], env, false) {
			out = append(out, word[:len(k)]+cand)
		}
		return out
	}
	out = append(out, litWords(word, sl.lits)...)
	kinds := sl.kinds
	if slices.Contains(kinds, "H") && slices.Contains(kinds, "F") {
		// close H|F: one list of every handle, in handleRefs' order.
		out = append(out, handleRefs("", word, env.Handles, anyHandle)...)
		kinds = slices.DeleteFunc(slices.Clone(kinds), func(k string) bool { return k == "H" || k == "F" })
	}
	var words []string
	offering := 0
	for _, k := range kinds {
		if ws := kindCandidates(c, k, a, word, env, levelToo); len(ws) > 0 {
			words = append(words, ws...)
			offering++
		}
	}
	if offering > 1 {
		// help COMMAND|TOPIC: two kinds' words, in one sorted list.
		slices.Sort(words)
		words = slices.Compact(words)
	}
	return append(out, words...)
}

// litWords offers a slot's literal choices; where they are a names
// table's words (shutdown's rd|wr|rdwr), the C names too (SHUT_WR).
func litWords(word string, lits []string) []string {
	for _, t := range []*names.Table{names.ShutdownHow} {
		if slices.Equal(t.Words(), lits) {
			return tableWords(word, t)
		}
	}
	return matchFold(word, lits, nil)
}

func kindCandidates(c *command, kind string, a assignment, word string, env *Env, levelToo bool) []string {
	switch kind {
	case "H":
		return handleRefs("", word, env.Handles, sockets)
	case "F":
		return handleRefs("", word, env.Handles, files)
	case "FD":
		if word == "" || strings.HasPrefix(word, "%") {
			return handleRefs("%", word, env.Handles, sockets)
		}
	case "ADDR":
		return addrCandidates(word, env)
	case "HOST":
		if strings.HasPrefix(word, "$") {
			return refCandidates(word, env)
		}
		return matchFold(word, []string{"localhost"}, nil)
	case "PORT":
		if strings.HasPrefix(word, "$") {
			return refCandidates(word, env)
		}
	case "DATA":
		if strings.HasPrefix(word, "@") {
			return pathCandidates("@", word[1:], env)
		}
	case "PATH", "FILE":
		return pathCandidates("", word, env)
	case "FAMILY":
		return tableWords(word, names.Families)
	case "TYPE":
		head, tail := splitLastBar(word)
		if head == "" {
			return tableWords(word, names.Types)
		}
		return prefixed(head, tableWords(tail, names.TypeFlags))
	case "PROTO":
		if fam, err := names.Families.Lookup(a.filled["FAMILY"]); err == nil && fam == unix.AF_CAN {
			return matchFold(word, []string{"raw", "bcm"}, []string{"can_raw", "can_bcm"})
		}
		return tableWords(word, names.Protocols)
	case "FLAGS":
		head, tail := splitLastBar(word)
		return prefixed(head, tableWords(tail, names.MsgFlags))
	case "LEVEL":
		return levelWords(word)
	case "OPT":
		if levelToo && word == "" {
			return nil
		}
		return optionWords(word, a.filled["LEVEL"])
	case "VALUE":
		return valueCandidates(c, a, word)
	case "MODE":
		return matchFold(word, []string{"r", "w", "rw", "rb", "wb", "rwb"}, nil)
	case "NAME": // errno's
		return errnoWords(word, false)
	case "COMMAND":
		loadTable()
		return matchFold(word, cmdWords, nil)
	case "TOPIC": // help's
		loadTable()
		return matchFold(word, helpTopics, nil)
	}
	return nil
}

// helpTopics are the pages of help that are not commands.
var helpTopics = session.HelpTopics()

// Which handles a reference may name.
const (
	anyHandle = iota
	sockets
	files // made by makefile
)

// handleRefs offers live handles: names first (sorted), then numbers as
// #N, or as N when the word is a bare number or follows a sigil ($, %).
func handleRefs(sigil, word string, hs []Handle, which int) []string {
	w := strings.TrimPrefix(word, sigil)
	var named, nums []string
	for _, h := range hs {
		if (which == sockets && h.File) || (which == files && !h.File) {
			continue
		}
		if h.Name != "" {
			named = append(named, h.Name)
		}
		n := strconv.Itoa(h.ID)
		switch {
		case sigil != "" || (w != "" && w[0] >= '0' && w[0] <= '9'):
			nums = append(nums, n)
		default:
			nums = append(nums, "#"+n)
		}
	}
	sort.Strings(named)
	var out []string
	for _, n := range append(named, nums...) {
		if strings.HasPrefix(n, w) {
			out = append(out, sigil+n)
		}
	}
	return out
}

// refCandidates completes $H, $H.port and $H.host.
func refCandidates(word string, env *Env) []string {
	if name, field, ok := strings.Cut(word[1:], "."); ok {
		found := false
		for _, r := range handleRefs("", name, env.Handles, sockets) {
			if r == name || r == "#"+name {
				found = true
			}
		}
		if !found && !looksNumeric(name) {
			return nil
		}
		var out []string
		for _, f := range []string{"port", "host"} {
			if strings.HasPrefix(f, field) {
				out = append(out, "$"+name+"."+f)
			}
		}
		return out
	}
	return handleRefs("$", word, env.Handles, sockets)
}

// addrCandidates: $H refers to a handle's address; a path is a unix
// socket's address.
func addrCandidates(word string, env *Env) []string {
	switch {
	case strings.HasPrefix(word, "$"):
		return refCandidates(word, env)
	case strings.HasPrefix(word, "/"), strings.HasPrefix(word, "./"), strings.HasPrefix(word, "../"):
		return pathCandidates("", word, env)
	}
	return nil
}

func splitLastBar(w string) (head, tail string) {
	if i := strings.LastIndexByte(w, '|'); i >= 0 {
		return w[:i+1], w[i+1:]
	}
	return "", w
}

func prefixed(p string, ws []string) []string {
	if p == "" {
		return ws
	}
	out := make([]string, len(ws))
	for i, w := range ws {
		out[i] = p + w
	}
	return out
}

// tableWords offers a names table's short words ("inet"), or its C names
// ("AF_INET") when the word is on its way to one.
func tableWords(word string, t *names.Table) []string {
	var long []string
	for _, e := range t.Entries {
		long = append(long, e.Name)
		long = append(long, e.Aliases...)
	}
	short := t.Words()
	for _, e := range t.Entries {
		for _, al := range e.Aliases {
			if !strings.Contains(al, "_") {
				short = append(short, strings.ToLower(al))
			}
		}
	}
	if word == "" {
		return t.Words()
	}
	return matchFold(word, short, long)
}

func levelWords(word string) []string {
	return tableWords(word, sockopt.Levels)
}

// shortPrefixes are the C prefixes an option's short name drops
// (SO_RCVBUF is also rcvbuf), longest first.
var shortPrefixes = []string{"SO_J1939_", "SO_VM_SOCKETS_", "SO_", "IPV6_", "IP_", "TCP_", "UDP_", "CAN_RAW_"}

// optionWords offers option names: C names, or short names when no C name
// fits what is typed. With a level, only that level's options.
func optionWords(word, level string) []string {
	var opts []sockopt.Option
	if level == "" {
		opts = sockopt.All()
	} else if lv, err := sockopt.Levels.Lookup(level); err == nil {
		opts = sockopt.ForLevel(lv)
	} else {
		return nil
	}
	var long, short []string
	for _, o := range opts {
		long = append(long, o.Name)
		for _, p := range shortPrefixes {
			if s, ok := strings.CutPrefix(o.Name, p); ok {
				// Offer a short name only where it selects this option.
				if got, err := sockopt.Lookup(level, s); err == nil && got.Name == o.Name {
					short = append(short, strings.ToLower(s))
				}
				break
			}
		}
	}
	return matchFold(word, long, short)
}

// chosenOption is the option the statement names so far, if any.
func chosenOption(a assignment) (sockopt.Option, bool) {
	w, ok := a.filled["OPT"]
	if !ok || looksNumeric(w) {
		return sockopt.Option{}, false
	}
	o, err := sockopt.Lookup(a.filled["LEVEL"], w)
	return o, err == nil
}

// setting is what the session's table says of a setting of `set`.
func setting(name string) (session.SettingInfo, bool) {
	for _, st := range session.SettingsInfo() {
		if strings.EqualFold(st.Name, name) {
			return st, true
		}
	}
	return session.SettingInfo{}, false
}

func valueCandidates(c *command, a assignment, word string) []string {
	switch c.name {
	case "set":
		if st, _ := setting(a.filled["lit"]); !st.OnOff {
			return nil
		}
	case "setsockopt":
		o, ok := chosenOption(a)
		if !ok || !sockopt.TakesOnOff(o) {
			return nil
		}
	}
	return matchFold(word, []string{"on", "off"}, []string{"true", "false"})
}

// expectWords are what => checks.
var expectWords = []string{"ok", "timeout", "interrupted", "error"}

var pyErrors = []string{"ValueError", "OverflowError", "OSError", "BlockingIOError", "gaierror"}

func errnoWords(word string, withExpect bool) []string {
	var ws []string
	if withExpect {
		ws = append(ws, expectWords...)
		if word == "" {
			return ws
		}
		ws = append(ws, pyErrors...)
	}
	for _, in := range errno.All() {
		ws = append(ws, in.Name)
		ws = append(ws, in.Aliases...)
	}
	return matchFold(word, ws, nil)
}

// matchFold returns the words of primary that begin with word, ignoring
// case, or those of secondary when none do. Each is written as word
// followed by the rest of the candidate, in the case the user is typing
// in: so_rc completes to so_rcvbuf, SO_RC to SO_RCVBUF.
func matchFold(word string, primary, secondary []string) []string {
	out := foldPrefix(word, primary)
	if len(out) == 0 && word != "" {
		out = foldPrefix(word, secondary)
	}
	return out
}

func foldPrefix(word string, ws []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, w := range ws {
		if len(w) < len(word) || !strings.EqualFold(w[:len(word)], word) {
			continue
		}
		cand := word + caseLike(word, w[len(word):])
		if !seen[cand] {
			seen[cand] = true
			out = append(out, cand)
		}
	}
	return out
}

// caseLike writes rest in the case of typed when typed has letters of one
// case only; otherwise rest is left as the table writes it.
func caseLike(typed, rest string) string {
	lower, upper := false, false
	for _, r := range typed {
		switch {
		case r >= 'a' && r <= 'z':
			lower = true
		case r >= 'A' && r <= 'Z':
			upper = true
		}
	}
	switch {
	case lower && !upper:
		return strings.ToLower(rest)
	case upper && !lower:
		return strings.ToUpper(rest)
	}
	return rest
}
