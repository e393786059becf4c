package session

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math/big"
	"math/bits"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/errno"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/rawfile"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
	"sockrepl/internal/sockopt"
)

func cmdPoll(s *Session, a *args) (*Result, error) {
	hs, timeout := a.get("H").hs, a.get("TIMEOUT").d
	fds := make([]int, len(hs))
	for i, h := range hs {
		if h.Sock.FD < 0 {
			// select.poll's register refuses it, as Python does.
			return nil, pyErr("ValueError", "file descriptor cannot be a negative integer (-1)%s", msgPollClosed.S(msg.A("ref", h.ref)))
		}
		fds[i] = h.Sock.FD
	}
	events := int16(unix.POLLIN | unix.POLLOUT | unix.POLLRDHUP)
	rev, err := s.Sys.Poll(fds, events, timeout)
	if err != nil {
		return nil, err
	}
	first := names.PollEvents.FormatFlags(int(uint16(rev[0])))
	r := result(first)
	ready := 0
	for i, h := range hs {
		text := names.PollEvents.FormatFlags(int(uint16(rev[i])))
		if rev[i] != 0 {
			ready++
		} else {
			text = msgNotReady.S()
		}
		r.line(render.P(render.Handle, handleText(h)), render.P(render.Note, fmt.Sprintf("  fd=%d  ", h.Sock.FD)), render.P(render.Value, text))
	}
	r.parts = append(r.parts[:0], render.P(render.Value, strconv.Itoa(ready)), render.P(render.Note, "  "+msgOfNReady.S(msg.A("n", len(hs)))))
	return r, nil
}

func cmdLs(s *Session, a *args) (*Result, error) {
	r := result(strconv.Itoa(len(s.handles)))
	if len(s.handles) == 0 {
		r.parts = append(r.parts[:0], render.P(render.Note, msgNoHandles.S()))
		return r, nil
	}
	// Columns line up by display width: a Chinese heading is twice as
	// wide as its characters are many.
	rows := [][]string{strings.Split(msgLsHeader.S(), "|")}
	for _, h := range s.handles {
		rows = append(rows, strings.Split(s.lsRow(h), "\t"))
	}
	lines := render.Columns(rows, 2)
	r.parts = append(r.parts[:0], render.P(render.Note, lines[0]))
	for _, l := range lines[1:] {
		r.line(render.P(render.Plain, l))
	}
	return r, nil
}

// lsRow describes one handle. It asks the kernel directly, without
// tracing: this is the shell's own bookkeeping, not a call of the user's.
func (s *Session) lsRow(h *Handle) string {
	name := h.Name
	if name == "" {
		name = "-"
	}
	if h.Peer != nil {
		return peerRow(h, name)
	}
	if h.File != nil {
		f := h.File
		state, fd := msgStateOpen.S(), strconv.Itoa(f.sock.Sock.FD)
		if f.closed {
			state, fd = msgStateClosed.S(), "-"
		}
		return fmt.Sprintf("%d\t%s\t%s\t%s\t%s\t%s\t%s\t-\t-\t%s", h.ID, name, fd, msgKindFile.S(), pyrepr.Str(f.mode), state, msgOnHandle.S(msg.A("ref", f.sock.ref)), fileBuffers(f))
	}
	sk := h.Sock
	if sk.FD < 0 {
		last := "-"
		if h.LastAddr != nil {
			last = addr.Format(h.LastAddr)
		}
		return fmt.Sprintf("%d\t%s\t-\t%s\t%s\t%s\t%s\t-\t-\t-", h.ID, name, short(names.Families, sk.Family), short(names.Types, sk.Type), msgStateClosed.S(), last)
	}
	state := socketState(sk)
	if h.closing {
		state = msgStateClosedKept.S(msg.A("files", h.files))
	}
	local, peer := "-", "-"
	if sa, err := sock.Sockname(sk); err == nil && sa != nil {
		local = addr.Format(sa)
	}
	if sa, err := sock.Peername(sk); err == nil && sa != nil {
		peer = addr.Format(sa)
	}
	mode := modeName(sk)
	return fmt.Sprintf("%d\t%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s", h.ID, name, sk.FD, short(names.Families, sk.Family), short(names.Types, sk.Type), state, local, peer, mode, socketQueues(sk, state))
}

