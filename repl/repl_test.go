package repl

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"sockrepl/internal/complete"
	"sockrepl/internal/rawfile"
)

func view(color bool, hs ...complete.Handle) *sessionView {
	return &sessionView{env: complete.Env{Handles: hs}, color: color}
}

func TestCompleterDo(t *testing.T) {
	c := &completer{view: view(false, complete.Handle{ID: 1, Name: "srv"})}
	tests := []struct {
		line string
		pos  int
		want []string
		n    int
	}{
		{"bi", 2, []string{"nd "}, 2},
		{"so", 2, []string{"cket ", "cketpair ", "urce "}, 2},
		{"bind s", 6, []string{"rv "}, 1},
		{"socket fil", 10, []string{"eno="}, 3},
		{"getsockopt srv so_rcvb", 22, []string{"uf ", "ufforce "}, 7},
		// The cursor decides, not the end of the line.
		{"bi srv", 2, []string{"nd "}, 2},
		{"bind ", 5, []string{"srv ", "#1 "}, 0},
	}
	for _, tc := range tests {
		got, n := c.Do([]rune(tc.line), tc.pos)
		var gs []string
		for _, g := range got {
			gs = append(gs, string(g))
		}
		if !reflect.DeepEqual(gs, tc.want) || n != tc.n {
			t.Errorf("Do(%q, %d) = %q, %d; want %q, %d", tc.line, tc.pos, gs, n, tc.want, tc.n)
		}
	}
}

func TestHintPainter(t *testing.T) {
	p := &hintPainter{view: view(true, complete.Handle{ID: 1, Name: "srv"}), promptWidth: len(Prompt), screenWidth: func() int { return 80 }}
	line := []rune("bind 1 ")
	got := string(p.Paint(line, len(line)))
	hint := "ADDR  e.g. 127.0.0.1:8080"
	want := "bind 1 \x1b[2m" + hint + "\x1b[22m\x1b[" + fmt.Sprint(len(hint)) + "D"
	if got != want {
		t.Errorf("Paint(%q) = %q, want %q", string(line), got, want)
	}
	// The line itself is never changed.
	if string(line) != "bind 1 " {
		t.Errorf("Paint changed its line to %q", string(line))
	}

	for _, tc := range []struct {
		name string
		p    *hintPainter
		line string
		pos  int
	}{
		{"cursor inside the line", p, "bind 1 ", 3},
		{"nothing to hint", p, "bind 1 127.0.0.1:0", 18},
		{"the line was entered", p, "bind 1 \n", 8},
		{"color is off", &hintPainter{view: view(false), promptWidth: 10}, "bind 1 ", 7},
		{"searching history", &hintPainter{view: view(true), promptWidth: 10, searching: func() bool { return true }}, "bind 1 ", 7},
		{"no room on the row", &hintPainter{view: view(true), promptWidth: 10, screenWidth: func() int { return 19 }}, "bind 1 ", 7},
	} {
		if got := string(tc.p.Paint([]rune(tc.line), tc.pos)); got != tc.line {
			t.Errorf("%s: Paint(%q, %d) = %q, want the line unchanged", tc.name, tc.line, tc.pos, got)
		}
	}

	// A hint longer than the room left is cut, never wrapped.
	narrow := &hintPainter{view: view(true), promptWidth: 10, screenWidth: func() int { return 30 }}
	got = string(narrow.Paint(line, len(line)))
	// 30 columns less the prompt, the line and one to spare: 12.
	if !strings.Contains(got, "\x1b[2mADDR  e.g. …\x1b[22m") || !strings.HasSuffix(got, "\x1b[12D") {
		t.Errorf("narrow terminal: Paint = %q, want the hint cut to 12 columns", got)
	}
}

func TestHistoryPath(t *testing.T) {
	t.Setenv("HOME", "/home/learner")
	t.Setenv("XDG_STATE_HOME", "")
	t.Setenv("SOCKREPL_HISTORY", "") // restored after the test
	os.Unsetenv("SOCKREPL_HISTORY")
	if got, want := HistoryPath(), "/home/learner/.local/state/sockrepl/history"; got != want {
		t.Errorf("default: %q, want %q", got, want)
	}
	t.Setenv("XDG_STATE_HOME", "/xdg/state")
	if got, want := HistoryPath(), "/xdg/state/sockrepl/history"; got != want {
		t.Errorf("XDG_STATE_HOME: %q, want %q", got, want)
	}
	t.Setenv("XDG_STATE_HOME", "relative/ignored")
	if got, want := HistoryPath(), "/home/learner/.local/state/sockrepl/history"; got != want {
		t.Errorf("relative XDG_STATE_HOME: %q, want %q", got, want)
	}
	t.Setenv("SOCKREPL_HISTORY", "/tmp/h")
	if got := HistoryPath(); got != "/tmp/h" {
		t.Errorf("SOCKREPL_HISTORY: %q", got)
	}
	t.Setenv("SOCKREPL_HISTORY", "")
	if got := HistoryPath(); got != "" {
		t.Errorf("SOCKREPL_HISTORY empty: %q, want no history", got)
	}
}

func TestHistoryFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state", "sockrepl", "history")
	h, lines, err := openHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(lines) != 0 {
		t.Errorf("new history has lines %q", lines)
	}
	if fd := h.f.Fd(); fd < rawfile.High {
		t.Errorf("history is fd %d, want %d or above", fd, rawfile.High)
	}
	for _, l := range []string{"socket", "socket ", "  ", "", "bind 1 :0", "x\ny", strings.Repeat("x", maxHistoryLine+1), "socket"} {
		h.add(l)
	}
	h.close()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("history file mode %v, want 0600", fi.Mode().Perm())
	}
	if di, _ := os.Stat(filepath.Dir(path)); di.Mode().Perm() != 0o700 {
		t.Errorf("history directory mode %v, want 0700", di.Mode().Perm())
	}
	b, _ := os.ReadFile(path)
	if got, want := string(b), "socket\nbind 1 :0\nsocket\n"; got != want {
		t.Errorf("history file holds %q, want %q", got, want)
	}

	// A file others can read is made private; its lines come back.
	os.Chmod(path, 0o644)
	h, lines, err = openHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	h.close()
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("an existing 0644 history file was left %v", fi.Mode().Perm())
	}
	if want := []string{"socket", "bind 1 :0", "socket"}; !reflect.DeepEqual(lines, want) {
		t.Errorf("lines %q, want %q", lines, want)
	}
}

func TestHistoryTrimmed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history")
	var b strings.Builder
	for i := 0; i < 2*maxHistory+10; i++ {
		fmt.Fprintf(&b, "echo %d\n", i)
	}
	os.WriteFile(path, []byte(b.String()), 0o600)
	h, lines, err := openHistory(path)
	if err != nil {
		t.Fatal(err)
	}
	h.add("echo last")
	h.close()
	if len(lines) != maxHistory || lines[0] != fmt.Sprintf("echo %d", maxHistory+10) {
		t.Errorf("got %d lines starting %q", len(lines), lines[0])
	}
	got, _ := os.ReadFile(path)
	all := strings.Split(strings.TrimSpace(string(got)), "\n")
	if len(all) != maxHistory+1 || all[len(all)-1] != "echo last" {
		t.Errorf("the file was not cut back: %d lines, last %q", len(all), all[len(all)-1])
	}
}

func TestHistoryNotRegular(t *testing.T) {
	dir := t.TempDir()
	if _, _, err := openHistory(dir); err == nil {
		t.Errorf("a directory was accepted as the history file")
	}
}
