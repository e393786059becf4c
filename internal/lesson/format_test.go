package lesson

import (
	"os"
	"strings"
	"testing"
)

// Every built-in lesson parses, has both languages everywhere, and gives
// every step a wrong with a hint (a learner who does something else first
// is told why it cannot lead there).
func TestBuiltinLessonsValidate(t *testing.T) {
	files := BuiltinFiles()
	if len(files) != 7 {
		t.Errorf("%d built-in lesson files, want 7 (SPEC.md's seven)", len(files))
	}
	seen := map[string]bool{}
	for name, src := range files {
		l, errs := Parse(src, builtinSource)
		if len(errs) > 0 {
			t.Errorf("%s: %v", name, errs)
			continue
		}
		if seen[l.Name] {
			t.Errorf("%s: a second lesson named %s", name, l.Name)
		}
		seen[l.Name] = true
		for _, m := range l.Missing() {
			t.Errorf("%s: %s", name, m)
		}
		for i, st := range l.Steps {
			if len(st.Wrongs) == 0 {
				t.Errorf("%s step %d (line %d): no wrong line, so nothing tells a learner who went astray", name, i+1, st.Line)
			}
			if st.Python == "" {
				t.Errorf("%s step %d (line %d): no python line", name, i+1, st.Line)
			}
		}
	}
	if got := len(Builtin()); got != len(files) {
		t.Errorf("Builtin() has %d lessons, want %d", got, len(files))
	}
}

func TestParseErrorsHaveLineNumbers(t *testing.T) {
	src := `# a teacher's lesson with mistakes
lesson my lab
title.en My lab
do.en too early
step
do.en Bind a socket.
check bund port=ephemeral
check bound prt=1
check bound port=99999
check call conect ok
check made family=inetx
wrong call bind errno=EADDRINUSE
python s.bind(('', 0))
python again
hint.fr Non.
|continued
colour blue
step extra
step
do.zh 什么都不查。
`
	_, errs := Parse([]byte(src), "lab.lesson")
	want := []struct {
		line int
		text string
	}{
		{2, "lesson takes one word"},
		{4, "do.en before the first step line"},
		{7, `unknown check "bund" (did you mean bound?)`},
		{8, `bound does not take "prt=1"`},
		{9, "port is ephemeral, fixed or a number 0-65535"},
		{10, `"conect" is not a command`},
		{11, `unknown family`},
		{14, "a second python line"},
		{15, "hint.fr needs its language"},
		{16, "a | line continues the value of the line above, but there is none"},
		{17, `unknown key "colour"`},
		{18, "step takes nothing after it"},
		{1, "no lesson line"},
		{5, "this step has no check"}, // its checks were all wrong
		{12, "this wrong has no hint"},
		{18, "this step says nothing to do"},
		{18, "this step has no check"},
		{19, "this step has no check"},
	}
	if len(errs) != len(want) {
		t.Errorf("%d errors, want %d:\n%v", len(errs), len(want), errs)
	}
	for i, w := range want {
		if i >= len(errs) {
			break
		}
		if errs[i].Line != w.line || !strings.Contains(errs[i].Msg, w.text) {
			t.Errorf("error %d = line %d: %s\nwant line %d: …%s…", i, errs[i].Line, errs[i].Msg, w.line, w.text)
		}
	}
}

func TestParseContinuationKeepsIndentation(t *testing.T) {
	src := "lesson l\ntitle.en T\nstep\ndo.en D\npython   while buffer:\n|            n = s.send(buffer)\n|unaligned\ncheck call send ok\n"
	l, errs := Parse([]byte(src), "x")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	want := "while buffer:\n    n = s.send(buffer)\nunaligned"
	if got := l.Steps[0].Python; got != want {
		t.Errorf("python = %q, want %q", got, want)
	}
	if l.Title.In(ZH) != "T" {
		t.Errorf("a text in one language only is shown in the other: got %q", l.Title.In(ZH))
	}
}

func TestParseBounds(t *testing.T) {
	big := strings.Repeat("# x\n", maxFileSize/4+1)
	if _, errs := Parse([]byte(big), "big"); len(errs) != 1 || !strings.Contains(errs[0].Msg, "at most") {
		t.Errorf("a file over the limit: %v", errs)
	}
	many := "lesson l\ntitle.en T\n" + strings.Repeat("step\ndo.en D\ncheck call send ok\n", maxSteps+1)
	if _, errs := Parse([]byte(many), "many"); len(errs) == 0 || !strings.Contains(errs[0].Msg, "more than") {
		t.Errorf("too many steps: %v", errs)
	}
}

// The README's section on writing a lesson names every check, and its
// example lesson is a valid one.
func TestReadmeDocumentsLessons(t *testing.T) {
	b, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	readme := string(b)
	start := strings.Index(readme, "### Writing a lesson")
	if start < 0 {
		t.Fatal("README has no section Writing a lesson")
	}
	section := readme[start:]
	for _, c := range checks {
		if !strings.Contains(section, "| `"+c.name) {
			t.Errorf("README's table of checks lacks %s", c.name)
		}
	}
	i := strings.Index(section, "```\n")
	j := strings.Index(section[i+4:], "```\n")
	if i < 0 || j < 0 {
		t.Fatal("README's section has no example lesson")
	}
	example := section[i+4 : i+4+j]
	l, errs := Parse([]byte(example), "README")
	if len(errs) > 0 {
		t.Fatalf("README's example lesson: %v", errs)
	}
	if m := l.Missing(); len(m) > 0 {
		t.Errorf("README's example lesson lacks texts: %v", m)
	}
}
