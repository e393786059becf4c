package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/rogpeppe/go-internal/txtar"
	"golang.org/x/sys/unix"
	"sockrepl/internal/msg"

	"sockrepl/internal/cli"
)

// The tests run the program as a user would, as a process of its own, but
// that process is this test binary: testscript.Main puts a copy of it in
// PATH named sockrepl, and running that copy runs cli.Main. So the scripts
// need no separate build, and -cover counts what they run. main.go's
// //go:debug settings, which keep the learner's first socket at fd 3,
// apply to this binary too.
func TestMain(m *testing.M) {
	if filepath.Base(os.Args[0]) != "sockrepl" {
		// A socket's number is the lowest free fd, so the transcripts'
		// fd= columns hold only if the programs the tests start inherit
		// no stray descriptors from whoever ran go test (a shell or CI
		// runner that left fd 10 open shifts every socket after fd 9).
		closeStrayOnExec()
		// No test may read or write the history of whoever runs them:
		// every shell started by this package's tests (tmux passes its
		// environment on) keeps no history unless the test names a file
		// of its own. Not in the program itself, which is this binary too.
		os.Setenv("SOCKREPL_HISTORY", "")
		// The transcripts and screens are English: on a machine whose
		// locale is Chinese, the shells these tests start would speak
		// Chinese (tests of Chinese ask for it).
		if msg.FromEnv(os.Getenv) != msg.EN {
			os.Unsetenv("LC_ALL")
			os.Unsetenv("LC_MESSAGES")
			os.Setenv("LANG", "C.UTF-8")
		}
	}
	testscript.Main(m, map[string]func(){
		"sockrepl": func() { os.Exit(cli.Main(os.Args[1:], cli.OS())) },
		"peakrss":  peakRSSMain,
	})
}

// peakRSSMain is the command peakrss FILE PROG ARGS...: it runs PROG and
// writes its peak RSS in KiB to FILE, exiting as PROG did. A child's
// ru_maxrss starts from its parent's RSS when it was started (vfork), so
// a test that measures a shell started by the test binary itself, heavy
// with what other tests hold, would measure the test binary; peakrss is a
// fresh, small parent.
func peakRSSMain() {
	if len(os.Args) < 3 {
		fmt.Fprintln(os.Stderr, "usage: peakrss FILE PROG ARGS...")
		os.Exit(2)
	}
	cmd := exec.Command(os.Args[2], os.Args[3:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		fmt.Fprintln(os.Stderr, "peakrss:", err)
		os.Exit(2)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		os.WriteFile(os.Args[1], []byte(strconv.FormatInt(ru.Maxrss, 10)), 0o644)
	}
	os.Exit(code)
}

// closeStrayOnExec marks every descriptor above stderr close-on-exec, so
// that no process the tests start inherits it. The runtime's own are
// already so.
func closeStrayOnExec() {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return
	}
	for _, e := range entries {
		if fd, err := strconv.Atoi(e.Name()); err == nil && fd > 2 {
			unix.CloseOnExec(fd)
		}
	}
}

// update rewrites the golden files of the scripts that fail (go test
// ./cmd/sockrepl -run TestScripts -update): cmp's through testscript,
// cmpmatch's keeping the {{…}} patterns of the lines that still match.
var update = flag.Bool("update", false, "rewrite the goldens of failing scripts to what the program printed")

// scriptDir holds the golden transcripts.
var scriptDir = filepath.Join("..", "..", "testdata", "script")

// TestScripts runs the golden transcripts in testdata/script: each runs
// the program on a script and compares what it printed.
func TestScripts(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           scriptDir,
		UpdateScripts: *update,
		Setup: func(env *testscript.Env) error {
			env.Setenv("NO_COLOR", "")
			// cmpmatch -update needs to know which archive it is in.
			if tb, ok := env.T().(interface{ Name() string }); ok {
				env.Values[scriptKey{}] = path.Base(tb.Name())
			}
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
			case "netns": // sockrepl --lab can make its own loopback
				return canMakeNetns(), nil
			}
			if strings.HasPrefix(cond, "python3>=") { // python3's own behaviour changed
				return pythonAtLeast(cond)
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
	})
}

type scriptKey struct{}

