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
	"{what}: waiting for {secs} s — Ctrl-C stops",
	"{what}：已等待 {secs} 秒 — Ctrl-C 停止")
