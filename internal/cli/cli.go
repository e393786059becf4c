// Package cli is sockrepl's command line: flags, the choice between an
// interactive shell and a script, signals, and the exit status.
package cli

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"

	"github.com/chzyer/readline"

	"sockrepl/internal/rawfile"
	"sockrepl/internal/render"
	"sockrepl/internal/session"
	"sockrepl/internal/sock"
	"sockrepl/repl"
)

// Version is printed by --version.
const Version = "sockrepl 0.1.0"

// Exit statuses.
const (
	exitOK          = 0
	exitFailed      = 1 // an expectation failed, or -e stopped the run
	exitUsage       = 2 // bad flags or an unreadable file
	exitInterrupted = 130
)

const usage = `usage: sockrepl [flags] [FILE...]

  sockrepl                 interactive when stdin is a terminal
  sockrepl FILE...         run each file in order, then exit
  sockrepl < FILE          the same from standard input (no prompt)
  sockrepl -c 'CMD; CMD'   run these commands, then exit
  sockrepl -i FILE         run FILE, then stay interactive

flags:
  -e              stop at the first command that fails unexpectedly (exit 1)
  -q              do not echo commands in script mode
  -c CMDS         run CMDS (separated by ; or newlines)
  -i FILE         run FILE first, then the files, standard input or the prompt
  --color=WHEN    auto (only on a terminal, and not with NO_COLOR), always, never
  --trace         print the system calls each command makes
  --version       print the version
  --help          print this help

Exit status: 0 when every expectation held (with -e: and nothing failed);
1 when an expectation failed or -e stopped the run; 2 for a usage error or an
unreadable file; 130 when Ctrl-C stopped a script.
Type help in the shell for the commands.
`

type config struct {
	stopOnError bool
	quiet       bool
	commands    string
	hasCommands bool
	initFile    string
	color       string
	trace       bool
	files       []string
}

