package session

import (
	"sync"

	"sockrepl/internal/msg"
)

// The session's messages that belong to no table row: results' notes,
// errors about arguments and handles, and the shell commands' output.
// Table rows (commands, settings, topics) carry their own.
var (
	msgDidYouMean = msg.New("session.did-you-mean",
		" (did you mean {word}?)",
		"（是不是想输入 {word}？）")
	msgOnOrOff = msg.New("session.on-or-off",
		"on or off",
		"on 或 off")
	msgOnOffValue = msg.New("session.on-off-value",
		"expected on or off, got {word}",
		"应为 on 或 off，而不是 {word}")
	msgPreviewRange = msg.New("session.preview-range",
		"expected a number of bytes from 0 to {max}, got {word}",
		"应为 0 到 {max} 之间的字节数，而不是 {word}")
	msgLangValue = msg.New("session.lang-value",
		"expected en or zh, got {word}",
		"应为 en 或 zh，而不是 {word}")
	msgSaved = msg.New("session.saved",
		"(saved {n} statements to {path})",
		"（已把 {n} 条语句保存到 {path}）")
	msgSavedSock = msg.New("session.saved-sock",
		"sockrepl script saved from a session",
		"由 sockrepl 会话保存的脚本")
	msgSavedPython = msg.New("session.saved-python",
		"Python program saved from a sockrepl session",
		"由 sockrepl 会话保存的 Python 程序")
	msgSaveCapped = msg.New("session.save-capped",
		"only the first {n} statements of the session are kept",
		"只保留了本次会话的前 {n} 条语句")
	msgSettings = msg.New("session.settings",
		"settings:",
		"设置：")
	msgSetValueFor = msg.New("session.set-value-for",
		"VALUE for {name} ({help})",
		"{name} 的值（{help}）")
	msgUnknownSetting = msg.New("session.unknown-setting",
		"set: unknown setting {word}: expected one of {known}",
		"set：没有 {word} 这项设置，可用的有 {known}")
	msgMissing = msg.New("session.missing",
		"{cmd}: missing {what} (usage: {usage})",
		"{cmd}：缺少{what}（用法：{usage}）")
	msgBadArg = msg.New("session.bad-arg",
		"{cmd}: {why} (usage: {usage})",
		"{cmd}：{why}（用法：{usage}）")
	msgHint = msg.New("session.hint",
		"hint: {hint}",
		"提示：{hint}")
	msgWentOutBefore = msg.New("session.went-out-before",
		"({sent} of {total} bytes went out before it)",
		"（出错前已发出 {total} 字节中的 {sent} 字节）")
	msgHintTimeout = msg.New("session.hint.timeout",
		"the call waited as long as the socket's timeout allows (gettimeout) and gave up; the socket is still usable",
		"调用等满了套接字的超时时间（gettimeout）后放弃；套接字仍然可用")
	msgHintInterrupted = msg.New("session.hint.interrupted",
		"Ctrl-C ended the wait; the socket is open and in the mode it was",
		"Ctrl-C 结束了等待；套接字仍然打开，阻塞模式不变")
	msgHintRunTimedOut = msg.New("session.hint.run-timed-out",
		"the run's --timeout ended the wait; every handle is closed as the run stops",
		"运行时间到了 --timeout 给的上限，等待被结束；运行停止时会关闭所有句柄")
	msgHintNoName = msg.New("session.hint.gai-noname",
		"names are looked up in /etc/hosts only (no DNS); use an address such as 127.0.0.1 or localhost",
		"主机名只在 /etc/hosts 中查找（不查 DNS）；请用 127.0.0.1 或 localhost 这样的地址")
	msgHintService = msg.New("session.hint.gai-service",
		"the port must be a number 0-65535 or a service name from /etc/services (http, ssh…)",
		"端口必须是 0-65535 的数字，或 /etc/services 中的服务名（http、ssh…）")
	msgHintOtherFamily = msg.New("session.hint.gai-family",
		"that address is of the other family: 127.0.0.1 is inet, ::1 is inet6; check the FAMILY or the socket's family",
		"这个地址属于另一个地址族：127.0.0.1 是 inet，::1 是 inet6；检查 FAMILY 或套接字的地址族")
	msgHintConnectExTimeout = msg.New("session.hint.connect-ex-timeout",
		"the socket's timeout ran out before the handshake finished; connect_ex reports that as EAGAIN, as Python's does",
		"三次握手完成之前套接字的超时时间已到；connect_ex 把这报告为 EAGAIN，与 Python 相同")

	// help, help COMMAND, errno
	msgHelpIntro = msg.New("session.help.intro",
		"sockrepl: each command runs a real socket call. help COMMAND shows one in detail.",
		"sockrepl：每条命令都执行一次真实的套接字调用。help COMMAND 查看某个命令的详细说明。")
	msgHelpFooter = msg.New("session.help.footer",
		`H is a handle: 3, #3 or a name (srv = socket). $H is its address, $H.port and $H.host its halves, %H its fd.
ADDR: 127.0.0.1:8080, 127.0.0.1 8080, :8080, [::1]:8080, /tmp/x.sock, @abstract.
DATA: "text\n", b'\x00bytes', hex:6869, @file, bare words; "x"*1000 repeats.
Quoted words (paths too) read escapes: bind u "x\t.sock" and unlink "x\t.sock" name one file.
Errors: ECONNREFUSED (111) Connection refused  ConnectionRefusedError: the errno, then Python's class.
CMD => EXPECT checks the outcome: ok, an errno name, timeout, error, or a value such as b'hi'.
Modes: a new socket is blocking (gettimeout None); settimeout 0 or setblocking false makes calls fail
with EAGAIN instead of waiting; settimeout T makes each call wait at most T seconds. Ctrl-C ends any wait.`,
		`H 是句柄：3、#3 或名字（srv = socket）。$H 是它的地址，$H.port 和 $H.host 是地址的两半，%H 是它的 fd。
ADDR：127.0.0.1:8080、127.0.0.1 8080、:8080、[::1]:8080、/tmp/x.sock、@abstract。
DATA："text\n"、b'\x00bytes'、hex:6869、@file、不带引号的词；"x"*1000 表示重复。
带引号的词（路径也一样）处理转义：bind u "x\t.sock" 和 unlink "x\t.sock" 指同一个文件。
错误：ECONNREFUSED (111) Connection refused  ConnectionRefusedError：先是错误码，再是 Python 的异常类。
CMD => EXPECT 检查结果：ok、错误码名、timeout、error，或者一个值，如 b'hi'。
模式：新建的套接字是阻塞的（gettimeout 为 None）；settimeout 0 或 setblocking false 之后，
需要等待的调用立即以 EAGAIN 失败；settimeout T 让每次调用最多等待 T 秒。Ctrl-C 可结束任何等待。`)
	msgMoreHelp = msg.New("session.help.more",
		"More help",
		"更多帮助")
	msgAlso = msg.New("session.also",
		"(also {names})",
		"（也可写作 {names}）")
	msgLabelPython   = msg.New("session.help.label-python", "Python:", "Python：")
	msgLabelC        = msg.New("session.help.label-c", "C:", "C：")
	msgLabelExample  = msg.New("session.help.label-example", "example:", "示例：")
	msgLabelErrors   = msg.New("session.help.label-errors", "errors:", "错误码：")
	msgErrnoExplains = msg.New("session.help.errno-explains",
		"(errno NAME explains one)",
		"（errno NAME 解释其中一个）")
	msgNoHelpTopic = msg.New("session.help.no-topic",
		"help: no command or topic {word}{suggestion}; topics: {topics}; help lists the commands",
		"help：没有 {word} 这个命令或主题{suggestion}；主题有 {topics}；help 列出所有命令")
	msgEveryErrno = msg.New("session.errno.every",
		"every errno (errno NAME explains one):",
		"所有错误码（errno NAME 解释其中一个）：")
	msgUnknownErrno = msg.New("session.errno.unknown",
		"errno: unknown errno {word}{suggestion}; errno with no argument lists them",
		"errno：没有 {word} 这个错误码{suggestion}；不带参数的 errno 列出全部")
	msgFromCommand = msg.New("session.errno.from-command",
		"from {cmd}: ",
		"来自 {cmd}：")
	msgCommonlyFrom = msg.New("session.errno.commonly-from",
		"commonly from: {cmds}",
		"常见于：{cmds}")

	// results' notes
	msgFilenoNumber = msg.New("session.socket.fileno-number",
		"fileno= expects a file descriptor number (e.g. fileno=5 or fileno=%srv)",
		"fileno= 需要一个文件描述符编号（如 fileno=5 或 fileno=%srv）")
	msgSocketUnexpected = msg.New("session.socket.unexpected",
		"unexpected {word}: socket takes FAMILY TYPE PROTO and fileno=FD",
		"多出了 {word}：socket 只接受 FAMILY TYPE PROTO 和 fileno=FD")
	msgSocketKeyword = msg.New("session.socket.keyword",
		"unknown keyword {word}: expected family=, type=, proto= or fileno=",
		"没有 {word} 这个关键字：应为 family=、type=、proto= 或 fileno=")
	msgAdopted = msg.New("session.socket.adopted",
		"(adopted, not copied)",
		"（直接使用该 fd，没有复制）")
	msgConnectedToEachOther = msg.New("session.socketpair.connected",
		"connected to each other",
		"彼此相连")
	msgDuplicateOfFD = msg.New("session.fromfd.duplicate",
		"(a duplicate of fd {fd})",
		"（fd {fd} 的副本）")
	msgDuplicateOfHandle = msg.New("session.dup.duplicate",
		"(a duplicate of {ref})",
		"（{ref} 的副本）")
	msgBoundTo = msg.New("session.bind.bound-to",
		"bound to ",
		"已绑定到 ")
	msgInetLikePath = msg.New("session.bind.inet-like-path",
		"(a file of that name: this socket is AF_UNIX; for TCP make it with socket inet stream)",
		"（这是一个同名文件：该套接字是 AF_UNIX 的；要用 TCP，请用 socket inet stream 创建）")
	msgListeningOn = msg.New("session.listen.listening-on",
		"listening on ",
		"正在监听 ")
	msgBacklog = msg.New("session.listen.backlog",
		"(backlog {n})",
		"（连接队列 backlog {n}）")
	msgFrom = msg.New("session.from",
		"from ",
		"来自 ")
	msgTo = msg.New("session.to",
		"to ",
		"发往 ")
	msgHadArrived = msg.New("session.recv.had-arrived",
		"({n} of {asked} bytes had arrived: {bytes})",
		"（中断前已收到请求的 {asked} 字节中的 {n} 字节：{bytes}）")
	msgNBytesText = msg.New("session.bytes-text",
		"({n} {n|byte|bytes}: {text})",
		"（{n} 字节：{text}）")
	msgNBytes = msg.New("session.bytes",
		"({n} {n|byte|bytes})",
		"（{n} 字节）")
	msgMoreBytes = msg.New("session.more-bytes",
		"... (+{n} {n|byte|bytes})",
		"... (另有 {n} 字节)")
	msgAskedZero = msg.New("session.recv.asked-zero",
		"(you asked for 0 bytes)",
		"（你要求接收 0 字节）")
	msgEndOfStream = msg.New("session.recv.end-of-stream",
		"(end of stream: the peer closed or shut down its side)",
		"（流结束：对端已关闭连接或关闭了写方向）")
	msgEmptyDatagram = msg.New("session.recv.empty-datagram",
		"(an empty datagram)",
		"（一个空数据报）")
	msgSentNOfM = msg.New("session.send.partial",
		"sent {n} of {total}",
		"只发出了 {total} 字节中的 {n} 字节")
	msgAllN = msg.New("session.send.all",
		"(all {n} {n|byte|bytes})",
		"（全部 {n} 字节）")
	msgSentAllN = msg.New("session.sendall.all",
		"(sent all {n} {n|byte|bytes})",
		"（已全部发出，共 {n} 字节）")
	msgHow = msg.New("session.shutdown.how",
		"HOW (rd, wr or rdwr)",
		"HOW（rd、wr 或 rdwr）")
	msgUnknownLevel = msg.New("session.sockopt.unknown-level",
		"{cmd}: unknown level {word}{suggestion}",
		"{cmd}：没有 {word} 这个层级{suggestion}")
	msgOptAfterLevel = msg.New("session.sockopt.opt-after-level",
		"OPT after the level {level} (with a numeric level, write LEVEL OPT)",
		"层级 {level} 之后的 OPT（层级是数字时，写作 LEVEL OPT）")
	msgMissingOpt = msg.New("session.sockopt.missing-opt",
		"OPT (e.g. SO_REUSEADDR)",
		"OPT（如 SO_REUSEADDR）")
	msgValueFor = msg.New("session.sockopt.value-for",
		"VALUE for {name}",
		"{name} 的 VALUE")
	msgGiveAsBytes = msg.New("session.sockopt.give-as-bytes",
		"(give the value as bytes: hex:… or b'…')",
		"（请以字节形式给出值：hex:… 或 b'…'）")
	msgBytesOfOption = msg.New("session.getsockopt.bytes-of",
		"({n} {n|byte|bytes} of {name})",
		"（{name} 的 {n} 字节）")
	msgAlreadyClosed = msg.New("session.close.already-closed",
		"(already closed)",
		"（已经关闭过了）")
	msgFDStaysOpen = msg.New("session.close.fd-stays-open",
		"(fd {fd} stays open while {files} file(s) made by makefile are open, as in Python)",
		"（由 makefile 创建的 {files} 个文件还开着，fd {fd} 保持打开，与 Python 相同）")
	msgDetached = msg.New("session.detach.detached",
		"({ref} no longer owns fd {fd}; it stays open)",
		"（{ref} 不再拥有 fd {fd}；该 fd 保持打开）")
	msgTimeoutIs = msg.New("session.setblocking.timeout",
		"(timeout {timeout})",
		"（超时 {timeout}）")
	msgBlockingNote = msg.New("session.settimeout.blocking",
		"(blocking: calls wait as long as they must)",
		"（阻塞：调用需要等多久就等多久）")
	msgNonBlockingNote = msg.New("session.settimeout.non-blocking",
		"(non-blocking: calls that would wait fail with EAGAIN)",
		"（非阻塞：需要等待的调用立即以 EAGAIN 失败）")
	msgTimeoutNote = msg.New("session.settimeout.timeout",
		"(each call waits at most {t}s, then fails with timed out)",
		"（每次调用最多等待 {t} 秒，超时则以 timed out 失败）")
	msgModeBlocking = msg.New("session.mode.blocking",
		"blocking",
		"阻塞")
	msgModeNonBlocking = msg.New("session.mode.non-blocking",
		"non-blocking",
		"非阻塞")
	msgModeTimeout = msg.New("session.mode.timeout",
		"timeout {t}",
		"超时 {t}")

	// files made by makefile
	msgTextFile = msg.New("session.makefile.text",
		"text file on {ref} (mode {mode})",
		"{ref} 上的文本文件（模式 {mode}）")
	msgBinaryFile = msg.New("session.makefile.binary",
		"binary file on {ref} (mode {mode})",
		"{ref} 上的二进制文件（模式 {mode}）")
	msgIsASocket = msg.New("session.file.is-a-socket",
		"{cmd}: {ref} is a socket; make a file with makefile {ref} first",
		"{cmd}：{ref} 是套接字；先用 makefile {ref} 创建一个文件")
	msgEndOfFileStream = msg.New("session.file.end-of-stream",
		"(end of stream)",
		"（流结束）")
	msgReadLimit = msg.New("session.read.limit",
		"read: N is more than sockrepl's limit of {max}",
		"read：N 超过了 sockrepl 的上限 {max}")
	msgReadTooMuch = msg.New("session.read.too-much",
		"read: more than {max} bytes arrived before the end of the stream; read in parts with read F N",
		"read：流结束前到达的数据超过 {max} 字节；用 read F N 分段读取")
	msgNoNewline = msg.New("session.readline.no-newline",
		"readline: no newline in the first {max} bytes",
		"readline：前 {max} 字节中没有换行符")
	msgBufferFilled = msg.New("session.write.buffer-filled",
		"(the buffer filled, so it was sent)",
		"（缓冲区已满，所以已经发出）")
	msgCharactersWritten = msg.New("session.write.characters-written",
		"(BlockingIOError: characters_written={n}: the file took {n} {n|byte|bytes} of it; write the rest again, nothing is sent twice)",
		"（BlockingIOError：characters_written={n}：文件收下了其中的 {n} 字节；把其余部分再写一次，不会重复发送）")
	msgBuffered = msg.New("session.write.buffered",
		"(buffered: {n} {n|byte|bytes} wait for flush)",
		"（已缓冲：{n} 字节等待 flush）")
	msgFlushed = msg.New("session.flush.sent",
		"(sent {n} {n|byte|bytes})",
		"（已发出 {n} 字节）")
	msgLastFile = msg.New("session.close.last-file",
		"(the last file on {ref}: its fd is closed now)",
		"（{ref} 上的最后一个文件：它的 fd 现在已关闭）")

	// arguments and handles
	msgUnexpectedAfter = msg.New("session.unexpected-after",
		"{cmd}: unexpected {word} after the arguments (usage: {usage})",
		"{cmd}：参数后面多出了 {word}（用法：{usage}）")
	msgMissingHandle = msg.New("session.missing-handle",
		"handle H (a number such as 1 or #1, or a name)",
		"句柄 H（1 或 #1 这样的编号，或一个名字）")
	msgIsAFile = msg.New("session.is-a-file",
		"{cmd}: {ref} is a file made by makefile, not a socket (use read, readline, write, flush or close on it)",
		"{cmd}：{ref} 是 makefile 创建的文件，不是套接字（对它用 read、readline、write、flush 或 close）")
	msgMissingAddr = msg.New("session.missing-addr",
		"address ADDR (e.g. {example})",
		"地址 ADDR（如 {example}）")
	msgUnixAddrExample = msg.New("session.unix-addr-example",
		"/tmp/x.sock or @name",
		"/tmp/x.sock 或 @name")
	msgMissingData = msg.New("session.missing-data",
		`DATA (e.g. "hello\n", b'\x00', hex:6869, @file, "x"*1000)`,
		`DATA（如 "hello\n"、b'\x00'、hex:6869、@file、"x"*1000）`)
	msgWholeNumber = msg.New("session.whole-number",
		"expected {what} as a whole number, got {word}",
		"{what} 应为整数，而不是 {word}")
	msgNumberRange = msg.New("session.number-range",
		"expected {what} from {lo} to {hi}, got {word}",
		"{what} 应在 {lo} 到 {hi} 之间，而不是 {word}")
	msgTrueFalse = msg.New("session.true-false",
		"expected {what} as true or false (also on/off, yes/no, 1/0), got {word}",
		"{what} 应为 true 或 false（也可以是 on/off、yes/no、1/0），而不是 {word}")
	msgBufsizeOrFlags = msg.New("session.bufsize-or-flags",
		"{word} is neither a BUFSIZE (a number) nor FLAGS (peek, dontwait, waitall, … or a number)",
		"{word} 既不是 BUFSIZE（数字），也不是 FLAGS（peek、dontwait、waitall…… 或数字）")
	msgNotAHandle = msg.New("session.not-a-handle",
		"{word} is not a handle: expected a number (3 or #3) or a name; ls lists them",
		"{word} 不是句柄：应为编号（3 或 #3）或名字；ls 列出所有句柄")
	msgNoHandlesYet = msg.New("session.no-handles-yet",
		"no handle #{n}: there are no handles yet (make one with socket; ls lists them)",
		"没有句柄 #{n}：还没有任何句柄（用 socket 创建一个；ls 列出所有句柄）")
	msgNoSuchHandle = msg.New("session.no-such-handle",
		"no handle #{n}: handles are #1 to #{last} (ls lists them)",
		"没有句柄 #{n}：现有句柄为 #1 到 #{last}（ls 列出所有句柄）")
	msgNoHandleNamed = msg.New("session.no-handle-named",
		"no handle named {word}{suggestion}; ls lists the handles",
		"没有名为 {word} 的句柄{suggestion}；ls 列出所有句柄")
	msgRefIsFile = msg.New("session.ref-is-file",
		"{ref}: handle {handle} is a file, not a socket",
		"{ref}：句柄 {handle} 是文件，不是套接字")
	msgNoAddressYet = msg.New("session.no-address-yet",
		"{ref}: handle {handle} has no address yet (bind or connect it first)",
		"{ref}：句柄 {handle} 还没有地址（先 bind 或 connect）")
	msgHasNoPort = msg.New("session.has-no-port",
		"{ref}: {addr} has no port",
		"{ref}：{addr} 没有端口")
	msgHasNoHost = msg.New("session.has-no-host",
		"{ref}: {addr} has no host part",
		"{ref}：{addr} 没有主机部分")
	msgCreatesNothing = msg.New("session.creates-nothing",
		"{cmd} gives nothing to name; NAME = works with commands that make a socket or file ({creators}) or return a value ({valued})",
		"{cmd} 不产生任何可命名的东西；NAME = 只能用于创建套接字或文件的命令（{creators}）或返回值的命令（{valued}）")
	msgNamesCount = msg.New("session.names-count",
		"{cmd} makes {n} handle(s) but {names} names were given",
		"{cmd} 创建 {n} 个句柄，却给了 {names} 个名字")

	// expectations
	msgExpectNotUnderstood = msg.New("session.expect.not-understood",
		"expectation not understood: {err}",
		"无法理解的期望：{err}")
	msgExpectFailed = msg.New("session.expect.failed",
		"expectation failed: expected {want}, got {got}",
		"期望不成立：期望 {want}，实际为 {got}")
	msgMoreCharacters = msg.New("session.expect.more-characters",
		"... ({n} more characters)",
		"... (另有 {n} 个字符)")
	msgUsageOutcome = msg.New("session.expect.usage-outcome",
		"an error in the command itself (no call was made)",
		"命令本身有错（没有发出任何调用）")
	msgInternalError = msg.New("session.internal-error",
		"internal error in {cmd}: {panic} (this is a sockrepl bug; the session goes on)",
		"{cmd} 内部错误：{panic}（这是 sockrepl 的缺陷；会话继续）")

	// poll, ls, getaddrinfo, source
	msgHandleToPoll = msg.New("session.poll.missing",
		"a handle to poll",
		"要 poll 的句柄")
	msgPollClosed = msg.New("session.poll.closed",
		": {ref} is closed",
		"：{ref} 已关闭")
	msgNotReady = msg.New("session.poll.not-ready",
		"not ready",
		"未就绪")
	msgOfNReady = msg.New("session.poll.of-n-ready",
		"of {n} ready",
		"已就绪（共 {n} 个）")
	msgNoHandles = msg.New("session.ls.no-handles",
		"no handles yet: make one with socket or socketpair",
		"还没有句柄：用 socket 或 socketpair 创建一个")
	msgLsHeader = msg.New("session.ls.header",
		"#|name|fd|family|type|state|local|peer|mode|queues (recv/send)",
		"#|名字|fd|地址族|类型|状态|本地地址|对端地址|模式|队列（接收/发送）")
	msgStateOpen = msg.New("session.ls.open",
		"open",
		"打开")
	msgStateClosed = msg.New("session.ls.closed",
		"closed",
		"已关闭")
	msgStateConnected = msg.New("session.ls.connected",
		"connected",
		"已连接")
	msgStateClosedKept = msg.New("session.ls.closed-kept",
		"closed (fd kept open by {files} file(s))",
		"已关闭（{files} 个文件使 fd 保持打开）")
	msgKindFile = msg.New("session.ls.file",
		"file",
		"文件")
	msgOnHandle = msg.New("session.ls.on-handle",
		"on {ref}",
		"在 {ref} 上")
	msgListenQueue = msg.New("session.ls.listen-queue",
		"{n} to accept (backlog {backlog})",
		"{n} 个连接待 accept（backlog {backlog}）")
	msgFileBuffered = msg.New("session.ls.file-buffered",
		"{read}/{write} buffered",
		"已缓冲 {read}/{write}")
	msgSourceNoInput = msg.New("session.source.no-input",
		"source: this session reads no input of its own (it runs without the shell's front end)",
		"source：此会话自身不读取输入（它在没有 shell 前端的情况下运行）")
	msgSourceCannotRead = msg.New("session.source.cannot-read",
		"source: cannot read {path}: {cause}",
		"source：无法读取 {path}：{cause}")
	msgMissingPort = msg.New("session.getaddrinfo.missing-port",
		"PORT (a number, or none)",
		"PORT（数字或 none）")
	msgAddrinfoResults = msg.New("session.getaddrinfo.results",
		"{n} result(s): (family, type, proto, canonname, sockaddr)",
		"{n} 个结果：(family, type, proto, canonname, sockaddr)")

	// numbers past a C int
	msgCIntNote = msg.New("session.c-int-note",
		"{cmd}: {what} does not fit in a C int, which holds -2147483648 to 2147483647",
		"{cmd}：{what} 超出了 C int 的范围（-2147483648 到 2147483647）")
	msgOptionIntNote = msg.New("session.option-int-note",
		"setsockopt: {value} does not fit in the C int {option} takes, which holds -2147483648 to 2147483647; Python then takes the value for bytes",
		"setsockopt：{value} 超出了 {option} 所用 C int 的范围（-2147483648 到 2147483647）；Python 于是把这个值当作字节串处理")
	msgFieldNote = msg.New("session.field-note",
		"setsockopt: {value} does not fit in its field of {option}, as struct.pack says for a Python program that packs it",
		"setsockopt：{value} 超出了 {option} 中对应字段的范围；Python 程序用 struct.pack 打包时也会这样报错")
	msgBuflenNote = msg.New("session.buflen-note",
		"BUFLEN runs from 0 to 1024; 0 reads the option as an int",
		"BUFLEN 的范围是 0 到 1024；0 表示把选项当作 int 读取")
	msgDatagramCut = msg.New("session.datagram-cut",
		"the datagram was {full} bytes: the last {lost} did not fit BUFSIZE and are lost (recv with a BUFSIZE of {full} or more gets it all)",
		"这个数据报有 {full} 字节：超出 BUFSIZE 的后 {lost} 字节已丢失（BUFSIZE 不小于 {full} 才能收全）")
	msgDatagramLonger = msg.New("session.datagram-longer",
		"the datagram is {full} bytes, more than BUFSIZE: peek left it queued; recv with a BUFSIZE of {full} or more gets it all",
		"这个数据报有 {full} 字节，超过 BUFSIZE：peek 让它留在队列里；BUFSIZE 不小于 {full} 的 recv 能收全")
	msgHintRawNeedsProto = msg.New("session.hint.raw-needs-proto",
		"a raw socket needs a PROTO: the protocol whose packets it sends and receives, e.g. `socket inet raw icmp` (raw sockets need root)",
		"原始套接字需要 PROTO：它收发哪种协议的包，例如 `socket inet raw icmp`（原始套接字需要 root 权限）")
)

