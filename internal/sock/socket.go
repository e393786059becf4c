package sock

import (
	"strconv"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"sockrepl/internal/names"
)

// None is the timeout of a blocking socket, Python's None.
const None time.Duration = -1

// Socket is one kernel socket and the state Python keeps beside it.
type Socket struct {
	FD     int // -1 once closed or detached
	Family int
	Type   int // without SOCK_NONBLOCK/SOCK_CLOEXEC, as Python's s.type
	Proto  int
	// Timeout is None (blocking), 0 (non-blocking) or how long each call
	// may wait; with a timeout the fd is O_NONBLOCK underneath, as in
	// CPython.
	Timeout time.Duration
	// known: Family and Proto are the kernel's own, because the shell made
	// the socket or asked the kernel, not a caller's claim (fromfd's).
	known bool
	// modeSet: the fd's O_NONBLOCK matches Timeout because the shell made
	// the socket or set its mode; an adopted or duplicated fd may differ.
	modeSet bool
}

// MaxRecv bounds one receive buffer: a typo such as `recv 1 99999999999`
// must not make the shell try to allocate it.
const MaxRecv = 64 << 20

const typeFlags = unix.SOCK_NONBLOCK | unix.SOCK_CLOEXEC

// Socket creates a socket as Python's socket.socket(family, type, proto):
// close-on-exec always, and SOCK_NONBLOCK in the type means timeout 0.0.
func (s *Sys) Socket(family, typ, proto int) (*Socket, error) {
	fd, err := unix.Socket(family, typ|unix.SOCK_CLOEXEC, proto)
	if s.trace != nil {
		s.tr("socket", retval(fd, err), names.Families.Name(family), names.FormatType(typ|unix.SOCK_CLOEXEC), names.ProtocolName(family, proto))
	}
	if err != nil {
		return nil, err
	}
	s.noteFD(fd)
	return newSocket(fd, family, typ, proto), nil
}

// newSocket is a socket the shell made with socket or socketpair: it knows
// what it is, and SOCK_NONBLOCK in typ means timeout 0.0.
func newSocket(fd, family, typ, proto int) *Socket {
	sk := &Socket{FD: fd, Family: family, Type: typ &^ typeFlags, Proto: proto, Timeout: None, known: true, modeSet: true}
	if typ&unix.SOCK_NONBLOCK != 0 {
		sk.Timeout = 0
	}
	return sk
}

// Socketpair is Python's socket.socketpair(family, type, proto).
func (s *Sys) Socketpair(family, typ, proto int) (*Socket, *Socket, error) {
	fds, err := unix.Socketpair(family, typ|unix.SOCK_CLOEXEC, proto)
	ret := retval(0, err)
	if err == nil {
		ret = "0"
	}
	if s.trace != nil {
		s.tr("socketpair", ret, names.Families.Name(family), names.FormatType(typ|unix.SOCK_CLOEXEC), proto, "["+strconv.Itoa(fds[0])+", "+strconv.Itoa(fds[1])+"]")
	}
	if err != nil {
		return nil, nil, err
	}
	s.noteFD(max(fds[0], fds[1]))
	return newSocket(fds[0], family, typ, proto), newSocket(fds[1], family, typ, proto), nil
}

// Adopt wraps an existing descriptor without copying it, as
// socket.socket(fileno=fd): family, type and protocol come from the fd.
func (s *Sys) Adopt(fd int) (*Socket, error) {
	var v [3]int
	for i, opt := range []int{unix.SO_DOMAIN, unix.SO_TYPE, unix.SO_PROTOCOL} {
		b, err := s.Getsockopt(&Socket{FD: fd}, unix.SOL_SOCKET, opt, 4)
		if err != nil {
			return nil, err
		}
		v[i] = int(cInt(b))
	}
	return &Socket{FD: fd, Family: v[0], Type: v[1], Proto: v[2], Timeout: None, known: true}, nil
}

