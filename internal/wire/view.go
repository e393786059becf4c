// Package wire shows what crossed the wire under each call: it captures
// the loopback interface with an AF_PACKET ring, keeps the packets of the
// session's own sockets (and its peers'), attributes them to the command
// during which they crossed, and writes them as a ladder between the two
// endpoints, followed by each TCP endpoint's change of state.
package wire

import (
	"errors"
	"net/netip"
	"time"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/msg"
	"sockrepl/internal/sockdiag"
)

// Limits that keep the view's memory bounded whatever a session does.
const (
	maxCallPackets = 4096  // kept for one command's ladder and hints
	maxSaved       = 16384 // kept for `save FILE.pcapng`, the latest ones
	maxClosed      = 256   // closed sockets remembered for their last packets
	closedFor      = 90 * time.Second
	maxConns       = 8192
	// After a call, the shell waits for what its peers still do in answer
	// (an echo sending back), in steps of quietStep, for at most quietMax.
	quietStep = time.Millisecond
	quietMax  = 50 * time.Millisecond
)

// Socket is what the view needs to know of one of the session's sockets,
// or of a peer.
type Socket struct {
	ID    int    // keys the view's memory of it: a handle's number
	Label string // a name, or #3
	FD    int    // -1 once closed; the view asks the kernel through it
	Proto int    // unix.IPPROTO_TCP or IPPROTO_UDP
	// Fixed is a peer's address: the view does not ask the kernel, the
	// peer's own goroutine owns its descriptors.
	Fixed netip.AddrPort
}

// record is the view's memory of one socket.
type record struct {
	Socket
	local, peer netip.AddrPort
	state       string // TCP state as last seen
	final       bool   // a connected TCP socket: its addresses cannot change
	closedAt    time.Time
}

type portKey struct {
	proto int
	port  uint16
}

// View is the wire view of one session.
type View struct {
	cap   *capture
	dec   *decoder
	diag  *sockdiag.Lookup
	wake  int // the shell's Ctrl-C eventfd: a wait for packets ends with it
	socks map[int]*record
	ports map[portKey][]*record // the records with a local port, by port
	// closed is the order in which records closed, oldest first: they are
	// forgotten after closedFor, or when there are too many.
	closed  []*record
	conns   map[connKey]*conn
	packets uint64 // packets followed so far
	// The command running, the one before, and the packets seen for it.
	cmd, prev string
	call      []Packet
	dropped   uint64
	pending   []raw // frames drained before the sockets were looked at
	saved     []Packet
	savedNext int // saved is a ring once full: the oldest is here
	lost      uint64
	// announced: the endpoints the ladder has named with their addresses.
	announced map[string]bool
	// Busy reports whether something of the session's own (a peer) may
	// still answer what a call did; the view then waits a little for it.
	Busy func() bool
}

// ErrNoCapture wraps why the wire view cannot be turned on.
var ErrNoCapture = errNoCapture

// Refusal says why the wire view cannot be on, and what would help.
func Refusal(err error) error {
	if errors.Is(err, unix.EPERM) || errors.Is(err, unix.EACCES) {
		return errors.New(msgNeedRaw.S())
	}
	return errors.New(msgCannotCapture.S(msg.A("err", err.Error())))
}

// Open starts capturing on the loopback interface. wake is an eventfd
// that Ctrl-C makes readable (-1: none).
func Open(wake int) (*View, error) {
	c, err := openCapture("lo")
	if err != nil {
		return nil, err
	}
	return &View{cap: c, dec: newDecoder(), diag: sockdiag.NewLookup(), wake: wake,
		socks: map[int]*record{}, announced: map[string]bool{}, ports: map[portKey][]*record{}, conns: map[connKey]*conn{}}, nil
}

// Close stops capturing. The packets saved so far stay readable.
func (v *View) Close() {
	v.cap.close()
	v.diag.Close()
}

// Report is what one command's ladder shows.
type Report struct {
	Packets []Packet // those that crossed between commands first (Idle)
	More    int      // packets seen beyond what was kept
	Changes []Change
	Dropped uint64 // packets the ring had no room for
	view    *View
}

// Change is one TCP endpoint's change of state.
type Change struct{ Label, From, To string }

