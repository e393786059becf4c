package wire

import (
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
)

// Layout of a ladder line at 80 columns:
//
//	cli ───SYN────────────▶ srv   seq=0 win=65495 len=0
//	cli ◀──SYN-ACK────────── srv   seq=0 ack=1 win=65483 len=0
const (
	width      = 80
	arrowBody  = 15 // the arrow's length between its ends, the flags inside
	labelMax   = 12
	shownFirst = 18 // a long ladder shows its first and last packets
	shownLast  = 4
)

// Lines writes the report as the ladder's lines, in the shell's styles.
func (r *Report) Lines() [][]render.Part {
	if len(r.Packets) == 0 && len(r.Changes) == 0 && r.Dropped == 0 {
		return nil
	}
	v := r.view
	type end struct{ label, addr string }
	rows := make([][2]end, len(r.Packets))
	wl, wr := 0, 0
	var header []string
	named := map[string]bool{}
	for i := range r.Packets {
		p := &r.Packets[i]
		left, right := p.conn.key.a, p.conn.key.b
		proto := p.conn.key.proto
		for j, ep := range [2]netip.AddrPort{left, right} {
			other := right
			if j == 1 {
				other = left
			}
			l := v.label(proto, ep, other)
			a := formatAddr(ep)
			if l == "" {
				l = a
			} else if k := l + " " + a; !named[k] && !v.announced[k] {
				named[k] = true
				header = append(header, k)
			}
			l = cut(l, labelMax)
			rows[i][j] = end{l, a}
		}
		wl = max(wl, render.Width(rows[i][0].label))
		wr = max(wr, render.Width(rows[i][1].label))
	}
	var out [][]render.Part
	if len(v.announced) > 4096 {
		clear(v.announced)
	}
	for k := range named {
		v.announced[k] = true
	}
	if len(header) > 0 {
		out = append(out, []render.Part{render.P(render.Note, "  wire: "+strings.Join(header, ", "))})
	}
	idle := len(r.Packets) > 0 && r.Packets[0].Idle
	if idle {
		out = append(out, []render.Part{render.P(render.Note, "  "+msgBetween.S())})
	}
	for i := range r.Packets {
		p := &r.Packets[i]
		if idle && !p.Idle {
			idle = false
			out = append(out, []render.Part{render.P(render.Note, "  "+msgDuring.S())})
		}
		if len(r.Packets) > shownFirst+shownLast+1 && i >= shownFirst && i < len(r.Packets)-shownLast {
			if i == shownFirst {
				out = append(out, []render.Part{render.P(render.Note, "  "+msgMorePackets.S(msg.A("n", len(r.Packets)-shownFirst-shownLast)))})
			}
			continue
		}
		out = append(out, r.line(p, render.Pad(rows[i][0].label, wl), render.Pad(rows[i][1].label, wr)))
	}
	if r.More > 0 {
		out = append(out, []render.Part{render.P(render.Note, "  "+msgNotKept.S(msg.A("n", r.More)))})
	}
	if r.Dropped > 0 {
		out = append(out, []render.Part{render.P(render.Note, "  "+msgDropped.S(msg.A("n", r.Dropped)))})
	}
	for _, c := range r.Changes {
		parts := []render.Part{render.P(render.Plain, "  "), render.P(render.Handle, c.Label), render.P(render.Plain, " ")}
		if c.From != "" {
			parts = append(parts, render.P(render.Value, c.From), render.P(render.Plain, " → "))
		}
		out = append(out, append(parts, render.P(render.Value, c.To)))
	}
	return out
}

