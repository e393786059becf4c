package lesson

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/errno"
	"sockrepl/internal/expect"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/peer"
	"sockrepl/internal/rawfile"
	"sockrepl/internal/session"
)

// A check is a named predicate over the session's state with KEY=VALUE
// arguments (a bare word for a flag; VALUE may start with ! to negate
// it). "Since" means since the step began for a check line, and during the
// last statement for a wrong line.

// checks is the table of checks a lesson file may use.
var checks = []*checkDef{
	{name: "made", params: []param{{"family", kFamily}, {"type", kType}, {"proto", kProto}, {"fd", kFD}},
		want: msg.New("lesson.want.made", "a socket made in this step", "本步中新建的套接字"),
		doc: msg.New("lesson.doc.made", "a socket made since (by socket, socketpair, fromfd, dup, accept), still open; fd=same: its fd is another handle's (fileno=), fd=dup: another fd on the same socket",
			"此后新建（socket、socketpair、fromfd、dup、accept）且仍打开的套接字；fd=same：它的 fd 是另一个句柄的（fileno=），fd=dup：同一个套接字的另一个 fd"),
		holds: holdsMade},
	{name: "bound", params: []param{{"port", kPort}},
		want: msg.New("lesson.want.bound", "a bind that succeeded", "一次成功的 bind"),
		doc: msg.New("lesson.doc.bound", "a bind since that succeeded, on a socket still open; port=ephemeral: the kernel chose it (port 0), port=fixed: one you chose, port=N",
			"此后一次成功的 bind，套接字仍打开；port=ephemeral：端口由内核选择（端口 0），port=fixed：你自己选的端口，port=N"),
		holds: holdsBound},
	{name: "listening", params: []param{{"backlog", kInt}},
		want: msg.New("lesson.want.listening", "a socket that listens", "一个正在监听的套接字"),
		doc: msg.New("lesson.doc.listening", "an open socket that listens; backlog=N: with that backlog (TCP, from TCP_INFO)",
			"一个打开并正在监听的套接字；backlog=N：连接队列长度为 N（TCP，取自 TCP_INFO）"),
		holds: holdsListening},
	{name: "queue-full",
		want: msg.New("lesson.want.queue-full", "a listener whose queue of connections to accept is full", "一个已连接队列已满的监听套接字"),
		doc: msg.New("lesson.doc.queue-full", "a TCP listener whose accept queue is full (more waiting connections than its backlog)",
			"一个 TCP 监听套接字，其 accept 队列已满（等待的连接多于 backlog）"),
		holds: holdsQueueFull},
	{name: "connected", params: []param{{"family", kFamily}},
		want: msg.New("lesson.want.connected", "two handles that are the two ends of one connection", "两个句柄是同一个连接的两端"),
		doc: msg.New("lesson.doc.connected", "two open handles of the session are the two ends of one connection (both have addresses)",
			"会话中两个打开的句柄是同一个连接的两端（两端都有地址）"),
		holds: holdsConnected},
	{name: "call", params: []param{{"", kCommands}, {"ok", kFlag}, {"failed", kFlag}, {"errno", kErrno}, {"class", kValue}, {"timeout", kFlag}, {"interrupted", kFlag}, {"value", kValue}, {"partial", kFlag}, {"complete", kFlag}, {"min", kInt}, {"to", kPeer}, {"type", kType}},
		want: msg.New("lesson.want.call", "a call: {call}", "一次调用：{call}"),
		doc: msg.New("lesson.doc.call", "a call since: `call NAME[|NAME…]` then any of ok, failed, errno=E, class=C (Python's class), timeout, interrupted (Ctrl-C), value=REPR, partial (a send that sent less than asked), complete (all of it), min=N (of at least N bytes), to=KIND (on a socket connected to a peer of that kind: sink, echo…), type=T (on a socket of that type: stream, dgram…)",
			"此后的一次调用：`call NAME[|NAME…]`，后面可跟 ok、failed、errno=E、class=C（Python 的异常类）、timeout、interrupted（Ctrl-C）、value=REPR、partial（只发出了一部分的 send）、complete（全部发出）、min=N（至少 N 字节）、to=KIND（套接字连到该类 peer：sink、echo……）、type=T（在该类型的套接字上：stream、dgram……）"),
		holds: holdsCall},
	{name: "mode", params: []param{{"", kMode}},
		want: msg.New("lesson.want.mode", "a socket in that mode", "一个处于该模式的套接字"),
		doc: msg.New("lesson.doc.mode", "an open socket that is blocking, nonblocking or timeout (has a timeout)",
			"一个处于阻塞、非阻塞或超时（设了超时）模式的打开的套接字"),
		holds: holdsMode},
	{name: "sndbuf", params: []param{{"max", kInt}},
		want: msg.New("lesson.want.sndbuf", "a socket with a small send buffer", "一个发送缓冲区很小的套接字"),
		doc: msg.New("lesson.doc.sndbuf", "an open socket whose SO_SNDBUF (as getsockopt reads it) is at most max=N",
			"一个打开的套接字，其 SO_SNDBUF（getsockopt 读到的值）至多为 max=N"),
		holds: holdsSndbuf},
	{name: "fd-kept",
		want: msg.New("lesson.want.fd-kept", "a closed socket whose fd a file keeps open", "一个已关闭、但其 fd 仍被文件保持打开的套接字"),
		doc: msg.New("lesson.doc.fd-kept", "a socket closed while a file made from it by makefile is open, so its fd stays open",
			"一个已关闭的套接字，由它 makefile 出的文件仍打开，所以它的 fd 仍然打开"),
		holds: holdsFDKept},
}

