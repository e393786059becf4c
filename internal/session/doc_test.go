package session

import (
	"flag"
	"os"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the README's command table")

const (
	tableStart = "<!-- commands:start (generated from the command table: go test ./internal/session -run TestReadmeTable -update) -->"
	tableEnd   = "<!-- commands:end -->"
)

// TestReadmeTable fails when the README's command table is not what the
// command table says.
func TestReadmeTable(t *testing.T) {
	const path = "../../README.md"
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	readme := string(data)
	i, j := strings.Index(readme, tableStart), strings.Index(readme, tableEnd)
	if i < 0 || j < i {
		t.Fatalf("README.md lacks the markers %q and %q", tableStart, tableEnd)
	}
	want := tableStart + "\n" + CommandTableMarkdown() + "\n" + tableEnd
	got := readme[i : j+len(tableEnd)]
	if got == want {
		return
	}
	if *update {
		if err := os.WriteFile(path, []byte(readme[:i]+want+readme[j+len(tableEnd):]), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	t.Errorf("README.md's command table is stale; run: go test ./internal/session -run TestReadmeTable -update")
}
