package session

import (
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/msg"
	"sockrepl/internal/sock"
)

// What a statement waits for, for the status line a terminal shows while a
// call waits (Session.OnWait). One row per kind of wait; commands not
// listed wait for "readiness".
var waitKinds = map[string]*msg.M{
	"accept":        msgWaitConnection,
	"recv":          msgWaitData,
	"recvfrom":      msgWaitData,
	"recv_into":     msgWaitData,
	"recvfrom_into": msgWaitData,
	"read":          msgWaitData,
	"readline":      msgWaitData,
	"send":          msgWaitRoom,
	"sendall":       msgWaitRoom,
	"sendto":        msgWaitRoom,
	"write":         msgWaitRoom,
	"flush":         msgWaitRoom,
	"connect":       msgWaitConnect,
	"connect_ex":    msgWaitConnect,
}

var (
	msgWaitConnection = msg.New("session.wait-connection",
		"waiting for a connection on {addr}",
		"正在等待 {addr} 上的连接")
	msgWaitData = msg.New("session.wait-data",
		"waiting for data{from}",
		"正在等待数据{from}")
	msgWaitDataFrom = msg.New("session.wait-data-from",
		" from {addr}",
		"（来自 {addr}）")
	msgWaitRoom = msg.New("session.wait-room",
		"waiting for room in the send buffer",
		"正在等待发送缓冲区腾出空间")
	msgWaitConnect = msg.New("session.wait-connect",
		"waiting for {addr} to answer",
		"正在等待 {addr} 应答")
	msgWaitOther = msg.New("session.wait-other",
		"waiting",
		"正在等待")
	msgWaitSoFar = msg.New("session.wait-so-far",
		", {n} {n|byte|bytes} so far",
		"，已有 {n} 字节")
)

// waitStatus says what the statement being run waits for:
// "accept srv: waiting for a connection on 127.0.0.1:8080". It runs in
// the shell's own goroutine, just before the wait, and makes no traced
// call.
func (s *Session) waitStatus() string {
	st := &s.current
	if len(st.Words) == 0 {
		return ""
	}
	name := strings.ToLower(st.Words[0])
	head := st.Words[0]
	var h *Handle
	if len(st.Words) > 1 {
		head += " " + st.Words[1]
		h, _ = s.handle(st.Words[1])
	}
	if s.currentPy {
		head = pyCallHead(name, h)
	}
	var sk *sock.Socket
	if h != nil && h.Sock != nil && h.Sock.FD >= 0 {
		sk = h.Sock
	}
	var what string
	switch m := waitKinds[name]; m {
	case msgWaitConnection:
		what = m.S(msg.A("addr", sockname(sk, sock.Sockname)))
	case msgWaitData:
		from := ""
		if peer := sockname(sk, sock.Peername); peer != "?" {
			from = msgWaitDataFrom.S(msg.A("addr", peer))
		}
		what = m.S(msg.A("from", from))
	case msgWaitConnect:
		target := "?"
		if len(st.Words) > 2 {
			target = st.Words[2]
		}
		what = m.S(msg.A("addr", target))
	case nil:
		what = msgWaitOther.S()
	default:
		what = m.S()
	}
	if n := s.Sys.Moved; n > 0 {
		what += msgWaitSoFar.S(msg.A("n", n))
	}
	return head + ": " + what
}

// sockname formats sk's local or peer address, "?" when there is none.
// The sock package's calls read a unix path that starts with @ as the
// file it is (x/sys reads it as an abstract name).
func sockname(sk *sock.Socket, get func(*sock.Socket) (unix.Sockaddr, error)) string {
	if sk == nil {
		return "?"
	}
	sa, err := get(sk)
	if err != nil || sa == nil {
		return "?"
	}
	return addr.Format(sa)
}

// pyCallHead names a call made from Python as Python writes it, for the
// status line: conn.recv(), socket.create_connection(); by the command's
// words where the handle has no name to write (recv #3).
func pyCallHead(name string, h *Handle) string {
	c := lookup(name)
	if c == nil {
		return name
	}
	switch {
	case c.sig.on == "socket":
		return "socket." + c.sig.fn + "()"
	case h == nil:
		return name
	case h.Name != "":
		return h.Name + "." + c.sig.fn + "()"
	}
	return name + " " + h.ref
}
