package sock

import (
	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
)

// fdTableSlots is how many descriptors the kernel's table for this process
// is grown to at once (or the descriptor limit, if lower).
const fdTableSlots = 1 << 16

// noteFD is told of every descriptor the shell makes. The kernel grows a
// process's descriptor table by doubling it, and in a process with several
// threads (every Go program) each growth waits for an RCU grace period:
// microseconds on an idle machine, several scheduler ticks on a busy one,
// each time the shell passes 128, 256, 512… open descriptors; a lab that
// opens 1,500 sockets spent a third of its time there. So once the
// learner's descriptors reach the shell's own (rawfile.High), the table is
// grown to its working size in one step: one wait instead of one for every
// doubling to come. Sessions that stay below that never pay anything. The
// table is kernel memory (8 bytes a slot), and no descriptor number
// changes: the probe is closed at once.
func (s *Sys) noteFD(fd int) {
	if fd < rawfile.High || s.fdTableGrown {
		return
	}
	s.fdTableGrown = true
	var rl unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &rl) != nil {
		return
	}
	n := min(rl.Cur, fdTableSlots)
	if n <= uint64(fd)+1 {
		return
	}
	if probe, err := unix.FcntlInt(uintptr(s.wake), unix.F_DUPFD_CLOEXEC, int(n-1)); err == nil {
		unix.Close(probe)
	}
}
