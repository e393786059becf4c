package literal

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"sockrepl/internal/pyrepr"
)

// fakeFiles serves @PATH reads from memory.
func fakeFiles(files map[string]string) func(string) ([]byte, error) {
	return func(path string) ([]byte, error) {
		s, ok := files[path]
		if !ok {
			return nil, &os.PathError{Op: "open", Path: path, Err: os.ErrNotExist}
		}
		return []byte(s), nil
	}
}

var testFiles = fakeFiles(map[string]string{
	"f":       "ab",
	"my file": "spaced",
	"a*b":     "star",
	"f*":      "trailing star",
	"empty":   "",
	"a*2":     "quoted star",
})

func TestParse(t *testing.T) {
	tests := []struct {
		word, want string
	}{
		// Quoted text.
		{`"hello world"`, "hello world"},
		{`'hello world'`, "hello world"},
		{`""`, ""},
		{`''`, ""},
		{`"it's"`, "it's"},
		{`'say "hi"'`, `say "hi"`},
		{`"a\"b"`, `a"b`},
		{`'a\'b'`, `a'b`},
		{`"\n\r\t\\\"\'\0\a\b\f\v"`, "\n\r\t\\\"'\x00\a\b\f\v"},
		{`"\x00\xff\xAb"`, "\x00\xff\xab"},
		{`"\08"`, "\x008"},
		{`"café"`, "café"},
		{"\"raw\ttab\"", "raw\ttab"},
		{`"hello world\n"*3`, "hello world\nhello world\nhello world\n"},
		{`"x"*0`, ""},
		{`"x"*1`, "x"},
		{`"x"*007`, "xxxxxxx"},
		{`""*99999999999999999999999`, ""},
		// Bytes literals.
		{`b"abc"`, "abc"},
		{`b'abc'`, "abc"},
		{`B"abc"`, "abc"},
		{`B'a\x00'`, "a\x00"},
		{`b''`, ""},
		{`b'ab'*3`, "ababab"},
		{`b"\t\n\r\\"`, "\t\n\r\\"},
		// Hex.
		{`hex:68656c6c6f`, "hello"},
		{`hex:DEADbeef`, "\xde\xad\xbe\xef"},
		{`HEX:41`, "A"},
		{`Hex:41`, "A"},
		{`hex:00*4`, "\x00\x00\x00\x00"},
		{`hex:4142*0`, ""},
		// Files.
		{`@f`, "ab"},
		{`@f*2`, "abab"},
		{`@f*0`, ""},
		{`@"my file"`, "spaced"},
		{`@'my file'*2`, "spacedspaced"},
		{`@a*b`, "star"},
		{`@f*`, "trailing star"},
		{`@"a*2"`, "quoted star"},
		{`@empty*99999999999999999999`, ""},
		// Bare words are their own text.
		{`hello`, "hello"},
		{``, ""},
		{`2*3`, "2*3"},
		{`x*3`, "x*3"},
		{`b`, "b"},
		{`bob`, "bob"},
		{`don't`, "don't"},
		{`hex`, "hex"},
		{`he"llo"`, `he"llo"`},
		{`rb'x'`, `rb'x'`},
		{`*`, `*`},
	}
	for _, tt := range tests {
		got, err := Parse(tt.word, Options{ReadFile: testFiles})
		if err != nil {
			t.Errorf("Parse(%s): %v", tt.word, err)
			continue
		}
		if string(got) != tt.want {
			t.Errorf("Parse(%s) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		word string
		pos  int
		msg  string // the whole Error() text
	}{
		{`"a\q"`, 2, `bad escape \q in "a\q": expected one of \n \r \t \\ \" \' \0 \a \b \f \v \xHH`},
		{"\"a\\\tb\"", 2, `bad escape \ followed by '\t' in '"a\\\tb"': expected one of \n \r \t \\ \" \' \0 \a \b \f \v \xHH`},
		{`"\x4"`, 1, `bad escape \x4 in "\x4": expected \xHH with exactly two hex digits`},
		{`"\xzz"`, 1, `bad escape \x in "\xzz": expected \xHH with exactly two hex digits`},
		{`"\x`, 1, `bad escape \x in "\x: expected \xHH with exactly two hex digits`},
		{`"\012"`, 1, `octal escape \012 is not supported in "\012": expected \xHH (or \0 for a NUL byte not followed by a digit 0-7)`},
		{`"\u00e9"`, 1, `bad escape \u in "\u00e9": expected one of \n \r \t \\ \" \' \0 \a \b \f \v \xHH`},
		{`"abc`, 0, `unterminated string in "abc: expected a closing "`},
		{`'abc`, 0, `unterminated string in 'abc: expected a closing '`},
		{`"abc\"`, 0, `unterminated string in "abc\": expected a closing "`},
		{`"abc\`, 0, `unterminated string in "abc\: expected a closing "`},
		{`"`, 0, `unterminated string in ": expected a closing "`},
		{`b'abc`, 1, `unterminated string in b'abc: expected a closing '`},
		{`"a"x`, 3, `unexpected 'x' after the closing quote in "a"x: expected a repeat count *N or the end of the word`},
		{`"a""b"`, 3, `unexpected '"b"' after the closing quote in "a""b": expected a repeat count *N or the end of the word`},
		{`"x"*`, 3, `missing repeat count after * in "x"*: expected *N with N in decimal digits`},
		{`"x"*-1`, 4, `bad repeat count '-1' in "x"*-1: expected *N with N in decimal digits`},
		{`"x"*3x`, 5, `bad repeat count '3x' in "x"*3x: expected *N with N in decimal digits`},
		{`"x"*3*2`, 5, `bad repeat count '3*2' in "x"*3*2: expected *N with N in decimal digits`},
		{`b'café'`, 5, `b'café': bytes literal can hold only ASCII characters; write \xHH (found 'é')`},
		{"b'\xff'", 2, `"b'\udcff'": bytes literal can hold only ASCII characters; write \xHH (found byte 0xff)`},
		{`hex:`, 4, `no hex digits in hex:: expected two hex digits per byte after hex:, e.g. hex:68656c6c6f`},
		{`hex:*3`, 4, `no hex digits in hex:*3: expected two hex digits per byte after hex:, e.g. hex:68656c6c6f`},
		{`hex:6g`, 5, `bad hex digit 'g' at offset 5 in hex:6g: expected hex digits 0-9, a-f or A-F`},
		{`hex:68 65`, 6, `bad hex digit ' ' at offset 6 in hex:68 65: expected hex digits 0-9, a-f or A-F`},
		{`hex:68:65`, 6, `bad hex digit ':' at offset 6 in hex:68:65: expected hex digits 0-9, a-f or A-F`},
		{`hex:é0`, 4, `bad hex digit 'é' at offset 4 in hex:é0: expected hex digits 0-9, a-f or A-F`},
		{"hex:4\x01", 5, `bad hex digit '\x01' at offset 5 in 'hex:4\x01': expected hex digits 0-9, a-f or A-F`},
		{`hex:abc`, 7, `odd number of hex digits (3) in hex:abc: expected two hex digits per byte`},
		{`hex:abc*2`, 7, `odd number of hex digits (3) in hex:abc*2: expected two hex digits per byte`},
		{`hex:00*x`, 7, `bad repeat count 'x' in hex:00*x: expected *N with N in decimal digits`},
		{`@`, 1, `missing file name after @ in @: expected @PATH or @"PATH"`},
		{`@""`, 1, `missing file name after @ in @"": expected @PATH or @"PATH"`},
		{`@*3`, 1, `missing file name after @ in @*3: expected @PATH or @"PATH"`},
		{`@"f`, 1, `unterminated string in @"f: expected a closing "`},
		{`@"f"x`, 4, `unexpected 'x' after the closing quote in @"f"x: expected a repeat count *N or the end of the word`},
		{`@missing`, 1, `@missing: cannot open 'missing': file does not exist`},
		{"@bad\x1bname", 1, `'@bad\x1bname': cannot open 'bad\x1bname': file does not exist`},
		{`"x"*99999999999`, 3, `"x"*99999999999: 99999999999 bytes is more than the 268435456-byte limit`},
		{`"x"*268435457`, 3, `"x"*268435457: 268435457 bytes is more than the 268435456-byte limit`},
		{`"x"*99999999999999999999`, 3, `"x"*99999999999999999999: 99999999999999999999 bytes is more than the 268435456-byte limit`},
		// Fits in a uint64, but the product does not.
		{`"xx"*18446744073709551615`, 4, `"xx"*18446744073709551615: 36893488147419103230 bytes is more than the 268435456-byte limit`},
		{`hex:0000*134217729`, 8, `hex:0000*134217729: 268435458 bytes is more than the 268435456-byte limit`},
		{`@f*134217729`, 2, `@f*134217729: 268435458 bytes is more than the 268435456-byte limit`},
	}
	for _, tt := range tests {
		got, err := Parse(tt.word, Options{ReadFile: testFiles})
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Parse(%s) = %q, %v; want *Error", tt.word, got, err)
			continue
		}
		if e.Word != tt.word || e.Pos != tt.pos || err.Error() != tt.msg {
			t.Errorf("Parse(%s) error\n got %d %s\nwant %d %s", tt.word, e.Pos, err, tt.pos, tt.msg)
		}
		checkSafe(t, err.Error())
	}
}

// checkSafe fails if s holds anything a terminal would not print literally.
func checkSafe(t *testing.T, s string) {
	t.Helper()
	if strings.ContainsRune(s, '\n') || !utf8.ValidString(s) {
		t.Errorf("unsafe message %q", s)
		return
	}
	for _, r := range s {
		if !unicode.IsPrint(r) {
			t.Errorf("message %q holds %U", s, r)
			return
		}
	}
}

func TestMaxSize(t *testing.T) {
	tests := []struct {
		word string
		max  int
		ok   bool
	}{
		{`"abc"`, 3, true},
		{`"abcd"`, 3, false},
		{`abc`, 3, true},
		{`abcd`, 3, false},
		{`b'ab'*2`, 4, true},
		{`b'ab'*3`, 4, false},
		{`hex:0102*2`, 4, true},
		{`hex:0102*3`, 4, false},
		{`@f*2`, 4, true},
		{`@f*3`, 4, false},
		{`@"my file"`, 6, true},
		{`@"my file"`, 5, false},
		{`"x"*0`, 1, true},
	}
	for _, tt := range tests {
		got, err := Parse(tt.word, Options{MaxSize: tt.max, ReadFile: testFiles})
		if (err == nil) != tt.ok {
			t.Errorf("Parse(%s, max %d) = %q, %v; want ok=%v", tt.word, tt.max, got, err, tt.ok)
		}
		if err == nil && len(got) > tt.max {
			t.Errorf("Parse(%s, max %d) gave %d bytes", tt.word, tt.max, len(got))
		}
	}
}

// TestDefaultMaxSizeExact builds the full 256 MiB value a benchmark sends.
func TestDefaultMaxSizeExact(t *testing.T) {
	if testing.Short() {
		t.Skip("allocates 256 MiB")
	}
	got, err := Parse(`"x"*268435456`, Options{})
	if err != nil || len(got) != DefaultMaxSize {
		t.Fatalf("got %d bytes, %v; want %d", len(got), err, DefaultMaxSize)
	}
}

func TestFiles(t *testing.T) {
	dir := t.TempDir()
	write := func(name, data string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	small := write("small", "hello")
	spaced := write("with space", "spaced")

	check := func(word string, opt Options, want string) {
		t.Helper()
		got, err := Parse(word, opt)
		if err != nil || string(got) != want {
			t.Errorf("Parse(%s) = %q, %v; want %q", word, got, err, want)
		}
	}
	check("@"+small, Options{}, "hello")
	check("@"+small+"*2", Options{}, "hellohello")
	check(`@"`+spaced+`"`, Options{}, "spaced")
	check("@"+small, Options{MaxSize: 5}, "hello")

	checkErr := func(word string, opt Options, want string) {
		t.Helper()
		_, err := Parse(word, opt)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Parse(%s) error %v; want it to contain %q", word, err, want)
		}
		checkSafe(t, err.Error())
	}
	checkErr("@"+small, Options{MaxSize: 4}, "file is 5 bytes, more than the 4-byte limit")
	checkErr("@"+small+"*2", Options{MaxSize: 9}, "10 bytes is more than the 9-byte limit")
	checkErr("@"+small+"*99999999999999999999", Options{}, "499999999999999999995 bytes is more than")
	checkErr("@"+filepath.Join(dir, "nope"), Options{}, "no such file or directory")
	checkErr("@"+dir, Options{}, "is a directory")

	// One byte over the default limit: refused from the stat size, so the
	// sparse file is never read.
	huge := filepath.Join(dir, "huge")
	f, err := os.Create(huge)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.Truncate(DefaultMaxSize + 1); err != nil {
		t.Fatal(err)
	}
	f.Close()
	checkErr("@"+huge, Options{}, "file is 268435457 bytes, more than the 268435456-byte limit")
	checkErr("@"+huge+"*2", Options{}, "536870914 bytes is more than the 268435456-byte limit")
}

func TestUnquote(t *testing.T) {
	tests := []struct{ word, want string }{
		{`"hello world"`, "hello world"},
		{`'it"s'`, `it"s`},
		{`"a\tb\x00\xff"`, "a\tb\x00\xff"},
		{`""`, ""},
		{`bare`, "bare"},
		{`x*3`, "x*3"},
		{`b'x'`, "b'x'"},
		{`hex:41`, "hex:41"},
		{`@file`, "@file"},
		{``, ""},
	}
	for _, tt := range tests {
		got, err := Unquote(tt.word)
		if err != nil || got != tt.want {
			t.Errorf("Unquote(%s) = %q, %v; want %q", tt.word, got, err, tt.want)
		}
	}
	errs := []struct {
		word string
		msg  string
	}{
		{`"x"*3`, `unexpected '*3' after the closing quote in "x"*3: expected the end of the word`},
		{`"abc`, `unterminated string in "abc: expected a closing "`},
		{`"a\q"`, `bad escape \q in "a\q": expected one of`},
	}
	for _, tt := range errs {
		_, err := Unquote(tt.word)
		if err == nil || !strings.HasPrefix(err.Error(), tt.msg) {
			t.Errorf("Unquote(%s) error %v; want %s", tt.word, err, tt.msg)
		}
	}
}

func TestIsQuoted(t *testing.T) {
	for word, want := range map[string]bool{
		`"a"`: true, `'a'`: true, `"`: true, `a`: false, ``: false, `b'a'`: false, `a"b"`: false,
	} {
		if got := IsQuoted(word); got != want {
			t.Errorf("IsQuoted(%s) = %v, want %v", word, got, want)
		}
	}
}

func TestErrorLayout(t *testing.T) {
	e := &Error{Word: "w\x00", Msg: "bad\nthing"}
	if got, want := e.Error(), `'w\x00': bad\nthing`; got != want {
		t.Errorf("Error() = %s, want %s", got, want)
	}
	long := `"` + strings.Repeat("a", 200) + `\q"`
	_, err := Parse(long, Options{})
	if err == nil || len(err.Error()) > 200 || !strings.Contains(err.Error(), "...") {
		t.Errorf("long word not shortened: %v", err)
	}
}

// TestRoundTrip checks that every byte survives pyrepr.Bytes and Parse.
func TestRoundTrip(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	for _, data := range [][]byte{all, []byte(`'`), []byte(`"`), []byte(`'"`), nil} {
		q := pyrepr.Bytes(data)
		got, err := Parse(q, Options{})
		if err != nil || !bytes.Equal(got, data) {
			t.Errorf("Parse(%s) = %q, %v; want %q", q, got, err, data)
		}
		s, err := Unquote(q[1:])
		if err != nil || s != string(data) {
			t.Errorf("Unquote(%s) = %q, %v; want %q", q[1:], s, err, data)
		}
	}
}

// TestBytesLiteralLive compares Parse with Python's own reading of random
// bytes literals (with repeat suffixes, which Python reads as bytes*int).
func TestBytesLiteralLive(t *testing.T) {
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	pieces := []string{`\n`, `\r`, `\t`, `\\`, `\"`, `\'`, `\0Z`, `\a`, `\b`, `\f`, `\v`, `\x00`, `\x7F`, `\xfe`, `\xAb`, ` `, `~`}
	rng := rand.New(rand.NewPCG(7, 8))
	var words []string
	for i := 0; i < 300; i++ {
		q := `"'`[rng.IntN(2)]
		var sb strings.Builder
		sb.WriteString([]string{"b", "B"}[rng.IntN(2)])
		sb.WriteByte(q)
		for n := rng.IntN(10); n > 0; n-- {
			if rng.IntN(2) == 0 {
				sb.WriteString(pieces[rng.IntN(len(pieces))])
				continue
			}
			c := byte(0x20 + rng.IntN(0x5f))
			if c == q || c == '\\' {
				c = 'q'
			}
			sb.WriteByte(c)
		}
		sb.WriteByte(q)
		if rng.IntN(3) == 0 {
			sb.WriteString("*" + strconv.Itoa(rng.IntN(4)))
		}
		words = append(words, sb.String())
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", `import sys
for line in sys.stdin:
    print(eval(bytes.fromhex(line.strip()[1:]).decode()).hex())`)
	var in strings.Builder
	for _, w := range words {
		in.WriteString("x" + hex.EncodeToString([]byte(w)) + "\n")
	}
	cmd.Stdin = strings.NewReader(in.String())
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(strings.TrimSuffix(string(out), "\n"), "\n")
	if len(lines) != len(words) {
		t.Fatalf("python3 printed %d lines for %d words", len(lines), len(words))
	}
	for i, w := range words {
		got, err := Parse(w, Options{})
		if err != nil {
			t.Errorf("Parse(%s): %v", w, err)
		} else if h := hex.EncodeToString(got); h != lines[i] {
			t.Errorf("Parse(%s) = %s, python3 says %s", w, h, lines[i])
		}
	}
}

// Repeats are built in runs of up to maxRun bytes: every byte must still
// be the unit's, across run boundaries and for units that do not divide
// maxRun.
func TestRepeatAcrossRuns(t *testing.T) {
	for _, tt := range []struct {
		word string
		unit string
		n    int
	}{
		{`"abc"*70000`, "abc", 70000},
		{`b'\x00\xff'*65537`, "\x00\xff", 65537},
		{`"x"*200000`, "x", 200000},
		{`"hello, world"*1`, "hello, world", 1},
	} {
		got, err := Parse(tt.word, Options{})
		if err != nil {
			t.Fatalf("%s: %v", tt.word, err)
		}
		if want := bytes.Repeat([]byte(tt.unit), tt.n); !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes differ from bytes.Repeat's %d", tt.word, len(got), len(want))
		}
	}
}

func TestParenthesised(t *testing.T) {
	cases := []struct {
		in        string
		elems     []string
		comma, ok bool
	}{
		{"(x)", []string{"x"}, false, true},
		{" ( ('a', 1) ) ", []string{"('a', 1)"}, false, true},
		{"(x,)", []string{"x"}, true, true},
		{"('a,b', [1, 2], (3, 4))", []string{"'a,b'", "[1, 2]", "(3, 4)"}, true, true},
		{"()", nil, false, true},
		{"(a) (b)", nil, false, false},
		{"('open)", nil, false, false},
		{"x", nil, false, false},
		{`("a\")", 1)`, []string{`"a\")"`, "1"}, true, true},
		{"({1, 2}, {'a': 3})", []string{"{1, 2}", "{'a': 3}"}, true, true},
		{"([1, 2)]", nil, false, false},
		{"({1, 2)}", nil, false, false},
	}
	for _, c := range cases {
		elems, comma, ok := Parenthesised(c.in)
		if ok != c.ok || comma != c.comma || strings.Join(elems, "|") != strings.Join(c.elems, "|") {
			t.Errorf("Parenthesised(%q) = %q, %v, %v; want %q, %v, %v", c.in, elems, comma, ok, c.elems, c.comma, c.ok)
		}
	}
}
