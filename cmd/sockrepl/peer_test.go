package main

// Tests in which sockrepl talks, over 127.0.0.1, to peers it did not
// write: curl, Python's http.server and a Python UDP echo server. Each
// runs the real binary and the real peer; nothing sleeps to synchronise,
// every process has a deadline and every wait for output is bounded.

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestPeerCurlFetchesFromListener drives sockrepl through pipes as a tiny
// HTTP server, and lets curl fetch a page from it.
func TestPeerCurlFetchesFromListener(t *testing.T) {
	curl := needTool(t, "curl")
	ctx := peerContext(t)

	repl := startProc(t, ctx, true, sockreplBin(), "-e")
	repl.send(
		"srv = socket inet stream",
		"setsockopt srv SO_REUSEADDR 1",
		"bind srv 127.0.0.1:0",
		"listen srv",
		"getsockname srv",
	)
	// The commands so far must reach the pipe before sockrepl waits for
	// the next line: the port is read from what it printed.
	repl.waitLine(regexp.MustCompile(`^> getsockname srv$`))
	m := repl.waitLine(regexp.MustCompile(`^127\.0\.0\.1:([0-9]+)$`))
	port, err := strconv.Atoi(m[1])
	if err != nil || port <= 0 || port > 65535 {
		t.Fatalf("getsockname printed a bad port %q\n%s", m[1], repl.dump())
	}

	var curlOut, curlErr bytes.Buffer
	url := fmt.Sprintf("http://127.0.0.1:%d/hello", port)
	fetch := exec.CommandContext(ctx, curl, "-s", "--max-time", "10", url)
	fetch.Stdout, fetch.Stderr = &curlOut, &curlErr
	fetch.WaitDelay = 2 * time.Second
	// A proxy setting must not send the request elsewhere.
	fetch.Env = append(os.Environ(), "NO_PROXY=*", "no_proxy=*")
	if err := fetch.Start(); err != nil {
		t.Fatalf("starting curl: %v", err)
	}
	curlDone := make(chan error, 1)
	go func() { curlDone <- fetch.Wait() }()
	t.Cleanup(func() {
		fetch.Process.Kill()
		select {
		case <-curlDone:
		case <-time.After(5 * time.Second):
			t.Error("curl was not reaped 5s after it was killed")
		}
	})

	const response = `HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 6\r\n\r\nhello\n`
	repl.send(
		"conn = accept srv",
		"recv conn",
		`sendall conn "`+response+`"`,
		"close conn",
		"quit",
	)

	select {
	case err := <-curlDone:
		curlDone <- err // for the cleanup
		if err != nil {
			t.Fatalf("curl failed: %v\ncurl stderr: %s\n%s", err, curlErr.String(), repl.dump())
		}
	case <-time.After(lineWait):
		t.Fatalf("curl did not finish within %v\n%s", lineWait, repl.dump())
	}
	if got := curlOut.String(); got != "hello\n" {
		t.Errorf("curl printed %q, want %q", got, "hello\n")
	}

	if code := repl.exitCode(); code != 0 {
		t.Errorf("sockrepl exited %d, want 0\n%s", code, repl.dump())
	}
	transcript := repl.out.String()

	// The bytes curl sent, as the bytes literal recv printed.
	got := resultOf(t, transcript, "recv conn")
	reqLine := regexp.MustCompile(`^b'GET /hello HTTP/1\.1\\r\\n.*\\r\\n\\r\\n'  \([0-9]+ bytes\)$`)
	if !reqLine.MatchString(got) {
		t.Errorf("recv conn printed %q; want the request as a bytes literal starting with b'GET /hello HTTP/1.1\\r\\n'", got)
	}
	if host := fmt.Sprintf(`\r\nHost: 127.0.0.1:%d\r\n`, port); !strings.Contains(got, host) {
		t.Errorf("recv conn printed %q; want it to hold %q", got, host)
	}
	if got := resultOf(t, transcript, "conn = accept srv"); !regexp.MustCompile(`^#2 conn  fd=[0-9]+  AF_INET SOCK_STREAM proto=0  from 127\.0\.0\.1:[0-9]+$`).MatchString(got) {
		t.Errorf("accept printed %q", got)
	}
	// The literal is 70 bytes once its escapes are read.
	if got, want := resultOf(t, transcript, `sendall conn "`+response+`"`), "ok  (sent all 70 bytes)"; got != want {
		t.Errorf("sendall printed %q, want %q", got, want)
	}
	if got := resultOf(t, transcript, "close conn"); got != "ok" {
		t.Errorf("close conn printed %q, want ok", got)
	}
}