type kind int

const (
	kFlag     kind = iota // a bare word
	kInt                  // a number
	kFamily               // a family name or number
	kType                 // a socket type
	kProto                // a protocol
	kErrno                // an errno name
	kCommands             // command names joined with |
	kPort                 // ephemeral, fixed or a number
	kMode                 // blocking, nonblocking, timeout
	kFD                   // same or dup
	kValue                // any text: a Python repr, a class name
	kPeer                 // a peer's kind: echo, sink…
)

type param struct {
	key  string // "" for the positional word
	kind kind
}

type checkDef struct {
	name   string
	params []param
	want   *msg.M // what it waits for, as `lesson` shows a step
	doc    *msg.M // for lesson check's errors and the README
	holds  func(w *world, p *Pred) bool
}

// Pred is one check line: a check and its arguments.
type Pred struct {
	Line int
	Text string
	def  *checkDef
	args map[string]arg
}

type arg struct {
	neg bool
	s   string // as written (without !)
	n   int    // the number it stands for, for numbers and names
	set []string
}

var checksByName = func() map[string]*checkDef {
	m := map[string]*checkDef{}
	for _, c := range checks {
		m[c.name] = c
	}
	return m
}()

// CheckNames lists the checks, for help and tests.
func CheckNames() []string {
	var out []string
	for _, c := range checks {
		out = append(out, c.name)
	}
	return out
}

func parsePred(text string) (*Pred, error) {
	words := strings.Fields(text)
	def := checksByName[words[0]]
	if def == nil {
		sug := ""
		if s := names.Closest(words[0], CheckNames(), 2); s != "" {
			sug = msgDidYouMean.S(msg.A("word", s))
		}
		return nil, errors.New(msgUnknownCheck.S(msg.A("word", strconv.Quote(words[0])), msg.A("suggestion", sug), msg.A("checks", strings.Join(CheckNames(), ", "))))
	}
	p := &Pred{Text: text, def: def, args: map[string]arg{}}
	for _, w := range words[1:] {
		key, value, hasValue := strings.Cut(w, "=")
		var prm *param
		for i := range def.params {
			q := &def.params[i]
			if q.key == key && (hasValue || q.kind == kFlag) || q.key == "" && !hasValue && q.kind != kFlag && p.args[""].s == "" {
				prm = q
				break
			}
		}
		if prm == nil {
			return nil, errors.New(msgDoesNotTake.S(msg.A("check", def.name), msg.A("word", strconv.Quote(w)), msg.A("doc", def.doc.S())))
		}
		if prm.kind == kFlag {
			if hasValue {
				return nil, errors.New(msgTakesNoValue.S(msg.A("check", def.name), msg.A("key", key)))
			}
			p.args[key] = arg{s: key}
			continue
		}
		if prm.key == "" {
			value = w
		}
		a, err := parseArg(prm.kind, value)
		if err != nil {
			return nil, fmt.Errorf("%s: %s", def.name, err)
		}
		p.args[prm.key] = a
	}
	for _, q := range def.params {
		if q.key == "" {
			if _, ok := p.args[""]; !ok {
				return nil, errors.New(msgNeedsFirstWord.S(msg.A("check", def.name), msg.A("doc", def.doc.S())))
			}
		}
	}
	return p, nil
}

