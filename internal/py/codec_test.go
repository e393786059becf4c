package py

import (
	"strings"
	"testing"
)

// What a str here cannot hold is refused with one line that says so,
// not turned into U+FFFD: the lone surrogates outside U+DC80-U+DCFF, and
// namereplace, which needs Unicode's names.
func TestCodecLimits(t *testing.T) {
	const surrogate = "NotImplementedError: a str here holds only the lone surrogates U+DC80-U+DCFF (bytes kept by surrogateescape), not U+D800"
	for _, c := range []struct{ src, want string }{
		{"chr(0xd800)", surrogate},
		{"'%c' % 0xd800", surrogate},
		{"'{:c}'.format(0xd800)", surrogate},
		{"b'\\xed\\xa0\\x80'.decode('utf-8', 'surrogatepass')", surrogate},
		{"'\\ud800'", "SyntaxError: " + strings.TrimPrefix(surrogate, "NotImplementedError: ")},
		{"'\\u00e9'.encode('ascii', 'namereplace')", "NotImplementedError: the error handler 'namereplace' is not supported here (it needs Unicode's character names)"},
	} {
		in := New(func(string) {})
		err := in.ExecFile(c.src + "\n")
		if err == nil || ErrorLine(err) != c.want {
			t.Errorf("%s: got %v, want %s", c.src, err, c.want)
		}
	}
	// The surrogates it holds make the round trip.
	var out strings.Builder
	in := New(func(s string) { out.WriteString(s) })
	src := "s = chr(0xdcff) + '\\udc80' + ('%c' % 0xdcc3)\nprint(ascii(s), len(s), s.encode('utf-8', 'surrogateescape'))\n"
	if err := in.ExecFile(src); err != nil {
		t.Fatal(err)
	}
	if want := "'\\udcff\\udc80\\udcc3' 3 b'\\xff\\x80\\xc3'\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}

// A handler's output grows only as far as MaxSize and Reserve allow.
func TestCodecOutBounded(t *testing.T) {
	var o codecOut
	if err := o.room(MaxSize + 1); err == nil || ErrorLine(err) != "MemoryError" {
		t.Errorf("room past MaxSize: %v", err)
	}
	if err := o.room(100); err != nil || cap(o.b) < 100 {
		t.Errorf("room(100): %v, cap %d", err, cap(o.b))
	}
	// Four bytes a byte, and a character a byte, come out whole.
	var out strings.Builder
	in := New(func(s string) { out.WriteString(s) })
	src := "x = (b'\\xff' * 300000).decode('ascii', 'backslashreplace')\nprint(len(x), x[-8:])\n" +
		"y = ('\\u20ac' * 300000).encode('latin-1', 'xmlcharrefreplace')\nprint(len(y), y[:7])\n"
	if err := in.ExecFile(src); err != nil {
		t.Fatal(err)
	}
	if want := "1200000 \\xff\\xff\n2100000 b'&#8364;'\n"; out.String() != want {
		t.Errorf("got %q, want %q", out.String(), want)
	}
}
