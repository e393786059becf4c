package session

import (
	"fmt"
	"sort"
	"strings"

	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/render"
	"sockrepl/internal/sockopt"
)

// topics are the help pages that are not commands: `help modes`,
// `help families`, `help options tcp`… One table; help lists them.
var topics = []struct {
	name    string
	summary *msg.M
	lines   func(arg string) []string
}{
	{"modes", msg.New("topic.modes", "blocking, non-blocking and timeouts, with an example", "阻塞、非阻塞与超时，附一个例子"),
		func(string) []string { return strings.Split(msgModesHelp.S(), "\n") }},
	{"families", msg.New("topic.families", "address families, socket types and protocols", "地址族、套接字类型与协议"),
		func(string) []string { return familiesHelp() }},
	{"options", msg.New("topic.options", "socket options by level (help options tcp)", "按层级列出的套接字选项（help options tcp）"),
		optionsHelp},
	{"flags", msg.New("topic.flags", "message flags for send and recv", "send 和 recv 的消息标志"),
		func(string) []string {
			return []string{msgFlagsHelp.S(), "  " + strings.Join(names.MsgFlags.Words(), " ")}
		}},
	{"trace", msg.New("topic.trace", "what set trace on shows", "set trace on 显示什么"),
		func(string) []string { return strings.Split(msgTraceHelp.S(), "\n") }},
}

