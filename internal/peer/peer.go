// Package peer runs the other end of a conversation inside the shell: an
// echo, a sink, a source, or a server that closes or resets each
// connection, over TCP or UDP. Each peer is one goroutine making its own
// system calls through golang.org/x/sys/unix, waiting in poll with an
// eventfd that stops it. A peer never writes to the terminal: what it did
// is counted, and `ls` reads the counts.
package peer

import (
	"sockrepl/internal/msg"

	"errors"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
)

// Kinds are the peers there are.
var Kinds = []string{"echo", "sink", "source", "close", "reset"}

// Options are a peer's OPTION=VALUE words.
type Options struct {
	UDP   bool
	Rate  int   // sink: bytes read a second (0: as fast as they come)
	Bytes int64 // source: bytes to send (-1: without end)
}

// Limits that keep a peer's memory bounded.
const (
	chunk     = 64 << 10 // one read or write
	maxConns  = 64       // connections a peer serves at once
	echoQueue = 256 << 10
)

// Peer is one running peer.
type Peer struct {
	Kind  string
	Opt   Options
	Local unix.Sockaddr // the address it listens on, port 0 resolved
	stop  int           // eventfd: readable when the peer must stop
	done  chan struct{}
	// working: the goroutine is handling something rather than waiting
	// in poll; watch: what it waits for, for Busy to look at.
	working atomic.Bool
	watch   atomic.Pointer[[]unix.PollFd]
	// Counts for ls.
	conns, in, out atomic.Int64
	mu             sync.Mutex
	lastErr        string
}

// Start opens the peer's socket on sa (family is sa's) and starts it.
func Start(kind string, family int, sa unix.Sockaddr, opt Options) (*Peer, error) {
	if opt.UDP && (kind == "close" || kind == "reset") {
		return nil, fmt.Errorf("%w: %s", ErrUsage, msgNoUDP.S(msg.A("kind", kind)))
	}
	typ := unix.SOCK_STREAM
	if opt.UDP {
		typ = unix.SOCK_DGRAM
	}
	fd, err := unix.Socket(family, typ|unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return nil, err
	}
	fd = rawfile.MoveHigh(fd)
	fail := func(err error) (*Peer, error) { unix.Close(fd); return nil, err }
	unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_REUSEADDR, 1)
	if kind == "sink" && opt.Rate > 0 {
		// A small receive buffer, so that the window closes soon and a
		// sender can be seen waiting (set before listen: accepted
		// sockets inherit it).
		unix.SetsockoptInt(fd, unix.SOL_SOCKET, unix.SO_RCVBUF, max(opt.Rate, 4096))
	}
	if err := unix.Bind(fd, sa); err != nil {
		return fail(err)
	}
	if !opt.UDP {
		if err := unix.Listen(fd, 128); err != nil {
			return fail(err)
		}
	}
	local, err := unix.Getsockname(fd)
	if err != nil {
		return fail(err)
	}
	stop, err := unix.Eventfd(0, unix.EFD_CLOEXEC|unix.EFD_NONBLOCK)
	if err != nil {
		return fail(err)
	}
	p := &Peer{Kind: kind, Opt: opt, Local: local, stop: rawfile.MoveHigh(stop), done: make(chan struct{})}
	p.working.Store(true)
	if opt.UDP {
		go p.runUDP(fd)
	} else {
		go p.runTCP(fd)
	}
	return p, nil
}

// ErrUsage marks a peer that cannot be made as asked.
var ErrUsage = errors.New("peer")

// Stop ends the peer: its goroutine closes every socket it holds, and
// Stop returns once it has.
func (p *Peer) Stop() {
	select {
	case <-p.done:
		return
	default:
	}
	one := [8]byte{1}
	unix.Write(p.stop, one[:])
	select {
	case <-p.done:
	case <-time.After(2 * time.Second): // a goroutine stuck in a call: leave it
	}
}

// Stopped reports whether the peer has stopped.
func (p *Peer) Stopped() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Busy reports whether the peer is doing something, or has something to
// do that it has not yet woken up for: what it does next may still cross
// the wire in answer to the command that just ran.
func (p *Peer) Busy() bool {
	if p.Stopped() {
		return false
	}
	if p.working.Load() {
		return true
	}
	w := p.watch.Load()
	if w == nil {
		return false
	}
	fds := append([]unix.PollFd(nil), (*w)...)
	n, err := unix.Poll(fds, 0)
	return err == nil && n > 0
}

