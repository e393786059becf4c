// Package session runs sockrepl statements: it owns the handles and their
// names, looks commands up in the command table, and prints what each call
// did. It reads no input itself; the repl package feeds it lines.
package session

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/errno"
	"sockrepl/internal/expect"
	"sockrepl/internal/line"
	"sockrepl/internal/msg"
	"sockrepl/internal/peer"
	"sockrepl/internal/py"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
	"sockrepl/internal/sockopt"
	"sockrepl/internal/wire"
)

// Settings are what `set` changes.
type Settings struct {
	Trace   bool
	Hints   bool
	Preview int  // bytes of a payload to show; the rest is counted
	Echo    bool // echo each command before its output (script mode)
	Python  bool // print each command's Python statement under its result
}

// Handle is one socket or file the session made. Handles are numbered from
// 1 and never reused; a closed one is kept so that calls on it fail as on a
// closed Python socket.
type Handle struct {
	ID   int
	ref  string // "#3", made once: results show it again and again
	Name string // the latest name given to it, if any
	Sock *sock.Socket
	File *File
	Peer *peer.Peer // a peer running in the background (peer echo …)
	// LastAddr is the local address the socket last had, for $H after close.
	LastAddr unix.Sockaddr
	// Owned is false for a descriptor adopted with fileno=: the shell never
	// closes those by itself.
	Owned bool
	// addrFinal: LastAddr cannot change any more (the socket connected),
	// so close need not ask.
	addrFinal bool
	// closing: the socket was closed while files made from it were open;
	// the fd stays open until the last file closes, as Python's reference
	// count keeps it.
	closing bool
	files   int // files made by makefile that are still open
}

// Closed reports whether calls on the handle see a closed object.
func (h *Handle) Closed() bool {
	if h.File != nil {
		return h.File.closed
	}
	if h.Peer != nil {
		return h.Peer.Stopped()
	}
	return h.Sock.FD < 0 || h.closing
}

// Session is one shell session.
type Session struct {
	Sys   *sock.Sys
	Out   *render.Printer
	Set   Settings
	Flush func() // called before the shell blocks; nil: nothing to do
	// Source reads a file for `source FILE` (the front end sets it).
	Source ScriptReader
	// Stop, when set, is asked before each statement whether the run must
	// end (-e after a failure, Ctrl-C in a script), also between the
	// statements of one line.
	Stop func() bool
	// RunTimedOut, when set, reports that the run's --timeout, not
	// Ctrl-C, interrupted the wait under way, so the hint says which.
	RunTimedOut func() bool
	// OnWait, when set, is told before a call waits what it waits for
	// ("accept srv: waiting for a connection on 127.0.0.1:8080"), for a
	// terminal's status line.
	OnWait func(what string)
	// current is the statement being run, for OnWait; a copy, so that the
	// statement Exec is given stays on its stack.
	current line.Statement
	// currentPy: current is a call made from Python (its command's
	// words), which the status line names as Python writes it.
	currentPy bool
	handles   []*Handle
	// detached are the descriptors of the session's sockets that detach
	// gave up: still open, the session's own, which socket.close(fd) (or
	// socket fileno=FD) may take back.
	detached map[int]bool
	names    map[string]*Handle
	// addrs are names that hold an address, not a handle: the ADDR of
	// `conn, addr = accept srv`. $addr stands for it.
	addrs    map[string]unix.Sockaddr
	parsed   map[string][]line.Statement // see split
	wire     *wireView                   // set wire on
	wireLast *wire.View                  // the view last turned off, for save
	quitting bool
	// Tutor is the running lesson's hook (nil: lessons are not offered).
	Tutor    Tutor
	inLesson bool    // the statement running is `lesson`: After skips it
	events   []Event // the calls made, for lessons (see observe.go)
	watching bool    // events are logged: a lesson runs
	nextSeq  int
	touched  []int // the handles the running command named
	// widthNote: the line was read with ASCII in place of full-width
	// punctuation; its first statement says so.
	widthNote string
	py        *pyState // Python at the prompt, made on first use
	spareArgs *args    // see takeArgs
	// bound is which words each parameter of the last command took, for
	// save (see spans).
	bound   spans
	program []step // the statements so far, for save (see program.go)
	// programBytes: the bytes of their text; programFull: no more are kept.
	programBytes int
	programFull  bool
	// programCalls: the calls of lines of Python kept; pyStep: 1 + the
	// index of the line of Python whose calls are kept now (0: none).
	programCalls, pyStep int
	// Stats: what the run's exit status is made of.
	ExpectPassed, ExpectFailed, Failures int
}

