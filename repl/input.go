package repl

import (
	"errors"
	"io"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/line"
	"sockrepl/internal/msg"
	"sockrepl/internal/py"
	"sockrepl/internal/session"
)

// The shell's one front end: whatever the lines come from (readline at a
// terminal, a dumb terminal, a script file, a pipe, `source FILE`, -i
// FILE), input.feed reads them, gathers the lines of a Python block, and
// hands the session complete statements. The session reads nothing.

// lineSource is where lines come from.
type lineSource interface {
	// next reads a line, after showing prompt where someone sees it. It
	// gives errPromptInterrupted for Ctrl-C at the prompt, an error
	// wrapping line.ErrTooLong for a line it skipped, io.EOF at the end.
	next(prompt string) ([]byte, error)
}

// errPromptInterrupted is Ctrl-C at the prompt: the line, and any block
// being gathered, are dropped.
var errPromptInterrupted = errors.New("interrupted at the prompt")

// input reads for one session.
type input struct {
	s       *session.Session
	sources []sourceID // the files being sourced, outermost first
	// bug, when set, is told of a panic outside the commands (which have
	// their own guard), and the session goes on; unset, it goes up.
	bug func(p any)
}

// inputFor makes the session's front end and gives it `source FILE`.
func inputFor(s *session.Session) *input {
	in := &input{s: s}
	s.Source = in.source
	return in
}

// feed runs what src gives until it ends, quit, or stop says so. A command
// line runs as it is read; the lines of a Python block are gathered (the
// prompt is then `... `) and run together once the block is complete. A
// block still open when a file ends runs then, as python3 runs a file.
func (in *input) feed(src lineSource, stop func() bool, atEOF func(block []string)) error {
	var block []string // a Python statement being gathered
	for !in.s.Quitting() && !stop() {
		prompt := ContinuationPrompt
		if block == nil {
			prompt = in.s.Prompt()
		}
		b, err := src.next(prompt)
		switch {
		case err == errPromptInterrupted:
			block = nil
			continue
		case errors.Is(err, line.ErrTooLong):
			in.s.BadInput(err)
			continue
		case err == io.EOF:
			if block != nil && atEOF != nil {
				atEOF(block)
			}
			return nil
		case err != nil:
			// The input itself failed (a directory, an I/O error, a line
			// without end, Ctrl-C while it waited): stop reading it rather
			// than trying again for ever; the caller says so.
			return err
		}
		if block != nil {
			block = append(block, string(b))
			if !py.NeedsMore(block) {
				in.run(func() { in.s.ExecPython(block) })
				block = nil
			}
			continue
		}
		var st session.Status
		in.run(func() { st = in.s.ExecBytes(b) })
		if st.More {
			block = []string{string(b)}
		}
	}
	return nil
}

// run runs a statement under the front end's guard.
func (in *input) run(f func()) {
	if in.bug != nil {
		defer func() {
			if p := recover(); p != nil {
				in.bug(p)
			}
		}()
	}
	f()
}

// runBlock is what a file's end does with an open block: run it.
func (in *input) runBlock(block []string) { in.run(func() { in.s.ExecPython(block) }) }

// script reads the lines of a file or pipe.
type script struct{ r *line.Reader }

func (sc script) next(string) ([]byte, error) { return sc.r.Next() }

// Plain reads commands from a reader that is not a terminal (a pipe, a
// file), until it ends, quit, or stop says so. It keeps no history.
func Plain(s *session.Session, r io.Reader, stop func() bool) error {
	in := inputFor(s)
	return in.feed(script{line.NewReader(r)}, stop, in.runBlock)
}

// source runs a file for `source FILE`. A file that is being sourced
// already (the same file, by device and inode, whatever its path) is
// refused at once: it would source itself until the depth limit, its
// lines run again at every level.
func (in *input) source(path string, r io.Reader) error {
	id := sourceID{path: path}
	if f, ok := r.(interface{ Fd() int }); ok {
		var st unix.Stat_t
		if unix.Fstat(f.Fd(), &st) == nil {
			id.dev, id.ino, id.known = st.Dev, st.Ino, true
		}
	}
	for i, o := range in.sources {
		if id.known && o.known && o.dev == id.dev && o.ino == id.ino {
			var chain []string
			for _, c := range in.sources[i:] {
				chain = append(chain, strconv.Quote(c.path))
			}
			chain = append(chain, strconv.Quote(path))
			return &session.UsageError{Msg: msgSourceCycle.S(msg.A("path", strconv.Quote(path)), msg.A("chain", strings.Join(chain, " → ")))}
		}
	}
	if len(in.sources) >= maxSourceDepth {
		return &session.UsageError{Msg: msgSourceTooDeep.S(msg.A("path", strconv.Quote(path)))}
	}
	in.sources = append(in.sources, id)
	defer func() { in.sources = in.sources[:len(in.sources)-1] }()
	s := in.s
	return in.feed(script{line.NewReader(r)}, func() bool { return s.Sys.Interrupted() }, in.runBlock)
}

// maxSourceDepth bounds how deep `source` nests.
const maxSourceDepth = 16

// sourceID names a file being sourced.
type sourceID struct {
	path     string
	dev, ino uint64
	known    bool
}