// parseFlags reads flags and file names in any order.
func parseFlags(args []string, stderr io.Writer) (*config, int, bool) {
	cfg := &config{color: "auto"}
	fs := flag.NewFlagSet("sockrepl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&cfg.stopOnError, "e", false, "")
	fs.BoolVar(&cfg.quiet, "q", false, "")
	fs.Func("c", "", func(v string) error { cfg.commands, cfg.hasCommands = v, true; return nil })
	fs.StringVar(&cfg.initFile, "i", "", "")
	fs.StringVar(&cfg.color, "color", "auto", "")
	fs.BoolVar(&cfg.trace, "trace", false, "")
	version := fs.Bool("version", false, "")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	for {
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(stderr, "sockrepl: %v\n%s", err, usage)
			return nil, exitUsage, true
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		cfg.files = append(cfg.files, args[0])
		args = args[1:]
	}
	switch {
	case *help:
		fmt.Fprint(os.Stdout, usage)
		return nil, exitOK, true
	case *version:
		fmt.Fprintln(os.Stdout, Version)
		return nil, exitOK, true
	}
	switch cfg.color {
	case "auto", "always", "never":
	default:
		fmt.Fprintf(stderr, "sockrepl: --color takes auto, always or never, not %q\n", cfg.color)
		return nil, exitUsage, true
	}
	if cfg.hasCommands && (len(cfg.files) > 0 || cfg.initFile != "") {
		fmt.Fprintln(stderr, "sockrepl: -c runs its commands instead of files; give either -c or files")
		return nil, exitUsage, true
	}
	return cfg, 0, false
}

// Main runs sockrepl and returns its exit status.
func Main(args []string) int {
	stdin, stdout, stderr := os.Stdin, os.Stdout, os.Stderr
	cfg, code, done := parseFlags(args, stderr)
	if done {
		return code
	}
	defer startProfile()()
	rawfile.StartRuntimePoller()
	sys, err := sock.New()
	if err != nil {
		fmt.Fprintf(stderr, "sockrepl: %v\n", err)
		return exitFailed
	}
	defer sys.Release()
	// Every file must be readable before anything runs. Each is opened
	// once, here: opening a FIFO twice would take its writer's data.
	files := make([]*rawfile.Reader, 0, len(cfg.files)+1)
	defer func() {
		for _, r := range files {
			r.Close()
		}
	}()
	for _, f := range append(cfg.files, cfg.initFile) {
		if f == "" {
			continue
		}
		r, err := rawfile.OpenReader(f, sys.WaitReadable)
		if err != nil {
			fmt.Fprintf(stderr, "sockrepl: cannot read %s: %v\n", f, rawfile.Cause(err))
			return exitUsage
		}
		files = append(files, r)
	}

	interactive := !cfg.hasCommands && len(cfg.files) == 0 && repl.IsTerminal(stdin)
	useReadline := interactive && repl.IsTerminal(stdout)

	var out io.Writer = stdout
	var buffered *bufio.Writer
	if !interactive {
		buffered = bufio.NewWriterSize(stdout, 64<<10)
		out = buffered
	}
	printer := &render.Printer{W: out, Color: wantColor(cfg.color, stdout)}
	s := session.New(sys, printer)
	if buffered != nil {
		s.Flush = func() { buffered.Flush() }
	}
	s.SetTrace(cfg.trace)

	// Ctrl-C interrupts the current wait; in a script it also ends the run.
	// SIGTERM and SIGHUP end the shell at once, terminal restored.
	var scriptStopped atomic.Bool
	inScript := atomic.Bool{}
	termState, _ := readline.GetState(int(stdin.Fd()))
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	go func() {
		for sig := range sigs {
			if sig == os.Interrupt {
				if inScript.Load() {
					scriptStopped.Store(true)
				}
				sys.Interrupt()
				continue
			}
			if termState != nil {
				readline.Restore(int(stdin.Fd()), termState)
			}
			os.Exit(128 + int(sig.(syscall.Signal)))
		}
	}()

	status := exitOK
	stopped := false
	stop := func() bool {
		if scriptStopped.Load() {
			return true
		}
		if cfg.stopOnError && (s.Failures > 0 || s.ExpectFailed > 0) {
			stopped = true
			return true
		}
		return false
	}
	readFailed := false
	runScript := func(r io.Reader, name string) {
		inScript.Store(true)
		s.Stop = stop
		defer func() { inScript.Store(false); s.Stop = nil }()
		if err := repl.Plain(s, r, stop); err != nil && !errors.Is(err, sock.ErrInterrupted) {
			fmt.Fprintf(stderr, "sockrepl: cannot read %s: %v\n", name, rawfile.Cause(err))
			readFailed = true
		}
	}

	s.Set.Echo = !cfg.quiet
	// -i FILE runs first, before the script files, standard input or the
	// prompt (-c refuses it).
	if cfg.initFile != "" {
		runScript(files[len(cfg.files)], cfg.initFile)
		files[len(cfg.files)].Close()
	}
	switch {
	case cfg.hasCommands:
		runScript(strings.NewReader(cfg.commands), "-c")
	case len(cfg.files) > 0:
		for i, name := range cfg.files {
			if stop() || s.Quitting() {
				break
			}
			runScript(files[i], name)
			files[i].Close()
		}
	case interactive:
		s.Set.Echo = false
		if !s.Quitting() && !scriptStopped.Load() {
			if useReadline {
				if err := repl.Interactive(s, repl.Options{Stdin: stdin, Stdout: stdout, Stderr: stderr, HistoryFile: repl.HistoryPath()}); err != nil {
					fmt.Fprintf(stderr, "sockrepl: %v\n", err)
				}
			} else {
				repl.Plain(s, stdin, func() bool { return false })
			}
		}
	default:
		runScript(rawfile.NewReader(int(stdin.Fd()), "standard input", sys.WaitReadable), "standard input")
	}
	s.CloseAll()
	if stopped {
		printer.Line(render.P(render.Bad, "stopped at the first failure (-e)"))
	}
	if s.ExpectPassed+s.ExpectFailed > 0 && !interactive {
		printer.Line(render.P(render.Note, fmt.Sprintf("expectations: %d held, %d failed", s.ExpectPassed, s.ExpectFailed)))
	}
	if buffered != nil {
		buffered.Flush()
	}
	switch {
	case scriptStopped.Load():
		status = exitInterrupted
	case readFailed:
		status = exitUsage
	case s.ExpectFailed > 0 || stopped:
		status = exitFailed
	}
	return status
}

// wantColor decides --color=auto: only on a terminal, never with NO_COLOR.
func wantColor(mode string, out *os.File) bool {
	switch mode {
	case "always":
		return true
	case "never":
		return false
	}
	// no-color.org: NO_COLOR set to anything but the empty string.
	return os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb" && repl.IsTerminal(out)
}
