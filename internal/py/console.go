package py

import "strings"

// Console collects lines as Python's interactive console does: a line
// that opens a block, or leaves a bracket or triple-quoted string open,
// asks for more (the `... ` prompt); a block ends at a blank line.
type Console struct {
	In  *Interp
	buf []string
}

// Push adds one line. more reports that the statement goes on; otherwise
// it ran, and err is its failure, if any.
func (c *Console) Push(line string) (more bool, err error) {
	c.buf = append(c.buf, line)
	src := strings.Join(c.buf, "\n")
	stmts, err := Parse(src + "\n")
	if err != nil {
		if IsIncomplete(err) && line != "" || IsIncomplete(err) && len(c.buf) == 1 {
			return true, nil
		}
		c.buf = nil
		return false, err
	}
	if len(c.buf) > 0 && OpensBlock(c.buf[0]) && line != "" {
		return true, nil
	}
	c.buf = nil
	return false, c.In.run(stmts, true)
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