var (
	msgModesHelp = msg.New("topic.modes.page",
		`A socket is in one of three modes, as in Python:
  blocking (gettimeout None)   the default: a call waits as long as it must
  non-blocking (0.0)           setblocking H false or settimeout H 0: a call that would
                               wait fails at once with EAGAIN (connect: EINPROGRESS)
  timeout (T seconds)          settimeout H 2.5: each call waits at most T, then fails
                               with "timed out" (TimeoutError, no errno)
setblocking H true is settimeout H none. With a timeout the fd is O_NONBLOCK underneath
and the shell waits in poll, as CPython does. Ctrl-C ends any wait: `+"`interrupted`"+`, and the
socket stays open in its mode. In a script, Ctrl-C stops the script (exit status 130).

send may send less than asked; sendall loops until everything is out:
  a, b = socketpair
  setsockopt a SO_SNDBUF 4096
  setblocking a false
  send a "x"*1000000          ->  8064  sent 8064 of 1000000
  send a "x"*1000000          ->  EAGAIN (11) Resource temporarily unavailable  BlockingIOError
  settimeout a 0.5
  sendall a "x"*1000000       ->  TimeoutError: timed out  (0 of 1000000 bytes went out before it)
  recv b 1000000               (b reads; now there is room again)
set trace on shows each send call, the poll behind each wait, and what it returned.`,
		`与 Python 一样，套接字处于三种模式之一：
  阻塞（gettimeout 为 None）   默认模式：调用需要等多久就等多久
  非阻塞（0.0）                setblocking H false 或 settimeout H 0：需要等待的调用
                               立即以 EAGAIN 失败（connect 则是 EINPROGRESS）
  超时（T 秒）                 settimeout H 2.5：每次调用最多等待 T 秒，之后以
                               "timed out" 失败（TimeoutError，没有 errno）
setblocking H true 等于 settimeout H none。设了超时后，fd 在底层是 O_NONBLOCK 的，
shell 在 poll 中等待，与 CPython 的做法相同。Ctrl-C 可结束任何等待：显示 `+"`interrupted`"+`，
套接字仍然打开，模式不变。脚本中的 Ctrl-C 会中止整个脚本（退出状态 130）。

send 可能只发出一部分；sendall 反复发送，直到全部发出：
  a, b = socketpair
  setsockopt a SO_SNDBUF 4096
  setblocking a false
  send a "x"*1000000          ->  8064  sent 8064 of 1000000
  send a "x"*1000000          ->  EAGAIN (11) Resource temporarily unavailable  BlockingIOError
  settimeout a 0.5
  sendall a "x"*1000000       ->  TimeoutError: timed out  (出错前已发出 1000000 字节中的 0 字节)
  recv b 1000000               (b 读走数据后，发送缓冲区又有了空间)
set trace on 会显示每一次 send 调用、每次等待背后的 poll，以及它们的返回值。`)
	msgTraceHelp = msg.New("topic.trace.page",
		`set trace on (or --trace) prints each system call a command makes, strace's style. The
lines without a mark are the calls a Python program makes for the same statement; a line
that starts "(shell)" is a call of the shell's own, and "(shell: +FLAGS)" after a call
names the flags the shell added to it:
  sendto(4, b"hello\n", 6, MSG_DONTWAIT|MSG_NOSIGNAL, NULL, 0) = 6  (shell: +MSG_DONTWAIT|MSG_NOSIGNAL)
On a blocking socket Python makes one blocking call; the shell tries with MSG_DONTWAIT and,
when the kernel would block, waits in poll instead, so that Ctrl-C can end the wait: those
attempts and polls are marked (shell). A blocking stream send (or a waitall receive) that
took several such calls ends with the line of Python's one call, "(Python's one blocking
call, made by the shell's calls above)": so send shows one sendto, sendall a loop of them.
A blocking connect is made non-blocking for the call (ioctl FIONBIO, marked), finished with
a second connect (Python's), and put back. Under a timeout the poll before each call is
Python's too; the extra fd in it (100 and up) is the shell's Ctrl-C wake-up, noted after it.
Every send carries MSG_NOSIGNAL (Python ignores SIGPIPE instead). Lookups made only to
print addresses are not shown.`,
		`set trace on（或 --trace）按 strace 的格式打印命令发出的每一个系统调用。没有标记的行
是 Python 程序执行同一语句时发出的调用；以 "(shell)" 开头的行是 shell 自己的调用；
调用后面的 "(shell: +FLAGS)" 指出 shell 给它加上的标志：
  sendto(4, b"hello\n", 6, MSG_DONTWAIT|MSG_NOSIGNAL, NULL, 0) = 6  (shell: +MSG_DONTWAIT|MSG_NOSIGNAL)
在阻塞套接字上 Python 只发出一次阻塞调用；shell 先带 MSG_DONTWAIT 尝试，内核要阻塞时
改在 poll 中等待，这样 Ctrl-C 才能结束等待：这些尝试和 poll 都标为 (shell)。阻塞的字节流
send（或 waitall 的 recv）若用了好几次这样的调用，最后一行是 Python 那一次调用，
标为 "(Python's one blocking call, made by the shell's calls above)"：所以 send 显示一次
sendto，sendall 显示一串 sendto。阻塞的 connect 在调用期间被设为非阻塞（ioctl FIONBIO，
有标记），再用第二次 connect 完成（这是 Python 的那次），然后恢复原模式。设了超时时，
每次调用前的 poll 也是 Python 的；其中多出的 fd（100 及以上）是 shell 用于 Ctrl-C 唤醒的，
会在行尾注明。每次发送都带 MSG_NOSIGNAL（Python 则是忽略 SIGPIPE）。仅为打印地址而做的
查询不显示。`)
	msgFlagsHelp = msg.New("topic.flags.page",
		"Message flags join with | (peek|dontwait); MSG_ prefix optional, any case:",
		"消息标志用 | 连接（peek|dontwait）；MSG_ 前缀可省略，大小写均可：")
	msgFamiliesHead = msg.New("topic.families.families",
		"Families (socket FAMILY; C prefix optional, any case, or a number):",
		"地址族（socket FAMILY；C 前缀可省略，大小写均可，也可以是数字）：")
	msgTypesHead = msg.New("topic.families.types",
		"Types (socket FAMILY TYPE; add |nonblock or |cloexec as in C):",
		"类型（socket FAMILY TYPE；与 C 一样可加 |nonblock 或 |cloexec）：")
	msgProtocolsHead = msg.New("topic.families.protocols",
		"Protocols (socket FAMILY TYPE PROTO; 0 picks the family's default):",
		"协议（socket FAMILY TYPE PROTO；0 表示该地址族的默认协议）：")
	msgForCan = msg.New("topic.families.for-can",
		"(for can: can_raw can_bcm)",
		"（can 用：can_raw can_bcm）")
	msgFamiliesFoot = msg.New("topic.families.foot",
		`CAN and RDS need kernel modules: if socket answers EAFNOSUPPORT, the kernel lacks them
(modprobe -a can can_raw vcan; ip link add vcan0 type vcan; modprobe rds).
SOCK_RAW needs root (or CAP_NET_RAW); without it socket answers EPERM.`,
		`CAN 和 RDS 需要内核模块：socket 返回 EAFNOSUPPORT 说明内核缺少它们
（modprobe -a can can_raw vcan；ip link add vcan0 type vcan；modprobe rds）。
SOCK_RAW 需要 root（或 CAP_NET_RAW）权限；否则 socket 返回 EPERM。`)
	msgOptionsHead = msg.New("topic.options.head",
		`Options (getsockopt H [LEVEL] OPT; setsockopt H [LEVEL] OPT VALUE). LEVEL may be left out
when the name says it. Values: a number, on/off, a structure's fields (SO_LINGER 1 5,
SO_RCVTIMEO 2.5, TCP_CONGESTION reno, IP_ADD_MEMBERSHIP 224.0.0.251 0.0.0.0) or bytes (hex:…, b'…').`,
		`选项（getsockopt H [LEVEL] OPT；setsockopt H [LEVEL] OPT VALUE）。选项名能看出层级时，
LEVEL 可以省略。值：数字、on/off、结构体的各个字段（SO_LINGER 1 5、SO_RCVTIMEO 2.5、
TCP_CONGESTION reno、IP_ADD_MEMBERSHIP 224.0.0.251 0.0.0.0），或字节（hex:…、b'…'）。`)
	msgOptionsLevel = msg.New("topic.options.level",
		"level {short} ({name}):",
		"层级 {short}（{name}）：")
	msgOptionsExample = msg.New("topic.options.example",
		"Example on a live connection: getsockopt conn TCP_INFO  -> state=ESTABLISHED … rtt=…us snd_cwnd=10 …",
		"在一个活动连接上试试：getsockopt conn TCP_INFO  -> state=ESTABLISHED … rtt=…us snd_cwnd=10 …")
)

