// Package repl is the line loop: readline at a terminal, a plain reader
// for scripts. It reads lines and hands them to the session; what a line
// means is the session's business.
package repl

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/chzyer/readline"

	"sockrepl/internal/session"
)

// Prompt says the shell is sockrepl and is waiting for a command.
const Prompt = "sockrepl> "

// Options for an interactive loop.
type Options struct {
	Stdin  io.ReadCloser
	Stdout io.Writer
	Stderr io.Writer
	// Completer and Hinter are filled in by the shell's completion support
	// when present.
	AutoComplete readline.AutoCompleter
	HistoryFile  string
	Listener     readline.Listener
}

// Interactive reads commands at a terminal until Ctrl-D or quit. Ctrl-C at
// the prompt clears the line; Ctrl-C during a call is the session's (the
// signal handler interrupts the wait).
func Interactive(s *session.Session, opt Options) error {
	rl, err := readline.NewEx(&readline.Config{
		Prompt:            Prompt,
		Stdin:             opt.Stdin,
		Stdout:            opt.Stdout,
		Stderr:            opt.Stderr,
		AutoComplete:      opt.AutoComplete,
		HistoryFile:       opt.HistoryFile,
		HistorySearchFold: true,
		Listener:          opt.Listener,
		InterruptPrompt:   "^C",
		EOFPrompt:         "quit",
	})
	if err != nil {
		return fmt.Errorf("cannot start the line editor: %w", err)
	}
	defer rl.Close()
	for !s.Quitting() {
		text, err := rl.Readline()
		switch {
		case errors.Is(err, readline.ErrInterrupt):
			continue
		case err == io.EOF:
			return nil
		case err != nil:
			return err
		}
		s.ExecLine(text)
	}
	return nil
}

// Plain reads commands from a reader that is not a terminal (a pipe, a
// file), until it ends, quit, or stop says so.
func Plain(s *session.Session, r io.Reader, stop func() bool) error {
	return s.RunScript(r, func() bool { return s.Quitting() || stop() })
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool { return readline.IsTerminal(int(f.Fd())) }