// dupFD duplicates fd with close-on-exec, as Python's os.dup does.
func (s *Sys) dupFD(fd int) (int, error) {
	nfd, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, 0)
	if err == nil {
		s.noteFD(nfd)
	}
	if s.trace != nil {
		s.tr("fcntl", retval(nfd, err), fd, "F_DUPFD_CLOEXEC", 0)
	}
	return nfd, err
}

// FromFD is Python's socket.fromfd: a duplicate of fd with the family,
// type and protocol the caller names.
func (s *Sys) FromFD(fd, family, typ, proto int) (*Socket, error) {
	nfd, err := s.dupFD(fd)
	if err != nil {
		return nil, err
	}
	// CPython checks that the descriptor is a socket with getsockname.
	if _, err := s.Getsockname(&Socket{FD: nfd}); err == unix.ENOTSOCK || err == unix.EBADF {
		s.CloseFD(nfd)
		return nil, err
	}
	return &Socket{FD: nfd, Family: family, Type: typ &^ typeFlags, Proto: proto, Timeout: None}, nil
}

// Dup is Python's s.dup(): a new descriptor with the same timeout.
func (s *Sys) Dup(sk *Socket) (*Socket, error) {
	nfd, err := s.dupFD(sk.FD)
	if err != nil {
		return nil, err
	}
	d := &Socket{FD: nfd, Family: sk.Family, Type: sk.Type, Proto: sk.Proto, Timeout: None, known: sk.known}
	if err := s.SetTimeout(d, sk.Timeout); err != nil {
		return nil, err
	}
	return d, nil
}

// Close is Python's s.close(): a second close does nothing, and
// ECONNRESET from close is not an error.
func (s *Sys) Close(sk *Socket) error {
	if sk.FD < 0 {
		return nil
	}
	fd := sk.FD
	sk.FD = -1
	err := unix.Close(fd)
	if s.trace != nil {
		s.tr("close", retval(0, err), fd)
	}
	if err == unix.ECONNRESET {
		return nil
	}
	return err
}

// CloseFD closes a descriptor that no Socket holds any longer.
func (s *Sys) CloseFD(fd int) error {
	err := unix.Close(fd)
	if s.trace != nil {
		s.tr("close", retval(0, err), fd)
	}
	return err
}

// SetTimeout is Python's settimeout: None makes the fd blocking, anything
// else non-blocking (the waiting is done in poll). CPython switches with
// ioctl(FIONBIO) every time, even when nothing changes, and so does this.
func (s *Sys) SetTimeout(sk *Socket, d time.Duration) error {
	sk.Timeout = d
	on := 0
	if d >= 0 {
		on = 1
	}
	if sk.FD < 0 {
		return unix.EBADF
	}
	err := s.fionbio(sk.FD, on)
	if err == nil {
		sk.modeSet = true
	}
	return err
}

// fionbio sets or clears O_NONBLOCK with ioctl(FIONBIO), as CPython does.
func (s *Sys) fionbio(fd, on int) error {
	v := int32(on)
	var err error
	if _, _, e := unix.RawSyscall(unix.SYS_IOCTL, uintptr(fd), fionbio, uintptr(unsafe.Pointer(&v))); e != 0 {
		err = e // never waits: see syscall6
	}
	if s.trace != nil {
		s.tr("ioctl", retval(0, err), fd, "FIONBIO", "["+strconv.Itoa(on)+"]")
	}
	return err
}

// Bind is bind(2).
func (s *Sys) Bind(sk *Socket, sa unix.Sockaddr) error {
	err := bindOrConnect(unix.SYS_BIND, sk.FD, sa, unix.Bind)
	if s.trace != nil {
		s.tr("bind", retval(0, err), sk.FD, traceSockaddr(sa), sockaddrLen(sa))
	}
	return err
}

// Listen is listen(2).
func (s *Sys) Listen(sk *Socket, backlog int) error {
	err := unix.Listen(sk.FD, backlog)
	if s.trace != nil {
		s.tr("listen", retval(0, err), sk.FD, backlog)
	}
	return err
}

