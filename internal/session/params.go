package session

import (
	"slices"
	"strings"

	"sockrepl/internal/errno"
	"sockrepl/internal/names"
	"sockrepl/internal/sockopt"
)

// Param is one parameter of a command, as its command-table row declares
// it. The synopsis in help and errors, the README table, the hints and the
// completion are all rendered from these; a Python call binds to them by
// Python's names.
type Param struct {
	// Kinds are what the argument is, by the names of the kinds table
	// (H, ADDR, FAMILY…); more than one when it may be either (close H|F).
	Kinds []string
	// Choices are literal words it may be instead (rd|wr|rdwr, none).
	Choices []string
	// Optional: it may be left out; Default is then what it is ("" when
	// the command works it out, as recv's flags 0 or read's to the end).
	Optional bool
	Default  string
	// DefaultWord is the word that stands for Default where one must be
	// written (a later parameter given by keyword): "0" for getaddrinfo's
	// "any" family. "": Default itself.
	DefaultWord string
	// Repeat: it may be given more than once (poll H...).
	Repeat bool
	// Keyword: written NAME=VALUE only (socket's fileno=FD).
	Keyword string
	// Python is the parameter's name in the Python call ("family",
	// "bufsize"); "" for the object the method is called on (H in
	// s.recv) and for what Python has no parameter for. PyKeyword: Python
	// accepts it as a keyword argument too (socket.socket(type=…)), not
	// only by position (s.recv(bufsize) is positional-only).
	Python    string
	PyKeyword bool
	// reader parses its words: its own, or else its kind's.
	reader reader
	// pyWord turns a Python argument into a word for the reader: its
	// own, or else its kind's (see pyWordFor).
	pyWord pyArgWord
}

// read parses the parameter's words from a's cursor into v.
func (p *Param) read(a *args, v *value) error { return p.reader(a, v) }

// reads gives the parameter a reader of its own: for a parameter of more
// than one kind, or one whose words only its command gives a meaning.
func (p Param) reads(r reader) Param { p.reader = r; return p }

// fromPy gives the parameter its own converter from Python values.
func (p Param) fromPy(f pyArgWord) Param { p.pyWord = f; return p }

// Synopsis is the parameter as help writes it: FAMILY, [PROTO], H...,
// rd|wr|rdwr, [fileno=FD].
func (p Param) Synopsis() string {
	w := strings.Join(append(append([]string{}, p.Kinds...), p.Choices...), "|")
	if p.Keyword != "" {
		w = p.Keyword + "=" + w
	}
	if p.Repeat {
		w += "..."
	}
	if p.Optional {
		w = "[" + w + "]"
	}
	return w
}

// Is reports whether the parameter takes the kind named k.
func (p Param) Is(k string) bool {
	for _, x := range p.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// fits reports whether w can be p's word, by p's literal choices
// and its kinds' look (getsockopt H [LEVEL] OPT: SO_TYPE is no LEVEL).
func (p Param) fits(w string) bool {
	if w == "" || strings.HasPrefix(w, "$") { // left to its default; a value known when it runs
		return true
	}
	if slices.ContainsFunc(p.Choices, func(ch string) bool { return strings.EqualFold(ch, w) }) {
		return true
	}
	for _, k := range p.Kinds {
		if kd := kinds[k]; kd == nil || kd.Fits(w, nil) {
			return true
		}
	}
	return len(p.Kinds) == 0 && len(p.Choices) == 0
}

// synopsis renders a command's parameters: "H [BUFSIZE] [FLAGS]".
func synopsis(ps []Param) string {
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Synopsis()
	}
	return strings.Join(out, " ")
}

// Constructors that keep the command table one row a command.

// arg is a required positional parameter of one kind; py is its Python
// name ("" for the socket itself).
func arg(kind, py string) Param { return Param{Kinds: []string{kind}, Python: py} }

// opt is an optional positional parameter with its default ("" when the
// command works it out).
func opt(kind, py, def string) Param {
	return Param{Kinds: []string{kind}, Python: py, Optional: true, Default: def}
}

// either is a parameter that takes any of the kinds and literal words
// given, written a|b|c: upper-case words are kinds, lower-case ones
// literal choices.
func either(py string, words ...string) Param {
	p := Param{Python: py}
	for _, w := range words {
		if strings.ToUpper(w) == w {
			p.Kinds = append(p.Kinds, w)
		} else {
			p.Choices = append(p.Choices, w)
		}
	}
	return p
}

// kw marks the parameters Python also takes by keyword (Python-level
// functions such as socket.socket; C methods such as s.recv take none).
func kw(ps ...Param) []Param {
	for i := range ps {
		if ps[i].Python != "" {
			ps[i].PyKeyword = true
		}
	}
	return ps
}

func (p Param) optional() Param { p.Optional = true; return p }
func (p Param) repeat() Param   { p.Repeat = true; return p }

// word sets the word that stands for the default (see DefaultWord).
func (p Param) word(w string) Param { p.DefaultWord = w; return p }

