package session

import (
	"errors"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/errno"
	"sockrepl/internal/expect"
	"sockrepl/internal/literal"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
	"sockrepl/internal/sockopt"
)

// defaultBacklog is what Python's listen() uses: min(SOMAXCONN, 128).
const defaultBacklog = 128

// defaultBufsize is recv's BUFSIZE when none is given.
const defaultBufsize = 65536

func quoteWord(w string) string { return strconv.Quote(w) }

// handleText shows a handle as `#3 name`.
func handleText(h *Handle) string {
	if h.Name == "" {
		return h.ref
	}
	return h.ref + " " + h.Name
}

// describeSocket is the part of a result line that says what a socket is.
func describeSocket(sk *sock.Socket) string {
	var buf [96]byte // one allocation: the string returned
	d := append(buf[:0], "fd="...)
	d = strconv.AppendInt(d, int64(sk.FD), 10)
	d = append(append(append(d, "  "...), names.Families.Name(sk.Family)...), ' ')
	d = append(d, names.Types.Name(sk.Type)...)
	if sk.Proto != 0 {
		d = append(append(d, ' '), names.ProtocolName(sk.Family, sk.Proto)...)
	} else {
		d = append(d, " proto=0"...)
	}
	return string(append(d, modeNote(sk)...))
}

// modeNote says how a socket waits, when that is not the default.
func modeNote(sk *sock.Socket) string {
	if sk.Timeout < 0 {
		return ""
	}
	return "  " + modeName(sk)
}

// modeName is the socket's mode in words: blocking, non-blocking, or
// timeout T.
func modeName(sk *sock.Socket) string {
	switch {
	case sk.Timeout == 0:
		return msgModeNonBlocking.S()
	case sk.Timeout > 0:
		return msgModeTimeout.S(msg.A("t", timeoutText(sk)))
	}
	return msgModeBlocking.S()
}

func timeoutText(sk *sock.Socket) string {
	if sk.Timeout < 0 {
		return "None"
	}
	return pyrepr.Float(sk.Timeout.Seconds())
}

func cmdSocket(s *Session, a *args) (*Result, error) {
	family, typ, proto, fileno := a.get("FAMILY"), a.get("TYPE"), a.get("PROTO"), a.get("FD")
	var sk *sock.Socket
	var err error
	owned := true
	if fileno.given {
		// Python finds the family, type and protocol of the descriptor;
		// those given override what it finds.
		sk, err = s.Sys.Adopt(fileno.n)
		if err != nil {
			return nil, err
		}
		// A descriptor a handle of the session detached is the
		// session's own again; any other is only borrowed.
		owned = s.detached[fileno.n]
		delete(s.detached, fileno.n)
		if family.given {
			sk.Family = family.n
		}
		if typ.given {
			sk.Type = typ.n &^ (unix.SOCK_NONBLOCK | unix.SOCK_CLOEXEC)
		}
		if proto.given {
			sk.Proto = proto.n
		}
	} else {
		sk, err = s.Sys.Socket(family.n, typ.n, proto.n)
		if err != nil {
			if errors.Is(err, unix.EPROTONOSUPPORT) && proto.n == 0 && typ.n&0xf == unix.SOCK_RAW &&
				(family.n == unix.AF_INET || family.n == unix.AF_INET6) {
				// Not a PROTO that does not fit: none was given (or 0).
				return nil, &hintedErr{err: err, hint: msgHintRawNeedsProto.S()}
			}
			return nil, err
		}
	}
	h := a.add(sk, nil, owned)
	r := result(h.ref, render.P(render.Handle, handleText(h)), render.P(render.Note, "  "), render.P(render.Note, describeSocket(sk)))
	if !owned {
		r.say(msgAdopted)
	}
	return r, nil
}