// New makes a session printing to out.
func New(sys *sock.Sys, out *render.Printer) *Session {
	s := &Session{Sys: sys, Out: out, names: map[string]*Handle{}, parsed: map[string][]line.Statement{}}
	sys.BeforeWait = s.waitMayFollow
	sys.Names = optionNames{}
	s.Set = Settings{Hints: true, Preview: 256}
	return s
}

// Quitting reports whether `quit` ran.
func (s *Session) Quitting() bool { return s.quitting }

// Status is what one statement did.
type Status struct {
	Failed       bool // the command failed and no expectation allowed it
	ExpectFailed bool
	Interrupted  bool
	// More: the line opens a Python block (or leaves a bracket open);
	// nothing ran. The front end gathers the block's lines and hands
	// them to ExecPython.
	More bool
}

// ExecLine runs every statement of one complete line: commands, or one
// line of Python. A line that opens a Python block runs nothing and says
// More: the front end gathers the block (see repl's Input).
func (s *Session) ExecLine(src string) Status { return s.execLine(src, false) }

// execLine is ExecLine; unseen: the caller has just looked the line up
// among those parsed before, and it was not there.
func (s *Session) execLine(src string, unseen bool) Status {
	if s.isPython(src) {
		if py.NeedsMore([]string{src}) {
			return Status{More: true}
		}
		return s.ExecPython([]string{src})
	}
	var sts []line.Statement
	var err error
	if unseen {
		sts, err = s.splitNew(src)
	} else {
		sts, err = s.split(src)
	}
	if err != nil {
		if fixed, ok := s.splitFullWidth(src); ok {
			return s.execAll(fixed)
		}
		if _, fixes := asciiPunct(src); len(fixes) > 0 {
			err = errors.New(err.Error() + msgFullWidthPointer.S(msg.A("fixes", fixesText(fixes))))
		}
		if s.Set.Echo {
			s.Out.Line(render.P(render.Echo, "> "+strings.TrimSpace(src)))
		}
		s.fail(nil, fmt.Errorf("%w", usageErr("%v", err)))
		s.Failures++
		return Status{Failed: true}
	}
	return s.execAll(sts)
}

// ExecBytes is ExecLine for a line read from a script: a line seen
// before is found without making a string of it.
func (s *Session) ExecBytes(b []byte) Status {
	if sts, ok := s.parsed[string(b)]; ok {
		return s.execAll(sts)
	}
	return s.execLine(string(b), true)
}

// BadInput reports input that is no statement at all (a line over the
// length limit) as a failed statement, and the session goes on.
func (s *Session) BadInput(err error) {
	s.fail(nil, usageErr("%s", err))
	s.Failures++
}

// execAll runs a line's statements in turn.
func (s *Session) execAll(sts []line.Statement) Status {
	var total Status
	for i, st := range sts {
		if s.quitting || (s.Stop != nil && s.Stop()) {
			break
		}
		var r Status
		if i > 0 && s.isPython(st.Text) {
			// After `;`, a statement is Python by the same rule as a
			// line: `data = recv b; data`.
			r = s.ExecPython([]string{st.Text})
		} else {
			r = s.Exec(st)
		}
		total.Failed = total.Failed || r.Failed
		total.ExpectFailed = total.ExpectFailed || r.ExpectFailed
		if r.Interrupted {
			total.Interrupted = true
			break
		}
	}
	return total
}

