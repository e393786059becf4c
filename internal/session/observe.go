package session

import (
	"errors"
	"fmt"
	"time"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/expect"
	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
)

// This file is what a lesson may read of a session (package lesson): the
// calls made and what came of them, and each handle's state as the kernel
// tells it. It is read-only: nothing here changes a socket or a handle.

// Event is one call a statement made and its outcome.
type Event struct {
	Seq     int    // 1, 2, … in the order the calls ran
	Command string // the command's name in the table: "connect", "send", …
	Handles []int  // the handles the call named, in order (the first is the one it acted on)
	Created []int  // the handles it made
	expect.Outcome
	// Sent and Of: for send, sendall and sendto, how many bytes went out
	// of how many asked (also when the call failed part way).
	Sent, Of int
}

// Partial reports whether a send put out some but not all of its bytes.
func (e *Event) Partial() bool { return e.Of > 0 && e.Sent < e.Of }

// maxEvents bounds the log: a lesson looks at the calls of one step.
// maxEventData: a payload longer than this is logged without its value.
const maxEvents, maxEventData = 1024, 4096

// Mark is the sequence number the next call will have: EventsSince(Mark())
// later returns the calls made from now on.
func (s *Session) Mark() int { return s.nextSeq + 1 }

// EventsSince returns the calls made since mark (those still kept), oldest
// first. The slice is the session's: read it, do not keep it.
func (s *Session) EventsSince(mark int) []Event {
	for i := range s.events {
		if s.events[i].Seq >= mark {
			return s.events[i:]
		}
	}
	return nil
}

// Watch turns the log on or off: a lesson that runs needs it, and only
// then is it kept (it costs a few allocations a call).
func (s *Session) Watch(on bool) {
	s.watching = on
	if !on {
		s.events = s.events[:0]
	}
}

// record logs a call once it has run.
func (s *Session) record(cmd string, before int, r *Result, err error) {
	s.nextSeq++
	if !s.watching {
		return
	}
	e := Event{Seq: s.nextSeq, Command: cmd, Outcome: outcomeOf(r, err)}
	// A payload is the command's buffer, reused by the next call, and may
	// be large: the log keeps the repr of a short one only.
	if e.DataKind != 0 {
		if len(e.Data) <= maxEventData {
			if e.DataKind == 's' {
				e.Value = pyrepr.Str(string(e.Data))
			} else {
				e.Value = pyrepr.Bytes(e.Data)
			}
		}
		e.Data, e.DataKind = nil, 0
	}
	e.Handles = append(e.Handles, s.touched...)
	for _, h := range s.handles[before:] {
		e.Created = append(e.Created, h.ID)
	}
	var partial *partialErr
	switch {
	case r != nil:
		e.Sent, e.Of = r.sent, r.of
	case errors.As(err, &partial):
		e.Sent, e.Of = partial.sent, partial.total
	}
	if len(s.events) >= maxEvents {
		s.events = append(s.events[:0], s.events[maxEvents/2:]...)
	}
	s.events = append(s.events, e)
}

// outcomeOf is what expectations and lessons see of a call: its value, or
// how it failed (the errno, or the class Python gives a failure without
// one). fail prints the failure; this only classifies it.
func outcomeOf(r *Result, err error) expect.Outcome {
	if err == nil {
		if r == nil {
			return expect.Outcome{Void: true, Value: "None"}
		}
		o := shownOutcome(r)
		o.Whole = r.wholeElems()
		return o
	}
	o := expect.Outcome{Failed: true}
	var (
		e     unix.Errno
		usage *UsageError
		py    *PyError
		gai   *addr.GaiError
	)
	switch {
	case errors.As(err, &e):
		o.Fail, o.Errno, o.Class = expect.FailErrno, e, expect.ClassOf(e)
	case errors.Is(err, sock.ErrTimeout):
		o.Fail, o.Class = expect.FailTimeout, "TimeoutError"
	case errors.Is(err, sock.ErrInterrupted):
		o.Fail = expect.FailInterrupted
	case errors.As(err, &py):
		o.Fail, o.Class = expect.FailPython, py.Class
	case errors.As(err, &gai):
		o.Fail, o.Class = expect.FailPython, "gaierror"
	case errors.As(err, &usage):
		o.Fail = expect.FailUsage
	default:
		o.Fail = expect.FailOther
	}
	return o
}

// shownOutcome is outcomeOf a result without its whole value, which only
// an expectation compares.
func shownOutcome(r *Result) expect.Outcome {
	return expect.Outcome{Value: r.value, Void: r.void, ValueErrno: r.errno, Data: r.data, DataKind: r.dataKind}
}