// kindTexts are the kinds table's What and Example as messages: the
// English is the table's, the Chinese kindZH's, by kind name (a test
// checks every kind has them).
var kindTexts = sync.OnceValue(func() map[string][2]*msg.M {
	m := map[string][2]*msg.M{}
	for name, k := range kinds {
		zh := kindZH[name]
		var t [2]*msg.M
		t[0] = msg.New("session.kind."+name+".what", k.What, zh[0])
		if k.Example != "" {
			t[1] = msg.New("session.kind."+name+".example", k.Example, zh[1])
		}
		m[name] = t
	}
	return m
})

// WhatText is the kind's What in the current language.
func (k *Kind) WhatText() string {
	if t := kindTexts()[k.Name]; t[0] != nil && t[0].Text(msg.EN) == k.What {
		return t[0].S()
	}
	return k.What
}

// ExampleText is the kind's Example in the current language.
func (k *Kind) ExampleText() string {
	if t := kindTexts()[k.Name]; t[1] != nil && t[1].Text(msg.EN) == k.Example {
		return t[1].S()
	}
	return k.Example
}

var kindZH = map[string][2]string{
	"H":       {"套接字句柄：3、#3 或名字", ""},
	"F":       {"makefile 创建的文件句柄：3、#3 或名字", ""},
	"FD":      {"文件描述符编号", "如 %srv（某个句柄的 fd）或 5"},
	"ADDR":    {"该套接字地址族的地址", ""},
	"FAMILY":  {"地址族", "如 inet、inet6、unix"},
	"TYPE":    {"套接字类型", "如 stream、dgram、stream|nonblock"},
	"PROTO":   {"协议", "如 0、tcp、udp"},
	"BACKLOG": {"连接队列（accept 队列）的长度", "如 5"},
	"BUFSIZE": {"最多接收的字节数", "如 1024"},
	"FLAGS":   {"消息标志", "如 peek、dontwait、peek|dontwait"},
	"DATA":    {"要发送的字节", "如 \"hello\\n\"、b'\\x00'、hex:6869、@file、\"x\"*1000"},
	"LEVEL":   {"选项层级", "如 socket、ip、tcp；可以省略：getsockopt 1 SO_RCVBUF"},
	"OPT":     {"套接字选项", "如 SO_REUSEADDR、SO_RCVBUF、TCP_NODELAY"},
	"VALUE":   {"选项的值", ""},
	"BUFLEN":  {"按原始字节读取的长度", "按原始字节读取的长度，如 16（默认：解码）"},
	"SECONDS": {"秒数", "如 0.5"},
	"TIMEOUT": {"等待的秒数", "秒数，如 5（默认 0：不等待）"},
	"MODE":    {"文件模式", "r、w、rw，加 b 表示字节"},
	"N":       {"读取的数量", "如 5（默认：读到流结束）"},
	"HOST":    {"主机名或地址", "如 localhost、127.0.0.1"},
	"IPV4":    {"点分十进制形式的 IPv4 地址", "如 127.0.0.1（C 库也接受 127.1 和 0x7f.0.0.1）"},
	"PORT":    {"端口号或服务名", "如 80"},
	"PACKED":  {"打包的字节", "4 个字节，如 b'\\x7f\\x00\\x00\\x01' 或 hex:7f000001"},
	"INT":     {"整数", "如 80 或 0x7f000001"},
	"PATH":    {"文件路径", "如 /tmp/x.sock"},
	"NAME":    {"错误码名", "如 ECONNREFUSED 或 111"},
	"NUMBER":  {"错误码编号", ""},
	"COMMAND": {"命令", ""},
	"TOPIC":   {"帮助主题", ""},
	"FILE":    {"命令文件", "如 lab.sock"},
	"TEXT":    {"要打印的文本", ""},
	"RATE":    {"每秒的字节数", "如 65536"},
	"BYTES":   {"要发送的字节数", "如 1000（默认：不停地发）"},
}

