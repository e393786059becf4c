package repl

import "sockrepl/internal/msg"

// The repl package's messages (see internal/msg).
var (
	msgInternalError = msg.New("repl.internal-error",
		"internal error in {where}: {panic} (this is a sockrepl bug; the session goes on)",
		"{where} 内部错误：{panic}（这是 sockrepl 的缺陷；会话继续）")
	msgWhereEditor = msg.New("repl.where-editor",
		"the line editor",
		"行编辑器")
	msgWhereCompletion = msg.New("repl.where-completion",
		"completion",
		"补全")
	msgWhereHint = msg.New("repl.where-hint",
		"the hint painter",
		"提示显示")
	msgWhereShell = msg.New("repl.where-shell",
		"the shell",
		"shell")
)

var msgWaiting = msg.New("repl.waiting",
	"{what} ({secs} s) — Ctrl-C stops",
	"{what}（{secs} 秒）— Ctrl-C 停止")

// The line editor's and history's failures.
var (
	msgNoEditor = msg.New("repl.no-editor",
		"cannot start the line editor: {err}",
		"无法启动行编辑器：{err}")
	msgNoEditorPrefix = msg.New("repl.no-editor-prefix",
		"cannot start the line editor",
		"无法启动行编辑器")
	msgNotATerminal = msg.New("repl.not-a-terminal",
		"standard input is not a terminal",
		"标准输入不是终端")
	msgNoHistory = msg.New("repl.no-history",
		"history will not be saved: {err}",
		"历史记录将不会保存：{err}")
	msgNotRegular = msg.New("repl.not-regular",
		"{path} is not a regular file",
		"{path} 不是普通文件")
)

// The front end's refusals of `source FILE`.
var (
	msgSourceTooDeep = msg.New("repl.source.too-deep",
		"source: files nest more than 16 deep; {path} is not run",
		"source：文件嵌套超过 16 层；不运行 {path}")
	msgSourceCycle = msg.New("repl.source.cycle",
		"source: {path} is being run already ({chain}); a file that sources itself would never end, so it is not run again",
		"source：{path} 已经在运行中（{chain}）；一个 source 自身的文件永远不会结束，因此不再运行它")
)
