package session

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/names"
)

// command is one row of the command table: everything the shell knows
// about a command, for running it, for help, for completion and for the
// README.
type command struct {
	name    string
	aliases []string
	group   string // one of groups
	args    string // the argument synopsis, e.g. "H ADDR"
	python  string // the Python call it mirrors
	c       string // the C prototype underneath
	summary string
	example string
	errnos  []unix.Errno // what it commonly fails with
	creates int          // how many handles it makes (NAME = may name them)
	// defaults: what an optional argument of the synopsis is when left
	// out (FAMILY: inet), for the hints as a line is typed.
	defaults map[string]string
	// hintsAs: the command whose errno hints this one shares where it has
	// none of its own (sendall: send).
	hintsAs string
	run     func(s *Session, a *args) (*Result, error)
}

func (c *command) usage() string {
	if c.args == "" {
		return c.name
	}
	return c.name + " " + c.args
}

// groups orders help as the tutorial's table does.
var groups = []struct{ key, title string }{
	{"create", "Making sockets"},
	{"server", "Server socket calls"},
	{"client", "Client socket calls"},
	{"common", "Calls for any socket"},
	{"blocking", "Blocking, non-blocking and timeouts"},
	{"file", "File-like use"},
	{"names", "Names and addresses"},
	{"session", "The shell itself"},
}

// Errnos that many calls share.
var (
	eBadHandle = []unix.Errno{unix.EBADF, unix.ENOTSOCK}
)

// commands is the command table. Keep it in help order within each group.
var commands []*command

