package session

import (
	"errors"

	"golang.org/x/sys/unix"

	"sockrepl/internal/expect"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
	"sockrepl/internal/wire"
)

// wireView is the session's side of `set wire on`: the view, and what
// the running command touched.
type wireView struct {
	view    *wire.View
	report  *wire.Report
	touched []*Handle
	made    int // how many handles there were before the command
}

// SetWire turns the wire view on or off. Turning it on can fail: the
// error says why and what would make it work.
func (s *Session) SetWire(on bool) error {
	if !on {
		if s.wire != nil {
			s.wire.view.Close()
			s.wireLast = s.wire.view // its packets can still be saved
			s.wire = nil
		}
		return nil
	}
	if s.wire != nil {
		return nil
	}
	v, err := wire.Open(s.Sys.WakeFD())
	if err != nil {
		return wire.Refusal(err)
	}
	s.wire = &wireView{view: v, made: len(s.handles)}
	v.Busy = s.peersBusy
	for _, h := range s.handles {
		v.Track(wireSocket(h))
	}
	return nil
}

// wireSocket is what the view needs to know of a handle.
func wireSocket(h *Handle) wire.Socket {
	label := h.Name
	if label == "" {
		label = h.ref
	}
	ws := wire.Socket{ID: h.ID, Label: label, FD: -1}
	if p := h.Peer; p != nil && !p.Stopped() {
		ws.Fixed, ws.Proto = wire.AddrPort(p.Local), unix.IPPROTO_TCP
		if p.Opt.UDP {
			ws.Proto = unix.IPPROTO_UDP
		}
		return ws
	}
	if h.Sock == nil {
		return ws
	}
	if h.Sock.Family == unix.AF_INET || h.Sock.Family == unix.AF_INET6 {
		switch h.Sock.Type {
		case unix.SOCK_STREAM:
			ws.Proto = unix.IPPROTO_TCP
		case unix.SOCK_DGRAM:
			ws.Proto = unix.IPPROTO_UDP
		}
	}
	if !h.Closed() {
		ws.FD = h.Sock.FD
	}
	return ws
}

func (s *Session) wireBegin(text string) {
	if s.wire == nil {
		return
	}
	s.wire.touched = s.wire.touched[:0]
	s.wire.made = len(s.handles)
	s.wire.report = nil
	s.wire.view.Begin(text)
}

func (s *Session) wireEnd() {
	w := s.wire
	if w == nil || w.report != nil {
		return
	}
	socks := make([]wire.Socket, 0, len(w.touched)+len(s.handles)-w.made)
	for _, h := range w.touched {
		socks = append(socks, wireSocket(h))
	}
	for _, h := range s.handles[min(w.made, len(s.handles)):] {
		socks = append(socks, wireSocket(h))
	}
	w.report = w.view.End(socks)
}

// wirePrint writes the ladder under the command's result.
func (s *Session) wirePrint(o expect.Outcome) {
	if s.wire == nil || s.wire.report == nil {
		return
	}
	for _, l := range s.wire.report.Lines() {
		s.Out.Line(l...)
	}
	if !o.Failed && o.DataKind == 'b' && len(o.Data) == 0 && s.Set.Hints {
		if n := s.wire.report.EOF(s.wire.subject()); n != "" {
			s.Out.Line(render.P(render.Hint, "  "+n))
		}
	}
}

// wireHint is the hint for a failure from what the wire saw, or "".
func (s *Session) wireHint(err error) string {
	if s.wire == nil || s.wire.report == nil {
		return ""
	}
	var e unix.Errno
	errors.As(err, &e)
	return s.wire.report.Hint(e, errors.Is(err, sock.ErrTimeout), s.wire.subject())
}

// subject is the handle the command was about: the first it named.
func (w *wireView) subject() int {
	if len(w.touched) > 0 {
		return w.touched[0].ID
	}
	return 0
}

// wireTouch notes a handle the running command uses.
func (s *Session) wireTouch(h *Handle) {
	if s.wire != nil {
		s.wire.touched = append(s.wire.touched, h)
	}
}
