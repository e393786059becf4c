package line

import "sockrepl/internal/msg"

// The grammar's error messages: what a line that cannot be split gets.
var (
	msgColumn = msg.New("line.column",
		"column {col}: {msg}",
		"第 {col} 列：{msg}")
	msgLineTooLong = msg.New("line.too-long",
		"line is {n} bytes long; the limit is {max}",
		"这一行长 {n} 字节，上限是 {max}")
	msgNeedsExpectation = msg.New("line.needs-expectation",
		"=> needs an expectation after it (ok, an errno name, timeout, error, or a value such as b'hi')",
		"=> 后面需要一个期望（ok、错误码名、timeout、error，或一个值，如 b'hi'）")
	msgMissingParen = msg.New("line.missing-paren",
		"missing ) to close the ( before it",
		"缺少 )，前面的 ( 没有闭合")
	msgUnterminatedQuote = msg.New("line.unterminated-quote",
		"unterminated {q} quote: add a closing {q}",
		"引号 {q} 没有闭合：在末尾补上 {q}")
	msgNeedsCommand = msg.New("line.needs-command",
		"{names} = needs a command after it, e.g. {name} = socket inet stream",
		"{names} = 后面需要一条命令，如 {name} = socket inet stream")
	msgNeedsCommandBefore = msg.New("line.needs-command-before",
		"=> needs a command before it",
		"=> 前面需要一条命令")
	msgBadNameList = msg.New("line.bad-name-list",
		"bad name list {list} before =: expected NAME = COMMAND or NAME, NAME = COMMAND",
		"= 前面的名字列表 {list} 不对：应为 NAME = COMMAND 或 NAME, NAME = COMMAND")
	msgBadName = msg.New("line.bad-name",
		"bad name {name}: a name is a letter or _ followed by letters, digits or _",
		"名字 {name} 不合法：名字以字母或 _ 开头，后面是字母、数字或 _")
	msgNoLineEnd = msg.New("line.no-end",
		"line {line} has no end in its first {max} bytes (is this a script?); stopped reading",
		"第 {line} 行在前 {max} 字节内没有结束（这是脚本吗？）；已停止读取")
	msgLineSkipped = msg.New("line.skipped",
		"line {line} is longer than {max} bytes; skipped",
		"第 {line} 行超过 {max} 字节；已跳过")
)