// socketQueues is what waits in the socket's queues: bytes to receive
// and bytes not yet acknowledged; for a TCP listener, which has neither,
// the connections waiting for accept and the backlog, as ss shows them.
func socketQueues(sk *sock.Socket, state string) string {
	if queued, backlog, ok := listenQueue(sk, state); ok {
		return msgListenQueue.S(msg.A("n", queued), msg.A("backlog", backlog))
	}
	inq, _ := unix.IoctlGetInt(sk.FD, unix.SIOCINQ)
	outq, _ := unix.IoctlGetInt(sk.FD, unix.SIOCOUTQ)
	return strconv.Itoa(inq) + "/" + strconv.Itoa(outq)
}

// listenQueue is a TCP listener's accept queue: the connections waiting
// for accept and the most it holds (the backlog), from TCP_INFO.
func listenQueue(sk *sock.Socket, state string) (queued, backlog int, ok bool) {
	if state != "LISTEN" || sk.Type != unix.SOCK_STREAM || sk.Family != unix.AF_INET && sk.Family != unix.AF_INET6 {
		return 0, 0, false
	}
	info, err := unix.GetsockoptTCPInfo(sk.FD, unix.IPPROTO_TCP, unix.TCP_INFO)
	if err != nil {
		return 0, 0, false
	}
	// For a listener the kernel reports the accept queue in unacked and
	// its limit in sacked.
	return int(info.Unacked), int(info.Sacked), true
}

func short(t *names.Table, v int) string {
	if s := t.Short(v); s != "" {
		return s
	}
	return strconv.Itoa(v)
}

// socketState is TCP's state from TCP_INFO, or for other sockets whether
// they listen or have a peer.
func socketState(sk *sock.Socket) string {
	if (sk.Family == unix.AF_INET || sk.Family == unix.AF_INET6) && sk.Type == unix.SOCK_STREAM {
		if info, err := unix.GetsockoptTCPInfo(sk.FD, unix.IPPROTO_TCP, unix.TCP_INFO); err == nil {
			return sockopt.TCPStateName(int(info.State))
		}
	}
	if v, err := unix.GetsockoptInt(sk.FD, unix.SOL_SOCKET, unix.SO_ACCEPTCONN); err == nil && v == 1 {
		return "LISTEN"
	}
	if _, err := sock.Peername(sk); err == nil {
		return msgStateConnected.S()
	}
	return msgStateOpen.S()
}

func cmdErrno(s *Session, a *args) (*Result, error) {
	if !a.at(0).given {
		r := result("None", render.P(render.Note, msgEveryErrno.S()))
		for _, info := range errno.All() {
			r.line(render.P(render.Value, fmt.Sprintf("%4d %-16s", int(info.Errno), info.Name)), render.P(render.Plain, info.Message))
		}
		return r, nil
	}
	w := a.at(0).s
	info, found := errno.Lookup(w)
	if class, infos := errno.OfClass(w); !found && len(infos) > 0 {
		// Python's name for a failure: which errnos it stands for.
		var errnos []string
		for _, in := range infos {
			errnos = append(errnos, fmt.Sprintf("%s (%d)", in.Name, int(in.Errno)))
		}
		r := result(strconv.Quote(class), render.P(render.Value, class), render.P(render.Note, "  "+msgClassIs.S(msg.A("errnos", msg.List(msg.Current(), errnos)))))
		r.line(render.P(render.Hint, "  "+msgClassExplains.S(msg.A("class", class), msg.A("first", infos[0].Name))))
		for _, in := range infos {
			r.line(render.P(render.Value, "  "+in.Line()), render.P(render.Note, "  "), render.P(render.Hint, in.Hint))
		}
		return r, nil
	}
	if !found {
		sug := ""
		if s := errno.Suggest(w); s != "" {
			sug = msgDidYouMean.S(msg.A("word", s))
		}
		return nil, usageErr("%s", msgUnknownErrno.S(msg.A("word", strconv.Quote(w)), msg.A("suggestion", sug)))
	}
	// As a failed call prints it: with the class Python raises, if any.
	r := result(strconv.Itoa(int(info.Errno)), render.P(render.Value, info.FailLine()))
	if len(info.Aliases) > 0 {
		r.note("%s", msgAlso.S(msg.A("names", msg.List(msg.Current(), info.Aliases))))
	}
	r.line(render.P(render.Hint, "  "+info.Hint))
	for _, c := range commands {
		if h, ok := info.CallHints[c.name]; ok {
			r.line(render.P(render.Note, "  "+msgFromCommand.S(msg.A("cmd", c.name))), render.P(render.Hint, h))
		}
	}
	var from []string
	for _, c := range commands {
		for _, e := range c.errnos {
			if e == info.Errno {
				from = append(from, c.name)
			}
		}
	}
	if len(from) > 0 {
		r.line(render.P(render.Note, "  "+msgCommonlyFrom.S(msg.A("cmds", msg.List(msg.Current(), from)))))
	}
	return r, nil
}

