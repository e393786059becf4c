package render

import (
	"bytes"
	"testing"
)

func TestSanitize(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"b'hi'  (2 bytes)", "b'hi'  (2 bytes)"},
		{"caf\u00e9 \u2192 ok", "caf\u00e9 \u2192 ok"},
		{"a\x1b[2Jb", `a\x1b[2Jb`},
		{"tab\there\r\n", `tab\x09here\x0d\x0a`},
		{"del\x7f", `del\x7f`},
		{"c1\u009bX", `c1\x9bX`},
		{"bad\xffutf8", `bad\ufffdutf8`},
		{"a\ufffdb", "a\ufffdb"}, // a real U+FFFD is printable text
		{"\ufffd\xff\u0085", "\ufffd" + `\ufffd\x85`},
		{"\u00e9\x07", "\u00e9" + `\x07`},
	}
	for _, tt := range tests {
		if got := Sanitize(tt.in); got != tt.want {
			t.Errorf("Sanitize(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLineEscapesEveryPart(t *testing.T) {
	for _, colored := range []bool{false, true} {
		var out bytes.Buffer
		p := &Printer{W: &out, Color: colored}
		if err := p.Line(P(Value, "x\x1b]0;title\x07"), P(Note, "  \u0085")); err != nil {
			t.Fatal(err)
		}
		got := out.String()
		if bytes.ContainsAny([]byte(got), "\x07\u0085") || bytes.Contains([]byte(got), []byte("\x1b]")) {
			t.Errorf("color=%v: raw control bytes in %q", colored, got)
		}
		if !bytes.Contains([]byte(got), []byte(`x\x1b]0;title\x07`)) || got[len(got)-1] != '\n' {
			t.Errorf("color=%v: got %q", colored, got)
		}
	}
}