// split is line.Split, remembered for the lines seen last: a script that
// repeats a block of lines (a loop written out) has each line parsed once.
// Statements are never changed once made, so they can be shared.
func (s *Session) split(src string) ([]line.Statement, error) {
	if sts, ok := s.parsed[src]; ok {
		return sts, nil
	}
	return s.splitNew(src)
}

// splitNew is split for a line known not to be among those remembered.
func (s *Session) splitNew(src string) ([]line.Statement, error) {
	sts, err := line.Split(src)
	// Only a line that is a command whatever the session holds is
	// remembered; any other (lss, data) is Python once a name is bound or
	// Python is in use, so it is classified again each time.
	if err == nil && len(src) <= maxRemembered && commandForSure(src) {
		if len(s.parsed) >= maxRememberedLines {
			clear(s.parsed)
		}
		s.parsed[src] = sts
	}
	return sts, err
}

// Lines of up to maxRemembered bytes are remembered, maxRememberedLines
// of them at a time.
const maxRemembered, maxRememberedLines = 256, 1024

// Exec runs one statement: the command, its output, its expectation.
func (s *Session) Exec(st line.Statement) Status {
	if s.Set.Echo {
		s.Out.Line(render.P(render.Echo, "> "+st.Text))
	}
	if s.widthNote != "" {
		s.Out.Line(render.P(render.Note, "  "+s.widthNote))
		s.widthNote = ""
	}
	s.Sys.Reset()
	outer, outerPy := s.current, s.currentPy
	s.current, s.currentPy = st, false
	defer func() { s.current, s.currentPy = outer, outerPy }()
	s.wireBegin(st.Text)
	s.inLesson = false
	before := len(s.handles)
	c, res, err := s.run(st)
	if c2, res2, ok := s.retryFullWidth(st, &err); ok {
		c, res = c2, res2
	}
	if err == nil {
		if note := curlyDataNote(c, st); note != "" && res != nil {
			res.line(render.P(render.Note, "  "+note))
		}
	}
	s.wireEnd()
	out := s.report(c, res, err)
	made := s.handles[before:]
	if s.Set.Python {
		if py := s.pyStatement(c, st, s.bound, made); py != "" {
			s.Out.Line(render.P(render.Note, "  "+py))
		}
	}
	s.wirePrint(out)
	s.rememberStep(c, st, s.bound, made, out, err)
	var status Status
	status.Interrupted = errors.Is(err, sock.ErrInterrupted)
	if st.HasExpect {
		if err == nil && res != nil {
			out.Whole = res.wholeElems()
		}
		text, xerr := s.expandText(st.Expect)
		var x expect.Expect
		if xerr == nil {
			x, xerr = expect.Parse(text)
		}
		switch {
		case xerr != nil:
			s.Out.Line(render.P(render.Bad, msgExpectNotUnderstood.S(msg.A("err", xerr))))
			s.ExpectFailed++
			status.ExpectFailed = true
		case x.Match(out):
			s.ExpectPassed++
		case out.DataKind != 0 && !out.Failed:
			text := msgExpectFailed.S(msg.A("want", s.shorten(x.Text)), msg.A("got", dataMark))
			s.Out.Line(s.appendWithData(nil, render.Bad, text, out.Data, out.DataKind)...)
			s.ExpectFailed++
			status.ExpectFailed = true
		default:
			s.Out.Line(render.P(render.Bad, msgExpectFailed.S(msg.A("want", s.shorten(x.Text)), msg.A("got", s.shorten(describe(x, out))))))
			s.ExpectFailed++
			status.ExpectFailed = true
		}
	} else if err != nil {
		s.Failures++
		status.Failed = true
	}
	if s.Tutor != nil && !s.inLesson {
		s.tutorAfter()
	}
	if res != nil {
		res.release()
	}
	return status
}

// shorten cuts a long value to the preview size, as results are shown.
func (s *Session) shorten(v string) string {
	if s.Set.Preview > 0 && len(v) > s.Set.Preview+16 {
		cut := runeStart(v, s.Set.Preview)
		return v[:cut] + msgMoreCharacters.S(msg.A("n", len(v)-cut))
	}
	return v
}