// Shutdown is shutdown(2).
func (s *Sys) Shutdown(sk *Socket, how int) error {
	err := unix.Shutdown(sk.FD, how)
	if s.trace != nil {
		s.tr("shutdown", retval(0, err), sk.FD, names.ShutdownHow.Name(how))
	}
	return err
}

// Getsockname is getsockname(2).
func (s *Sys) Getsockname(sk *Socket) (unix.Sockaddr, error) {
	sa, err := Sockname(sk)
	if s.trace != nil {
		s.tr("getsockname", retval(0, err), sk.FD, traceSockaddr(sa), "["+strconv.Itoa(sockaddrLen(sa))+"]")
	}
	return sa, err
}

// Getpeername is getpeername(2).
func (s *Sys) Getpeername(sk *Socket) (unix.Sockaddr, error) {
	sa, err := Peername(sk)
	if s.trace != nil {
		s.tr("getpeername", retval(0, err), sk.FD, traceSockaddr(sa), "["+strconv.Itoa(sockaddrLen(sa))+"]")
	}
	return sa, err
}

// Getsockopt reads an option into a buffer of buflen bytes.
func (s *Sys) Getsockopt(sk *Socket, level, opt, buflen int) ([]byte, error) {
	b, err := rawGetsockopt(sk.FD, level, opt, buflen)
	if s.trace != nil {
		s.tr("getsockopt", retval(0, err), sk.FD, s.traceLevel(level), s.traceOpt(level, opt), traceIntArg(b), "["+strconv.Itoa(len(b))+"]")
	}
	return b, err
}

// Setsockopt sets an option from its bytes.
func (s *Sys) Setsockopt(sk *Socket, level, opt int, val []byte) error {
	err := rawSetsockopt(sk.FD, level, opt, val)
	if s.trace != nil {
		s.tr("setsockopt", retval(0, err), sk.FD, s.traceLevel(level), s.traceOpt(level, opt), traceIntArg(val), len(val))
	}
	return err
}

// deadline is when a call that starts now must give up.
func deadline(sk *Socket) time.Time {
	if sk.Timeout > 0 {
		return time.Now().Add(sk.Timeout)
	}
	return forever
}

// call runs one I/O operation in the socket's mode, as CPython's sock_call:
//   - non-blocking (0.0): once;
//   - timeout: wait in poll until ready or the deadline, then try; a false
//     "ready" (EAGAIN) goes back to waiting;
//   - blocking (None): try without waiting (MSG_DONTWAIT), and when the
//     kernel would block, wait in poll instead so that Ctrl-C can end it.
//     For calls that take no flags (accept), wait first.
//
// op gets the extra flags to pass (MSG_DONTWAIT or 0).
func (s *Sys) call(sk *Socket, events int16, dl time.Time, canDontwait bool, op func(extra int) (int, error)) (int, error) {
	switch {
	case sk.Timeout == 0:
		return op(0)
	case sk.Timeout > 0 || !canDontwait:
		for {
			if err := s.wait(sk.FD, events, dl); err != nil {
				return 0, err
			}
			n, err := op(0)
			if err == unix.EAGAIN || err == unix.EINTR {
				continue
			}
			return n, err
		}
	default:
		for {
			// Python makes one blocking call: the attempt that returns is
			// it, with MSG_DONTWAIT added; those that would have blocked
			// are the shell's own.
			if s.trace != nil {
				s.holding = true
				s.added = unix.MSG_DONTWAIT
			}
			n, err := op(unix.MSG_DONTWAIT)
			if s.trace != nil {
				s.release(err == unix.EAGAIN || err == unix.EINTR)
			}
			if err != unix.EAGAIN && err != unix.EINTR {
				return n, err
			}
			// After EAGAIN the socket is known not to be ready: no need
			// to look before flushing.
			if err := s.waitFor(sk.FD, events, forever, err != unix.EAGAIN); err != nil {
				return 0, err
			}
		}
	}
}