func cmdSocketpair(s *Session, a *args) (*Result, error) {
	family := a.get("FAMILY").n
	x, y, err := s.Sys.Socketpair(family, a.get("TYPE").n, a.get("PROTO").n)
	if err != nil {
		return nil, err
	}
	hx, hy := a.add(x, nil, true), a.add(y, nil, true)
	r := result(hx.ref,
		render.P(render.Handle, handleText(hx)), render.P(render.Note, "  fd="+strconv.Itoa(x.FD)+"   "),
		render.P(render.Handle, handleText(hy)), render.P(render.Note, "  fd="+strconv.Itoa(y.FD)+"   "+names.Families.Name(family)+" "+names.Types.Name(x.Type)+" "+msgConnectedToEachOther.S()+modeNote(x)),
	)
	r.whole = []string{expect.Primary, hy.ref}
	return r, nil
}

func cmdFromfd(s *Session, a *args) (*Result, error) {
	fd := a.get("FD").n // dup(-1) is the kernel's EBADF
	sk, err := s.Sys.FromFD(fd, a.get("FAMILY").n, a.get("TYPE").n, a.get("PROTO").n)
	if err != nil {
		return nil, err
	}
	h := a.add(sk, nil, true)
	r := result(h.ref, render.P(render.Handle, handleText(h)), render.P(render.Note, "  "+describeSocket(sk)+"  "+msgDuplicateOfFD.S(msg.A("fd", fd))))
	return r, nil
}

func cmdDup(s *Session, a *args) (*Result, error) {
	h := a.sock()
	sk, err := s.Sys.Dup(h.Sock)
	if err != nil {
		return nil, err
	}
	d := a.add(sk, nil, true)
	r := result(d.ref, render.P(render.Handle, handleText(d)), render.P(render.Note, "  "+describeSocket(sk)+"  "+msgDuplicateOfHandle.S(msg.A("ref", h.ref))))
	return r, nil
}

// remember keeps a socket's current local address for $H after close.
func (s *Session) remember(h *Handle) unix.Sockaddr {
	if h.Sock.FD < 0 {
		return h.LastAddr
	}
	if sa, err := sock.Sockname(h.Sock); err == nil {
		h.LastAddr = sa
	}
	return h.LastAddr
}

// rememberForClose keeps the address a socket is about to lose. A socket
// that connected had its address noted then (it cannot change after
// that), so no call is needed. An accepted socket is asked: its listener's
// address is no safe guess (a wildcard or ::ffff:0.0.0.0 listener, or one
// whose port changed through a dup and shutdown).
func (s *Session) rememberForClose(h *Handle) {
	if h.addrFinal && h.LastAddr != nil {
		return
	}
	s.remember(h)
}

func cmdBind(s *Session, a *args) (*Result, error) {
	h, sa := a.sock(), a.get("ADDR").sa
	if err := s.Sys.Bind(h.Sock, sa); err != nil {
		if errors.Is(err, unix.EADDRINUSE) {
			reuse, _ := unix.GetsockoptInt(h.Sock.FD, unix.SOL_SOCKET, unix.SO_REUSEADDR)
			return nil, s.addrInUse(h, h.Sock.Type == unix.SOCK_DGRAM, reuse != 0, sa, err)
		}
		return nil, err
	}
	r := ok().add(render.P(render.Note, "  "+msgBoundTo.S()), render.P(render.Addr, addr.Format(s.remember(h))))
	if looksLikeInetPath(sa) {
		// A unix socket takes `127.0.0.1:8080` as a file name, as Python's
		// does; printed back, it reads like an inet address.
		r.say(msgInetLikePath)
	}
	return r, nil
}

// looksLikeInetPath reports a unix socket path that reads as HOST:PORT.
func looksLikeInetPath(sa unix.Sockaddr) bool {
	u, ok := sa.(*unix.SockaddrUnix)
	if !ok {
		return false
	}
	inet, _, err := addr.Parse(unix.AF_INET, []string{u.Name})
	if err != nil {
		inet, _, err = addr.Parse(unix.AF_INET6, []string{u.Name})
	}
	return err == nil && inet != nil
}