// HandleState is one handle as a lesson sees it: the shell's bookkeeping
// and the kernel's answers, asked directly (never traced: these are not the
// learner's calls).
type HandleState struct {
	ID     int
	Name   string
	File   bool // made by makefile; FileOf is its socket's handle
	FileOf int
	// Background: a peer running in the background (peer echo …), not
	// a socket of the session's; PeerKind is its kind (sink…) and Local
	// the address it listens on.
	Background bool
	PeerKind   string
	Closed     bool // calls on it see a closed object
	// FDKept: the socket was closed while a file made from it is open, so
	// its descriptor stays open (Python's reference count).
	FDKept              bool
	FD                  int // -1 once closed
	Family, Type, Proto int
	Timeout             time.Duration // sock.None (blocking), 0 (non-blocking) or the timeout
	Local, Peer         unix.Sockaddr // nil when it has none
	State               string        // as ls: a TCP state, LISTEN, connected or open
	// For a TCP listener, from TCP_INFO: connections waiting to be accepted
	// and the most the queue holds (the backlog).
	AcceptQueue, Backlog int
	SndBuf               int    // SO_SNDBUF as getsockopt reads it
	Inode                uint64 // the socket's inode: two fds on one socket share it
}

// HandleStates describes every handle, in order of their numbers.
func (s *Session) HandleStates() []HandleState {
	out := make([]HandleState, 0, len(s.handles))
	for _, h := range s.handles {
		out = append(out, s.handleState(h))
	}
	return out
}

func (s *Session) handleState(h *Handle) HandleState {
	st := HandleState{ID: h.ID, Name: h.Name, Closed: h.Closed(), FD: -1}
	switch {
	case h.File != nil:
		st.File, st.FileOf = true, h.File.sock.ID
		return st
	case h.Peer != nil:
		st.Background, st.PeerKind, st.Local = true, h.Peer.Kind, h.Peer.Local
		return st
	case h.Sock == nil:
		st.Background = true
		return st
	}
	sk := h.Sock
	st.Family, st.Type, st.Proto, st.Timeout = sk.Family, sk.Type, sk.Proto, sk.Timeout
	st.FDKept = h.closing && sk.FD >= 0
	if sk.FD < 0 {
		return st
	}
	st.FD = sk.FD
	st.State = socketState(sk)
	if sa, err := sock.Sockname(sk); err == nil {
		st.Local = sa
	}
	if sa, err := sock.Peername(sk); err == nil {
		st.Peer = sa
	}
	st.AcceptQueue, st.Backlog, _ = listenQueue(sk, st.State)
	st.SndBuf, _ = unix.GetsockoptInt(sk.FD, unix.SOL_SOCKET, unix.SO_SNDBUF)
	var fs unix.Stat_t
	if unix.Fstat(sk.FD, &fs) == nil {
		st.Inode = fs.Ino
	}
	return st
}

// Tutor is a running lesson's hook into the session (package lesson holds
// it): the `lesson` command goes to it, it looks at the session after every
// other statement, and it adds the step to the prompt.
type Tutor interface {
	// Command runs `lesson ARGS…`; it prints what it has to say.
	Command(args []string) error
	// After is called after each statement but `lesson` itself.
	After()
	// Prompt is what goes before the prompt ("[2/7] "), or "".
	Prompt() string
}

// tutorAfter lets the lesson look at the statement just run. A bug in a
// lesson must not end the session: a panic becomes a one-line error, as a
// command's does.
func (s *Session) tutorAfter() {
	defer func() {
		if p := recover(); p != nil {
			s.Out.Line(render.P(render.Error, msgInternalError.S(msg.A("cmd", "lesson"), msg.A("panic", fmt.Sprint(p)))))
		}
	}()
	s.Tutor.After()
}

// Prompt is the interactive prompt: the lesson's step, if one runs, then
// the shell's name.
func (s *Session) Prompt() string {
	const p = "sockrepl> "
	if s.Tutor != nil {
		return s.Tutor.Prompt() + p
	}
	return p
}

var msgNoLessons = msg.New("session.no-lessons",
	"lesson: lessons are not available in this session",
	"lesson：本会话中没有课程")

func cmdLesson(s *Session, a *args) (*Result, error) {
	if s.Tutor == nil {
		return nil, usageErr("%s", msgNoLessons.S())
	}
	// A lesson FILE is a path: read as every quoted word is.
	words := a.at(0).ss
	s.inLesson = true
	return nil, s.Tutor.Command(words)
}