func cmdHelp(s *Session, a *args) (*Result, error) {
	if topic := a.at(0); topic.given {
		w, arg := topic.s, ""
		if len(topic.ss) > 0 { // help options LEVEL
			arg = topic.ss[0]
		}
		if r, ok := helpTopic(w, arg); ok {
			return r, nil
		}
		c := lookup(w)
		if c == nil {
			sug := ""
			if s := suggestCommand(w); s != "" {
				sug = msgDidYouMean.S(msg.A("word", s))
			}
			return nil, usageErr("%s", msgNoHelpTopic.S(msg.A("word", quoteWord(w)), msg.A("suggestion", sug), msg.A("topics", strings.Join(HelpTopics(), ", "))))
		}
		return helpCommand(c), nil
	}
	r := result("None", render.P(render.Note, msgHelpIntro.S()))
	for _, g := range groups {
		r.line()
		r.line(render.P(render.Echo, g.title.S()))
		for _, c := range commands {
			if c.group == g.key {
				r.line(render.P(render.Value, fmt.Sprintf("  %-40s", c.usage())), render.P(render.Plain, "  "+c.summary.S()))
			}
		}
	}
	r.line()
	for _, l := range strings.Split(msgHelpFooter.S(), "\n") {
		r.line(render.P(render.Note, l))
	}
	r.line(render.P(render.Echo, msgMoreHelp.S()))
	for _, t := range topics {
		r.line(render.P(render.Value, fmt.Sprintf("  help %-35s", t.name)), render.P(render.Plain, t.summary.S()))
	}
	return r, nil
}

func helpCommand(c *command) *Result {
	r := result("None", render.P(render.Value, c.usage()))
	if len(c.aliases) > 0 {
		r.note("%s", msgAlso.S(msg.A("names", msg.List(msg.Current(), c.aliases))))
	}
	r.line(render.P(render.Plain, "  "+c.summary.S()))
	if c.python != "" {
		r.line(render.P(render.Note, helpLabel(msgLabelPython)), render.P(render.Plain, c.python))
	}
	if c.c != "" {
		r.line(render.P(render.Note, helpLabel(msgLabelC)), render.P(render.Plain, c.c))
	}
	if c.example != "" {
		r.line(render.P(render.Note, helpLabel(msgLabelExample)), render.P(render.Plain, c.example))
	}
	if len(c.errnos) > 0 {
		var es []string
		for _, e := range c.errnos {
			es = append(es, errno.Of(e).Name)
		}
		r.line(render.P(render.Note, helpLabel(msgLabelErrors)), render.P(render.Plain, strings.Join(es, ", ")+"  "+msgErrnoExplains.S()))
	}
	return r
}

// helpLabel is a label of help COMMAND's lines, padded so that what
// follows lines up in either language.
func helpLabel(m *msg.M) string { return "  " + render.Pad(m.S(), 9) }

