package py

import "sockrepl/internal/msg"

// sockrepl's own sentences about its Python: what it leaves out. They
// follow the exception class Python would raise (SyntaxError, TypeError,
// NotImplementedError, ModuleNotFoundError), whose name stays English;
// every other exception text is Python's own and is not translated.
var (
	msgNotBuiltin = msg.New("py.not-builtin",
		"{name}() is not part of sockrepl's Python (it covers what socket tutorials use)",
		"sockrepl 的 Python 没有 {name}()（它只包含套接字教程用到的部分）")
	msgNoModule = msg.New("py.no-module",
		"No module named '{name}' (sockrepl's Python has: {have})",
		"没有名为 '{name}' 的模块（sockrepl 的 Python 只有：{have}）")
	msgNoComplex = msg.New("py.no-complex",
		"complex numbers are not supported here",
		"这里不支持复数")
	msgNoKeyword = msg.New("py.no-keyword",
		"'{word}' is not supported here (sockrepl's Python covers what socket tutorials use)",
		"这里不支持 '{word}'（sockrepl 的 Python 只包含套接字教程用到的部分）")
	msgNoDecorators = msg.New("py.no-decorators",
		"decorators are not supported here (sockrepl's Python covers what socket tutorials use)",
		"这里不支持装饰器（sockrepl 的 Python 只包含套接字教程用到的部分）")
	msgNoWalrus = msg.New("py.no-walrus",
		"':=' is not supported here",
		"这里不支持 ':='")
	msgLoneSurrogate = msg.New("py.lone-surrogate",
		"a str here holds only the lone surrogates U+DC80-U+DCFF (bytes kept by surrogateescape), not {char}",
		"这里的 str 只能容纳单独的代理码位 U+DC80-U+DCFF（surrogateescape 保留的字节），不能容纳 {char}")
	msgTypeOneArg = msg.New("py.type-one-arg",
		"type() takes 1 argument here",
		"这里的 type() 只接受 1 个参数")
	msgMapOneIterable = msg.New("py.map-one-iterable",
		"map() here takes a function and one iterable",
		"这里的 map() 只接受一个函数和一个可迭代对象")
	msgNoNameReplace = msg.New("py.no-namereplace",
		"the error handler 'namereplace' is not supported here (it needs Unicode's character names)",
		"这里不支持错误处理方式 'namereplace'（它需要 Unicode 字符名称表）")
	msgNoNamedEscape = msg.New("py.no-named-escape",
		"(unicode error) \\N{{...}} escapes are not supported here (they need Unicode's character names): write the character itself, or \\xHH, \\uHHHH or \\UHHHHHHHH",
		"(unicode error) 这里不支持 \\N{{...}} 转义（它需要 Unicode 字符名称表）：请直接写出该字符，或写成 \\xHH、\\uHHHH 或 \\UHHHHHHHH")
)
