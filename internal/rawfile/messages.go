package rawfile

import "sockrepl/internal/msg"

var (
	msgFileOverLimit = msg.New("rawfile.over-limit",
		"file is {n} bytes, more than the {max}-byte limit",
		"文件有 {n} 字节，超过了 {max} 字节的上限")
	msgFileLargerThanLimit = msg.New("rawfile.larger-than-limit",
		"file is larger than the {max}-byte limit",
		"文件超过了 {max} 字节的上限")
)