func cmdListen(s *Session, a *args) (*Result, error) {
	h, backlog := a.sock(), a.get("BACKLOG").n
	if backlog < 0 {
		backlog = 0 // as CPython
	}
	if err := s.Sys.Listen(h.Sock, backlog); err != nil {
		return nil, err
	}
	r := ok().add(render.P(render.Note, "  "+msgListeningOn.S()), render.P(render.Addr, addr.Format(s.remember(h))))
	return r.say(msgBacklog, msg.A("n", backlog)), nil
}

func cmdAccept(s *Session, a *args) (*Result, error) {
	conn, from, err := s.Sys.Accept(a.sock().Sock)
	if conn == nil && err != nil {
		return nil, err
	}
	c := a.add(conn, nil, true)
	a.addAddr(from)
	r := result(c.ref, render.P(render.Handle, handleText(c)), render.P(render.Note, "  "), render.P(render.Note, describeSocket(conn)),
		render.P(render.Note, "  "+msgFrom.S()), render.P(render.Addr, addr.Format(from)))
	r.addr, r.wholeFrom = from, wholeWithAddr
	return r, err
}

// connected describes a socket that has just connected to peer: local ->
// peer. Its local address is noted now, for $H after close.
func (s *Session) connected(r *Result, h *Handle, peer unix.Sockaddr) *Result {
	local := s.remember(h)
	h.addrFinal = true
	return r.add(render.P(render.Note, "  "), render.P(render.Addr, addr.Format(local)), render.P(render.Note, " -> "), render.P(render.Addr, addr.Format(peer)))
}

func cmdConnect(s *Session, a *args) (*Result, error) {
	h, sa := a.sock(), a.get("ADDR").sa
	if err := s.Sys.Connect(h.Sock, sa); err != nil {
		return nil, err
	}
	return s.connected(ok(), h, sa), nil
}

func cmdConnectEx(s *Session, a *args) (*Result, error) {
	h, sa := a.sock(), a.get("ADDR").sa
	e, err := s.Sys.ConnectEx(h.Sock, sa)
	if err != nil {
		return nil, err
	}
	r := val(strconv.Itoa(int(e)))
	r.errno = e
	if e == 0 {
		return s.connected(r, h, sa), nil
	}
	info := errno.Of(e)
	r.note("%s: %s", info.Name, info.Message)
	hint := errnoHint(a.cmd, info)
	if e == unix.EAGAIN && h.Sock.Timeout > 0 {
		hint = msgHintConnectExTimeout.S()
	}
	if s.Set.Hints {
		r.line(render.P(render.Hint, "  "+msgHint.S(msg.A("hint", hint))))
	}
	return r, nil
}

// bufsize reads recv's optional BUFSIZE, checked as Python does.
func (a *args) bufsize() (int, error) {
	w := a.peek()
	n, err := a.integer("BUFSIZE", -1<<62, 1<<62)
	if err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, pyErr("ValueError", "negative buffersize in %s", a.cmd.name)
	}
	if n > sock.MaxRecv {
		return 0, a.bad(msgBufsizeLimit.S(msg.A("word", w), msg.A("max", sock.MaxRecv)))
	}
	return int(n), nil
}

func cmdRecv(s *Session, a *args) (*Result, error) {
	h, n, flags := a.sock(), a.get("BUFSIZE").n, a.get("FLAGS").n
	if n == 0 {
		// CPython returns b'' for recv(0) without a system call, in any mode.
		return s.received(nil, 0, h), nil
	}
	b, full, err := s.Sys.Recv(h.Sock, n, flags)
	if err != nil {
		if len(b) > 0 {
			return nil, &partialRecv{err: err, data: b, asked: n}
		}
		return nil, err
	}
	return s.received(b, n, h).datagramCut(len(b), full, flags), nil
}

