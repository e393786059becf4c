// Package sock makes the system calls behind every sockrepl command, through
// golang.org/x/sys/unix, and layers Python's blocking and timeout model on
// top. Every wait goes through poll together with a wake-up eventfd, so that
// Ctrl-C can end any call that waits without disturbing the socket. When
// tracing is on, each system call is also written down in strace's style.
package sock

import (
	"errors"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
)

// ErrTimeout is Python's socket.timeout ("timed out"): a wait ran past the
// socket's timeout. It has no errno.
var ErrTimeout = errors.New("timed out")

// ErrInterrupted means the user pressed Ctrl-C while a call waited.
var ErrInterrupted = errors.New("interrupted")

// Sys makes system calls on behalf of one session.
type Sys struct {
	wake    int         // eventfd that Interrupt makes readable
	pending atomic.Bool // an interrupt is waiting to be noticed
	trace   func(string)
	// The trace's marking of the shell's own calls (trace.go): added is
	// the flags the shell adds to the call being traced; while shellOnly
	// is above 0 every line is the shell's; while holding, lines wait in
	// held until call knows whose they are.
	added     int
	shellOnly int
	holding   bool
	held      []string
	scratch   []byte // receive buffer reused between calls
	// fdTableGrown: noteFD has grown the kernel's descriptor table.
	fdTableGrown bool
	// BeforeWait, when set, runs just before the shell blocks in poll or
	// sleeps: a script's buffered output can be flushed there, so that a
	// reader sees everything up to the wait, and only then. With the trace
	// off, a wait first looks without blocking (poll with timeout 0), and
	// a socket that is ready already costs no flush; with the trace on,
	// BeforeWait runs before every wait and the trace shows the one poll.
	BeforeWait func()
	// Moved is how many bytes the call under way has sent or received so
	// far (sendall, recv with waitall), for a status line; Reset zeroes it.
	Moved int
	// Names names option levels and options in the trace
	// (SOL_SOCKET, SO_RCVBUF); nil: numbers. The system-call layer does
	// not know the option table; the session hands it over.
	Names OptionNames
}

// OptionNames names socket option levels and options for the trace.
type OptionNames interface {
	LevelName(level int) string
	OptionName(level, opt int) (string, bool)
}

// New opens the wake-up eventfd.
func New() (*Sys, error) {
	fd, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		return nil, err
	}
	// Out of the low numbers, so that the learner's first socket is fd 3,
	// as in Python.
	fd = rawfile.MoveHigh(fd)
	return &Sys{wake: fd}, nil
}

// SetTrace installs fn to receive one line per system call (nil: off).
func (s *Sys) SetTrace(fn func(string)) { s.trace = fn }

// Interrupt makes any current or next wait return ErrInterrupted. It is
// safe to call from a signal-handling goroutine.
func (s *Sys) Interrupt() {
	s.pending.Store(true)
	var one = [8]byte{1}
	unix.Write(s.wake, one[:])
}

// WakeFD is the eventfd that Interrupt makes readable, for a wait of the
// shell's own (the wire view's) that Ctrl-C must end too.
func (s *Sys) WakeFD() int { return s.wake }

// Interrupted reports whether an interrupt arrived since the last Reset.
func (s *Sys) Interrupted() bool { return s.pending.Load() }

// Reset forgets an interrupt, so that a Ctrl-C from an earlier command
// does not end the next one.
func (s *Sys) Reset() {
	s.Moved = 0
	if s.pending.Swap(false) {
		var buf [8]byte
		unix.Read(s.wake, buf[:])
	}
}

// Release closes the eventfd.
func (s *Sys) Release() { unix.Close(s.wake) }

// forever is the deadline of a wait without a timeout.
var forever time.Time

// wait blocks until fd is ready for events, the deadline passes (zero
// deadline: never) or the user interrupts. This is the only place the shell
// waits on a socket.
func (s *Sys) wait(fd int, events int16, deadline time.Time) error {
	return s.waitFor(fd, events, deadline, true)
}

// waitFor is wait; probe false skips the look without blocking that comes
// before BeforeWait, for a caller that has just been told EAGAIN.
func (s *Sys) waitFor(fd int, events int16, deadline time.Time, probe bool) error {
	if fd < 0 {
		// Like CPython's guard: a closed socket is "ready", and the call
		// that follows fails with EBADF from the kernel.
		return nil
	}
	for {
		ms := -1
		if !deadline.IsZero() {
			left := time.Until(deadline)
			if left <= 0 {
				return ErrTimeout
			}
			ms = int((left + time.Millisecond - 1) / time.Millisecond)
		}
		pfd := [2]unix.PollFd{{Fd: int32(fd), Events: events}, {Fd: int32(s.wake), Events: unix.POLLIN}}
		var n int
		var err error
		if probe && s.BeforeWait != nil && s.trace == nil && ms != 0 {
			n, err = unix.Poll(pfd[:], 0)
			if err == nil && n == 0 {
				s.BeforeWait()
				n, err = unix.Poll(pfd[:], ms)
			}
		} else {
			s.beforeWait(ms)
			n, err = unix.Poll(pfd[:], ms)
		}
		if s.trace != nil {
			// Without a deadline the wait stands in for a blocking call:
			// the shell's. With one, it is the poll CPython makes too.
			s.tracePollLine(pfd[:], ms, err, deadline.IsZero())
		}
		switch {
		case pfd[1].Revents != 0 || s.pending.Load():
			return ErrInterrupted
		case err == unix.EINTR:
			continue
		case err != nil:
			return err
		case n == 0:
			return ErrTimeout
		}
		return nil
	}
}