// modeFor says how a call with these message flags behaves: MSG_DONTWAIT
// from the user makes a blocking socket's call a single attempt. Under a
// timeout it changes nothing: CPython (sock_call_ex) waits in poll for
// readiness before every call of a socket with a timeout, whatever the
// flags, so a send that cannot go is "timed out", not EAGAIN.
func modeFor(sk *Socket, flags int) *Socket {
	if flags&unix.MSG_DONTWAIT != 0 && sk.Timeout < 0 {
		c := *sk
		c.Timeout = 0
		return &c
	}
	return sk
}

// actual is the socket as its calls behave. Python's timeout None does not
// touch the fd, so an adopted or duplicated fd that is O_NONBLOCK (the
// shell did not set its mode) fails with EAGAIN instead of waiting, as in
// Python.
func (s *Sys) actual(sk *Socket) *Socket {
	if sk.Timeout >= 0 || sk.modeSet || sk.FD < 0 {
		return sk
	}
	flags, err := unix.FcntlInt(uintptr(sk.FD), unix.F_GETFL, 0)
	if err != nil || flags&unix.O_NONBLOCK == 0 {
		return sk
	}
	c := *sk
	c.Timeout = 0
	return &c
}

// maxScratch bounds the receive buffer kept between calls: one recv of
// 64 MiB must not hold 64 MiB for the rest of the session.
const maxScratch = 1 << 20

// buffer returns a receive buffer of n bytes: the scratch buffer kept
// between calls, or for a large n one of its own.
func (s *Sys) buffer(n int) []byte {
	if n > maxScratch {
		return make([]byte, n)
	}
	if cap(s.scratch) < n {
		s.scratch = make([]byte, n)
	}
	return s.scratch[:n]
}

// received is what a call received into buf, as a slice of its own: a copy
// from the scratch buffer, or a large buffer itself when the data fills
// most of it (a second copy of 64 MiB would double the memory a large
// receive takes).
func (s *Sys) received(buf []byte, got int) []byte {
	if len(buf) > maxScratch && got >= len(buf)/2 {
		return buf[:got:got]
	}
	return append([]byte(nil), buf[:got]...)
}

// Recv is Python's s.recv(n, flags). full is the length of a datagram
// that was longer than n (its tail is lost, as in Python), else 0.
func (s *Sys) Recv(sk *Socket, n, flags int) (b []byte, full int, err error) {
	sk = s.actual(sk)
	buf := s.buffer(n)
	if flags&unix.MSG_WAITALL != 0 && flags&unix.MSG_PEEK == 0 && sk.Timeout < 0 && sk.Type == unix.SOCK_STREAM {
		b, err := s.recvAll(sk, buf, flags)
		return b, 0, err
	}
	own := prepareTrunc(sk, buf, flags)
	got, err := s.call(modeFor(sk, flags), unix.POLLIN, deadline(sk), true, func(extra int) (int, error) {
		r, err := rawRecv(sk.FD, buf, flags|extra|own)
		if s.trace != nil {
			s.added |= own
		}
		s.traceRecv(sk.FD, buf, r, flags|extra|own, false, nil, err)
		return r, err
	})
	if err != nil {
		return nil, 0, err
	}
	b, full = s.datagram(buf, got, own)
	return b, full, nil
}

// prepareTrunc is the MSG_TRUNC the shell adds to a receive of its own:
// on a datagram socket (any but a stream) the kernel then returns the
// datagram's real length even when the buffer was shorter, so that the
// shell can say how much was lost. When the user asks for MSG_TRUNC
// themselves, the buffer is cleared: Python returns that many bytes, the
// received ones and zeros after them.
func prepareTrunc(sk *Socket, buf []byte, flags int) int {
	if flags&unix.MSG_TRUNC != 0 {
		clear(buf)
		return 0
	}
	if sk.Type == unix.SOCK_STREAM {
		return 0
	}
	return unix.MSG_TRUNC
}

