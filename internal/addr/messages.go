package addr

import "sockrepl/internal/msg"

// The address parser's messages. What Python itself says of a bad
// address (AF_INET address must be a pair (host, port), port must be
// 0-65535) stays as Python says it.
var (
	msgFamilyNotSupported = msg.New("addr.family-not-supported",
		"addresses of family {family} are not supported",
		"不支持地址族 {family} 的地址")
	msgBadAddress = msg.New("addr.bad-address",
		"bad address {word}",
		"地址 {word} 不对")
	msgMissingAddress = msg.New("addr.missing-address",
		"missing address: {want}",
		"缺少地址：{want}")
	msgEmptyAbstract = msg.New("addr.empty-abstract",
		"empty abstract name; use '' (or nothing) to autobind",
		"抽象命名空间的名字为空；要自动绑定，用 ''（或什么都不写）")
	msgPathNUL = msg.New("addr.path-nul",
		"AF_UNIX path contains a NUL byte",
		"AF_UNIX 路径中含有 NUL 字节")
	msgCANWant = msg.New("addr.can-want",
		"expected a CAN interface name (e.g. vcan0, or '' for all)",
		"应为 CAN 接口名（如 vcan0，或 '' 表示全部接口）")
	msgIfindexRange = msg.New("addr.ifindex-range",
		"ifindex must be a number 0-2147483647",
		"ifindex 必须是 0-2147483647 的数字")
	msgNoSuchInterface = msg.New("addr.no-such-interface",
		"no such interface (ENODEV)",
		"没有这个网络接口（ENODEV）")
	msgCannotLookUpIface = msg.New("addr.cannot-look-up-iface",
		"cannot look up interface: {err}",
		"无法查找网络接口：{err}")
	msgPacketWant = msg.New("addr.packet-want",
		"expected an interface name and optional protocol (e.g. lo 0x0003)",
		"应为接口名，后面可跟协议号（如 lo 0x0003）")
	msgBadProtocol = msg.New("addr.bad-protocol",
		"bad protocol {word}: {err}",
		"协议 {word} 不对：{err}")
	msgUnknownEthProto = msg.New("addr.unknown-eth-proto",
		"unknown protocol name (known: ETH_P_ALL, ETH_P_IP, ETH_P_IPV6, ETH_P_ARP)",
		"没有这个协议名（可用的有 ETH_P_ALL、ETH_P_IP、ETH_P_IPV6、ETH_P_ARP）")
	msgEthProtoWant = msg.New("addr.eth-proto-want",
		"expected a protocol number or ETH_P_ name",
		"应为协议号或 ETH_P_ 名字")
	msgEthProtoRange = msg.New("addr.eth-proto-range",
		"protocol must be 0-65535 (decimal or 0x hex) or ETH_P_ALL, ETH_P_IP, ETH_P_IPV6, ETH_P_ARP",
		"协议必须是 0-65535（十进制或 0x 十六进制），或 ETH_P_ALL、ETH_P_IP、ETH_P_IPV6、ETH_P_ARP")
	msgNetlinkWant = msg.New("addr.netlink-want",
		"expected a port id (0 lets the kernel choose) and optional groups, e.g. 0 0x1",
		"应为端口 id（0 表示由内核选择），后面可跟组播组掩码，如 0 0x1")
	msgBadGroups = msg.New("addr.bad-groups",
		"bad groups {word}: groups must be a 32-bit mask (decimal or 0x hex)",
		"组播组 {word} 不对：必须是 32 位掩码（十进制或 0x 十六进制）")
	msgInetWant = msg.New("addr.inet-want",
		"expected HOST:PORT, HOST PORT or :PORT (e.g. 127.0.0.1:8080)",
		"应为 HOST:PORT、HOST PORT 或 :PORT（如 127.0.0.1:8080）")
	msgInet6Want = msg.New("addr.inet6-want",
		"expected [HOST]:PORT, HOST PORT or :PORT (e.g. [::1]:8080)",
		"应为 [HOST]:PORT、HOST PORT 或 :PORT（如 [::1]:8080）")
	msgBadPort = msg.New("addr.bad-port",
		"bad port {word}",
		"端口 {word} 不对")
	msgMissingBracket = msg.New("addr.missing-bracket",
		"missing ']'",
		"缺少 ']'")
	msgAfterBracket = msg.New("addr.after-bracket",
		"unexpected {word} after ']'",
		"']' 后面多出了 {word}")
	msgMissingPort = msg.New("addr.missing-port",
		"missing port (port must be 0-65535)",
		"缺少端口（端口必须是 0-65535）")
	msgPortNumber = msg.New("addr.port-number",
		"port must be a number 0-65535",
		"端口必须是 0-65535 的数字")
	msgIPv6OnInet = msg.New("addr.ipv6-on-inet",
		"{host} is an IPv6 address, but this is an AF_INET socket",
		"{host} 是 IPv6 地址，而这是一个 AF_INET 套接字")
	msgIPv4OnInet6 = msg.New("addr.ipv4-on-inet6",
		"{host} is an IPv4 address, but this is an AF_INET6 socket (use ::ffff:{host} for a mapped address)",
		"{host} 是 IPv4 地址，而这是一个 AF_INET6 套接字（映射地址请写 ::ffff:{host}）")
	msgNotIPv6 = msg.New("addr.not-ipv6",
		"{host} is not a valid IPv6 address",
		"{host} 不是合法的 IPv6 地址")
	msgNotIPv4 = msg.New("addr.not-ipv4",
		"{host} is not a valid IPv4 address",
		"{host} 不是合法的 IPv4 地址")
	msgScopeRange = msg.New("addr.scope-range",
		"scope id must be 0-4294967295 or an interface name",
		"scope id 必须是 0-4294967295，或者接口名")
	msgNoIfaceBrackets = msg.New("addr.no-iface-brackets",
		"no interface named {zone} (put the address in brackets: [HOST%ZONE]:PORT)",
		"没有名为 {zone} 的网络接口（地址请放在方括号里：[HOST%ZONE]:PORT）")
	msgNoIface = msg.New("addr.no-iface",
		"no interface named {zone}",
		"没有名为 {zone} 的网络接口")
	msgCannotLookUpZone = msg.New("addr.cannot-look-up-zone",
		"cannot look up interface {zone}: {err}",
		"无法查找网络接口 {zone}：{err}")
	msgFlowinfo = msg.New("addr.flowinfo",
		"flowinfo {n} is not supported: x/sys/unix cannot send flowinfo, use 0",
		"不支持 flowinfo {n}：x/sys/unix 无法发送 flowinfo，请用 0")
	msgTupleWant = msg.New("addr.tuple-want",
		"expected a tuple such as ('127.0.0.1', 8080)",
		"应为一个元组，如 ('127.0.0.1', 8080)")
	msgMissingParen = msg.New("addr.missing-paren",
		"missing ')'",
		"缺少 ')'")
	msgCommaOrParen = msg.New("addr.comma-or-paren",
		"expected ',' or ')' at {at}",
		"{at} 处应为 ',' 或 ')'")
	msgAfterParen = msg.New("addr.after-paren",
		"unexpected {word} after ')'",
		"')' 后面多出了 {word}")
	msgMustBeQuoted = msg.New("addr.must-be-quoted",
		"{text} must be quoted, as in Python: '{text}'",
		"{text} 必须加引号，与 Python 一样：'{text}'")
	msgBadNumber = msg.New("addr.bad-number",
		"bad number {text}",
		"数字 {text} 不对")
	msgNestedTuple = msg.New("addr.nested-tuple",
		"a tuple inside the tuple: an address is one tuple, such as ('127.0.0.1', 8080); write $H or ($H), not ($H,)",
		"元组里又套了元组：地址只是一个元组，例如 ('127.0.0.1', 8080)；写 $H 或 ($H)，不要写 ($H,)")
	msgUnixTuple = msg.New("addr.unix-tuple",
		"an AF_UNIX address is a path (str or bytes), not a tuple: /tmp/x.sock, '/tmp/x.sock', @name, b'\\x00name'",
		"AF_UNIX 地址是路径（str 或 bytes），不是元组：/tmp/x.sock、'/tmp/x.sock'、@name、b'\\x00name'")
	msgStringOrNumber = msg.New("addr.string-or-number",
		"expected a quoted string or a number, not {word}",
		"应为带引号的字符串或数字，而不是 {word}")
	msgAfterBytes = msg.New("addr.after-bytes",
		"unexpected {word} after bytes literal",
		"bytes 字面量后面多出了 {word}")
	msgEscapeRange = msg.New("addr.escape-range",
		"bytes escape out of range",
		"bytes 转义超出范围")
	msgTruncatedEscape = msg.New("addr.truncated-escape",
		`truncated \{e} escape`,
		`\{e} 转义不完整`)
	msgBadEscape = msg.New("addr.bad-escape",
		`bad \{e} escape`,
		`\{e} 转义不对`)
	msgUnterminated = msg.New("addr.unterminated",
		"unterminated string",
		"字符串没有闭合")
)
