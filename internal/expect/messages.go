package expect

import "sockrepl/internal/msg"

// What is wrong with the text after =>.
var (
	msgEmpty = msg.New("expect.empty",
		"empty expectation: expected ok, an errno name, timeout, interrupted, error or a value",
		"期望为空：应为 ok、错误码名、timeout、interrupted、error 或一个值")
	msgUnknownErrnoSuggest = msg.New("expect.unknown-errno-suggest",
		"unknown errno name {word} (did you mean {suggestion}?)",
		"没有 {word} 这个错误码名（是不是想输入 {suggestion}？）")
	msgUnknownErrno = msg.New("expect.unknown-errno",
		"unknown errno name {word}: try `errno` for the list",
		"没有 {word} 这个错误码名：用 `errno` 查看列表")
)
