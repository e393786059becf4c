package session

import (
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/peer"
)

// command is one row of the command table: everything the shell knows
// about a command, for running it, for help, for completion and for the
// README.
type command struct {
	name    string
	aliases []string
	group   string // one of groups
	// params are its parameters, in order: the one declaration that its
	// synopsis, help, hints, completion and Python binding are made from.
	params  []Param
	python  string // the Python call it mirrors
	c       string // the C prototype underneath
	summary *msg.M
	example string
	errnos  []unix.Errno // what it commonly fails with
	creates int          // how many handles it makes (NAME = may name them)
	// namesAddr: a name after the handles' holds the address the call
	// returns beside them, as Python's tuple unpacks: conn, addr = accept srv.
	namesAddr bool
	// hintsAs: the command whose errno hints this one shares where it has
	// none of its own (sendall: send).
	hintsAs string
	run     func(s *Session, a *args) (*Result, error)
	// returns is what its Python call returns (nil: None); sig is its
	// python field read as a signature (see pySig).
	returns pyValue
	sig     pySig
	// pyConv says how CPython implements the call where its parameters
	// do not (see resolveConv): close is a def of socket.py, inet_aton
	// a PyArg_ParseTuple C function of one argument.
	pyConv pyConv
}

// addrNames is how many names after the handles' name an address.
func (c *command) addrNames() int {
	if c.namesAddr {
		return 1
	}
	return 0
}

func (c *command) usage() string {
	if len(c.params) == 0 {
		return c.name
	}
	return c.name + " " + synopsis(c.params)
}

