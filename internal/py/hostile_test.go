package py

import (
	"math/big"
	"runtime"
	"strings"
	"testing"
	"time"
)

// Hostile Python gets one clear line each, and the interpreter goes on:
// sizes, depth and recursion are bounded before memory or the stack go.
func TestHostile(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"b'x' * 10**12", "MemoryError"},
		{"'ab' * 10**9", "MemoryError"},
		{"2 ** 10**10", "MemoryError"},
		{"bytes(10**12)", "MemoryError"},
		{"list(range(10**12))", "MemoryError"},
		{"'%s' * 10**9 % ()", "MemoryError"},
		{"def f(n):\n    return f(n + 1)\n\nf(0)", "RecursionError: maximum recursion depth exceeded"},
		{"x = " + strings.Repeat("(", 500) + "1" + strings.Repeat(")", 500), "SyntaxError: too many nested parentheses"},
		{"x = " + strings.Repeat("[", 500) + "1" + strings.Repeat("]", 500), "SyntaxError: too many nested parentheses"},
		{"x = " + strings.Repeat("-(", 500) + "1" + strings.Repeat(")", 500), "SyntaxError: too many nested parentheses"},
		{"x = " + strings.Repeat("not ", 5000) + "1", "SyntaxError: too many nested parentheses"},
		{"class C:\n    pass\n", "SyntaxError: 'class' is not supported here (sockrepl's Python covers what socket tutorials use)"},
	} {
		var out strings.Builder
		in := New(func(s string) { out.WriteString(s) })
		err := in.ExecFile(c.src + "\n")
		if err == nil || ErrorLine(err) != c.want {
			t.Errorf("%.40q: got %v, want %s", c.src, err, c.want)
		}
		// The interpreter is still usable.
		if err := in.Exec("print('still here')\n"); err != nil || out.String() != "still here\n" {
			t.Errorf("%.40q: after it, print gave %q, %v", c.src, out.String(), err)
		}
	}
}

// An endless loop ends with KeyboardInterrupt when Ctrl-C is pressed: the
// loop asks Interrupted at each iteration.
func TestInterruptLoops(t *testing.T) {
	for _, src := range []string{
		"while True: pass",
		"while True:\n    x = 1\n",
		"for i in range(10**18): pass",
		"def f():\n    while True:\n        pass\n\nf()",
		"[x for x in range(10**18) if x < 0]",
	} {
		calls := 0
		in := New(func(string) {})
		in.Interrupted = func() bool { calls++; return calls > 1000 }
		err := in.ExecFile(src + "\n")
		if ErrorLine(err) != "KeyboardInterrupt" {
			t.Errorf("%q: got %v, want KeyboardInterrupt", src, err)
		}
	}
}

// FuzzExec: no input makes the interpreter panic or run unbounded; each
// run may check Interrupted a bounded number of times (as a Ctrl-C would
// end it).
func FuzzExec(f *testing.F) {
	for _, s := range []string{
		"x = b'abc'[1:] * 3\nprint(x, len(x))",
		"while buffer:\n    n = 1\n    buffer = buffer[n:]\n",
		"try:\n    1/0\nexcept ZeroDivisionError as e:\n    print(e)\nfinally:\n    pass\n",
		"def f(a, b=2, *c, **d): return a\nf(1, b=3)",
		"'%s:%d' % ('a', 1)", "f'{1+1!r:>5}'", "{1: [x for x in range(3)]}",
		"s.bind(('127.0.0.1', 0))", "import socket", "conn, addr = 1, 2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		if len(src) > 4096 {
			return
		}
		calls := 0
		in := New(func(string) {})
		in.Interrupted = func() bool { calls++; return calls > 2000 }
		in.Exec(src)
		c := &Console{In: in}
		for _, l := range strings.Split(src, "\n") {
			c.Push(l)
		}
	})
}

