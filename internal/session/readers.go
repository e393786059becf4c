package session

import (
	"math/big"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/addr"
	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/peer"
	"sockrepl/internal/sockopt"
)

// The readers of the kinds table, and of the parameters whose words only
// their command gives a meaning (set's NAME, peer's options). Each reads
// its words from the cursor into its value's field, and fails naming the
// word and what was expected there.

func readSocket(a *args, v *value) (err error) {
	v.h, err = a.socket()
	v.given = err == nil
	return err
}

// readAnyHandle takes a handle of any kind (close H|F, fileno H|F).
func readAnyHandle(a *args, v *value) (err error) {
	v.h, err = a.handle()
	v.given = err == nil
	return err
}

// readFile takes a file handle, checked for what the command does with
// it (read, readline: readable; write: writable).
func readFile(a *args, v *value) error {
	need := ""
	switch a.cmd.name {
	case "read", "readline":
		need = "r"
	case "write":
		need = "w"
	}
	h, err := a.handle()
	if err != nil {
		return err
	}
	if err := a.checkFile(h, need); err != nil {
		return err
	}
	v.h, v.given = h, true
	return nil
}

// readAddr takes an address in the family of the command's socket (one
// word, or host and port as two); without a socket (peer), in the family
// the address looks like.
func readAddr(a *args, v *value) (err error) {
	family := unix.AF_INET
	if a.cmd.declares("H") {
		family = a.sock().Sock.Family
	} else if w := a.peek(); strings.HasPrefix(w, "[") || strings.Count(w, ":") > 1 {
		family = unix.AF_INET6
	}
	v.sa, err = a.address(family)
	v.given = err == nil
	return err
}

func readData(a *args, v *value) (err error) {
	v.b, err = a.data()
	v.given = err == nil
	return err
}

func readFamily(a *args, v *value) (err error) {
	v.n, err = a.table(names.Families, "FAMILY")
	v.given = err == nil
	return err
}

func readType(a *args, v *value) (err error) {
	v.n, err = a.socktype()
	v.given = err == nil
	return err
}

// readProto reads a protocol by the table of the family given before it.
func readProto(a *args, v *value) (err error) {
	v.n, err = a.table(names.ProtocolTable(a.get("FAMILY").n), "PROTO")
	v.given = err == nil
	return err
}

// readCInt reads a number Python passes to C as an int, named by its
// parameter's kind (BACKLOG, FD).
func readCInt(kind string) reader {
	return func(a *args, v *value) (err error) {
		v.n, err = a.cint(kind)
		v.given = err == nil
		return err
	}
}

// readBufsize reads recv's BUFSIZE, told from FLAGS by its look: a word
// that is no number is left for FLAGS.
func readBufsize(a *args, v *value) (err error) {
	if !looksNumeric(a.peek()) {
		return nil
	}
	v.n, err = a.bufsize()
	v.given = err == nil
	return err
}

func readFlags(a *args, v *value) (err error) {
	if !a.more() {
		return nil
	}
	if w := a.peek(); a.cmd.declares("BUFSIZE") && !a.given("BUFSIZE") && !looksLikeFlags(w) {
		// `recv a abc`: the word could have been meant as either.
		return a.bad(msgBufsizeOrFlags.S(msg.A("word", quoteWord(w))))
	}
	v.n, err = a.flags()
	v.given = err == nil
	return err
}

// readLevel reads getsockopt's and setsockopt's optional LEVEL. It is left
// out when the word is an option's name; a word that is neither is left
// for OPT to explain, unless more words follow, when it was most likely
// meant as a level.
func readLevel(a *args, v *value) error {
	w := a.peek()
	if !looksNumeric(w) {
		if _, isOpt := sockopt.Named(w); isOpt {
			return nil
		}
		if _, err := sockopt.Levels.Lookup(w); err != nil || a.i+1 >= len(a.words) {
			if err != nil && a.i+1 < len(a.words) {
				if sug := sockopt.Levels.Suggest(w); sug != "" {
					return usageErr("%s", msgUnknownLevel.S(msg.A("cmd", a.cmd.name), msg.A("word", quoteWord(w)), msg.A("suggestion", msgDidYouMean.S(msg.A("word", sug)))))
				}
			}
			return nil
		}
	}
	v.s, v.given = a.next(), true
	return nil
}

// readOpt reads an option by its name or number, in the level given.
func readOpt(a *args, v *value) error {
	level := a.get("LEVEL")
	if !a.more() {
		if level.given {
			return a.missing(msgOptAfterLevel.S(msg.A("level", level.s)))
		}
		return a.missing(msgMissingOpt.S())
	}
	o, err := sockopt.Lookup(level.s, a.next())
	if err != nil {
		return a.lookupErr(err)
	}
	a.option, v.given = o, true
	return nil
}

