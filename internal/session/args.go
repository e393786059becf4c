package session

import (
	"errors"
	"math"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/literal"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/sock"
	"sockrepl/internal/sockopt"
)

// args walks a command's words. Every method that fails says which word
// was wrong and what the command expected there, with the command's usage.
type args struct {
	s     *Session
	cmd   *command
	words []string
	i     int
	// names are the statement's NAME = names not yet given to a handle
	// the command made (see add).
	names []string
	// vals are the parameters' values, by the command's declaration (see
	// bind); store holds them without an allocation.
	vals  []value
	store [maxParams]value
	// option is the OPT a command was given (one at most): kept here,
	// not in every value, as it is large.
	option sockopt.Option
	one    [1]string // the default word fillDefault reads, without an allocation
	spans  spans     // which words each parameter took (see bind)
}

// add registers a handle the command made, giving it the statement's
// next name, as it is made, so its result line shows it.
func (a *args) add(sk *sock.Socket, f *File, owned bool) *Handle {
	h := a.s.add(sk, f, owned)
	if len(a.names) > 0 {
		a.s.bind(a.names[0], h)
		a.names = a.names[1:]
	}
	return h
}

// addAddr names the address a command returns beside its handles with
// the statement's name left for it, if any (conn, addr = accept srv).
func (a *args) addAddr(sa unix.Sockaddr) {
	if len(a.names) > 0 && a.cmd.namesAddr {
		a.s.bindAddr(a.names[0], sa)
		a.names = a.names[1:]
	}
}

func (a *args) more() bool { return a.i < len(a.words) }

func (a *args) peek() string {
	if a.more() {
		return a.words[a.i]
	}
	return ""
}

func (a *args) next() string {
	w := a.words[a.i]
	a.i++
	return w
}

// missing is the error for an argument that is not there.
func (a *args) missing(what string) error {
	return usageErr("%s", msgMissing.S(msg.A("cmd", a.cmd.name), msg.A("what", what), msg.A("usage", a.cmd.usage())))
}

// bad is the error for a word that is there but wrong.
func (a *args) bad(why string) error {
	return badArg(a.cmd, why)
}

// done fails when words are left over.
func (a *args) done() error {
	if a.more() {
		return usageErr("%s", msgUnexpectedAfter.S(msg.A("cmd", a.cmd.name), msg.A("word", quoteWord(a.peek())), msg.A("usage", a.cmd.usage())))
	}
	return nil
}

// handle reads a handle reference.
func (a *args) handle() (*Handle, error) {
	if !a.more() {
		return nil, a.missing(msgMissingHandle.S())
	}
	h, err := a.s.handle(a.next())
	if err != nil {
		return nil, err
	}
	return h, nil
}

// socket reads a handle that must be a socket.
func (a *args) socket() (*Handle, error) {
	h, err := a.handle()
	if err != nil {
		return nil, err
	}
	if h.Peer != nil {
		return nil, usageErr("%s", msgIsAPeer.S(msg.A("cmd", a.cmd.name), msg.A("ref", h.ref)))
	}
	if h.Sock == nil {
		return nil, usageErr("%s", msgIsAFile.S(msg.A("cmd", a.cmd.name), msg.A("ref", h.ref)))
	}
	return h, nil
}

// address reads an address in the socket's family: one word, or host and
// port as two.
func (a *args) address(family int) (unix.Sockaddr, error) {
	rest := a.words[a.i:]
	if len(rest) == 0 && family != unix.AF_UNIX {
		return nil, a.missing(msgMissingAddr.S(msg.A("example", exampleAddr(family))))
	}
	sa, used, err := addr.Parse(family, rest)
	if err != nil {
		var gai *addr.GaiError
		if errors.As(err, &gai) {
			return nil, err
		}
		switch {
		case errors.Is(err, addr.ErrPortRange):
			a.i += used // refused as Python refuses them: the call's words
			return nil, pyErr("OverflowError", "%s: %v", a.cmd.name, err)
		case errors.Is(err, addr.ErrPortType):
			a.i += used
			return nil, pyErr("TypeError", "%s: %v", a.cmd.name, err)
		}
		return nil, cmdErr(a.cmd.name, err)
	}
	a.i += used
	return sa, nil
}

func exampleAddr(family int) string {
	switch family {
	case unix.AF_INET6:
		return "[::1]:8080"
	case unix.AF_UNIX:
		return msgUnixAddrExample.S()
	}
	return "127.0.0.1:8080"
}

