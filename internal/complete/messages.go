package complete

import "sockrepl/internal/msg"

// The hints drawn after the cursor: what the next argument looks like.
var (
	msgEg = msg.New("complete.eg",
		"e.g. {example}",
		"如 {example}")
	msgKeywordExample = msg.New("complete.keyword-example",
		"e.g. {keyword}%srv (wraps that fd)",
		"如 {keyword}%srv（直接使用那个 fd）")
	msgDefault = msg.New("complete.default",
		" (default {default})",
		"（默认 {default}）")
	msgOptExample = msg.New("complete.opt-example",
		"e.g. {example} (Tab lists the options of {level})",
		"如 {example}（Tab 列出 {level} 层级的选项）")
	msgSecondsExample = msg.New("complete.seconds-example",
		"e.g. 2.5, 0 (non-blocking) or none (blocking)",
		"如 2.5、0（非阻塞）或 none（阻塞）")
	msgTopicExample = msg.New("complete.topic-example",
		"e.g. bind, or a topic: {topics}",
		"如 bind，或一个主题：{topics}")
	msgNoFilesYet = msg.New("complete.no-files-yet",
		"no files yet: f = makefile H",
		"还没有文件：f = makefile H")
	msgNoHandlesYet = msg.New("complete.no-handles-yet",
		"no handles yet: make one with socket",
		"还没有句柄：用 socket 创建一个")
	msgValueExample = msg.New("complete.value-example",
		"e.g. 1, on, off",
		"如 1、on、off")
	msgANumber = msg.New("complete.a-number",
		"a number",
		"数字")
	msgLingerShape = msg.New("complete.linger-shape",
		"ONOFF SECONDS, e.g. 1 5",
		"ONOFF SECONDS，如 1 5")
	msgTimevalShape = msg.New("complete.timeval-shape",
		"SECONDS, e.g. 2.5",
		"SECONDS，如 2.5")
	msgAName = msg.New("complete.a-name",
		"a name",
		"名字")
	msgMreqShape = msg.New("complete.mreq-shape",
		"GROUP [IFADDR], e.g. 224.0.0.251 0.0.0.0",
		"GROUP [IFADDR]，如 224.0.0.251 0.0.0.0")
	msgMreq6Shape = msg.New("complete.mreq6-shape",
		"GROUP [IFINDEX], e.g. ff02::fb 0",
		"GROUP [IFINDEX]，如 ff02::fb 0")
	msgIPv4Shape = msg.New("complete.ipv4-shape",
		"an IPv4 address",
		"IPv4 地址")
	msgRawBytesShape = msg.New("complete.raw-bytes-shape",
		"raw bytes: hex:… or b'…'",
		"原始字节：hex:… 或 b'…'")
)
