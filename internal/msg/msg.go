// Package msg is sockrepl's message catalog: every sentence the shell says
// to a learner has an identifier and a text in each language, English and
// Simplified Chinese. Names of commands, errnos, options and flags, and
// what the system or Python says (ECONNREFUSED (111) Connection refused,
// reprs), are not messages: they never change with the language.
//
// # Declaring messages
//
// A message is declared once, beside the table or the code it belongs to
// (the command table's summaries in the command table, the errno table's
// hints in the errno table, a package's error messages in its
// messages.go), with New:
//
//	var errUnknownCommand = msg.New("session.unknown-command",
//		"unknown command {word}; help lists the commands",
//		"没有 {word} 这个命令；help 列出所有命令")
//
// The identifier is "package.what", unique in the program. Arguments are
// named, so that each language puts them where its word order wants:
// {name} is replaced by the argument of that name. {name|one|other}
// prints one when the argument is 1 and other otherwise (English plurals:
// "{n} {n|byte|bytes}"); Chinese needs none. {{ and }} are a brace.
// Both texts of a message must use the same argument names (a test checks
// every message). The Chinese follows docs/glossary.zh.md.
//
// # Using them
//
//	errUnknownCommand.S(msg.A("word", quoted))   // in the current language
//	summary.S()                                   // no arguments
//	m.In(msg.ZH, ...)                             // in a given language
//
// S formats in the language chosen for the whole program (Current): the
// shell has one session and one learner. Keep the *M, not its text, in
// tables, so that `set lang` changes what help prints next.
//
// # Choosing the language
//
// --lang en|zh and `set lang en|zh` call Set; otherwise the locale does
// (FromEnv: LC_ALL, then LC_MESSAGES, then LANG; any zh… locale — zh_CN,
// zh_SG, zh_TW, zh_HK, zh — picks Simplified Chinese); English otherwise.
package msg

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
)

// Lang is a language sockrepl speaks.
type Lang uint32

const (
	EN Lang = iota // English, the default
	ZH             // Simplified Chinese
	numLangs
)

// Langs lists every language, in order.
var Langs = []Lang{EN, ZH}

// Code is the language's short name, as --lang and `set lang` take it.
func (l Lang) Code() string {
	if l == ZH {
		return "zh"
	}
	return "en"
}

func (l Lang) String() string { return l.Code() }

var current atomic.Uint32

// Current is the language messages are printed in.
func Current() Lang { return Lang(current.Load()) }

// Set makes l the language of every message printed from now on.
func Set(l Lang) { current.Store(uint32(l)) }

// Parse reads a language as --lang and `set lang` take it: en or zh, or
// any language tag or locale name (zh_CN, zh-Hant, en_US.UTF-8).
// Chinese in any region or script is Simplified Chinese, the one Chinese
// sockrepl has; other languages are not spoken.
func Parse(s string) (Lang, bool) {
	s = strings.TrimSpace(s)
	// A POSIX locale name carries a codeset and a modifier that BCP 47
	// has no place for: zh_CN.UTF-8@pinyin.
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	if s == "" || s == "C" || s == "POSIX" {
		return EN, s != ""
	}
	tag, err := language.Parse(s)
	if err != nil {
		return EN, false
	}
	switch base, _ := tag.Base(); base.String() {
	case "zh":
		return ZH, true
	case "en":
		return EN, true
	}
	return EN, false
}

// FromEnv picks the language from the locale as the C library does for
// messages: the first of LC_ALL, LC_MESSAGES and LANG that is set and not
// empty decides. A locale of a language sockrepl does not speak, or none,
// gives English.
func FromEnv(getenv func(string) string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc := getenv(v); loc != "" {
			l, _ := Parse(loc)
			return l
		}
	}
	return EN
}

// M is one message: an identifier and a text in each language.
type M struct {
	id   string
	text [numLangs]string
	once [numLangs]sync.Once
	segs [numLangs][]segment // text parsed on first use
}

// segment is a run of text, an argument, or a choice by an argument.
type segment struct {
	lit        string
	arg        string // argument name; "" for a literal
	one, other string
	choice     bool
}

var all []*M

// New declares a message. Call it from a package-level declaration (a
// table row, a var), never in a loop: every message lives for the whole
// run and All lists them for the tests.
func New(id, en, zh string) *M {
	m := &M{id: id, text: [numLangs]string{en, zh}}
	all = append(all, m)
	return m
}

// All lists every message declared, for the catalog's tests.
func All() []*M { return all }

// ID is the message's identifier.
func (m *M) ID() string { return m.id }

// Text is the message's text in l, unformatted.
func (m *M) Text(l Lang) string { return m.text[l] }

