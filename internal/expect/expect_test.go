package expect

import (
	"slices"
	"testing"

	"golang.org/x/sys/unix"
)

func TestMatch(t *testing.T) {
	refused := Outcome{Failed: true, Fail: FailErrno, Errno: unix.ECONNREFUSED, Class: "ConnectionRefusedError"}
	again := Outcome{Failed: true, Fail: FailErrno, Errno: unix.EAGAIN, Class: "BlockingIOError"}
	timeout := Outcome{Failed: true, Fail: FailTimeout, Class: "TimeoutError"}
	void := Outcome{Void: true, Value: "None"}
	hello := Outcome{Value: `b'hello\n'`}
	six := Outcome{Value: "6"}
	helloData := Outcome{Data: []byte("hello\n"), DataKind: 'b'}
	tests := []struct {
		expect string
		o      Outcome
		want   bool
	}{
		{"ok", void, true},
		{"ok", refused, false},
		{"ECONNREFUSED", refused, true},
		{"econnrefused", refused, true},
		{"111", refused, false},
		{"ECONNRESET", refused, false},
		{"EWOULDBLOCK", again, true},
		{"EAGAIN", again, true},
		{"BlockingIOError", again, true},
		{"ConnectionError", refused, true},
		{"OSError", refused, true},
		{"OSError", timeout, true},
		{"TimeoutError", timeout, true},
		{"timeout", timeout, true},
		{"timeout", again, false},
		{"error", again, true},
		{"error", void, false},
		{"None", void, true},
		{`b'hello\n'`, hello, true},
		{`b"hello\n"`, hello, true},
		{`b'hello'`, hello, false},
		{"6", six, true},
		{"0x6", six, true},
		{"7", six, false},
		{"6", refused, false},
		{"ValueError", Outcome{Failed: true, Fail: FailPython, Class: "ValueError"}, true},
		{"2.5", Outcome{Value: "2.5"}, true},
		{"0", Outcome{Value: "0.0"}, true},
		{"1", Outcome{Value: "0.0"}, false},
		{"socket.timeout", timeout, true},
		{"ECONNREFUSED", Outcome{Value: "111", ValueErrno: unix.ECONNREFUSED}, true},
		{"ECONNREFUSED", Outcome{Value: "111"}, false},
		{"2.50", Outcome{Value: "2.5"}, true},
		{"None", Outcome{Value: "None"}, true},
		{"#3", Outcome{Value: "#3"}, true},
		{"'hi\\n'", Outcome{Value: `'hi\n'`}, true},
		{"127.0.0.1:80", Outcome{Value: "127.0.0.1:80"}, true},
		// A payload compares by its bytes or text, as its repr would.
		{`b'hello\n'`, helloData, true},
		{`b"hello\n"`, helloData, true},
		{`hex:68656c6c6f0a`, helloData, false},
		{`'hello\n'`, helloData, false},
		{`b'hello'`, helloData, false},
		{`"café"`, Outcome{Data: []byte("café"), DataKind: 's'}, true},
		{`b'caf\xc3\xa9'`, Outcome{Data: []byte("café"), DataKind: 's'}, false},
		{`b''`, Outcome{Data: nil, DataKind: 'b'}, true},
		{`0`, Outcome{Data: nil, DataKind: 'b'}, false},
	}
	for _, tt := range tests {
		x, err := Parse(tt.expect)
		if err != nil {
			t.Errorf("Parse(%q): %v", tt.expect, err)
			continue
		}
		if got := x.Match(tt.o); got != tt.want {
			t.Errorf("%q against %+v = %v, want %v", tt.expect, tt.o, got, tt.want)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, s := range []string{"", "ECONNREFUSD", "EFOOBAR"} {
		if _, err := Parse(s); err == nil {
			t.Errorf("Parse(%q) succeeded", s)
		}
	}
}

func TestTuples(t *testing.T) {
	recvfrom := Outcome{Data: []byte("ping"), DataKind: 'b', Whole: []string{Primary, "('127.0.0.1', 5000)"}}
	name := Outcome{Value: "127.0.0.1:5000", Whole: []string{"'127.0.0.1'", "5000"}}
	for _, c := range []struct {
		text string
		o    Outcome
		want bool
	}{
		{"(b'ping', ('127.0.0.1', 5000))", recvfrom, true},
		{`(b"ping", ("127.0.0.1", 0x1388))`, recvfrom, true},
		{"(b'ping',('127.0.0.1',5000))", recvfrom, true},
		{"(b'pong', ('127.0.0.1', 5000))", recvfrom, false},
		{"(b'ping', ('127.0.0.1', 5001))", recvfrom, false},
		{"(b'ping',)", recvfrom, false},
		{"b'ping'", recvfrom, true}, // not a tuple: the primary value
		{"('127.0.0.1', 5000)", name, true},
		{"('127.0.0.1', 5000, 0)", name, false},
		{"('a,b', 1)", Outcome{Value: "x", Whole: []string{"'a,b'", "1"}}, true},
		{"('a', 'b,1')", Outcome{Value: "x", Whole: []string{"'a,b'", "1"}}, false},
		{"(#3, #4)", Outcome{Value: "#3", Whole: []string{Primary, "#4"}}, true},
		{"(1, 2)", Outcome{Value: "(1, 2)"}, true}, // no whole value: as before
	} {
		x, err := Parse(c.text)
		if err != nil {
			t.Fatalf("Parse(%q): %v", c.text, err)
		}
		if got := x.Match(c.o); got != c.want {
			t.Errorf("%q against %+v: %v, want %v", c.text, c.o, got, c.want)
		}
	}
	if got := recvfrom.WholeText(); got != "(b'ping', ('127.0.0.1', 5000))" {
		t.Errorf("WholeText = %q", got)
	}
	for _, c := range []struct {
		in   string
		want []string
		ok   bool
	}{
		{"()", nil, true},
		{"(1,)", []string{"1"}, true},
		{"(1)", nil, false},
		{"(1, (2, 3))", []string{"1", "(2, 3)"}, true},
		{"(')', 1)", []string{"')'", "1"}, true},
		{"(1, 2", nil, false},
		{"(1)(2)", nil, false},
	} {
		got, ok := tupleElements(c.in)
		if ok != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("tupleElements(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}