// settings is the table of what `set` changes. value says what VALUE
// looks like, for the hint as a line is typed; onOff: it takes on or off.
var settings = []struct {
	name  string
	help  *msg.M
	value *msg.M
	onOff bool
	show  func(s *Session) string
	set   func(s *Session, w string) error
}{
	{"trace", msg.New("set.trace", "on|off: print the system calls each command makes", "on|off：打印每条命令发出的系统调用"), msgOnOrOff, true,
		func(s *Session) string { return onOff(s.Set.Trace) },
		func(s *Session, w string) error { return setBool(w, func(b bool) { s.SetTrace(b) }) }},
	{"hints", msg.New("set.hints", "on|off: explain errors for a learner", "on|off：为初学者解释错误"), msgOnOrOff, true,
		func(s *Session) string { return onOff(s.Set.Hints) },
		func(s *Session, w string) error { return setBool(w, func(b bool) { s.Set.Hints = b }) }},
	{"echo", msg.New("set.echo", "on|off: echo each command before its output", "on|off：输出结果前先回显命令"), msgOnOrOff, true,
		func(s *Session) string { return onOff(s.Set.Echo) },
		func(s *Session, w string) error { return setBool(w, func(b bool) { s.Set.Echo = b }) }},
	{"python", msg.New("set.python", "on|off: print under each command the Python statement that does the same", "on|off：在每条命令下打印做同样事情的 Python 语句"), msgOnOrOff, true,
		func(s *Session) string { return onOff(s.Set.Python) },
		func(s *Session, w string) error { return setBool(w, func(b bool) { s.Set.Python = b }) }},
	{"color", msg.New("set.color", "on|off (or always|never, as --color): color the output", "on|off（或 always|never，同 --color）：彩色输出"), msgOnOrOff, true,
		func(s *Session) string { return onOff(s.Out.Color) },
		func(s *Session, w string) error {
			switch strings.ToLower(w) {
			case "always":
				w = "on"
			case "never":
				w = "off"
			}
			return setBool(w, func(b bool) { s.Out.Color = b })
		}},
	{"wire", msg.New("set.wire", "on|off: show the packets under each call, and TCP states (needs root or --lab)", "on|off：在每个调用下显示经过的数据包和 TCP 状态（需要 root 或 --lab）"), msgOnOrOff, true,
		func(s *Session) string { return onOff(s.wire != nil) },
		func(s *Session, w string) error {
			b, ok := parseBool(w)
			if !ok {
				return errors.New(msgOnOffValue.S(msg.A("word", strconv.Quote(w))))
			}
			return s.SetWire(b)
		}},
	{"preview", msg.New("set.preview", "N: how many bytes of a payload to show (0: all)", "N：数据最多显示多少字节（0：全部显示）"),
		msg.New("set.preview.value", "bytes of a payload to show, e.g. 64 (0: all)", "显示的字节数，例如 64（0：全部）"), false,
		func(s *Session) string { return strconv.Itoa(s.Set.Preview) },
		func(s *Session, w string) error {
			n, err := strconv.Atoi(w)
			if err != nil || n < 0 || n > 1<<20 {
				return errors.New(msgPreviewRange.S(msg.A("max", 1<<20), msg.A("word", strconv.Quote(w))))
			}
			s.Set.Preview = n
			return nil
		}},
	{"lang", msg.New("set.lang", "en|zh: the language sockrepl speaks (English, 简体中文)", "en|zh：sockrepl 使用的语言（English、简体中文）"),
		msg.New("set.lang.value", "en or zh", "en 或 zh"), false,
		func(s *Session) string { return msg.Current().Code() },
		func(s *Session, w string) error {
			l, ok := msg.Parse(w)
			if !ok {
				return errors.New(msgLangValue.S(msg.A("word", strconv.Quote(w))))
			}
			msg.Set(l)
			return nil
		}},
}

// Lang is the language the session speaks (set lang, --lang, the locale).
func (s *Session) Lang() msg.Lang { return msg.Current() }