func parseArg(k kind, value string) (arg, error) {
	a := arg{}
	if strings.HasPrefix(value, "!") {
		a.neg, value = true, value[1:]
	}
	a.s = value
	if value == "" {
		return a, errors.New(msgValueMissing.S())
	}
	var err error
	switch k {
	case kInt:
		a.n, err = strconv.Atoi(value)
		if err != nil || a.n < 0 {
			return a, errors.New(msgNotANumber.S(msg.A("value", strconv.Quote(value))))
		}
	case kFamily:
		a.n, err = names.Families.Lookup(value)
	case kType:
		a.n, _, err = names.ParseType(value)
	case kProto:
		a.n, err = names.Protocols.Lookup(value)
	case kErrno:
		info, ok := errno.Lookup(value)
		if !ok {
			return a, errors.New(msgUnknownErrno.S(msg.A("value", strconv.Quote(value))))
		}
		a.n = int(info.Errno)
	case kCommands:
		known := session.CommandNames()
		for _, c := range strings.Split(value, "|") {
			if !slices.Contains(known, c) {
				return a, errors.New(msgNotACommand.S(msg.A("value", strconv.Quote(c))))
			}
			a.set = append(a.set, c)
		}
	case kPort:
		if value != "ephemeral" && value != "fixed" {
			a.n, err = strconv.Atoi(value)
			if err != nil || a.n < 0 || a.n > 65535 {
				return a, errors.New(msgBadPort.S(msg.A("value", strconv.Quote(value))))
			}
		}
	case kMode:
		if value != "blocking" && value != "nonblocking" && value != "timeout" {
			return a, errors.New(msgBadMode.S(msg.A("value", strconv.Quote(value))))
		}
	case kPeer:
		if !slices.Contains(peer.Kinds, value) {
			return a, errors.New(msgBadPeerKind.S(msg.A("kinds", msg.List(msg.Current(), peer.Kinds)), msg.A("value", strconv.Quote(value))))
		}
	case kFD:
		if value != "same" && value != "dup" {
			return a, errors.New(msgBadFD.S(msg.A("value", strconv.Quote(value))))
		}
	}
	return a, err
}

// matchInt says whether an argument holds for v; a missing one holds.
func (p *Pred) matchInt(key string, v int) bool {
	a, ok := p.args[key]
	return !ok || (a.n == v) != a.neg
}

func (p *Pred) matchStr(key string, v string) bool {
	a, ok := p.args[key]
	return !ok || (a.s == v) != a.neg
}

func (p *Pred) has(key string) bool { _, ok := p.args[key]; return ok }

// world is the session as the checks of one moment see it; handle states
// are read from the kernel once, when a check first needs them.
type world struct {
	sess   Observed
	mark   int
	events []session.Event
	states []session.HandleState
	read   bool
	// only, when set, limits the sockets state checks look at (a wrong
	// looks at those the last statement named or made).
	only map[int]bool
	// scope, when set, are the handles the lesson has made or named since
	// it began: a socket left from before (another lesson's connection,
	// its timeout) does not do a step of this one.
	scope map[int]bool
}

// Observed is what checks read of a session.
type Observed interface {
	EventsSince(mark int) []session.Event
	HandleStates() []session.HandleState
}

func (w *world) handles() []session.HandleState {
	if !w.read {
		w.states, w.read = w.sess.HandleStates(), true
	}
	return w.states
}

func (w *world) handle(id int) *session.HandleState {
	hs := w.handles()
	if id >= 1 && id <= len(hs) {
		return &hs[id-1]
	}
	return nil
}

// openSockets are the handles that are open sockets, of those the check
// looks at (the last statement's for a wrong, the lesson's).
func (w *world) openSockets() []*session.HandleState { return w.sockets(true) }