// Kind is one kind of argument: how a word of it looks and what it stands
// for. One row each in kinds; completion, hints and the commands ask here.
type Kind struct {
	Name    string // as synopses write it: FAMILY
	What    string // what it is, for help and hints
	Example string // "e.g. inet, inet6, unix"
	// Word is one word of this kind as the README writes it ("inet"),
	// which Fits: for tests and for documentation that needs one.
	Word string
	// Numeric: a number. An optional numeric parameter is told from the
	// next one by its look (recv H [BUFSIZE] [FLAGS]: `recv a peek`).
	Numeric bool
	// fits reports whether w can be an argument of this kind; given says
	// what was given for another kind of the same command (OPT depends on
	// LEVEL). nil: any word.
	fits func(w string, given func(kind string) string) bool
	// read parses a parameter of this kind (see reader); nil for kinds
	// only parameters with readers of their own take.
	read reader
	// pyWord turns a Python argument into a word read reads; nil: an
	// integer. pySource writes a word of it as Python source (set
	// python on, saved programs); nil: as it is.
	pyWord   pyArgWord
	pySource func(s *Session, w string, recvFamily int) string
}

// Fits reports whether w can be an argument of this kind. given (may be
// nil) says what the statement gave for another kind.
func (k *Kind) Fits(w string, given func(kind string) string) bool {
	if given == nil {
		given = func(string) string { return "" }
	}
	return k.fits == nil || k.fits(w, given)
}

// kinds is the table of argument kinds.
var kinds = indexKinds(kindRows())

func indexKinds(rows []*Kind) map[string]*Kind {
	m := make(map[string]*Kind, len(rows))
	for _, k := range rows {
		m[k.Name] = k
	}
	return m
}

