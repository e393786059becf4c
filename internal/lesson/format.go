// Package lesson runs sockrepl's guided lessons: it reads lesson files (the
// built-in ones are embedded in the binary; a teacher's are read from
// disk), shows a step, and after each statement checks the session's real
// state — the calls made and what came of them, each socket as the kernel
// sees it — never the words typed, so that a learner may use commands,
// Python or any order.
package lesson

import (
	"fmt"

	"sockrepl/internal/msg"
	"strconv"
	"strings"
)

// The lesson format, one file a lesson:
//
//	# a comment
//	lesson  server                      the lesson's name (one word)
//	title.en The server calls           its title, in English and Chinese
//	title.zh 服务端套接字函数
//
//	step                                each step starts with this line
//	do.en   Make a socket and bind it to port 0: `bind srv 127.0.0.1:0`.
//	do.zh   …
//	why.en  …                           why it matters (optional)
//	why.zh  …
//	python  srv.bind(('127.0.0.1', 0))  the tutorial's Python for it
//	|       a line starting with | continues the value above on a new line
//	check   bound port=ephemeral        done when every check holds
//	wrong   bound port=fixed            something that cannot lead there…
//	hint.en You chose the port: …       …and what to tell the learner
//	hint.zh …
//
// A line is a key, blanks, and the value. Texts are given in English
// (.en) and Chinese (.zh); a text given in one language only is shown in
// both. Checks are names from the table in checks.go with KEY=VALUE
// arguments.

// Lang is a language a lesson text is written in: the catalog's.
type Lang = msg.Lang

const (
	EN = msg.EN
	ZH = msg.ZH
)

// Text is one text in both languages.
type Text [2]string

// In returns the text in l, or in the other language when l's is missing.
func (t Text) In(l Lang) string {
	if t[l] != "" {
		return t[l]
	}
	return t[1-l]
}

func (t Text) empty() bool { return t[EN] == "" && t[ZH] == "" }

// Lesson is one parsed lesson file.
type Lesson struct {
	Name   string
	Title  Text
	Steps  []*Step
	Source string // where it came from: "built-in" or the file's path
}

// Step is one step of a lesson.
type Step struct {
	Line   int // where it starts in its file
	Do     Text
	Why    Text
	Python string
	Checks []*Pred
	Wrongs []*Wrong
}

// Wrong is something a learner may do that cannot lead to the step's goal,
// and the hint that says so.
type Wrong struct {
	Pred *Pred
	Hint Text
}

// LineError is one problem in a lesson file.
type LineError struct {
	Line int
	Msg  string
}

func (e LineError) Error() string { return "line " + strconv.Itoa(e.Line) + ": " + e.Msg }

// Limits on what a lesson file may hold: a file is read whole.
const (
	maxFileSize = 1 << 20
	maxSteps    = 100
)

// textKeys are the keys that hold a text, and where it goes.
var textKeys = map[string]func(l *Lesson, st *Step) *Text{
	"title": func(l *Lesson, _ *Step) *Text { return &l.Title },
	"do":    func(_ *Lesson, st *Step) *Text { return &st.Do },
	"why":   func(_ *Lesson, st *Step) *Text { return &st.Why },
	"hint": func(_ *Lesson, st *Step) *Text {
		if len(st.Wrongs) == 0 {
			return nil
		}
		return &st.Wrongs[len(st.Wrongs)-1].Hint
	},
}

