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
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/chzyer/readline"

	"sockrepl/internal/lab"
	"sockrepl/internal/lesson"
	"sockrepl/internal/msg"
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
	exitFailed      = 1 // an expectation failed, -e stopped the run, or a lesson was left undone
	exitUsage       = 2 // bad flags, an unreadable file or unwritable output, an open-file limit too low
	exitInterrupted = 130
	exitTimedOut    = 124 // --timeout ran out, as timeout(1) says
)

type config struct {
	stopOnError bool
	quiet       bool
	commands    string
	hasCommands bool
	initFile    string
	color       string
	trace       bool
	wire        bool          // --wire: set wire on
	lab         bool          // --lab: a network namespace of its own
	timeout     time.Duration // --timeout: the whole run's bound (0: none)
	files       []string
}

// parseFlags reads flags and file names in any order.
func parseFlags(args []string, stdout, stderr io.Writer) (*config, int, bool) {
	cfg := &config{color: "auto"}
	msg.Set(msg.FromEnv(os.Getenv))
	fs := flag.NewFlagSet("sockrepl", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.BoolVar(&cfg.stopOnError, "e", false, "")
	fs.BoolVar(&cfg.quiet, "q", false, "")
	fs.Func("c", "", func(v string) error { cfg.commands, cfg.hasCommands = v, true; return nil })
	fs.StringVar(&cfg.initFile, "i", "", "")
	fs.StringVar(&cfg.color, "color", "auto", "")
	fs.BoolVar(&cfg.trace, "trace", false, "")
	fs.BoolVar(&cfg.wire, "wire", false, "")
	fs.BoolVar(&cfg.lab, "lab", false, "")
	fs.Func("timeout", "", func(v string) error {
		secs, err := strconv.ParseFloat(v, 64)
		if err != nil || !(secs > 0) || secs > 1e9 {
			return errors.New(msgBadTimeout.S(msg.A("value", strconv.Quote(v))))
		}
		cfg.timeout = time.Duration(secs * float64(time.Second))
		return nil
	})
	fs.Func("lang", "", func(v string) error {
		l, ok := msg.Parse(v)
		if !ok {
			return errors.New(msgBadLang.S(msg.A("value", strconv.Quote(v))))
		}
		msg.Set(l)
		return nil
	})
	version := fs.Bool("version", false, "")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	for {
		if err := fs.Parse(args); err != nil {
			complain(stderr, flagError(err))
			fmt.Fprint(stderr, msgUsage)
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
	case *help, *version:
		text := Version + "\n"
		if *help {
			text = msgUsage.S()
		}
		if _, err := io.WriteString(stdout, text); err != nil {
			complain(stderr, msgCannotWrite.S(msg.A("cause", rawfile.Cause(err))))
			return nil, exitUsage, true
		}
		return nil, exitOK, true
	}
	switch cfg.color {
	case "auto", "always", "never":
	default:
		complain(stderr, msgBadColor.S(msg.A("value", strconv.Quote(cfg.color))))
		return nil, exitUsage, true
	}
	if cfg.hasCommands && (len(cfg.files) > 0 || cfg.initFile != "") {
		complain(stderr, msgCommandsOrFiles.S())
		return nil, exitUsage, true
	}
	return cfg, 0, false
}

// Stdio is what the shell reads and writes: for the program, os.Stdin,
// os.Stdout and os.Stderr. Files, not readers and writers, because whether
// each is a terminal decides the mode, the prompt and the colors.
type Stdio struct {
	In       *os.File
	Out, Err *os.File
}

// OS is the program's own standard input, output and error.
func OS() Stdio { return Stdio{In: os.Stdin, Out: os.Stdout, Err: os.Stderr} }

// Main runs sockrepl with args (without the program's name) on stdio and
// returns its exit status.
func Main(args []string, stdio Stdio) int {
	if repl.RunGuard() {
		return exitOK
	}
	stdin, stdout, stderr := stdio.In, stdio.Out, stdio.Err
	cfg, code, done := parseFlags(args, stdout, stderr)
	if done {
		return code
	}
	// --lab: the same command line again, as a child in namespaces of its
	// own; this process only waits for it.
	if cfg.lab && !lab.Inside() {
		code, err := lab.Run(args)
		if err != nil {
			complain(stderr, err.Error())
			return exitUsage
		}
		return code
	}
	if lab.Inside() {
		if err := lab.Setup(); err != nil {
			complain(stderr, msgLabLoopback.S(msg.A("err", err)))
			return exitUsage
		}
	}
	// Before anything makes a descriptor: under a tiny limit the Go
	// runtime would end the process with a crash dump.
	if limit, low := rawfile.LimitTooLow(); low {
		complain(stderr, msgLimitTooLow.S(msg.A("limit", limit), msg.A("need", rawfile.MinLimit), msg.A("own", rawfile.Own)))
		return exitUsage
	}
	defer startProfile()()
	rawfile.StartRuntimePoller()
	sys, err := sock.New()
	if err != nil {
		complain(stderr, err.Error())
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
			cannotRead(stderr, f, err)
			return exitUsage
		}
		files = append(files, r)
	}

	interactive := !cfg.hasCommands && len(cfg.files) == 0 && repl.IsTerminal(stdin)
	atTerminal := interactive && repl.IsTerminal(stdout)
	// A terminal that cannot move its cursor gets the plain prompt.
	useReadline := atTerminal && os.Getenv("TERM") != "dumb"
	var guard *repl.Guard
	if useReadline {
		// Before any socket exists: the guard must hold none of them.
		guard = repl.StartGuard(stdin)
	}
	var dumb *repl.DumbTerminal
	if atTerminal && !useReadline {
		dumb, _ = repl.NewDumbTerminal(stdin, stdout)
	}

	// A failed write on standard output (a full disk, /dev/full) is
	// remembered: the script stops, and the shell says so on standard
	// error and exits 2. (A closed pipe ends the shell by SIGPIPE, as it
	// ends any filter.)
	watched := &watchedWriter{w: stdout}
	var out io.Writer = watched
	// At the terminal, a status line tells of a call that waits; all
	// output goes through it, so it is gone before anything else shows.
	var waitLine *repl.StatusLine
	if useReadline {
		waitLine = repl.NewStatusLine(watched)
		out = waitLine
	}
	var buffered *bufio.Writer
	if !interactive {
		buffered = bufio.NewWriterSize(watched, 64<<10)
		out = buffered
	}
	printer := &render.Printer{W: out, Color: wantColor(cfg.color, stdout)}
	s := session.New(sys, printer)
	if waitLine != nil {
		waitLine.Color = func() bool { return printer.Color }
		s.OnWait = waitLine.Waiting
	}
	if buffered != nil {
		s.Flush = func() { buffered.Flush() }
	}
	s.SetTrace(cfg.trace)
	if cfg.wire {
		if err := s.SetWire(true); err != nil {
			complain(stderr, "--wire: "+err.Error())
			return exitUsage
		}
	}
	// Lessons keep their progress beside the history, at a terminal only:
	// a script (a student's lab file being graded) leaves no trace.
	var progress *lesson.Progress
	if atTerminal {
		progress = lesson.OpenProgress(lesson.ProgressPath(repl.HistoryPath()))
	}
	tutor := lesson.New(s, progress)

	// Ctrl-C interrupts the current wait; in a script it also ends the run.
	// SIGTERM and SIGHUP end the shell at once, terminal restored.
	var scriptStopped atomic.Bool
	inScript := atomic.Bool{}
	termState, _ := readline.GetState(int(stdin.Fd()))
	// A panic that escapes everything else still leaves the terminal as
	// it was and closes the handles before the crash report.
	defer func() {
		if p := recover(); p != nil {
			if termState != nil {
				readline.Restore(int(stdin.Fd()), termState)
			}
			s.CloseAll()
			panic(p)
		}
	}()
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	// --timeout bounds the run (never the prompt): the wait under way is
	// interrupted, the run stops, its handles are closed.
	var timedOut atomic.Bool
	var deadline *time.Timer
	s.RunTimedOut = timedOut.Load
	if cfg.timeout > 0 {
		deadline = time.AfterFunc(cfg.timeout, func() {
			timedOut.Store(true)
			scriptStopped.Store(true)
			sys.Interrupt()
		})
		defer deadline.Stop()
	}
	go func() {
		for sig := range sigs {
			if sig == os.Interrupt {
				if inScript.Load() {
					scriptStopped.Store(true)
				}
				sys.Interrupt()
				if dumb != nil {
					dumb.Interrupt()
				}
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
		if scriptStopped.Load() || watched.err() != nil {
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
			cannotRead(stderr, name, err)
			readFailed = true
		}
	}

	s.Set.Echo = !cfg.quiet
	// -i FILE runs first, before the script files, standard input or the
	// prompt (-c refuses it).
	if cfg.initFile != "" {
		runScript(files[len(cfg.files)], cfg.initFile)
		files[len(cfg.files)].Close()
		if interactive && scriptStopped.Load() {
			// As python -i: Ctrl-C ends FILE, not the shell; the prompt
			// comes with every handle FILE made.
			scriptStopped.Store(false)
			printer.Line(render.P(render.Note, msgInitStopped.S(msg.A("file", cfg.initFile))))
		}
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
		if deadline != nil && deadline.Stop() {
			// The prompt has no time limit.
			scriptStopped.Store(false)
		}
		if !s.Quitting() && !scriptStopped.Load() {
			switch {
			case useReadline:
				if err := repl.Interactive(s, repl.Options{Stdin: stdin, Stdout: waitLine, Stderr: stderr, HistoryFile: repl.HistoryPath(), Status: waitLine}); err != nil {
					complain(stderr, err.Error())
				}
			case dumb != nil:
				if err := dumb.Run(s); err != nil {
					complain(stderr, err.Error())
				}
			default:
				repl.Plain(s, stdin, func() bool { return false })
			}
		}
	default:
		runScript(rawfile.NewReader(int(stdin.Fd()), msgStdin.S(), sys.WaitReadable), msgStdin.S())
	}
	s.CloseAll()
	guard.Done()
	if stopped {
		printer.Line(render.P(render.Bad, msgStoppedAtFailure.S()))
	}
	if s.ExpectPassed+s.ExpectFailed > 0 && !interactive {
		printer.Line(render.P(render.Note, msgExpectations.S(msg.A("held", s.ExpectPassed), msg.A("failed", s.ExpectFailed))))
	}
	lessonLines, lessonsDone := tutor.Summary()
	if !interactive {
		for _, l := range lessonLines {
			printer.Line(render.P(render.Note, l))
		}
	}
	if buffered != nil {
		buffered.Flush()
	}
	if watched.err() != nil {
		complain(stderr, msgCannotWrite.S(msg.A("cause", rawfile.Cause(watched.err()))))
	}
	if timedOut.Load() {
		complain(stderr, msgTimedOut.S(msg.A("secs", strconv.FormatFloat(cfg.timeout.Seconds(), 'g', -1, 64))))
	}
	switch {
	case timedOut.Load():
		status = exitTimedOut
	case scriptStopped.Load():
		status = exitInterrupted
	case readFailed, watched.err() != nil:
		status = exitUsage
	case s.ExpectFailed > 0 || stopped || !interactive && !lessonsDone:
		status = exitFailed
	}
	return status
}

// watchedWriter remembers the first error writing to w. The status
// line's timer writes from a goroutine of its own, so the error is kept
// where both may touch it.
type watchedWriter struct {
	w     io.Writer
	first atomic.Pointer[error]
}

func (w *watchedWriter) Write(p []byte) (int, error) {
	n, err := w.w.Write(p)
	if err != nil {
		w.first.CompareAndSwap(nil, &err)
	}
	return n, err
}

// err is the first error a write met, or nil.
func (w *watchedWriter) err() error {
	if e := w.first.Load(); e != nil {
		return *e
	}
	return nil
}

// flagError is what the flag package said, in the current language for
// the two mistakes it names itself (the rest carries our own messages).
func flagError(err error) string {
	text := err.Error()
	for _, f := range []struct {
		prefix string
		m      *msg.M
	}{
		{"flag provided but not defined: ", msgFlagUnknown},
		{"flag needs an argument: ", msgFlagNeedsArg},
	} {
		if name, ok := strings.CutPrefix(text, f.prefix); ok {
			return f.m.S(msg.A("flag", name))
		}
	}
	return text
}

// complain writes one line to standard error, "sockrepl: " and text,
// with any control byte in it (a file name, a flag as typed) escaped.
func complain(stderr io.Writer, text string) {
	fmt.Fprintln(stderr, "sockrepl: "+render.Sanitize(text))
}

// cannotRead says that a file given on the command line cannot be read.
func cannotRead(stderr io.Writer, name string, err error) {
	complain(stderr, msgCannotRead.S(msg.A("file", name), msg.A("cause", rawfile.Cause(err))))
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