// datagram is what a receive of got bytes into buf returns to the user,
// and the real length of a datagram cut short (got is more than buf holds
// under MSG_TRUNC).
func (s *Sys) datagram(buf []byte, got, own int) ([]byte, int) {
	switch {
	case got <= len(buf):
		return s.received(buf, got), 0
	case own != 0: // the shell's MSG_TRUNC: Python returns BUFSIZE bytes
		return s.received(buf, len(buf)), got
	}
	// The user's MSG_TRUNC: the real length, zeros past the buffer.
	b := make([]byte, got)
	copy(b, buf)
	return b, 0
}

// recvAll keeps a blocking MSG_WAITALL receive waiting until the buffer is
// full or the stream ends, as the kernel would, but in poll.
func (s *Sys) recvAll(sk *Socket, buf []byte, flags int) ([]byte, error) {
	if s.trace == nil {
		return s.recvAllLoop(sk, buf, flags)
	}
	// As for a blocking send: Python's one recvfrom, made of the shell's.
	var b []byte
	var err error
	s.asOneCall(func() bool { b, err = s.recvAllLoop(sk, buf, flags); return err == nil },
		func() string {
			shown := "0x..."
			if err == nil {
				shown = traceBuf(b)
			}
			return "recvfrom(" + strconv.Itoa(sk.FD) + ", " + shown + ", " + strconv.Itoa(len(buf)) + ", " +
				names.MsgFlags.FormatFlags(flags) + ", NULL, NULL) = " + retval(len(b), err)
		})
	return b, err
}

func (s *Sys) recvAllLoop(sk *Socket, buf []byte, flags int) ([]byte, error) {
	have := 0
	defer func() { s.Moved = 0 }()
	for have < len(buf) {
		s.Moved = have
		got, err := s.call(sk, unix.POLLIN, forever, true, func(extra int) (int, error) {
			r, err := rawRecv(sk.FD, buf[have:], flags|extra)
			s.traceRecv(sk.FD, buf[have:], r, flags|extra, false, nil, err)
			return r, err
		})
		if err != nil {
			return s.received(buf, have), err
		}
		if got == 0 {
			break
		}
		have += got
	}
	return s.received(buf, have), nil
}

// traceRecv traces a recvfrom. withAddr: the sender was asked for (sa is
// what came back); otherwise it is a recv, with NULL, NULL.
func (s *Sys) traceRecv(fd int, buf []byte, r, flags int, withAddr bool, sa unix.Sockaddr, err error) {
	if s.trace == nil {
		return
	}
	shown := "0x..."
	if err == nil {
		shown = traceBuf(buf[:min(r, len(buf))]) // r is more under MSG_TRUNC
	}
	from, fromLen := "NULL", "NULL"
	if withAddr {
		from, fromLen = traceSockaddr(sa), "["+strconv.Itoa(sockaddrLen(sa))+"]"
	}
	s.tr("recvfrom", retval(r, err), fd, shown, len(buf), names.MsgFlags.FormatFlags(flags), from, fromLen)
}

// Recvfrom is Python's s.recvfrom(n, flags); full as for Recv.
func (s *Sys) Recvfrom(sk *Socket, n, flags int) ([]byte, unix.Sockaddr, int, error) {
	sk = s.actual(sk)
	buf := s.buffer(n)
	var from unix.Sockaddr
	own := prepareTrunc(sk, buf, flags)
	got, err := s.call(modeFor(sk, flags), unix.POLLIN, deadline(sk), true, func(extra int) (int, error) {
		r, sa, err := recvfrom(sk, buf, flags|extra|own)
		from = sa
		if s.trace != nil {
			s.added |= own
		}
		s.traceRecv(sk.FD, buf, r, flags|extra|own, true, sa, err)
		return r, err
	})
	if err != nil {
		return nil, nil, 0, err
	}
	b, full := s.datagram(buf, got, own)
	return b, from, full, nil
}

