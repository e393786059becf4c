package names

import (
	"errors"
	"sockrepl/internal/msg"
	"strconv"

	"fmt"
	"strings"

	"golang.org/x/sys/unix"
)

// Families are the address families (socket's first argument). The order
// puts the common ones first because error messages list the first few.
var Families = &Table{Kind: "family", Prefix: "AF_", Entries: []Entry{
	{Name: "AF_INET", Value: unix.AF_INET, Aliases: []string{"ipv4"}},
	{Name: "AF_INET6", Value: unix.AF_INET6, Aliases: []string{"ipv6"}},
	{Name: "AF_UNIX", Value: unix.AF_UNIX, Aliases: []string{"local"}},
	{Name: "AF_UNSPEC", Value: unix.AF_UNSPEC},
	{Name: "AF_PACKET", Value: unix.AF_PACKET},
	{Name: "AF_NETLINK", Value: unix.AF_NETLINK},
	{Name: "AF_CAN", Value: unix.AF_CAN},
	{Name: "AF_RDS", Value: unix.AF_RDS},
	{Name: "AF_VSOCK", Value: unix.AF_VSOCK},
}}

// Types are the socket types proper, the low bits of socket's second argument.
var Types = &Table{Kind: "socket type", Prefix: "SOCK_", Entries: []Entry{
	{Name: "SOCK_STREAM", Value: unix.SOCK_STREAM},
	{Name: "SOCK_DGRAM", Value: unix.SOCK_DGRAM},
	{Name: "SOCK_RAW", Value: unix.SOCK_RAW},
	{Name: "SOCK_SEQPACKET", Value: unix.SOCK_SEQPACKET},
	{Name: "SOCK_RDM", Value: unix.SOCK_RDM},
}}

// TypeFlags are the flags Linux lets you OR into the socket type.
var TypeFlags = &Table{Kind: "socket type flag", Prefix: "SOCK_", Entries: []Entry{
	{Name: "SOCK_NONBLOCK", Value: unix.SOCK_NONBLOCK},
	{Name: "SOCK_CLOEXEC", Value: unix.SOCK_CLOEXEC},
}}

// typeMask is Linux's SOCK_TYPE_MASK: the bits of the type argument that
// hold the type; the rest are flags.
const typeMask = 0xf

// typeWords is only used to phrase errors for ParseType, which accepts
// words from both Types and TypeFlags.
var typeWords = &Table{Kind: "socket type", Prefix: "SOCK_",
	Entries: append(append([]Entry{}, Types.Entries...), TypeFlags.Entries...)}

// ParseType parses a socket type as C spells it, "stream|nonblock|cloexec",
// returning the type and the flags separately. Numbers are split on the
// type mask, so "2049" is stream plus SOCK_NONBLOCK.
func ParseType(word string) (typ int, flags int, err error) {
	w := strings.TrimSpace(word)
	if w == "" {
		return 0, 0, typeWords.unknown("")
	}
	haveType := false
	setType := func(v int) error {
		if haveType {
			return errors.New(msgMoreThanOneType.S(msg.A("word", strconv.Quote(w))))
		}
		typ, haveType = v, true
		return nil
	}
	// Part by part with Cut: a slice of the parts would be made for every
	// socket command of a script.
	for rest, more := w, true; more; {
		var part string
		part, rest, more = strings.Cut(rest, "|")
		part = strings.TrimSpace(part)
		if part == "" {
			return 0, 0, errors.New(msgEmptyIn.S(msg.A("kind", kindText("socket type flag")), msg.A("word", strconv.Quote(w))))
		}
		if n, isNum, perr := parseDecimal(part); isNum {
			if perr != nil {
				return 0, 0, &RangeError{What: "socket type", Word: part}
			}
			// A bare flag number (2048) carries no type; 0 is an explicit type.
			if n&typeMask != 0 || n == 0 {
				if err := setType(n & typeMask); err != nil {
					return 0, 0, err
				}
			}
			flags |= n &^ typeMask
			continue
		}
		if e := Types.find(part); e != nil {
			if err := setType(e.Value); err != nil {
				return 0, 0, err
			}
			continue
		}
		if e := TypeFlags.find(part); e != nil {
			flags |= e.Value
			continue
		}
		return 0, 0, typeWords.unknown(part)
	}
	if !haveType {
		return 0, 0, errors.New(msgNoSocketType.S(msg.A("word", strconv.Quote(w)), msg.A("types", strings.Join(Types.Words(), ", "))))
	}
	return typ, flags, nil
}

// FormatType renders a type argument as C would write it:
// SOCK_STREAM|SOCK_NONBLOCK.
func FormatType(v int) string {
	s := Types.Name(v & typeMask)
	if f := v &^ typeMask; f != 0 {
		s += "|" + TypeFlags.FormatFlags(f)
	}
	return s
}

// ipProtocols and canProtocols are kept apart because their numbers
// overlap (CAN_RAW is 1 like IPPROTO_ICMP); ProtocolName picks by family.
var ipProtocols = []Entry{
	{Name: "IPPROTO_TCP", Value: unix.IPPROTO_TCP},
	{Name: "IPPROTO_UDP", Value: unix.IPPROTO_UDP},
	{Name: "IPPROTO_ICMP", Value: unix.IPPROTO_ICMP},
	{Name: "IPPROTO_ICMPV6", Value: unix.IPPROTO_ICMPV6, Aliases: []string{"icmp6"}},
	{Name: "IPPROTO_RAW", Value: unix.IPPROTO_RAW},
	{Name: "IPPROTO_SCTP", Value: unix.IPPROTO_SCTP},
	{Name: "IPPROTO_UDPLITE", Value: unix.IPPROTO_UDPLITE},
	{Name: "IPPROTO_IGMP", Value: unix.IPPROTO_IGMP},
	{Name: "IPPROTO_MPTCP", Value: unix.IPPROTO_MPTCP},
}

