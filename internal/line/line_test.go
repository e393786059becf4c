package line

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplit(t *testing.T) {
	tests := []struct {
		in   string
		want []Statement
	}{
		{"", nil},
		{"   # just a comment", nil},
		{"socket inet stream", []Statement{{Words: []string{"socket", "inet", "stream"}, Text: "socket inet stream"}}},
		{"bind 1 :0; listen 1", []Statement{
			{Words: []string{"bind", "1", ":0"}, Text: "bind 1 :0"},
			{Words: []string{"listen", "1"}, Text: "listen 1"},
		}},
		{"recv #3 # read it", []Statement{{Words: []string{"recv", "#3"}, Text: "recv #3"}}},
		{`sendall 2 "hello world\n"`, []Statement{{Words: []string{"sendall", "2", `"hello world\n"`}, Text: `sendall 2 "hello world\n"`}}},
		{`send 2 "a;b # c" peek`, []Statement{{Words: []string{"send", "2", `"a;b # c"`, "peek"}, Text: `send 2 "a;b # c" peek`}}},
		{`send 2 b'it\'s'*3`, []Statement{{Words: []string{"send", "2", `b'it\'s'*3`}, Text: `send 2 b'it\'s'*3`}}},
		{`srv = socket inet stream`, []Statement{{Names: []string{"srv"}, Words: []string{"socket", "inet", "stream"}, Text: "srv = socket inet stream"}}},
		{`srv=socket`, []Statement{{Names: []string{"srv"}, Words: []string{"socket"}, Text: "srv=socket"}}},
		{`a, b = socketpair unix stream`, []Statement{{Names: []string{"a", "b"}, Words: []string{"socketpair", "unix", "stream"}, Text: "a, b = socketpair unix stream"}}},
		{`a ,b= socketpair`, []Statement{{Names: []string{"a", "b"}, Words: []string{"socketpair"}, Text: "a ,b= socketpair"}}},
		{`socket fileno=5`, []Statement{{Words: []string{"socket", "fileno=5"}, Text: "socket fileno=5"}}},
		{`recv 2 => b'hi'`, []Statement{{Words: []string{"recv", "2"}, Expect: "b'hi'", HasExpect: true, Text: "recv 2 => b'hi'"}}},
		{`recv 2 =>b'a;b' ; close 2`, []Statement{
			{Words: []string{"recv", "2"}, Expect: "b'a;b'", HasExpect: true, Text: "recv 2 =>b'a;b'"},
			{Words: []string{"close", "2"}, Text: "close 2"},
		}},
		{`conn = accept srv => #3 # comment`, []Statement{{Names: []string{"conn"}, Words: []string{"accept", "srv"}, Expect: "#3", HasExpect: true, Text: "conn = accept srv => #3 # comment"}}},
		{`connect 1 ('127.0.0.1', 8080)`, []Statement{{Words: []string{"connect", "1", "('127.0.0.1', 8080)"}, Text: "connect 1 ('127.0.0.1', 8080)"}}},
		{"connect 1 127.0.0.1 8080=>ECONNREFUSED", []Statement{{Words: []string{"connect", "1", "127.0.0.1", "8080"}, Expect: "ECONNREFUSED", HasExpect: true, Text: "connect 1 127.0.0.1 8080=>ECONNREFUSED"}}},
		{";;", nil},
	}
	for _, tt := range tests {
		got, err := Split(tt.in)
		if err != nil {
			t.Errorf("Split(%q): %v", tt.in, err)
			continue
		}
		// The echo text of an expectation-bearing statement runs to its end.
		for i := range tt.want {
			if tt.want[i].HasExpect && strings.Contains(tt.want[i].Text, "#") {
				tt.want[i].Text = strings.TrimSpace(tt.want[i].Text[:strings.LastIndex(tt.want[i].Text, "#")])
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("Split(%q)\n got %#v\nwant %#v", tt.in, got, tt.want)
		}
	}
}

func TestSplitErrors(t *testing.T) {
	tests := []struct{ in, want string }{
		{`send 1 "abc`, `unterminated " quote`},
		{`send 1 'abc`, `unterminated ' quote`},
		{`recv 1 =>`, `=> needs an expectation`},
		{`=> ok`, `=> needs a command before it`},
		{`x =`, `x = needs a command after it`},
		{`1x = socket`, `bad name "1x"`},
		{`connect 1 ('a', 1`, `missing )`},
		{`a,,b = socketpair`, `bad name list`},
		{strings.Repeat("x", MaxLine+1), "the limit is"},
	}
	for _, tt := range tests {
		_, err := Split(tt.in)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("Split(%.40q) error = %v, want it to contain %q", tt.in, err, tt.want)
		}
	}
}

func TestExpand(t *testing.T) {
	resolve := func(r Ref) (string, error) {
		return string(r.Sigil) + "<" + r.Name + "|" + r.Field + ">", nil
	}
	tests := []struct{ in, want string }{
		{"$srv", "$<srv|>"},
		{"$3", "$<3|>"},
		{"$#3", "$<#3|>"},
		{"$srv.port", "$<srv|port>"},
		{"$srv6.host", "$<srv6|host>"},
		{"fileno=%3", "fileno=%<3|>"},
		{"%srv", "%<srv|>"},
		{"[fe80::1%lo]:80", "[fe80::1%lo]:80"},
		{`"$srv"`, `"$srv"`},
		{"$", "$"},
		{"%", "%"},
		{"$1x", "$<1|>x"},
		{"price$5", "price$5"},
		{"127.0.0.1:$srv.port", "127.0.0.1:$<srv|port>"},
		{"[::1]:$srv6.port", "[::1]:$<srv6|port>"},
		{"[fe80::%2]:80", "[fe80::%2]:80"},
		{"('::1', $s6.port)", "('::1', $<s6|port>)"},
		{"(b'ping', ('127.0.0.1', $v.port))", "(b'ping', ('127.0.0.1', $<v|port>))"},
		{"(b'$v', '$v')", "(b'$v', '$v')"},
		{"($a,$b)", "($<a|>,$<b|>)"},
		{"(1, x$v)", "(1, x$v)"},
		{"(1, %3)", "(1, %3)"},
	}
	for _, tt := range tests {
		got, err := Expand(tt.in, resolve)
		if err != nil || got != tt.want {
			t.Errorf("Expand(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{"a = socket; b => ok", `send 1 "x\"y"*3 # c`, "connect 1 ('h', 1)", "a, b = x => 'q;'", "#3 #x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		sts, err := Split(s)
		if err != nil {
			return
		}
		for _, st := range sts {
			if len(st.Words) == 0 {
				t.Fatalf("statement without a command: %#v", st)
			}
			for _, n := range st.Names {
				if !IsName(n) {
					t.Fatalf("invalid name %q accepted", n)
				}
			}
			for _, w := range st.Words {
				if w == "" {
					t.Fatalf("empty word in %#v", st)
				}
			}
		}
	})
}

// BenchmarkSplit splits the lines of a typical scripted round.
func BenchmarkSplit(b *testing.B) {
	lines := []string{"c = socket inet stream", "connect c $srv", "a = accept srv", "sendall c hi",
		"recv a => b'hi'", "getsockopt a SO_RCVBUF", "getpeername a", "close c; close a  # done"}
	b.ReportAllocs()
	for b.Loop() {
		for _, l := range lines {
			if _, err := Split(l); err != nil {
				b.Fatal(err)
			}
		}
	}
}
