package wire

import (
	"fmt"
	"strings"
	"time"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
)

// Hint is what the wire saw that explains a failure of the command on
// the socket with handle number id; "" when it saw nothing that does.
func (r *Report) Hint(e unix.Errno, timedOut bool, id int) string {
	v := r.view
	switch {
	case e == unix.ECONNREFUSED:
		for i := range r.Packets {
			p := &r.Packets[i]
			if p.Proto == unix.IPPROTO_TCP && p.Flags&flagRST != 0 && !p.fromA {
				return msgRefusedTCP.S(msg.A("addr", formatAddr(p.Src)))
			}
			if p.Inner != nil && p.Inner.Proto == unix.IPPROTO_UDP {
				return msgRefusedUDP.S(msg.A("addr", formatAddr(p.Inner.Dst)))
			}
		}
	case e == unix.ETIMEDOUT || timedOut:
		var syns []time.Time
		answered := false
		for i := range r.Packets {
			p := &r.Packets[i]
			if p.Proto == unix.IPPROTO_TCP && p.Flags&flagSYN != 0 {
				if p.Flags&flagACK == 0 {
					syns = append(syns, p.Time)
				} else {
					answered = true
				}
			}
		}
		if answered || len(syns) == 0 {
			return ""
		}
		if len(syns) == 1 {
			return msgSynUnanswered.S()
		}
		var at []string
		for _, t := range syns {
			at = append(at, fmt.Sprintf("+%.1fs", t.Sub(syns[0]).Seconds()))
		}
		return msgSynsUnanswered.S(msg.A("n", len(syns)), msg.A("times", strings.Join(at, ", ")))
	case e == unix.ECONNRESET || e == unix.EPIPE:
		rec, c := v.connOfSocket(id)
		if c == nil {
			return ""
		}
		mine, theirs := c.halves(rec.local)
		who := v.label(c.key.proto, rec.peer, rec.local)
		if who == "" {
			who = msgThePeer.S(msg.A("addr", formatAddr(rec.peer)))
		}
		switch {
		case theirs.rst != "":
			if theirs.fin != "" {
				return msgFinThenReset.S(msg.A("who", who), msg.A("cmd", theirs.fin))
			}
			return msgResetBy.S(msg.A("who", who), msg.A("cmd", theirs.rst))
		case mine.fin != "" && e == unix.EPIPE:
			return msgOwnFin.S(msg.A("cmd", mine.fin))
		}
	}
	return ""
}

// EOF explains a receive that returned b” on the socket with handle
// number id: the FIN that ended the stream, and when it came.
func (r *Report) EOF(id int) string {
	rec, c := r.view.connOfSocket(id)
	if c == nil {
		return ""
	}
	_, theirs := c.halves(rec.local)
	if theirs.fin == "" {
		return ""
	}
	who := r.view.label(c.key.proto, rec.peer, rec.local)
	if who == "" {
		who = formatAddr(rec.peer)
	}
	return msgEOF.S(msg.A("who", who), msg.A("cmd", theirs.fin))
}

// connOfSocket is the TCP conversation of a handle's socket.
func (v *View) connOfSocket(id int) (*record, *conn) {
	rec := v.socks[id]
	if rec == nil || !rec.local.IsValid() {
		return nil, nil
	}
	if rec.peer.IsValid() {
		if c := v.connOf(rec.Proto, rec.local, rec.peer); c != nil {
			return rec, c
		}
	}
	// A connection reset before the shell could ask for its peer: the
	// conversation with this local address that was seen last.
	var found *conn
	for _, c := range v.conns {
		if c.key.proto == rec.Proto && (c.key.a == rec.local || c.key.b == rec.local) && (found == nil || c.seen > found.seen) {
			found = c
		}
	}
	if found == nil {
		return nil, nil
	}
	r := *rec
	r.peer = found.key.a
	if found.key.a == rec.local {
		r.peer = found.key.b
	}
	return &r, found
}