func init() {
	var settingNames []string
	for _, st := range settings {
		settingNames = append(settingNames, st.name)
	}
	commands = []*command{
		{name: "socket", group: "create", args: "[FAMILY] [TYPE] [PROTO] [fileno=FD]", python: "socket.socket(family, type, proto, fileno)", c: "int socket(int domain, int type, int protocol);",
			summary: "make a socket (default: inet stream 0); fileno=FD wraps an existing fd without copying it",
			example: "srv = socket inet stream", errnos: []unix.Errno{unix.EAFNOSUPPORT, unix.EPROTONOSUPPORT, unix.EPERM, unix.EMFILE}, creates: 1, run: cmdSocket,
			defaults: map[string]string{"FAMILY": "inet", "TYPE": "stream", "PROTO": "0"}},
		{name: "socketpair", group: "create", args: "[FAMILY] [TYPE] [PROTO]", python: "socket.socketpair(family, type, proto)", c: "int socketpair(int domain, int type, int protocol, int sv[2]);",
			summary: "make two connected sockets (default: unix stream)", example: "a, b = socketpair unix stream",
			errnos: []unix.Errno{unix.EAFNOSUPPORT, unix.EOPNOTSUPP, unix.EMFILE}, creates: 2, run: cmdSocketpair,
			defaults: map[string]string{"FAMILY": "unix", "TYPE": "stream", "PROTO": "0"}},
		{name: "fromfd", group: "create", args: "FD FAMILY TYPE [PROTO]", python: "socket.fromfd(fd, family, type, proto)", c: "int dup(int oldfd);",
			summary: "a new socket on a duplicate of FD", example: "fromfd %srv inet stream", errnos: []unix.Errno{unix.EBADF, unix.EMFILE}, creates: 1, run: cmdFromfd,
			defaults: map[string]string{"PROTO": "0"}},
		{name: "dup", group: "create", args: "H", python: "s.dup()", c: "int dup(int oldfd);",
			summary: "a second handle on a duplicate descriptor of the same socket", example: "copy = dup srv", errnos: []unix.Errno{unix.EBADF, unix.EMFILE}, creates: 1, run: cmdDup},

		{name: "bind", group: "server", args: "H ADDR", python: "s.bind(address)", c: "int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);",
			summary: "give the socket its local address (port 0: the kernel picks one)", example: "bind srv 127.0.0.1:0",
			errnos: []unix.Errno{unix.EADDRINUSE, unix.EADDRNOTAVAIL, unix.EACCES, unix.EINVAL, unix.EBADF}, run: cmdBind},
		{name: "listen", group: "server", args: "H [BACKLOG]", python: "s.listen(backlog)", c: "int listen(int sockfd, int backlog);",
			summary: "start accepting connections (BACKLOG default: 128, Python's)", example: "listen srv",
			errnos: []unix.Errno{unix.EOPNOTSUPP, unix.EADDRINUSE, unix.EBADF}, run: cmdListen,
			defaults: map[string]string{"BACKLOG": strconv.Itoa(defaultBacklog)}},
		{name: "accept", group: "server", args: "H", python: "s.accept()", c: "int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);",
			summary: "take the next connection: a new socket and the peer's address (waits if none)", example: "conn = accept srv",
			errnos: []unix.Errno{unix.EAGAIN, unix.EINVAL, unix.EOPNOTSUPP, unix.EMFILE, unix.EBADF}, creates: 1, run: cmdAccept},

		{name: "connect", group: "client", args: "H ADDR", python: "s.connect(address)", c: "int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);",
			summary: "connect to ADDR (waits for the handshake)", example: "connect cli $srv",
			errnos: []unix.Errno{unix.ECONNREFUSED, unix.EINPROGRESS, unix.EISCONN, unix.EALREADY, unix.ETIMEDOUT, unix.ENETUNREACH, unix.ENOENT, unix.EAFNOSUPPORT}, run: cmdConnect},
		{name: "connect_ex", group: "client", args: "H ADDR", python: "s.connect_ex(address)", c: "int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);",
			summary: "connect, returning the errno as a value (0 on success) instead of failing", example: "connect_ex cli 127.0.0.1:9",
			errnos: []unix.Errno{unix.ECONNREFUSED, unix.EINPROGRESS, unix.EISCONN}, run: cmdConnectEx, hintsAs: "connect"},

		{name: "recv", group: "common", args: "H [BUFSIZE] [FLAGS]", python: "s.recv(bufsize, flags)", c: "ssize_t recv(int sockfd, void *buf, size_t len, int flags);",
			summary: "receive up to BUFSIZE bytes (default 65536); b'' means the peer closed", example: "recv conn 1024",
			errnos: []unix.Errno{unix.EAGAIN, unix.ENOTCONN, unix.ECONNRESET, unix.EBADF}, run: cmdRecv,
			defaults: map[string]string{"BUFSIZE": strconv.Itoa(defaultBufsize)}},
		{name: "recvfrom", group: "common", args: "H [BUFSIZE] [FLAGS]", python: "s.recvfrom(bufsize, flags)", c: "ssize_t recvfrom(int sockfd, void *buf, size_t len, int flags, struct sockaddr *src_addr, socklen_t *addrlen);",
			summary: "receive a datagram and who sent it", example: "recvfrom udp",
			errnos: []unix.Errno{unix.EAGAIN, unix.ECONNREFUSED, unix.EBADF}, run: cmdRecvfrom, hintsAs: "recv",
			defaults: map[string]string{"BUFSIZE": strconv.Itoa(defaultBufsize)}},
		{name: "send", group: "common", args: "H DATA [FLAGS]", python: "s.send(data, flags)", c: "ssize_t send(int sockfd, const void *buf, size_t len, int flags);",
			summary: "send once; may send less than all of DATA (says `sent N of M`)", example: `send conn "hello\n"`,
			errnos: []unix.Errno{unix.EAGAIN, unix.EPIPE, unix.ECONNRESET, unix.ENOTCONN, unix.EDESTADDRREQ, unix.EMSGSIZE}, run: cmdSend},
		{name: "sendall", group: "common", args: "H DATA [FLAGS]", python: "s.sendall(data, flags)", c: "ssize_t send(int sockfd, const void *buf, size_t len, int flags); /* in a loop */",
			summary: "send until all of DATA is out; on failure says how much went", example: `sendall cli "x"*1000000`,
			errnos: []unix.Errno{unix.EAGAIN, unix.EPIPE, unix.ECONNRESET, unix.ENOTCONN}, run: cmdSendall, hintsAs: "send"},
		{name: "sendto", group: "common", args: "H DATA ADDR [FLAGS]", python: "s.sendto(data, flags, address)", c: "ssize_t sendto(int sockfd, const void *buf, size_t len, int flags, const struct sockaddr *dest_addr, socklen_t addrlen);",
			summary: "send a datagram to ADDR", example: "sendto udp ping 127.0.0.1:9999",
			errnos: []unix.Errno{unix.EAGAIN, unix.EMSGSIZE, unix.EISCONN, unix.EACCES, unix.ECONNREFUSED}, run: cmdSendto, hintsAs: "send"},
		{name: "shutdown", group: "common", args: "H rd|wr|rdwr", python: "s.shutdown(how)", c: "int shutdown(int sockfd, int how);",
			summary: "stop reading, writing or both (the peer sees end of stream after wr)", example: "shutdown cli wr",
			errnos: []unix.Errno{unix.ENOTCONN, unix.EBADF}, run: cmdShutdown},
		{name: "getpeername", group: "common", args: "H", python: "s.getpeername()", c: "int getpeername(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
			summary: "the address of the other end", example: "getpeername conn", errnos: []unix.Errno{unix.ENOTCONN, unix.EBADF}, run: cmdGetpeername},
		{name: "getsockname", group: "common", args: "H", python: "s.getsockname()", c: "int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
			summary: "the socket's own address", example: "getsockname srv", errnos: eBadHandle, run: cmdGetsockname},
		{name: "setsockopt", group: "common", args: "H [LEVEL] OPT VALUE", python: "s.setsockopt(level, opt, value)", c: "int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen);",
			summary: "set an option: a number, on/off, the fields of a structure, or raw bytes", example: "setsockopt srv SO_REUSEADDR 1",
			errnos: []unix.Errno{unix.ENOPROTOOPT, unix.EINVAL, unix.EPERM, unix.EBADF}, run: cmdSetsockopt},
		{name: "getsockopt", group: "common", args: "H [LEVEL] OPT [BUFLEN]", python: "s.getsockopt(level, opt, buflen)", c: "int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);",
			summary: "read an option, decoded; with BUFLEN, the raw bytes", example: "getsockopt srv SO_RCVBUF",
			errnos: []unix.Errno{unix.ENOPROTOOPT, unix.EINVAL, unix.EBADF}, run: cmdGetsockopt},
		{name: "close", group: "common", args: "H|F", python: "s.close()", c: "int close(int fd);",
			summary: "close a socket or file (closing twice is fine, as in Python)", example: "close conn", run: cmdClose},
		{name: "detach", group: "common", args: "H", python: "s.detach()", c: "",
			summary: "give up the descriptor without closing it; the handle is then closed", example: "detach cli", run: cmdDetach},

		{name: "setblocking", group: "blocking", args: "H true|false", python: "s.setblocking(flag)", c: "int ioctl(int fd, FIONBIO, int *on);",
			summary: "false is settimeout 0.0, true is settimeout none", example: "setblocking cli false", errnos: eBadHandle, run: cmdSetblocking},
		{name: "settimeout", group: "blocking", args: "H SECONDS|none", python: "s.settimeout(t)", c: "int ioctl(int fd, FIONBIO, int *on);",
			summary: "none: blocking; 0: non-blocking; T: every call waits at most T seconds", example: "settimeout conn 2.5", errnos: eBadHandle, run: cmdSettimeout},
		{name: "gettimeout", group: "blocking", args: "H", python: "s.gettimeout()", c: "",
			summary: "None, 0.0 or the seconds", example: "gettimeout conn", run: cmdGettimeout},
		{name: "poll", group: "blocking", args: "H... [TIMEOUT]", python: "select.poll().poll(timeout)", c: "int poll(struct pollfd *fds, nfds_t nfds, int timeout);",
			summary: "which handles are ready (POLLIN, POLLOUT, POLLHUP, POLLERR, POLLRDHUP); TIMEOUT in seconds, default 0; a negative one waits until a handle is ready, as poll(-1). A last bare number is the TIMEOUT: poll #1 #2 to poll two", example: "poll conn 5",
			errnos: eBadHandle, run: cmdPoll},

		{name: "fileno", group: "file", args: "H|F", python: "s.fileno()", c: "",
			summary: "the file descriptor (-1 once closed)", example: "fileno srv", run: cmdFileno},
		{name: "makefile", group: "file", args: "H [MODE]", python: "s.makefile(mode)", c: "",
			summary: "a file on the socket: MODE r, w, rw, with b for bytes (default r)", example: "f = makefile conn rwb", creates: 1, run: cmdMakefile},
		{name: "read", group: "file", args: "F [N]", python: "f.read(n)", c: "ssize_t recv(int sockfd, void *buf, size_t len, int flags); /* buffered */",
			summary: "read N bytes or characters, or everything to the end of the stream", example: "read f 5",
			errnos: []unix.Errno{unix.EAGAIN, unix.ECONNRESET}, run: cmdRead},
		{name: "readline", group: "file", args: "F", python: "f.readline()", c: "",
			summary: "read up to and including the next newline", example: "readline f", errnos: []unix.Errno{unix.EAGAIN, unix.ECONNRESET}, run: cmdReadline},
		{name: "write", group: "file", args: "F DATA", python: "f.write(data)", c: "",
			summary: "buffer DATA for sending (flush sends it)", example: `write f "hello\n"`, run: cmdWrite},
		{name: "flush", group: "file", args: "F", python: "f.flush()", c: "ssize_t send(int sockfd, const void *buf, size_t len, int flags); /* in a loop */",
			summary: "send what write buffered", example: "flush f", errnos: []unix.Errno{unix.EPIPE, unix.ECONNRESET}, run: cmdFlush},

		{name: "getaddrinfo", group: "names", args: "HOST PORT [FAMILY] [TYPE]", python: "socket.getaddrinfo(host, port, family, type)", c: "int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res);",
			summary: "the addresses to try for HOST and PORT (names from /etc/hosts only)", example: "getaddrinfo localhost 80 inet stream", run: cmdGetaddrinfo,
			defaults: map[string]string{"FAMILY": "any", "TYPE": "any"}},
		{name: "gethostname", group: "names", python: "socket.gethostname()", c: "int gethostname(char *name, size_t len);",
			summary: "this machine's host name", example: "gethostname", run: cmdGethostname},
		{name: "unlink", group: "names", args: "PATH", python: "os.unlink(path)", c: "int unlink(const char *pathname);",
			summary: "remove a unix socket file left by an earlier bind", example: "unlink /tmp/x.sock", errnos: []unix.Errno{unix.ENOENT, unix.EACCES}, run: cmdUnlink},

		{name: "ls", group: "session", summary: "every handle: number, name, fd, family, type, state, addresses, mode", example: "ls", run: cmdLs},
		{name: "errno", group: "session", args: "[NAME|NUMBER]", summary: "explain an errno (no argument: list them all)", example: "errno ECONNREFUSED", run: cmdErrno},
		{name: "help", group: "session", args: "[COMMAND|TOPIC]", summary: "the commands, one command in detail, or a topic (modes, families, options, flags, trace)", example: "help bind", run: cmdHelp},
		{name: "set", group: "session", args: strings.Join(settingNames, "|") + " VALUE", summary: "change a setting (no argument: show them)", example: "set trace on", run: cmdSet},
		{name: "source", group: "session", args: "FILE", summary: "run the commands in FILE", example: "source lab.sock", run: cmdSource},
		{name: "echo", group: "session", args: "TEXT...", summary: "print TEXT", example: `echo "server ready"`, run: cmdEcho},
		{name: "sleep", group: "session", args: "SECONDS", summary: "wait (Ctrl-C ends it)", example: "sleep 0.5", run: cmdSleep},
		{name: "quit", aliases: []string{"exit"}, group: "session", summary: "close every handle and leave (also Ctrl-D)", example: "quit", run: cmdQuit},
	}
	for _, c := range commands {
		byName[c.name] = c
		for _, al := range c.aliases {
			byName[al] = c
		}
	}
}

var byName = map[string]*command{}

func lookup(name string) *command { return byName[name] }

// unknownCommand is the error for a first word that is no command.
func unknownCommand(w string) error {
	msg := "unknown command " + quoteWord(w)
	if s := suggestCommand(strings.ToLower(w)); s != "" {
		msg += " (did you mean " + s + "?)"
	}
	return usageErr("%s; help lists the commands", msg)
}

func suggestCommand(w string) string {
	if len(w) < 2 {
		return ""
	}
	return names.Closest(w, slices.Collect(maps.Keys(byName)), 2)
}

func (s *Session) suggestName(w string) string {
	return names.Closest(w, slices.Collect(maps.Keys(s.names)), 2)
}

// CommandNames lists every command and alias, for completion.
func CommandNames() []string {
	out := make([]string, 0, len(byName))
	for n := range byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// creators are the commands that make handles, which NAME = can name.
func creators() []string {
	var out []string
	for _, c := range commands {
		if c.creates > 0 {
			out = append(out, c.name)
		}
	}
	return out
}
