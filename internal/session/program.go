package session

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/errno"
	"sockrepl/internal/expect"
	"sockrepl/internal/line"
	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
)

// step is one statement of the session, as save writes it again.
type step struct {
	text   string // as typed: a command, or one line of Python
	python bool   // text is a line of Python
	// The command, its statement and the handles it made: its Python
	// statement is written when the program is saved, not on every call.
	cmd   *command
	st    line.Statement
	spans spans // which of its words each parameter took
	made  []*Handle
	// expect is what the .sock program checks ("": nothing, the outcome
	// depends on the moment); fails: the call raised, so the .py program
	// catches and prints it.
	expect string
	fails  bool
	void   bool // the call returned None: a program shows nothing for it
	cut    bool // not all of its calls were kept
	// echoed: a line of Python whose value the REPL showed, which a
	// program shows with print(repr(…)).
	echoed bool
	// out is what a command's call did; calls are the calls a line of
	// Python made through the commands (none while a block is gathered:
	// the line that ends it makes them all). The C program checks them.
	out   outcome
	calls []call
	// vals are the words of a command that named Python values ($data),
	// as they stood when it ran: a program has no such names.
	vals map[string]string
}

// outcome is what a call did, as far as a saved program checks it.
type outcome struct {
	fail       expect.Failure
	errno      unix.Errno // the errno it failed with, or connect_ex's value
	class      string     // the Python exception class of its failure
	void, none bool       // it returned None; it returned nothing (no Result)
}

func outcomeFor(o expect.Outcome) outcome {
	e := o.Errno
	if !o.Failed {
		e = o.ValueErrno
	}
	return outcome{fail: o.Fail, errno: e, class: o.Class, void: o.Void}
}

// call is one call a line of Python made: the command and the words it
// was given (handles as #N, addresses as Python's tuples, data as bytes
// literals).
type call struct {
	cmd   *command
	words []string
	spans spans // which of the words each parameter took
	made  []*Handle
	out   outcome
}

// maxSteps and maxStepBytes bound what a session keeps for save: lines may
// be up to a MiB each.
const maxSteps, maxStepBytes = 10000, 16 << 20

// keep reports whether one more statement of n bytes is kept for save,
// and counts it; once one is not, none after it is (a program with a gap
// would not reproduce the session).
func (s *Session) keep(n int) bool {
	if s.programFull || len(s.program)+s.programCalls >= maxSteps || s.programBytes+n > maxStepBytes {
		s.programFull = true
		return false
	}
	s.programBytes += n
	if len(s.program) == cap(s.program) {
		// Every statement of a script is kept, and each growth copies all
		// kept so far: four times the room, not append's quarter more.
		// (Room up to the bound at once would copy least, but its
		// allocation, counted whole, brings a collection forward in a
		// script of a few thousand lines.)
		more := max(3*len(s.program), 64)
		s.program = slices.Grow(s.program, min(more, maxSteps-len(s.program)))
	}
	return true
}

// notSaved reports the commands that look at or steer the shell rather
// than make calls: a saved program leaves them out (a sourced file's own
// statements are kept, one by one). A switch, not a map: it is asked
// after every statement.
func notSaved(cmd string) bool {
	switch cmd {
	case "save", "source", "lesson", "help", "ls", "errno", "quit", "set":
		return true
	}
	return false
}

// rememberStep keeps a command statement for save.
func (s *Session) rememberStep(c *command, st line.Statement, sp spans, made []*Handle, o expect.Outcome, err error) {
	if c == nil || notSaved(c.name) || o.Fail == expect.FailUsage || !s.keep(len(st.Text)) {
		return
	}
	stp := step{text: st.Text, cmd: c, st: st, spans: sp, fails: err != nil, void: err == nil && o.Void, out: outcomeFor(o)}
	if len(made) > 0 {
		stp.made = slices.Clone(made)
	}
	for _, w := range st.Words[1:] {
		if n, ok := strings.CutPrefix(w, "$"); ok && isIdent(n) && s.names[n] == nil && s.addrs[n] == nil {
			if x, err := line.Expand(w, s.resolveArg); err == nil && x != w {
				if stp.vals == nil {
					stp.vals = map[string]string{}
				}
				stp.vals[w] = x
			}
		}
	}
	switch {
	case st.HasExpect:
	case err != nil && o.Errno != 0:
		stp.expect = errno.NameOf(o.Errno)
	case err != nil && o.Fail == expect.FailTimeout:
		stp.expect = "timeout"
	case err != nil && o.Fail == expect.FailPython && o.Class != "":
		// Python's own checks (OverflowError, ValueError) hold anywhere.
		stp.expect = o.Class
	case err == nil && o.Void:
		stp.expect = "ok"
	}
	s.program = append(s.program, stp)
}

// rememberPython keeps a statement of Python, line by line, for save,
// and the calls it makes until pythonDone (kept with its last line: a
// block runs once its lines are all in); the function it returns marks a
// line of its own as failed, with the class of what it raised, or as one
// whose value the REPL showed.
func (s *Session) rememberPython(lines []string) (mark func(class string, echoed bool)) {
	s.pyStep = 0
	first := len(s.program)
	for _, l := range lines {
		if !s.keep(len(l)) {
			return func(string, bool) {}
		}
		s.program = append(s.program, step{text: l, python: true})
	}
	if len(s.program) > first {
		s.pyStep = len(s.program)
	}
	return func(class string, echoed bool) {
		if len(lines) != 1 {
			return
		}
		if class != "" {
			s.program[first].fails = true
			s.program[first].out.class = class
		}
		s.program[first].echoed = echoed
	}
}

