package sockopt

import "sockrepl/internal/msg"

// docs are the option table's Doc column as messages: the English is the
// table's, the Chinese is docZH's, by option name (a test checks that
// every option has one). Describe gives the one of the current language.
var docs = func() map[string]*msg.M {
	m := make(map[string]*msg.M, len(table))
	for _, o := range table {
		m[o.Name] = msg.New("sockopt.doc."+o.Name, o.Doc, docZH[o.Name])
	}
	return m
}()

// Describe is o's one-line description in the current language.
func (o Option) Describe() string {
	if m := docs[o.Name]; m != nil && m.Text(msg.EN) == o.Doc {
		return m.S()
	}
	return o.Doc
}

var docZH = map[string]string{
	"SO_DEBUG":                      "协议调试（需要 CAP_NET_ADMIN）",
	"SO_REUSEADDR":                  "端口复用：允许 bind 重用仍处于 TIME_WAIT 的本地地址",
	"SO_TYPE":                       "套接字类型（只读）",
	"SO_ERROR":                      "待处理的套接字错误，读取后即清除（只读）",
	"SO_DONTROUTE":                  "只发往直接相连的主机",
	"SO_BROADCAST":                  "允许向广播地址发送",
	"SO_SNDBUF":                     "发送缓冲区字节数（内核会把设置值加倍）",
	"SO_RCVBUF":                     "接收缓冲区字节数（内核会把设置值加倍）",
	"SO_KEEPALIVE":                  "在空闲连接上发送保活（keepalive）探测",
	"SO_OOBINLINE":                  "把紧急数据放在普通数据流中接收",
	"SO_PRIORITY":                   "发出数据包的排队优先级（大于 6 需要 CAP_NET_ADMIN）",
	"SO_LINGER":                     "让 close 最多等待 SECONDS 秒以发出未发送的数据；on=1 linger=0 则直接重置连接",
	"SO_REUSEPORT":                  "允许多个套接字绑定同一端口，负载均衡",
	"SO_PASSCRED":                   "接收 SCM_CREDENTIALS（unix 套接字）",
	"SO_PEERCRED":                   "对端的 pid、uid、gid（unix 套接字，只读）",
	"SO_RCVLOWAT":                   "recv 返回前接收队列中至少要有的字节数",
	"SO_SNDLOWAT":                   "发送低水位（Linux 上固定为 1）",
	"SO_RCVTIMEO":                   "接收超时（秒），0 表示不超时",
	"SO_SNDTIMEO":                   "发送超时（秒），0 表示不超时",
	"SO_BINDTODEVICE":               "按名字绑定到某个网络接口，空字符串表示解除绑定",
	"SO_TIMESTAMP":                  "每个数据包附带 SCM_TIMESTAMP",
	"SO_ACCEPTCONN":                 "套接字正在监听时为 1（只读）",
	"SO_PEERSEC":                    "对端的安全标签（只读）",
	"SO_SNDBUFFORCE":                "超过 wmem_max 的 SO_SNDBUF（需要 CAP_NET_ADMIN）",
	"SO_RCVBUFFORCE":                "超过 rmem_max 的 SO_RCVBUF（需要 CAP_NET_ADMIN）",
	"SO_PASSSEC":                    "接收 SCM_SECURITY（unix 套接字）",
	"SO_TIMESTAMPNS":                "每个数据包附带 SCM_TIMESTAMPNS",
	"SO_MARK":                       "用于路由和过滤的防火墙标记（需要 CAP_NET_ADMIN）",
	"SO_PROTOCOL":                   "套接字的协议（只读）",
	"SO_DOMAIN":                     "套接字的地址族（只读）",
	"SO_PEEK_OFF":                   "MSG_PEEK 开始读取的字节偏移，-1 表示关闭",
	"SO_BUSY_POLL":                  "阻塞接收时忙轮询设备的微秒数",
	"SO_INCOMING_NAPI_ID":           "最近一次投递数据的队列的 NAPI id（只读）",
	"SO_INCOMING_CPU":               "处理该套接字数据包的 CPU",
	"SO_COOKIE":                     "64 位套接字 cookie，每个套接字唯一（只读）",
	"SO_ZEROCOPY":                   "允许带 MSG_ZEROCOPY 的发送",
	"IP_TOS":                        "发出数据包的 TOS/DSCP 字节（如 0x10）",
	"IP_TTL":                        "发出的单播数据包的生存时间（TTL）",
	"IP_HDRINCL":                    "raw 套接字：由应用程序自己写 IP 首部",
	"IP_OPTIONS":                    "每个数据包都带上的 IP 选项",
	"IP_RECVOPTS":                   "以 cmsg 形式接收到达数据包的 IP 选项",
	"IP_RETOPTS":                    "以 cmsg 形式接收原始的 IP 选项（别名 IP_RECVRETOPTS）",
	"IP_PKTINFO":                    "以 cmsg 形式接收 IP_PKTINFO（目的地址、接口）",
	"IP_MTU_DISCOVER":               "路径 MTU 发现：0 不做，1 尽量，2 必须，3 探测",
	"IP_RECVERR":                    "把 ICMP 错误排入队列，用 recv 加 MSG_ERRQUEUE 读取",
	"IP_RECVTTL":                    "以 cmsg 形式接收 TTL",
	"IP_RECVTOS":                    "以 cmsg 形式接收 TOS 字节",
	"IP_MTU":                        "已连接套接字的路径 MTU（只读）",
	"IP_FREEBIND":                   "允许绑定本机（暂时）没有的地址",
	"IP_TRANSPARENT":                "透明代理（需要 CAP_NET_ADMIN）",
	"IP_BIND_ADDRESS_NO_PORT":       "把端口的选择从 bind 推迟到 connect",
	"IP_MULTICAST_IF":               "发送组播所用接口的本地地址",
	"IP_MULTICAST_TTL":              "发出的组播数据包的 TTL",
	"IP_MULTICAST_LOOP":             "把发出的组播回送给本机的监听者",
	"IP_ADD_MEMBERSHIP":             "加入一个组播组（只能设置）",
	"IP_DROP_MEMBERSHIP":            "退出一个组播组（只能设置）",
	"IP_MULTICAST_ALL":              "接收同一端口上其他套接字加入的组播组的数据",
	"IPV6_CHECKSUM":                 "raw 套接字：要填入校验和的偏移，-1 表示不填",
	"IPV6_NEXTHOP":                  "下一跳；在 Linux 上是 cmsg 类型，不是选项",
	"IPV6_UNICAST_HOPS":             "发出的单播数据包的跳数限制，-1 表示用路由的默认值",
	"IPV6_MULTICAST_IF":             "发送组播所用接口的编号",
	"IPV6_MULTICAST_HOPS":           "发出的组播数据包的跳数限制",
	"IPV6_MULTICAST_LOOP":           "把发出的组播回送给本机的监听者",
	"IPV6_JOIN_GROUP":               "加入一个组播组（只能设置）",
	"IPV6_LEAVE_GROUP":              "退出一个组播组（只能设置）",
	"IPV6_MTU_DISCOVER":             "路径 MTU 发现：0 不做，1 尽量，2 必须，3 探测",
	"IPV6_MTU":                      "已连接套接字的路径 MTU",
	"IPV6_RECVERR":                  "把 ICMPv6 错误排入队列，用 recv 加 MSG_ERRQUEUE 读取",
	"IPV6_V6ONLY":                   "只用 IPv6：不接受 IPv4 映射地址",
	"IPV6_RECVPKTINFO":              "以 cmsg 形式接收 IPV6_PKTINFO（目的地址、接口）",
	"IPV6_PKTINFO":                  "固定的源地址和接口（struct in6_pktinfo）",
	"IPV6_RECVHOPLIMIT":             "以 cmsg 形式接收跳数限制",
	"IPV6_HOPLIMIT":                 "跳数限制；在 Linux 上是 cmsg 类型，不是选项",
	"IPV6_RECVHOPOPTS":              "以 cmsg 形式接收逐跳选项",
	"IPV6_HOPOPTS":                  "固定的逐跳选项首部",
	"IPV6_RTHDRDSTOPTS":             "路由首部之前的固定目的选项",
	"IPV6_RECVRTHDR":                "以 cmsg 形式接收路由首部",
	"IPV6_RTHDR":                    "固定的路由首部",
	"IPV6_RECVDSTOPTS":              "以 cmsg 形式接收目的选项",
	"IPV6_DSTOPTS":                  "固定的目的选项首部",
	"IPV6_RECVPATHMTU":              "以 cmsg 形式接收路径 MTU 的变化",
	"IPV6_PATHMTU":                  "已连接套接字的路径 MTU（struct ip6_mtuinfo，只读）",
	"IPV6_DONTFRAG":                 "宁可失败也不对发出的数据包分片",
	"IPV6_RECVTCLASS":               "以 cmsg 形式接收流量类别",
	"IPV6_TCLASS":                   "发出数据包的流量类别，-1 表示默认值",
	"TCP_NODELAY":                   "小报文段立即发送（关闭 Nagle 算法）",
	"TCP_MAXSEG":                    "最大报文段长度（MSS）",
	"TCP_CORK":                      "攒住不满的报文段，直到取消 cork（或 200ms 后）",
	"TCP_KEEPIDLE":                  "空闲多少秒后发出第一个保活探测",
	"TCP_KEEPINTVL":                 "保活探测之间的间隔秒数",
	"TCP_KEEPCNT":                   "多少个保活探测无应答后断开连接",
	"TCP_SYNCNT":                    "connect 放弃前重传 SYN 的次数",
	"TCP_LINGER2":                   "孤儿套接字在 FIN_WAIT2 状态停留的秒数",
	"TCP_DEFER_ACCEPT":              "accept 等待数据到达的秒数",
	"TCP_WINDOW_CLAMP":              "通告窗口的上限",
	"TCP_INFO":                      "连接状态与统计（struct tcp_info，只读）",
	"TCP_QUICKACK":                  "立即确认而不延迟（不是永久的）",
	"TCP_CONGESTION":                "拥塞控制算法，如 cubic 或 reno",
	"TCP_THIN_LINEAR_TIMEOUTS":      "对稀疏数据流使用线性超时",
	"TCP_USER_TIMEOUT":              "未确认的数据最多等待多少毫秒，超过则断开连接",
	"TCP_FASTOPEN":                  "监听套接字：TCP Fast Open 的队列长度",
	"TCP_NOTSENT_LOWAT":             "未发送字节超过此值时套接字不可写",
	"TCP_SAVE_SYN":                  "保留 SYN 的首部，供 TCP_SAVED_SYN 读取",
	"TCP_FASTOPEN_CONNECT":          "用 TCP Fast Open 发起连接",
	"TCP_ULP":                       "上层协议，如 tls",
	"TCP_INQ":                       "以 cmsg 形式接收队列中的字节数",
	"TCP_TX_DELAY":                  "发出数据包前延迟的微秒数（测试用）",
	"UDP_CORK":                      "把多次发送合并成一个数据报，直到取消 cork",
	"UDP_SEGMENT":                   "大块发送时的 GSO 分段大小",
	"UDP_GRO":                       "接收合并后的数据报（GRO）",
	"CAN_RAW_FILTER":                "接收过滤器（struct can_filter 数组）",
	"CAN_RAW_ERR_FILTER":            "要接收的错误帧类别掩码",
	"CAN_RAW_LOOPBACK":              "把发出的帧回送给本机的套接字",
	"CAN_RAW_RECV_OWN_MSGS":         "接收本套接字自己发出的帧",
	"CAN_RAW_FD_FRAMES":             "允许 CAN FD 帧",
	"CAN_RAW_JOIN_FILTERS":          "帧必须匹配所有过滤器，而不是任意一个",
	"SO_VM_SOCKETS_BUFFER_SIZE":     "缓冲区大小（字节）",
	"SO_VM_SOCKETS_BUFFER_MIN_SIZE": "最小缓冲区大小（字节）",
	"SO_VM_SOCKETS_BUFFER_MAX_SIZE": "最大缓冲区大小（字节）",
	"SO_J1939_FILTER":               "接收过滤器（struct j1939_filter 数组）",
	"SO_J1939_PROMISC":              "接收发往任何地址的帧",
	"SO_J1939_SEND_PRIO":            "发出帧的优先级 0-7",
	"SO_J1939_ERRQUEUE":             "在错误队列上报告发送进度",
}