// sendOnce is one sendto(2) call. Every send carries MSG_NOSIGNAL: a peer
// that has gone away gives EPIPE, never a SIGPIPE.
func (s *Sys) sendOnce(sk *Socket, data []byte, flags int, to unix.Sockaddr, raw []byte) (int, error) {
	if s.trace != nil && flags&unix.MSG_NOSIGNAL == 0 {
		s.added |= unix.MSG_NOSIGNAL // Python ignores SIGPIPE instead
	}
	flags |= unix.MSG_NOSIGNAL
	n, err := rawSendto(sk.FD, data, flags, raw)
	if s.trace != nil {
		s.tr("sendto", retval(n, err), sk.FD, traceBuf(data), len(data), names.MsgFlags.FormatFlags(flags), traceSockaddr(to), len(raw))
	}
	return n, err
}

// Send is Python's s.send(data, flags). In blocking mode a stream send
// returns only when every byte is queued, as the kernel's blocking send
// does; the shell gets there by sending what fits and waiting in poll. The
// count is returned with ErrInterrupted when Ctrl-C ends it.
func (s *Sys) Send(sk *Socket, data []byte, flags int) (int, error) {
	sk = s.actual(sk)
	if sk.Timeout < 0 && flags&unix.MSG_DONTWAIT == 0 && sk.Type == unix.SOCK_STREAM {
		if s.trace == nil {
			return s.sendLoop(sk, data, flags, forever)
		}
		// Python makes one blocking sendto; the shell's pieces of it are
		// its own, and the line for Python's call follows them.
		var n int
		var err error
		s.asOneCall(func() bool { n, err = s.sendLoop(sk, data, flags, forever); return err == nil },
			func() string {
				return "sendto(" + strconv.Itoa(sk.FD) + ", " + traceBuf(data) + ", " + strconv.Itoa(len(data)) + ", " +
					names.MsgFlags.FormatFlags(flags) + ", NULL, 0) = " + retval(n, err)
			})
		return n, err
	}
	return s.call(modeFor(sk, flags), unix.POLLOUT, deadline(sk), true, func(extra int) (int, error) {
		return s.sendOnce(sk, data, flags|extra, nil, nil)
	})
}

// Sendall is Python's s.sendall(data, flags): send until everything is out
// or an error, with the socket's timeout as one deadline for the whole. It
// returns how many bytes went out before a failure, which Python cannot.
func (s *Sys) Sendall(sk *Socket, data []byte, flags int) (int, error) {
	sk = s.actual(sk)
	return s.sendLoop(modeFor(sk, flags), data, flags, deadline(sk))
}

func (s *Sys) sendLoop(sk *Socket, data []byte, flags int, dl time.Time) (int, error) {
	sent := 0
	defer func() { s.Moved = 0 }()
	for {
		s.Moved = sent
		n, err := s.call(sk, unix.POLLOUT, dl, true, func(extra int) (int, error) {
			return s.sendOnce(sk, data[sent:], flags|extra, nil, nil)
		})
		if err != nil {
			return sent, err
		}
		sent += n
		if sent >= len(data) {
			return sent, nil
		}
	}
}

// Sendto is Python's s.sendto(data, flags, address).
func (s *Sys) Sendto(sk *Socket, data []byte, flags int, to unix.Sockaddr) (int, error) {
	sk = s.actual(sk)
	raw, err := EncodeSockaddr(to)
	if err != nil {
		return 0, err
	}
	return s.call(modeFor(sk, flags), unix.POLLOUT, deadline(sk), true, func(extra int) (int, error) {
		return s.sendOnce(sk, data, flags|extra, to, raw)
	})
}