// sockets are the open sockets in the lesson's scope; lastOnly: only those
// of the last statement too, when a wrong looks.
func (w *world) sockets(lastOnly bool) []*session.HandleState {
	var out []*session.HandleState
	hs := w.handles()
	for i := range hs {
		if lastOnly && w.only != nil && !w.only[hs[i].ID] || !w.inScope(hs[i].ID) {
			continue
		}
		if !hs[i].File && !hs[i].Background && !hs[i].Closed {
			out = append(out, &hs[i])
		}
	}
	return out
}

func (w *world) inScope(id int) bool { return w.scope == nil || w.scope[id] }

func (p *Pred) holds(w *world) bool { return p.def.holds(w, p) }

func holdsMade(w *world, p *Pred) bool {
	for _, e := range w.events {
		for _, id := range e.Created {
			h := w.handle(id)
			if h == nil || h.File || h.Background || h.Closed || !p.matchInt("family", h.Family) || !p.matchInt("type", h.Type) || !p.matchInt("proto", h.Proto) {
				continue
			}
			if fd, ok := p.args["fd"]; ok && sharesSocket(w, h, fd.s) == fd.neg {
				continue
			}
			return true
		}
	}
	return false
}

// sharesSocket: another open handle has h's fd (same: fileno=), or h's fd
// is a new one on a socket another handle has an fd of (dup: fromfd, dup),
// one or the other, never both. The other handle may be any of the
// session's: it is h that the check is about.
func sharesSocket(w *world, h *session.HandleState, how string) bool {
	same, other := false, false
	hs := w.handles()
	for i := range hs {
		o := &hs[i]
		if o.ID == h.ID || o.File || o.Background || o.Closed {
			continue
		}
		same = same || o.FD == h.FD
		other = other || o.FD != h.FD && o.Inode == h.Inode && h.Inode != 0
	}
	if how == "same" {
		return same
	}
	return other && !same
}

func holdsBound(w *world, p *Pred) bool {
	for _, e := range w.events {
		if e.Command != "bind" || e.Failed || len(e.Handles) == 0 {
			continue
		}
		h := w.handle(e.Handles[0])
		if h == nil || h.Closed || h.Local == nil {
			continue
		}
		a, ok := p.args["port"]
		if !ok {
			return true
		}
		port, hasPort := addr.Port(h.Local)
		if !hasPort {
			continue
		}
		var match bool
		switch a.s {
		case "ephemeral":
			match = ephemeral(port)
		case "fixed":
			match = !ephemeral(port)
		default:
			match = port == a.n
		}
		if match != a.neg {
			return true
		}
	}
	return false
}

// ephemeral reports whether the kernel hands out port from its range for
// port 0 (net.ipv4.ip_local_port_range).
func ephemeral(port int) bool {
	lo, hi := portRange()
	return port >= lo && port <= hi
}

var portRange = sync.OnceValues(func() (int, int) {
	b, err := rawfile.ReadFile("/proc/sys/net/ipv4/ip_local_port_range")
	if err == nil {
		f := strings.Fields(string(b))
		if len(f) == 2 {
			lo, err1 := strconv.Atoi(f[0])
			hi, err2 := strconv.Atoi(f[1])
			if err1 == nil && err2 == nil {
				return lo, hi
			}
		}
	}
	return 32768, 60999 // Linux's default
})

func holdsListening(w *world, p *Pred) bool {
	for _, h := range w.openSockets() {
		if h.State == "LISTEN" && p.matchInt("backlog", h.Backlog) {
			return true
		}
	}
	return false
}

func holdsQueueFull(w *world, _ *Pred) bool {
	for _, h := range w.openSockets() {
		if h.State == "LISTEN" && h.AcceptQueue > h.Backlog {
			return true
		}
	}
	return false
}

func holdsConnected(w *world, p *Pred) bool {
	socks := w.sockets(false)
	for _, a := range w.openSockets() {
		if a.Local == nil || a.Peer == nil || !p.matchInt("family", a.Family) {
			continue
		}
		al, ap := addr.Format(a.Local), addr.Format(a.Peer)
		if al == "" || ap == "" {
			continue
		}
		for _, b := range socks {
			if b.ID != a.ID && b.Local != nil && b.Peer != nil && addr.Format(b.Local) == ap && addr.Format(b.Peer) == al {
				return true
			}
		}
	}
	return false
}