// The option table's messages: what a value of each kind looks like, and
// what goes wrong finding an option.
var (
	msgUsage0 = msg.New("sockopt.usage.0",
		"an integer (e.g. 65536 or 0x10)",
		"整数（如 65536 或 0x10）")
	msgUsage1 = msg.New("sockopt.usage.1",
		"on/off, yes/no, true/false or an integer (e.g. 1)",
		"on/off、yes/no、true/false 或整数（如 1）")
	msgUsage2 = msg.New("sockopt.usage.2",
		"ONOFF SECONDS (e.g. 1 5)",
		"ONOFF SECONDS（如 1 5）")
	msgUsage3 = msg.New("sockopt.usage.3",
		"SECONDS (e.g. 2.5; 0 for none)",
		"SECONDS（如 2.5；0 表示不超时）")
	msgUsage4 = msg.New("sockopt.usage.4",
		"an errno name or number (e.g. ECONNREFUSED)",
		"错误码名或编号（如 ECONNREFUSED）")
	msgUsage5 = msg.New("sockopt.usage.5",
		"a family (e.g. inet)",
		"地址族（如 inet）")
	msgUsage6 = msg.New("sockopt.usage.6",
		"a socket type (e.g. stream)",
		"套接字类型（如 stream）")
	msgUsage7 = msg.New("sockopt.usage.7",
		"a protocol (e.g. tcp)",
		"协议（如 tcp）")
	msgUsage8 = msg.New("sockopt.usage.8",
		"an interface name (e.g. lo)",
		"接口名（如 lo）")
	msgUsage9 = msg.New("sockopt.usage.9",
		"a protocol name (e.g. tls)",
		"协议名（如 tls）")
	msgUsage10 = msg.New("sockopt.usage.10",
		"an algorithm name (e.g. cubic)",
		"算法名（如 cubic）")
	msgUsage11 = msg.New("sockopt.usage.11",
		"one word of text",
		"一个词的文本")
	msgUsage12 = msg.New("sockopt.usage.12",
		"PID UID GID (e.g. 1234 0 0)",
		"PID UID GID（如 1234 0 0）")
	msgUsage13 = msg.New("sockopt.usage.13",
		"GROUP [INTERFACE-ADDRESS] (e.g. 224.0.0.251 0.0.0.0)",
		"GROUP [INTERFACE-ADDRESS]（如 224.0.0.251 0.0.0.0）")
	msgUsage14 = msg.New("sockopt.usage.14",
		"GROUP [IFINDEX-OR-NAME] (e.g. ff02::fb 0)",
		"GROUP [IFINDEX-OR-NAME]（如 ff02::fb 0）")
	msgUsage15 = msg.New("sockopt.usage.15",
		"an IPv4 address (e.g. 192.168.1.10)",
		"IPv4 地址（如 192.168.1.10）")
	msgUsage16 = msg.New("sockopt.usage.16",
		"an integer (e.g. 262144)",
		"整数（如 262144）")
	msgUsage17 = msg.New("sockopt.usage.17",
		"raw bytes",
		"原始字节")
	msgTakes = msg.New("sockopt.takes",
		"{name} takes {usage}, got {got}",
		"{name} 的值应为{usage}，而不是 {got}")
	msgTCPInfoReadOnly = msg.New("sockopt.tcp-info-read-only",
		"{name} cannot be set: struct tcp_info is read-only",
		"{name} 不能设置：struct tcp_info 是只读的")
	msgMissingOption = msg.New("sockopt.missing-option",
		"missing option name",
		"缺少选项名")
	msgNumberNeedsLevel = msg.New("sockopt.number-needs-level",
		"option number {n} needs a level, e.g. \"socket {n}\"",
		"选项编号 {n} 需要给出层级，如 \"socket {n}\"")
	msgNotInTable = msg.New("sockopt.not-in-table",
		"option not in the table; the kernel decides",
		"表中没有这个选项；由内核决定")
	msgOtherLevel = msg.New("sockopt.other-level",
		"{name} is an option of level {short} ({level}), not {not}",
		"{name} 是层级 {short}（{level}）的选项，不属于 {not}")
	msgNotAtLevel = msg.New("sockopt.not-at-level",
		"{word} is not an option of level {level}; did you mean {candidates}?",
		"{word} 不是层级 {level} 的选项；是不是想输入 {candidates}？")
	msgUnknownAtLevel = msg.New("sockopt.unknown-at-level",
		"unknown option {word} at level {level}{suggestion}",
		"层级 {level} 没有 {word} 这个选项{suggestion}")
	msgDidYouMean = msg.New("sockopt.did-you-mean",
		" (did you mean {word}?)",
		"（是不是想输入 {word}？）")
	msgDidYouMeanAtLevel = msg.New("sockopt.did-you-mean-at-level",
		" (did you mean {word}, at level {level}?)",
		"（是不是想输入层级 {level} 的 {word}？）")
	msgLevelN = msg.New("sockopt.level-n",
		"level {n}",
		"层级 {n}")
	msgUnknownOption = msg.New("sockopt.unknown-option",
		"unknown option {word}{suggestion}",
		"没有 {word} 这个选项{suggestion}")
	msgGiveLevelOrName = msg.New("sockopt.give-level-or-name",
		"give a level or the full name",
		"请给出层级或完整的选项名")
	msgGiveFullName = msg.New("sockopt.give-full-name",
		"give the full name",
		"请给出完整的选项名")
	msgAmbiguous = msg.New("sockopt.ambiguous",
		"{word} is ambiguous: {candidates}; {hint}",
		"{word} 有歧义：{candidates}；{hint}")
	msgOr = msg.New("sockopt.or",
		" or ",
		" 或 ")
	msgRawBytesErr = msg.New("sockopt.raw-bytes",
		"value is raw bytes",
		"值是原始字节")
	msgIntRangeErr = msg.New("sockopt.int-range",
		"does not fit in a C int",
		"超出了 C int 的范围")
	msgCannotEncode = msg.New("sockopt.cannot-encode",
		"{name}: cannot encode kind {kind}",
		"{name}：无法编码 {kind} 类型的值")
)
