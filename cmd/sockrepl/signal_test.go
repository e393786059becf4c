package main

import (
	"bytes"
	"context"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestScriptInterrupt: Ctrl-C (SIGINT) while a script waits stops the
// script with status 130, after printing `interrupted`; nothing after the
// waiting command runs.
func TestScriptInterrupt(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, sockreplBin(), "-c",
		"srv = socket; bind srv 127.0.0.1:0; listen srv; accept srv; echo NOT-REACHED")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	waitInPoll(t, cmd.Process.Pid)
	cmd.Process.Signal(syscall.SIGINT)
	err := cmd.Wait()
	code := -1
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err == nil {
		code = 0
	}
	if code != 130 {
		t.Errorf("exit status %d, want 130 (err %v)", code, err)
	}
	if !strings.Contains(out.String(), "\ninterrupted") {
		t.Errorf("no `interrupted` line:\n%s", out.String())
	}
	if strings.Contains(out.String(), "NOT-REACHED") {
		t.Errorf("the script went on after Ctrl-C:\n%s", out.String())
	}
}

// TestTerminateSignals: SIGTERM and SIGHUP end the shell at once, even in
// the middle of a wait, with the conventional status 128+signal.
func TestTerminateSignals(t *testing.T) {
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGHUP} {
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		cmd := exec.CommandContext(ctx, sockreplBin(), "-c", "a, b = socketpair; recv a")
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		waitInPoll(t, cmd.Process.Pid)
		cmd.Process.Signal(sig)
		err := cmd.Wait()
		cancel()
		ee, ok := err.(*exec.ExitError)
		if !ok || ee.ExitCode() != 128+int(sig) {
			t.Errorf("%v: %v, want exit status %d", sig, err, 128+int(sig))
		}
	}
}
