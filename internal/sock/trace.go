package sock

import (
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/errno"
	"sockrepl/internal/names"
)

// traceData is how many bytes of a buffer a trace line shows, as strace's
// default -s 32.
const traceData = 32

// tr records one system call if a trace is being taken. Go evaluates the
// arguments before the call, so every caller guards it with
// `if s.trace != nil`: formatting addresses and flags for nobody was a
// measurable part of each command's cost.
func (s *Sys) tr(call string, ret string, args ...any) {
	if s.trace == nil {
		return
	}
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = fmt.Sprint(a)
	}
	line := call + "(" + strings.Join(parts, ", ") + ") = " + ret
	if s.added != 0 {
		line += "  (shell: +" + names.MsgFlags.FormatFlags(s.added) + ")"
		s.added = 0
	}
	s.emit(line)
}

// ShellMark starts the trace line of a call that the shell makes and a
// Python program making the same statement would not: the MSG_DONTWAIT
// attempts and the polls that let Ctrl-C end a wait on a blocking socket,
// the mode switches around a blocking connect. The lines without it are
// the calls Python makes (send is one sendto, sendall a loop of them); a
// note "(shell: +FLAGS)" after a call names the flags the shell added to
// it, and "(shell: +fd N for Ctrl-C)" the wake-up descriptor in a poll.
const ShellMark = "(shell) "

// PythonsCall follows the line of a call Python makes as one blocking
// call where the shell, to keep Ctrl-C working, made it of several (a
// stream send, a waitall receive): the marked lines above it.
const PythonsCall = "(Python's one blocking call, made by the shell's calls above)"

// emit writes one trace line: held back while the blocking-mode attempt
// that made it may yet turn out to be the shell's own (see call), marked
// while the shell makes calls of its own.
func (s *Sys) emit(line string) {
	switch {
	case s.holding:
		s.held = append(s.held, line)
	case s.shellOnly > 0:
		s.trace(ShellMark + line)
	default:
		s.trace(line)
	}
}

// release writes the held lines, as the shell's own or not.
func (s *Sys) release(own bool) {
	s.holding = false
	for _, l := range s.held {
		if own || s.shellOnly > 0 {
			l = ShellMark + l
		}
		s.trace(l)
	}
	s.held = s.held[:0]
}

// asOneCall traces run, which makes of several calls what Python makes as
// one blocking call (a stream send, a waitall receive). When run made a
// single call that did it all, that line is Python's call; otherwise every
// line is marked as the shell's and python's line follows them.
func (s *Sys) asOneCall(run func() (whole bool), python func() string) {
	var lines []string
	out := s.trace
	s.trace = func(l string) { lines = append(lines, l) }
	whole := run()
	s.trace = out
	if len(lines) == 1 && whole {
		s.trace(lines[0])
		return
	}
	for _, l := range lines {
		if !strings.HasPrefix(l, ShellMark) {
			l = ShellMark + l
		}
		s.trace(l)
	}
	s.emit(python() + "  " + PythonsCall)
}

// tracePollLine writes a poll: the shell's own (a wait on a blocking
// socket, which Python makes inside the call) or the poll Python makes
// too (under a timeout, the poll command), with the wake-up fd noted.
func (s *Sys) tracePollLine(pfd []unix.PollFd, ms int, err error, own bool) {
	line := tracePoll(pfd, ms, err)
	if own {
		s.shellOnly++
		s.emit(line)
		s.shellOnly--
		return
	}
	s.emit(line + "  (shell: +fd " + strconv.Itoa(s.wake) + " for Ctrl-C)")
}

// retval writes a call's outcome as strace does: the value, or -1 and the
// errno's name and message.
func retval(n int, err error) string {
	if err != nil {
		if e := errnoOf(err); e != 0 {
			info := errno.Of(e)
			return "-1 " + info.Name + " (" + info.Message + ")"
		}
		return "-1 (" + err.Error() + ")"
	}
	return strconv.Itoa(n)
}

// traceBuf shows a data buffer: the first bytes as a bytes literal.
func traceBuf(b []byte) string {
	if len(b) > traceData {
		return "b" + quoteC(b[:traceData]) + "..."
	}
	return "b" + quoteC(b)
}

func (s *Sys) traceLevel(level int) string {
	if s.Names != nil {
		return s.Names.LevelName(level)
	}
	return strconv.Itoa(level)
}

func (s *Sys) traceOpt(level, opt int) string {
	if s.Names != nil {
		if name, ok := s.Names.OptionName(level, opt); ok {
			return name
		}
	}
	return strconv.Itoa(opt)
}

// cInt reads a C int as the kernel wrote it (host byte order); a shorter
// buffer reads as if padded with zeros.
func cInt(b []byte) int32 {
	var buf [4]byte
	copy(buf[:], b)
	return int32(binary.NativeEndian.Uint32(buf[:]))
}

// traceIntArg writes an option value the way strace does: [N] for an int.
func traceIntArg(b []byte) string {
	if len(b) == 4 {
		return "[" + strconv.Itoa(int(cInt(b))) + "]"
	}
	return traceBuf(b)
}

func tracePoll(pfd []unix.PollFd, ms int, err error) string {
	var in, out []string
	n := 0
	for _, p := range pfd {
		in = append(in, fmt.Sprintf("{fd=%d, events=%s}", p.Fd, names.PollEvents.FormatFlags(int(uint16(p.Events)))))
		if p.Revents != 0 {
			out = append(out, fmt.Sprintf("{fd=%d, revents=%s}", p.Fd, names.PollEvents.FormatFlags(int(uint16(p.Revents)))))
			if err == nil {
				n++
			}
		}
	}
	r := retval(n, err)
	if err == nil && n == 0 {
		r += " (Timeout)"
	} else if len(out) > 0 {
		r += " ([" + strings.Join(out, ", ") + "])"
	}
	return fmt.Sprintf("poll([%s], %d, %d) = %s", strings.Join(in, ", "), len(pfd), ms, r)
}