// describe writes an outcome for an expectation mismatch: against a
// tuple, the whole value.
func describe(x expect.Expect, o expect.Outcome) string {
	switch {
	case !o.Failed && o.Void:
		return "ok (None)"
	case !o.Failed && o.Whole != nil && strings.HasPrefix(x.Text, "("):
		return o.WholeText()
	case !o.Failed:
		return o.Value
	case o.Errno != 0:
		return errno.NameOf(o.Errno)
	}
	switch o.Fail {
	case expect.FailUsage:
		return msgUsageOutcome.S()
	case expect.FailTimeout:
		return "timeout (TimeoutError: timed out)"
	case expect.FailInterrupted:
		return "interrupted"
	case expect.FailPython:
		return o.Class
	}
	return "error"
}

// run looks the command up and runs it. A bug in a command must not end
// the session: a panic becomes a one-line error and the shell goes on.
func (s *Session) run(st line.Statement) (c *command, res *Result, err error) {
	c = lookup(st.Words[0])
	if c == nil {
		c = lookup(strings.ToLower(st.Words[0]))
	}
	if c == nil {
		return nil, nil, unknownCommand(st.Words[0])
	}
	before := len(s.handles)
	s.touched = s.touched[:0]
	defer func() {
		if p := recover(); p != nil {
			res, err = nil, errors.New(msgInternalError.S(msg.A("cmd", st.Words[0]), msg.A("panic", fmt.Sprint(p))))
		}
		s.record(c.name, before, res, err)
	}()
	res, err = s.runCommand(c, st)
	return c, res, err
}

// runCommand runs statement st of command c: its words with $H and %H
// expanded, and the names it binds, go to the command in its args.
func (s *Session) runCommand(c *command, st line.Statement) (*Result, error) {
	s.bound = spans{}
	if len(st.Names) > 0 && c.creates == 0 && c.returns == nil {
		return nil, usageErr("%s", msgCreatesNothing.S(msg.A("cmd", c.name), msg.A("creators", strings.Join(creators(), ", ")), msg.A("valued", strings.Join(valued(), ", "))))
	}
	if len(st.Names) > c.creates+c.addrNames() && c.creates > 0 {
		return nil, usageErr("%s", msgNamesCount.S(msg.A("cmd", c.name), msg.A("n", c.creates), msg.A("names", len(st.Names))))
	}
	// Keyword arguments are put in their places first, on the words as
	// typed, so that a saved program binds them the same way (see bound).
	words, err := bindKeywords(c, st.Words[1:])
	if err != nil {
		return nil, err
	}
	// The words are copied only when a $H or %H changes one.
	copied := false
	for i, w := range words {
		x, err := line.Expand(w, s.resolveArg)
		if err != nil {
			return nil, err
		}
		if x != w {
			if !copied {
				words, copied = slices.Clone(words), true
			}
			words[i] = x
		}
	}
	// What $H named is not what the call acts on.
	s.touched = s.touched[:0]
	// The handles the command makes take the statement's names as they
	// are made (see args.add), so its result line shows them.
	a := s.takeArgs()
	a.s, a.cmd, a.words, a.names = s, c, words, st.Names
	err = a.bind()
	s.bound = a.spans
	var res *Result
	if err == nil {
		res, err = c.run(s, a)
	}
	s.giveArgs(a)
	if err != nil {
		// Only now, on the way out: is a word in the wrong place? (The
		// error's variable is made here: its address escapes.)
		var usage *UsageError
		if errors.As(err, &usage) {
			if better := explainOrder(c, words); better != nil {
				err = better
			}
		}
	}
	if err == nil && c.creates == 0 && len(st.Names) > 0 {
		// NAME = on a call that returns a value: the value is Python's.
		err = s.bindResult(c, st.Names, res)
		if err != nil {
			res = nil
		}
	}
	return res, err
}

