// Package sockopt knows the socket options: their level, number and the
// shape of their value, so that setsockopt can take words like "1 5" or
// "2.5" and getsockopt can print what the kernel returns in a readable way
// next to the integer Python would show.
package sockopt

import (
	"errors"
	"sockrepl/internal/msg"

	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"sockrepl/internal/names"
)

// Kind is the shape of an option's value.
type Kind int

const (
	Int      Kind = iota // C int
	Bool                 // C int used as a flag
	Linger               // struct linger
	Timeval              // struct timeval, written as seconds
	Errno                // int holding an errno (SO_ERROR)
	Family               // int holding an address family (SO_DOMAIN)
	SockType             // int holding a socket type (SO_TYPE)
	Protocol             // int holding a protocol (SO_PROTOCOL)
	String               // NUL-terminated text
	Ucred                // struct ucred
	TCPInfo              // struct tcp_info
	Mreq                 // struct ip_mreq
	Mreq6                // struct ipv6_mreq
	Bytes                // anything else: raw bytes, handled by the caller
	InAddr               // struct in_addr, written as a dotted IPv4 address (IP_MULTICAST_IF)
	Int64                // 64-bit integer (SO_COOKIE, the vsock buffer sizes)
)

var kindNames = [...]string{
	Int: "int", Bool: "bool", Linger: "linger", Timeval: "timeval", Errno: "errno",
	Family: "family", SockType: "socktype", Protocol: "protocol", String: "string",
	Ucred: "ucred", TCPInfo: "tcp_info", Mreq: "ip_mreq", Mreq6: "ipv6_mreq",
	Bytes: "bytes", InAddr: "in_addr", Int64: "int64",
}

func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(" + strconv.Itoa(int(k)) + ")"
}

// Option is one socket option.
type Option struct {
	Name  string // C name, e.g. SO_RCVBUF; the number as text for unknown options
	Level int    // SOL_SOCKET, IPPROTO_TCP, ...
	Num   int    // option number within the level
	Kind  Kind
	Doc   string // one line for help and completion
}

// Levels are the setsockopt levels. The canonical names are the SOL_ ones
// that strace prints; the IPPROTO_ spellings Python programs use are
// accepted too. J1939 and vsock have their own levels because Python
// exposes options for them (SO_J1939_*, SO_VM_SOCKETS_*) that are not
// SOL_SOCKET options despite their SO_ prefix.
var Levels = &names.Table{Kind: "level", Prefix: "SOL_", Entries: []names.Entry{
	{Name: "SOL_SOCKET", Value: unix.SOL_SOCKET},
	{Name: "SOL_IP", Value: unix.SOL_IP, Aliases: []string{"IPPROTO_IP"}},
	{Name: "SOL_IPV6", Value: unix.SOL_IPV6, Aliases: []string{"IPPROTO_IPV6"}},
	{Name: "SOL_TCP", Value: unix.SOL_TCP, Aliases: []string{"IPPROTO_TCP"}},
	{Name: "SOL_UDP", Value: unix.SOL_UDP, Aliases: []string{"IPPROTO_UDP"}},
	{Name: "SOL_RAW", Value: unix.SOL_RAW, Aliases: []string{"IPPROTO_RAW"}},
	{Name: "SOL_CAN_RAW", Value: unix.SOL_CAN_RAW},
	{Name: "SOL_CAN_J1939", Value: solCANJ1939, Aliases: []string{"j1939"}},
	{Name: "AF_VSOCK", Value: unix.AF_VSOCK, Short: "vsock"},
}}

// x/sys/unix lacks the J1939 constants; these are from <linux/can/j1939.h>
// (and checked against Python by the tests).
const (
	solCANJ1939     = unix.SOL_CAN_BASE + unix.CAN_J1939
	soJ1939Filter   = 1
	soJ1939Promisc  = 2
	soJ1939SendPrio = 3
	soJ1939ErrQueue = 4
)

// Short names for the levels, to keep the table below readable.
const (
	levelSocket = unix.SOL_SOCKET
	levelIP     = unix.IPPROTO_IP
	levelIPv6   = unix.IPPROTO_IPV6
	levelTCP    = unix.IPPROTO_TCP
	levelUDP    = unix.IPPROTO_UDP
	levelCANRaw = unix.SOL_CAN_RAW
	levelVsock  = unix.AF_VSOCK
)