// A str is read character by character where it is indexed, sliced,
// iterated, tested (isalpha), cut to a precision, case-mapped or named in
// an error, never copied whole as code points (four bytes a character),
// which no size bound would count.
func TestStrNotCopiedAsChars(t *testing.T) {
	in := New(func(string) {})
	if err := in.Exec("s = 'é' * 8000000\n"); err != nil { // 16 MB; 32 MB as code points
		t.Fatal(err)
	}
	for _, c := range []struct {
		src  string
		most uint64 // bytes it may allocate: what it makes, and some
	}{
		{"c = s[-1]", 4 << 20}, {"t = s[1:-1]", 4 << 20}, {"c = next(iter(s))", 4 << 20},
		{"c = s.isalpha()", 4 << 20}, {"c = '{:.1}'.format(s)", 4 << 20},
		{"u = s.upper()", 24 << 20}, // the 16 MB it makes
		{"try:\n    ('€' + s).encode('latin-1')\nexcept UnicodeEncodeError as e:\n    m = str(e)\n", 40 << 20}, // '€' + s, and encode's buffer
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		err := in.Exec(c.src + "\n")
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatalf("%s: %v", c.src, err)
		}
		if made := after.TotalAlloc - before.TotalAlloc; made > c.most {
			t.Errorf("%s allocated %d bytes for a 16 MB str", c.src, made)
		}
	}
	if err := in.Exec(`assert (c, s[-1], next(iter(s))) == ('é', 'é', 'é') and len(t) == 7999998 and s[2:5] == 'ééé' and u[:2] == 'ÉÉ' and m.startswith("'latin-1' codec can't encode character '\\u20ac' in position 0")` + "\n"); err != nil {
		t.Error(err)
	}
}

