package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"
)

// binDir holds the sockrepl binary built for this test run: the scripts run
// the real program, as a user would.
var binDir string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "sockrepl-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binDir = dir
	build := exec.Command("go", "build", "-o", filepath.Join(dir, "sockrepl"), ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0") // as make build
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building sockrepl:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// TestScripts runs the golden transcripts in testdata/script: each runs
// the binary on a script and compares what it printed.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir: filepath.Join("..", "..", "testdata", "script"),
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", binDir+string(os.PathListSeparator)+env.Getenv("PATH"))
			env.Setenv("NO_COLOR", "")
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"cmpmatch": cmdCmpmatch,
		},
		RequireExplicitExec: true,
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "root": // raw sockets need it
				return os.Geteuid() == 0, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

// cmdCmpmatch compares a text with a golden file whose lines may hold
// {{…}} patterns: {{n}} is a number, {{any}} any text, anything else a
// regular expression; a line that starts with {{?}} may be absent. Ports
// and other numbers the kernel picks are written that way; everything else
// must match to the byte.
//
//	cmpmatch stdout golden.txt
func cmdCmpmatch(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cmpmatch stdout|stderr|FILE GOLDEN")
	}
	got := readArg(ts, args[0])
	want := ts.ReadFile(args[1])
	if err := matchGolden(got, want); err != nil {
		ts.Logf("--- got\n%s--- want\n%s", got, want)
		ts.Fatalf("%s does not match %s: %v", args[0], args[1], err)
	}
}

func readArg(ts *testscript.TestScript, name string) string {
	return ts.ReadFile(name)
}

var patterns = map[string]string{
	"n":    `[0-9]+`,
	"any":  `.*`,
	"port": `[0-9]{1,5}`,
}

var placeholder = regexp.MustCompile(`\{\{(.*?)\}\}`)

// lineRegexp turns one golden line into a regular expression.
func lineRegexp(line string) (*regexp.Regexp, error) {
	var b strings.Builder
	b.WriteString("^")
	last := 0
	for _, m := range placeholder.FindAllStringSubmatchIndex(line, -1) {
		b.WriteString(regexp.QuoteMeta(line[last:m[0]]))
		p := line[m[2]:m[3]]
		if named, ok := patterns[p]; ok {
			p = named
		}
		b.WriteString("(?:" + p + ")")
		last = m[1]
	}
	b.WriteString(regexp.QuoteMeta(line[last:]))
	b.WriteString("$")
	return regexp.Compile(b.String())
}

// optionalMark starts a golden line that may be missing from the output:
// a system call the kernel's timing decides, such as the poll a connect on
// loopback usually does not need.
const optionalMark = "{{?}}"

func matchGolden(got, want string) error {
	gl := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	wl := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	g := 0
	for w := 0; w < len(wl); w++ {
		pattern, optional := strings.CutPrefix(wl[w], optionalMark)
		re, err := lineRegexp(pattern)
		if err != nil {
			return fmt.Errorf("golden line %d: %v", w+1, err)
		}
		switch {
		case g < len(gl) && re.MatchString(gl[g]):
			g++
		case optional:
		case g >= len(gl):
			return fmt.Errorf("output line %d: output ended; wanted %q", g+1, wl[w])
		default:
			return fmt.Errorf("output line %d:\n  got  %q\n  want %q", g+1, gl[g], wl[w])
		}
	}
	if g < len(gl) {
		return fmt.Errorf("output line %d: unexpected extra output %q", g+1, gl[g])
	}
	return nil
}

func TestMatchGolden(t *testing.T) {
	if err := matchGolden("ok  bound to 127.0.0.1:41234\n", "ok  bound to 127.0.0.1:{{port}}\n"); err != nil {
		t.Error(err)
	}
	if err := matchGolden("ok  bound to 127.0.0.1:41234\n", "ok  bound to 127.0.0.2:{{port}}\n"); err == nil {
		t.Error("a different address matched")
	}
	if err := matchGolden("a\nb\n", "a\n"); err == nil {
		t.Error("extra output matched")
	}
	if err := matchGolden("a (x)\n", "a (x)\n"); err != nil {
		t.Errorf("regexp metacharacters were not quoted: %v", err)
	}
	if err := matchGolden("a\nc\n", "a\n{{?}}b\nc\n"); err != nil {
		t.Errorf("a missing optional line failed: %v", err)
	}
	if err := matchGolden("a\nb\nc\n", "a\n{{?}}b\nc\n"); err != nil {
		t.Errorf("a present optional line failed: %v", err)
	}
	if err := matchGolden("a\nx\nc\n", "a\n{{?}}b\nc\n"); err == nil {
		t.Error("a wrong line in place of an optional one matched")
	}
}
