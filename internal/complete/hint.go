package complete

import (
	"sockrepl/internal/msg"

	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/session"
	"sockrepl/internal/sockopt"
)

// Hint is what to show, dimmed, after the line up to the cursor: the
// arguments still expected, from the command's synopsis, and what the
// next one looks like.
//
//	"bind"     -> " H ADDR"
//	"bind 1 "  -> "ADDR  e.g. 127.0.0.1:8080"
//
// A hint is never part of the line; it is "" in the middle of a word, in
// a comment, after the last argument, or when the command is unknown.
func Hint(line string, env Env) string {
	ctx := parse(line)
	if ctx.Comment || ctx.Quoted || ctx.Expect {
		return ""
	}
	if len(ctx.Words) == 0 {
		if ctx.Word == "" {
			return ""
		}
		// Right after a command's name: its whole synopsis.
		c := lookupCommand(ctx.Word)
		if c == nil || c.info.Args == "" {
			return ""
		}
		return " " + c.info.Args
	}
	if ctx.Word != "" {
		return ""
	}
	c := lookupCommand(ctx.Words[0])
	if c == nil {
		return ""
	}
	a := assign(c, ctx.Words[1:])
	if a.over {
		return ""
	}
	var rest []string
	first := -1
	for j := a.next; j < len(c.slots); j++ {
		sl := &c.slots[j]
		if sl.keyword != "" && a.counts[j] > 0 {
			continue
		}
		text := sl.text
		if sl.repeat && a.counts[j] > 0 && !sl.optional {
			text = "[" + text + "]"
		}
		rest = append(rest, text)
		if first < 0 {
			first = j
		}
	}
	if first < 0 {
		return ""
	}
	h := strings.Join(rest, " ")
	if d := detail(c, &c.slots[first], a, &env); d != "" {
		h += "  " + d
	}
	return h
}

// detail says what the next argument looks like.
func detail(c *command, sl *slot, a assignment, env *Env) string {
	if sl.keyword != "" {
		return msgKeywordExample.S(msg.A("keyword", sl.keyword))
	}
	if len(sl.kinds) == 0 {
		return "" // the synopsis lists the choices
	}
	kind := sl.kinds[0]
	ex := example(c, sl, kind, a, env)
	if d := sl.def; d != "" {
		ex += msgDefault.S(msg.A("default", d))
	}
	return ex
}

// example is what an argument of this kind looks like: the kinds table's
// example, or, where it depends on the statement so far or the session
// (handles, the socket's family, the level given), worked out here.
// Defaults come from the command's declaration (see detail).
func example(c *command, sl *slot, kind string, a assignment, env *Env) string {
	switch kind {
	case "H":
		return handleExample(env, false)
	case "F":
		return handleExample(env, true)
	case "ADDR":
		return msgEg.S(msg.A("example", addrExample(familyOf(a.filled["H"], env))))
	case "OPT":
		if lv := a.filled["LEVEL"]; lv != "" {
			if ex := firstOption(lv); ex != "" {
				return msgOptExample.S(msg.A("example", ex), msg.A("level", strings.ToLower(lv)))
			}
		}
	case "VALUE":
		return valueDetail(c, a)
	case "SECONDS":
		if len(sl.lits) > 0 {
			return msgSecondsExample.S()
		}
	case "COMMAND", "TOPIC":
		return msgTopicExample.S(msg.A("topics", strings.Join(helpTopics, ", ")))
	}
	if k := session.KindOf(kind); k != nil {
		return k.ExampleText()
	}
	return ""
}

// handleExample names a live handle, or says there is none yet.
func handleExample(env *Env, files bool) string {
	var named, num string
	for _, h := range env.Handles {
		if files && !h.File {
			continue
		}
		if h.Name != "" && named == "" {
			named = h.Name
		}
		if num == "" {
			num = "#" + strconv.Itoa(h.ID)
		}
	}
	switch {
	case named != "":
		return msgEg.S(msg.A("example", named))
	case num != "":
		return msgEg.S(msg.A("example", num))
	case files:
		return msgNoFilesYet.S()
	}
	return msgNoHandlesYet.S()
}

// familyOf finds the family of the socket that ref names.
func familyOf(ref string, env *Env) int {
	num := strings.TrimPrefix(ref, "#")
	for _, h := range env.Handles {
		if (h.Name != "" && h.Name == ref) || strconv.Itoa(h.ID) == num {
			return h.Family
		}
	}
	return 0
}

func addrExample(family int) string {
	switch family {
	case unix.AF_INET6:
		return "[::1]:8080"
	case unix.AF_UNIX:
		return "/tmp/x.sock, @name" // not prose: two addresses
	case unix.AF_CAN:
		return "vcan0"
	}
	return "127.0.0.1:8080"
}

func firstOption(level string) string {
	lv, err := sockopt.Levels.Lookup(level)
	if err != nil {
		return ""
	}
	if os := sockopt.ForLevel(lv); len(os) > 0 {
		return os[0].Name
	}
	return ""
}

func valueDetail(c *command, a assignment) string {
	switch c.name {
	case "set":
		st, _ := setting(a.filled["lit"])
		return st.Value
	case "setsockopt":
		o, ok := chosenOption(a)
		if !ok {
			return msgValueExample.S()
		}
		shape := sockopt.Shape(o)
		if o.Describe() != "" {
			shape += " — " + o.Describe()
		}
		return shape
	}
	return ""
}
