package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestPythonREPL runs each session of testdata/pyrepl in Python's own
// interactive console (testdata/pyrepl.py) and in sockrepl, and wants the
// same output: what the REPL prints for each line. sockrepl's notes and
// hints (lines starting with two blanks) are left out, as SPEC.md says a
// transcript without them reads as Python's; ports and descriptors, which
// differ from run to run, are normalised in both.
func TestPythonREPL(t *testing.T) {
	python := needTool(t, "python3")
	files, err := filepath.Glob(filepath.Join("..", "..", "testdata", "pyrepl", "*.py"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 40 {
		t.Fatalf("%d sessions in testdata/pyrepl; the corpus has at least 40", len(files))
	}
	ref, err := filepath.Abs(filepath.Join("..", "..", "testdata", "pyrepl.py"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range files {
		name := strings.TrimSuffix(filepath.Base(file), ".py")
		file, err := filepath.Abs(file)
		if err != nil {
			t.Fatal(err)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			skipUnlessHolds(t, python, file)
			// Each session runs in a directory of its own, so the files
			// a session makes (a unix socket's path) are its own.
			dir := t.TempDir()
			want, stderr, err := runInDir(t, dir, []string{python, "-X", "utf8", ref, file}, nil)
			if err != nil {
				t.Fatalf("python3 %s: %v\n%s%s", ref, err, want, stderr)
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			// The blank line ends a block left open at the end, as the
			// reference's last push("") does.
			clearDir(t, dir)
			got, stderr, err := runInDir(t, dir, []string{sockreplBin(), "-q"}, append(src, '\n'), "NO_COLOR=1")
			if err != nil && len(got) == 0 {
				t.Fatalf("sockrepl: %v\n%s", err, stderr)
			}
			w, g := normalise(string(want)), normalise(withoutNotes(string(got)))
			if w != g {
				t.Errorf("%s: sockrepl prints what Python's REPL does not\n--- python3:\n%s--- sockrepl:\n%s", filepath.Base(file), w, g)
			}
		})
	}
}

// withoutNotes drops sockrepl's own lines: those that start with two
// blanks, and the summary of expectations.
func withoutNotes(out string) string {
	var keep []string
	for _, l := range strings.SplitAfter(out, "\n") {
		if strings.HasPrefix(l, "  ") {
			continue
		}
		keep = append(keep, l)
	}
	return strings.Join(keep, "")
}

var (
	portRE = regexp.MustCompile(`('(?:127\.0\.0\.1|0\.0\.0\.0|::1|::)', )\d+`)
	fdRE   = regexp.MustCompile(`\b(fd|name)=\d+`)
	// An object's address, in the reprs that show one (<function f at
	// 0x7f…>), is the process's own.
	addrRE = regexp.MustCompile(` at 0x[0-9a-f]+>`)
)

func normalise(s string) string {
	s = portRE.ReplaceAllString(s, "${1}PORT")
	s = addrRE.ReplaceAllString(s, " at 0xADDR>")
	return fdRE.ReplaceAllString(s, "${1}=N")
}

// clearDir removes what the reference run left in dir.
func clearDir(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if err := os.RemoveAll(filepath.Join(dir, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
}