// bindResult binds what command c returned, as Python's value, to the
// statement's names: one name takes it whole, several unpack it as
// Python does (host, port = getsockname s). As in Python, the call has
// happened when unpacking fails.
func (s *Session) bindResult(c *command, names []string, r *Result) error {
	v, err := s.pyValueOf(c, r)
	if err != nil {
		return s.pyFailure(err)
	}
	if len(names) == 1 {
		s.bindValue(names[0], v)
		return nil
	}
	items, err := s.python().in.Unpack(v, len(names))
	if err != nil {
		return s.pyFailure(err)
	}
	for i, name := range names {
		s.bindValue(name, items[i])
	}
	return nil
}

// takeArgs is a zeroed args for the next command: the one the last
// command gave back, if any (args hold every parameter's value, over a
// kilobyte, made for every statement of a script otherwise). A statement
// run inside another (source) finds none and makes its own.
func (s *Session) takeArgs() *args {
	a := s.spareArgs
	if a == nil {
		return new(args)
	}
	s.spareArgs = nil
	return a
}

// giveArgs keeps a for the next command once its command has returned,
// cleared, so that it holds nothing of this one (a large DATA).
func (s *Session) giveArgs(a *args) {
	// Field by field: the values the command used are cleared, the rest
	// of the store is zero already (copying a whole args costs more).
	clear(a.vals)
	a.s, a.cmd, a.words, a.i, a.names, a.vals, a.option = nil, nil, nil, 0, nil, nil, sockopt.Option{}
	s.spareArgs = a
}

// expandText applies $H and %H to an expectation.
func (s *Session) expandText(t string) (string, error) {
	return line.Expand(t, s.resolveRef)
}

// resolveRef is what $H, $H.port, $H.host and %H stand for.
func (s *Session) resolveRef(r line.Ref) (string, error) {
	return s.resolve(r, addr.Format)
}

// resolveArg is resolveRef for a command's words: a unix path stands as a
// word that reads back as the same path (quoted if it needs escapes).
func (s *Session) resolveArg(r line.Ref) (string, error) {
	return s.resolve(r, addr.Word)
}

func (s *Session) resolve(r line.Ref, format func(unix.Sockaddr) string) (string, error) {
	if _, named := s.names[r.Name]; !named && r.Sigil == '$' && r.Field == "" {
		if text, ok, err := s.pyValueText(r.Name); ok {
			return text, err
		}
	}
	sa, named := s.addrs[r.Name]
	if !named || r.Sigil != '$' {
		h, err := s.handle(r.Name)
		if err != nil {
			return "", err
		}
		if h.Peer != nil && r.Sigil == '%' {
			return "", usageErr("%s", msgPeerNoFD.S(msg.A("ref", "%"+r.Name), msg.A("handle", h.ref), msg.A("name", r.Name)))
		}
		if h.Sock == nil && h.Peer == nil {
			return "", usageErr("%s", msgRefIsFile.S(msg.A("ref", string(r.Sigil)+r.Name), msg.A("handle", h.ref)))
		}
		if r.Sigil == '%' {
			return strconv.Itoa(h.Sock.FD), nil
		}
		if h.Peer != nil {
			sa = h.Peer.Local
		} else {
			sa = s.remember(h)
		}
		if sa == nil {
			return "", usageErr("%s", msgNoAddressYet.S(msg.A("ref", "$"+r.Name), msg.A("handle", h.ref)))
		}
	}
	switch r.Field {
	case "port":
		if p, ok := addr.Port(sa); ok {
			return strconv.Itoa(p), nil
		}
		return "", usageErr("%s", msgHasNoPort.S(msg.A("ref", "$"+r.Name+".port"), msg.A("addr", addr.Format(sa))))
	case "host":
		if h, ok := addr.Host(sa); ok {
			if r.InTuple {
				return pyrepr.Str(h), nil // ('::1', 8080): a str, as Python's tuple holds it
			}
			return h, nil
		}
		return "", usageErr("%s", msgHasNoHost.S(msg.A("ref", "$"+r.Name+".host"), msg.A("addr", addr.Format(sa))))
	}
	if r.InTuple {
		return addr.Python(sa), nil // ('127.0.0.1', 8080), as the tuple's other elements
	}
	return format(sa), nil
}