// table lists every option Python's socket module exposes on Linux for the
// SO_, IP_, IPV6_ and TCP_ prefixes, plus a few Linux options Python lacks
// that are worth exploring (SO_BUSY_POLL, TCP_ULP, IP_MTU, UDP_*, CAN_RAW_*).
// Python names that are not options are in notOptions; IP_RECVRETOPTS is
// an alias (see aliases).
var table = []Option{
	// SOL_SOCKET
	{"SO_DEBUG", levelSocket, unix.SO_DEBUG, Bool, "protocol debugging (needs CAP_NET_ADMIN)"},
	{"SO_REUSEADDR", levelSocket, unix.SO_REUSEADDR, Bool, "let bind reuse a local address still in TIME_WAIT"},
	{"SO_TYPE", levelSocket, unix.SO_TYPE, SockType, "socket type (read-only)"},
	{"SO_ERROR", levelSocket, unix.SO_ERROR, Errno, "pending socket error, cleared by reading it (read-only)"},
	{"SO_DONTROUTE", levelSocket, unix.SO_DONTROUTE, Bool, "send only to directly connected hosts"},
	{"SO_BROADCAST", levelSocket, unix.SO_BROADCAST, Bool, "allow sending to broadcast addresses"},
	{"SO_SNDBUF", levelSocket, unix.SO_SNDBUF, Int, "send buffer bytes (the kernel doubles what you set)"},
	{"SO_RCVBUF", levelSocket, unix.SO_RCVBUF, Int, "receive buffer bytes (the kernel doubles what you set)"},
	{"SO_KEEPALIVE", levelSocket, unix.SO_KEEPALIVE, Bool, "send keepalive probes on an idle connection"},
	{"SO_OOBINLINE", levelSocket, unix.SO_OOBINLINE, Bool, "deliver urgent data inline"},
	{"SO_PRIORITY", levelSocket, unix.SO_PRIORITY, Int, "queueing priority of sent packets (above 6 needs CAP_NET_ADMIN)"},
	{"SO_LINGER", levelSocket, unix.SO_LINGER, Linger, "make close wait up to SECONDS for unsent data; on=1 linger=0 resets"},
	{"SO_REUSEPORT", levelSocket, unix.SO_REUSEPORT, Bool, "let several sockets bind one port, load-balanced"},
	{"SO_PASSCRED", levelSocket, unix.SO_PASSCRED, Bool, "receive SCM_CREDENTIALS (unix sockets)"},
	{"SO_PEERCRED", levelSocket, unix.SO_PEERCRED, Ucred, "pid, uid, gid of the peer (unix sockets, read-only)"},
	{"SO_RCVLOWAT", levelSocket, unix.SO_RCVLOWAT, Int, "bytes that must be queued before recv returns"},
	{"SO_SNDLOWAT", levelSocket, unix.SO_SNDLOWAT, Int, "send low-water mark (fixed at 1 on Linux)"},
	{"SO_RCVTIMEO", levelSocket, unix.SO_RCVTIMEO, Timeval, "receive timeout in seconds, 0 for none"},
	{"SO_SNDTIMEO", levelSocket, unix.SO_SNDTIMEO, Timeval, "send timeout in seconds, 0 for none"},
	{"SO_BINDTODEVICE", levelSocket, unix.SO_BINDTODEVICE, String, "bind to a network interface by name, empty to unbind"},
	{"SO_TIMESTAMP", levelSocket, unix.SO_TIMESTAMP, Bool, "receive SCM_TIMESTAMP with each packet"},
	{"SO_ACCEPTCONN", levelSocket, unix.SO_ACCEPTCONN, Bool, "1 if the socket is listening (read-only)"},
	{"SO_PEERSEC", levelSocket, unix.SO_PEERSEC, String, "security label of the peer (read-only)"},
	{"SO_SNDBUFFORCE", levelSocket, unix.SO_SNDBUFFORCE, Int, "SO_SNDBUF past wmem_max (needs CAP_NET_ADMIN)"},
	{"SO_RCVBUFFORCE", levelSocket, unix.SO_RCVBUFFORCE, Int, "SO_RCVBUF past rmem_max (needs CAP_NET_ADMIN)"},
	{"SO_PASSSEC", levelSocket, unix.SO_PASSSEC, Bool, "receive SCM_SECURITY (unix sockets)"},
	{"SO_TIMESTAMPNS", levelSocket, unix.SO_TIMESTAMPNS, Bool, "receive SCM_TIMESTAMPNS with each packet"},
	{"SO_MARK", levelSocket, unix.SO_MARK, Int, "firewall mark for routing and filtering (needs CAP_NET_ADMIN)"},
	{"SO_PROTOCOL", levelSocket, unix.SO_PROTOCOL, Protocol, "protocol of the socket (read-only)"},
	{"SO_DOMAIN", levelSocket, unix.SO_DOMAIN, Family, "address family of the socket (read-only)"},
	{"SO_PEEK_OFF", levelSocket, unix.SO_PEEK_OFF, Int, "byte offset MSG_PEEK reads from, -1 to disable"},
	{"SO_BUSY_POLL", levelSocket, unix.SO_BUSY_POLL, Int, "microseconds to busy-poll the device on blocking receives"},
	{"SO_INCOMING_NAPI_ID", levelSocket, unix.SO_INCOMING_NAPI_ID, Int, "NAPI id of the queue that last delivered (read-only)"},
	{"SO_INCOMING_CPU", levelSocket, unix.SO_INCOMING_CPU, Int, "CPU that processes this socket's packets"},
	{"SO_COOKIE", levelSocket, unix.SO_COOKIE, Int64, "64-bit socket cookie, unique per socket (read-only)"},
	{"SO_ZEROCOPY", levelSocket, unix.SO_ZEROCOPY, Bool, "allow send with MSG_ZEROCOPY"},

	// SOL_IP
	{"IP_TOS", levelIP, unix.IP_TOS, Int, "TOS/DSCP byte of sent packets (e.g. 0x10)"},
	{"IP_TTL", levelIP, unix.IP_TTL, Int, "time to live of sent unicast packets"},
	{"IP_HDRINCL", levelIP, unix.IP_HDRINCL, Bool, "raw sockets: the application writes the IP header"},
	{"IP_OPTIONS", levelIP, unix.IP_OPTIONS, Bytes, "IP options sent with every packet"},
	{"IP_RECVOPTS", levelIP, unix.IP_RECVOPTS, Bool, "receive incoming IP options as a cmsg"},
	{"IP_RETOPTS", levelIP, unix.IP_RETOPTS, Bool, "receive raw incoming IP options as a cmsg (alias IP_RECVRETOPTS)"},
	{"IP_PKTINFO", levelIP, unix.IP_PKTINFO, Bool, "receive IP_PKTINFO (destination, interface) as a cmsg"},
	{"IP_MTU_DISCOVER", levelIP, unix.IP_MTU_DISCOVER, Int, "path MTU discovery: 0 dont, 1 want, 2 do, 3 probe"},
	{"IP_RECVERR", levelIP, unix.IP_RECVERR, Bool, "queue ICMP errors for recv with MSG_ERRQUEUE"},
	{"IP_RECVTTL", levelIP, unix.IP_RECVTTL, Bool, "receive the TTL as a cmsg"},
	{"IP_RECVTOS", levelIP, unix.IP_RECVTOS, Bool, "receive the TOS byte as a cmsg"},
	{"IP_MTU", levelIP, unix.IP_MTU, Int, "path MTU of a connected socket (read-only)"},
	{"IP_FREEBIND", levelIP, unix.IP_FREEBIND, Bool, "bind to addresses this host does not (yet) have"},
	{"IP_TRANSPARENT", levelIP, unix.IP_TRANSPARENT, Bool, "transparent proxying (needs CAP_NET_ADMIN)"},
	{"IP_BIND_ADDRESS_NO_PORT", levelIP, unix.IP_BIND_ADDRESS_NO_PORT, Bool, "defer choosing the port from bind to connect"},
	{"IP_MULTICAST_IF", levelIP, unix.IP_MULTICAST_IF, InAddr, "local address of the interface for sent multicast"},
	{"IP_MULTICAST_TTL", levelIP, unix.IP_MULTICAST_TTL, Int, "TTL of sent multicast packets"},
	{"IP_MULTICAST_LOOP", levelIP, unix.IP_MULTICAST_LOOP, Bool, "loop sent multicast back to local listeners"},
	{"IP_ADD_MEMBERSHIP", levelIP, unix.IP_ADD_MEMBERSHIP, Mreq, "join a multicast group (set only)"},
	{"IP_DROP_MEMBERSHIP", levelIP, unix.IP_DROP_MEMBERSHIP, Mreq, "leave a multicast group (set only)"},
	{"IP_MULTICAST_ALL", levelIP, unix.IP_MULTICAST_ALL, Bool, "receive groups joined by other sockets on the port"},

	// SOL_IPV6
	{"IPV6_CHECKSUM", levelIPv6, unix.IPV6_CHECKSUM, Int, "raw sockets: offset of the checksum to fill in, -1 for none"},
	{"IPV6_NEXTHOP", levelIPv6, unix.IPV6_NEXTHOP, Bytes, "next hop; a cmsg type, not an option on Linux"},
	{"IPV6_UNICAST_HOPS", levelIPv6, unix.IPV6_UNICAST_HOPS, Int, "hop limit of sent unicast packets, -1 for the route's"},
	{"IPV6_MULTICAST_IF", levelIPv6, unix.IPV6_MULTICAST_IF, Int, "interface index for sent multicast"},
	{"IPV6_MULTICAST_HOPS", levelIPv6, unix.IPV6_MULTICAST_HOPS, Int, "hop limit of sent multicast packets"},
	{"IPV6_MULTICAST_LOOP", levelIPv6, unix.IPV6_MULTICAST_LOOP, Bool, "loop sent multicast back to local listeners"},
	{"IPV6_JOIN_GROUP", levelIPv6, unix.IPV6_JOIN_GROUP, Mreq6, "join a multicast group (set only)"},
	{"IPV6_LEAVE_GROUP", levelIPv6, unix.IPV6_LEAVE_GROUP, Mreq6, "leave a multicast group (set only)"},
	{"IPV6_MTU_DISCOVER", levelIPv6, unix.IPV6_MTU_DISCOVER, Int, "path MTU discovery: 0 dont, 1 want, 2 do, 3 probe"},
	{"IPV6_MTU", levelIPv6, unix.IPV6_MTU, Int, "path MTU of a connected socket"},
	{"IPV6_RECVERR", levelIPv6, unix.IPV6_RECVERR, Bool, "queue ICMPv6 errors for recv with MSG_ERRQUEUE"},
	{"IPV6_V6ONLY", levelIPv6, unix.IPV6_V6ONLY, Bool, "IPv6 only: no IPv4-mapped addresses"},
	{"IPV6_RECVPKTINFO", levelIPv6, unix.IPV6_RECVPKTINFO, Bool, "receive IPV6_PKTINFO (destination, interface) as a cmsg"},
	{"IPV6_PKTINFO", levelIPv6, unix.IPV6_PKTINFO, Bytes, "sticky source address and interface (struct in6_pktinfo)"},
	{"IPV6_RECVHOPLIMIT", levelIPv6, unix.IPV6_RECVHOPLIMIT, Bool, "receive the hop limit as a cmsg"},
	{"IPV6_HOPLIMIT", levelIPv6, unix.IPV6_HOPLIMIT, Int, "hop limit; a cmsg type, not an option on Linux"},
	{"IPV6_RECVHOPOPTS", levelIPv6, unix.IPV6_RECVHOPOPTS, Bool, "receive hop-by-hop options as a cmsg"},
	{"IPV6_HOPOPTS", levelIPv6, unix.IPV6_HOPOPTS, Bytes, "sticky hop-by-hop options header"},
	{"IPV6_RTHDRDSTOPTS", levelIPv6, unix.IPV6_RTHDRDSTOPTS, Bytes, "sticky destination options before the routing header"},
	{"IPV6_RECVRTHDR", levelIPv6, unix.IPV6_RECVRTHDR, Bool, "receive the routing header as a cmsg"},
	{"IPV6_RTHDR", levelIPv6, unix.IPV6_RTHDR, Bytes, "sticky routing header"},
	{"IPV6_RECVDSTOPTS", levelIPv6, unix.IPV6_RECVDSTOPTS, Bool, "receive destination options as a cmsg"},
	{"IPV6_DSTOPTS", levelIPv6, unix.IPV6_DSTOPTS, Bytes, "sticky destination options header"},
	{"IPV6_RECVPATHMTU", levelIPv6, unix.IPV6_RECVPATHMTU, Bool, "receive path MTU changes as a cmsg"},
	{"IPV6_PATHMTU", levelIPv6, unix.IPV6_PATHMTU, Bytes, "path MTU of a connected socket (struct ip6_mtuinfo, read-only)"},
	{"IPV6_DONTFRAG", levelIPv6, unix.IPV6_DONTFRAG, Bool, "fail rather than fragment sent packets"},
	{"IPV6_RECVTCLASS", levelIPv6, unix.IPV6_RECVTCLASS, Bool, "receive the traffic class as a cmsg"},
	{"IPV6_TCLASS", levelIPv6, unix.IPV6_TCLASS, Int, "traffic class of sent packets, -1 for the default"},

	// SOL_TCP
	{"TCP_NODELAY", levelTCP, unix.TCP_NODELAY, Bool, "send small segments at once (disable Nagle)"},
	{"TCP_MAXSEG", levelTCP, unix.TCP_MAXSEG, Int, "maximum segment size"},
	{"TCP_CORK", levelTCP, unix.TCP_CORK, Bool, "hold partial segments until uncorked (or 200ms)"},
	{"TCP_KEEPIDLE", levelTCP, unix.TCP_KEEPIDLE, Int, "idle seconds before the first keepalive probe"},
	{"TCP_KEEPINTVL", levelTCP, unix.TCP_KEEPINTVL, Int, "seconds between keepalive probes"},
	{"TCP_KEEPCNT", levelTCP, unix.TCP_KEEPCNT, Int, "unanswered keepalive probes before the connection drops"},
	{"TCP_SYNCNT", levelTCP, unix.TCP_SYNCNT, Int, "SYN retransmits before connect gives up"},
	{"TCP_LINGER2", levelTCP, unix.TCP_LINGER2, Int, "seconds an orphaned socket stays in FIN_WAIT2"},
	{"TCP_DEFER_ACCEPT", levelTCP, unix.TCP_DEFER_ACCEPT, Int, "seconds accept waits for data to arrive"},
	{"TCP_WINDOW_CLAMP", levelTCP, unix.TCP_WINDOW_CLAMP, Int, "upper bound on the advertised window"},
	{"TCP_INFO", levelTCP, unix.TCP_INFO, TCPInfo, "connection state and statistics (struct tcp_info, read-only)"},
	{"TCP_QUICKACK", levelTCP, unix.TCP_QUICKACK, Bool, "ACK at once rather than delaying (not permanent)"},
	{"TCP_CONGESTION", levelTCP, unix.TCP_CONGESTION, String, "congestion control algorithm, e.g. cubic or reno"},
	{"TCP_THIN_LINEAR_TIMEOUTS", levelTCP, unix.TCP_THIN_LINEAR_TIMEOUTS, Bool, "linear timeouts for thin streams"},
	{"TCP_USER_TIMEOUT", levelTCP, unix.TCP_USER_TIMEOUT, Int, "milliseconds unacknowledged data may wait before the connection drops"},
	{"TCP_FASTOPEN", levelTCP, unix.TCP_FASTOPEN, Int, "listening socket: queue length for TCP Fast Open"},
	{"TCP_NOTSENT_LOWAT", levelTCP, unix.TCP_NOTSENT_LOWAT, Int, "unsent bytes above which the socket is not writable"},
	{"TCP_SAVE_SYN", levelTCP, unix.TCP_SAVE_SYN, Bool, "keep the SYN's headers for TCP_SAVED_SYN"},
	{"TCP_FASTOPEN_CONNECT", levelTCP, unix.TCP_FASTOPEN_CONNECT, Bool, "connect with TCP Fast Open"},
	{"TCP_ULP", levelTCP, unix.TCP_ULP, String, "upper layer protocol, e.g. tls"},
	{"TCP_INQ", levelTCP, unix.TCP_INQ, Bool, "receive the queued byte count as a cmsg"},
	{"TCP_TX_DELAY", levelTCP, unix.TCP_TX_DELAY, Int, "microseconds to delay sent packets (testing)"},

	// SOL_UDP
	{"UDP_CORK", levelUDP, unix.UDP_CORK, Bool, "merge sends into one datagram until uncorked"},
	{"UDP_SEGMENT", levelUDP, unix.UDP_SEGMENT, Int, "GSO segment size for large sends"},
	{"UDP_GRO", levelUDP, unix.UDP_GRO, Bool, "receive coalesced datagrams (GRO)"},

	// SOL_CAN_RAW
	{"CAN_RAW_FILTER", levelCANRaw, unix.CAN_RAW_FILTER, Bytes, "receive filters (array of struct can_filter)"},
	{"CAN_RAW_ERR_FILTER", levelCANRaw, unix.CAN_RAW_ERR_FILTER, Int, "mask of error frame classes to receive"},
	{"CAN_RAW_LOOPBACK", levelCANRaw, unix.CAN_RAW_LOOPBACK, Bool, "loop sent frames back to local sockets"},
	{"CAN_RAW_RECV_OWN_MSGS", levelCANRaw, unix.CAN_RAW_RECV_OWN_MSGS, Bool, "receive this socket's own frames"},
	{"CAN_RAW_FD_FRAMES", levelCANRaw, unix.CAN_RAW_FD_FRAMES, Bool, "allow CAN FD frames"},
	{"CAN_RAW_JOIN_FILTERS", levelCANRaw, unix.CAN_RAW_JOIN_FILTERS, Bool, "a frame must match all filters, not any"},

	// SOL_CAN_J1939
	{"SO_J1939_FILTER", solCANJ1939, soJ1939Filter, Bytes, "receive filters (array of struct j1939_filter)"},
	{"SO_J1939_PROMISC", solCANJ1939, soJ1939Promisc, Bool, "receive frames for every address"},
	{"SO_J1939_SEND_PRIO", solCANJ1939, soJ1939SendPrio, Int, "priority 0-7 of sent frames"},
	{"SO_J1939_ERRQUEUE", solCANJ1939, soJ1939ErrQueue, Bool, "report transmit progress on the error queue"},

	// AF_VSOCK (the level is the family number)
	{"SO_VM_SOCKETS_BUFFER_SIZE", levelVsock, unix.SO_VM_SOCKETS_BUFFER_SIZE, Int64, "buffer size in bytes"},
	{"SO_VM_SOCKETS_BUFFER_MIN_SIZE", levelVsock, unix.SO_VM_SOCKETS_BUFFER_MIN_SIZE, Int64, "minimum buffer size in bytes"},
	{"SO_VM_SOCKETS_BUFFER_MAX_SIZE", levelVsock, unix.SO_VM_SOCKETS_BUFFER_MAX_SIZE, Int64, "maximum buffer size in bytes"},
}

