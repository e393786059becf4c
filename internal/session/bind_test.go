package session

import (
	"slices"
	"strings"
	"testing"
)

func TestBindKeywords(t *testing.T) {
	for _, c := range []struct {
		cmd, in, want, err string
	}{
		{"socketpair", "type=dgram", "_ dgram", ""},
		{"socketpair", "inet proto=0", "inet _ 0", ""},
		{"socketpair", "inet stream", "inet stream", ""}, // no keywords: as written
		{"makefile", "c mode=rb", "c rb", ""},
		{"getaddrinfo", "localhost 80 type=stream", "localhost 80 _ stream", ""},
		{"fromfd", "5 type=stream family=unix", "5 unix stream", ""},
		{"socketpair", "unix family=unix", "", "TypeError: socketpair() got multiple values for argument 'family'"},
		{"socketpair", "family=unix family=inet", "", "SyntaxError: keyword argument repeated: family"},
		{"socketpair", "type=dgram unix", "", "SyntaxError: positional argument follows keyword argument"},
		{"socketpair", "typo=1", "", "TypeError: socketpair() got an unexpected keyword argument 'typo'"},
		{"fromfd", "type=stream", "", "fromfd: FD has no default"},
		{"recv", "a bufsize=10", "a bufsize=10", ""}, // C methods take no keywords: the command says what is wrong
	} {
		got, err := bindKeywords(lookup(c.cmd), strings.Fields(c.in))
		switch {
		case c.err != "":
			if err == nil || !strings.HasPrefix(err.Error(), c.err) {
				t.Errorf("%s %s: error %v, want %s", c.cmd, c.in, err, c.err)
			}
		case err != nil:
			t.Errorf("%s %s: %v", c.cmd, c.in, err)
		case !slices.Equal(gaps(got), strings.Fields(c.want)):
			t.Errorf("%s %s: %q, want %q", c.cmd, c.in, got, c.want)
		}
	}
}

func TestExplainOrder(t *testing.T) {
	for _, c := range []struct{ cmd, in, want string }{
		{"socket", "SOCK_STREAM AF_INET", "SOCK_STREAM is a TYPE; FAMILY comes first"},
		{"socket", "dgram", "dgram is a TYPE; FAMILY comes first"},
		{"fromfd", "5 stream unix", "stream is a TYPE; FAMILY comes first"},
		{"socket", "inet tcp", "tcp is a PROTO; TYPE comes first"},
		{"socket", "bogus", ""},        // fits nothing: the command's own message
		{"recv", "a peek", ""},         // BUFSIZE is told from FLAGS by its look
		{"socket", "inet stream", ""},  // nothing wrong
		{"bind", "1 127.0.0.1:80", ""}, // an address takes any word
	} {
		err := explainOrder(lookup(c.cmd), strings.Fields(c.in))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if (c.want == "") != (got == "") || !strings.Contains(got, c.want) {
			t.Errorf("%s %s: %q, want %q", c.cmd, c.in, got, c.want)
		}
	}
}

// gaps writes the empty words bindKeywords leaves for defaults as _.
func gaps(words []string) []string {
	out := slices.Clone(words)
	for i, w := range out {
		if w == "" {
			out[i] = "_"
		}
	}
	return out
}
