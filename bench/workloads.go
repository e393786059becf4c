package main

import (
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"
)

func allWorkloads() []*workload {
	return []*workload{
		{key: "d", title: "start-up to exit", prepare: prepareStartup},
		{key: "a", title: "TCP lifecycle on loopback", prepare: prepareLifecycle, ownNet: true},
		{key: "b", title: "many open handles, ls, close them all", prepare: prepareHandles},
		sinkWorkload(),
	}
}

// --- (a) a TCP lifecycle, repeated ---------------------------------------

// lifecycleRounds times 9 calls is about 18,000 calls.
const lifecycleRounds = 2000

const lifecyclePy = `import socket, sys
n = int(sys.argv[1])
srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.bind(("127.0.0.1", 0))
srv.listen()
for _ in range(n):
    c = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    c.connect(srv.getsockname())
    a, _ = srv.accept()
    c.sendall(b"hi")
    if a.recv(65536) != b"hi":
        sys.exit("short recv")
    a.getsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF)
    a.getpeername()
    c.close()
    a.close()
srv.close()
print("done", n)
`

// The C program makes the calls Python's socket module makes: close-on-exec
// sockets, accept4, send with MSG_NOSIGNAL in a loop.
const cHeaders = `#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <linux/sockios.h>

#define CHECK(x) do { if ((x) < 0) { perror(#x); exit(1); } } while (0)

static void sendall(int fd, const char *p, size_t n) {
	while (n > 0) {
		ssize_t k = send(fd, p, n, MSG_NOSIGNAL);
		if (k < 0 && errno == EINTR) continue;
		CHECK(k);
		p += k; n -= (size_t)k;
	}
}
`

const lifecycleC = cHeaders + `
int main(int argc, char **argv) {
	int n = atoi(argv[1]);
	static char buf[65536];
	struct sockaddr_in sa = {0}, peer;
	socklen_t len = sizeof sa;
	int srv = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(srv);
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	CHECK(bind(srv, (struct sockaddr *)&sa, sizeof sa));
	CHECK(listen(srv, 128));
	for (int i = 0; i < n; i++) {
		int c = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		CHECK(c);
		len = sizeof sa;
		CHECK(getsockname(srv, (struct sockaddr *)&sa, &len));
		CHECK(connect(c, (struct sockaddr *)&sa, len));
		len = sizeof peer;
		int a = accept4(srv, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
		CHECK(a);
		sendall(c, "hi", 2);
		ssize_t got = recv(a, buf, sizeof buf, 0);
		if (got != 2) { fprintf(stderr, "short recv\n"); return 1; }
		int v; socklen_t vl = sizeof v;
		CHECK(getsockopt(a, SOL_SOCKET, SO_RCVBUF, &v, &vl));
		len = sizeof peer;
		CHECK(getpeername(a, (struct sockaddr *)&peer, &len));
		CHECK(close(c));
		CHECK(close(a));
	}
	close(srv);
	printf("done %d\n", n);
	return 0;
}
`

// lifecycleStatements is how many statements lifecycleScript(n) and
// lifecycleAsWritten(n) hold: 3 to set up, 9 a round.
func lifecycleStatements(n int) int { return 3 + 9*n }

func lifecycleScript(n int) string {
	var b strings.Builder
	b.WriteString("srv = socket inet stream\nbind srv 127.0.0.1:0\nlisten srv\n")
	for range n {
		b.WriteString("c = socket inet stream\nconnect c $srv\na = accept srv\nsendall c hi\nrecv a\n" +
			"getsockopt a SO_RCVBUF\ngetpeername a\nclose c\nclose a\n")
	}
	return b.String()
}

// lifecycleAsWritten is the same lifecycle written as the README and help
// write commands: explicit option levels, handles by number, by #N and by
// name, and no line twice (every round's handles have new numbers and
// names), so that the parse cache of repeated lines hides nothing.
func lifecycleAsWritten(n int) string {
	var b strings.Builder
	b.WriteString("srv = socket AF_INET SOCK_STREAM\nbind 1 127.0.0.1:0\nlisten #1\n")
	for i := range n {
		c, a := 2+2*i, 3+2*i
		fmt.Fprintf(&b, "c%d = socket inet stream\nconnect %d $srv\na%d = accept srv\nsendall #%d hi\nrecv a%d 65536\n"+
			"getsockopt %d SOL_SOCKET SO_RCVBUF\ngetpeername #%d\nclose c%d\nclose %d\n", i, c, i, c, i, a, a, i, a)
	}
	return b.String()
}

