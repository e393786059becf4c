package session

import (
	"fmt"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
)

// CommandTableMarkdown renders the command table for the README, grouped
// as help groups it. The README's copy is checked against this by a test,
// so the two cannot drift apart.
func CommandTableMarkdown() string {
	var b strings.Builder
	for _, g := range groups {
		fmt.Fprintf(&b, "\n**%s**\n\n| command | Python | what it does |\n|---|---|---|\n", g.title.In(msg.EN))
		for _, c := range commands {
			if c.group != g.key {
				continue
			}
			py := c.python
			if py != "" {
				py = "`" + py + "`"
			}
			usage := c.usage()
			for _, al := range c.aliases {
				usage += "`, `" + al
			}
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", strings.ReplaceAll(usage, "|", `\|`), strings.ReplaceAll(py, "|", `\|`), strings.ReplaceAll(c.summary.In(msg.EN), "|", `\|`))
		}
	}
	return b.String()
}

// CommandInfo is what completion, documentation and a Python binding read
// of a command-table row. Params is its declaration; Args is the synopsis
// rendered from it ("H [BUFSIZE] [FLAGS]").
type CommandInfo struct {
	Name    string
	Aliases []string
	Group   string
	Params  []Param
	Args    string
	Python  string // the Python call it mirrors: "s.recv(bufsize, flags)"
	Summary string
	Example string
	Errnos  []unix.Errno // what it commonly fails with
	Creates int          // handles it makes, which NAME = names
	// Keywords: its Python parameters (Param.Python, where PyKeyword) may
	// be written NAME=VALUE, as in Python: socketpair type=dgram.
	Keywords bool
}

// Commands lists the command table in help order.
func Commands() []CommandInfo {
	out := make([]CommandInfo, 0, len(commands))
	for _, c := range commands {
		out = append(out, CommandInfo{Name: c.name, Aliases: c.aliases, Group: c.group, Params: c.params, Args: synopsis(c.params),
			Python: c.python, Summary: c.summary.S(), Example: c.example, Errnos: c.errnos, Creates: c.creates, Keywords: c.pyKeywords()})
	}
	return out
}

// HelpTopics lists the help pages that are not commands (help modes…).
func HelpTopics() []string {
	out := make([]string, len(topics))
	for i, t := range topics {
		out[i] = t.name
	}
	return out
}