// SettingInfo is one setting of `set`, for completion and hints.
type SettingInfo struct {
	Name  string
	Value string // what its VALUE looks like
	OnOff bool   // it takes on or off
}

// SettingsInfo lists what `set` changes, in its order.
func SettingsInfo() []SettingInfo {
	out := make([]SettingInfo, len(settings))
	for i, st := range settings {
		out[i] = SettingInfo{Name: st.name, Value: st.value.S(), OnOff: st.onOff}
	}
	return out
}

func onOff(b bool) string {
	if b {
		return "on"
	}
	return "off"
}

func setBool(w string, apply func(bool)) error {
	b, ok := parseBool(w)
	if !ok {
		return errors.New(msgOnOffValue.S(msg.A("word", strconv.Quote(w))))
	}
	apply(b)
	return nil
}

func cmdSet(s *Session, a *args) (*Result, error) {
	name, value := a.at(0), a.at(1)
	if !name.given {
		r := result("None", render.P(render.Note, msgSettings.S()))
		for _, st := range settings {
			r.line(render.P(render.Value, fmt.Sprintf("  %-8s %-4s", st.name, st.show(s))), render.P(render.Note, "  "+st.help.S()))
		}
		return r, nil
	}
	st := settings[name.n]
	if err := st.set(s, value.s); err != nil {
		return nil, cmdErr("set "+st.name, err)
	}
	return ok().note("(%s %s)", st.name, st.show(s)), nil
}

func cmdSource(s *Session, a *args) (*Result, error) {
	path := a.get("FILE").s
	if s.Source == nil {
		return nil, usageErr("%s", msgSourceNoInput.S())
	}
	f, err := rawfile.OpenReader(path, s.Sys.WaitReadable)
	if err != nil {
		return nil, usageErr("%s", msgSourceCannotRead.S(msg.A("path", quoteWord(path)), msg.A("cause", rawfile.Cause(err))))
	}
	defer f.Close()
	err = s.Source(path, f)
	var usage *UsageError
	switch {
	case errors.Is(err, sock.ErrInterrupted), errors.As(err, &usage):
		return nil, err
	case err != nil:
		return nil, usageErr("%s", msgSourceCannotRead.S(msg.A("path", quoteWord(path)), msg.A("cause", rawfile.Cause(err))))
	}
	return nil, nil
}

func cmdEcho(s *Session, a *args) (*Result, error) {
	text := strings.Join(a.get("TEXT").ss, " ")
	return result(pyrepr.Str(text), render.P(render.Plain, render.Sanitize(text))), nil
}

func cmdSleep(s *Session, a *args) (*Result, error) {
	if err := s.Sys.Sleep(a.get("SECONDS").d); err != nil {
		return nil, err
	}
	return ok(), nil
}

func cmdQuit(s *Session, a *args) (*Result, error) {
	s.quitting = true
	return nil, nil
}

func cmdGethostname(s *Session, a *args) (*Result, error) {
	var u unix.Utsname
	if err := unix.Uname(&u); err != nil {
		return nil, err
	}
	return val(pyrepr.Str(unix.ByteSliceToString(u.Nodename[:]))), nil
}

func cmdInetAton(s *Session, a *args) (*Result, error) {
	b, ok := addr.InetAton(a.get("IPV4").s)
	if !ok {
		return nil, pyErr("OSError", "illegal IP address string passed to inet_aton")
	}
	r := s.bytesValue(b[:])
	return r, nil
}

func cmdInetNtoa(s *Session, a *args) (*Result, error) {
	b := a.get("PACKED").b
	if len(b) != 4 {
		return nil, pyErr("OSError", "packed IP wrong length for inet_ntoa")
	}
	return val(pyrepr.Str(netip.AddrFrom4([4]byte(b)).String())), nil
}

// cmdGethostbyname is the first IPv4 address of HOST, as getaddrinfo
// finds it (an IP literal, or a name in /etc/hosts); "" is 0.0.0.0.
func cmdGethostbyname(s *Session, a *args) (*Result, error) {
	host := a.get("HOST").s
	if host == "" {
		return val(pyrepr.Str("0.0.0.0")), nil
	}
	ips, err := addr.Resolve(host, unix.AF_INET)
	if err != nil {
		return nil, err
	}
	return val(pyrepr.Str(ips[0].String())), nil
}

