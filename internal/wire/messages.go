package wire

import "sockrepl/internal/msg"

// What the wire view says to a learner, in each language.
var (
	msgRefusedTCP = msg.New("wire.refused-tcp",
		"the peer's kernel answered SYN with RST (see the ladder): nothing listens on {addr}",
		"对端内核用 RST 回应了 SYN（见下方报文）：{addr} 上没有程序在监听")
	msgRefusedUDP = msg.New("wire.refused-udp",
		"an ICMP port unreachable came back for the datagram to {addr}: nothing listens there, and the next call on this socket reports it",
		"发往 {addr} 的数据报换回了 ICMP 端口不可达：那里没有程序在监听，这个套接字上的下一次调用会报告它")
	msgSynsUnanswered = msg.New("wire.syns-unanswered",
		"{n} SYNs went out (at {times}) and nothing answered: the listener's queue is full, or nothing is there to answer",
		"发出了 {n} 个 SYN（在 {times}），都没有回应：监听方的连接队列已满，或者那里没有谁来回应")
	msgSynUnanswered = msg.New("wire.syn-unanswered",
		"a SYN went out and nothing answered: the listener's queue is full, or nothing is there to answer",
		"发出了一个 SYN，没有回应：监听方的连接队列已满，或者那里没有谁来回应")
	msgResetBy = msg.New("wire.reset-by",
		"{who} sent RST during `{cmd}`: the connection is gone; close it and connect again",
		"{who} 在 `{cmd}` 期间发出了 RST：连接已经不存在；关闭它再重新连接")
	msgFinThenReset = msg.New("wire.fin-then-reset",
		"{who} sent FIN during `{cmd}`, then answered more data with RST: the connection is gone; close it and connect again",
		"{who} 在 `{cmd}` 期间发出了 FIN，之后用 RST 回应了更多数据：连接已经不存在；关闭它再重新连接")
	msgOwnFin = msg.New("wire.own-fin",
		"this side sent FIN during `{cmd}`: after shutdown wr (or close) it may not send any more",
		"本端在 `{cmd}` 期间发出了 FIN：shutdown wr（或 close）之后不能再发送")
	msgEOF = msg.New("wire.eof",
		"end of stream: {who} sent FIN during `{cmd}`",
		"流结束（EOF）：{who} 在 `{cmd}` 期间发出了 FIN")
	msgThePeer = msg.New("wire.the-peer",
		"the peer {addr}",
		"对端 {addr}")
	msgBetween = msg.New("wire.between",
		"(between commands)",
		"（两条命令之间）")
	msgDuring = msg.New("wire.during",
		"(during this command)",
		"（这条命令期间）")
	msgBetweenAfter = msg.New("wire.between-after",
		"between commands, after: {cmd}",
		"两条命令之间，在此之后：{cmd}")
	msgMorePackets = msg.New("wire.more-packets",
		"… {n} more packets (save FILE.pcapng keeps them)",
		"… 还有 {n} 个报文（save FILE.pcapng 会保存它们）")
	msgNotKept = msg.New("wire.not-kept",
		"… and {n} more packets not kept",
		"… 另有 {n} 个报文没有保留")
	msgDropped = msg.New("wire.dropped",
		"(the capture had no room for {n} packets: too many at once)",
		"（抓包缓冲区放不下其中 {n} 个报文：一次太多）")
	msgPortUnreachable = msg.New("wire.port-unreachable",
		"port unreachable",
		"端口不可达")
	msgForDatagram = msg.New("wire.for-datagram",
		"{what} (for the UDP datagram to {addr})",
		"{what}（针对发往 {addr} 的 UDP 数据报）")
)

var (
	msgNeedRaw = msg.New("wire.need-raw",
		"capturing packets needs the right to read raw packets (CAP_NET_RAW), which this shell does not have: run sockrepl as root, or start it with --lab (a network namespace of its own, where any user may capture)",
		"抓包需要读取原始报文的权限（CAP_NET_RAW），这个 shell 没有：以 root 运行 sockrepl，或者用 --lab 启动它（它自己的网络命名空间，任何用户都能在其中抓包）")
	msgCannotCapture = msg.New("wire.cannot-capture",
		"cannot capture packets on loopback ({err})",
		"无法在回环接口上抓包（{err}）")
)

var (
	msgCaptureFailed = msg.New("wire.capture-failed",
		"cannot capture",
		"无法抓包")
	msgNoFlags = msg.New("wire.no-flags",
		"(no flags)",
		"（无标志）")
)