// aliases are other C names for an option in the table.
var aliases = map[string]string{
	"IP_RECVRETOPTS": "IP_RETOPTS", // same number; Linux defines one as the other
}

// notOptions are the names Python exposes with an option prefix that are
// not options at all, so they are deliberately absent from the table.
var notOptions = map[string]string{
	"IP_DEFAULT_MULTICAST_TTL":  "default value of IP_MULTICAST_TTL",
	"IP_DEFAULT_MULTICAST_LOOP": "default value of IP_MULTICAST_LOOP",
	"IP_MAX_MEMBERSHIPS":        "historical limit on groups per socket",
	"IPV6_RTHDR_TYPE_0":         "a routing header type, used inside IPV6_RTHDR",
}

// shortPrefixes are stripped to form the short names ("rcvbuf"). Longer
// prefixes come first so SO_J1939_FILTER is also just "filter".
var shortPrefixes = []string{"SO_J1939_", "SO_VM_SOCKETS_", "SO_", "IPV6_", "IP_", "TCP_", "UDP_", "CAN_RAW_"}

// spellings returns the lowercase words that select o by name.
func spellings(o *Option) []string {
	out := []string{strings.ToLower(o.Name)}
	for _, p := range shortPrefixes {
		if strings.HasPrefix(o.Name, p) {
			out = append(out, strings.ToLower(o.Name[len(p):]))
		}
	}
	return out
}

