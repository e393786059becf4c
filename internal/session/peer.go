package session

import (
	"errors"
	"fmt"
	"strconv"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/msg"
	"sockrepl/internal/peer"
	"sockrepl/internal/render"
)

// What `peer` says, and what is said of a peer where a socket was meant.
var (
	msgPeerKind = msg.New("session.peer-kind",
		"peer: expected one of {kinds}, got {word}",
		"peer：应为 {kinds} 之一，而不是 {word}")
	msgPeerOption = msg.New("session.peer-option",
		"peer: unexpected {word}: expected udp, rate=BYTES (a sink's bytes a second) or bytes=N (what a source sends)",
		"peer：多余的 {word}：应为 udp、rate=BYTES（sink 每秒读取的字节数）或 bytes=N（source 发送的字节数）")
	msgPeerNumber = msg.New("session.peer-number",
		"peer: {word}: expected a whole number of bytes from 1 to {max}",
		"peer：{word}：应为 1 到 {max} 之间的字节数")
	msgPeerStarted = msg.New("session.peer-started",
		"{what} on {addr}, in the background (close {ref} stops it)",
		"{what} 在 {addr} 上后台运行（close {ref} 停止它）")
	msgPeerStopped = msg.New("session.peer-stopped",
		"(peer stopped)",
		"（对端已停止）")
	msgIsAPeer = msg.New("session.is-a-peer",
		"{cmd}: {ref} is a peer running in the background, not a socket of yours ($ gives its address; close stops it)",
		"{cmd}：{ref} 是在后台运行的对端，不是你的套接字（$ 给出它的地址；close 停止它）")
	msgPeerNoFD = msg.New("session.peer-no-fd",
		"{ref}: {handle} is a peer; its descriptors are its own (use ${name} for its address)",
		"{ref}：{handle} 是对端，它的描述符归它自己（用 ${name} 取它的地址）")
	msgPeerRunning = msg.New("session.peer-running",
		"running", "运行中")
)

const maxPeerNumber = 1 << 40

func cmdPeer(s *Session, a *args) (*Result, error) {
	kind, sa := a.at(0).s, a.get("ADDR").sa
	family := unix.AF_INET
	if _, v6 := sa.(*unix.SockaddrInet6); v6 {
		family = unix.AF_INET6
	}
	opt := peer.Options{Bytes: -1, UDP: a.at(2).n == 1, Rate: a.get("RATE").n}
	if count := a.get("BYTES"); count.given {
		opt.Bytes = int64(count.n)
	}
	p, err := peer.Start(kind, family, sa, opt)
	if errors.Is(err, peer.ErrUsage) {
		return nil, usageErr("%v", err)
	}
	if errors.Is(err, unix.EADDRINUSE) {
		return nil, s.addrInUse(nil, opt.UDP, true, sa, err) // a peer sets SO_REUSEADDR
	}
	if err != nil {
		return nil, err
	}
	h := a.add(nil, nil, true)
	h.Peer = p
	if s.wire != nil {
		s.wire.view.Busy = s.peersBusy
	}
	r := result(h.ref, render.P(render.Handle, handleText(h)), render.P(render.Plain, "  "))
	return r.add(render.P(render.Note, msgPeerStarted.S(msg.A("what", peerWhat(p)), msg.A("addr", addr.Format(p.Local)), msg.A("ref", handleWord(h))))), nil
}

// handleWord is the word a user types for the handle: its name, or #3.
func handleWord(h *Handle) string {
	if h.Name != "" {
		return h.Name
	}
	return h.ref
}

// peerWhat names a peer as it was asked for: "echo tcp", "sink tcp rate=65536".
func peerWhat(p *peer.Peer) string {
	w := p.Kind + " tcp"
	if p.Opt.UDP {
		w = p.Kind + " udp"
	}
	if p.Opt.Rate > 0 {
		w += " rate=" + strconv.Itoa(p.Opt.Rate)
	}
	if p.Opt.Bytes >= 0 {
		w += " bytes=" + strconv.FormatInt(p.Opt.Bytes, 10)
	}
	return w
}

// peersBusy: some running peer may still answer what the last call did.
func (s *Session) peersBusy() bool {
	for _, h := range s.handles {
		if h.Peer != nil && h.Peer.Busy() {
			return true
		}
	}
	return false
}

// stopPeer is close on a peer.
func (s *Session) stopPeer(h *Handle) (*Result, error) {
	if h.Peer.Stopped() {
		return ok().say(msgAlreadyClosed), nil
	}
	h.Peer.Stop()
	return ok().say(msgPeerStopped), nil
}

// peerRow is a peer's row of ls.
func peerRow(h *Handle, name string) string {
	p := h.Peer
	state := msgPeerRunning.S()
	if p.Stopped() {
		state = msgStateClosed.S()
	}
	return fmt.Sprintf("%d\t%s\t-\tpeer\t%s\t%s\t%s\t-\t-\t%s", h.ID, name, peerWhat(p), state, addr.Format(p.Local), p.Status())
}
