//go:build linux

// Package errno is sockrepl's single source of errno knowledge: the Linux
// name, the C library's message (what Python prints) and a one-line hint
// for a learner, optionally refined per shell command.
//
// Hints use the shell's placeholders H (a handle), ADDR and PATH so the
// caller may print them as they are or substitute the real values.
package errno

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
	"sockrepl/internal/names"
)

// Info describes one errno value.
type Info struct {
	Errno     unix.Errno
	Name      string            // canonical Linux name, e.g. "EAGAIN"
	Aliases   []string          // other names for the same number, e.g. "EWOULDBLOCK"
	Message   string            // strerror(3) text, e.g. "Connection refused"
	Hint      string            // general one-line hint for a learner
	PyClass   string            // the OSError subclass Python raises: ConnectionRefusedError
	CallHints map[string]string // command name -> hint where the meaning depends on the call

	// The hints as messages: Of, Lookup and All fill Hint and CallHints in
	// the language of the moment.
	hint  *msg.M
	calls map[string]*msg.M
}

// maxErrno is the kernel's MAX_ERRNO: every value 1..maxErrno is something
// a syscall could in principle return, so numeric lookups accept them all.
const maxErrno = 4095

// known is the table worked out: on first use, not at start-up, since
// most sessions never see an errno.
var known = sync.OnceValue(func() (k struct {
	infos  []Info             // defined errnos in number order
	byNum  map[unix.Errno]int // errno -> index into infos
	byName map[string]int     // upper-case name or alias -> index into infos
}) {
	k.byNum, k.byName = map[unix.Errno]int{}, map[string]int{}
	for _, e := range table {
		name := e.name
		if name == "" {
			name = unix.ErrnoName(e.errno)
		}
		msg := e.msg
		if msg == "" {
			msg = strerror(e.errno)
		}
		class := e.class
		if class == "" {
			class = "OSError"
		}
		k.infos = append(k.infos, Info{
			Errno:   e.errno,
			PyClass: class,
			Name:    name,
			Aliases: e.aliases,
			Message: msg,
			hint:    e.hint,
			calls:   e.calls,
		})
	}
	slices.SortFunc(k.infos, func(a, b Info) int { return int(a.Errno) - int(b.Errno) })
	for i, in := range k.infos {
		k.byNum[in.Errno] = i
		k.byName[in.Name] = i
		for _, a := range in.Aliases {
			k.byName[strings.ToUpper(a)] = i
		}
	}
	return k
})

// strerror turns Go's lower-cased errno text back into glibc's spelling,
// which only differs in the first letter (".lib section…" has none).
func strerror(e unix.Errno) string {
	s := e.Error()
	if s == "" || strings.HasPrefix(s, "errno ") {
		return ""
	}
	if c := s[0]; c >= 'a' && c <= 'z' {
		s = string(c-'a'+'A') + s[1:]
	}
	return s
}

// genericHint covers errnos that socket calls practically never return, so
// a learner still gets a line that restates the meaning and a next step.
func genericHint(message string) string {
	// Lower-case the first letter to continue the sentence, but leave
	// acronyms such as "RFS specific error" alone.
	if len(message) > 1 && message[1] >= 'a' && message[1] <= 'z' {
		message = strings.ToLower(message[:1]) + message[1:]
	}
	return msgGenericHint.S(msg.A("message", message))
}

var (
	msgGenericHint = msg.New("errno.generic-hint",
		"{message}: unusual from a socket call; re-check the last command and its arguments",
		"{message}：套接字调用很少返回这个错误；检查上一条命令及其参数")
	msgUndefinedHint = msg.New("errno.undefined-hint",
		"Linux defines no errno {n}; the call failed for a reason this shell cannot name",
		"Linux 没有定义 {n} 号错误码；调用失败了，但这个 shell 说不出原因")
)

func unknownName(e unix.Errno) string { return fmt.Sprintf("errno %d", int(e)) }

// Name is e's Linux name ("EOPNOTSUPP"), if Linux gives it one.
func Name(e unix.Errno) (string, bool) {
	if i, ok := known().byNum[e]; ok {
		return known().infos[i].Name, true
	}
	return "", false
}

// Of returns what is known about e. Numbers Linux does not define get a
// fallback name ("errno 200"), glibc's "Unknown error 200" and a generic hint.
func Of(e unix.Errno) Info {
	if i, ok := known().byNum[e]; ok {
		return clone(known().infos[i])
	}
	return Info{
		Errno:   e,
		PyClass: "OSError",
		Name:    unknownName(e),
		Message: fmt.Sprintf("Unknown error %d", int(e)),
		Hint:    msgUndefinedHint.S(msg.A("n", int(e))),
	}
}

// The accessors below answer one question about e from the shared table,
// without the copy Of makes (its aliases and every call's hint, each
// formatted): a failed call asks them on its way to the screen.

// row is e's row of the table, shared (nil: Linux defines no such errno).
func row(e unix.Errno) *Info {
	if i, ok := known().byNum[e]; ok {
		return &known().infos[i]
	}
	return nil
}