// WaitReadable waits until fd, a file the shell reads for itself (a
// script, a sourced file, a data literal's file), can be read, or until
// Ctrl-C: the wait of every socket call, untraced, since the trace shows
// the calls a Python program would make.
func (s *Sys) WaitReadable(fd int) error {
	trace := s.trace
	s.trace = nil
	defer func() { s.trace = trace }()
	return s.wait(fd, unix.POLLIN, forever)
}

// beforeWait runs the BeforeWait hook when a poll may block.
func (s *Sys) beforeWait(ms int) {
	if ms != 0 && s.BeforeWait != nil {
		s.BeforeWait()
	}
}

// Poll waits for readiness on several descriptors at once, as the `poll`
// command does, and can be interrupted like every other wait.
func (s *Sys) Poll(fds []int, events int16, timeout time.Duration) ([]int16, error) {
	pfd := make([]unix.PollFd, len(fds)+1)
	for i, fd := range fds {
		pfd[i] = unix.PollFd{Fd: int32(fd), Events: events}
	}
	pfd[len(fds)] = unix.PollFd{Fd: int32(s.wake), Events: unix.POLLIN}
	deadline := time.Now().Add(timeout)
	for {
		ms := -1
		if timeout >= 0 {
			ms = int((time.Until(deadline) + time.Millisecond - 1) / time.Millisecond)
			if ms < 0 {
				ms = 0
			}
		}
		s.beforeWait(ms)
		_, err := unix.Poll(pfd, ms)
		if s.trace != nil {
			s.tracePollLine(pfd, ms, err, false)
		}
		if pfd[len(fds)].Revents != 0 || s.pending.Load() {
			return nil, ErrInterrupted
		}
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			return nil, err
		}
		out := make([]int16, len(fds))
		for i := range fds {
			out[i] = pfd[i].Revents
		}
		return out, nil
	}
}

// errnoOf turns a syscall error into the errno it carries.
func errnoOf(err error) unix.Errno {
	var e unix.Errno
	if errors.As(err, &e) {
		return e
	}
	return 0
}

// rawSendto is sendto(2) itself: x/sys/unix's Sendto drops the count of
// bytes sent, which a stream socket needs.
func rawSendto(fd int, p []byte, flags int, to []byte) (int, error) {
	var pp, tp unsafe.Pointer
	if len(p) > 0 {
		pp = unsafe.Pointer(&p[0])
	}
	if len(to) > 0 {
		tp = unsafe.Pointer(&to[0])
	}
	n, _, e := syscall6(flags&unix.MSG_DONTWAIT != 0, unix.SYS_SENDTO, uintptr(fd), uintptr(pp), uintptr(len(p)), uintptr(flags), uintptr(tp), uintptr(len(to)))
	if e != 0 {
		return 0, e
	}
	return int(n), nil
}

// rawGetsockopt reads an option into a buffer of buflen bytes and returns
// what the kernel filled in, as Python's getsockopt(level, opt, buflen).
func rawGetsockopt(fd, level, opt, buflen int) ([]byte, error) {
	buf := make([]byte, buflen)
	l := uint32(buflen)
	var p unsafe.Pointer
	if buflen > 0 {
		p = unsafe.Pointer(&buf[0])
	}
	_, _, e := syscall6(true, unix.SYS_GETSOCKOPT, uintptr(fd), uintptr(level), uintptr(opt), uintptr(p), uintptr(unsafe.Pointer(&l)), 0)
	if e != 0 {
		return nil, e
	}
	return buf[:l], nil
}

func rawSetsockopt(fd, level, opt int, val []byte) error {
	var p unsafe.Pointer
	if len(val) > 0 {
		p = unsafe.Pointer(&val[0])
	}
	_, _, e := syscall6(true, unix.SYS_SETSOCKOPT, uintptr(fd), uintptr(level), uintptr(opt), uintptr(p), uintptr(len(val)), 0)
	if e != 0 {
		return e
	}
	return nil
}

// rawRecv is recv(2) as glibc makes it: recvfrom with no address.
func rawRecv(fd int, p []byte, flags int) (int, error) {
	var pp unsafe.Pointer
	if len(p) > 0 {
		pp = unsafe.Pointer(&p[0])
	}
	r, _, e := syscall6(flags&unix.MSG_DONTWAIT != 0, unix.SYS_RECVFROM, uintptr(fd), uintptr(pp), uintptr(len(p)), uintptr(flags), 0, 0)
	if e != 0 {
		return 0, e
	}
	return int(r), nil
}

// Sleep waits for d, or until the user interrupts.
func (s *Sys) Sleep(d time.Duration) error {
	dl := time.Now().Add(d)
	for time.Until(dl) > 0 {
		if err := s.pause(dl, time.Until(dl)); err != nil {
			if err == ErrTimeout {
				return nil
			}
			return err
		}
	}
	return nil
}
