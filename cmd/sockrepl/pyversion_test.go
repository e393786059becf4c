package main

import (
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// sockrepl's Python is CPython 3.11's and 3.12's: the corpus was recorded
// with 3.11.7 and holds for 3.12.1 too. A session whose output differs in
// other versions says so in a line of its own,
//
//	# holds for python3 >=3.11.7 <3.13: why
//
// and is skipped, naming the versions and why, where python3 is another
// version; the rest run against whatever python3 the machine has.
const holdsPrefix = "# holds for python3 "

// pyVersion is a CPython version: major, minor, micro.
type pyVersion [3]int

func (v pyVersion) String() string { return fmt.Sprintf("%d.%d.%d", v[0], v[1], v[2]) }

func (v pyVersion) less(w pyVersion) bool {
	for i := range v {
		if v[i] != w[i] {
			return v[i] < w[i]
		}
	}
	return false
}

// parsePyVersion reads "3.11" or "3.11.7".
func parsePyVersion(s string) (pyVersion, error) {
	var v pyVersion
	parts := strings.Split(s, ".")
	if len(parts) < 2 || len(parts) > 3 {
		return v, fmt.Errorf("version %q: expected MAJOR.MINOR or MAJOR.MINOR.MICRO", s)
	}
	for i, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 {
			return v, fmt.Errorf("version %q: %q is not a number", s, p)
		}
		v[i] = n
	}
	return v, nil
}

// versionRange is what a holds line says: versions from min (inclusive)
// to below (exclusive); a zero bound is open.
type versionRange struct {
	min, below pyVersion
	why        string
}

func (r versionRange) holds(v pyVersion) bool {
	return !v.less(r.min) && (r.below == pyVersion{} || v.less(r.below))
}

func (r versionRange) String() string {
	var s []string
	if r.min != (pyVersion{}) {
		s = append(s, ">="+r.min.String())
	}
	if r.below != (pyVersion{}) {
		s = append(s, "<"+r.below.String())
	}
	return strings.Join(s, " ")
}

// holdsFor reads a source's holds line; ok is false when it has none.
func holdsFor(src string) (r versionRange, ok bool, err error) {
	for _, line := range strings.Split(src, "\n") {
		rest, found := strings.CutPrefix(line, holdsPrefix)
		if !found {
			continue
		}
		bounds, why, _ := strings.Cut(rest, ":")
		r.why = strings.TrimSpace(why)
		for _, b := range strings.Fields(bounds) {
			var dst *pyVersion
			switch {
			case strings.HasPrefix(b, ">="):
				dst, b = &r.min, b[2:]
			case strings.HasPrefix(b, "<"):
				dst, b = &r.below, b[1:]
			default:
				return r, true, fmt.Errorf("%q: a bound is >=VERSION or <VERSION", b)
			}
			if *dst, err = parsePyVersion(b); err != nil {
				return r, true, err
			}
		}
		return r, true, nil
	}
	return r, false, nil
}

// pythonVersions caches each interpreter's version.
var pythonVersions sync.Map // path → pyVersion

// askVersion asks python for its version, once per interpreter.
func askVersion(python string) (pyVersion, error) {
	if v, ok := pythonVersions.Load(python); ok {
		return v.(pyVersion), nil
	}
	out, err := exec.Command(python, "-c", "import sys; print('%d.%d.%d' % sys.version_info[:3])").Output()
	if err != nil {
		return pyVersion{}, fmt.Errorf("%s: asking its version: %v", python, err)
	}
	v, err := parsePyVersion(strings.TrimSpace(string(out)))
	if err != nil {
		return v, fmt.Errorf("%s: %v", python, err)
	}
	pythonVersions.Store(python, v)
	return v, nil
}

// skipUnlessHolds skips a test of file against python when the file
// says it holds only for other versions.
func skipUnlessHolds(t *testing.T, python, file string) {
	t.Helper()
	src, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	r, ok, err := holdsFor(string(src))
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	if !ok {
		return
	}
	v, err := askVersion(python)
	if err != nil {
		t.Fatal(err)
	}
	if !r.holds(v) {
		t.Skipf("python3 here is %s; this session holds for python3 %s (%s)", v, r, r.why)
	}
}

// pythonAtLeast is the script condition [python3>=VERSION].
func pythonAtLeast(cond string) (bool, error) {
	want, err := parsePyVersion(strings.TrimPrefix(cond, "python3>="))
	if err != nil {
		return false, err
	}
	python, err := exec.LookPath("python3")
	if err != nil {
		return false, nil
	}
	v, err := askVersion(python)
	if err != nil {
		return false, err
	}
	return !v.less(want), nil
}

func TestHoldsFor(t *testing.T) {
	r, ok, err := holdsFor("x = 1\n# holds for python3 >=3.11.7 <3.13: wording\n")
	if err != nil || !ok {
		t.Fatalf("holdsFor: %v %v", ok, err)
	}
	for v, want := range map[string]bool{"3.11.2": false, "3.11.7": true, "3.12.1": true, "3.13.0": false, "3.10.13": false} {
		pv, err := parsePyVersion(v)
		if err != nil {
			t.Fatal(err)
		}
		if got := r.holds(pv); got != want {
			t.Errorf("%s holds for %s: %v, want %v", r, v, got, want)
		}
	}
	if r.why != "wording" {
		t.Errorf("why = %q", r.why)
	}
	if _, ok, _ := holdsFor("print(1)\n"); ok {
		t.Error("a source without a holds line has one")
	}
	if _, _, err := holdsFor("# holds for python3 3.11: x\n"); err == nil {
		t.Error("a bound without >= or < is accepted")
	}
}