// readOptValue reads setsockopt's VALUE, encoded as the option's kind
// says (or given as raw bytes); it takes the rest of the words.
func readOptValue(a *args, v *value) error {
	o := a.option
	rest := a.words[a.i:]
	if len(rest) == 0 {
		return a.missing(msgValueFor.S(msg.A("name", o.Name)))
	}
	b, err := encodeOptValue(o, rest)
	if err != nil {
		return err
	}
	a.i = len(a.words)
	v.b, v.given = b, true
	return nil
}

// readBuflen reads getsockopt's BUFLEN, checked as CPython checks it
// before any system call.
func readBuflen(a *args, v *value) error {
	n, err := a.cint("BUFLEN")
	if err != nil {
		return err
	}
	if n < 0 || n > 1024 {
		return &PyError{Class: "OSError", Msg: "getsockopt buflen out of range", Note: msgBuflenNote.S()}
	}
	v.n, v.given = n, true
	return nil
}

// readSeconds reads seconds as the use converts them (see seconds).
func readSeconds(use secondsUse) reader {
	return func(a *args, v *value) (err error) {
		v.d, err = a.seconds(use)
		v.given = err == nil
		return err
	}
}

// readBigInt reads an integer of any size (Python's int), decimal or
// with a 0x, 0o or 0b prefix, into v.s as decimal digits; the command
// says which sizes it takes.
func readBigInt(a *args, v *value) error {
	if !a.more() {
		return a.missing("INT")
	}
	w := a.next()
	n, ok := new(big.Int).SetString(strings.ReplaceAll(w, "_", ""), 0)
	if !ok || strings.HasPrefix(w, "_") {
		return a.bad(msgWholeNumber.S(msg.A("what", "INT"), msg.A("word", strconv.Quote(w))))
	}
	v.s, v.given = n.String(), true
	return nil
}

// readText reads one word as text (FILE, PATH, MODE, HOST), named by its
// kind in a message when it is missing.
func readText(kind string) reader {
	return func(a *args, v *value) (err error) {
		v.s, err = a.text(kind)
		v.given = err == nil
		return err
	}
}

// readTexts reads every word left as text (echo's TEXT..., lesson's words).
func readTexts(a *args, v *value) error {
	for a.more() {
		t, err := a.text("TEXT")
		if err != nil {
			return err
		}
		v.ss = append(v.ss, t)
	}
	v.given = len(v.ss) > 0
	return nil
}

// readWord takes the next word as it is.
func readWord(a *args, v *value) error {
	if a.more() {
		v.s, v.given = a.next(), true
	}
	return nil
}

// readCount reads read's N: a whole number; negative reads to the end.
func readCount(a *args, v *value) error {
	n, err := a.integer("N", -1<<62, 1<<62)
	if err != nil {
		return err
	}
	v.n, v.given = int(n), true
	return nil
}

// readPort reads getaddrinfo's PORT: a number, a service name, or None.
func readPort(a *args, v *value) error {
	if !a.more() {
		return a.missing(msgMissingPort.S())
	}
	w := a.next()
	v.given = true
	if strings.EqualFold(w, "none") {
		return nil
	}
	var err error
	v.n, err = addr.Service(w)
	return err
}

// readHandles reads poll's H...: handles up to a last word that is a
// number, which is the TIMEOUT.
func readHandles(a *args, v *value) error {
	for a.more() {
		w := a.peek()
		if a.i == len(a.words)-1 && len(v.hs) > 0 && looksNumeric(w) && !strings.HasPrefix(w, "#") {
			break
		}
		h, err := a.socket()
		if err != nil {
			return err
		}
		v.hs = append(v.hs, h)
	}
	if len(v.hs) == 0 {
		return a.missing(msgHandleToPoll.S())
	}
	v.given = true
	return nil
}

// readShutdownHow reads rd, wr or rdwr (or SHUT_* or a number).
func readShutdownHow(a *args, v *value) (err error) {
	v.n, err = a.table(names.ShutdownHow, msgHow.S())
	v.given = err == nil
	return err
}

// readFlag reads setblocking's true or false.
func readFlag(a *args, v *value) error {
	on, err := a.boolean("FLAG")
	if err != nil {
		return err
	}
	v.n, v.given = 0, true
	if on {
		v.n = 1
	}
	return nil
}

// readFileno reads socket's fileno=FD: a descriptor to wrap, or None for
// a new socket (Python's default).
func readFileno(a *args, v *value) error {
	w := a.next()
	if w == "None" {
		return nil
	}
	n, ok := parseDecimal(w)
	if !ok || n < 0 || n > 1<<31-1 {
		return a.bad(msgFilenoNumber.S())
	}
	v.n, v.given = int(n), true
	return nil
}