// A case mapping that makes a str longer than the size limit is refused
// before it is made: upper('ΐ') is three characters, six bytes for two.
func TestCaseMapBoundedBeforeMade(t *testing.T) {
	in := New(func(string) {})
	if err := in.Exec("s = 'ΐ' * 45000000\n"); err != nil { // 90 MB; 270 MB upper
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := in.Exec("u = s.upper()\n")
	runtime.ReadMemStats(&after)
	if err == nil || ErrorLine(err) != "MemoryError" {
		t.Fatalf("s.upper() of 270 MB: %v, want MemoryError", err)
	}
	if made := after.TotalAlloc - before.TotalAlloc; made > 8<<20 {
		t.Errorf("s.upper() allocated %d bytes before it was refused", made)
	}
	if err := in.Exec(`assert s[:1].upper() == "\u0399\u0308\u0301"` + "\n"); err != nil {
		t.Fatal(err)
	}
}

// str.replace is refused by the size of what it makes, no more: a result
// under the size limit is made (as in Python), one over it is not.
func TestReplaceSizedByItsResult(t *testing.T) {
	in := New(func(string) {})
	if err := in.Exec("r = 'a'.replace('a', 'x' * (2**27 + 1))\nassert len(r) == 2**27 + 1\nr = None\n"); err != nil {
		t.Fatalf("a 128 MiB replacement: %v", err)
	}
	err := in.Exec("r = 'aa'.replace('a', 'x' * (2**27 + 1))\n")
	if err == nil || ErrorLine(err) != "MemoryError" {
		t.Fatalf("a replacement over the size limit: %v, want MemoryError", err)
	}
}

// A repr ends, wherever it is made: a list or dict met again inside
// itself is written [...] or {...} as Python writes it, and nesting past
// MaxDepth is Python's RecursionError.
func TestReprOfItself(t *testing.T) {
	for _, c := range []struct{ src, want string }{
		{"x = []\nx.append(x)\nprint(x)", "[[...]]\n"},
		{"d = {}\nd['a'] = d\nprint(d)", "{'a': {...}}\n"},
		{"a = []\nb = {1: a}\na.append(b)\nprint(a, b, f'{a!r}', '%r' % (a,), '{!r}'.format(b), repr(a), str(b))",
			"[{1: [...]}] {1: [{...}]} [{1: [...]}] [{1: [...]}] {1: [{...}]} [{1: [...]}] {1: [{...}]}\n"},
		{"x = [[]]\nfor i in range(3): x.append([x])\n\nprint(x)", "[[], [[...]], [[...]], [[...]]]\n"},
	} {
		var out strings.Builder
		in := New(func(s string) { out.WriteString(s) })
		if err := in.ExecFile(c.src + "\n"); err != nil || out.String() != c.want {
			t.Errorf("%q: got %q, %v; want %q", c.src, out.String(), err, c.want)
		}
	}
	in := New(func(string) {})
	err := in.Exec("x = [1]\nfor i in range(5000): x = [x]\n\nrepr(x)\n")
	if want := "RecursionError: maximum recursion depth exceeded while getting the repr of an object"; ErrorLine(err) != want {
		t.Errorf("repr nested 5000 deep: %v, want %s", err, want)
	}
}

// A repr that doubles at each of 60 levels (2**60 items) stops at Ctrl-C
// however it is asked for: each way of making or printing it looks at
// Interrupted as it goes.
func TestReprInterrupted(t *testing.T) {
	for _, src := range []string{
		"repr(x)", "str(x)", "ascii(x)", "x", "print(x)", "print('a', x)",
		"f'{x}'", "f'{x!r}'", "'%s' % (x,)", "'%r' % (x,)", "'{}'.format(x)",
		"'{!r}'.format(x)", "format(x)", "'{:>5}'.format(x)",
	} {
		done := make(chan error, 1)
		go func() {
			calls := 0
			in := New(func(string) {})
			if err := in.ExecFile("x = [1]\nfor i in range(60): x = [x, x]\n"); err != nil {
				done <- err
				return
			}
			in.Interrupted = func() bool { calls++; return calls > 50 }
			done <- in.Exec(src + "\n")
		}()
		select {
		case err := <-done:
			if ErrorLine(err) != "KeyboardInterrupt" {
				t.Errorf("%s: %v, want KeyboardInterrupt", src, err)
			}
		case <-time.After(20 * time.Second):
			t.Fatalf("%s: Ctrl-C did not end it in 20 s", src)
		}
	}
}

// The REPL's echo and print write a big value's repr piece by piece, as
// it is made: never a copy of it whole (400 MB for 100 MB of binary).
func TestEchoInPieces(t *testing.T) {
	for _, src := range []string{"x", "print(x)", "print([x])"} {
		total, most := 0, 0
		in := New(func(s string) { total += len(s); most = max(most, len(s)) })
		if err := in.Exec("x = b'\\xff' * 2**24\n"); err != nil {
			t.Fatal(err)
		}
		if err := in.Exec(src + "\n"); err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if want := 4<<24 + len("b''\n") + 2*strings.Count(src, "["); total != want {
			t.Errorf("%s wrote %d bytes, want %d", src, total, want)
		}
		if most > 1<<20 {
			t.Errorf("%s wrote a piece of %d bytes, want pieces under 1 MiB", src, most)
		}
	}
}

// repr() of a value whose repr is bigger than MaxSize (4 bytes a byte of
// binary) is refused before the repr is made, not after it grew.
func TestReprMeasuredBeforeMade(t *testing.T) {
	in := New(func(string) {})
	if err := in.Exec("x = b'\\xff' * (2**26 + 1)\n"); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	err := in.Exec("y = repr(x)\n")
	runtime.ReadMemStats(&after)
	if ErrorLine(err) != "MemoryError" {
		t.Fatalf("repr of 256 MiB and 4 bytes: %v, want MemoryError", err)
	}
	if made := after.TotalAlloc - before.TotalAlloc; made > 8<<20 {
		t.Errorf("repr allocated %d bytes before it was refused", made)
	}
}

// A method that makes a list of parts (split, rsplit, splitlines) or a
// dict that grows (a comprehension, update, |) is bounded by MaxItems
// like any list: past it, MemoryError before the parts are made.
func TestItemsBounded(t *testing.T) {
	in := New(func(string) {})
	if err := in.ExecFile("full = {i: i for i in range(2**21)}\nfullset = set(full)\n"); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{
		"x = ('a,' * 2**21).split(',')",
		"x = ('a,' * 2**21).rsplit(',')",
		"x = (b'a,' * 2**21).split(b',')",
		"x = ('a ' * 2**21 + 'b').split()",
		"x = ('a\u2028' * 2**21 + 'b').split()",
		"x = ('\\n' * (2**21 + 1)).splitlines()",
		"x = {i: i for i in range(2**21 + 1)}",
		"full[-1] = 0",
		"full.update({-1: 0})",
		"x = full | {-1: 0}",
		"x = {**full, -1: 0}",
		"fullset.add(-1)",
	} {
		if err := in.ExecFile(src + "\n"); ErrorLine(err) != "MemoryError" {
			t.Errorf("%s: %v, want MemoryError", src, err)
		}
	}
	if err := in.ExecFile("x = ('a,' * (2**21 - 1)).split(',')\nassert len(x) == 2**21 and len(full) == 2**21 and -1 not in fullset\n"); err != nil {
		t.Errorf("a split of MaxItems parts: %v", err)
	}
}

// Splitting from the right and grouping hex digits take time in
// proportion to their input (they once put each part in front of the
// others: a million parts never ended), and give Python's results.
func TestSplitsLinear(t *testing.T) {
	done := make(chan error, 1)
	go func() {
		in := New(func(string) {})
		done <- in.ExecFile(`x = (b'a' * 10**6).hex(':')
assert len(x) == 3 * 10**6 - 1 and x[:5] == '61:61'
x = ('a,' * 10**6).rsplit(',', 10**6)
assert len(x) == 10**6 + 1 and x[-1] == ''
x = ('a ' * 10**6).rsplit(None, 10**6)
assert len(x) == 10**6
assert (b'\x01\xff' * 3).hex(':', 4) == '01ff:01ff01ff'
assert (b'\x01\xff' * 3).hex(b'-', -4) == '01ff01ff-01ff'
assert 'a b  c '.rsplit(None, 1) == ['a b', 'c'] and 'a,b,c'.rsplit(',', 1) == ['a,b', 'c']
`)
	}()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("a million parts did not end in 30 s")
	}
}

