package pyrepr

import (
	"bufio"
	"bytes"
	"context"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"math"
	"math/rand/v2"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"
)

// Expected strings below were printed by CPython 3.11.

func TestBytes(t *testing.T) {
	tests := []struct {
		in   []byte
		want string
	}{
		{nil, `b''`},
		{[]byte("hello"), `b'hello'`},
		{[]byte("\x00a"), `b'\x00a'`},
		{[]byte("it's"), `b"it's"`},
		{[]byte(`say "hi"`), `b'say "hi"'`},
		{[]byte(`both ' and "`), `b'both \' and "'`},
		{[]byte(`\`), `b'\\'`},
		{[]byte("\t\n\r"), `b'\t\n\r'`},
		{[]byte("\x7f\x80\xff"), `b'\x7f\x80\xff'`},
		{[]byte("\x1b[31m"), `b'\x1b[31m'`},
		{[]byte("'"), `b"'"`},
		{[]byte(`"`), `b'"'`},
		{[]byte("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff"), `b'\x00\x11"3DUfw\x88\x99\xaa\xbb\xcc\xdd\xee\xff'`},
	}
	for _, tt := range tests {
		if got := Bytes(tt.in); got != tt.want {
			t.Errorf("Bytes(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

func TestBytesAllSafe(t *testing.T) {
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	for _, c := range []byte(Bytes(all)) {
		if c < 0x20 || c >= 0x7f {
			t.Fatalf("Bytes emitted raw byte %#x", c)
		}
	}
}

func TestBytesPreview(t *testing.T) {
	tests := []struct {
		in       string
		limit    int
		want     string
		wantRest int
	}{
		{"hello", 0, `b'hello'`, 0},
		{"hello", -1, `b'hello'`, 0},
		{"hello", 5, `b'hello'`, 0},
		{"hello", 10, `b'hello'`, 0},
		{"hello", 2, `b'he'`, 3},
		{"it's \"x\"", 4, `b"it's"`, 4},
		{"", 3, `b''`, 0},
	}
	for _, tt := range tests {
		got, rest := BytesPreview([]byte(tt.in), tt.limit)
		if got != tt.want || rest != tt.wantRest {
			t.Errorf("BytesPreview(%q, %d) = %s, %d; want %s, %d", tt.in, tt.limit, got, rest, tt.want, tt.wantRest)
		}
	}
}

func TestStr(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"", `''`},
		{"hello", `'hello'`},
		{"it's", `"it's"`},
		{`say "hi"`, `'say "hi"'`},
		{`both ' and "`, `'both \' and "'`},
		{`\`, `'\\'`},
		{"\t\n\r", `'\t\n\r'`},
		{"\x00\x1f\x7f", `'\x00\x1f\x7f'`},
		{"\u0080\u009f\u00a0\u00ad", `'\x80\x9f\xa0\xad'`},
		{"café", `'café'`},
		{"\u2028\u2029", `'\u2028\u2029'`},
		{"\u200b\u200c\u200d\ufeff\u2060", `'\u200b\u200c\u200d\ufeff\u2060'`},
		{"\U0001f600", "'\U0001f600'"},
		{"\U000e0001", `'\U000e0001'`},
		{"\ue000", `'\ue000'`},
		{"\u3000", `'\u3000'`},
		{"x\xff", `'x\udcff'`},
		{"\x1b[2J", `'\x1b[2J'`},
		{"\u0378", `'\u0378'`},
		{"\U0010ffff", `'\U0010ffff'`},
		{"\ufffd", "'\ufffd'"},
		// UTF-8-encoded surrogate: invalid in Go, three escaped bytes as
		// b'\xed\xa0\x80'.decode('utf-8', 'surrogateescape') gives.
		{"\xed\xa0\x80", `'\udced\udca0\udc80'`},
	}
	for _, tt := range tests {
		if got := Str(tt.in); got != tt.want {
			t.Errorf("Str(%q) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// TestStrNoRawControls checks every code point that can upset a terminal.
func TestStrNoRawControls(t *testing.T) {
	var bad []rune
	for r := rune(0); r < 0x20; r++ {
		bad = append(bad, r)
	}
	for r := rune(0x7f); r <= 0x9f; r++ {
		bad = append(bad, r)
	}
	bad = append(bad, 0x2028, 0x2029, 0x200b, 0x200c, 0x200d, 0x200e, 0x200f,
		0x202a, 0x202e, 0x2060, 0x2066, 0x2069, 0xfeff, 0xfff9, 0x061c, 0x00ad)
	for _, r := range bad {
		got := Str(string(r))
		if strings.ContainsRune(got, r) {
			t.Errorf("Str(%U) = %q contains the raw character", r, got)
		}
	}
}

func TestFloat(t *testing.T) {
	tests := []struct {
		in   float64
		want string
	}{
		{2.5, "2.5"},
		{0, "0.0"},
		{math.Copysign(0, -1), "-0.0"},
		{100, "100.0"},
		{1e-05, "1e-05"},
		{1e16, "1e+16"},
		{0.1, "0.1"},
		{math.Inf(1), "inf"},
		{math.Inf(-1), "-inf"},
		{math.NaN(), "nan"},
		{1e15, "1000000000000000.0"},
		{123456789012345678.0, "1.2345678901234568e+17"},
		{0.0001, "0.0001"},
		{0.00012345, "0.00012345"},
		{5e-324, "5e-324"},
		{math.MaxFloat64, "1.7976931348623157e+308"},
		{1.0 / 3, "0.3333333333333333"},
		{-2.5e-7, "-2.5e-07"},
		{9999999999999998.0, "9999999999999998.0"},
		{1e22, "1e+22"},
		{1e100, "1e+100"},
		{12345.678, "12345.678"},
	}
	for _, tt := range tests {
		if got := Float(tt.in); got != tt.want {
			t.Errorf("Float(%v) = %s, want %s", tt.in, got, tt.want)
		}
	}
}

// python runs a Python script that reads one hex-encoded input per line and
// prints one repr per line.
func python(t *testing.T, script string, inputs []string) []string {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, py, "-c", script)
	cmd.Stdin = strings.NewReader(strings.Join(inputs, "\n") + "\n")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var lines []string
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) != len(inputs) {
		t.Fatalf("python3 printed %d lines for %d inputs", len(lines), len(inputs))
	}
	return lines
}

const liveCases = 300

func TestBytesLive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	var data [][]byte
	var in []string
	for i := 0; i < liveCases; i++ {
		b := make([]byte, rng.IntN(20))
		for j := range b {
			// Favour quotes and backslashes, which drive the quoting rule.
			switch rng.IntN(6) {
			case 0:
				b[j] = "'\"\\"[rng.IntN(3)]
			default:
				b[j] = byte(rng.IntN(256))
			}
		}
		data = append(data, b)
		in = append(in, "x"+hex.EncodeToString(b))
	}
	out := python(t, `import sys
for line in sys.stdin:
    print(repr(bytes.fromhex(line.strip()[1:])))`, in)
	for i, b := range data {
		if got := Bytes(b); got != out[i] {
			t.Errorf("Bytes(%q) = %s, python3 says %s", b, got, out[i])
		}
	}
}

// stableRanges holds code points whose Unicode properties are the same in
// Go's and Python's tables, so the comparison does not depend on versions.
var stableRanges = [][2]rune{
	{0x00, 0x24f}, {0x370, 0x3ff}, {0x400, 0x4ff}, {0x2000, 0x206f},
	{0x3000, 0x303f}, {0x4e00, 0x9fa5}, {0xe000, 0xe0ff}, {0xfe00, 0xfeff},
	{0xfff0, 0xffff}, {0x1f600, 0x1f64f}, {0xe0000, 0xe007f},
}

func TestStrLive(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	var strs []string
	var in []string
	for i := 0; i < liveCases; i++ {
		var b []byte
		for n := rng.IntN(12); n > 0; n-- {
			switch rng.IntN(8) {
			case 0:
				b = append(b, "'\"\\"[rng.IntN(3)])
			case 1:
				b = append(b, byte(0x80+rng.IntN(0x80))) // likely invalid UTF-8
			default:
				rg := stableRanges[rng.IntN(len(stableRanges))]
				b = utf8.AppendRune(b, rg[0]+rng.Int32N(rg[1]-rg[0]+1))
			}
		}
		strs = append(strs, string(b))
		in = append(in, "x"+hex.EncodeToString(b))
	}
	// Python prints the repr hex-encoded so the pipe's encoding cannot matter.
	out := python(t, `import sys
for line in sys.stdin:
    print(repr(bytes.fromhex(line.strip()[1:]).decode('utf-8', 'surrogateescape')).encode('utf-8').hex())`, in)
	for i, s := range strs {
		want, err := hex.DecodeString(out[i])
		if err != nil {
			t.Fatal(err)
		}
		if got := Str(s); got != string(want) {
			t.Errorf("Str(%q) = %s, python3 says %s", s, got, want)
		}
	}
}

func TestFloatLive(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	var fs []float64
	var in []string
	for i := 0; i < liveCases; i++ {
		var f float64
		switch rng.IntN(3) {
		case 0:
			f = math.Float64frombits(rng.Uint64())
		case 1:
			// Short decimals around the fixed/exponent boundaries.
			f = float64(rng.IntN(100000)) * math.Pow10(rng.IntN(44)-22)
		default:
			f = rng.NormFloat64() * math.Pow10(rng.IntN(10)-5)
		}
		fs = append(fs, f)
		var buf [8]byte
		binary.LittleEndian.PutUint64(buf[:], math.Float64bits(f))
		in = append(in, "x"+hex.EncodeToString(buf[:]))
	}
	out := python(t, `import sys, struct
for line in sys.stdin:
    print(repr(struct.unpack('<d', bytes.fromhex(line.strip()[1:]))[0]))`, in)
	for i, f := range fs {
		if got := Float(f); got != out[i] {
			t.Errorf("Float(%#x) = %s, python3 says %s", math.Float64bits(f), got, out[i])
		}
	}
}

// TestChunks: the pieces of a chunked repr join into the whole repr, and
// none is longer than its bound, for values of many sizes and contents.
func TestChunks(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	alphabets := []string{"x", "ab'\"\\\n\x00\xff", "é€😀\x80a", "'"}
	for _, size := range []int{0, 1, chunkIn - 1, chunkIn, chunkIn + 1, 3*chunkIn + 7} {
		for _, alpha := range alphabets {
			b := make([]byte, size)
			for i := range b {
				b[i] = alpha[rng.IntN(len(alpha))]
			}
			var whole strings.Builder
			for piece := range BytesChunks(b) {
				if len(piece) > 4*chunkIn+2 {
					t.Fatalf("bytes piece of %d bytes", len(piece))
				}
				whole.WriteString(piece)
			}
			if whole.String() != Bytes(b) {
				t.Errorf("BytesChunks of %d bytes of %q differs from Bytes", size, alpha)
			}
			whole.Reset()
			for piece := range StrChunks(b) {
				if len(piece) > 6*(chunkIn+utf8.UTFMax)+2 {
					t.Fatalf("str piece of %d bytes", len(piece))
				}
				whole.WriteString(piece)
			}
			if whole.String() != Str(string(b)) {
				t.Errorf("StrChunks of %d bytes of %q differs from Str", size, alpha)
			}
		}
	}
}

// assignedCategories are all but Cn. (Go's unicode.C holds the unassigned
// code points too.)
var assignedCategories = []*unicode.RangeTable{unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z,
	unicode.Cc, unicode.Cf, unicode.Cs, unicode.Co}

// TestPrintableRule: isPrintable is Python's str.isprintable over every
// code point, read from Go's category tables one class at a time: escaped
// are Cc, Cf, Cs, Co, Zl, Zp, Zs other than ' ', and unassigned (Cn).
func TestPrintableRule(t *testing.T) {
	escaped := []*unicode.RangeTable{unicode.Cc, unicode.Cf, unicode.Cs, unicode.Co, unicode.Zl, unicode.Zp, unicode.Zs}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		want := r == ' ' || (!unicode.In(r, escaped...) && unicode.In(r, assignedCategories...))
		if got := isPrintable(r); got != want {
			t.Fatalf("isPrintable(%U) = %v, want %v", r, got, want)
		}
	}
	// And the escape's form: \xNN, \uNNNN or \UNNNNNNNN by size.
	for _, tt := range []struct {
		r    rune
		want string
	}{{0x85, `'\x85'`}, {0xad, `'\xad'`}, {0x61c, `'\u061c'`}, {0x2000, `'\u2000'`},
		{0xe000, `'\ue000'`}, {0xfffe, `'\ufffe'`}, {0xe0001, `'\U000e0001'`}, {0x10fffd, `'\U0010fffd'`}} {
		if got := Str(string(tt.r)); got != tt.want {
			t.Errorf("Str(%U) = %s, want %s", tt.r, got, tt.want)
		}
	}
}

// TestPrintableLive compares isPrintable with python3's str.isprintable
// for every code point but the surrogates (which a Go string cannot hold)
// and those assigned in only one of the two Unicode versions.
func TestPrintableLive(t *testing.T) {
	// Python prints runs of equal (printable, unassigned) as "lo hi p u".
	out := python(t, `import sys, unicodedata
sys.stdin.read()
runs, cur = [], None
for c in range(0x110000):
    if 0xd800 <= c <= 0xdfff:
        continue
    ch = chr(c)
    k = (ch.isprintable(), unicodedata.category(ch) == 'Cn')
    if cur and cur[2] == k and cur[1] == c - 1:
        cur[1] = c
    else:
        if cur:
            runs.append(cur)
        cur = [c, c, k]
runs.append(cur)
print(' '.join('%x-%x-%d%d' % (lo, hi, p, u) for lo, hi, (p, u) in runs))`, []string{""})
	checked := 0
	for _, run := range strings.Fields(out[0]) {
		var lo, hi rune
		var p, u int
		if _, err := fmt.Sscanf(run, "%x-%x-%1d%1d", &lo, &hi, &p, &u); err != nil {
			t.Fatalf("python3 run %q: %v", run, err)
		}
		for r := lo; r <= hi; r++ {
			if (u == 1) == unicode.In(r, assignedCategories...) {
				continue // assigned in one Unicode version only
			}
			checked++
			if got := isPrintable(r); got != (p == 1) {
				t.Errorf("isPrintable(%U) = %v, python3 says %v", r, got, p == 1)
			}
		}
	}
	if checked < 1<<20 {
		t.Errorf("only %d code points compared", checked)
	}
}

// StrLen and BytesLen count what Str and Bytes make, byte for byte, for
// every kind of character: quotes, escapes, controls, C1, unprintable and
// printable non-ASCII, invalid UTF-8.
func TestReprLen(t *testing.T) {
	pieces := []string{"a", "'", `"`, `\`, "\t", "\n", "\r", "\x00", "\x1b", "\x7f", "\x80", "\xff", "é", "\u0085", "\u00a0", "\u200b", "\u2028", "€", "\U0001F600", "\U000e0001", "\xed\xa0\x80", "\xf4\x90\x80\x80"}
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 2000; i++ {
		var sb strings.Builder
		for k := rnd.IntN(8); k >= 0; k-- {
			sb.WriteString(pieces[rnd.IntN(len(pieces))])
		}
		s := sb.String()
		if got, want := StrLen(s), len(Str(s)); got != want {
			t.Fatalf("StrLen(%q) = %d, len(Str) = %d", s, got, want)
		}
		if got, want := BytesLen([]byte(s)), len(Bytes([]byte(s))); got != want {
			t.Fatalf("BytesLen(%q) = %d, len(Bytes) = %d", s, got, want)
		}
	}
}

// Bytes and Str make their repr once, at its size: a repr of binary is
// four times the value, and growing to it on the way cost as much again
// in copies (a 128 MiB send from Python peaked at 2.9 GB).
func TestReprMadeAtItsSize(t *testing.T) {
	bin := bytes.Repeat([]byte{0xff, 0xfe, '\n'}, 1<<20)
	text := strings.Repeat("é\x00a", 1<<20)
	for _, c := range []struct {
		name string
		make func() string
	}{
		{"Bytes", func() string { return Bytes(bin) }},
		{"Str", func() string { return Str(text) }},
	} {
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		got := c.make()
		runtime.ReadMemStats(&after)
		if made, want := after.TotalAlloc-before.TotalAlloc, uint64(len(got)); made > want+want/8 {
			t.Errorf("%s allocated %d bytes for a repr of %d", c.name, made, want)
		}
	}
}