// Accept is Python's s.accept(). The new socket is blocking; when the
// listener had a timeout Python sets it blocking explicitly, and so does
// this, so that the trace shows the same calls.
func (s *Sys) Accept(sk *Socket) (*Socket, unix.Sockaddr, error) {
	sk = s.actual(sk)
	var from unix.Sockaddr
	// Blocking accept waits for POLLOUT too: a listener never reports it,
	// while a socket that is not listening does at once, so accept4 then
	// fails with the kernel's EINVAL instead of the wait never ending. With
	// a timeout CPython polls for POLLIN alone, and so does this.
	events := int16(unix.POLLIN)
	if sk.Timeout < 0 {
		events |= unix.POLLOUT
	}
	fd, err := s.call(sk, events, deadline(sk), false, func(int) (int, error) {
		nfd, sa, err := accept4(sk, unix.SOCK_CLOEXEC)
		from = sa
		if s.trace != nil {
			s.tr("accept4", retval(nfd, err), sk.FD, traceSockaddr(sa), "["+strconv.Itoa(sockaddrLen(sa))+"]", "SOCK_CLOEXEC")
		}
		return nfd, err
	})
	if err != nil {
		return nil, nil, err
	}
	s.noteFD(fd)
	// accept4 without SOCK_NONBLOCK gives a blocking fd, whatever the
	// listener's mode.
	conn := &Socket{FD: fd, Family: sk.Family, Type: sk.Type, Proto: sk.Proto, Timeout: None, known: sk.known, modeSet: true}
	if sk.Timeout > 0 {
		if err := s.SetTimeout(conn, None); err != nil {
			return conn, from, err
		}
	}
	return conn, from, nil
}

// Connect is Python's s.connect(address). With a timeout: connect on the
// non-blocking fd, wait for POLLOUT, read SO_ERROR. Blocking: the same, with
// the fd made non-blocking just for the call (and put back after), so that
// the wait happens in poll and Ctrl-C can end it; the connection attempt
// then goes on in the kernel, as after an interrupted connect(2).
func (s *Sys) Connect(sk *Socket, sa unix.Sockaddr) error {
	if sk.Timeout == 0 || sk.FD < 0 {
		return s.connectOnce(sk, sa, false)
	}
	if sk.Timeout > 0 {
		return s.connectWait(sk, sa, deadline(sk), false)
	}
	// Python makes one blocking connect; the mode switches around it are
	// the shell's own (marked in the trace).
	if sk.modeSet {
		// The fd is blocking because the shell made it so: switch it the
		// way Python switches modes, and back.
		if err := s.asShell(func() error { return s.fionbio(sk.FD, 1) }); err != nil {
			return err
		}
		defer s.asShell(func() error { return s.fionbio(sk.FD, 0) })
		return s.connectWait(sk, sa, forever, true)
	}
	var flags int
	err := s.asShell(func() error {
		var err error
		flags, err = unix.FcntlInt(uintptr(sk.FD), unix.F_GETFL, 0)
		if s.trace != nil {
			s.tr("fcntl", retvalFlags(flags, err), sk.FD, "F_GETFL")
		}
		return err
	})
	if err != nil {
		return err
	}
	if flags&unix.O_NONBLOCK == 0 {
		s.asShell(func() error { s.setFlags(sk.FD, flags|unix.O_NONBLOCK); return nil })
		defer s.asShell(func() error { s.setFlags(sk.FD, flags); return nil })
	}
	return s.connectWait(sk, sa, forever, true)
}

// asShell runs calls of the shell's own: their trace lines are marked.
func (s *Sys) asShell(f func() error) error {
	s.shellOnly++
	defer func() { s.shellOnly-- }()
	return f()
}

func (s *Sys) setFlags(fd, flags int) {
	_, err := unix.FcntlInt(uintptr(fd), unix.F_SETFL, flags)
	if s.trace != nil {
		s.tr("fcntl", retval(0, err), fd, "F_SETFL", fileFlags(flags))
	}
}

// connectOnce is one connect(2). nonblocking: the shell made the fd
// non-blocking for the call (connectWait), so it cannot wait.
func (s *Sys) connectOnce(sk *Socket, sa unix.Sockaddr, nonblocking bool) error {
	var err error
	if nonblocking {
		err = connectNoWait(sk.FD, sa)
	} else {
		err = bindOrConnect(unix.SYS_CONNECT, sk.FD, sa, unix.Connect)
	}
	if s.trace != nil {
		s.tr("connect", retval(0, err), sk.FD, traceSockaddr(sa), sockaddrLen(sa))
	}
	return err
}

