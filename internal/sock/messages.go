package sock

import "sockrepl/internal/msg"

var msgCannotEncode = msg.New("sock.cannot-encode",
	"cannot encode an address of type",
	"无法编码这种类型的地址：")