// data reads a data literal.
func (a *args) data() ([]byte, error) {
	if !a.more() {
		return nil, a.missing(msgMissingData.S())
	}
	w := a.next()
	if d, ok := a.s.dataArg(w); ok {
		return []byte(d), nil
	}
	b, err := literal.Parse(w, literal.Options{Wait: a.s.Sys.WaitReadable})
	var bad *literal.Error
	if errors.As(err, &bad) {
		return nil, cmdErr(a.cmd.name, err)
	}
	if err != nil {
		return nil, err // Ctrl-C while a file was read
	}
	return b, nil
}

// text reads one word as text (quotes removed).
func (a *args) text(what string) (string, error) {
	if !a.more() {
		return "", a.missing(what)
	}
	w := a.next()
	t, err := literal.Unquote(w)
	if err != nil {
		return "", cmdErr(a.cmd.name, err)
	}
	return t, nil
}

// integer reads a whole number in [lo, hi].
func (a *args) integer(what string, lo, hi int64) (int64, error) {
	if !a.more() {
		return 0, a.missing(what)
	}
	w := a.next()
	n, err := strconv.ParseInt(w, 0, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return 0, pyErr("OverflowError", "%s: %s is too large for %s", a.cmd.name, w, what)
		}
		return 0, a.bad(msgWholeNumber.S(msg.A("what", what), msg.A("word", strconv.Quote(w))))
	}
	if n < lo || n > hi {
		return 0, a.bad(msgNumberRange.S(msg.A("what", what), msg.A("lo", lo), msg.A("hi", hi), msg.A("word", w)))
	}
	return n, nil
}

// cint reads an argument that Python passes to C as an int: one that does
// not fit is OverflowError there, and here.
func (a *args) cint(what string) (int, error) {
	if !a.more() {
		return 0, a.missing(what)
	}
	w := a.peek()
	n, err := a.integer(what, math.MinInt64, math.MaxInt64)
	if err != nil {
		return 0, err
	}
	if n < math.MinInt32 || n > math.MaxInt32 {
		return 0, cIntOverflow(a.cmd.name, what+" "+w)
	}
	return int(n), nil
}

func looksNumeric(w string) bool {
	if w == "" {
		return false
	}
	if w[0] == '-' || w[0] == '+' {
		w = w[1:]
	}
	return w != "" && w[0] >= '0' && w[0] <= '9'
}

// flags reads optional message flags (`peek|dontwait`, MSG_*, numbers).
func (a *args) flags() (int, error) {
	if !a.more() {
		return 0, nil
	}
	w := a.next()
	v, err := names.MsgFlags.LookupFlags(w)
	if err != nil {
		return 0, a.lookupErr(err)
	}
	if v < math.MinInt32 || v > math.MaxUint32 {
		// The flags are a C int: Python cannot pass this either.
		return 0, pyErr("OverflowError", "%s: flags %s do not fit in a C int", a.cmd.name, w)
	}
	return v, nil
}

// table reads a name from one of the names tables.
func (a *args) table(t *names.Table, what string) (int, error) {
	if !a.more() {
		return 0, a.missing(what)
	}
	v, err := t.Lookup(a.next())
	if err != nil {
		return 0, a.lookupErr(err)
	}
	return v, nil
}

// boolean reads true/false, on/off, yes/no, 1/0.
func (a *args) boolean(what string) (bool, error) {
	if !a.more() {
		return false, a.missing(what)
	}
	w := a.next()
	if b, ok := parseBool(w); ok {
		return b, nil
	}
	return false, a.bad(msgTrueFalse.S(msg.A("what", what), msg.A("word", strconv.Quote(w))))
}

func parseBool(w string) (bool, bool) {
	switch strings.ToLower(w) {
	case "true", "on", "yes", "1":
		return true, true
	case "false", "off", "no", "0":
		return false, true
	}
	return false, false
}

// socktype reads a socket type with its C flags (`stream|nonblock`).
func (a *args) socktype() (int, error) {
	if !a.more() {
		return 0, a.missing(msgMissingType.S())
	}
	typ, flags, err := names.ParseType(a.next())
	if err != nil {
		return 0, a.lookupErr(err)
	}
	return typ | flags, nil
}

// looksLikeFlags: w is a flag set, or close enough to one that flags()
// should explain what is wrong with it (a misspelled flag, an empty part).
func looksLikeFlags(w string) bool {
	if _, err := names.MsgFlags.LookupFlags(w); err == nil {
		return true
	}
	return strings.Contains(w, "|") || names.MsgFlags.Suggest(w) != ""
}

// badArg is the usage error for one wrong argument of c: what was wrong,
// then c's synopsis, in the learner's language.
func badArg(c *command, why string) error {
	return usageErr("%s", msgBadArg.S(msg.A("cmd", c.name), msg.A("why", why), msg.A("usage", c.usage())))
}