// pythonDone ends the recording of a line of Python's calls.
func (s *Session) pythonDone() { s.pyStep = 0 }

// rememberCall keeps a call that the line of Python being run made. An
// address that is a socket's of the session is kept as that socket's
// ($#N), so that the program asks its own socket for it.
func (s *Session) rememberCall(c *command, words []string, sp spans, made []*Handle, res *Result, err error) {
	if s.pyStep == 0 || s.pyStep > len(s.program) {
		return
	}
	n := 0
	for _, w := range words {
		if d, ok := s.dataArg(w); ok {
			n += pyrepr.BytesLen(d) // kept as its repr, made below
			continue
		}
		n += len(w)
	}
	if !s.keep(n) {
		s.program[s.pyStep-1].cut = true
		s.pyStep = 0
		return
	}
	s.programCalls++
	cl := call{cmd: c, words: slices.Clone(words), spans: sp, out: outcomeFor(outcomeOf(res, err))}
	for i, w := range cl.words {
		if d, ok := s.dataArg(w); ok {
			cl.words[i] = pyrepr.Bytes([]byte(d))
		}
	}
	if len(made) > 0 {
		cl.made = slices.Clone(made)
	}
	for i, w := range cl.words {
		// A port 0 is no socket's address; only those are asked about.
		if strings.HasPrefix(w, "(") && !strings.HasSuffix(w, ", 0)") {
			if h := s.socketAt(w); h != nil {
				cl.words[i] = "$" + h.ref
			}
		}
	}
	st := &s.program[s.pyStep-1]
	st.calls = append(st.calls, cl)
}

// socketAt is the session's open socket whose address Python writes as
// the tuple w, if one has it.
func (s *Session) socketAt(w string) *Handle {
	for _, h := range s.handles {
		if h.Sock == nil || h.Sock.FD < 0 {
			continue
		}
		if sa, err := sock.Sockname(h.Sock); err == nil && addr.Python(sa) == w {
			return h
		}
	}
	return nil
}

// saveProgram saves the session's statements as a program that write
// makes of them.
func saveProgram(write func(s *Session, b *bytes.Buffer)) func(s *Session, path string) (*Result, error) {
	return func(s *Session, path string) (*Result, error) {
		var b bytes.Buffer
		write(s, &b)
		if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
			return nil, usageErr("%s", msgSaveCannot.S(msg.A("file", quoteWord(path)), msg.A("err", err)))
		}
		r := ok().note("%s", msgSaved.S(msg.A("n", len(s.program)), msg.A("path", path)))
		if s.programFull {
			r.line(render.P(render.Note, "  "+msgSaveCapped.S(msg.A("n", len(s.program)))))
		}
		return r, nil
	}
}

// writeSock writes a sockrepl script: the statements as typed, each with
// an expectation where its outcome does not depend on the moment.
func (s *Session) writeSock(b *bytes.Buffer) {
	b.WriteString("# " + msgSavedSock.S() + "\n")
	for _, st := range s.program {
		b.WriteString(st.text)
		if st.expect != "" {
			b.WriteString(" => " + st.expect)
		}
		b.WriteByte('\n')
	}
}

// The Python a saved program has around its calls: a call (or a line of
// Python) that failed in the session is caught and printed as the session
// showed it, and one that does not fail as it did ends the program.
const (
	pyImports = "import os\nimport socket\n\n"
	// The caught exception's name is one no handle takes (a handle may
	// be named e, and except deletes its name when the block ends).
	pyCaught = "try:\n    %s\nexcept %s as _error:\n    print(f'{type(_error).__name__}: {_error}')\nelse:\n    raise SystemExit(%s)\n"
)

// pyCatch writes a statement that must raise class (any exception
// where the class is not known or not a name the program has).
func pyCatch(b *bytes.Buffer, py, class string) {
	switch {
	case class == "gaierror" || class == "herror" || class == "timeout":
		class = "socket." + class
	case class == "" || strings.Contains(class, ".") && !strings.HasPrefix(class, "socket."):
		class = "Exception"
	}
	fmt.Fprintf(b, pyCaught, py, class, pyrepr.Str("expected "+class+": "+py))
}

// writePython writes a Python script with the socket module. A call that
// failed in the session is caught and printed; a call that gives a value
// prints it, so ports the kernel picked show as they come.
func (s *Session) writePython(b *bytes.Buffer) {
	b.WriteString("# " + msgSavedPython.S() + "\n" + pyImports)
	for _, st := range s.program {
		py := ""
		if !st.python {
			py = s.pyStatement(st.cmd, st.st, st.spans, st.made)
		}
		switch {
		case st.python && st.fails:
			pyCatch(b, st.text, st.out.class)
		case st.python && st.echoed && strings.Contains(st.text, "#"):
			// A comment would swallow the closing parentheses.
			b.WriteString("print(repr(\n    " + st.text + "\n))\n")
		case st.python && st.echoed:
			b.WriteString("print(repr(" + st.text + "))\n")
		case st.python:
			b.WriteString(st.text + "\n")
		case py == "":
			b.WriteString("# sockrepl: " + st.text + "\n")
		case st.fails:
			pyCatch(b, py, st.out.class)
		case assigns(py) || st.void:
			b.WriteString(py + "\n")
		default:
			b.WriteString("print(" + py + ")\n")
		}
	}
}

// assigns reports whether a Python statement is an assignment (conn, addr
// = srv.accept()) rather than a call whose value is printed.
func assigns(py string) bool {
	i := strings.Index(py, " = ")
	return i >= 0 && i < strings.IndexByte(py, '(')
}
