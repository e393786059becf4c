package session

import (
	"strings"

	"sockrepl/internal/msg"
)

var (
	msgWrongOrder = msg.New("session.wrong-order",
		"{word} is a {kind}; {first} comes first",
		"{word} 是 {kind}；{first} 应在它前面")
	msgKeywordNoValue = msg.New("session.keyword-no-value",
		"{keyword}= needs a value after the =",
		"{keyword}= 的等号后面需要一个值")
	msgGapNoDefault = msg.New("session.keyword-gap",
		"{kind} has no default: give it before {keyword}= or by its own keyword",
		"{kind} 没有默认值：请在 {keyword}= 之前给出它，或用它自己的关键字给出")
)

// pyKeywords: Python takes the command's arguments by keyword too
// (socket.socketpair(type=…)).
func (c *command) pyKeywords() bool {
	for _, p := range c.params {
		if p.PyKeyword {
			return true
		}
	}
	return false
}

// keywordCommand: keyword arguments are bound before the command runs,
// by Python's names for its parameters.
func (c *command) keywordCommand() bool { return c.pyKeywords() }

// keywordArg splits a word written NAME=VALUE where NAME is a Python
// identifier; quoted words and data are never keywords.
func keywordArg(w string) (name, value string, ok bool) {
	i := strings.IndexByte(w, '=')
	if i <= 0 || !isIdent(w[:i]) {
		return "", "", false
	}
	return w[:i], w[i+1:], true
}

func isIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9')) {
			return false
		}
	}
	return s != ""
}

// bindKeywords puts Python's keyword arguments (`socketpair type=dgram`,
// `makefile conn mode=rb`) in their parameters' places, by the command's
// declaration: the positional words first, then each parameter in order,
// a skipped optional one as an empty word, which bind reads as its
// default (no word a user types is empty). As in Python, a keyword argument may not
// come before a positional one, name a parameter twice, or name one the
// call does not have; None stands for a parameter whose default is None.
// Words without keywords come back as they are.
func bindKeywords(c *command, words []string) ([]string, error) {
	if !c.keywordCommand() {
		return words, nil
	}
	var (
		ps       = c.params
		given    []string // by parameter, once a keyword is seen
		has      []bool
		npos     int
		keywords bool
	)
	for _, w := range words {
		k, v, ok := keywordArg(w)
		if !ok {
			if keywords {
				return nil, pyErr("SyntaxError", "positional argument follows keyword argument")
			}
			npos++
			continue
		}
		if v == "" {
			return nil, badArg(c, msgKeywordNoValue.S(msg.A("keyword", k)))
		}
		if !keywords {
			given, has, keywords = make([]string, len(ps)), make([]bool, len(ps)), true
		}
		j := -1
		for i, p := range ps {
			if p.PyKeyword && p.Python == k {
				j = i
			}
		}
		switch {
		case j < 0:
			return nil, pyErr("TypeError", "%s() got an unexpected keyword argument '%s'", c.name, k)
		case has[j]:
			return nil, pyErr("SyntaxError", "keyword argument repeated: %s", k)
		case j < npos:
			return nil, pyErr("TypeError", "%s() got multiple values for argument '%s'", c.name, k)
		}
		given[j], has[j] = v, true
	}
	if !keywords {
		return words, nil
	}
	last := -1
	for j := range ps {
		if has[j] && !(given[j] == "None" && ps[j].Default == "") {
			last = j
		}
	}
	out := append(make([]string, 0, max(last+1, npos)), words[:npos]...)
	for j := npos; j <= last; j++ {
		switch p := ps[j]; {
		case has[j]:
			out = append(out, given[j])
		case p.Optional:
			out = append(out, "") // a gap: the parameter's default
		default:
			return nil, badArg(c, msgGapNoDefault.S(msg.A("kind", p.Synopsis()), msg.A("keyword", ps[last].Python)))
		}
	}
	return out, nil
}

// explainOrder is a better message for a command that refused its words
// when a word is plainly an argument that comes later (`socket
// SOCK_STREAM AF_INET`: a TYPE where the FAMILY goes). Only parameters
// whose kinds say which words fit, and that are not told from the next by
// their look (recv's BUFSIZE), are asked. nil: nothing better to say.
func explainOrder(c *command, words []string) error {
	strict := func(p Param) bool {
		if len(p.Kinds) == 0 || len(p.Choices) > 0 || p.Repeat || p.Keyword != "" {
			return false
		}
		for _, k := range p.Kinds {
			kd := kinds[k]
			if kd == nil || kd.fits == nil || kd.Numeric || k == "LEVEL" {
				return false
			}
		}
		return true
	}
	for i, w := range words {
		if i >= len(c.params) {
			break
		}
		p := c.params[i]
		if p.Repeat || p.Keyword != "" {
			break
		}
		if _, _, kw := keywordArg(w); kw {
			break
		}
		if !strict(p) || p.fits(w) {
			continue
		}
		for _, later := range c.params[i+1:] {
			if strict(later) && later.fits(w) {
				return badArg(c, msgWrongOrder.S(msg.A("word", w), msg.A("kind", later.Kinds[0]), msg.A("first", p.Kinds[0])))
			}
		}
		return nil
	}
	return nil
}