// httpServerPy is python3 -m http.server on 127.0.0.1, port 0, serving
// the directory argv[1], without HTTPServer.server_bind's getfqdn: tests
// make no name lookups (a host without 127.0.0.1 in /etc/hosts would ask
// DNS). It prints the module's "Serving HTTP on" line.
const httpServerPy = `import functools, http.server, socketserver, sys
class Server(http.server.ThreadingHTTPServer):
    def server_bind(self):
        socketserver.TCPServer.server_bind(self)
        self.server_name, self.server_port = "127.0.0.1", self.server_address[1]
handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=sys.argv[1])
with Server(("127.0.0.1", 0), handler) as s:
    print(f"Serving HTTP on 127.0.0.1 port {s.server_address[1]} (http://127.0.0.1:{s.server_address[1]}/) ...", flush=True)
    s.serve_forever()
`

// TestPeerHTTPServer has a sockrepl script fetch a file from Python's
// http.server and read the response to its end.
func TestPeerHTTPServer(t *testing.T) {
	python := needTool(t, "python3")
	ctx := peerContext(t)

	dir := t.TempDir()
	const content = "hello from a file\nsecond line\n"
	if err := os.WriteFile(filepath.Join(dir, "file.txt"), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	server := startProc(t, ctx, false, python, "-u", "-c", httpServerPy, dir)
	m := server.waitLine(regexp.MustCompile(`^Serving HTTP on 127\.0\.0\.1 port ([0-9]+) `))
	port := m[1]

	for _, tc := range []struct {
		name, read string
		readCmds   []string
	}{
		{
			// A binary file read with no size reads to the end of the stream.
			name:     "makefile",
			read:     "read f",
			readCmds: []string{"f = makefile c rb", "read f", "read f => b''", "close f"},
		},
		{
			// recv until b'': the whole response, then the end of stream. A
			// response this small comes in one segment over loopback, but
			// the test does not count on it: see below.
			name:     "recv",
			read:     "recv c",
			readCmds: []string{"recv c", "recv c", "recv c", "recv c", "recv c", "recv c"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			script := strings.Join(append([]string{
				"set preview 0",
				"c = socket inet stream",
				"settimeout c 10",
				"connect c 127.0.0.1:" + port + " => ok",
				`sendall c "GET /file.txt HTTP/1.0\r\nHost: x\r\n\r\n" => None`,
			}, append(tc.readCmds, "close c")...), "\n") + "\n"
			path := writeScript(t, t.TempDir(), script)
			repl := startProc(t, ctx, false, sockreplBin(), "-e", path)
			if code := repl.exitCode(); code != 0 {
				t.Fatalf("sockrepl exited %d, want 0\n%s", code, repl.dump())
			}
			transcript := repl.out.String()

			var body string
			if tc.name == "makefile" {
				body = resultOf(t, transcript, tc.read)
			} else {
				// Join what the recvs printed up to b''.
				body = recvsUntilEOF(t, transcript, "recv c")
			}
			if !strings.HasPrefix(body, `b'HTTP/1.0 200 OK\r\n`) {
				t.Errorf("the response does not start with the status line HTTP/1.0 200 OK:\n%s", transcript)
			}
			if want := fmt.Sprintf(`\r\nContent-Length: %d\r\n`, len(content)); !strings.Contains(body, want) {
				t.Errorf("the response has no %s:\n%s", want, transcript)
			}
			if want := `\r\n\r\nhello from a file\nsecond line\n'`; !strings.Contains(body, want) {
				t.Errorf("the response does not end with the file's content %q:\n%s", want, transcript)
			}
			if !strings.Contains(transcript, "expectations: ") || !strings.Contains(transcript, " 0 failed") {
				t.Errorf("want every expectation to hold:\n%s", transcript)
			}
		})
	}
}

// recvsUntilEOF joins the bytes literals that successive `> cmd` results
// printed, up to the empty one that ends the stream, into one literal. It
// fails the test when the stream never ended.
func recvsUntilEOF(t *testing.T, transcript, cmd string) string {
	t.Helper()
	lines := strings.Split(transcript, "\n")
	chunk := regexp.MustCompile(`^b'(.*)'  \([0-9]+ bytes\)$`)
	var joined strings.Builder
	for i := 0; i+1 < len(lines); i++ {
		if lines[i] != "> "+cmd {
			continue
		}
		res := lines[i+1]
		if strings.HasPrefix(res, "b''  (end of stream") {
			return "b'" + joined.String() + "'"
		}
		m := chunk.FindStringSubmatch(res)
		if m == nil {
			t.Fatalf("%s printed %q, not bytes:\n%s", cmd, res, transcript)
		}
		joined.WriteString(m[1])
	}
	t.Fatalf("the recvs never reached b'' (end of stream):\n%s", transcript)
	return ""
}

// udpEcho is a UDP echo server in Python: it prints its port, then answers
// each datagram with "echo:" and the datagram, and says whom it answered.
const udpEcho = `
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.bind(("127.0.0.1", 0))
print("port", s.getsockname()[1], flush=True)
while True:
    data, peer = s.recvfrom(65535)
    print("from", peer[0], peer[1], repr(data), flush=True)
    s.sendto(b"echo:" + data, peer)
`

// TestPeerUDPEcho has sockrepl send datagrams to a Python UDP echo server
// and check the answers with expectations.
func TestPeerUDPEcho(t *testing.T) {
	python := needTool(t, "python3")
	ctx := peerContext(t)

	server := startProc(t, ctx, false, python, "-u", "-c", udpEcho)
	port := server.waitLine(regexp.MustCompile(`^port ([0-9]+)$`))[1]

	script := strings.Join([]string{
		"u = socket inet dgram",
		"bind u 127.0.0.1:0",
		"settimeout u 10",
		"sendto u 'ping\\n' 127.0.0.1:" + port + " => 5",
		"recvfrom u => b'echo:ping\\n'",
		// Two datagrams stay two: UDP keeps message boundaries.
		"sendto u one 127.0.0.1 " + port + " => 3",
		"sendto u b'\\x00two' ('127.0.0.1', " + port + ") => 4",
		"recvfrom u => b'echo:one'",
		"recvfrom u => b'echo:\\x00two'",
		"getsockname u",
	}, "\n") + "\n"
	path := writeScript(t, t.TempDir(), script)
	repl := startProc(t, ctx, false, sockreplBin(), "-e", path)
	if code := repl.exitCode(); code != 0 {
		t.Fatalf("sockrepl exited %d, want 0\n%s", code, repl.dump())
	}
	transcript := repl.out.String()
	if !strings.Contains(transcript, "expectations: 6 held, 0 failed") {
		t.Errorf("want 6 expectations held:\n%s", transcript)
	}
	if got, want := resultOf(t, transcript, "recvfrom u => b'echo:ping\\n'"), `b'echo:ping\n'  (10 bytes)  from 127.0.0.1:`+port; got != want {
		t.Errorf("recvfrom printed %q, want %q", got, want)
	}
	if got, want := resultOf(t, transcript, "sendto u 'ping\\n' 127.0.0.1:"+port+" => 5"), "5  to 127.0.0.1:"+port; got != want {
		t.Errorf("sendto printed %q, want %q", got, want)
	}

	// The server saw the three datagrams from sockrepl's own address.
	local := resultOf(t, transcript, "getsockname u")
	lm := regexp.MustCompile(`^127\.0\.0\.1:([0-9]+)$`).FindStringSubmatch(local)
	if lm == nil {
		t.Fatalf("getsockname u printed %q", local)
	}
	for _, data := range []string{`b'ping\n'`, `b'one'`, `b'\x00two'`} {
		want := "from 127.0.0.1 " + lm[1] + " " + data
		if got, _ := server.next(); got != want {
			t.Errorf("the echo server printed %q, want %q\n%s", got, want, server.dump())
		}
	}
}