var (
	msgUnknownCommand = msg.New("session.unknown-command",
		"unknown command {word}{suggestion}; help lists the commands",
		"没有 {word} 这个命令{suggestion}；help 列出所有命令")
	msgSecondsExamples = msg.New("session.seconds.examples",
		"{what} (e.g. 2.5 or 0)",
		"{what}（如 2.5 或 0）")
	msgTimeoutExamples = msg.New("session.seconds.timeout-examples",
		"{what} (e.g. 2.5, 0, or none)",
		"{what}（如 2.5、0 或 none）")
	msgSecondsAsNumber = msg.New("session.seconds.as-number",
		"expected {what} as a number such as 2.5 or 0, got {word}",
		"{what} 应为 2.5 或 0 这样的数字，而不是 {word}")
	msgTimeoutAsNumber = msg.New("session.seconds.timeout-as-number",
		"expected {what} as a number such as 2.5 or 0, or none, got {word}",
		"{what} 应为 2.5 或 0 这样的数字，或者 none，而不是 {word}")
	msgMissingType = msg.New("session.missing-type",
		"TYPE (stream, dgram, raw, seqpacket, rdm; |nonblock, |cloexec)",
		"TYPE（stream、dgram、raw、seqpacket、rdm；可加 |nonblock、|cloexec）")
	msgBufsizeLimit = msg.New("session.recv.bufsize-limit",
		"BUFSIZE {word} is more than sockrepl's limit of {max} bytes",
		"BUFSIZE {word} 超过了 sockrepl 的上限 {max} 字节")
	msgBadByteAt = msg.New("session.file.bad-byte-at",
		"byte {byte} at position {pos}",
		"位置 {pos} 处的字节 {byte}")
	msgIncompleteChar = msg.New("session.file.incomplete-char",
		"incomplete character at the end",
		"末尾的字符不完整")

	// full-width punctuation from a Chinese keyboard
	msgFullWidthPair = msg.New("session.fullwidth.pair",
		"{from} → {to}",
		"{from} → {to}")
	msgFullWidthBlank = msg.New("session.fullwidth.blank",
		"full-width blank",
		"全角空格")
	msgFullWidthRead = msg.New("session.fullwidth.read",
		"note: full-width punctuation read as ASCII ({fixes})",
		"注意：全角标点已按半角读入（{fixes}）")
	msgFullWidthPointer = msg.New("session.fullwidth.pointer",
		" (the line holds full-width punctuation, where ASCII is meant: {fixes})",
		"（这一行有全角标点，应改用半角：{fixes}）")
	msgCurlyData = msg.New("session.fullwidth.curly-data",
		"the data holds curly quotes “ ”, sent as they are; for a string use ASCII quotes \"…\"",
		"数据中有全角引号 “ ”，已原样发送；字符串请用半角引号 \"…\"")
	msgCmdErr = msg.New("session.cmd-err",
		"{cmd}: {err}",
		"{cmd}：{err}")

	// Python at the prompt: sockrepl's own words beside Python's
	msgPySendsBytes = msg.New("session.py.sends-bytes",
		"Python 3 sends bytes, not str: write {bytes} or {encode}",
		"Python 3 发送的是 bytes 而不是 str：写成 {bytes} 或 {encode}")
	msgPyAddrTuple = msg.New("session.py.addr-tuple",
		"an address is one tuple (host, port) inside the call's own parentheses, hence the two: {call}",
		"地址是一个元组 (主机, 端口)，放在调用自己的括号里，所以有两层括号：{call}")
	msgPyUnmodelled = msg.New("session.py.unmodelled",
		"sockrepl's {fn}() does not make {param}={value}: {does}",
		"sockrepl 的 {fn}() 不支持 {param}={value}：{does}")
	msgPyFilesAre = msg.New("session.py.files-are",
		"its files are UTF-8 text with universal newlines (\\r\\n and \\r read as \\n), or buffered bytes",
		"它的文件只有 UTF-8 文本（通用换行，\\r\\n 和 \\r 读作 \\n）和带缓冲的字节流两种")
	msgPyGaiFilters = msg.New("session.py.gai-filters",
		"it picks addresses by family and type only",
		"它只按地址族和类型筛选地址")
	msgPyInternalError = msg.New("session.py.internal-error",
		"internal error: {panic} (this is a sockrepl bug; the session goes on)",
		"内部错误：{panic}（这是 sockrepl 的缺陷；会话继续）")
	msgPyInterrupted = msg.New("session.py.interrupted",
		"Ctrl-C stopped the Python; every socket is open and in the mode it was",
		"Ctrl-C 停止了这段 Python；所有套接字仍然打开，模式不变")
	msgPyMemory = msg.New("session.py.memory",
		"sockrepl's Python makes no value over {one} MiB, and holds no more than {all} MiB of values in all; this one was not made: `del` or reassign names you no longer need",
		"sockrepl 的 Python 不创建超过 {one} MiB 的值，所有值合计不超过 {all} MiB；这个值没有创建：对不再需要的名字用 `del` 或重新赋值")
	msgPyPrint = msg.New("session.py.print",
		"that is Python 2; in Python 3 print is a function: print('text')",
		"这是 Python 2 的写法；在 Python 3 中 print 是函数：print('text')")
	msgNotOurFD = msg.New("session.py.not-our-fd",
		"fd {fd} is not a socket of this session's (sockrepl closes only its own descriptors: its sockets' and those detach gave up)",
		"fd {fd} 不是本会话的套接字（sockrepl 只关闭它自己的描述符：它的套接字，以及 detach 放弃的描述符）")
	msgPyCallShape = msg.New("session.py.call-shape",
		"{call}: {summary}; as a command: {example}",
		"{call}：{summary}；命令写法：{example}")
	msgPyImportFirst = msg.New("session.py.import-first",
		"the socket module is not imported yet: import socket first (then socket.socket(), socket.AF_INET …)",
		"还没有导入 socket 模块：先 import socket（然后才能用 socket.socket()、socket.AF_INET ……）")
	msgPyModuleName = msg.New("session.py.module-name",
		"{name} belongs to the socket module: write socket.{name}, or bring every name in with from socket import *",
		"{name} 属于 socket 模块：写成 socket.{name}，或者用 from socket import * 导入全部名字")
	msgPyStarSocket = msg.New("session.py.star-socket",
		"after from socket import *, the name socket is the socket class itself: write socket(AF_INET, SOCK_STREAM), or import socket to write socket.socket()",
		"from socket import * 之后，socket 这个名字就是套接字类本身：写成 socket(AF_INET, SOCK_STREAM)，或者 import socket 后再写 socket.socket()")
	msgPyHelp = msg.New("session.py.help",
		"the shell's own help explains each call: help {cmd} gives its Python, its command, an example and the errors it gives; help lists them all",
		"shell 自带的 help 会解释每个调用：help {cmd} 给出它的 Python 写法、命令写法、示例和常见错误；help 列出全部调用")
	msgPyNameCommand = msg.New("session.py.name-command",
		"{word} is not a command either; did you mean {cmd}?",
		"{word} 也不是命令；是不是想输入 {cmd}？")
	msgPyHolds = msg.New("session.py.holds",
		"{name} holds a Python {type}; a command takes bytes, str, a tuple (an address) or a number",
		"{name} 存的是 Python 的 {type}；命令只接受 bytes、str、元组（地址）或数字")
	msgClassIs = msg.New("session.errno.class-is",
		"Python's exception for {errnos}",
		"Python 对 {errnos} 抛出的异常")
	msgClassExplains = msg.New("session.errno.class-explains",
		"a subclass of OSError: Python raises it when a call fails with one of these errnos, so `except {class}` catches them all and its .errno says which; a failed call prints the errno, then {class} (`=> {class}` matches any of them, `=> {first}` just one)",
		"OSError 的子类：调用以下列错误码之一失败时 Python 抛出它，所以 `except {class}` 能捕获全部，其 .errno 指出是哪一个；失败的调用先打印错误码，再打印 {class}（`=> {class}` 匹配其中任何一个，`=> {first}` 只匹配那一个）")
)
