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
)