// Begin marks the start of a command: what crossed since the last one is
// kept as crossed between commands.
func (v *View) Begin(cmd string) {
	v.prev, v.cmd = v.cmd, cmd
	v.call = v.call[:0]
	v.cap.drain(func(r raw) { v.keep(r, true) })
}

// End ends the command: it waits for what its peers still answer, looks
// at the sockets the command used (touched) and at those the packets
// name, and returns the ladder's content.
func (v *View) End(touched []Socket) *Report {
	v.pending = v.pending[:0]
	collect := func(r raw) {
		if len(v.pending) < maxCallPackets {
			v.pending = append(v.pending, r)
		} else {
			v.dropped++
		}
	}
	v.cap.drain(collect)
	if v.Busy != nil {
		deadline := time.Now().Add(quietMax)
		for v.Busy() && time.Now().Before(deadline) {
			if v.cap.wait(quietStep, v.wake) {
				v.cap.drain(collect)
			}
		}
		v.cap.drain(collect)
	}
	for _, s := range touched {
		v.track(s)
	}
	for _, r := range v.pending {
		v.keep(r, false)
	}
	rep := &Report{view: v, Dropped: v.cap.dropped() + v.dropped}
	v.dropped = 0
	rep.Packets = v.call
	// The endpoints the packets name may have changed state too (the
	// other end of a connection, a closed socket entering TIME_WAIT).
	seen := map[*record]bool{}
	for _, s := range touched {
		if r := v.socks[s.ID]; r != nil && !seen[r] {
			seen[r] = true
			v.restate(r, rep)
		}
	}
	for i := range rep.Packets {
		p := &rep.Packets[i]
		for j, ep := range [2]netip.AddrPort{p.Src, p.Dst} {
			other := p.Dst
			if j == 1 {
				other = p.Src
			}
			for _, r := range v.ports[portKey{p.Proto, ep.Port()}] {
				// A connected socket only for its own connection: a
				// listener's port is every accepted socket's too.
				if !seen[r] && r.matches(ep) && (!r.peer.IsValid() || r.peer == other) {
					seen[r] = true
					v.restate(r, rep)
				}
			}
		}
	}
	v.forget()
	return rep
}

// Track makes the view remember a socket (all of them when the view is
// turned on; new ones as commands make them).
func (v *View) Track(s Socket) { v.track(s) }

func (v *View) track(s Socket) {
	if s.Proto != unix.IPPROTO_TCP && s.Proto != unix.IPPROTO_UDP {
		return
	}
	r := v.socks[s.ID]
	if r == nil {
		r = &record{state: "?"}
		v.socks[s.ID] = r
	}
	r.Socket = s
	switch {
	case s.Fixed.IsValid():
		v.setLocal(r, s.Fixed)
	case s.FD >= 0 && !r.final:
		if sa, err := unix.Getsockname(s.FD); err == nil {
			v.setLocal(r, addrPort(sa))
		}
		if sa, err := unix.Getpeername(s.FD); err == nil {
			r.peer = addrPort(sa)
			r.final = s.Proto == unix.IPPROTO_TCP
		}
	case s.FD < 0 && r.closedAt.IsZero():
		r.closedAt = time.Now()
		v.closed = append(v.closed, r)
	}
}

// restate looks at a TCP socket's state and notes a change.
func (v *View) restate(r *record, rep *Report) {
	if r.Proto != unix.IPPROTO_TCP || r.Fixed.IsValid() {
		return
	}
	var st string
	if r.FD >= 0 {
		st = tcpState(r.FD)
		// A socket whose connection went into TIME_WAIT reads CLOSE: the
		// kernel keeps the connection apart from it, found by addresses.
		if st == "CLOSE" && r.peer.IsValid() {
			if tw := v.diag.State(r.local, r.peer); tw == "TIME_WAIT" {
				st = tw
			}
		}
	} else {
		st = v.diag.State(r.local, r.peer)
	}
	if st == "" || st == r.state {
		return
	}
	from := r.state
	r.state = st
	if from == "?" && (st == "CLOSE" || st == "CLOSED") {
		return // a new socket that has done nothing yet
	}
	if from == "?" {
		from = ""
	}
	rep.Changes = append(rep.Changes, Change{Label: r.Label, From: from, To: st})
}

