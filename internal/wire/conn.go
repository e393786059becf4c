package wire

import (
	"net/netip"

	"golang.org/x/sys/unix"
)

// connKey names a conversation whichever way a packet goes: a is the
// endpoint drawn on the left (the first one seen sending).
type connKey struct {
	proto int
	a, b  netip.AddrPort
}

// half is what one direction of a TCP connection has shown.
type half struct {
	base  uint32 // the initial sequence number, or its guess
	known bool
	scale int // window scale offered in its SYN, -1: none seen
	fin   string
	rst   string // the command during which it sent FIN, RST
}

// conn is the view's memory of one conversation.
type conn struct {
	key  connKey
	seen uint64 // when its last packet came, counted in packets
	a, b half   // from a, from b
}

// follow files a packet under its conversation and works out what the
// ladder shows of it.
func (v *View) follow(p *Packet) {
	src, dst, proto := p.Src, p.Dst, p.Proto
	if p.Inner != nil { // an ICMP error goes back along what it quotes
		src, dst, proto = p.Inner.Dst, p.Inner.Src, p.Inner.Proto
	}
	c, fromA := v.conns[connKey{proto, src, dst}], true
	if c == nil {
		if c = v.conns[connKey{proto, dst, src}]; c != nil {
			fromA = false
		}
	}
	if c == nil {
		k := connKey{proto, src, dst}
		c = &conn{key: k, a: half{scale: -1}, b: half{scale: -1}}
		v.conns[k] = c
	}
	p.conn, p.fromA = c, fromA
	v.packets++
	c.seen = v.packets
	if p.Proto != unix.IPPROTO_TCP {
		return
	}
	me, other := &c.a, &c.b
	if !fromA {
		me, other = &c.b, &c.a
	}
	switch {
	case p.Flags&flagSYN != 0:
		me.base, me.known, me.scale = p.Seq, true, p.WScale
	case !me.known:
		// The connection started before the view was on: count from
		// here, as Wireshark does.
		me.base, me.known = p.Seq-1, true
		if p.Flags&flagRST != 0 {
			me.base = p.Seq
		}
	}
	p.RelSeq = p.Seq - me.base
	if p.Flags&flagACK != 0 {
		if !other.known {
			other.base, other.known = p.Ack-1, true
		}
		p.RelAck = p.Ack - other.base
	}
	p.Window = int(p.Win)
	if p.Flags&flagSYN == 0 && me.scale >= 0 && other.scale >= 0 {
		p.Window <<= me.scale
	}
	if p.Flags&flagFIN != 0 {
		me.fin = p.Cmd
	}
	if p.Flags&flagRST != 0 {
		me.rst = p.Cmd
	}
}

// sent returns the half of conversation c that endpoint ep sends, and
// the other.
func (c *conn) halves(ep netip.AddrPort) (mine, theirs *half) {
	if c.key.a == ep {
		return &c.a, &c.b
	}
	return &c.b, &c.a
}

// connOf finds the conversation between two endpoints.
func (v *View) connOf(proto int, x, y netip.AddrPort) *conn {
	if c := v.conns[connKey{proto, x, y}]; c != nil {
		return c
	}
	return v.conns[connKey{proto, y, x}]
}