// Small values made by the million add up too: the heap is looked at
// every heapEvery loop steps and calls, so a list of big lists stops at
// MaxLive like one big value would.
func TestManySmallValuesBounded(t *testing.T) {
	defer func(old uint64) { MaxLive = old }(MaxLive)
	runtime.GC() // the bound counts from what earlier tests still hold
	MaxLive = heapInUse() + 256<<20
	in := New(func(string) {})
	err := in.ExecFile("x = [list(range(2**20)) for i in range(40)]\n")
	if err == nil || ErrorLine(err) != "MemoryError" {
		t.Fatalf("40 lists of 2**20 ints under a 256 MiB bound: %v, want MemoryError", err)
	}
}

// \N{...} names a character in Python; sockrepl has no table of names,
// so a str with one is refused in one line rather than kept as other
// text. In bytes it is no escape, as in Python.
func TestNamedEscape(t *testing.T) {
	in := New(func(string) {})
	err := in.Exec(`x = '\N{ESCAPE}'` + "\n")
	if want := `SyntaxError: (unicode error) \N{...} escapes are not supported here`; err == nil || !strings.HasPrefix(ErrorLine(err), want) {
		t.Errorf(`'\N{ESCAPE}': %v, want %s…`, err, want)
	}
	if err := in.Exec(`assert b'\N{x}' == b'\\N{x}' and r'\N{x}' == '\\N{x}'` + "\n"); err != nil {
		t.Error(err)
	}
}

