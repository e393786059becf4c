package peer

import "sockrepl/internal/msg"

// What a peer says of itself (ls) and of a request it cannot serve.
var (
	msgNoUDP = msg.New("peer.no-udp",
		"a {kind} peer closes or resets connections, which UDP does not have",
		"{kind} 对端会关闭或重置连接，而 UDP 没有连接")
	msgStatusTCP = msg.New("peer.status-tcp",
		"{conns} conn, {in} in, {out} out",
		"{conns} 个连接，收 {in}，发 {out}")
	msgStatusUDP = msg.New("peer.status-udp",
		"{in} in, {out} out",
		"收 {in}，发 {out}")
	msgLastError = msg.New("peer.last-error",
		", last error {err}",
		"，最近的错误 {err}")
	msgStopped = msg.New("peer.stopped",
		"stopped; {status}",
		"已停止；{status}")
	msgInternalError = msg.New("peer.internal-error",
		"internal error: {panic}",
		"内部错误：{panic}")
)
