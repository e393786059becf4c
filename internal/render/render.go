// Package render writes the shell's output lines. A line is a list of
// styled parts; the style decides the color, and color is the only thing
// this package adds. Every part's text must already be escaped by whoever
// made it (bytes as Python literals, names from tables), and Line escapes
// any control byte that slips through anyway, so nothing raw reaches a
// terminal.
package render

import (
	"io"
	"iter"
	"strconv"
	"strings"
	"unicode/utf8"

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
	// Pieces, when set, stands for Text: a long text (the whole repr of a
	// large payload) made and written piece by piece, never held whole.
	Pieces iter.Seq[string]
}

// P makes a part.
func P(s Style, text string) Part { return Part{Style: s, Text: text} }

// Long makes a part written piece by piece; see Part.Pieces.
func Long(s Style, pieces iter.Seq[string]) Part { return Part{Style: s, Pieces: pieces} }

// Printer writes lines, colored or not.
type Printer struct {
	W     io.Writer
	Color bool
	buf   []byte
}

// Line writes one line made of parts.
func (p *Printer) Line(parts ...Part) error {
	for _, part := range parts {
		if part.Pieces != nil {
			return p.longLine(parts)
		}
	}
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
		p.buf = p.appendPart(p.buf, part.Style, part.Text)
	}
	p.buf = append(p.buf, '\n')
	_, err := p.W.Write(p.buf)
	return err
}

// Open writes part of a line that goes on: what is written next (Open
// again, or Line) continues it. text must not end inside a character.
func (p *Printer) Open(style Style, text string) error {
	p.buf = p.appendPart(p.buf[:0], style, text)
	_, err := p.W.Write(p.buf)
	return err
}

// longLine writes a line with a long part: the parts before it, each of
// its pieces and the parts after it are written in turn.
func (p *Printer) longLine(parts []Part) error {
	p.buf = p.buf[:0]
	var err error
	for _, part := range parts {
		if part.Pieces == nil {
			p.buf = p.appendPart(p.buf, part.Style, part.Text)
			continue
		}
		for piece := range part.Pieces {
			p.buf = p.appendPart(p.buf, part.Style, piece)
			if _, err = p.W.Write(p.buf); err != nil {
				return err
			}
			p.buf = p.buf[:0]
		}
	}
	p.buf = append(p.buf, '\n')
	_, err = p.W.Write(p.buf)
	return err
}

// appendPart appends text in a style, escaped and colored.
func (p *Printer) appendPart(dst []byte, style Style, text string) []byte {
	text = Sanitize(text)
	if p.Color && text != "" {
		if c := palette[style]; c != nil {
			c.EnableColor()
			text = c.Sprint(text)
		}
	}
	return append(dst, text...)
}

// Sanitize escapes control bytes (other than none: a line has no newline
// of its own) so that no raw byte can reach the terminal, whatever a part
// holds. Text that is already clean is returned as is.
func Sanitize(s string) string {
	if isPrintableASCII(s) || (!hasControl(s) && !hasC1(s)) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0):
			b.WriteString(`\x`)
			if r < 0x10 {
				b.WriteByte('0')
			}
			b.WriteString(strconv.FormatInt(int64(r), 16))
		case r == utf8.RuneError && size == 1:
			// An invalid byte; a real U+FFFD (three bytes) is text.
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
			for j := i; j < len(s); {
				r, size := utf8.DecodeRuneInString(s[j:])
				if (r >= 0x80 && r < 0xa0) || (r == utf8.RuneError && size == 1) {
					return true
				}
				j += size
			}
			return false
		}
	}
	return false
}
