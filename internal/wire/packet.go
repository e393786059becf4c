package wire

import (
	"encoding/binary"
	"net"
	"net/netip"
	"time"

	"github.com/gopacket/gopacket"
	"github.com/gopacket/gopacket/layers"
	"golang.org/x/sys/unix"
)

// TCP flag bits as they sit in the header's flags byte.
const (
	flagFIN = 1 << iota
	flagSYN
	flagRST
	flagPSH
	flagACK
	flagURG
	flagECE
	flagCWR
)

// flagNames in the order a ladder names them: SYN-ACK, PSH-ACK, FIN-ACK.
var flagNames = []struct {
	bit  uint8
	name string
}{{flagSYN, "SYN"}, {flagFIN, "FIN"}, {flagRST, "RST"}, {flagPSH, "PSH"}, {flagACK, "ACK"}, {flagURG, "URG"}, {flagECE, "ECE"}, {flagCWR, "CWR"}}

// Packet is one captured packet, decoded.
type Packet struct {
	Time     time.Time
	Data     []byte // the frame as captured, for a saved capture
	Len      int    // the frame's length on the wire
	Proto    int    // unix.IPPROTO_TCP, _UDP, _ICMP or _ICMPV6
	Src, Dst netip.AddrPort
	// TCP
	Flags  uint8
	Seq    uint32
	Ack    uint32
	Win    uint16
	WScale int // the window scale option of a SYN, -1 without one
	// Payload is what was captured of the data; PayLen its length on the
	// wire.
	Payload []byte
	PayLen  int
	// ICMP errors: type, code, and the packet they quote (addresses,
	// protocol and ports only).
	ICMPType, ICMPCode uint8
	Inner              *Packet
	// Cmd is the command during which the packet crossed; Idle: it
	// crossed between commands.
	Cmd  string
	Idle bool
	// What the ladder shows, worked out from the connection's earlier
	// packets: sequence and acknowledgement numbers counted from the
	// connection's start, the window in bytes, and which way it went.
	RelSeq, RelAck uint32
	Window         int
	conn           *conn
	fromA          bool // it went from conn.a to conn.b
}

// decoder decodes frames with gopacket's layers, without allocating a
// layer per packet.
type decoder struct {
	eth    layers.Ethernet
	ip4    layers.IPv4
	ip6    layers.IPv6
	tcp    layers.TCP
	udp    layers.UDP
	icmp4  layers.ICMPv4
	icmp6  layers.ICMPv6
	pay    gopacket.Payload
	parser *gopacket.DecodingLayerParser
	found  []gopacket.LayerType
	inner4 *gopacket.DecodingLayerParser // an ICMP error's quoted packet
	inner6 *gopacket.DecodingLayerParser
}

func newDecoder() *decoder {
	d := &decoder{}
	d.parser = gopacket.NewDecodingLayerParser(layers.LayerTypeEthernet, &d.eth, &d.ip4, &d.ip6, &d.tcp, &d.udp, &d.icmp4, &d.icmp6, &d.pay)
	d.parser.IgnoreUnsupported = true
	d.inner4 = gopacket.NewDecodingLayerParser(layers.LayerTypeIPv4, &d.ip4)
	d.inner6 = gopacket.NewDecodingLayerParser(layers.LayerTypeIPv6, &d.ip6)
	d.inner4.IgnoreUnsupported, d.inner6.IgnoreUnsupported = true, true
	return d
}

