package session

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"sockrepl/internal/errno"
	"sockrepl/internal/expect"
	"sockrepl/internal/line"
	"sockrepl/internal/msg"
	"sockrepl/internal/render"
)

// step is one statement of the session, as save writes it again.
type step struct {
	text   string // as typed: a command, or one line of Python
	python bool   // text is a line of Python
	// The command, its statement and the handles it made: its Python
	// statement is written when the program is saved, not on every call.
	cmd  *command
	st   line.Statement
	made []*Handle
	// expect is what the .sock program checks ("": nothing, the outcome
	// depends on the moment); fails: the call raised, so the .py program
	// catches and prints it.
	expect string
	fails  bool
}

// maxSteps and maxStepBytes bound what a session keeps for save: lines may
// be up to a MiB each.
const maxSteps, maxStepBytes = 10000, 16 << 20

// keep reports whether one more statement of n bytes is kept for save,
// and counts it; once one is not, none after it is (a program with a gap
// would not reproduce the session).
func (s *Session) keep(n int) bool {
	if s.programFull || len(s.program) >= maxSteps || s.programBytes+n > maxStepBytes {
		s.programFull = true
		return false
	}
	s.programBytes += n
	if len(s.program) == cap(s.program) {
		// Twice the room, not append's quarter more: every statement of a
		// script is kept, and each growth copies all kept so far.
		s.program = slices.Grow(s.program, min(max(len(s.program), 64), maxSteps-len(s.program)))
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
func (s *Session) rememberStep(c *command, st line.Statement, made []*Handle, o expect.Outcome, err error) {
	if c == nil || notSaved(c.name) || o.Fail == expect.FailUsage || !s.keep(len(st.Text)) {
		return
	}
	stp := step{text: st.Text, cmd: c, st: st, fails: err != nil}
	if len(made) > 0 {
		stp.made = slices.Clone(made)
	}
	switch {
	case st.HasExpect:
	case err != nil && o.Errno != 0:
		stp.expect = errno.Of(o.Errno).Name
	case err != nil && o.Fail == expect.FailTimeout:
		stp.expect = "timeout"
	case err == nil && o.Void:
		stp.expect = "ok"
	}
	s.program = append(s.program, stp)
}

// rememberPython keeps a statement of Python, line by line, for save;
// the function it returns marks it failed when it was a line of its own
// that raised.
func (s *Session) rememberPython(lines []string) (failed func()) {
	first := len(s.program)
	for _, l := range lines {
		if !s.keep(len(l)) {
			return func() {}
		}
		s.program = append(s.program, step{text: l, python: true})
	}
	return func() {
		if len(lines) == 1 {
			s.program[first].fails = true
		}
	}
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
// showed it.
const (
	pyImports = "import os\nimport socket\n\n"
	pyCaught  = "try:\n    %s\nexcept Exception as e:\n    print(f'{type(e).__name__}: {e}')\n"
)

// writePython writes a Python script with the socket module. A call that
// failed in the session is caught and printed; a call that gives a value
// prints it, so ports the kernel picked show as they come.
func (s *Session) writePython(b *bytes.Buffer) {
	b.WriteString("# " + msgSavedPython.S() + "\n" + pyImports)
	for _, st := range s.program {
		py := ""
		if !st.python {
			py = s.pyStatement(st.cmd, st.st, st.made)
		}
		switch {
		case st.python && st.fails:
			fmt.Fprintf(b, pyCaught, st.text)
		case st.python:
			b.WriteString(st.text + "\n")
		case py == "":
			b.WriteString("# sockrepl: " + st.text + "\n")
		case st.fails:
			fmt.Fprintf(b, pyCaught, py)
		case assigns(py) || st.expect == "ok":
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