func familiesHelp() []string {
	out := []string{msgFamiliesHead.S()}
	for _, e := range names.Families.Entries {
		out = append(out, strings.TrimRight(fmt.Sprintf("  %-12s %-12s %s", names.Families.Short(e.Value), e.Name, strings.Join(e.Aliases, " ")), " "))
	}
	out = append(out, msgTypesHead.S())
	for _, e := range names.Types.Entries {
		out = append(out, fmt.Sprintf("  %-12s %s", names.Types.Short(e.Value), e.Name))
	}
	out = append(out, msgProtocolsHead.S())
	var protos []string
	seen := map[string]bool{}
	for _, e := range names.Protocols.Entries {
		if p := names.Protocols.Short(e.Value); !seen[p] {
			seen[p] = true
			protos = append(protos, p)
		}
	}
	out = append(out, "  "+strings.Join(protos, " ")+"   "+msgForCan.S())
	out = append(out, strings.Split(msgFamiliesFoot.S(), "\n")...)
	return out
}

func optionsHelp(level string) []string {
	var opts []sockopt.Option
	if level != "" {
		lv, err := sockopt.Levels.Lookup(level)
		if err != nil {
			return []string{err.Error()}
		}
		opts = sockopt.ForLevel(lv)
	} else {
		opts = sockopt.All()
	}
	sort.SliceStable(opts, func(i, j int) bool { return opts[i].Level < opts[j].Level })
	out := strings.Split(msgOptionsHead.S(), "\n")
	last := -1
	for _, o := range opts {
		if o.Level != last {
			out = append(out, msgOptionsLevel.S(msg.A("short", sockopt.Levels.Short(o.Level)), msg.A("name", sockopt.Levels.Name(o.Level))))
			last = o.Level
		}
		out = append(out, fmt.Sprintf("  %-28s %-8s %s", o.Name, strings.ToLower(o.Kind.String()), o.Describe()))
	}
	if level == "" {
		out = append(out, msgOptionsExample.S())
	}
	return out
}

// helpTopic shows one topic page, or reports false.
func helpTopic(name, arg string) (*Result, bool) {
	for _, t := range topics {
		if t.name == name {
			r := result("None")
			for i, l := range t.lines(arg) {
				if i == 0 {
					r.parts = append(r.parts[:0], render.P(render.Plain, l))
					continue
				}
				r.line(render.P(render.Plain, l))
			}
			return r, true
		}
	}
	return nil, false
}
