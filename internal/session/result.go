package session

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/errno"
	"sockrepl/internal/expect"
	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
)

// Result is what a successful command prints and what `=>` compares.
type Result struct {
	value string          // the primary value as Python's repr
	void  bool            // Python returns None: printed as ok
	parts []render.Part   // the result line
	more  [][]render.Part // further lines (tables, lists)
	errno unix.Errno      // connect_ex: the value is this errno's number
	// data is a payload (bytes, or text when dataKind is 's') whose repr
	// is the value; value is then empty and the repr is never made whole
	// (see expect.Outcome.Data).
	data     []byte
	dataKind byte
	// addr is the address the call returned (accept's peer, recvfrom's
	// sender, getsockname's), for Python's value of the call.
	addr unix.Sockaddr
	// sent of of: a send's count of bytes out of those asked, for lessons.
	sent, of int
	// whole is the elements of the whole value where it is a tuple (see
	// expect.Outcome.Whole), for `=> (…)`. Where they come from addr,
	// wholeFrom says how instead, and they are made only when an
	// expectation or a lesson asks (see wholeElems): most calls are
	// shown, not compared.
	whole     []string
	wholeFrom wholeShape

	// Room for a usual result line, so that a result is one allocation:
	// a script makes one for every command.
	partsBuf [6]render.Part
}

// wholeShape says how a result's whole value is made from its address.
type wholeShape uint8

const (
	wholeAsGiven  wholeShape = iota // whole, as the command set it (nil: no tuple)
	wholeWithAddr                   // (primary value, address): accept, recvfrom
	wholeOfAddr                     // the address's own tuple: getsockname, getpeername
)

// wholeElems is the whole value's elements (see Result.whole).
func (r *Result) wholeElems() []string {
	switch r.wholeFrom {
	case wholeWithAddr:
		return []string{expect.Primary, addr.Python(r.addr)}
	case wholeOfAddr:
		w, _ := expect.TupleElements(addr.Python(r.addr)) // a unix path is a str, no tuple
		return w
	}
	return r.whole
}

// result starts a result with its value and its line.
func result(value string, parts ...render.Part) *Result {
	r := resultPool.Get().(*Result)
	r.value = value
	r.parts = append(r.partsBuf[:0], parts...)
	return r
}

// resultPool keeps results for the next statement: every command makes
// one, and Exec, its last user, gives it back (see release). A result that
// is not given back (a command run for Python) is simply collected.
var resultPool = sync.Pool{New: func() any { return new(Result) }}

// release gives r back for another statement. Nothing may use r after:
// what an expectation or a lesson keeps of it (its outcome) holds none of
// it but the payload, which is not the result's own.
func (r *Result) release() {
	*r = Result{}
	resultPool.Put(r)
}

// ok starts a result for a call that returns None.
func ok() *Result {
	r := result("None", render.P(render.Value, "ok"))
	r.void = true
	return r
}

// val starts a result whose value prints as Python's repr.
func val(repr string) *Result {
	return result(repr, render.P(render.Value, repr))
}

// note adds an explanation after the value; format is used as is when no
// arguments follow it.
func (r *Result) note(format string, a ...any) *Result {
	text := format
	if len(a) > 0 {
		text = fmt.Sprintf(format, a...)
	}
	r.parts = append(r.parts, render.P(render.Note, "  "), render.P(render.Note, text))
	return r
}

// add appends parts to the result line.
func (r *Result) add(parts ...render.Part) *Result {
	r.parts = append(r.parts, parts...)
	return r
}

// line adds a further line.
func (r *Result) line(parts ...render.Part) *Result {
	r.more = append(r.more, parts)
	return r
}

// UsageError is bad input: a word the shell could not use. It names the
// word and what was expected, and nothing ran.
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// cmdErr is a usage error that a command's name introduces:
// "setsockopt: …".
func cmdErr(cmd string, err error) error {
	return &UsageError{Msg: msgCmdErr.S(msg.A("cmd", cmd), msg.A("err", err))}
}

func usageErr(format string, a ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, a...)}
}

// PyError is a failure Python reports without an errno: ValueError,
// OverflowError, TypeError… Msg is Python's own words; Note, when set,
// is sockrepl's, printed after them (which number, which limit).
type PyError struct{ Class, Msg, Note string }

func (e *PyError) Error() string {
	if e.Msg == "" {
		return e.Class // MemoryError says nothing more
	}
	return e.Class + ": " + e.Msg
}

func pyErr(class, format string, a ...any) error {
	return &PyError{Class: class, Msg: fmt.Sprintf(format, a...)}
}