// canMakeNetns reports whether a child can be made in a network
// namespace of its own. The wire scripts run their shell there
// (sockrepl --lab), so loopback traffic of tests running beside them
// neither fills the capture ring nor shows in their ladders.
var canMakeNetns = sync.OnceValue(func() bool {
	cmd := exec.Command("/bin/true")
	cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET}
	return cmd.Run() == nil
})

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
		if *update {
			name, _ := ts.Value(scriptKey{}).(string)
			if uerr := updateArchive(filepath.Join(scriptDir, name+".txtar"), args[1], updateGolden(got, want)); uerr != nil {
				ts.Fatalf("-update: %v", uerr)
			}
			ts.Logf("-update: rewrote %s in %s.txtar", args[1], name)
			return
		}
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

// updateGolden is the golden that the output got would match: its lines
// that still match (patterns kept), the output's own lines where they do
// not. Optional lines stay. Where the output has lines the golden lacks, or
// the other way round, the next few lines are searched to stay in step.
func updateGolden(got, want string) string {
	gl := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	wl := strings.Split(strings.TrimSuffix(want, "\n"), "\n")
	matches := func(w, g int) bool {
		pattern, _ := strings.CutPrefix(wl[w], optionalMark)
		re, err := lineRegexp(pattern)
		return err == nil && re.MatchString(gl[g])
	}
	const ahead = 8
	var out []string
	g, w := 0, 0
	for g < len(gl) && w < len(wl) {
		if matches(w, g) {
			out = append(out, wl[w])
			g, w = g+1, w+1
			continue
		}
		if strings.HasPrefix(wl[w], optionalMark) {
			out = append(out, wl[w])
			w++
			continue
		}
		// Output lines the golden lacks?
		if k := slicesIndex(g+1, min(g+ahead, len(gl)), func(i int) bool { return matches(w, i) }); k >= 0 {
			for _, l := range gl[g:k] {
				out = append(out, newGoldenLine(l))
			}
			g = k
			continue
		}
		// Golden lines the output lacks?
		if k := slicesIndex(w+1, min(w+ahead, len(wl)), func(i int) bool { return matches(i, g) }); k >= 0 {
			w = k
			continue
		}
		out = append(out, newGoldenLine(gl[g]))
		g, w = g+1, w+1
	}
	for _, l := range gl[g:] {
		out = append(out, newGoldenLine(l))
	}
	return strings.Join(out, "\n") + "\n"
}

// ephemeralPort is a port the kernel picked (Linux's default range).
var ephemeralPort = regexp.MustCompile(`:(3[2-9][0-9]{3}|[4-5][0-9]{4}|60[0-9]{3})\b`)

// newGoldenLine is an output line as a golden line: the ports the kernel
// picks become {{port}}; other numbers that vary need a hand.
func newGoldenLine(l string) string { return ephemeralPort.ReplaceAllString(l, ":{{port}}") }

// slicesIndex is the first i in [from, to) for which ok holds, or -1.
func slicesIndex(from, to int, ok func(int) bool) int {
	for i := from; i < to; i++ {
		if ok(i) {
			return i
		}
	}
	return -1
}

// updateArchive replaces one file of a txtar archive.
func updateArchive(archive, file, text string) error {
	a, err := txtar.ParseFile(archive)
	if err != nil {
		return err
	}
	for i := range a.Files {
		if a.Files[i].Name == file {
			a.Files[i].Data = []byte(text)
			return os.WriteFile(archive, txtar.Format(a), 0o644)
		}
	}
	return fmt.Errorf("%s has no file %s", archive, file)
}

func TestUpdateGolden(t *testing.T) {
	for _, c := range []struct{ got, want, out string }{
		{"ok  bound to 127.0.0.1:41234\n", "ok  bound to 127.0.0.1:{{port}}\n", "ok  bound to 127.0.0.1:{{port}}\n"},
		{"a\nB\nc\n", "a\nb\nc\n", "a\nB\nc\n"},
		{"a\nnew\nc 5\n", "a\nc {{n}}\n", "a\nnew\nc {{n}}\n"},
		{"a\nc\n", "a\nold\nc\n", "a\nc\n"},
		{"a\nc\n", "a\n{{?}}b\nc\n", "a\n{{?}}b\nc\n"},
		{"a\nc\nd\n", "a\nc\n", "a\nc\nd\n"},
		{"ok  bound to 127.0.0.2:41234\n", "ok  bound to 127.0.0.1:{{port}}\n", "ok  bound to 127.0.0.2:{{port}}\n"},
	} {
		out := updateGolden(c.got, c.want)
		if out != c.out {
			t.Errorf("updateGolden(%q, %q) = %q, want %q", c.got, c.want, out, c.out)
		}
		if err := matchGolden(c.got, out); err != nil {
			t.Errorf("the updated golden %q does not match %q: %v", out, c.got, err)
		}
	}
}
