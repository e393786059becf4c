package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// soakScript writes a script of about n commands: a socket lifecycle on a
// loopback connection, over and over, on a fixed set of names. Each round
// makes and closes two sockets (handles are never reused, so each costs a
// little memory for the record ls keeps), and the rest make none. The
// script ends by printing a marker and waiting in recv, where the test
// looks at the process.
func soakScript(t *testing.T, rounds int) string {
	var b strings.Builder
	b.WriteString("srv = socket\nbind srv 127.0.0.1:0\nlisten srv\na, b = socketpair\n")
	for i := 0; i < rounds; i++ {
		b.WriteString("c = socket\nconnect c $srv\nconn = accept srv\nsendall c ping\nrecv conn 4\nclose c\nclose conn\n")
		for j := 0; j < 13; j++ { // commands that make no handle
			b.WriteString("send a x\nrecv b 1\ngetsockopt a SO_SNDBUF\n")
		}
		b.WriteString("gettimeout a\n")
	}
	b.WriteString("echo " + soakDone + "\nrecv b\n")
	path := filepath.Join(t.TempDir(), "soak.sock")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// soakDone is printed just before the script's last wait.
const soakDone = "SOAK-DONE"

// soakRun runs a soak script until it waits in its last recv, then reads
// the process's open fd count and resident memory, and ends it.
func soakRun(t *testing.T, path string) (fds []string, rssKiB int64) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, sockreplBin(), "-q", path)
	outPath := path + ".out"
	out, err := os.Create(outPath)
	if err != nil {
		t.Fatal(err)
	}
	defer out.Close()
	cmd.Stdout = out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer cmd.Process.Kill()
	if !waitUntil(3*time.Minute, func() bool { return inLastRecv(cmd.Process.Pid, outPath) }) {
		t.Fatal("the soak script never reached its last recv")
	}
	dir := fmt.Sprintf("/proc/%d/fd", cmd.Process.Pid)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		link, _ := os.Readlink(filepath.Join(dir, e.Name()))
		// Socket inode numbers differ from run to run; the kinds must not.
		if strings.HasPrefix(link, "socket:") {
			link = "socket"
		}
		switch link {
		case path:
			link = "the script"
		case outPath:
			link = "the output"
		}
		fds = append(fds, e.Name()+"->"+link)
	}
	status, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", cmd.Process.Pid))
	for _, l := range strings.Split(string(status), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), &rssKiB)
		}
	}
	cmd.Process.Signal(syscall.SIGTERM)
	return fds, rssKiB
}

// inLastRecv: the marker before the last recv has been printed (the shell
// flushes its output just before it blocks) and a thread sleeps in poll.
func inLastRecv(pid int, outPath string) bool {
	b, _ := os.ReadFile(outPath)
	if !strings.HasSuffix(string(b), soakDone+"\n") {
		return false
	}
	return sleepsInPoll(pid)
}

// TestSoak runs a million commands: the open fd count ends where a short
// run's does, and resident memory grows only by the handle records (two
// sockets a round), not with the commands run.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("a million commands")
	}
	const roundLen = 7 + 13*3 + 1 // commands a round
	shortFDs, shortRSS := soakRun(t, soakScript(t, 200))
	longFDs, longRSS := soakRun(t, soakScript(t, 1_000_000/roundLen))
	if strings.Join(longFDs, " ") != strings.Join(shortFDs, " ") {
		t.Errorf("open fds after a million commands:\n  %v\nafter %d commands:\n  %v", longFDs, 200*roundLen, shortFDs)
	}
	handles := int64(2 * 1_000_000 / roundLen)
	// About a quarter of a KiB per handle ever made, plus a margin; the
	// commands themselves must not add to it. The margin holds the
	// garbage collector's goal too, which counts the program's global
	// variables: gopacket's layers (the wire view's decoder) bring 5.4 MB
	// of them, which a long run's heap grows into and a short run's never
	// reaches.
	if limit := shortRSS + handles/4 + 14<<10; longRSS > limit {
		t.Errorf("resident memory %d KiB after a million commands (%d handles made), %d KiB after a short run; limit %d KiB", longRSS, handles, shortRSS, limit)
	}
	t.Logf("fds %d → %d; RSS %d KiB → %d KiB over %d handles", len(shortFDs), len(longFDs), shortRSS, longRSS, handles)
}