// List joins items as a list is written in l: "a, b, c" in English,
// "a、b、c" in Chinese, with the enumeration comma.
func List(l Lang, items []string) string {
	if l == ZH {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}

// Arg is a named argument.
type Arg struct {
	Name  string
	Value any
}

// A names an argument: a string, an integer, a float, an error or a
// fmt.Stringer (anything else prints as fmt's %v).
func A(name string, v any) Arg { return Arg{name, v} }

// S is the message in the current language with its arguments filled in.
func (m *M) S(args ...Arg) string { return m.In(Current(), args...) }

// String is the message in the current language, for a message without
// arguments.
func (m *M) String() string { return m.S() }

// In is the message in l with its arguments filled in. A placeholder
// without an argument is printed as it is written, so a mistake shows.
func (m *M) In(l Lang, args ...Arg) string {
	segs := m.parsed(l)
	if len(segs) == 1 && segs[0].arg == "" {
		return segs[0].lit
	}
	var b strings.Builder
	b.Grow(len(m.text[l]) + 16) // one allocation for the usual message
	for _, sg := range segs {
		text := sg.lit
		if sg.arg != "" {
			v, ok := lookup(args, sg.arg)
			switch {
			case !ok:
			case sg.choice && v == "1":
				text = sg.one
			case sg.choice:
				text = sg.other
			default:
				text = v
			}
		}
		if l == ZH && needsBlank(b.String(), text) {
			b.WriteByte(' ')
		}
		b.WriteString(text)
	}
	return b.String()
}

// needsBlank: Chinese text sets Latin words and numbers off by a blank
// ("缺少 lang 的值"). Where an argument meets the text around it, the
// blank is added if neither side has one, so that a text need not guess
// what its arguments start or end with.
func needsBlank(before, after string) bool {
	if before == "" || after == "" {
		return false
	}
	r1, _ := utf8.DecodeLastRuneInString(before)
	r2, _ := utf8.DecodeRuneInString(after)
	return isHan(r1) && isLatin(r2) || isLatin(r1) && isHan(r2)
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func isLatin(r rune) bool {
	return r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r) || r == '`' || r == '$' || r == '#' || r == '"' || r == '\'')
}

func lookup(args []Arg, name string) (string, bool) {
	for _, a := range args {
		if a.Name == name {
			return format(a.Value), true
		}
	}
	return "", false
}

func format(v any) string {
	switch v := v.(type) {
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case error:
		return v.Error()
	case fmt.Stringer:
		return v.String()
	}
	return fmt.Sprint(v)
}

func (m *M) parsed(l Lang) []segment {
	m.once[l].Do(func() {
		segs, err := parse(m.text[l])
		if err != nil {
			// A broken text prints as written; the catalog test fails.
			segs = []segment{{lit: m.text[l]}}
		}
		m.segs[l] = segs
	})
	return m.segs[l]
}

// parse splits a text into literal runs and placeholders.
func parse(text string) ([]segment, error) {
	var segs []segment
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			segs = append(segs, segment{lit: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(text); i++ {
		c := text[i]
		switch {
		case c == '{' && i+1 < len(text) && text[i+1] == '{',
			c == '}' && i+1 < len(text) && text[i+1] == '}':
			lit.WriteByte(c)
			i++
		case c == '{':
			end := strings.IndexByte(text[i:], '}')
			if end < 0 {
				return nil, fmt.Errorf("unclosed { at byte %d", i)
			}
			body := text[i+1 : i+end]
			sg := segment{lit: text[i : i+end+1]}
			if name, rest, ok := strings.Cut(body, "|"); ok {
				one, other, ok2 := strings.Cut(rest, "|")
				if !ok2 || strings.Contains(other, "|") {
					return nil, fmt.Errorf("choice {%s} needs exactly {name|one|other}", body)
				}
				sg.arg, sg.one, sg.other, sg.choice = name, one, other, true
			} else {
				sg.arg = body
			}
			if !validName(sg.arg) {
				return nil, fmt.Errorf("bad argument name in {%s}", body)
			}
			flush()
			segs = append(segs, sg)
			i += end
		case c == '}':
			return nil, fmt.Errorf("lone } at byte %d (write }} for a brace)", i)
		default:
			lit.WriteByte(c)
		}
	}
	flush()
	if len(segs) == 0 {
		segs = []segment{{}}
	}
	return segs, nil
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || i > 0 && c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// Check reports what is wrong with a message: a text that is empty or does
// not parse, or languages that do not take the same arguments.
func (m *M) Check() error {
	var names [numLangs]map[string]bool
	for _, l := range Langs {
		if strings.TrimSpace(m.text[l]) == "" && m.text[EN] != "" {
			return fmt.Errorf("%s: no %s text", m.id, l)
		}
		segs, err := parse(m.text[l])
		if err != nil {
			return fmt.Errorf("%s (%s): %v", m.id, l, err)
		}
		names[l] = map[string]bool{}
		for _, sg := range segs {
			if sg.arg != "" {
				names[l][sg.arg] = true
			}
		}
	}
	for _, l := range Langs[1:] {
		for n := range names[EN] {
			if !names[l][n] {
				return fmt.Errorf("%s: {%s} is in the en text but not in the %s one", m.id, n, l)
			}
		}
		for n := range names[l] {
			if !names[EN][n] {
				return fmt.Errorf("%s: {%s} is in the %s text but not in the en one", m.id, n, l)
			}
		}
	}
	return nil
}

// Args lists the argument names a message takes, for tests and tools.
func (m *M) Args() []string {
	segs, _ := parse(m.text[EN])
	var out []string
	seen := map[string]bool{}
	for _, sg := range segs {
		if sg.arg != "" && !seen[sg.arg] {
			seen[sg.arg] = true
			out = append(out, sg.arg)
		}
	}
	return out
}
