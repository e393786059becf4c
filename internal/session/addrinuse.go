package session

import (
	"net/netip"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/msg"
	"sockrepl/internal/sock"
	"sockrepl/internal/sockdiag"
)

var (
	msgInUseByHandle = msg.New("session.addrinuse.handle",
		"{holder} holds {addr} (ls lists it): close {holder}, or bind another port, or port 0",
		"{holder} 占着 {addr}（ls 可以看到）：关掉 {holder}，或绑定别的端口，或端口 0")
	msgInUseListen = msg.New("session.addrinuse.listen",
		"a socket of this machine listens on {addr}, not one of this session (ss -ltnp names its program): stop it, or bind another port, or port 0",
		"本机另一个不属于本会话的套接字正在 {addr} 上监听（ss -ltnp 可查出是哪个程序）：停掉它，或绑定别的端口，或端口 0")
	msgInUseTimeWait = msg.New("session.addrinuse.time-wait",
		"a closed connection {local} ↔ {remote} is in TIME_WAIT (up to 60s): `setsockopt {h} SO_REUSEADDR 1` before bind takes the port if the socket that closed it had SO_REUSEADDR too (a server sets it before its bind), or bind port 0",
		"已关闭的连接 {local} ↔ {remote} 处于 TIME_WAIT（最长 60 秒）：若关闭它的那个套接字也设了 SO_REUSEADDR（服务端应在 bind 前设置），绑定前 `setsockopt {h} SO_REUSEADDR 1` 即可占用该端口；或绑定端口 0")
	msgInUseTimeWaitReuse = msg.New("session.addrinuse.time-wait-reuse",
		"a closed connection {local} ↔ {remote} is in TIME_WAIT (up to 60s); SO_REUSEADDR, already set on {h}, takes the port only if the socket that closed it had it too: wait, or bind port 0",
		"已关闭的连接 {local} ↔ {remote} 处于 TIME_WAIT（最长 60 秒）；{h} 已设置的 SO_REUSEADDR 只有在关闭它的那个套接字也设置了时才能占用该端口：等它结束，或绑定端口 0")
	msgInUseTimeWaitPeer = msg.New("session.addrinuse.time-wait-peer",
		"a closed connection {local} ↔ {remote} is in TIME_WAIT (up to 60s), left by a socket without SO_REUSEADDR (a peer sets it, but both must): wait, or give the peer port 0",
		"已关闭的连接 {local} ↔ {remote} 处于 TIME_WAIT（最长 60 秒），关闭它的套接字没有设置 SO_REUSEADDR（peer 设置了，但需双方都设置）：等它结束，或让 peer 用端口 0")
	msgInUseBound = msg.New("session.addrinuse.bound",
		"a socket of this machine, not one of this session, is bound to {addr} ({state}): close it, or bind another port, or port 0",
		"本机另一个不属于本会话的套接字绑定在 {addr} 上（{state}）：关掉它，或绑定别的端口，或端口 0")
	msgInUseReuseSet = msg.New("session.addrinuse.reuse-set",
		"another socket holds the address; SO_REUSEADDR, already set on {h}, helps only against TIME_WAIT: close the other socket, or bind another port, or port 0",
		"地址被另一个套接字占着；{h} 已设置的 SO_REUSEADDR 只对 TIME_WAIT 有用：关掉另一个套接字，或绑定别的端口，或端口 0")
)

// addrInUse gives EADDRINUSE from binding sa the hint of what holds the
// address: a handle of the session, else a socket the kernel reports
// (LISTEN, then TIME_WAIT, then any other), and only then what to do.
// self is the socket that was bound (nil for a peer's own), udp its
// protocol, reuse whether it had SO_REUSEADDR. It asks the kernel only
// here, on the error path.
func (s *Session) addrInUse(self *Handle, udp, reuse bool, sa unix.Sockaddr, err error) error {
	want, ok := addrPort(sa)
	if !ok || want.Port() == 0 {
		return err
	}
	for _, o := range s.handles {
		if o == self || o.File != nil || o.Closed() {
			continue
		}
		var local unix.Sockaddr
		switch {
		case o.Peer != nil:
			local = o.Peer.Local
		case o.Sock != nil:
			local, _ = sock.Sockname(o.Sock)
		}
		if got, ok := addrPort(local); ok && overlaps(got, want) && isUDP(o) == udp {
			return &hintedErr{err: err, hint: msgInUseByHandle.S(msg.A("holder", handleWord(o)), msg.A("addr", addr.Format(local)))}
		}
	}
	proto := unix.IPPROTO_TCP
	if udp {
		proto = unix.IPPROTO_UDP
	}
	var found []sockdiag.Socket
	for _, family := range []int{unix.AF_INET, unix.AF_INET6} {
		socks, _ := sockdiag.Port(family, proto, int(want.Port()))
		for _, k := range socks {
			if overlaps(k.Local, want) {
				found = append(found, k)
			}
		}
	}
	pick := func(state int) (sockdiag.Socket, bool) {
		for _, k := range found {
			if k.State == state {
				return k, true
			}
		}
		return sockdiag.Socket{}, false
	}
	if k, ok := pick(sockdiag.StateListen); ok {
		return &hintedErr{err: err, hint: msgInUseListen.S(msg.A("addr", k.Local.String()))}
	}
	if k, ok := pick(sockdiag.StateTimeWait); ok {
		m := msgInUseTimeWait
		switch {
		case self == nil:
			m = msgInUseTimeWaitPeer
		case reuse:
			m = msgInUseTimeWaitReuse
		}
		var args []msg.Arg
		if self != nil {
			args = append(args, msg.A("h", handleWord(self)))
		}
		return &hintedErr{err: err, hint: m.S(append(args, msg.A("local", k.Local.String()), msg.A("remote", k.Remote.String()))...)}
	}
	for _, k := range found {
		if k.State != sockdiag.StateTimeWait {
			return &hintedErr{err: err, hint: msgInUseBound.S(msg.A("addr", k.Local.String()), msg.A("state", k.StateName()))}
		}
	}
	if reuse && self != nil {
		return &hintedErr{err: err, hint: msgInUseReuseSet.S(msg.A("h", handleWord(self)))}
	}
	return err
}

// addrPort is an inet or inet6 address as netip has it.
func addrPort(sa unix.Sockaddr) (netip.AddrPort, bool) {
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		return netip.AddrPortFrom(netip.AddrFrom4(a.Addr), uint16(a.Port)), true
	case *unix.SockaddrInet6:
		return netip.AddrPortFrom(netip.AddrFrom16(a.Addr), uint16(a.Port)), true
	}
	return netip.AddrPort{}, false
}

// overlaps: binding one address would collide with the other: the same
// port, and the same address or a wildcard on either side (a v4-mapped
// address is its IPv4 one).
func overlaps(a, b netip.AddrPort) bool {
	if a.Port() != b.Port() {
		return false
	}
	x, y := a.Addr().Unmap(), b.Addr().Unmap()
	return x == y || x.IsUnspecified() || y.IsUnspecified()
}

// isUDP: the handle is a UDP socket or peer (ports are per protocol).
func isUDP(o *Handle) bool {
	if o.Peer != nil {
		return o.Peer.Opt.UDP
	}
	return o.Sock.Type == unix.SOCK_DGRAM
}
