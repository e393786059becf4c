package session

import (
	"fmt"
	"strings"
)

// CommandTableMarkdown renders the command table for the README, grouped
// as help groups it. The README's copy is checked against this by a test,
// so the two cannot drift apart.
func CommandTableMarkdown() string {
	var b strings.Builder
	for _, g := range groups {
		fmt.Fprintf(&b, "\n**%s**\n\n| command | Python | what it does |\n|---|---|---|\n", g.title)
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
			fmt.Fprintf(&b, "| `%s` | %s | %s |\n", strings.ReplaceAll(usage, "|", `\|`), strings.ReplaceAll(py, "|", `\|`), strings.ReplaceAll(c.summary, "|", `\|`))
		}
	}
	return b.String()
}
