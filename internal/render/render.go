// Package render writes the shell's output lines. A line is a list of
// styled parts; the style decides the color, and color is the only thing
// this package adds. Every part's text must already be escaped by whoever
// made it (bytes as Python literals, names from tables), and Line escapes
// any control byte that slips through anyway, so nothing raw reaches a
// terminal.
package render

import (
	"io"
	"strconv"
	"strings"

	"github.com/fatih/color"
)

// Style says what a part of a line is.
type Style int

const (
	Plain  Style = iota
	Value        // a call's result value
	Handle       // #3, a handle name
	Addr         // an address
	Note         // explanation beside a result
	Error        // a failure
	Hint         // what a failure means, for a learner
	Trace        // a system call
	Echo         // a command echoed in script mode
	Bad          // an expectation that did not hold
	Good         // an expectation that held
)

// palette is the one table of colors.
var palette = map[Style]*color.Color{
	Value:  color.New(color.FgGreen),
	Handle: color.New(color.FgCyan, color.Bold),
	Addr:   color.New(color.FgBlue),
	Note:   color.New(color.Faint),
	Error:  color.New(color.FgRed, color.Bold),
	Hint:   color.New(color.FgYellow),
	Trace:  color.New(color.FgMagenta),
	Echo:   color.New(color.Bold),
	Bad:    color.New(color.FgRed),
	Good:   color.New(color.FgGreen),
}

// Part is a piece of a line in one style.
type Part struct {
	Style Style
	Text  string
}

// P makes a part.
func P(s Style, text string) Part { return Part{s, text} }

// Printer writes lines, colored or not.
type Printer struct {
	W     io.Writer
	Color bool
	buf   []byte
}

// Line writes one line made of parts.
func (p *Printer) Line(parts ...Part) error {
	p.buf = p.buf[:0]
	if !p.Color {
		// The usual case, a script's output: one look at the whole line,
		// and part by part only when something needs escaping.
		for _, part := range parts {
			p.buf = append(p.buf, part.Text...)
		}
		if isPrintableASCII(p.buf) {
			p.buf = append(p.buf, '\n')
			_, err := p.W.Write(p.buf)
			return err
		}
		p.buf = p.buf[:0]
	}
	for _, part := range parts {
		text := Sanitize(part.Text)
		if !p.Color || text == "" {
			p.buf = append(p.buf, text...)
			continue
		}
		if c := palette[part.Style]; c != nil {
			c.EnableColor()
			text = c.Sprint(text)
		}
		p.buf = append(p.buf, text...)
	}
	p.buf = append(p.buf, '\n')
	_, err := p.W.Write(p.buf)
	return err
}

// Sanitize escapes control bytes (other than none: a line has no newline
// of its own) so that no raw byte can reach the terminal, whatever a part
// holds. Text that is already clean is returned as is.
func Sanitize(s string) string {
	if isPrintableASCII(s) || (!hasControl(s) && !hasC1(s)) {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteString(`\x`)
			if r < 0x10 {
				b.WriteByte('0')
			}
			b.WriteString(strconv.FormatInt(int64(r), 16))
		case r == 0xfffd:
			b.WriteString(`\ufffd`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// isPrintableASCII is the usual case, checked in one pass.
func isPrintableASCII[T string | []byte](s T) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}

// hasControl reports C0 control bytes and DEL.
func hasControl(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f {
			return true
		}
	}
	return false
}

// hasC1 reports C1 control characters (U+0080–U+009F), which some
// terminals obey like ESC sequences, and invalid UTF-8.
func hasC1(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			for _, r := range s[i:] {
				if (r >= 0x80 && r < 0xa0) || r == 0xfffd {
					return true
				}
			}
			return false
		}
	}
	return false
}