// tableSpellings()[i] is spellings(&table[i]), worked out once, on first
// use rather than at start-up.
var tableSpellings = sync.OnceValue(func() [][]string {
	out := make([][]string, len(table))
	for i := range table {
		out[i] = spellings(&table[i])
	}
	return out
})

// index finds options by spelling without scanning the table: Lookup runs
// on every getsockopt and setsockopt of a script. Its lists are shared:
// matches hands them out as they are, so nobody may change them.
var index = sync.OnceValue(func() (ix struct {
	exact map[string][]*Option // C name, as written and lowercased → options in table order
	short map[string][]*Option // short name ("rcvbuf") → options
	alias map[string]string    // any spelling of an alias → the C name it stands for
}) {
	ix.exact, ix.short, ix.alias = map[string][]*Option{}, map[string][]*Option{}, map[string]string{}
	for i, sp := range tableSpellings() {
		o := &table[i]
		ix.exact[sp[0]] = append(ix.exact[sp[0]], o)
		if name := table[i].Name; name != sp[0] {
			ix.exact[name] = append(ix.exact[name], o)
		}
		for _, s := range sp[1:] {
			ix.short[s] = append(ix.short[s], o)
		}
	}
	for alias, target := range aliases {
		for _, s := range spellings(&Option{Name: alias}) {
			ix.alias[s] = target
		}
	}
	return ix
})