func (v *View) setLocal(r *record, ap netip.AddrPort) {
	if ap == r.local {
		return
	}
	if r.local.IsValid() {
		k := portKey{r.Proto, r.local.Port()}
		v.ports[k] = remove(v.ports[k], r)
		if len(v.ports[k]) == 0 {
			delete(v.ports, k)
		}
	}
	r.local = ap
	if ap.Port() != 0 {
		k := portKey{r.Proto, ap.Port()}
		v.ports[k] = append(v.ports[k], r)
	}
}

func remove(rs []*record, r *record) []*record {
	for i, x := range rs {
		if x == r {
			return append(rs[:i], rs[i+1:]...)
		}
	}
	return rs
}

// forget drops closed sockets after a while, and the oldest when there
// are too many: a later owner of the same port is not the session's.
func (v *View) forget() {
	now := time.Now()
	n := 0
	for n < len(v.closed) && (len(v.closed)-n > maxClosed || now.Sub(v.closed[n].closedAt) > closedFor) {
		r := v.closed[n]
		v.setLocal(r, netip.AddrPort{})
		delete(v.socks, r.ID)
		n++
	}
	if n > 0 {
		v.closed = append(v.closed[:0], v.closed[n:]...)
	}
	if len(v.conns) > maxConns {
		clear(v.conns)
	}
}

// matches reports whether ep is this socket's local endpoint: the same
// port, and the same address unless the socket is bound to any address.
func (r *record) matches(ep netip.AddrPort) bool {
	if r.local.Port() != ep.Port() {
		return false
	}
	a := r.local.Addr()
	return a.IsUnspecified() || a.Unmap() == ep.Addr().Unmap()
}

// ours reports whether an endpoint belongs to one of the session's
// sockets.
func (v *View) owner(proto int, ep netip.AddrPort) bool {
	for _, r := range v.ports[portKey{proto, ep.Port()}] {
		if r.matches(ep) {
			return true
		}
	}
	return false
}

// keep decodes a frame and keeps it if it is the session's.
func (v *View) keep(r raw, idle bool) {
	p, ok := v.dec.decode(r)
	if !ok {
		return
	}
	q := &p
	if p.Inner != nil {
		q = p.Inner // an ICMP error is ours when what it quotes is
	}
	if q.Proto != unix.IPPROTO_TCP && q.Proto != unix.IPPROTO_UDP {
		return
	}
	if !v.owner(q.Proto, q.Src) && !v.owner(q.Proto, q.Dst) {
		return
	}
	p.Idle = idle
	p.Cmd = v.cmd
	if idle {
		p.Cmd = msgBetweenAfter.S(msg.A("cmd", v.prev))
	}
	v.follow(&p)
	if len(v.call) < maxCallPackets {
		v.call = append(v.call, p)
	} else {
		v.dropped++
	}
	v.save(p)
}

// save keeps the packet for a saved capture, in a ring of the latest.
func (v *View) save(p Packet) {
	p.Payload, p.Inner = nil, nil
	if len(v.saved) < maxSaved {
		v.saved = append(v.saved, p)
		return
	}
	v.saved[v.savedNext] = p
	v.savedNext = (v.savedNext + 1) % maxSaved
	v.lost++
}

// Saved returns the packets kept for a saved capture, oldest first, and
// how many older ones were let go.
func (v *View) Saved() ([]Packet, uint64) {
	out := make([]Packet, 0, len(v.saved))
	out = append(out, v.saved[v.savedNext:]...)
	out = append(out, v.saved[:v.savedNext]...)
	return out, v.lost
}

// AddrPort is an inet or inet6 socket address as netip writes it.
func AddrPort(sa unix.Sockaddr) netip.AddrPort { return addrPort(sa) }

func addrPort(sa unix.Sockaddr) netip.AddrPort {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port))
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port))
	}
	return netip.AddrPort{}
}

// formatAddr writes an endpoint as the rest of the shell writes addresses.
func formatAddr(ap netip.AddrPort) string {
	a := ap.Addr()
	if a.Is4() || a.Is4In6() {
		return addr.Format(&unix.SockaddrInet4{Addr: a.Unmap().As4(), Port: int(ap.Port())})
	}
	return addr.Format(&unix.SockaddrInet6{Addr: a.As16(), Port: int(ap.Port())})
}