// Parse reads a lesson file. It returns every problem found, each with
// its line number; the lesson is usable only when there are none.
func Parse(src []byte, source string) (*Lesson, []LineError) {
	l := &Lesson{Source: source}
	var errs []LineError
	bad := func(n int, format string, a ...any) {
		if len(errs) < 50 {
			errs = append(errs, LineError{n, fmt.Sprintf(format, a...)})
		}
	}
	if len(src) > maxFileSize {
		return nil, []LineError{{0, msgFileTooBig.S(msg.A("n", len(src)), msg.A("max", maxFileSize))}}
	}
	var (
		step *Step
		last *string // the value a | line continues
		col  int     // the column where that value began
	)
	for i, raw := range strings.Split(string(src), "\n") {
		n := i + 1
		text := strings.TrimRight(raw, " \t\r")
		trimmed := strings.TrimLeft(text, " \t")
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		if strings.HasPrefix(trimmed, "|") {
			if last == nil {
				bad(n, "%s", msgNoContinue.S())
				continue
			}
			*last += "\n" + continued(text, col)
			continue
		}
		last = nil
		key, value, _ := strings.Cut(trimmed, " ")
		if k, v, ok := strings.Cut(trimmed, "\t"); ok && len(k) < len(key) {
			key, value = k, v
		}
		value = strings.TrimSpace(value)
		afterKey := len(text) - len(trimmed) + len(key)
		col = len(text) - len(strings.TrimLeft(text[afterKey:], " \t"))
		base, langName, hasLang := strings.Cut(key, ".")
		switch {
		case key == "lesson":
			if l.Name != "" {
				bad(n, "%s", msgSecondLesson.S())
			} else if !isWord(value) {
				bad(n, "%s", msgLessonName.S(msg.A("value", strconv.Quote(value))))
			} else {
				l.Name = value
			}
		case key == "step":
			if value != "" {
				bad(n, "%s", msgStepNothing.S())
			}
			if len(l.Steps) >= maxSteps {
				bad(n, "%s", msgTooManySteps.S(msg.A("max", maxSteps)))
				continue
			}
			step = &Step{Line: n}
			l.Steps = append(l.Steps, step)
		case key == "python", key == "check", key == "wrong":
			if step == nil {
				bad(n, "%s", msgBeforeFirstStep.S(msg.A("key", key)))
				continue
			}
			if value == "" {
				bad(n, "%s", msgNeedsValue.S(msg.A("key", key)))
				continue
			}
			switch key {
			case "python":
				if step.Python != "" {
					bad(n, "%s", msgSecondPython.S())
					continue
				}
				step.Python = value
				last = &step.Python
			case "check", "wrong":
				p, err := parsePred(value)
				if err != nil {
					bad(n, "%s", msgKeyErr.S(msg.A("key", key), msg.A("err", err)))
					if key == "wrong" {
						// Its hints still have a wrong to follow: one
						// mistake, one error.
						step.Wrongs = append(step.Wrongs, &Wrong{Pred: &Pred{Line: n}})
					}
					continue
				}
				p.Line = n
				if key == "check" {
					step.Checks = append(step.Checks, p)
				} else {
					step.Wrongs = append(step.Wrongs, &Wrong{Pred: p})
				}
			}
		case textKeys[base] != nil:
			lang, ok := langOf(langName)
			if !hasLang || !ok {
				bad(n, "%s", msgNeedsLanguage.S(msg.A("key", key), msg.A("base", base)))
				continue
			}
			if base != "title" && step == nil {
				bad(n, "%s", msgBeforeFirstStep.S(msg.A("key", key)))
				continue
			}
			if base == "title" && step != nil {
				bad(n, "%s", msgTitleFirst.S())
				continue
			}
			t := textKeys[base](l, step)
			if t == nil {
				bad(n, "%s", msgFollowWrong.S(msg.A("key", key)))
				continue
			}
			if value == "" {
				bad(n, "%s", msgNeedsText.S(msg.A("key", key)))
				continue
			}
			if t[lang] != "" {
				bad(n, "%s", msgSecondKey.S(msg.A("key", key)))
				continue
			}
			t[lang] = value
			last = &t[lang]
		default:
			bad(n, "%s", msgUnknownKey.S(msg.A("key", strconv.Quote(key))))
		}
	}
	if l.Name == "" {
		bad(1, "%s", msgNoLessonLine.S())
	}
	if l.Title.empty() {
		bad(1, "%s", msgNoTitle.S())
	}
	if len(l.Steps) == 0 {
		bad(1, "%s", msgNoSteps.S())
	}
	for _, st := range l.Steps {
		if st.Do.empty() {
			bad(st.Line, "%s", msgNothingToDo.S())
		}
		if len(st.Checks) == 0 {
			bad(st.Line, "%s", msgNoCheck.S())
		}
		for _, w := range st.Wrongs {
			if w.Hint.empty() && w.Pred.def != nil {
				bad(w.Pred.Line, "%s", msgWrongNoHint.S())
			}
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return l, nil
}

// continued is the text of a | line. It starts in the column where the
// value it continues started, so that the blanks beyond that column are
// kept (Python's indentation); a line not aligned so drops the | and one
// blank.
func continued(text string, col int) string {
	i := strings.IndexByte(text, '|')
	if col > i && len(text) >= col && strings.TrimLeft(text[i+1:col], " \t") == "" {
		return text[col:]
	}
	if len(text) > i+1 && text[i+1] == ' ' || len(text) > i+1 && text[i+1] == '\t' {
		return text[i+2:]
	}
	return text[i+1:]
}

func langOf(s string) (Lang, bool) {
	switch s {
	case "en":
		return EN, true
	case "zh":
		return ZH, true
	}
	return EN, false
}

// isWord: a lesson's name, typed after `lesson`.
func isWord(s string) bool {
	if s == "" || len(s) > 40 {
		return false
	}
	for _, r := range s {
		if !(r == '-' || r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// Missing lists the texts a lesson lacks in one of its languages (the
// built-in lessons must have both).
func (l *Lesson) Missing() []string {
	var out []string
	check := func(what string, t Text, line int) {
		for lang, name := range []string{"en", "zh"} {
			if t[lang] == "" {
				out = append(out, fmt.Sprintf("line %d: %s has no .%s text", line, what, name))
			}
		}
	}
	check("the title", l.Title, 1)
	for _, st := range l.Steps {
		check("do", st.Do, st.Line)
		if !st.Why.empty() {
			check("why", st.Why, st.Line)
		}
		for _, w := range st.Wrongs {
			check("hint", w.Hint, w.Pred.Line)
		}
	}
	return out
}