// matches returns the options that word names, exactly by C name when possible,
// else by short name; only options at level when level >= 0. The list may
// be the index's own: callers only read it.
func matches(word string, level int) []*Option {
	ix := index()
	exact, asTyped := ix.exact[word] // the C name as usually typed: nothing to lower
	lw := word
	if !asTyped {
		lw = strings.ToLower(word)
		if target, isAlias := ix.alias[lw]; isAlias {
			lw = strings.ToLower(target)
		}
		exact = ix.exact[lw]
	}
	if m := atLevel(exact, level); len(m) > 0 {
		return m
	}
	return atLevel(ix.short[strings.ToLower(lw)], level)
}

// atLevel returns the options of list at level (all of them when level
// < 0): list itself when every one is, as for the usual single match.
func atLevel(list []*Option, level int) []*Option {
	if level < 0 || !slices.ContainsFunc(list, func(o *Option) bool { return o.Level != level }) {
		return list
	}
	var out []*Option
	for _, o := range list {
		if o.Level == level {
			out = append(out, o)
		}
	}
	return out
}

// Lookup finds an option. level may be "" when the name alone says which
// level it belongs to. Names are case-insensitive and the prefix may be
// dropped when that leaves no ambiguity ("rcvbuf" is SO_RCVBUF). A number
// needs a level; unknown numbers are allowed (as Int) so the kernel can
// have its say.
func Lookup(level, name string) (Option, error) {
	level, name = strings.TrimSpace(level), strings.TrimSpace(name)
	if name == "" {
		return Option{}, errors.New(msgMissingOption.S())
	}
	num, isNum := decimal(name)
	if names.IsDecimal(name) && !isNum {
		return Option{}, &names.RangeError{What: "option", Word: name}
	}
	if level == "" {
		if isNum {
			return Option{}, errors.New(msgNumberNeedsLevel.S(msg.A("n", name)))
		}
		return pick(name, matches(name, -1), "")
	}
	lv, err := Levels.Lookup(level)
	if err != nil {
		return Option{}, err
	}
	if isNum {
		if o, ok := ByNumber(lv, num); ok {
			return o, nil
		}
		return Option{Name: name, Level: lv, Num: num, Kind: Int,
			Doc: msgNotInTable.S()}, nil
	}
	if m := matches(name, lv); len(m) > 0 {
		return pick(name, m, level)
	}
	// Known elsewhere? Then say where it lives.
	switch m := matches(name, -1); len(m) {
	case 0:
	case 1:
		return Option{}, errors.New(msgOtherLevel.S(msg.A("name", m[0].Name), msg.A("short", Levels.Short(m[0].Level)),
			msg.A("level", Levels.Name(m[0].Level)), msg.A("not", levelText(lv))))
	default:
		var c []string
		for _, o := range m {
			c = append(c, fmt.Sprintf("%s (%s)", o.Name, Levels.Short(o.Level)))
		}
		return Option{}, errors.New(msgNotAtLevel.S(msg.A("word", strconv.Quote(name)), msg.A("level", levelText(lv)), msg.A("candidates", strings.Join(c, msgOr.S()))))
	}
	sug := ""
	if s := suggest(name, lv); s != "" {
		sug = msgDidYouMean.S(msg.A("word", s))
	} else if s := suggest(name, -1); s != "" {
		sug = msgDidYouMeanAtLevel.S(msg.A("word", s), msg.A("level", Levels.Short(optionLevel(s))))
	}
	return Option{}, errors.New(msgUnknownAtLevel.S(msg.A("word", strconv.Quote(name)), msg.A("level", levelText(lv)), msg.A("suggestion", sug)))
}

