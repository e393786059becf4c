package main

import (
	"regexp"
	"strings"
	"testing"
)

// writeSequence is the same run of buffered writes into a non-blocking
// socket in both languages: binary then text, each write's outcome, then
// the other end's queue received, everything flushed and counted there.
var writeSequence = []string{"268435456", "268435456", "268435456", "268435456", "t:100", "t:268435456", "t:100", "t:5000", "t:9000"}

const writePython = `
import socket, sys
a, b = socket.socketpair()
a.setblocking(False)
f = a.makefile('wb')
t = a.makefile('w')
for w in sys.argv[1:]:
    text = w.startswith('t:')
    n = int(w[2:] if text else w)
    try:
        print('ok', (t if text else f).write('x' * n if text else b'x' * n))
    except BlockingIOError as e:
        print('EAGAIN', e.characters_written)
print('received', len(b.recv(1 << 20)))
a.setblocking(True)
f.flush()
t.flush()
a.shutdown(socket.SHUT_WR)
got = 0
while True:
    d = b.recv(1 << 20)
    if not d:
        break
    got += len(d)
print('received', got)
`

// TestBufferedWriteMatchesPython: a file's write on a non-blocking socket
// keeps at most one buffer (8 KiB), fails with BlockingIOError saying how
// much it took (characters_written), and what it took is sent once: the
// same numbers as Python's BufferedWriter and TextIOWrapper. The buffer
// used to grow with every write (1 GB after four), and a retry sent the
// data twice.
func TestBufferedWriteMatchesPython(t *testing.T) {
	python := needTool(t, "python3")
	want, stderr, err := runWithTimeout(t, append([]string{python, "-c", writePython}, writeSequence...), nil)
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr)
	}

	script := "a, b = socketpair\nsetblocking a false\nf = makefile a wb\nt = makefile a w\n"
	for _, w := range writeSequence {
		file := "f"
		if n, ok := strings.CutPrefix(w, "t:"); ok {
			file, w = "t", n
		}
		script += "write " + file + " \"x\"*" + w + "\n"
	}
	script += "recv b 1048576\nsetblocking a true\nflush f\nflush t\nshutdown a wr\nr = makefile b rb\nread r\n"
	out, stderr, err := runWithTimeout(t, []string{sockreplBin(), "-q"}, []byte(script))
	if err != nil {
		t.Fatalf("sockrepl: %v\n%s%s", err, out, stderr)
	}
	var got []string
	outcome := regexp.MustCompile(`^(?:([0-9]+)  \(|EAGAIN .*characters_written=([0-9]+):|b'x.*  \(([0-9]+) bytes\)$)`)
	for _, line := range strings.Split(string(out), "\n") {
		m := outcome.FindStringSubmatch(line)
		switch {
		case m == nil:
		case m[1] != "":
			got = append(got, "ok "+m[1])
		case m[2] != "":
			got = append(got, "EAGAIN "+m[2])
		default:
			got = append(got, "received "+m[3])
		}
	}
	if strings.Join(got, "\n")+"\n" != string(want) {
		t.Errorf("sockrepl:\n%s\nPython:\n%s\n--- transcript:\n%.3000s", strings.Join(got, "\n"), want, out)
	}
}
