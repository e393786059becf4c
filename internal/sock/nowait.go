package sock

import (
	"unsafe"

	"golang.org/x/sys/unix"
)

// syscall6 is a system call that cannot wait when noWait is set (an
// option, MSG_DONTWAIT, a connect on a non-blocking fd), made as the
// runtime's RawSyscall: a call that may block costs the runtime more
// than the call itself (it lets go of the processor, and its monitor
// wakes up to look at calls under way), which in a script of short calls
// is a good part of the shell's own time. Every call that may wait (poll,
// accept, close, one on a descriptor whose mode the shell did not set)
// goes through Syscall, so other goroutines, the collector and Ctrl-C are
// never held up by it.
func syscall6(noWait bool, trap, a1, a2, a3, a4, a5, a6 uintptr) (r1, r2 uintptr, err unix.Errno) {
	if noWait {
		return unix.RawSyscall6(trap, a1, a2, a3, a4, a5, a6)
	}
	return unix.Syscall6(trap, a1, a2, a3, a4, a5, a6)
}

// connectNoWait is connect(2) on a descriptor the shell has made
// non-blocking (see syscall6). IP addresses are encoded here, on the
// stack; other families go through x/sys as before.
func connectNoWait(fd int, sa unix.Sockaddr) error {
	var e unix.Errno
	switch a := sa.(type) {
	case *unix.SockaddrInet4:
		var raw unix.RawSockaddrInet4
		raw.Family = unix.AF_INET
		port := (*[2]byte)(unsafe.Pointer(&raw.Port))
		port[0], port[1] = byte(a.Port>>8), byte(a.Port)
		raw.Addr = a.Addr
		_, _, e = unix.RawSyscall(unix.SYS_CONNECT, uintptr(fd), uintptr(unsafe.Pointer(&raw)), unix.SizeofSockaddrInet4)
	case *unix.SockaddrInet6:
		var raw unix.RawSockaddrInet6
		raw.Family = unix.AF_INET6
		port := (*[2]byte)(unsafe.Pointer(&raw.Port))
		port[0], port[1] = byte(a.Port>>8), byte(a.Port)
		raw.Addr = a.Addr
		raw.Scope_id = a.ZoneId
		_, _, e = unix.RawSyscall(unix.SYS_CONNECT, uintptr(fd), uintptr(unsafe.Pointer(&raw)), unix.SizeofSockaddrInet6)
	default:
		return bindOrConnect(unix.SYS_CONNECT, fd, sa, unix.Connect)
	}
	if e != 0 {
		return e
	}
	return nil
}