// groups orders help as the tutorial's table does.
var groups = []struct {
	key   string
	title *msg.M
}{
	{"create", msg.New("cmd.group.create", "Making sockets", "创建套接字")},
	{"server", msg.New("cmd.group.server", "Server socket calls", "服务端套接字函数")},
	{"client", msg.New("cmd.group.client", "Client socket calls", "客户端套接字函数")},
	{"common", msg.New("cmd.group.common", "Calls for any socket", "公共用途的套接字函数")},
	{"blocking", msg.New("cmd.group.blocking", "Blocking, non-blocking and timeouts", "阻塞、非阻塞与超时")},
	{"file", msg.New("cmd.group.file", "File-like use", "面向文件的套接字函数")},
	{"names", msg.New("cmd.group.names", "Names and addresses", "名字与地址")},
	{"session", msg.New("cmd.group.session", "The shell itself", "shell 自身的命令")},
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
		{name: "socket", returns: objectValue, group: "create", params: kw(opt("FAMILY", "family", "inet"), opt("TYPE", "type", "stream"), opt("PROTO", "proto", "0"), Param{Kinds: []string{"FD"}, Keyword: "fileno", Optional: true, Python: "fileno"}.reads(readFileno)), python: "socket.socket([family, type, proto, fileno])", c: "int socket(int domain, int type, int protocol);",
			summary: msg.New("cmd.socket", "make a socket (default: inet stream 0); fileno=FD wraps an existing fd without copying it",
				"创建一个套接字（默认：inet stream 0）；fileno=FD 直接使用已有的 fd，而不是复制它"),
			example: "srv = socket inet stream", errnos: []unix.Errno{unix.EAFNOSUPPORT, unix.EPROTONOSUPPORT, unix.EPERM, unix.EMFILE}, creates: 1, run: cmdSocket},
		{name: "socketpair", returns: pairValue, group: "create", params: kw(opt("FAMILY", "family", "unix"), opt("TYPE", "type", "stream"), opt("PROTO", "proto", "0")), python: "socket.socketpair([family, type, proto])", c: "int socketpair(int domain, int type, int protocol, int sv[2]);",
			summary: msg.New("cmd.socketpair", "make two connected sockets (default: unix stream)",
				"创建一对相互连接的套接字（默认：unix stream）"), example: "a, b = socketpair unix stream",
			errnos: []unix.Errno{unix.EAFNOSUPPORT, unix.EOPNOTSUPP, unix.EMFILE}, creates: 2, run: cmdSocketpair},
		{name: "fromfd", returns: objectValue, group: "create", params: kw(arg("FD", "fd"), arg("FAMILY", "family"), arg("TYPE", "type"), opt("PROTO", "proto", "0")), python: "socket.fromfd(fd, family, type[, proto])", c: "int dup(int oldfd);",
			summary: msg.New("cmd.fromfd", "a new socket on a duplicate of FD",
				"在 FD 的副本上创建一个新套接字"), example: "fromfd %srv inet stream", errnos: []unix.Errno{unix.EBADF, unix.EMFILE}, creates: 1, run: cmdFromfd},
		{name: "dup", pyConv: convDef, returns: objectValue, group: "create", params: []Param{arg("H", "")}, python: "s.dup()", c: "int dup(int oldfd);",
			summary: msg.New("cmd.dup", "a second handle on a duplicate descriptor of the same socket",
				"复制描述符，为同一个套接字再开一个句柄"), example: "copy = dup srv", errnos: []unix.Errno{unix.EBADF, unix.EMFILE}, creates: 1, run: cmdDup},

		{name: "bind", group: "server", params: []Param{arg("H", ""), arg("ADDR", "address")}, python: "s.bind(address)", c: "int bind(int sockfd, const struct sockaddr *addr, socklen_t addrlen);",
			summary: msg.New("cmd.bind", "give the socket its local address (port 0: the kernel picks one)",
				"绑定本地地址（主机，端口号）到套接字（端口 0：由内核挑选）"), example: "bind srv 127.0.0.1:0",
			errnos: []unix.Errno{unix.EADDRINUSE, unix.EADDRNOTAVAIL, unix.EACCES, unix.EINVAL, unix.EBADF}, run: cmdBind},
		{name: "listen", group: "server", params: []Param{arg("H", ""), opt("BACKLOG", "backlog", strconv.Itoa(defaultBacklog))}, python: "s.listen([backlog])", c: "int listen(int sockfd, int backlog);",
			summary: msg.New("cmd.listen", "start accepting connections (BACKLOG default: 128, Python's)",
				"开始监听，接受连接（BACKLOG 默认为 128，与 Python 相同）"), example: "listen srv",
			errnos: []unix.Errno{unix.EOPNOTSUPP, unix.EADDRINUSE, unix.EBADF}, run: cmdListen},
		{name: "accept", pyConv: convDef, returns: acceptedValue, group: "server", params: []Param{arg("H", "")}, python: "s.accept()", c: "int accept4(int sockfd, struct sockaddr *addr, socklen_t *addrlen, int flags);",
			summary: msg.New("cmd.accept", "take the next connection: a new socket and the peer's address (waits if none)",
				"被动接受客户的连接：返回新套接字和对端地址（没有连接时阻塞等待）"), example: "conn = accept srv",
			errnos: []unix.Errno{unix.EAGAIN, unix.EINVAL, unix.EOPNOTSUPP, unix.EMFILE, unix.EBADF}, creates: 1, namesAddr: true, run: cmdAccept},

		{name: "connect", group: "client", params: []Param{arg("H", ""), arg("ADDR", "address")}, python: "s.connect(address)", c: "int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);",
			summary: msg.New("cmd.connect", "connect to ADDR (waits for the handshake)",
				"主动连接到 ADDR（等待三次握手完成）"), example: "connect cli $srv",
			errnos: []unix.Errno{unix.ECONNREFUSED, unix.EINPROGRESS, unix.EISCONN, unix.EALREADY, unix.ETIMEDOUT, unix.ENETUNREACH, unix.ENOENT, unix.EAFNOSUPPORT}, run: cmdConnect},
		{name: "connect_ex", returns: errnoValue, group: "client", params: []Param{arg("H", ""), arg("ADDR", "address")}, python: "s.connect_ex(address)", c: "int connect(int sockfd, const struct sockaddr *addr, socklen_t addrlen);",
			summary: msg.New("cmd.connect_ex", "connect, returning the errno as a value (0 on success) instead of failing",
				"connect 的扩展版本：出错时返回出错码（成功为 0），而不是失败"), example: "connect_ex cli 127.0.0.1:9",
			errnos: []unix.Errno{unix.ECONNREFUSED, unix.EINPROGRESS, unix.EISCONN}, run: cmdConnectEx, hintsAs: "connect"},

		{name: "recv", returns: payloadValue, group: "common", params: []Param{arg("H", ""), opt("BUFSIZE", "bufsize", strconv.Itoa(defaultBufsize)), opt("FLAGS", "flags", "")}, python: "s.recv(bufsize[, flags])", c: "ssize_t recv(int sockfd, void *buf, size_t len, int flags);",
			summary: msg.New("cmd.recv", "receive up to BUFSIZE bytes (default 65536); b'' means the peer closed",
				"接收最多 BUFSIZE 字节（默认 65536）；b'' 表示对端已关闭"), example: "recv conn 1024",
			errnos: []unix.Errno{unix.EAGAIN, unix.ENOTCONN, unix.ECONNRESET, unix.EBADF}, run: cmdRecv},
		{name: "recvfrom", returns: recvfromValue, group: "common", params: []Param{arg("H", ""), opt("BUFSIZE", "bufsize", strconv.Itoa(defaultBufsize)), opt("FLAGS", "flags", "")}, python: "s.recvfrom(bufsize[, flags])", c: "ssize_t recvfrom(int sockfd, void *buf, size_t len, int flags, struct sockaddr *src_addr, socklen_t *addrlen);",
			summary: msg.New("cmd.recvfrom", "receive a datagram and who sent it",
				"接收一个数据报，以及发送方的地址"), example: "recvfrom udp",
			errnos: []unix.Errno{unix.EAGAIN, unix.ECONNREFUSED, unix.EBADF}, run: cmdRecvfrom, hintsAs: "recv"},
		{name: "send", returns: payloadValue, group: "common", params: []Param{arg("H", ""), arg("DATA", "data"), opt("FLAGS", "flags", "")}, python: "s.send(data[, flags])", c: "ssize_t send(int sockfd, const void *buf, size_t len, int flags);",
			summary: msg.New("cmd.send", "send once; may send less than all of DATA (says `sent N of M`)",
				"发送一次；可能只发出 DATA 的一部分（会显示 `sent N of M`）"), example: `send conn "hello\n"`,
			errnos: []unix.Errno{unix.EAGAIN, unix.EPIPE, unix.ECONNRESET, unix.ENOTCONN, unix.EDESTADDRREQ, unix.EMSGSIZE}, run: cmdSend},
		{name: "sendall", group: "common", params: []Param{arg("H", ""), arg("DATA", "data"), opt("FLAGS", "flags", "")}, python: "s.sendall(data[, flags])", c: "ssize_t send(int sockfd, const void *buf, size_t len, int flags); /* in a loop */",
			summary: msg.New("cmd.sendall", "send until all of DATA is out; on failure says how much went",
				"反复发送，直到 DATA 全部发出；失败时说明已发出多少"), example: `sendall cli "x"*1000000`,
			errnos: []unix.Errno{unix.EAGAIN, unix.EPIPE, unix.ECONNRESET, unix.ENOTCONN}, run: cmdSendall, hintsAs: "send"},
		{name: "sendto", returns: payloadValue, group: "common", params: []Param{arg("H", ""), arg("DATA", "data"), arg("ADDR", "address"), opt("FLAGS", "flags", "")}, python: "s.sendto(data[, flags], address)", c: "ssize_t sendto(int sockfd, const void *buf, size_t len, int flags, const struct sockaddr *dest_addr, socklen_t addrlen);",
			summary: msg.New("cmd.sendto", "send a datagram to ADDR",
				"向 ADDR 发送一个数据报"), example: "sendto udp ping 127.0.0.1:9999",
			errnos: []unix.Errno{unix.EAGAIN, unix.EMSGSIZE, unix.EISCONN, unix.EACCES, unix.ECONNREFUSED}, run: cmdSendto, hintsAs: "send"},
		{name: "shutdown", group: "common", params: []Param{arg("H", ""), either("how", "rd", "wr", "rdwr").reads(readShutdownHow)}, python: "s.shutdown(how)", c: "int shutdown(int sockfd, int how);",
			summary: msg.New("cmd.shutdown", "stop reading, writing or both (the peer sees end of stream after wr)",
				"关闭读、写或读写两个方向（半关闭；wr 之后对端读到流结束）"), example: "shutdown cli wr",
			errnos: []unix.Errno{unix.ENOTCONN, unix.EBADF}, run: cmdShutdown},
		{name: "getpeername", returns: addressValue, group: "common", params: []Param{arg("H", "")}, python: "s.getpeername()", c: "int getpeername(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
			summary: msg.New("cmd.getpeername", "the address of the other end",
				"连接另一端（对端）的地址"), example: "getpeername conn", errnos: []unix.Errno{unix.ENOTCONN, unix.EBADF}, run: cmdGetpeername},
		{name: "getsockname", returns: addressValue, group: "common", params: []Param{arg("H", "")}, python: "s.getsockname()", c: "int getsockname(int sockfd, struct sockaddr *addr, socklen_t *addrlen);",
			summary: msg.New("cmd.getsockname", "the socket's own address",
				"套接字自己的地址"), example: "getsockname srv", errnos: eBadHandle, run: cmdGetsockname},
		{name: "setsockopt", group: "common", params: []Param{arg("H", ""), opt("LEVEL", "level", ""), arg("OPT", "optname"), arg("VALUE", "value")}, python: "s.setsockopt(level, optname, value)", c: "int setsockopt(int sockfd, int level, int optname, const void *optval, socklen_t optlen);",
			summary: msg.New("cmd.setsockopt", "set an option: a number, on/off, the fields of a structure, or raw bytes",
				"设置选项：数字、on/off、结构体的各个字段，或原始字节"), example: "setsockopt srv SO_REUSEADDR 1",
			errnos: []unix.Errno{unix.ENOPROTOOPT, unix.EINVAL, unix.EPERM, unix.EBADF}, run: cmdSetsockopt},
		{name: "getsockopt", returns: optionValue, group: "common", params: []Param{arg("H", ""), opt("LEVEL", "level", ""), arg("OPT", "optname"), opt("BUFLEN", "buflen", "")}, python: "s.getsockopt(level, optname[, buflen])", c: "int getsockopt(int sockfd, int level, int optname, void *optval, socklen_t *optlen);",
			summary: msg.New("cmd.getsockopt", "read an option, decoded; with BUFLEN, the raw bytes",
				"读取选项并解码；给出 BUFLEN 时返回原始字节"), example: "getsockopt srv SO_RCVBUF",
			errnos: []unix.Errno{unix.ENOPROTOOPT, unix.EINVAL, unix.EBADF}, run: cmdGetsockopt},
		{name: "close", pyConv: convDef, group: "common", params: []Param{either("", "H", "F").reads(readAnyHandle)}, python: "s.close()", c: "int close(int fd);",
			summary: msg.New("cmd.close", "close a socket or file (closing twice is fine, as in Python)",
				"关闭套接字或文件（与 Python 一样，关闭两次也没问题）"), example: "close conn", run: cmdClose},
		{name: "detach", pyConv: convDef, returns: payloadValue, group: "common", params: []Param{arg("H", "")}, python: "s.detach()", c: "",
			summary: msg.New("cmd.detach", "give up the descriptor without closing it; the handle is then closed",
				"放弃描述符但不关闭它；句柄随即视为已关闭"), example: "detach cli", run: cmdDetach},

		{name: "setblocking", group: "blocking", params: []Param{arg("H", ""), either("flag", "true", "false").reads(readFlag).fromPy(pyTruth)}, python: "s.setblocking(flag)", c: "int ioctl(int fd, FIONBIO, int *on);",
			summary: msg.New("cmd.setblocking", "false is settimeout 0.0, true is settimeout none",
				"false 等于 settimeout 0.0，true 等于 settimeout none"), example: "setblocking cli false", errnos: eBadHandle, run: cmdSetblocking},
		{name: "settimeout", group: "blocking", params: []Param{arg("H", ""), either("value", "SECONDS", "none").reads(readSeconds(forTimeout)).fromPy(pyTimeout)}, python: "s.settimeout(value)", c: "int ioctl(int fd, FIONBIO, int *on);",
			summary: msg.New("cmd.settimeout", "none: blocking; 0: non-blocking; T: every call waits at most T seconds",
				"none：阻塞；0：非阻塞；T：每次调用最多等待 T 秒"), example: "settimeout conn 2.5", errnos: eBadHandle, run: cmdSettimeout},
		{name: "gettimeout", returns: payloadValue, group: "blocking", params: []Param{arg("H", "")}, python: "s.gettimeout()", c: "",
			summary: msg.New("cmd.gettimeout", "None, 0.0 or the seconds",
				"None、0.0 或超时秒数"), example: "gettimeout conn", run: cmdGettimeout},
		{name: "getblocking", returns: payloadValue, group: "blocking", params: []Param{arg("H", "")}, python: "s.getblocking()", c: "",
			summary: msg.New("cmd.getblocking", "True unless the socket is non-blocking (a timeout counts as blocking)",
				"除非套接字是非阻塞的，否则为 True（设了超时也算阻塞）"), example: "getblocking conn", run: cmdGetblocking},
		{name: "poll", group: "blocking", params: []Param{arg("H", "").repeat().reads(readHandles), opt("TIMEOUT", "timeout", "")}, python: "select.poll().poll(timeout)", c: "int poll(struct pollfd *fds, nfds_t nfds, int timeout);",
			summary: msg.New("cmd.poll", "which handles are ready (POLLIN, POLLOUT, POLLHUP, POLLERR, POLLRDHUP); TIMEOUT in seconds, default 0; a negative one waits until a handle is ready, as poll(-1). A last bare number is the TIMEOUT: poll #1 #2 to poll two",
				"哪些句柄已就绪（POLLIN、POLLOUT、POLLHUP、POLLERR、POLLRDHUP）；TIMEOUT 以秒计，默认 0。最后一个单独的数字是 TIMEOUT：要 poll 两个句柄就写 poll #1 #2"), example: "poll conn 5",
			errnos: eBadHandle, run: cmdPoll},

		{name: "fileno", returns: payloadValue, group: "file", params: []Param{either("", "H", "F").reads(readAnyHandle)}, python: "s.fileno()", c: "",
			summary: msg.New("cmd.fileno", "the file descriptor (-1 once closed)",
				"文件描述符（关闭后为 -1）"), example: "fileno srv", run: cmdFileno},
		{name: "makefile", returns: objectValue, group: "file", params: kw(arg("H", ""), opt("MODE", "mode", "r")), python: "s.makefile([mode, buffering, *, encoding, errors, newline])", c: "",
			summary: msg.New("cmd.makefile", "a file on the socket: MODE r, w, rw, with b for bytes (default r)",
				"在套接字上建一个文件：MODE 为 r、w、rw，加 b 表示字节模式（默认 r）"), example: "f = makefile conn rwb", creates: 1, run: cmdMakefile},
		{name: "read", returns: payloadValue, group: "file", params: []Param{arg("F", ""), opt("N", "size", "")}, python: "f.read([size])", c: "ssize_t recv(int sockfd, void *buf, size_t len, int flags); /* buffered */",
			summary: msg.New("cmd.read", "read N bytes or characters, or everything to the end of the stream",
				"读取 N 个字节或字符，或者一直读到流结束"), example: "read f 5",
			errnos: []unix.Errno{unix.EAGAIN, unix.ECONNRESET}, run: cmdRead},
		{name: "readline", returns: payloadValue, group: "file", params: []Param{arg("F", "")}, python: "f.readline()", c: "",
			summary: msg.New("cmd.readline", "read up to and including the next newline",
				"读到下一个换行符为止（包括换行符）"), example: "readline f", errnos: []unix.Errno{unix.EAGAIN, unix.ECONNRESET}, run: cmdReadline},
		{name: "write", returns: payloadValue, group: "file", params: []Param{arg("F", ""), arg("DATA", "data")}, python: "f.write(data)", c: "",
			summary: msg.New("cmd.write", "buffer DATA for sending (flush sends it)",
				"把 DATA 写入缓冲区，等待发送（flush 才真正发出）"), example: `write f "hello\n"`, run: cmdWrite},
		{name: "flush", group: "file", params: []Param{arg("F", "")}, python: "f.flush()", c: "ssize_t send(int sockfd, const void *buf, size_t len, int flags); /* in a loop */",
			summary: msg.New("cmd.flush", "send what write buffered",
				"发出 write 缓冲的数据"), example: "flush f", errnos: []unix.Errno{unix.EPIPE, unix.ECONNRESET}, run: cmdFlush},

		{name: "getaddrinfo", returns: addrinfoValue, group: "names", params: kw(arg("HOST", "host"), arg("PORT", "port"), opt("FAMILY", "family", "any").word("0"), opt("TYPE", "type", "any").word("0")), python: "socket.getaddrinfo(host, port[, family, type, proto, flags])", c: "int getaddrinfo(const char *node, const char *service, const struct addrinfo *hints, struct addrinfo **res);",
			summary: msg.New("cmd.getaddrinfo", "the addresses to try for HOST and PORT (names from /etc/hosts only)",
				"HOST 和 PORT 对应的、可依次尝试的地址（主机名只查 /etc/hosts）"), example: "getaddrinfo localhost 80 inet stream", run: cmdGetaddrinfo},
		{name: "gethostname", returns: payloadValue, group: "names", python: "socket.gethostname()", c: "int gethostname(char *name, size_t len);",
			summary: msg.New("cmd.gethostname", "this machine's host name",
				"本机的主机名"), example: "gethostname", run: cmdGethostname},
		{name: "inet_aton", pyConv: convArgs, returns: payloadValue, group: "names", params: []Param{arg("IPV4", "ip_string")}, python: "socket.inet_aton(ip_string)", c: "int inet_aton(const char *cp, struct in_addr *inp);",
			summary: msg.New("cmd.inet_aton", "an IPv4 address as the 4 bytes a sockaddr_in holds (network byte order)",
				"把 IPv4 地址转换成 sockaddr_in 中存放的 4 个字节（网络字节序）"), example: "inet_aton 127.0.0.1", run: cmdInetAton},
		{name: "inet_ntoa", pyConv: convArgs, returns: payloadValue, group: "names", params: []Param{arg("PACKED", "packed_ip")}, python: "socket.inet_ntoa(packed_ip)", c: "char *inet_ntoa(struct in_addr in);",
			summary: msg.New("cmd.inet_ntoa", "the 4 bytes a sockaddr_in holds as an IPv4 address in dotted form",
				"把 sockaddr_in 中存放的 4 个字节转换成点分十进制的 IPv4 地址"), example: `inet_ntoa b'\x7f\x00\x00\x01'`, run: cmdInetNtoa},
		{name: "gethostbyname", pyConv: convArgs, returns: payloadValue, group: "names", params: []Param{arg("HOST", "hostname").fromPy(pyHostname)}, python: "socket.gethostbyname(hostname)", c: "struct hostent *gethostbyname(const char *name);",
			summary: msg.New("cmd.gethostbyname", "HOST's IPv4 address in dotted form (names from /etc/hosts only)",
				"HOST 的 IPv4 地址，点分十进制形式（主机名只查 /etc/hosts）"), example: "gethostbyname localhost", run: cmdGethostbyname},
		{name: "htons", pyConv: convArgs, returns: payloadValue, group: "names", params: []Param{arg("INT", "x")}, python: "socket.htons(x)", c: "uint16_t htons(uint16_t hostshort);",
			summary: msg.New("cmd.htons", "a 16-bit number in network byte order (big-endian first), as a port is held in a sockaddr_in",
				"把 16 位整数从主机字节序转换成网络字节序（高位在前）：sockaddr_in 中的端口号就是这样存放的"), example: "htons 80", run: byteOrder(16)},
		{name: "ntohs", pyConv: convArgs, returns: payloadValue, group: "names", params: []Param{arg("INT", "x")}, python: "socket.ntohs(x)", c: "uint16_t ntohs(uint16_t netshort);",
			summary: msg.New("cmd.ntohs", "a 16-bit number from network byte order back to this machine's",
				"把 16 位整数从网络字节序转换回主机字节序"), example: "ntohs 20480", run: byteOrder(16)},
		{name: "htonl", returns: payloadValue, group: "names", params: []Param{arg("INT", "x")}, python: "socket.htonl(x)", c: "uint32_t htonl(uint32_t hostlong);",
			summary: msg.New("cmd.htonl", "a 32-bit number in network byte order (big-endian first), as an IPv4 address is held in a sockaddr_in",
				"把 32 位整数从主机字节序转换成网络字节序（高位在前）：sockaddr_in 中的 IPv4 地址就是这样存放的"), example: "htonl 0x7f000001", run: byteOrder(32)},
		{name: "ntohl", returns: payloadValue, group: "names", params: []Param{arg("INT", "x")}, python: "socket.ntohl(x)", c: "uint32_t ntohl(uint32_t netlong);",
			summary: msg.New("cmd.ntohl", "a 32-bit number from network byte order back to this machine's",
				"把 32 位整数从网络字节序转换回主机字节序"), example: "ntohl 16777343", run: byteOrder(32)},
		{name: "unlink", pyConv: convClinic, group: "names", params: kw(arg("PATH", "path")), python: "os.unlink(path)", c: "int unlink(const char *pathname);",
			summary: msg.New("cmd.unlink", "remove a unix socket file left by an earlier bind",
				"删除之前 bind 留下的 unix 套接字文件"), example: "unlink /tmp/x.sock", errnos: []unix.Errno{unix.ENOENT, unix.EACCES}, run: cmdUnlink},

		{name: "peer", group: "session", params: []Param{either("", peer.Kinds...).reads(readPeerKind), arg("ADDR", ""), either("", "udp").optional().reads(readPeerOptions),
			Param{Kinds: []string{"RATE"}, Keyword: "rate", Optional: true}.reads(readWord), Param{Kinds: []string{"BYTES"}, Keyword: "bytes", Optional: true}.reads(readWord)},
			summary: msg.New("cmd.peer", "start the other end in the background: echo, sink (rate=BYTES a second reads slowly), source (bytes=N), close or reset each connection; udp for UDP",
				"在后台启动另一端：echo（回显）、sink（丢弃；rate=BYTES 每秒慢慢读）、source（发送 bytes=N）、close 或 reset（关闭或重置每个连接）；加 udp 用 UDP"),
			example: "p = peer echo 127.0.0.1:0", errnos: []unix.Errno{unix.EADDRINUSE, unix.EADDRNOTAVAIL}, creates: 1, run: cmdPeer},
		{name: "save", group: "session", params: []Param{arg("FILE", "")},
			summary: msg.New("cmd.save", "write what the session did to FILE, by its extension: .sock a sockrepl script, .py a Python program, .c a C program that checks every call, each reproducing it; .pcapng the packets the wire view captured, each with a comment naming its command",
				"按扩展名把会话写入 FILE：.sock 为 sockrepl 脚本，.py 为 Python 程序，.c 为核对每个调用的 C 程序，三者都能重现本次会话；.pcapng 为 wire 视图捕获的报文，每个报文带有注释，写明引起它的命令"),
			example: "save lab.pcapng", run: cmdSave},
		{name: "ls", group: "session", summary: msg.New("cmd.ls", "every handle: number, name, fd, family, type, state, addresses, mode",
			"列出所有句柄：编号、名字、fd、地址族、类型、状态、地址、模式"), example: "ls", run: cmdLs},
		{name: "errno", group: "session", params: []Param{either("", "NAME", "NUMBER").optional().reads(readWord)}, summary: msg.New("cmd.errno", "explain an errno (no argument: list them all)",
			"解释一个错误码（不带参数：列出全部）"), example: "errno ECONNREFUSED", run: cmdErrno},
		{name: "help", group: "session", params: []Param{either("", "COMMAND", "TOPIC").optional().reads(readHelpTopic)}, summary: msg.New("cmd.help", "the commands, one command in detail, or a topic (modes, families, options, flags, trace)",
			"所有命令、某个命令的详细说明，或一个主题（modes、families、options、flags、trace）"), example: "help bind", run: cmdHelp},
		{name: "set", group: "session", params: []Param{either("", settingNames...).reads(readSettingName), arg("VALUE", "").reads(readSettingValue)}, summary: msg.New("cmd.set", "change a setting (no argument: show them)",
			"修改一项设置（不带参数：列出全部）"), example: "set trace on", run: cmdSet},
		{name: "lesson", group: "session", params: []Param{either("", "N", "FILE", "list", "next", "back", "stop", "check").optional().reads(readTexts), opt("FILE", "", "")},
			summary: msg.New("cmd.lesson", "list the lessons, start one (by number, name or file), move in it, or check a lesson file",
				"列出课程、开始一课（按编号、名称或文件）、在课程中前后移动，或检查课程文件"), example: "lesson 2", run: cmdLesson},
		{name: "source", group: "session", params: []Param{arg("FILE", "")}, summary: msg.New("cmd.source", "run the commands in FILE",
			"运行 FILE 中的命令"), example: "source lab.sock", run: cmdSource},
		{name: "echo", group: "session", params: []Param{arg("TEXT", "").repeat()}, summary: msg.New("cmd.echo", "print TEXT",
			"打印 TEXT"), example: `echo "server ready"`, run: cmdEcho},
		{name: "sleep", group: "session", params: []Param{arg("SECONDS", "secs")}, summary: msg.New("cmd.sleep", "wait (Ctrl-C ends it)",
			"等待（Ctrl-C 可结束）"), example: "sleep 0.5", run: cmdSleep},
		{name: "quit", aliases: []string{"exit"}, group: "session", summary: msg.New("cmd.quit", "close every handle and leave (also Ctrl-D)",
			"关闭所有句柄并退出（Ctrl-D 亦可）"), example: "quit", run: cmdQuit},
	}
	resolveReaders(commands)
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
	sug := ""
	if s := suggestCommand(strings.ToLower(w)); s != "" {
		sug = msgDidYouMean.S(msg.A("word", s))
	}
	return usageErr("%s", msgUnknownCommand.S(msg.A("word", quoteWord(w)), msg.A("suggestion", sug)))
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

// valued lists the commands whose value NAME = binds (see returns).
func valued() []string {
	var out []string
	for _, c := range commands {
		if c.creates == 0 && c.returns != nil {
			out = append(out, c.name)
		}
	}
	return out
}