// line is one packet: the arrow between the two endpoints, then numbers.
func (r *Report) line(p *Packet, left, right string) []render.Part {
	name, style := kindName(p), render.Value
	if p.Flags&flagRST != 0 || p.Inner != nil {
		style = render.Error
	}
	var arrow string
	if p.fromA {
		arrow = "───" + name + strings.Repeat("─", max(arrowBody-render.Width(name)-3, 1)) + "▶"
	} else {
		arrow = "◀──" + name + strings.Repeat("─", max(arrowBody-render.Width(name)-2, 1))
	}
	var b strings.Builder
	switch p.Proto {
	case unix.IPPROTO_TCP:
		b.WriteString("seq=" + strconv.FormatUint(uint64(p.RelSeq), 10))
		if p.Flags&flagACK != 0 {
			b.WriteString(" ack=" + strconv.FormatUint(uint64(p.RelAck), 10))
		}
		b.WriteString(" win=" + strconv.Itoa(p.Window) + " len=" + strconv.Itoa(p.PayLen))
	case unix.IPPROTO_UDP:
		b.WriteString("len=" + strconv.Itoa(p.PayLen))
	default:
		b.WriteString(icmpText(p))
	}
	head := "  " + left + " " + arrow + " " + right + "   "
	parts := []render.Part{render.P(render.Plain, "  "), render.P(render.Handle, left), render.P(render.Plain, " "),
		render.P(style, arrow), render.P(render.Plain, " "), render.P(render.Handle, right), render.P(render.Plain, "   "),
		render.P(render.Note, b.String())}
	if p.PayLen > 0 && p.Inner == nil {
		room := width - render.Width(head) - render.Width(b.String()) - 2
		if pv := preview(p.Payload, p.PayLen, room); pv != "" {
			parts = append(parts, render.P(render.Plain, "  "), render.P(render.Value, pv))
		}
	}
	return parts
}

// kindName is what the arrow carries: the TCP flags by name, UDP, ICMP.
func kindName(p *Packet) string {
	switch p.Proto {
	case unix.IPPROTO_UDP:
		return "UDP"
	case unix.IPPROTO_ICMP, unix.IPPROTO_ICMPV6:
		return "ICMP"
	}
	var names []string
	for _, f := range flagNames {
		if p.Flags&f.bit != 0 {
			names = append(names, f.name)
		}
	}
	if len(names) == 0 {
		return msgNoFlags.S()
	}
	return strings.Join(names, "-")
}

// icmpText names an ICMP message.
func icmpText(p *Packet) string {
	var t string
	switch [3]int{p.Proto, int(p.ICMPType), int(p.ICMPCode)} {
	case [3]int{unix.IPPROTO_ICMP, 3, 3}, [3]int{unix.IPPROTO_ICMPV6, 1, 4}:
		t = msgPortUnreachable.S()
	default:
		t = "type=" + strconv.Itoa(int(p.ICMPType)) + " code=" + strconv.Itoa(int(p.ICMPCode))
	}
	if p.Inner != nil && p.Inner.Proto == unix.IPPROTO_UDP {
		t = msgForDatagram.S(msg.A("what", t), msg.A("addr", formatAddr(p.Inner.Dst)))
	}
	return t
}

// preview is the start of a payload as a Python bytes literal that fits
// in room columns ("" when nothing useful fits); "..." says there is more.
func preview(b []byte, total, room int) string {
	if room < 8 {
		return ""
	}
	n := len(b)
	for n > 0 {
		s := pyrepr.Bytes(b[:n])
		if n < total {
			s += "..."
		}
		if len(s) <= room {
			return s
		}
		n = min(n-1, room)
	}
	return ""
}

// cut shortens s to w columns, its end replaced by "…".
func cut(s string, w int) string {
	if render.Width(s) <= w {
		return s
	}
	n := 0
	for i, r := range s {
		if n += render.RuneWidth(r); n > w-1 {
			return s[:i] + "…"
		}
	}
	return s
}

// label is what the ladder calls an endpoint: the handle or peer whose
// socket it is (a connected socket before a listener on the same port),
// or "" when it is no socket of the session's.
func (v *View) label(proto int, ep, other netip.AddrPort) string {
	best, score := "", 0
	for _, r := range v.ports[portKey{proto, ep.Port()}] {
		if !r.matches(ep) {
			continue
		}
		s := 1
		switch {
		case r.peer == other && r.FD >= 0:
			s = 4
		case r.peer == other:
			s = 3
		case !r.peer.IsValid():
			s = 2
		}
		if s > score {
			best, score = r.Label, s
		}
	}
	return best
}
