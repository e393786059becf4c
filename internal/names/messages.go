package names

import "sockrepl/internal/msg"

// kinds names what a table's entries are, for messages; the key is the
// table's Kind.
var kinds = map[string]*msg.M{
	"family":             msg.New("names.kind.family", "family", "地址族"),
	"socket type":        msg.New("names.kind.socket-type", "socket type", "套接字类型"),
	"socket type flag":   msg.New("names.kind.socket-type-flag", "socket type flag", "套接字类型标志"),
	"protocol":           msg.New("names.kind.protocol", "protocol", "协议"),
	"CAN protocol":       msg.New("names.kind.can-protocol", "CAN protocol", "CAN 协议"),
	"message flag":       msg.New("names.kind.message-flag", "message flag", "消息标志"),
	"shutdown direction": msg.New("names.kind.shutdown-direction", "shutdown direction", "shutdown 方向"),
	"poll event":         msg.New("names.kind.poll-event", "poll event", "poll 事件"),
	"level":              msg.New("names.kind.level", "level", "层级"),
	"option":             msg.New("names.kind.option", "option", "选项"),
	"tcp_info option":    msg.New("names.kind.tcp-info-option", "tcp_info option", "tcp_info 选项"),
}

// kindText is a table's Kind in the current language.
func kindText(kind string) string {
	if m := kinds[kind]; m != nil {
		return m.S()
	}
	return kind
}

var (
	msgRange = msg.New("names.range",
		"{what} number {word} does not fit in a C int",
		"{what}编号 {word} 超出了 C int 的范围")
	msgMissing = msg.New("names.missing",
		"missing {kind}: expected {expected}",
		"缺少{kind}：应为 {expected}")
	msgUnknown = msg.New("names.unknown",
		"unknown {kind} {word}: expected {expected}{suggestion}",
		"没有 {word} 这个{kind}：应为 {expected}{suggestion}")
	msgDidYouMean = msg.New("names.did-you-mean",
		" (did you mean {word}?)",
		"（是不是想输入 {word}？）")
	msgANumber = msg.New("names.a-number",
		"a number",
		"数字")
	msgOrANumber = msg.New("names.or-a-number",
		"{words} or a number",
		"{words} 或数字")
	msgEmptyIn = msg.New("names.empty-in",
		"empty {kind} in {word}",
		"{word} 中有空的{kind}")
	msgMoreThanOneType = msg.New("names.more-than-one-type",
		"more than one socket type in {word}",
		"{word} 中有不止一个套接字类型")
	msgNoSocketType = msg.New("names.no-socket-type",
		"{word} has no socket type: expected one of {types}",
		"{word} 中没有套接字类型：应为 {types} 之一")
)