// datagramCut says how long a datagram longer than BUFSIZE was: its tail
// is lost (as in Python, which does not say so), or with peek still there.
func (r *Result) datagramCut(got, full, flags int) *Result {
	switch {
	case full == 0:
		return r
	case flags&unix.MSG_PEEK != 0:
		return r.say(msgDatagramLonger, msg.A("full", full))
	}
	return r.say(msgDatagramCut, msg.A("full", full), msg.A("lost", full-got))
}

// received is the result of a receive: the bytes and what an empty one
// means.
func (s *Session) received(b []byte, asked int, h *Handle) *Result {
	r := s.bytesValue(b)
	switch {
	case len(b) > 0:
		s.sayBytes(r, b)
	case asked == 0:
		r.say(msgAskedZero)
	case h.Sock.Type == unix.SOCK_STREAM:
		r.say(msgEndOfStream)
	default:
		r.say(msgEmptyDatagram)
	}
	return r
}

func cmdRecvfrom(s *Session, a *args) (*Result, error) {
	h, n, flags := a.sock(), a.get("BUFSIZE").n, a.get("FLAGS").n
	b, from, full, err := s.Sys.Recvfrom(h.Sock, n, flags)
	if err != nil {
		return nil, err
	}
	r := s.received(b, n, h).datagramCut(len(b), full, flags)
	r.addr, r.wholeFrom = from, wholeWithAddr
	return r.add(render.P(render.Note, "  "+msgFrom.S()), render.P(render.Addr, addr.Format(from))), nil
}

func cmdSend(s *Session, a *args) (*Result, error) {
	data := a.get("DATA").b
	n, err := s.Sys.Send(a.sock().Sock, data, a.get("FLAGS").n)
	if err != nil {
		if n > 0 {
			return nil, &partialErr{err: err, sent: n, total: len(data)}
		}
		return nil, err
	}
	r := val(strconv.Itoa(n))
	r.sent, r.of = n, len(data)
	if n < len(data) {
		return r.say(msgSentNOfM, msg.A("n", n), msg.A("total", len(data))), nil
	}
	return r.say(msgAllN, msg.A("n", n)), nil
}

func cmdSendall(s *Session, a *args) (*Result, error) {
	data := a.get("DATA").b
	n, err := s.Sys.Sendall(a.sock().Sock, data, a.get("FLAGS").n)
	if err != nil {
		return nil, &partialErr{err: err, sent: n, total: len(data)}
	}
	r := ok().say(msgSentAllN, msg.A("n", n))
	r.sent, r.of = n, len(data)
	return r, nil
}

func cmdSendto(s *Session, a *args) (*Result, error) {
	sa := a.get("ADDR").sa
	n, err := s.Sys.Sendto(a.sock().Sock, a.get("DATA").b, a.get("FLAGS").n, sa)
	if err != nil {
		return nil, err
	}
	return val(strconv.Itoa(n)).add(render.P(render.Note, "  "+msgTo.S()), render.P(render.Addr, addr.Format(sa))), nil
}

func cmdShutdown(s *Session, a *args) (*Result, error) {
	if err := s.Sys.Shutdown(a.sock().Sock, a.at(1).n); err != nil {
		return nil, err
	}
	return ok(), nil
}

func cmdGetpeername(s *Session, a *args) (*Result, error) {
	return nameCall(s, a, s.Sys.Getpeername)
}

func cmdGetsockname(s *Session, a *args) (*Result, error) {
	return nameCall(s, a, s.Sys.Getsockname)
}

func nameCall(s *Session, a *args, call func(*sock.Socket) (unix.Sockaddr, error)) (*Result, error) {
	sa, err := call(a.sock().Sock)
	if err != nil {
		return nil, err
	}
	text := addr.Format(sa)
	r := result(text, render.P(render.Addr, text))
	r.addr, r.wholeFrom = sa, wholeOfAddr
	return r, nil
}