func holdsCall(w *world, p *Pred) bool {
	names := p.args[""]
	for i := range w.events {
		e := &w.events[i]
		if slices.Contains(names.set, e.Command) == names.neg {
			continue
		}
		if p.has("ok") && e.Failed || p.has("failed") && !e.Failed {
			continue
		}
		if p.has("errno") && !p.matchInt("errno", int(e.Errno)) {
			continue
		}
		if p.has("errno") && !p.args["errno"].neg && !e.Failed {
			continue
		}
		if p.has("class") && !p.matchStr("class", e.Class) {
			continue
		}
		if p.has("timeout") && e.Fail != expect.FailTimeout || p.has("interrupted") && e.Fail != expect.FailInterrupted {
			continue
		}
		if p.has("value") && (e.Failed || !p.matchStr("value", e.Value)) {
			continue
		}
		if p.has("partial") && !(e.Partial() && (!e.Failed || e.Sent > 0)) {
			continue
		}
		if p.has("complete") && (e.Failed || e.Of == 0 || e.Sent != e.Of) {
			continue
		}
		if m, ok := p.args["min"]; ok && (e.Of >= m.n) == m.neg {
			continue
		}
		if to, ok := p.args["to"]; ok && (len(e.Handles) == 0 || toPeer(w, e.Handles[0], to.s) == to.neg) {
			continue
		}
		if _, ok := p.args["type"]; ok && (len(e.Handles) == 0 || !onType(w, e.Handles[0], p)) {
			continue
		}
		return true
	}
	return false
}

func holdsMode(w *world, p *Pred) bool {
	want := p.args[""]
	for _, h := range w.openSockets() {
		mode := "timeout"
		switch {
		case h.Timeout < 0:
			mode = "blocking"
		case h.Timeout == 0:
			mode = "nonblocking"
		}
		if (mode == want.s) != want.neg {
			return true
		}
	}
	return false
}

func holdsSndbuf(w *world, p *Pred) bool {
	max, ok := p.args["max"]
	for _, h := range w.openSockets() {
		if h.Family == unix.AF_UNSPEC {
			continue
		}
		if !ok || (h.SndBuf <= max.n) != max.neg {
			return true
		}
	}
	return false
}

func holdsFDKept(w *world, _ *Pred) bool {
	for _, h := range w.handles() {
		if h.FDKept && (w.only == nil || w.only[h.ID]) && w.inScope(h.ID) {
			return true
		}
	}
	return false
}

// wanted says what a check still waits for, as `lesson` shows it: the
// check's description, and for a call the call as the file writes it.
func (p *Pred) wanted(l Lang) string {
	if p.def.name == "call" {
		return p.def.want.In(l, msg.A("call", strings.TrimSpace(strings.TrimPrefix(p.Text, "call"))))
	}
	return p.def.want.In(l)
}

// onType reports whether handle id, the socket a call acted on, is of
// the check's type (or, negated, of another).
func onType(w *world, id int, p *Pred) bool {
	h := w.handle(id)
	return h != nil && !h.File && !h.Background && p.matchInt("type", h.Type)
}

// toPeer reports whether handle id is connected to a background peer of
// that kind.
func toPeer(w *world, id int, kind string) bool {
	h := w.handle(id)
	if h == nil || h.Peer == nil {
		return false
	}
	// By port: a peer on the any-address (:0) is reached at 127.0.0.1.
	port, ok := addr.Port(h.Peer)
	if !ok {
		return addr.Format(h.Peer) != "" && peerAt(w, kind, func(sa unix.Sockaddr) bool { return addr.Format(sa) == addr.Format(h.Peer) })
	}
	return peerAt(w, kind, func(sa unix.Sockaddr) bool { p, ok := addr.Port(sa); return ok && p == port })
}

func peerAt(w *world, kind string, at func(unix.Sockaddr) bool) bool {
	for _, o := range w.handles() {
		if o.Background && o.PeerKind == kind && o.Local != nil && at(o.Local) {
			return true
		}
	}
	return false
}