// byteOrder is htons and ntohs (16 bits), htonl and ntohl (32): the two
// bytes or four in the other order on a little-endian machine, and as
// they are on a big-endian one, where host order is network order. Out of
// range is Python's OverflowError, in its words for each size.
func byteOrder(size int) func(*Session, *args) (*Result, error) {
	return func(s *Session, a *args) (*Result, error) {
		n, _ := new(big.Int).SetString(a.get("INT").s, 10)
		if size == 16 {
			switch {
			case n.Sign() < 0:
				return nil, pyErr("OverflowError", "%s: can't convert negative Python int to C 16-bit unsigned integer", a.cmd.name)
			case n.Cmp(big.NewInt(0xffff)) > 0:
				return nil, pyErr("OverflowError", "%s: Python int too large to convert to C 16-bit unsigned integer", a.cmd.name)
			}
			x := uint16(n.Uint64())
			if !bigEndian {
				x = bits.ReverseBytes16(x)
			}
			return val(strconv.FormatUint(uint64(x), 10)), nil
		}
		switch {
		case n.Sign() < 0:
			return nil, pyErr("OverflowError", "can't convert negative value to unsigned int")
		case n.Cmp(big.NewInt(0xffffffff)) > 0:
			return nil, pyErr("OverflowError", "int larger than 32 bits")
		}
		x := uint32(n.Uint64())
		if !bigEndian {
			x = bits.ReverseBytes32(x)
		}
		return val(strconv.FormatUint(uint64(x), 10)), nil
	}
}

// bigEndian: this machine keeps numbers high byte first, as the network
// does.
var bigEndian = binary.NativeEndian.Uint16([]byte{0, 1}) == 1

func cmdUnlink(s *Session, a *args) (*Result, error) {
	if err := unix.Unlink(a.get("PATH").s); err != nil {
		return nil, err
	}
	return ok(), nil
}

func cmdGetaddrinfo(s *Session, a *args) (*Result, error) {
	host, port := a.get("HOST").s, a.get("PORT").n
	family, typ := a.get("FAMILY").n, a.get("TYPE").n
	if strings.EqualFold(host, "none") {
		host = "localhost" // Python's None: the loopback address
		if family == unix.AF_UNSPEC {
			family = unix.AF_INET
		}
	}
	ips, err := addr.Resolve(host, family)
	if err != nil {
		return nil, err
	}
	// Without a type the C library answers once per type it knows.
	kinds := [][2]int{{unix.SOCK_STREAM, unix.IPPROTO_TCP}, {unix.SOCK_DGRAM, unix.IPPROTO_UDP}, {unix.SOCK_RAW, 0}}
	if typ != 0 {
		kinds = [][2]int{{typ, protoFor(typ)}}
	}
	r := result("")
	for _, ip := range ips {
		fam := unix.AF_INET6
		var sa unix.Sockaddr = &unix.SockaddrInet6{Port: port, Addr: ip.As16()}
		if ip.Is4() || ip.Is4In6() {
			fam = unix.AF_INET
			sa = &unix.SockaddrInet4{Port: port, Addr: ip.Unmap().As4()}
		}
		for _, k := range kinds {
			tuple := fmt.Sprintf("(%s, %s, %d, '', %s)", names.Families.Name(fam), names.Types.Name(k[0]), k[1], addr.Python(sa))
			if r.value == "" {
				r.value = tuple
			}
			r.line(render.P(render.Value, tuple))
		}
	}
	r.parts = append(r.parts[:0], render.P(render.Note, msgAddrinfoResults.S(msg.A("n", len(r.more)))))
	return r, nil
}

func protoFor(typ int) int {
	switch typ {
	case unix.SOCK_STREAM:
		return unix.IPPROTO_TCP
	case unix.SOCK_DGRAM:
		return unix.IPPROTO_UDP
	}
	return 0
}