// option reads [LEVEL] OPT: the level may be left out when the option's
// name says it.
func encodeOptValue(o sockopt.Option, rest []string) ([]byte, error) {
	if len(rest) == 1 && isRawBytes(rest[0]) {
		val, err := literal.Parse(rest[0], literal.Options{MaxSize: 1 << 16})
		if err != nil {
			return nil, cmdErr("setsockopt", err)
		}
		return val, nil
	}
	val, err := sockopt.Encode(o, rest)
	if err != nil {
		if errors.Is(err, sockopt.ErrRawBytes) {
			return nil, cmdErr("setsockopt", errors.New(err.Error()+" "+msgGiveAsBytes.S()))
		}
		if perr := optionValueErr(o, rest, err); perr != nil {
			return nil, perr
		}
		return nil, cmdErr("setsockopt", err)
	}
	return val, nil
}

func cmdSetsockopt(s *Session, a *args) (*Result, error) {
	o := a.option
	if err := s.Sys.Setsockopt(a.sock().Sock, o.Level, o.Num, a.get("VALUE").b); err != nil {
		return nil, err
	}
	return ok(), nil
}

// optValueProgram is how a saved program passes setsockopt's VALUE, as
// typed: an integer it writes as it is (isInt), or, for the fields of a
// structure (SO_LINGER 1 0, SO_RCVTIMEO 2.5, TCP_CONGESTION reno,
// IP_ADD_MEMBERSHIP …) and raw bytes (hex:…), the bytes the command passed,
// which Python's setsockopt and C take as they are. ok is false for a value
// that names a Python value ($x), which the program has as a name.
func optValueProgram(level, optname, value string) (b []byte, isInt, ok bool) {
	words := strings.Fields(value)
	if len(words) == 0 || strings.ContainsAny(value, "$%") {
		return nil, false, false
	}
	if _, isBool := parseBool(words[0]); len(words) == 1 && isBool && !names.IsDecimal(words[0]) {
		return nil, true, true
	}
	o, err := sockopt.Lookup(level, optname)
	if err != nil {
		return nil, false, false
	}
	if b, err = encodeOptValue(o, words); err != nil {
		return nil, false, false
	}
	if n, err := strconv.ParseInt(words[0], 0, 32); err == nil && len(words) == 1 && len(b) == 4 && sockopt.CInt(b) == int32(n) {
		return nil, true, true // what an int gives: Python and C pass the int
	}
	return b, false, true
}

// isRawBytes tells a bytes value (hex:…, b'…') from the words of a decoded
// value.
func isRawBytes(w string) bool {
	lw := strings.ToLower(w)
	return strings.HasPrefix(lw, "hex:") || strings.HasPrefix(lw, "b'") || strings.HasPrefix(lw, `b"`)
}

func cmdGetsockopt(s *Session, a *args) (*Result, error) {
	h, o := a.sock(), a.option
	if buflen := a.get("BUFLEN"); buflen.given {
		if buflen.n == 0 {
			return getsockoptInt(s, h, o)
		}
		b, err := s.Sys.Getsockopt(h.Sock, o.Level, o.Num, buflen.n)
		if err != nil {
			return nil, err
		}
		return s.bytesValue(b).say(msgBytesOfOption, msg.A("n", len(b)), msg.A("name", o.Name)), nil
	}
	b, err := s.Sys.Getsockopt(h.Sock, o.Level, o.Num, sockopt.BufLen(o))
	if err != nil {
		return nil, err
	}
	v := sockopt.Decode(o, b)
	if !v.HasInt {
		return result(v.Text, render.P(render.Value, v.Text)), nil
	}
	num := strconv.FormatInt(v.Int, 10)
	r := val(num)
	if text := withoutNumber(v.Text, num); text != "" && text != num {
		r.note("(%s)", text)
	}
	return r, nil
}