func prepareLifecycle(e *env) ([]sized, error) {
	n := lifecycleRounds
	py, exe, err := pyAndC(e, "lifecycle", lifecyclePy, lifecycleC)
	if err != nil {
		return nil, err
	}
	arg := strconv.Itoa(n)
	check := func(v variant, out string) error {
		if v == vSockrepl {
			if got := strings.Count(out, "b'hi'  (2 bytes)\n"); got != n {
				return fmt.Errorf("%d of %d rounds received b'hi'", got, n)
			}
			return nil
		}
		if out != "done "+arg+"\n" {
			return fmt.Errorf("unexpected output %q", tail(out, 200))
		}
		return nil
	}
	var out []sized
	for _, sp := range []struct{ file, label, text string }{
		{"lifecycle.sock", fmt.Sprintf("TCP lifecycle x%d", n), lifecycleScript(n)},
		{"lifecycle-written.sock", fmt.Sprintf("lifecycle x%d, README", n), lifecycleAsWritten(n)},
	} {
		script, err := writeFile(e, sp.file, sp.text)
		if err != nil {
			return nil, err
		}
		out = append(out, sized{
			label: sp.label,
			argv: [nVariants][]string{
				{e.sockrepl, "-q", "-e", script},
				{e.python, py, arg},
				{exe, arg},
			},
			check:    check,
			commands: lifecycleStatements(n),
		})
	}
	return out, nil
}

// --- (b) many handles, ls, close all ---------------------------------------

// The Python and C versions print a table like ls's: the same calls per
// socket (TCP_INFO, getsockname, getpeername, the queue sizes).
const handlesPy = `import socket, sys, fcntl, struct, termios
n = int(sys.argv[1])
socks = [socket.socket(socket.AF_INET, socket.SOCK_STREAM) for _ in range(n)]
out = sys.stdout
out.write("#\tfd\tstate\tlocal\tpeer\tqueues\n")
buf = bytearray(4)
for i, s in enumerate(socks, 1):
    state = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 104)[0]
    local = "%s:%d" % s.getsockname()
    try:
        peer = "%s:%d" % s.getpeername()
    except OSError:
        peer = "-"
    fcntl.ioctl(s, termios.FIONREAD, buf)
    inq = struct.unpack("i", buf)[0]
    fcntl.ioctl(s, termios.TIOCOUTQ, buf)
    outq = struct.unpack("i", buf)[0]
    out.write("%d\t%d\t%d\t%s\t%s\t%d/%d\n" % (i, s.fileno(), state, local, peer, inq, outq))
for s in socks:
    s.close()
print("closed", n)
`

const handlesC = cHeaders + `
int main(int argc, char **argv) {
	int n = atoi(argv[1]);
	int *fds = malloc(sizeof(int) * (size_t)n);
	for (int i = 0; i < n; i++) {
		fds[i] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
		CHECK(fds[i]);
	}
	printf("#\tfd\tstate\tlocal\tpeer\tqueues\n");
	for (int i = 0; i < n; i++) {
		unsigned char info[104]; socklen_t il = sizeof info;
		CHECK(getsockopt(fds[i], IPPROTO_TCP, TCP_INFO, info, &il));
		struct sockaddr_in sa; socklen_t len = sizeof sa;
		char local[64], peer[64] = "-", host[INET_ADDRSTRLEN];
		CHECK(getsockname(fds[i], (struct sockaddr *)&sa, &len));
		snprintf(local, sizeof local, "%s:%d", inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host), ntohs(sa.sin_port));
		len = sizeof sa;
		if (getpeername(fds[i], (struct sockaddr *)&sa, &len) == 0)
			snprintf(peer, sizeof peer, "%s:%d", inet_ntop(AF_INET, &sa.sin_addr, host, sizeof host), ntohs(sa.sin_port));
		int inq = 0, outq = 0;
		CHECK(ioctl(fds[i], SIOCINQ, &inq));
		CHECK(ioctl(fds[i], SIOCOUTQ, &outq));
		printf("%d\t%d\t%d\t%s\t%s\t%d/%d\n", i + 1, fds[i], info[0], local, peer, inq, outq);
	}
	for (int i = 0; i < n; i++)
		CHECK(close(fds[i]));
	printf("closed %d\n", n);
	return 0;
}
`

func handlesScript(n int) string {
	var b strings.Builder
	b.WriteString(strings.Repeat("socket inet stream\n", n))
	b.WriteString("ls\n")
	for i := 1; i <= n; i++ {
		b.WriteString("close " + strconv.Itoa(i) + "\n")
	}
	return b.String()
}

