package literal

import "sockrepl/internal/msg"

// The data literals' error messages.
var (
	msgErrorWant = msg.New("literal.error-want",
		"{msg} in {word}: expected {want}",
		"{word} 中{msg}：应为{want}")
	msgAfterClosingQuote = msg.New("literal.after-closing-quote",
		"unexpected {chunk} after the closing quote",
		"结束引号后多出了 {chunk}")
	msgEndOfWord = msg.New("literal.end-of-word",
		"the end of the word",
		"词的结尾")
	msgRepeatOrEnd = msg.New("literal.repeat-or-end",
		"a repeat count *N or the end of the word",
		"重复次数 *N 或词的结尾")
	msgMissingRepeat = msg.New("literal.missing-repeat",
		"missing repeat count after *",
		"* 后面缺少重复次数")
	msgRepeatDigits = msg.New("literal.repeat-digits",
		"*N with N in decimal digits",
		"*N，N 为十进制数字")
	msgBadRepeat = msg.New("literal.bad-repeat",
		"bad repeat count {chunk}",
		"重复次数 {chunk} 不对")
	msgOverLimit = msg.New("literal.over-limit",
		"{n} bytes is more than the {max}-byte limit",
		"{n} 字节超过了 {max} 字节的上限")
	msgUnterminatedString = msg.New("literal.unterminated",
		"unterminated string",
		"字符串没有闭合")
	msgClosingQuote = msg.New("literal.closing-quote",
		"a closing {q}",
		"结束引号 {q}")
	msgBytesASCII = msg.New("literal.bytes-ascii",
		`bytes literal can hold only ASCII characters; write \xHH (found {found})`,
		`bytes 字面量只能包含 ASCII 字符；请写成 \xHH（这里是 {found}）`)
	msgOctal = msg.New("literal.octal",
		"octal escape {chunk} is not supported",
		"不支持八进制转义 {chunk}")
	msgOctalWant = msg.New("literal.octal-want",
		`\xHH (or \0 for a NUL byte not followed by a digit 0-7)`,
		`\xHH（或 \0，表示后面不跟 0-7 数字的 NUL 字节）`)
	msgBadEscape = msg.New("literal.bad-escape",
		"bad escape {what}",
		"转义 {what} 不对")
	msgHexEscapeWant = msg.New("literal.hex-escape-want",
		`\xHH with exactly two hex digits`,
		`\xHH，恰好两位十六进制数字`)
	msgBackslashFollowedBy = msg.New("literal.backslash-followed-by",
		`\ followed by {char}`,
		`\ 后跟 {char}`)
	msgEscapesWanted = msg.New("literal.escapes-wanted",
		`one of \n \r \t \\ \" \' \0 \a \b \f \v \xHH`,
		`\n \r \t \\ \" \' \0 \a \b \f \v \xHH 之一`)
	msgNoHexDigits = msg.New("literal.no-hex-digits",
		"no hex digits",
		"没有十六进制数字")
	msgHexWant = msg.New("literal.hex-want",
		"two hex digits per byte after hex:, e.g. hex:68656c6c6f",
		"hex: 后面每个字节两位十六进制数字，如 hex:68656c6c6f")
	msgBadHexDigit = msg.New("literal.bad-hex-digit",
		"bad hex digit {char} at offset {offset}",
		"偏移 {offset} 处的 {char} 不是十六进制数字")
	msgHexDigitsWant = msg.New("literal.hex-digits-want",
		"hex digits 0-9, a-f or A-F",
		"十六进制数字 0-9、a-f 或 A-F")
	msgOddHex = msg.New("literal.odd-hex",
		"odd number of hex digits ({n})",
		"十六进制数字的个数是奇数（{n}）")
	msgTwoHexPerByte = msg.New("literal.two-hex-per-byte",
		"two hex digits per byte",
		"每个字节两位十六进制数字")
	msgMissingFileName = msg.New("literal.missing-file-name",
		"missing file name after @",
		"@ 后面缺少文件名")
	msgAtPathWant = msg.New("literal.at-path-want",
		`@PATH or @"PATH"`,
		`@PATH 或 @"PATH"`)
	msgFileOverLimit = msg.New("literal.file-over-limit",
		"file is {n} bytes, more than the {max}-byte limit",
		"文件有 {n} 字节，超过了 {max} 字节的上限")
	msgFileTimesOverLimit = msg.New("literal.file-times-over-limit",
		"file is larger than {limit} bytes, so {times} times it is more than the {max}-byte limit",
		"文件大于 {limit} 字节，重复 {times} 次就超过了 {max} 字节的上限")
	msgFileLargerThanLimit = msg.New("literal.file-larger-than-limit",
		"file is larger than the {max}-byte limit",
		"文件超过了 {max} 字节的上限")
	msgCannotOp = msg.New("literal.cannot-op",
		"cannot {op} {path}: {err}",
		"无法 {op} {path}：{err}")
	msgByteHex = msg.New("literal.byte-hex",
		"byte {hex}",
		"字节 {hex}")
)
