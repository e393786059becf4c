package session

import "sockrepl/internal/msg"

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
		"(出错前已发出 {total} 字节中的 {sent} 字节)")
	msgHintTimeout = msg.New("session.hint.timeout",
		"the call waited as long as the socket's timeout allows (gettimeout) and gave up; the socket is still usable",
		"调用等满了套接字的超时时间（gettimeout）后放弃；套接字仍然可用")
	msgHintInterrupted = msg.New("session.hint.interrupted",
		"Ctrl-C ended the wait; the socket is open and in the mode it was",
		"Ctrl-C 结束了等待；套接字仍然打开，阻塞模式不变")
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
CMD => EXPECT checks the outcome: ok, an errno name, timeout, error, or a value such as b'hi'.
Modes: a new socket is blocking (gettimeout None); settimeout 0 or setblocking false makes calls fail
with EAGAIN instead of waiting; settimeout T makes each call wait at most T seconds. Ctrl-C ends any wait.`,
		`H 是句柄：3、#3 或名字（srv = socket）。$H 是它的地址，$H.port 和 $H.host 是地址的两半，%H 是它的 fd。
ADDR：127.0.0.1:8080、127.0.0.1 8080、:8080、[::1]:8080、/tmp/x.sock、@abstract。
DATA："text\n"、b'\x00bytes'、hex:6869、@file、不带引号的词；"x"*1000 表示重复。
CMD => EXPECT 检查结果：ok、错误码名、timeout、error，或者一个值，如 b'hi'。
模式：新建的套接字是阻塞的（gettimeout 为 None）；settimeout 0 或 setblocking false 之后，
需要等待的调用立即以 EAGAIN 失败；settimeout T 让每次调用最多等待 T 秒。Ctrl-C 可结束任何等待。`)
	msgMoreHelp = msg.New("session.help.more",
		"More help",
		"更多帮助")
	msgAlso = msg.New("session.also",
		"(also {names})",
		"(也可写作 {names})")
	msgLabelPython   = msg.New("session.help.label-python", "Python:", "Python：")
	msgLabelC        = msg.New("session.help.label-c", "C:", "C：")
	msgLabelExample  = msg.New("session.help.label-example", "example:", "示例：")
	msgLabelErrors   = msg.New("session.help.label-errors", "errors:", "错误码：")
	msgErrnoExplains = msg.New("session.help.errno-explains",
		"(errno NAME explains one)",
		"(errno NAME 解释其中一个)")
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
)
