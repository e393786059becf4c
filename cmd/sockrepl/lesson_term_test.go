package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLessonTerminal takes the server lesson in a terminal, in English
// and in Chinese: the prompt shows the step, each step is checked after
// the statement that does it, the prompt loses the step when the lesson is
// done, and the progress is kept beside the history (a file only the user
// can read) for the next session to show.
func TestLessonTerminal(t *testing.T) {
	for _, tc := range []struct {
		lang, pass, done, listed, wrong string
	}{
		{"C.UTF-8", "[✓] step %d/5 done", "lesson server done: 5/5 steps", "(5/5 steps done)", "[✗] That connect waited for the full queue until Ctrl-C"},
		{"zh_CN.UTF-8", "[✓] 第 %d/5 步完成", "课程 server 结束：完成 5/5 步", "（已完成 5/5 步）", "[✗] 这个 connect 因为队列已满一直等待"},
	} {
		t.Run(tc.lang, func(t *testing.T) {
			dir := t.TempDir()
			hist := filepath.Join(dir, "state", "history")
			env := []string{"LANG=" + tc.lang, "NO_COLOR=1", "SOCKREPL_HISTORY=" + hist}
			tm := startTerm(t, sockreplBin(), env...)
			out := tm.run("lesson server")
			if !strings.Contains(out, "srv.bind(('127.0.0.1', 0))") {
				t.Fatalf("lesson server: want its first step with the tutorial's Python, got:\n%s", out)
			}
			tm.waitFor("[1/5] sockrepl> ", 1)
			steps := [][]string{
				{"srv = socket", "bind srv 127.0.0.1:0"},
				{"listen srv 1"},
				{"cli = socket", "connect cli $srv"},
				{"conn = accept srv"},
				{"c2 = socket", "connect c2 $srv", "c3 = socket", "connect c3 $srv", "c4 = socket", "CTRL-C connect c4 $srv", "c5 = socket", "settimeout c5 1", "connect c5 $srv"},
			}
			for i, lines := range steps {
				n := i + 1
				for j, l := range lines {
					if cmd, ok := strings.CutPrefix(l, "CTRL-C "); ok {
						// A connect to the full queue waits; Ctrl-C ends
						// it, and the step names that as a wrong.
						prompts := strings.Count(tm.screen(), "sockrepl>")
						tm.typeLine(cmd)
						// The status line of a call that waits says Ctrl-C
						// ends it: the shell is in the wait.
						tm.waitFor("Ctrl-C", strings.Count(tm.screen(), "Ctrl-C")+1)
						tm.keys("C-c")
						out = lastBlock(tm.waitFor("sockrepl>", prompts+1), cmd)
						if !strings.Contains(out, "interrupted") || !strings.Contains(out, tc.wrong) {
							t.Fatalf("Ctrl-C in a connect to the full queue: want interrupted and the step's hint %q, got:\n%s", tc.wrong, out)
						}
						continue
					}
					out = tm.run(l)
					pass := strings.Contains(out, strings.Replace(tc.pass, "%d", strconv.Itoa(n), 1))
					if last := j == len(lines)-1; pass != last {
						t.Fatalf("step %d after %q: passed=%v, want %v; the screen shows:\n%s", n, l, pass, last, tm.screen())
					}
				}
				if n < 5 {
					tm.waitFor("["+strconv.Itoa(n+1)+"/5] sockrepl> ", 1)
				}
			}
			if !strings.Contains(out, tc.done) {
				t.Fatalf("the last step: want %q, got:\n%s", tc.done, out)
			}
			if s := strings.TrimRight(tm.screen(), " "); !strings.HasSuffix(s, "\nsockrepl>") {
				t.Fatalf("after the lesson the prompt should be plain again; the screen ends:\n%s", s[max(0, len(s)-200):])
			}
			progress := filepath.Join(dir, "state", "lessons")
			fi, err := os.Stat(progress)
			if err != nil {
				t.Fatalf("no progress kept beside the history: %v", err)
			}
			if fi.Mode().Perm() != 0o600 {
				t.Errorf("progress file mode %v, want 0600", fi.Mode().Perm())
			}
			if b, _ := os.ReadFile(progress); string(b) != "server 1 2 3 4 5\n" {
				t.Errorf("progress file holds %q", b)
			}
			tm.typeLine("quit")

			// A new session shows the progress.
			tm2 := startTerm(t, sockreplBin(), env...)
			out = tm2.run("lesson")
			found := false
			for _, l := range strings.Split(out, "\n") {
				if strings.Contains(l, " server ") {
					found = true
					if !strings.Contains(l, tc.listed) {
						t.Errorf("lesson lists server without its progress %q: %q", tc.listed, l)
					}
				}
			}
			if !found {
				t.Errorf("lesson does not list server:\n%s", out)
			}
		})
	}
}