// withoutNumber drops a trailing " (NUM)" from an option's text:
// "SOCK_STREAM (1)" beside the value 1 would say the number twice.
func withoutNumber(text, num string) string {
	if rest, ok := strings.CutSuffix(text, ")"); ok {
		if rest, ok = strings.CutSuffix(rest, num); ok {
			if rest, ok = strings.CutSuffix(rest, " ("); ok {
				return rest
			}
		}
	}
	return text
}

// getsockoptInt is getsockopt with BUFLEN 0: Python's plain int form.
func getsockoptInt(s *Session, h *Handle, o sockopt.Option) (*Result, error) {
	b, err := s.Sys.Getsockopt(h.Sock, o.Level, o.Num, 4)
	if err != nil {
		return nil, err
	}
	if len(b) < 4 {
		b = append(b, make([]byte, 4-len(b))...)
	}
	v := int32(uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24)
	return val(strconv.Itoa(int(v))), nil
}

func cmdClose(s *Session, a *args) (*Result, error) {
	h := a.at(0).h
	if h.File != nil {
		return s.closeFile(h)
	}
	if h.Peer != nil {
		return s.stopPeer(h)
	}
	if h.Sock.FD < 0 || h.closing {
		return ok().say(msgAlreadyClosed), nil
	}
	s.rememberForClose(h)
	if h.files > 0 {
		h.closing = true
		return ok().say(msgFDStaysOpen, msg.A("fd", h.Sock.FD), msg.A("files", h.files)), nil
	}
	if err := s.Sys.Close(h.Sock); err != nil {
		return nil, err
	}
	return ok(), nil
}

func cmdDetach(s *Session, a *args) (*Result, error) {
	h := a.sock()
	s.remember(h)
	fd := h.Sock.FD
	h.Sock.FD = -1
	r := val(strconv.Itoa(fd))
	if fd >= 0 {
		r.say(msgDetached, msg.A("ref", h.ref), msg.A("fd", fd))
		if h.Owned {
			if s.detached == nil {
				s.detached = map[int]bool{}
			}
			s.detached[fd] = true
		}
	}
	return r, nil
}

func cmdSetblocking(s *Session, a *args) (*Result, error) {
	h := a.sock()
	t := sock.None
	if a.at(1).n == 0 {
		t = 0
	}
	if err := s.Sys.SetTimeout(h.Sock, t); err != nil {
		return nil, err
	}
	return ok().say(msgTimeoutIs, msg.A("timeout", timeoutText(h.Sock))), nil
}

func cmdSettimeout(s *Session, a *args) (*Result, error) {
	t := a.at(1).d
	if err := s.Sys.SetTimeout(a.sock().Sock, t); err != nil {
		return nil, err
	}
	switch {
	case t < 0:
		return ok().say(msgBlockingNote), nil
	case t == 0:
		return ok().say(msgNonBlockingNote), nil
	}
	return ok().say(msgTimeoutNote, msg.A("t", pyrepr.Float(t.Seconds()))), nil
}

func cmdGettimeout(s *Session, a *args) (*Result, error) {
	return val(timeoutText(a.sock().Sock)), nil
}

// cmdGetblocking is Python's s.getblocking(): gettimeout() != 0.0.
func cmdGetblocking(s *Session, a *args) (*Result, error) {
	if a.sock().Sock.Timeout == 0 {
		return val("False"), nil
	}
	return val("True"), nil
}

func cmdFileno(s *Session, a *args) (*Result, error) {
	h := a.at(0).h
	sk := h.Sock
	if h.Peer != nil {
		return nil, usageErr("%s", msgIsAPeer.S(msg.A("cmd", a.cmd.name), msg.A("ref", h.ref)))
	}
	if h.File != nil {
		if h.File.closed {
			return nil, pyErr("ValueError", "I/O operation on closed file")
		}
		sk = h.File.sock.Sock
	}
	return val(strconv.Itoa(sk.FD)), nil
}