// hintedErr is a failure whose hint the session knows better than the
// errno table: what this call was given or what holds its address.
type hintedErr struct {
	err  error
	hint string
}

func (e *hintedErr) Error() string { return e.err.Error() }
func (e *hintedErr) Unwrap() error { return e.err }

// partialErr is a send that failed after some bytes went out.
type partialErr struct {
	err         error
	sent, total int
}

func (e *partialErr) Error() string { return e.err.Error() }
func (e *partialErr) Unwrap() error { return e.err }

// partialRecv is a receive that failed (Ctrl-C in recv waitall) after some
// bytes had arrived: the kernel no longer has them, so they are shown.
type partialRecv struct {
	err   error
	data  []byte
	asked int
}

func (e *partialRecv) Error() string { return e.err.Error() }
func (e *partialRecv) Unwrap() error { return e.err }

// report prints a command's result or failure, and says what expectations
// see of it, without the whole value of a result (Exec adds it when an
// expectation asks).
func (s *Session) report(c *command, r *Result, err error) expect.Outcome {
	if err != nil {
		return s.fail(c, err)
	}
	if r == nil {
		return outcomeOf(nil, nil)
	}
	if len(r.parts) > 0 {
		s.Out.Line(r.parts...)
	}
	for _, l := range r.more {
		s.Out.Line(l...)
	}
	return shownOutcome(r)
}

// errnoHint is info's hint for command c (nil: none known).
func errnoHint(c *command, info errno.Info) string {
	if c == nil {
		return info.Hint
	}
	return info.HintFor(c.name, c.hintsAs)
}

// fail prints a failure: one line naming it, and with hints on, a second
// line for a learner.
func (s *Session) fail(c *command, err error) expect.Outcome {
	o, text, hint, notes := s.explain(c, err)
	s.Out.Line(append([]render.Part{render.P(render.Error, text)}, notes...)...)
	if s.Set.Hints && hint != "" {
		s.Out.Line(render.P(render.Hint, "  "+msgHint.S(msg.A("hint", hint))))
	}
	return o
}

// explain says what a failure of command c was: its outcome for
// expectations, its line, the notes that follow it on the line, and its
// hint for a learner.
func (s *Session) explain(c *command, err error) (o expect.Outcome, text, hint string, notes []render.Part) {
	o = outcomeOf(nil, err)
	var (
		e       unix.Errno
		usage   *UsageError
		py      *PyError
		gai     *addr.GaiError
		partial *partialErr
		arrived *partialRecv
		blocked *blockingWrite
	)
	suffix := ""
	var arrivedParts []render.Part // what a failed receive had taken
	switch {
	case errors.As(err, &partial):
		suffix = "  " + msgWentOutBefore.S(msg.A("sent", partial.sent), msg.A("total", partial.total))
	case errors.As(err, &blocked):
		suffix = "  " + msgCharactersWritten.S(msg.A("n", blocked.written))
	case errors.As(err, &arrived):
		text := msgHadArrived.S(msg.A("n", len(arrived.data)), msg.A("asked", arrived.asked), msg.A("bytes", dataMark))
		arrivedParts = s.appendWithData(nil, render.Note, "  "+text, arrived.data, 'b')
	}
	switch {
	case errors.As(err, &e):
		// Read from the errno table as it stands: only this call's hint
		// is formatted.
		text = errno.FailLine(e)
		if c == nil {
			hint = errno.HintOf(e)
		} else {
			hint = errno.HintOf(e, c.name, c.hintsAs)
		}
	case errors.Is(err, sock.ErrTimeout):
		text = "TimeoutError: timed out"
		hint = msgHintTimeout.S()
	case errors.Is(err, sock.ErrInterrupted):
		text = "interrupted"
		hint = msgHintInterrupted.S()
		if s.RunTimedOut != nil && s.RunTimedOut() {
			hint = msgHintRunTimedOut.S()
		}
	case errors.As(err, &py):
		text = py.Error()
		if py.Note != "" && suffix == "" {
			suffix = "  (" + py.Note + ")"
		}
	case errors.As(err, &gai):
		text = gai.Error()
		switch gai.Code {
		case addr.EAI_NONAME, addr.EAI_AGAIN:
			hint = msgHintNoName.S()
		case addr.EAI_SERVICE:
			hint = msgHintService.S()
		case addr.EAI_ADDRFAMILY, addr.EAI_FAMILY:
			hint = msgHintOtherFamily.S()
		}
	case errors.As(err, &usage):
		text = usage.Msg
	default:
		text = err.Error()
	}
	var hinted *hintedErr
	if errors.As(err, &hinted) {
		hint = hinted.hint
	}
	if h := s.wireHint(err); h != "" {
		hint = h
	}
	return o, text, hint, append([]render.Part{render.P(render.Note, suffix)}, arrivedParts...)
}