// Class is Of(e).PyClass.
func Class(e unix.Errno) string {
	if in := row(e); in != nil {
		return in.PyClass
	}
	return Of(e).PyClass
}

// NameOf is Of(e).Name.
func NameOf(e unix.Errno) string {
	if in := row(e); in != nil {
		return in.Name
	}
	return unknownName(e)
}

// FailLine is Of(e).FailLine().
func FailLine(e unix.Errno) string {
	if in := row(e); in != nil {
		return in.FailLine() // a line of its name and text: no hint is read
	}
	return Of(e).FailLine()
}

// HintOf is Of(e).HintFor(cmds...): only the hint given is formatted.
func HintOf(e unix.Errno, cmds ...string) string {
	in := row(e)
	if in == nil {
		return Of(e).HintFor(cmds...)
	}
	for _, cmd := range cmds {
		if m, ok := in.calls[strings.ToLower(strings.TrimSpace(cmd))]; ok {
			return m.S()
		}
	}
	if in.hint != nil {
		return in.hint.S()
	}
	return genericHint(in.Message)
}

// clone keeps callers from mutating the shared table through the returned
// slice and map.
func clone(in Info) Info {
	in.Aliases = slices.Clone(in.Aliases)
	if in.hint != nil {
		in.Hint = in.hint.S()
	} else {
		in.Hint = genericHint(in.Message)
	}
	if in.calls != nil {
		in.CallHints = make(map[string]string, len(in.calls))
		for cmd, m := range in.calls {
			in.CallHints[cmd] = m.S()
		}
	}
	return in
}

// Lookup finds an errno by name or alias (case-insensitive, "EWOULDBLOCK"
// finds EAGAIN) or by decimal number. Any number from 1 to 4095 resolves,
// since a syscall may return it even if Linux gives it no name.
func Lookup(s string) (Info, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Info{}, false
	}
	if names.IsDecimal(s) {
		n, err := strconv.ParseUint(s, 10, 16)
		if err != nil || n < 1 || n > maxErrno {
			return Info{}, false
		}
		return Of(unix.Errno(n)), true
	}
	if i, ok := known().byName[strings.ToUpper(s)]; ok {
		return clone(known().infos[i]), true
	}
	return Info{}, false
}

// All returns every errno Linux defines, in number order.
// OfClass lists the errnos Python raises as the OSError subclass named
// class (any case: BlockingIOError, blockingioerror), in number order, and
// the class's own spelling; none for OSError itself or an unknown name.
func OfClass(class string) (string, []Info) {
	var name string
	var out []Info
	for _, in := range known().infos {
		if in.PyClass != "OSError" && strings.EqualFold(in.PyClass, class) {
			name = in.PyClass
			out = append(out, clone(in))
		}
	}
	return name, out
}

func All() []Info {
	out := make([]Info, len(known().infos))
	for i, in := range known().infos {
		out[i] = clone(in)
	}
	return out
}

// HintFor returns the first hint specific to one of the shell commands
// cmds (a command, then the one whose hints it shares: sendall, send),
// else the general hint.
func (i Info) HintFor(cmds ...string) string {
	for _, cmd := range cmds {
		if h, ok := i.CallHints[strings.ToLower(strings.TrimSpace(cmd))]; ok {
			return h
		}
	}
	return i.Hint
}

// Line formats the error as the shell prints it:
// "ECONNREFUSED (111) Connection refused". Unnamed numbers print as
// "errno 200: Unknown error 200" rather than repeating the number.
func (i Info) Line() string {
	if i.Name == "" || i.Name == unknownName(i.Errno) {
		return fmt.Sprintf("errno %d: %s", int(i.Errno), i.Message)
	}
	return fmt.Sprintf("%s (%d) %s", i.Name, int(i.Errno), i.Message)
}

// FailLine is the line a failed call prints: Line, then the OSError
// subclass Python raises for the errno where it has one, so the learner
// sees both the kernel's name and Python's exception:
// "ECONNREFUSED (111) Connection refused  ConnectionRefusedError".
// Plain OSError adds nothing: every errno is one.
func (i Info) FailLine() string {
	if i.PyClass == "" || i.PyClass == "OSError" {
		return i.Line()
	}
	return i.Line() + "  " + i.PyClass
}

// Suggest returns the known name or alias closest to a misspelt s, or ""
// when s is already valid or nothing is close. Closeness is edit distance
// with adjacent swaps counting once; at most 2 edits, 1 for very short input
// so that two-letter noise does not match EIO.
func Suggest(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	if s == "" || names.IsDecimal(s) {
		return ""
	}
	if _, ok := known().byName[s]; ok {
		return ""
	}
	limit := 2
	if len(s) < 4 {
		limit = 1
	}
	best, bestD := "", limit+1
	for _, in := range known().infos {
		for _, cand := range append([]string{in.Name}, in.Aliases...) {
			if d := names.DistanceAtMost(s, cand, limit); d < bestD {
				best, bestD = cand, d
			}
		}
	}
	return best
}