func kindRows() []*Kind {
	numeric := func(w string, _ func(string) string) bool { return looksNumeric(w) }
	return []*Kind{
		{Name: "H", pySource: pySrcHandle, read: readSocket, Word: "1", What: "a socket handle: 3, #3 or a name"},
		{Name: "F", pySource: pySrcHandle, read: readFile, Word: "f", What: "a file handle made by makefile: 3, #3 or a name"},
		{Name: "FD", read: readCInt("FD"), Word: "5", What: "a file descriptor number", Example: "e.g. %srv (a handle's fd) or 5"},
		{Name: "ADDR", pySource: pyAddr, pyWord: pyAddrWord, read: readAddr, Word: "127.0.0.1:8080", What: "an address in the socket's family"},
		{Name: "FAMILY", pySource: pySrcFamily, read: readFamily, Word: "inet", What: "an address family", Example: "e.g. inet, inet6, unix",
			fits: func(w string, _ func(string) string) bool { _, err := names.Families.Lookup(w); return err == nil }},
		{Name: "TYPE", pySource: pySrcType, read: readType, Word: "stream", What: "a socket type", Example: "e.g. stream, dgram, stream|nonblock",
			fits: func(w string, _ func(string) string) bool { _, _, err := names.ParseType(w); return err == nil }},
		{Name: "PROTO", read: readProto, Word: "tcp", What: "a protocol", Example: "e.g. 0, tcp, udp",
			fits: func(w string, _ func(string) string) bool {
				_, err := names.Protocols.Lookup(w)
				return err == nil || isCANProto(w)
			}},
		{Name: "BACKLOG", read: readCInt("BACKLOG"), Word: "5", What: "the length of the accept queue", Example: "e.g. 5", Numeric: true, fits: numeric},
		{Name: "BUFSIZE", read: readBufsize, Word: "1024", What: "the most bytes to receive", Example: "e.g. 1024", Numeric: true, fits: numeric},
		{Name: "FLAGS", pySource: pySrcFlags, read: readFlags, Word: "peek", What: "message flags", Example: "e.g. peek, dontwait, peek|dontwait",
			fits: func(w string, _ func(string) string) bool { _, err := names.MsgFlags.LookupFlags(w); return err == nil }},
		{Name: "DATA", pySource: pySrcData, pyWord: pyDataWord, read: readData, Word: `"hi"`, What: "bytes to send", Example: `e.g. "hello\n", b'\x00', hex:6869, @file, "x"*1000`},
		{Name: "LEVEL", pySource: pySrcLevel, read: readLevel, Word: "socket", What: "an option level", Example: "e.g. socket, ip, tcp; may be left out: getsockopt 1 SO_RCVBUF",
			fits: func(w string, _ func(string) string) bool {
				if looksNumeric(w) {
					return true
				}
				if _, isOpt := sockopt.Named(w); isOpt {
					return false // an option name: the level was left out
				}
				_, err := sockopt.Levels.Lookup(w)
				return err == nil
			}},
		{Name: "OPT", pySource: pySrcOpt, read: readOpt, Word: "SO_RCVBUF", What: "a socket option", Example: "e.g. SO_REUSEADDR, SO_RCVBUF, TCP_NODELAY",
			fits: func(w string, given func(string) string) bool {
				if looksNumeric(w) {
					return true
				}
				if lv := given("LEVEL"); lv != "" {
					_, err := sockopt.Lookup(lv, w)
					return err == nil
				}
				_, ok := sockopt.Named(w)
				return ok
			}},
		{Name: "VALUE", pySource: pySrcValue, pyWord: pyOptValue, read: readOptValue, Word: "1", What: "the option's value"},
		{Name: "BUFLEN", read: readBuflen, Word: "16", What: "bytes to read raw", Example: "bytes to read raw, e.g. 16 (default: decoded)", Numeric: true, fits: numeric},
		{Name: "SECONDS", pySource: pySrcSeconds, read: readSeconds(forSleep), Word: "2.5", What: "seconds", Example: "e.g. 0.5", Numeric: true, fits: numeric},
		{Name: "TIMEOUT", read: readSeconds(forPoll), Word: "5", What: "seconds to wait", Example: "seconds, e.g. 5 (default 0: do not wait)", Numeric: true, fits: numeric},
		{Name: "MODE", pySource: pySrcStr, pyWord: pyMode, read: readText("MODE"), Word: "rb", What: "a file mode", Example: "r, w, rw, with b for bytes",
			fits: func(w string, _ func(string) string) bool {
				return w != "" && strings.Trim(strings.ToLower(w), "rwb") == ""
			}},
		{Name: "N", pyWord: pyCount, read: readCount, Word: "5", What: "how many to read", Example: "e.g. 5 (default: to the end of the stream)", Numeric: true, fits: numeric},
		{Name: "HOST", pySource: pySrcStr, pyWord: pyHost, read: readText("HOST"), Word: "localhost", What: "a host name or address", Example: "e.g. localhost, 127.0.0.1"},
		{Name: "PORT", pySource: pySrcPort, pyWord: pyPort, read: readPort, Word: "80", What: "a port number or service", Example: "e.g. 80", Numeric: true,
			fits: func(w string, _ func(string) string) bool { return looksNumeric(w) || strings.HasPrefix(w, "$") }},
		{Name: "IPV4", pySource: pySrcStr, pyWord: pyStr("inet_aton"), read: readText("IPV4"), Word: "127.0.0.1", What: "an IPv4 address in dotted form", Example: "e.g. 127.0.0.1 (C also reads 127.1 and 0x7f.0.0.1)"},
		{Name: "PACKED", pySource: pySrcData, pyWord: pyPacked, read: readData, Word: `b'\x7f\x00\x00\x01'`, What: "packed bytes", Example: `4 bytes, e.g. b'\x7f\x00\x00\x01' or hex:7f000001`},
		{Name: "INT", pyWord: pyIntWord, read: readBigInt, Word: "80", What: "an integer", Example: "e.g. 80 or 0x7f000001", Numeric: true, fits: numeric},
		{Name: "PATH", pySource: pySrcStr, read: readText("PATH"), Word: "/tmp/x.sock", What: "a file path", Example: "e.g. /tmp/x.sock"},
		{Name: "NAME", Word: "ECONNREFUSED", What: "an errno name", Example: "e.g. ECONNREFUSED or 111",
			fits: func(w string, _ func(string) string) bool { _, ok := errno.Lookup(w); return ok }},
		{Name: "NUMBER", Word: "111", What: "an errno number", Numeric: true, fits: numeric},
		{Name: "COMMAND", Word: "bind", What: "a command",
			fits: func(w string, _ func(string) string) bool {
				return lookup(w) != nil || lookup(strings.ToLower(w)) != nil
			}},
		{Name: "TOPIC", Word: "modes", What: "a help topic"},
		{Name: "FILE", read: readText("FILE"), Word: "lab.sock", What: "a file of commands", Example: "e.g. lab.sock"},
		{Name: "TEXT", read: readTexts, Word: "hello", What: "text to print"},
		{Name: "RATE", Word: "65536", What: "bytes a second", Example: "e.g. 65536", Numeric: true, fits: numeric},
		{Name: "BYTES", Word: "1000", What: "how many bytes to send", Example: "e.g. 1000 (default: without end)", Numeric: true, fits: numeric},
	}
}

// resolveReaders gives each parameter without a reader of its own its
// kind's. Every parameter must have one: a row that lacks it fails at
// start-up, not when a learner types the command.
func resolveReaders(cs []*command) {
	for _, c := range cs {
		c.sig = parseSig(c.python)
		c.sig.conv = resolveConv(c)
		if len(c.params) > maxParams {
			panic(c.name + ": more parameters than maxParams")
		}
		for i := range c.params {
			p := &c.params[i]
			if p.reader == nil && len(p.Kinds) == 1 && len(p.Choices) == 0 {
				p.reader = kinds[p.Kinds[0]].read
			}
			if p.pyWord == nil && len(p.Kinds) > 0 {
				p.pyWord = kinds[p.Kinds[0]].pyWord
			}
			if p.reader == nil {
				panic(c.name + ": no reader for " + p.Synopsis())
			}
		}
	}
}

// KindOf returns the kind named k (H, FAMILY…), nil when there is none.
func KindOf(k string) *Kind { return kinds[k] }

// isCANProto: CAN's protocols are read by the CAN family's table, not the
// protocols table (see names), but fit a PROTO all the same.
func isCANProto(w string) bool {
	switch strings.TrimPrefix(strings.ToLower(w), "can_") {
	case "raw", "bcm":
		return true
	}
	return false
}