// decode turns a captured frame into a Packet; ok is false for a frame
// that is not IP carrying TCP, UDP or ICMP.
func (d *decoder) decode(r raw) (p Packet, ok bool) {
	// A frame cut short by the ring still decodes as far as it goes: the
	// error says it was truncated, and the layers found so far are kept.
	_ = d.parser.DecodeLayers(r.data, &d.found)
	p = Packet{Time: r.time, Data: r.data, Len: r.len, WScale: -1}
	var ipPayload int // bytes after the IP header, on the wire
	for _, t := range d.found {
		switch t {
		case layers.LayerTypeIPv4:
			p.Src = netip.AddrPortFrom(addr4(d.ip4.SrcIP), 0)
			p.Dst = netip.AddrPortFrom(addr4(d.ip4.DstIP), 0)
			ipPayload = int(d.ip4.Length) - int(d.ip4.IHL)*4
		case layers.LayerTypeIPv6:
			p.Src = netip.AddrPortFrom(addr16(d.ip6.SrcIP), 0)
			p.Dst = netip.AddrPortFrom(addr16(d.ip6.DstIP), 0)
			ipPayload = int(d.ip6.Length)
		case layers.LayerTypeTCP:
			p.Proto = unix.IPPROTO_TCP
			p.Src = netip.AddrPortFrom(p.Src.Addr(), uint16(d.tcp.SrcPort))
			p.Dst = netip.AddrPortFrom(p.Dst.Addr(), uint16(d.tcp.DstPort))
			p.Seq, p.Ack, p.Win = d.tcp.Seq, d.tcp.Ack, d.tcp.Window
			p.Flags = tcpFlags(&d.tcp)
			for _, o := range d.tcp.Options {
				if o.OptionType == layers.TCPOptionKindWindowScale && len(o.OptionData) == 1 {
					p.WScale = int(o.OptionData[0])
				}
			}
			p.Payload = d.tcp.Payload
			p.PayLen = max(ipPayload-int(d.tcp.DataOffset)*4, 0)
		case layers.LayerTypeUDP:
			p.Proto = unix.IPPROTO_UDP
			p.Src = netip.AddrPortFrom(p.Src.Addr(), uint16(d.udp.SrcPort))
			p.Dst = netip.AddrPortFrom(p.Dst.Addr(), uint16(d.udp.DstPort))
			p.Payload = d.udp.Payload
			p.PayLen = max(int(d.udp.Length)-8, 0)
		case layers.LayerTypeICMPv4:
			p.Proto = unix.IPPROTO_ICMP
			p.ICMPType, p.ICMPCode = d.icmp4.TypeCode.Type(), d.icmp4.TypeCode.Code()
			p.PayLen = max(ipPayload-8, 0)
			if isICMPError(p.Proto, p.ICMPType) {
				p.Inner = d.quoted(layers.LayerTypeIPv4, d.icmp4.Payload)
			}
		case layers.LayerTypeICMPv6:
			p.Proto = unix.IPPROTO_ICMPV6
			p.ICMPType, p.ICMPCode = d.icmp6.TypeCode.Type(), d.icmp6.TypeCode.Code()
			p.PayLen = max(ipPayload-4, 0)
			// ICMPv6 errors carry 4 unused bytes before the quoted packet.
			if isICMPError(p.Proto, p.ICMPType) && len(d.icmp6.Payload) > 4 {
				p.Inner = d.quoted(layers.LayerTypeIPv6, d.icmp6.Payload[4:])
			}
		}
	}
	p.Payload = p.Payload[:min(len(p.Payload), p.PayLen)]
	return p, p.Proto != 0 && p.Src.IsValid()
}

// quoted decodes the start of the packet an ICMP error quotes: its IP
// header and the first 8 bytes after it, which hold the two ports of TCP
// and UDP (too short for gopacket's TCP layer, which wants the whole
// header).
func (d *decoder) quoted(first gopacket.LayerType, b []byte) *Packet {
	var found []gopacket.LayerType
	parser := d.inner4
	if first == layers.LayerTypeIPv6 {
		parser = d.inner6
	}
	parser.DecodeLayers(b, &found)
	q := &Packet{WScale: -1}
	var rest []byte
	for _, t := range found {
		switch t {
		case layers.LayerTypeIPv4:
			q.Src, q.Dst = netip.AddrPortFrom(addr4(d.ip4.SrcIP), 0), netip.AddrPortFrom(addr4(d.ip4.DstIP), 0)
			q.Proto, rest = int(d.ip4.Protocol), d.ip4.Payload
		case layers.LayerTypeIPv6:
			q.Src, q.Dst = netip.AddrPortFrom(addr16(d.ip6.SrcIP), 0), netip.AddrPortFrom(addr16(d.ip6.DstIP), 0)
			q.Proto, rest = int(d.ip6.NextHeader), d.ip6.Payload
		}
	}
	if !q.Src.IsValid() {
		return nil
	}
	if (q.Proto == unix.IPPROTO_TCP || q.Proto == unix.IPPROTO_UDP) && len(rest) >= 4 {
		q.Src = netip.AddrPortFrom(q.Src.Addr(), binary.BigEndian.Uint16(rest[0:2]))
		q.Dst = netip.AddrPortFrom(q.Dst.Addr(), binary.BigEndian.Uint16(rest[2:4]))
	}
	return q
}

func isICMPError(proto int, typ uint8) bool {
	if proto == unix.IPPROTO_ICMP {
		return typ == layers.ICMPv4TypeDestinationUnreachable || typ == layers.ICMPv4TypeTimeExceeded || typ == layers.ICMPv4TypeParameterProblem
	}
	return typ < 128 // ICMPv6 error messages are types 0-127
}

func tcpFlags(t *layers.TCP) uint8 {
	var f uint8
	for _, x := range []struct {
		on  bool
		bit uint8
	}{{t.FIN, flagFIN}, {t.SYN, flagSYN}, {t.RST, flagRST}, {t.PSH, flagPSH}, {t.ACK, flagACK}, {t.URG, flagURG}, {t.ECE, flagECE}, {t.CWR, flagCWR}} {
		if x.on {
			f |= x.bit
		}
	}
	return f
}

// addr4 and addr16 turn gopacket's addresses (net.IP) into netip.Addr.
func addr4(ip net.IP) netip.Addr {
	a, _ := netip.AddrFromSlice(ip.To4())
	return a
}

func addr16(ip net.IP) netip.Addr {
	a, _ := netip.AddrFromSlice(ip.To16())
	return a
}