// connectWait starts a connect on a non-blocking fd and waits for it.
// CPython, under a timeout, learns the outcome from SO_ERROR, and so does
// this. Standing in for a blocking connect (finish), it calls connect again
// instead: that returns 0 or the error and leaves the kernel's socket
// exactly as a blocking connect(2) would (connected, or unconnected after a
// refusal), so the next connect says EISCONN or tries again, as in Python.
func (s *Sys) connectWait(sk *Socket, sa unix.Sockaddr, dl time.Time, finish bool) error {
	started := false
	for {
		// Standing in for a blocking connect, only the connect that
		// settles it is Python's.
		s.holding = finish && s.trace != nil
		err := s.connectOnce(sk, sa, true)
		if finish && s.trace != nil {
			s.release(err == unix.EINPROGRESS || err == unix.EALREADY || err == unix.EINTR || err == unix.EAGAIN)
		}
		switch {
		case err == nil:
			return nil
		case err == unix.EISCONN && started:
			return nil
		case err == unix.EINPROGRESS || err == unix.EINTR || (err == unix.EALREADY && started):
		case err == unix.EAGAIN:
			// A unix socket whose listener's queue is full: the kernel
			// offers nothing to poll for, so look again shortly.
			if werr := s.pause(dl, 20*time.Millisecond); werr != nil {
				return werr
			}
			continue
		default:
			return err
		}
		if finish && !started {
			// On loopback the handshake is usually done by now: ask again
			// at once, and wait in poll only if it is still under way.
			started = true
			continue
		}
		started = true
		if err := s.wait(sk.FD, unix.POLLOUT, dl); err != nil {
			return err
		}
		if finish {
			continue
		}
		b, err := s.Getsockopt(sk, unix.SOL_SOCKET, unix.SO_ERROR, 4)
		if err != nil {
			return err
		}
		if e := unix.Errno(cInt(b)); e != 0 {
			return e
		}
		return nil
	}
}

// pause waits on the wake fd alone for up to d (or the deadline).
func (s *Sys) pause(dl time.Time, d time.Duration) error {
	if !dl.IsZero() {
		if left := time.Until(dl); left <= 0 {
			return ErrTimeout
		} else if left < d {
			d = left
		}
	}
	pfd := []unix.PollFd{{Fd: int32(s.wake), Events: unix.POLLIN}}
	if s.BeforeWait != nil && d > 0 {
		s.BeforeWait()
	}
	_, err := unix.Poll(pfd, int(d/time.Millisecond))
	if s.trace != nil {
		s.tracePollLine(pfd, int(d/time.Millisecond), err, true)
	}
	if pfd[0].Revents != 0 || s.pending.Load() {
		return ErrInterrupted
	}
	return nil
}

// ConnectEx is Python's s.connect_ex(address): the errno as a value. A
// timeout gives EAGAIN, as CPython's does; Ctrl-C is still an error.
func (s *Sys) ConnectEx(sk *Socket, sa unix.Sockaddr) (unix.Errno, error) {
	err := s.Connect(sk, sa)
	switch err {
	case nil:
		return 0, nil
	case ErrTimeout:
		return unix.EAGAIN, nil
	case ErrInterrupted:
		return 0, err
	}
	if e := errnoOf(err); e != 0 {
		return e, nil
	}
	return 0, err
}

func retvalFlags(flags int, err error) string {
	if err != nil {
		return retval(0, err)
	}
	return strconv.Itoa(flags) + " (flags " + fileFlags(flags) + ")"
}

// fileFlags writes open-file flags as strace does.
func fileFlags(f int) string {
	var out string
	switch f & unix.O_ACCMODE {
	case unix.O_RDONLY:
		out = "O_RDONLY"
	case unix.O_WRONLY:
		out = "O_WRONLY"
	default:
		out = "O_RDWR"
	}
	if f&unix.O_NONBLOCK != 0 {
		out += "|O_NONBLOCK"
	}
	return out
}

// fionbio is FIONBIO, which x/sys does not name (asm-generic value).
const fionbio = 0x5421