// SetTrace turns the system call trace on or off. Each call is printed as
// it is made, so a call that waits shows what it waits in.
func (s *Session) SetTrace(on bool) {
	s.Set.Trace = on
	if !on {
		s.Sys.SetTrace(nil)
		return
	}
	s.Sys.SetTrace(func(l string) { s.Out.Line(render.P(render.Trace, "  "+l)) })
}

// bytesValue prints a payload: its repr, cut at the preview size, and its
// length. Its repr is made only as far as it is shown: `=>` compares the
// bytes themselves.
func (s *Session) bytesValue(b []byte) *Result {
	r := result("")
	r.data, r.dataKind = b, 'b'
	r.parts = s.appendData(r.parts, render.Value, b, 'b')
	return r
}

// strValue is bytesValue for text (a file in text mode).
func (s *Session) strValue(text []byte) *Result {
	r := result("")
	r.data, r.dataKind = text, 's'
	r.parts = s.appendData(r.parts, render.Value, text, 's')
	return r
}

// appendData appends a payload as a result line shows it: the repr of its
// first preview bytes and the count of the rest, or with preview 0 the
// whole repr, written piece by piece.
func (s *Session) appendData(parts []render.Part, style render.Style, data []byte, kind byte) []render.Part {
	switch {
	case s.Set.Preview <= 0 && kind == 'b':
		return append(parts, render.Long(style, pyrepr.BytesChunks(data)))
	case s.Set.Preview <= 0:
		return append(parts, render.Long(style, pyrepr.StrChunks(data)))
	case kind == 'b':
		shown, rest := pyrepr.BytesPreview(data, s.Set.Preview)
		parts = append(parts, render.P(style, shown))
		if rest > 0 {
			parts = append(parts, render.P(render.Note, msgMoreBytes.S(msg.A("n", rest))))
		}
		return parts
	case len(data) <= s.Set.Preview:
		return append(parts, render.P(style, pyrepr.Str(string(data))))
	}
	cut := s.Set.Preview
	for cut > 0 && data[cut]&0xc0 == 0x80 {
		cut-- // never half a character
	}
	return append(parts, render.P(style, pyrepr.Str(string(data[:cut]))), render.P(render.Note, msgMoreBytes.S(msg.A("n", len(data)-cut))))
}

// dataMark stands for a payload in a message's text: see appendWithData.
const dataMark = "\x00"

// appendWithData appends text, a message formatted with dataMark for a
// payload, with the payload shown in its place as a result shows it.
func (s *Session) appendWithData(parts []render.Part, style render.Style, text string, data []byte, kind byte) []render.Part {
	before, after, _ := strings.Cut(text, dataMark)
	parts = append(parts, render.P(style, before))
	parts = s.appendData(parts, style, data, kind)
	return append(parts, render.P(style, after))
}

// say adds a note from the catalog after the value.
func (r *Result) say(m *msg.M, args ...msg.Arg) *Result {
	r.parts = append(r.parts, render.P(render.Note, "  "), render.P(render.Note, m.S(args...)))
	return r
}

// runeStart moves a cut at byte n of s back to the start of the UTF-8
// character it falls in, so a preview never ends in half a character.
func runeStart(s string, n int) int {
	for n > 0 && s[n]&0xc0 == 0x80 {
		n--
	}
	return n
}

// textBeside is what received bytes say as text, for the note beside
// their bytes literal (`(6 bytes: 你好)`): only when they are valid UTF-8
// and not all ASCII, escaped as Python's str repr escapes (without its
// quotes), and cut, at a character's start, where the preview cuts (at
// 256 bytes when the preview shows everything) so that a large payload
// is not copied whole.
func (s *Session) textBeside(b []byte) string {
	i := 0
	for i < len(b) && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) || !utf8.Valid(b) {
		return ""
	}
	limit := s.Set.Preview
	if limit <= 0 {
		limit = 256
	}
	text, more := string(b), ""
	if len(b) > limit {
		cut := runeStart(text, limit)
		text, more = text[:cut], "…"
	}
	repr := pyrepr.Str(text)
	return repr[1:len(repr)-1] + more
}

// sayBytes adds the count of received bytes, and their text where they
// are text beside the ASCII of the literal.
func (s *Session) sayBytes(r *Result, b []byte) *Result {
	if text := s.textBeside(b); text != "" {
		return r.say(msgNBytesText, msg.A("n", len(b)), msg.A("text", text))
	}
	return r.say(msgNBytes, msg.A("n", len(b)))
}