// ByNumber finds the option with this number at level.
func ByNumber(level, num int) (Option, bool) {
	if i, ok := byNumber()[[2]int{level, num}]; ok {
		return table[i], true
	}
	return Option{}, false
}

// byNumber maps level and number to the first option in table with them
// (the table lists the preferred name of a number first).
var byNumber = sync.OnceValue(func() map[[2]int]int {
	m := make(map[[2]int]int, len(table))
	for i := len(table) - 1; i >= 0; i-- {
		m[[2]int{table[i].Level, table[i].Num}] = i
	}
	return m
})

// Named finds the option that name alone selects, as Lookup("", name)
// does, without working out why when none or several do: it is how a
// caller asks "is this word an option?" before trying it as something
// else, so it must cost no more than an index look-up.
func Named(name string) (Option, bool) {
	name = strings.TrimSpace(name)
	if name == "" || names.IsDecimal(name) {
		return Option{}, false
	}
	if m := matches(name, -1); len(m) == 1 {
		return *m[0], true
	}
	return Option{}, false
}

func levelText(lv int) string {
	if s := Levels.Short(lv); s != strconv.Itoa(lv) {
		return s
	}
	return msgLevelN.S(msg.A("n", lv))
}

func optionLevel(name string) int {
	for _, o := range table {
		if o.Name == name {
			return o.Level
		}
	}
	return -1
}