// handle finds a handle by `3`, `#3` or name.
func (s *Session) handle(ref string) (*Handle, error) {
	num := strings.TrimPrefix(ref, "#")
	if num != "" && num[0] >= '0' && num[0] <= '9' {
		n, err := strconv.Atoi(num)
		if err != nil {
			return nil, usageErr("%s", msgNotAHandle.S(msg.A("word", quoteWord(ref))))
		}
		if n >= 1 && n <= len(s.handles) {
			s.wireTouch(s.handles[n-1])
			s.touched = append(s.touched, n)
			return s.handles[n-1], nil
		}
		if len(s.handles) == 0 {
			return nil, usageErr("%s", msgNoHandlesYet.S(msg.A("n", n)))
		}
		return nil, usageErr("%s", msgNoSuchHandle.S(msg.A("n", n), msg.A("last", len(s.handles))))
	}
	if h, ok := s.names[ref]; ok {
		s.wireTouch(h)
		s.touched = append(s.touched, h.ID)
		return h, nil
	}
	if line.IsName(ref) {
		sug := ""
		if name := s.suggestName(ref); name != "" {
			sug = msgDidYouMean.S(msg.A("word", name))
		}
		return nil, usageErr("%s", msgNoHandleNamed.S(msg.A("word", quoteWord(ref)), msg.A("suggestion", sug)))
	}
	return nil, usageErr("%s", msgNotAHandle.S(msg.A("word", quoteWord(ref))))
}

// add registers a new socket or file as the next handle.
func (s *Session) add(sk *sock.Socket, f *File, owned bool) *Handle {
	id := len(s.handles) + 1
	h := &Handle{ID: id, ref: "#" + strconv.Itoa(id), Sock: sk, File: f, Owned: owned}
	s.handles = append(s.handles, h)
	return h
}

// bind gives a handle a name; the name leaves whatever it named before, as
// a Python variable would.
func (s *Session) bind(name string, h *Handle) {
	if old, ok := s.names[name]; ok && old.Name == name {
		old.Name = ""
	}
	delete(s.addrs, name)
	s.names[name] = h
	h.Name = name
	s.forgetPython(name)
}

// bindAddr gives an address a name (`conn, addr = accept srv`); the name
// leaves whatever it named before.
func (s *Session) bindAddr(name string, sa unix.Sockaddr) {
	if old, ok := s.names[name]; ok {
		if old.Name == name {
			old.Name = ""
		}
		delete(s.names, name)
	}
	if s.addrs == nil {
		s.addrs = map[string]unix.Sockaddr{}
	}
	s.addrs[name] = sa
	s.forgetPython(name)
}

// Handles returns every handle, for completion and tests.
func (s *Session) Handles() []*Handle { return s.handles }

// CloseAll closes every descriptor the session created, for Ctrl-D, quit
// and the end of a script. Adopted descriptors are left alone.
func (s *Session) CloseAll() {
	s.SetWire(false)
	for _, h := range s.handles {
		switch {
		case h.File != nil:
			h.File.closed = true
		case h.Peer != nil:
			h.Peer.Stop()
		case h.Sock.FD >= 0 && h.Owned:
			unix.Close(h.Sock.FD)
			h.Sock.FD = -1
		}
	}
}

// waitMayFollow flushes buffered output before the shell blocks in poll
// (for a socket, or for a script line that has not arrived), so a script's
// reader sees everything up to the wait.
func (s *Session) waitMayFollow() {
	if s.Flush != nil {
		s.Flush()
	}
	if s.OnWait != nil {
		s.OnWait(s.waitStatus())
	}
}

// ScriptReader is the front end that reads input, for `source FILE`: it
// reads the file's lines and hands them back as statements. The session
// itself reads nothing.
type ScriptReader func(path string, r io.Reader) error

// optionNames names options for the system calls' trace from the option
// table, which the system-call layer does not know.
type optionNames struct{}

func (optionNames) LevelName(level int) string { return sockopt.Levels.Name(level) }

func (optionNames) OptionName(level, opt int) (string, bool) {
	o, ok := sockopt.ByNumber(level, opt)
	return o.Name, ok
}
