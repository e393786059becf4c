package wire

import (
	"golang.org/x/sys/unix"

	"sockrepl/internal/sockopt"
)

// tcpState is an open TCP socket's state, from TCP_INFO. A connection
// no descriptor holds any more is asked about by its addresses, through
// sockdiag.Lookup.
func tcpState(fd int) string {
	info, err := unix.GetsockoptTCPInfo(fd, unix.IPPROTO_TCP, unix.TCP_INFO)
	if err != nil {
		return ""
	}
	return sockopt.TCPStateName(int(info.State))
}