// An int is written or read in decimal only up to CPython's 4300 digits
// (3.11 and later): the conversion's time grows faster than the digits,
// and it asks no Ctrl-C. Past it, Python's ValueError (SyntaxError for a
// literal); hex is not bounded, and an int's dict key is its hex.
func TestIntDigitsBounded(t *testing.T) {
	const limit = "Exceeds the limit (4300 digits) for integer string conversion"
	for _, c := range []struct{ src, want string }{
		{"str(10**5000)", "ValueError: " + limit + "; use sys.set_int_max_str_digits() to increase the limit"},
		{"x = 10**5000\nx", "ValueError: " + limit + "; use sys.set_int_max_str_digits() to increase the limit"},
		{"'%d' % 10**5000", "ValueError: " + limit + "; use"},
		{"f'{10**5000:,}'", "ValueError: " + limit + "; use"},
		{"int('9' * 5000)", "ValueError: " + limit + ": value has 5000 digits; use"},
		{"int('1' * 5000, 3)", "ValueError: " + limit + ": value has 5000 digits; use"},
		{"x = " + strings.Repeat("9", 5000), "SyntaxError: " + limit + ": value has 5000 digits; use"},
		{strings.Repeat("9", 1236) + " / 9", "OverflowError: integer division result too large for a float"},
	} {
		in := New(func(string) {})
		if err := in.Exec(c.src + "\n"); err == nil || !strings.HasPrefix(ErrorLine(err), c.want) {
			t.Errorf("%.30s: %v, want %s…", c.src, err, c.want)
		}
	}
	var out strings.Builder
	in := New(func(s string) { out.WriteString(s) })
	src := "x = 2**(2**23)\nd = {x: 1, True: 'a', 2.0: 'b'}\nprint(d[x], d[1], d[2], len(str(10**4299)), len(hex(10**5000)), int('f' * 5000, 16) > 0)\n"
	if err := in.ExecFile(src); err != nil || out.String() != "1 a b 4300 4155 True\n" {
		t.Errorf("got %q, %v", out.String(), err)
	}
}

// pow with a modulus takes as long as its exponent has bits, each a
// product of the modulus's size: a big one asks Ctrl-C at each bit (as
// CPython's does) and gives what one Exp gives.
func TestPowModInterrupted(t *testing.T) {
	calls := 0
	in := New(func(string) {})
	in.Interrupted = func() bool { calls++; return calls > 50 }
	done := make(chan error, 1)
	go func() { done <- in.Exec("pow(3, 2**(2**20), 2**(2**20) - 1)\n") }()
	select {
	case err := <-done:
		if ErrorLine(err) != "KeyboardInterrupt" {
			t.Errorf("pow of a million bits: %v, want KeyboardInterrupt", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("Ctrl-C did not end pow in 30 s")
	}
	x, _ := new(big.Int).SetString(strings.Repeat("7", 2000), 10)
	e := new(big.Int).Lsh(x, 3000)
	m := new(big.Int).Add(new(big.Int).Lsh(x, 2500), big.NewInt(1))
	got, err := expMod(x, e, m, func() bool { return false })
	if want := new(big.Int).Exp(x, e, m); err != nil || got.Cmp(want) != 0 {
		t.Errorf("expMod bit by bit differs from Exp: %v", err)
	}
}

// print writes a big str a piece at a time and asks Ctrl-C before each
// piece (a terminal takes a minute for 128 MiB), as the echo does for a
// repr: Ctrl-C ends it with KeyboardInterrupt, part of it written.
func TestPrintInterrupted(t *testing.T) {
	for _, src := range []string{"print(x)", "print(1, x)", "x", "print([x])"} {
		written, calls := 0, 0
		in := New(func(s string) { written += len(s) })
		if err := in.Exec("x = 'é' * 2**25\n"); err != nil {
			t.Fatal(err)
		}
		in.Interrupted = func() bool { calls++; return calls > 3 }
		err := in.Exec(src + "\n")
		if err == nil || ErrorLine(err) != "KeyboardInterrupt" || written == 0 || written >= 2<<25 {
			t.Errorf("%s: %v after %d bytes; want KeyboardInterrupt part of the way", src, err, written)
		}
	}
}