// readPeerKind reads what a peer does: echo, sink, source, close, reset.
func readPeerKind(a *args, v *value) error {
	if !a.more() {
		return a.missing("KIND (" + strings.Join(peer.Kinds, ", ") + ")")
	}
	kind := strings.ToLower(a.next())
	for _, k := range peer.Kinds {
		if k == kind {
			v.s, v.given = kind, true
			return nil
		}
	}
	return usageErr("%s", msgPeerKind.S(msg.A("kinds", msg.List(msg.Current(), peer.Kinds)), msg.A("word", quoteWord(kind))))
}

// readPeerOptions reads peer's options, in any order: udp (or tcp),
// rate=BYTES and bytes=N. They fill this parameter (udp: n 1) and the
// RATE and BYTES parameters after it.
func readPeerOptions(a *args, v *value) error {
	rate, count := a.get("RATE"), a.get("BYTES")
	for a.more() {
		w := a.next()
		name, val, hasValue := strings.Cut(strings.ToLower(w), "=")
		switch {
		case name == "udp" && !hasValue:
			v.n, v.given = 1, true
		case name == "tcp" && !hasValue:
			v.n, v.given = 0, true
		case (name == "rate" || name == "bytes") && hasValue:
			n, ok := parseDecimal(val)
			if !ok || n < 1 || n > maxPeerNumber {
				return usageErr("%s", msgPeerNumber.S(msg.A("word", quoteWord(w)), msg.A("max", maxPeerNumber)))
			}
			dst := rate
			if name == "bytes" {
				dst = count
			}
			dst.n, dst.given = int(n), true
		default:
			return usageErr("%s", msgPeerOption.S(msg.A("word", quoteWord(w))))
		}
	}
	return nil
}

// parseDecimal reads a whole number written in decimal.
func parseDecimal(w string) (int64, bool) {
	if w == "" || len(w) > 18 {
		return 0, false
	}
	var n int64
	neg := w[0] == '-'
	if neg || w[0] == '+' {
		w = w[1:]
	}
	if w == "" {
		return 0, false
	}
	for i := 0; i < len(w); i++ {
		if w[i] < '0' || w[i] > '9' {
			return 0, false
		}
		n = n*10 + int64(w[i]-'0')
	}
	if neg {
		n = -n
	}
	return n, true
}

// readSettingName reads set's NAME; without it, set shows every setting.
func readSettingName(a *args, v *value) error {
	if !a.more() {
		return nil
	}
	name := strings.ToLower(a.next())
	var known []string
	for i, st := range settings {
		if st.name == name {
			v.s, v.n, v.given = name, i, true
			return nil
		}
		known = append(known, st.name)
	}
	text := msgUnknownSetting.S(msg.A("word", quoteWord(name)), msg.A("known", msg.List(msg.Current(), known)))
	if best := names.Closest(name, known, 2); best != "" {
		text += msgDidYouMean.S(msg.A("word", best))
	}
	return usageErr("%s", text)
}

// readSettingValue reads set's VALUE, which the setting checks.
func readSettingValue(a *args, v *value) error {
	name := a.at(0)
	if !name.given {
		return nil
	}
	if !a.more() {
		st := settings[name.n]
		return a.missing(msgSetValueFor.S(msg.A("name", st.name), msg.A("help", st.help.S())))
	}
	v.s, v.given = a.next(), true
	return nil
}

// readHelpTopic reads help's COMMAND or TOPIC, and the LEVEL of `help
// options LEVEL`.
func readHelpTopic(a *args, v *value) error {
	if !a.more() {
		return nil
	}
	v.s, v.given = strings.ToLower(a.next()), true
	if v.s == "options" && a.more() {
		v.ss = []string{a.next()}
	}
	return nil
}

// checkFile fails for a handle that is not an open file fit for need
// ("r": readable, "w": writable, "": any).
func (a *args) checkFile(h *Handle, need string) error {
	if h.File == nil {
		return usageErr("%s", msgIsASocket.S(msg.A("cmd", a.cmd.name), msg.A("ref", h.ref)))
	}
	f := h.File
	switch {
	case f.closed:
		return pyErr("ValueError", "I/O operation on closed file.")
	case need == "r" && !f.read:
		return pyErr("io.UnsupportedOperation", "not readable")
	case need == "w" && !f.write:
		return pyErr("io.UnsupportedOperation", "not writable")
	case need == "r" && f.timedOut:
		return pyErr("OSError", "cannot read from timed out object")
	}
	return nil
}

// declares reports whether the command has a parameter of kind k.
func (c *command) declares(k string) bool {
	for _, p := range c.params {
		if p.Is(k) {
			return true
		}
	}
	return false
}
