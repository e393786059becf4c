package msg_test

import (
	"regexp"
	"strings"
	"testing"

	"sockrepl/internal/cli"
	"sockrepl/internal/msg"
	"sockrepl/internal/session"
)

// Importing cli links every package that prints, and with them every
// message they declare.
var _ = cli.Main

// TestEveryMessageInBothLanguages: each message has an English and a
// Chinese text, both parse, both take the same named arguments, and no
// two messages share an identifier.
func TestEveryMessageInBothLanguages(t *testing.T) {
	session.KindOf("H").WhatText() // the kinds' texts are declared on first use
	seen := map[string]bool{}
	n := 0
	for _, m := range msg.All() {
		if strings.HasPrefix(m.ID(), "test.") {
			continue
		}
		n++
		if seen[m.ID()] {
			t.Errorf("two messages are called %s", m.ID())
		}
		seen[m.ID()] = true
		if err := m.Check(); err != nil {
			t.Error(err)
		}
		if m.Text(msg.EN) == m.Text(msg.ZH) && hasLetters(m.Text(msg.EN)) {
			t.Errorf("%s: the Chinese text is the English one: %q", m.ID(), m.Text(msg.EN))
		}
	}
	if n < 300 {
		t.Errorf("only %d messages: the catalog did not load", n)
	}
}

func hasLetters(s string) bool {
	return regexp.MustCompile(`[a-z]{3,} [a-z]{2,}`).MatchString(s)
}