// pick turns a match list into one option or an error.
func pick(name string, m []*Option, level string) (Option, error) {
	switch len(m) {
	case 1:
		return *m[0], nil
	case 0:
		sug := ""
		if s := suggest(name, -1); s != "" {
			sug = msgDidYouMean.S(msg.A("word", s))
		}
		return Option{}, errors.New(msgUnknownOption.S(msg.A("word", strconv.Quote(name)), msg.A("suggestion", sug)))
	}
	var c []string
	for _, o := range m {
		c = append(c, fmt.Sprintf("%s (%s)", o.Name, Levels.Short(o.Level)))
	}
	hint := msgGiveLevelOrName
	if level != "" {
		hint = msgGiveFullName
	}
	return Option{}, errors.New(msgAmbiguous.S(msg.A("word", strconv.Quote(name)), msg.A("candidates", strings.Join(c, ", ")), msg.A("hint", hint.S())))
}

// suggest returns the C name of the option closest to word, within two
// edits (one for words of three letters or fewer), at level if level >= 0.
func suggest(word string, level int) string {
	lw := strings.ToLower(word)
	limit := 2
	if len(lw) <= 3 {
		limit = 1
	}
	best, bestD := "", limit+1
	for i := range table {
		o := &table[i]
		if level >= 0 && o.Level != level {
			continue
		}
		for _, s := range tableSpellings()[i] {
			if d := names.DistanceAtMost(lw, s, limit); d < bestD {
				best, bestD = o.Name, d
			}
		}
	}
	return best
}

// decimal parses a non-negative decimal option number.
func decimal(s string) (int, bool) {
	if !names.IsDecimal(s) {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n <= math.MaxInt32
}

// ForLevel returns the known options at level, for completion.
func ForLevel(level int) []Option {
	var out []Option
	for _, o := range table {
		if o.Level == level {
			out = append(out, o)
		}
	}
	return out
}

// All returns every known option.
func All() []Option {
	return slices.Clone(table)
}
