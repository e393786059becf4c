package py

import "strings"

// Console collects lines as Python's interactive console does: a line
// that opens a block, or leaves a bracket or triple-quoted string open,
// asks for more (the `... ` prompt); a block ends at a blank line.
// NeedsMore and Run are the same two steps for a front end that gathers
// the lines itself.
type Console struct {
	In  *Interp
	buf []string
}

// Push adds one line. more reports that the statement goes on; otherwise
// it ran, and err is its failure, if any.
func (c *Console) Push(line string) (more bool, err error) {
	c.buf = append(c.buf, line)
	if NeedsMore(c.buf) {
		return true, nil
	}
	lines := c.buf
	c.buf = nil
	return false, c.Run(lines)
}

// NeedsMore reports whether the lines typed so far (at least one) are an
// unfinished statement, for which the console asks for another line.
func NeedsMore(lines []string) bool {
	last := lines[len(lines)-1]
	_, err := Parse(strings.Join(lines, "\n") + "\n")
	if err != nil {
		return IsIncomplete(err) && (last != "" || len(lines) == 1)
	}
	return OpensBlock(lines[0]) && last != ""
}

// Run runs a statement the console gathered: its lines as NeedsMore
// left them. A statement that does not parse gives its SyntaxError.
func (c *Console) Run(lines []string) error {
	stmts, err := Parse(strings.Join(lines, "\n") + "\n")
	if err != nil {
		return err
	}
	return c.In.run(stmts, true)
}

// Pending reports whether lines are waiting for the end of a block.
func (c *Console) Pending() bool { return len(c.buf) > 0 }

// Reset drops pending lines (Ctrl-C at a continuation prompt).
func (c *Console) Reset() { c.buf = nil }

// OpensBlock reports whether a line starts a compound statement, which
// the console continues until a blank line.
func OpensBlock(line string) bool {
	t := strings.TrimSpace(line)
	word := t
	if i := strings.IndexAny(t, " \t:("); i >= 0 {
		word = t[:i]
	}
	switch word {
	case "if", "while", "for", "try", "def", "with", "class", "async", "elif", "else", "except", "finally":
		return true
	}
	return strings.HasPrefix(t, "@")
}
