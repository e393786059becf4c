package session

import (
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"sockrepl/internal/line"
	"sockrepl/internal/msg"
	"sockrepl/internal/render"
)

// fullWidth is the punctuation a Chinese keyboard types where a command
// wants ASCII, with the ASCII character meant.
var fullWidth = map[rune]rune{
	'“': '"', '”': '"', '‘': '\'', '’': '\'',
	'：': ':', '，': ',', '（': '(', '）': ')', '；': ';', '＝': '=',
	'\u3000': ' ', // the full-width blank
}

// curlyQuotes are the full-width characters that, inside data, are most
// likely quotes typed in Chinese input mode.
const curlyQuotes = "“”‘’"

// widthFix is one full-width character of a line and where it is.
type widthFix struct {
	col      int // 1-based, in characters
	from, to rune
}

// asciiPunct replaces the full-width punctuation outside ASCII quotes
// with the ASCII it stands for; it returns src unchanged and no fixes
// when there is none. Curly quotes become ASCII quotes, so what they
// enclose is quoted from then on, as the learner meant.
func asciiPunct(src string) (string, []widthFix) {
	if isASCII(src) {
		return src, nil
	}
	var (
		b     strings.Builder
		fixes []widthFix
		quote rune
		col   int
	)
	for _, r := range src {
		col++
		to, full := fullWidth[r]
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
		case r == '"' || r == '\'':
			quote = r
		case full:
			fixes = append(fixes, widthFix{col, r, to})
			if to == '"' || to == '\'' {
				quote = to
			}
			r = to
		}
		b.WriteRune(r)
	}
	if len(fixes) == 0 {
		return src, nil
	}
	return b.String(), fixes
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// fixesText lists the replaced characters once each: `“ → ", ： → :`.
func fixesText(fixes []widthFix) string {
	var seen []rune
	var parts []string
	for _, f := range fixes {
		if slices.Contains(seen, f.from) {
			continue
		}
		seen = append(seen, f.from)
		from, to := string(f.from), string(f.to)
		if f.from == '\u3000' {
			from, to = msgFullWidthBlank.S(), "' '"
		}
		parts = append(parts, msgFullWidthPair.S(msg.A("from", from), msg.A("to", to)))
	}
	return strings.Join(parts, ", ")
}

// splitFullWidth is what ExecLine does with a line that does not split:
// if full-width punctuation is why, the line with ASCII in its place is
// split instead, and the statements say so when they run.
func (s *Session) splitFullWidth(src string) ([]line.Statement, bool) {
	fixed, fixes := asciiPunct(src)
	if len(fixes) == 0 {
		return nil, false
	}
	sts, err := s.split(fixed)
	if err != nil || len(sts) == 0 {
		return nil, false
	}
	s.widthNote = msgFullWidthRead.S(msg.A("fixes", fixesText(fixes)))
	return sts, true
}

// retryFullWidth runs a statement again with ASCII in place of its
// full-width punctuation when, as typed, it was refused as bad input
// (nothing ran): then nothing else could have been meant. It reports
// whether it did; if the ASCII statement is refused too, err gets a
// pointer to the full-width characters instead.
func (s *Session) retryFullWidth(st line.Statement, err *error) (c *command, res *Result, ok bool) {
	// The usual statement is ASCII or succeeded: nothing to look at, and
	// nothing allocated for it.
	if *err == nil || isASCII(st.Text) {
		return nil, nil, false
	}
	var usage *UsageError
	if !errors.As(*err, &usage) {
		return nil, nil, false
	}
	fixed, fixes := asciiPunct(st.Text)
	if len(fixes) == 0 {
		return nil, nil, false
	}
	sts, serr := line.Split(fixed)
	if serr == nil && len(sts) == 1 && len(sts[0].Words) > 0 {
		c2, res2, err2 := s.run(sts[0])
		if !errors.As(err2, &usage) {
			s.Out.Line(render.P(render.Note, "  "+msgFullWidthRead.S(msg.A("fixes", fixesText(fixes)))))
			*err = err2
			return c2, res2, true
		}
	}
	*err = &UsageError{Msg: usage.Msg + msgFullWidthPointer.S(msg.A("fixes", fixesText(fixes)))}
	return nil, nil, false
}

// curlyDataNote says that data holds curly quotes, which are sent as
// they are: a learner in Chinese input mode likely meant ASCII quotes.
func curlyDataNote(c *command, st line.Statement) string {
	// Curly quotes are not ASCII: the usual statement is done at once.
	if c == nil || isASCII(st.Text) || !takesData(c) {
		return ""
	}
	for _, w := range st.Words[1:] {
		if strings.ContainsAny(w, curlyQuotes) {
			return msgCurlyData.S()
		}
	}
	return ""
}

func takesData(c *command) bool {
	for _, p := range c.params {
		if slices.Contains(p.Kinds, "DATA") {
			return true
		}
	}
	return false
}
