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
	s.trace(call + "(" + strings.Join(parts, ", ") + ") = " + ret)
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