func prepareHandles(e *env) ([]sized, error) {
	py, exe, err := pyAndC(e, "handles", handlesPy, handlesC)
	if err != nil {
		return nil, err
	}
	var out []sized
	for _, n := range []int{1500, 15000} {
		script, err := writeFile(e, fmt.Sprintf("handles-%d.sock", n), handlesScript(n))
		if err != nil {
			return nil, err
		}
		arg := strconv.Itoa(n)
		out = append(out, sized{
			label: fmt.Sprintf("%d handles, ls, close", n),
			argv: [nVariants][]string{
				{e.sockrepl, "-q", "-e", script},
				{e.python, py, arg},
				{exe, arg},
			},
			check: func(v variant, out string) error {
				if v == vSockrepl {
					rows := strings.Count(out, "  blocking  0/0\n")
					oks := 0
					for _, l := range strings.Split(out, "\n") {
						if l == "ok" {
							oks++
						}
					}
					if rows != n || oks != n {
						return fmt.Errorf("ls showed %d open sockets and %d closes printed ok, want %d", rows, oks, n)
					}
					return nil
				}
				if !strings.HasSuffix(out, "closed "+arg+"\n") || strings.Count(out, "\n") != n+2 {
					return fmt.Errorf("unexpected output ending %q", tail(out, 200))
				}
				return nil
			},
			commands: 2*n + 1,
		})
	}
	return out, nil
}

// --- (c) sendall of 256 MiB to a loopback sink ---------------------------

// sinkBytes is the largest data literal sockrepl accepts.
const sinkBytes = 256 << 20

// The sink is this program's own: a goroutine that accepts on a loopback
// listener and reads and discards with a 1 MiB buffer. Every variant sends
// to the same sink, so the receiving side costs each of them the same and
// only the sender differs; a reader forked by each variant would time its
// language's reading loop too.
type sink struct {
	ln   net.Listener
	port int
	got  chan int64
}

func newSink() (*sink, error) {
	ln, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &sink{ln: ln, port: ln.Addr().(*net.TCPAddr).Port, got: make(chan int64, 1)}
	go func() {
		buf := make([]byte, 1<<20)
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			var n int64
			for {
				k, err := c.Read(buf)
				n += int64(k)
				if err != nil {
					break
				}
			}
			c.Close()
			s.got <- n
		}
	}()
	return s, nil
}

const sendallPy = `import socket, sys
port, n = int(sys.argv[1]), int(sys.argv[2])
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.connect(("127.0.0.1", port))
s.sendall(b"x" * n)
s.close()
`

const sendallC = cHeaders + `
int main(int argc, char **argv) {
	size_t n = strtoull(argv[2], NULL, 10);
	char *buf = malloc(n);
	if (!buf) return 1;
	memset(buf, 'x', n);
	struct sockaddr_in sa = {0};
	sa.sin_family = AF_INET;
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	sa.sin_port = htons((unsigned short)atoi(argv[1]));
	int s = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	CHECK(s);
	CHECK(connect(s, (struct sockaddr *)&sa, sizeof sa));
	sendall(s, buf, n);
	CHECK(close(s));
	return 0;
}
`

func sinkWorkload() *workload {
	var sk *sink
	w := &workload{key: "c", title: "sendall of 256 MiB to a loopback sink"}
	w.prepare = func(e *env) ([]sized, error) {
		var err error
		if sk, err = newSink(); err != nil {
			return nil, err
		}
		port := strconv.Itoa(sk.port)
		script, err := writeFile(e, "sendall.sock", "c = socket inet stream\nconnect c 127.0.0.1:"+port+
			"\nsendall c \"x\"*"+strconv.Itoa(sinkBytes)+"\nclose c\n")
		if err != nil {
			return nil, err
		}
		py, exe, err := pyAndC(e, "sendall", sendallPy, sendallC)
		if err != nil {
			return nil, err
		}
		return []sized{{
			label: "sendall 256 MiB",
			argv: [nVariants][]string{
				{e.sockrepl, "-q", "-e", script},
				{e.python, py, port, strconv.Itoa(sinkBytes)},
				{exe, port, strconv.Itoa(sinkBytes)},
			},
			check: func(v variant, out string) error {
				if v == vSockrepl && !strings.Contains(out, "(sent all "+strconv.Itoa(sinkBytes)+" bytes)") {
					return fmt.Errorf("unexpected output %q", tail(out, 200))
				}
				return nil
			},
		}}, nil
	}
	// Each run must have delivered every byte before the next starts.
	w.after = func(v variant) error {
		select {
		case n := <-sk.got:
			if n != sinkBytes {
				return fmt.Errorf("the sink got %d bytes, want %d", n, sinkBytes)
			}
			return nil
		case <-time.After(30 * time.Second):
			return fmt.Errorf("the sink got nothing in 30s")
		}
	}
	return w
}

// --- (d) start-up ------------------------------------------------------------

func prepareStartup(e *env) ([]sized, error) {
	exe, err := compileC(e, "empty", "int main(void) { return 0; }\n")
	if err != nil {
		return nil, err
	}
	return []sized{{
		label: "start-up (-c quit)",
		argv: [nVariants][]string{
			{e.sockrepl, "-c", "quit"},
			{e.python, "-c", "import socket"},
			{exe},
		},
	}}, nil
}