// Status says what the peer has done, for ls.
func (p *Peer) Status() string {
	s := msgStatusTCP.S(msg.A("conns", p.conns.Load()), msg.A("in", p.in.Load()), msg.A("out", p.out.Load()))
	if p.Opt.UDP {
		s = msgStatusUDP.S(msg.A("in", p.in.Load()), msg.A("out", p.out.Load()))
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.lastErr != "" {
		s += msgLastError.S(msg.A("err", p.lastErr))
	}
	if p.Stopped() {
		s = msgStopped.S(msg.A("status", s))
	}
	return s
}

func (p *Peer) note(err error) {
	if err == nil || err == unix.EAGAIN {
		return
	}
	p.mu.Lock()
	if e, ok := err.(unix.Errno); ok {
		p.lastErr = unix.ErrnoName(e)
	} else {
		p.lastErr = err.Error()
	}
	p.mu.Unlock()
}

// survive keeps a bug in a peer from ending the shell: the peer stops,
// and ls says why.
func (p *Peer) survive() {
	if r := recover(); r != nil {
		p.note(errors.New(msgInternalError.S(msg.A("panic", fmt.Sprint(r)))))
	}
}

// conn is one connection a TCP peer serves.
type conn struct {
	fd      int
	pending []byte // echo: read, not yet sent back
	sent    int64  // source: bytes sent
	eof     bool   // the other end sent FIN
	done    bool   // source: all sent, FIN sent
}

// bucket is a sink's allowance: rate bytes a second.
type bucket struct {
	rate   int
	tokens float64
	last   time.Time
}

// sinkBucket is the allowance of a sink with a rate; nil: no limit.
func (p *Peer) sinkBucket() *bucket {
	if p.Kind == "sink" && p.Opt.Rate > 0 {
		return &bucket{rate: p.Opt.Rate, last: time.Now()}
	}
	return nil
}

func (b *bucket) take(now time.Time) int {
	b.tokens = min(b.tokens+now.Sub(b.last).Seconds()*float64(b.rate), float64(max(b.rate/10, 1)))
	b.last = now
	return int(b.tokens)
}

// until is how long until there is something to take.
func (b *bucket) until() time.Duration {
	need := 1 - b.tokens
	if need <= 0 {
		return 0
	}
	return time.Duration(need / float64(b.rate) * float64(time.Second))
}

var filler = func() []byte {
	b := make([]byte, chunk)
	for i := range b {
		b[i] = 'x'
	}
	return b
}()

func (p *Peer) runTCP(lfd int) {
	defer close(p.done)
	defer p.survive()
	var conns []*conn
	defer func() {
		for _, c := range conns {
			unix.Close(c.fd)
		}
		unix.Close(lfd)
		unix.Close(p.stop)
	}()
	buf := make([]byte, chunk)
	bk := p.sinkBucket()
	for {
		// What to wait for: the stop eventfd, new connections, and each
		// connection's input or room to send.
		fds := []unix.PollFd{{Fd: int32(p.stop), Events: unix.POLLIN}, {Fd: int32(lfd), Events: unix.POLLIN}}
		if len(conns) >= maxConns {
			fds[1].Events = 0
		}
		timeout := -1
		allowance := 0
		if bk != nil {
			allowance = bk.take(time.Now())
			if allowance == 0 {
				timeout = int(bk.until()/time.Millisecond) + 1
			}
		}
		for _, c := range conns {
			var ev int16
			if !c.eof && len(c.pending) < echoQueue && (bk == nil || allowance > 0) {
				ev |= unix.POLLIN
			}
			if len(c.pending) > 0 || (p.Kind == "source" && !c.done) {
				ev |= unix.POLLOUT
			}
			fds = append(fds, unix.PollFd{Fd: int32(c.fd), Events: ev})
		}
		if !p.wait(fds, timeout) {
			return
		}
		kept := conns[:0]
		for i, c := range conns {
			if p.serve(c, fds[2+i].Revents, buf, bk) {
				kept = append(kept, c)
			} else {
				unix.Close(c.fd)
			}
		}
		conns = kept
		if fds[1].Revents&unix.POLLIN != 0 {
			if c := p.accept(lfd); c != nil {
				conns = append(conns, c)
			}
		}
	}
}

// wait polls fds, the stop eventfd first, until one is ready or timeout
// (ms, -1: none) passes, letting Busy see what it waits for. False: the
// peer must stop (told to, or poll failed).
func (p *Peer) wait(fds []unix.PollFd, timeout int) bool {
	watch := append([]unix.PollFd(nil), fds[1:]...)
	p.watch.Store(&watch)
	p.working.Store(false)
	_, err := unix.Poll(fds, timeout)
	p.working.Store(true)
	if err != nil && err != unix.EINTR {
		p.note(err)
		return false
	}
	return fds[0].Revents == 0
}

// accept takes one connection; close and reset peers end it at once.
func (p *Peer) accept(lfd int) *conn {
	fd, _, err := unix.Accept4(lfd, unix.SOCK_NONBLOCK|unix.SOCK_CLOEXEC)
	if err != nil {
		p.note(err)
		return nil
	}
	fd = rawfile.MoveHigh(fd)
	p.conns.Add(1)
	switch p.Kind {
	case "close":
		unix.Close(fd) // FIN
		return nil
	case "reset":
		unix.SetsockoptLinger(fd, unix.SOL_SOCKET, unix.SO_LINGER, &unix.Linger{Onoff: 1, Linger: 0})
		unix.Close(fd) // RST
		return nil
	}
	return &conn{fd: fd}
}

// serve does what the peer does with one connection; false: it is over.
func (p *Peer) serve(c *conn, rev int16, buf []byte, bk *bucket) bool {
	if rev&(unix.POLLIN|unix.POLLHUP|unix.POLLERR) != 0 && !c.eof {
		want := len(buf)
		if bk != nil {
			want = min(want, max(bk.take(time.Now()), 1))
		}
		n, err := unix.Read(c.fd, buf[:want])
		switch {
		case err == unix.EAGAIN:
		case err != nil:
			p.note(err)
			return false
		case n == 0:
			c.eof = true
		default:
			p.in.Add(int64(n))
			if bk != nil {
				bk.tokens -= float64(n)
			}
			if p.Kind == "echo" {
				c.pending = append(c.pending, buf[:n]...)
			}
		}
	}
	if rev&unix.POLLOUT != 0 || len(c.pending) > 0 {
		if len(c.pending) > 0 {
			n, err := unix.SendmsgN(c.fd, c.pending, nil, nil, unix.MSG_NOSIGNAL)
			if err != nil && err != unix.EAGAIN {
				p.note(err)
				return false
			}
			p.out.Add(int64(n))
			c.pending = append(c.pending[:0], c.pending[n:]...)
		}
		if p.Kind == "source" && !c.done {
			out := filler
			if p.Opt.Bytes >= 0 {
				out = out[:min(int64(len(out)), p.Opt.Bytes-c.sent)]
			}
			if len(out) > 0 {
				n, err := unix.SendmsgN(c.fd, out, nil, nil, unix.MSG_NOSIGNAL)
				if err != nil && err != unix.EAGAIN {
					p.note(err)
					return false
				}
				c.sent += int64(n)
				p.out.Add(int64(n))
			}
			if p.Opt.Bytes >= 0 && c.sent >= p.Opt.Bytes {
				// All sent: FIN, then read until the other end closes.
				unix.Shutdown(c.fd, unix.SHUT_WR)
				c.done = true
			}
		}
	}
	if c.eof && len(c.pending) == 0 {
		// The other end finished sending: the echo and the sink close too.
		return false
	}
	return true
}

func (p *Peer) runUDP(fd int) {
	defer close(p.done)
	defer p.survive()
	defer func() { unix.Close(fd); unix.Close(p.stop) }()
	buf := make([]byte, chunk)
	bk := p.sinkBucket()
	var to unix.Sockaddr // source: whoever sent the first datagram
	var sent int64
	for {
		fds := []unix.PollFd{{Fd: int32(p.stop), Events: unix.POLLIN}, {Fd: int32(fd), Events: unix.POLLIN}}
		timeout := -1
		if bk != nil && bk.take(time.Now()) == 0 {
			fds[1].Events = 0
			timeout = int(bk.until()/time.Millisecond) + 1
		}
		sending := p.Kind == "source" && to != nil && (p.Opt.Bytes < 0 || sent < p.Opt.Bytes)
		if sending {
			fds[1].Events |= unix.POLLOUT
		}
		if !p.wait(fds, timeout) {
			return
		}
		if fds[1].Revents&unix.POLLIN != 0 {
			n, from, err := unix.Recvfrom(fd, buf, 0)
			if err != nil {
				p.note(err)
				continue
			}
			p.in.Add(int64(n))
			if bk != nil {
				bk.tokens -= float64(n)
			}
			switch p.Kind {
			case "echo":
				if err := unix.Sendto(fd, buf[:n], 0, from); err != nil {
					p.note(err)
				} else {
					p.out.Add(int64(n))
				}
			case "source":
				if to == nil {
					to = from
				}
			}
		}
		if sending && fds[1].Revents&unix.POLLOUT != 0 {
			// Datagrams of 1 KiB: one is one line of a ladder.
			n := int64(1024)
			if p.Opt.Bytes >= 0 {
				n = min(n, p.Opt.Bytes-sent)
			}
			if err := unix.Sendto(fd, filler[:n], 0, to); err != nil {
				p.note(err)
				if err != unix.EAGAIN {
					to = nil // the other end is gone (ECONNREFUSED)
				}
			} else {
				sent += n
				p.out.Add(n)
			}
		}
	}
}
