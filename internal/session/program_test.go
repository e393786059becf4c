package session

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A session keeps a bounded number of statements for save, and save says
// when it kept no more; the program it writes holds the first ones only,
// never a gap.
func TestSaveKeepsABoundedProgram(t *testing.T) {
	s, out := newTestSession(t)
	long := "echo " + strings.Repeat("x", 1<<19)
	for range 40 { // 40 half-MiB lines: more than the byte bound
		s.ExecLine(long)
	}
	for range maxSteps { // then more lines than the count bound
		s.ExecLine("echo y")
	}
	if s.programBytes > maxStepBytes || len(s.program) > maxSteps {
		t.Fatalf("kept %d statements, %d bytes; bounds %d, %d", len(s.program), s.programBytes, maxSteps, maxStepBytes)
	}
	path := filepath.Join(t.TempDir(), "p.sock")
	out.Reset()
	s.ExecLine("save " + path)
	if !strings.Contains(out.String(), "statements of the session are kept") {
		t.Errorf("save did not say it kept no more: %q", out.String())
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "echo y") {
		t.Errorf("statements after the bound was reached were saved")
	}
}