var canProtocols = []Entry{
	{Name: "CAN_RAW", Value: unix.CAN_RAW},
	{Name: "CAN_BCM", Value: unix.CAN_BCM},
}

// Protocols are socket's third argument. 0 ("the default for the family")
// deliberately has no name: calling it IPPROTO_IP would mislabel AF_UNIX
// and AF_PACKET sockets. When numbers collide, Name prefers the IP name;
// use ProtocolName when the family is known.
var Protocols = &Table{Kind: "protocol", Prefix: "IPPROTO_",
	Entries: append(append([]Entry{}, ipProtocols...), canProtocols...)}

var (
	ipProtoTable  = &Table{Kind: "protocol", Prefix: "IPPROTO_", Entries: ipProtocols}
	canProtoTable = &Table{Kind: "CAN protocol", Prefix: "CAN_", Entries: canProtocols}
)

// ProtocolTable is the table to read a protocol from for family: the CAN
// protocols for AF_CAN (where raw is CAN_RAW, not IPPROTO_RAW), all of
// Protocols otherwise (-1: family not known yet).
func ProtocolTable(family int) *Table {
	if family == unix.AF_CAN {
		return canProtoTable
	}
	return Protocols
}

// ProtocolName names proto as understood by family: CAN protocols for
// AF_CAN, IP protocols for AF_INET/AF_INET6/AF_UNSPEC, and the bare
// number for other families, whose protocol numbers mean something else
// (an ethertype for AF_PACKET, a netlink family for AF_NETLINK).
func ProtocolName(family, proto int) string {
	switch family {
	case unix.AF_CAN:
		return canProtoTable.Name(proto)
	case unix.AF_INET, unix.AF_INET6, unix.AF_UNSPEC:
		return ipProtoTable.Name(proto)
	}
	return fmt.Sprint(proto)
}

// MsgFlags are the flags of send/recv, in bit order so that FormatFlags
// reads like strace.
var MsgFlags = &Table{Kind: "message flag", Prefix: "MSG_", Entries: []Entry{
	{Name: "MSG_OOB", Value: unix.MSG_OOB},
	{Name: "MSG_PEEK", Value: unix.MSG_PEEK},
	{Name: "MSG_DONTROUTE", Value: unix.MSG_DONTROUTE},
	{Name: "MSG_CTRUNC", Value: unix.MSG_CTRUNC},
	{Name: "MSG_TRUNC", Value: unix.MSG_TRUNC},
	{Name: "MSG_DONTWAIT", Value: unix.MSG_DONTWAIT},
	{Name: "MSG_EOR", Value: unix.MSG_EOR},
	{Name: "MSG_WAITALL", Value: unix.MSG_WAITALL},
	{Name: "MSG_CONFIRM", Value: unix.MSG_CONFIRM},
	{Name: "MSG_ERRQUEUE", Value: unix.MSG_ERRQUEUE},
	{Name: "MSG_NOSIGNAL", Value: unix.MSG_NOSIGNAL},
	{Name: "MSG_MORE", Value: unix.MSG_MORE},
	{Name: "MSG_WAITFORONE", Value: unix.MSG_WAITFORONE},
	{Name: "MSG_ZEROCOPY", Value: unix.MSG_ZEROCOPY},
	{Name: "MSG_FASTOPEN", Value: unix.MSG_FASTOPEN},
	{Name: "MSG_CMSG_CLOEXEC", Value: unix.MSG_CMSG_CLOEXEC},
}}

// ShutdownHow is shutdown's second argument.
var ShutdownHow = &Table{Kind: "shutdown direction", Prefix: "SHUT_", Entries: []Entry{
	{Name: "SHUT_RD", Value: unix.SHUT_RD},
	{Name: "SHUT_WR", Value: unix.SHUT_WR},
	{Name: "SHUT_RDWR", Value: unix.SHUT_RDWR},
}}

// PollEvents are poll(2) event bits, in bit order. x/sys/unix has no
// POLLRDNORM and friends, so the EPOLL twins supply the values; they are
// the same bits on every architecture Linux builds with asm-generic poll.h.
var PollEvents = &Table{Kind: "poll event", Prefix: "POLL", Entries: []Entry{
	{Name: "POLLIN", Value: unix.POLLIN},
	{Name: "POLLPRI", Value: unix.POLLPRI},
	{Name: "POLLOUT", Value: unix.POLLOUT},
	{Name: "POLLERR", Value: unix.POLLERR},
	{Name: "POLLHUP", Value: unix.POLLHUP},
	{Name: "POLLNVAL", Value: unix.POLLNVAL},
	{Name: "POLLRDNORM", Value: unix.EPOLLRDNORM},
	{Name: "POLLRDBAND", Value: unix.EPOLLRDBAND},
	{Name: "POLLWRNORM", Value: unix.EPOLLWRNORM},
	{Name: "POLLWRBAND", Value: unix.EPOLLWRBAND},
	{Name: "POLLMSG", Value: unix.EPOLLMSG},
	{Name: "POLLRDHUP", Value: unix.POLLRDHUP},
}}
