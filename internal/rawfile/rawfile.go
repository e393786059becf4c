// Package rawfile opens files for reading without Go's runtime poller.
//
// os.Open registers every file with the runtime's epoll instance, and the
// first such call makes the runtime open two descriptors of its own. The
// shell keeps those out of the low numbers, so that the first socket a
// learner makes is fd 3, exactly as in Python and in the tutorial.
package rawfile

import (
	"errors"
	"os"
	"time"

	"golang.org/x/sys/unix"
)

// High is the lowest number the shell's own descriptors take.
const High = 100

// Open opens path read-only, close-on-exec. The error is a *os.PathError,
// as os.Open's.
func Open(path string) (*os.File, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	// A blocking descriptor is not added to the poller by NewFile.
	return os.NewFile(uintptr(MoveHigh(fd)), path), nil
}

// MoveHigh moves one of the shell's own descriptors out of the learner's
// way: to High or above, or under a small limit (ulimit -n) to the top of
// the allowed range. It returns the descriptor to use from now on.
func MoveHigh(fd int) int {
	min := lowest()
	if min <= fd {
		return fd
	}
	high, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, min)
	if err != nil {
		return fd
	}
	unix.Close(fd)
	return high
}

// lowest is where the shell's own descriptors go: High, or under a small
// limit (ulimit -n) the top few slots of the allowed range.
func lowest() int {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) == nil && lim.Cur < uint64(High)+16 {
		return int(lim.Cur) - 4
	}
	return High
}

// MaxReadFile bounds what ReadFile reads: system tables such as
// /etc/hosts, never a learner's data.
const MaxReadFile = 64 << 20

// ReadFile reads a whole file, as os.ReadFile, but at most MaxReadFile
// bytes (more is a *TooBigError).
func ReadFile(path string) ([]byte, error) {
	r, err := OpenReader(path, nil)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return r.ReadAll(MaxReadFile)
}

// Own is how many descriptors the shell keeps for itself: the Go runtime's
// epoll instance and eventfd, and the Ctrl-C wake-up eventfd.
const Own = 3

// MinLimit is the smallest open-file limit (ulimit -n) the shell starts
// under: standard input, output and error, its own, and one for a socket.
// Below it the runtime's poller cannot be made, and Go ends the process
// with a crash dump instead of an error.
const MinLimit = 3 + Own + 1

// LimitTooLow reports whether the open-file limit (ulimit -n) is below
// MinLimit, and the limit.
func LimitTooLow() (uint64, bool) {
	var lim unix.Rlimit
	if unix.Getrlimit(unix.RLIMIT_NOFILE, &lim) != nil {
		return 0, false
	}
	return lim.Cur, lim.Cur < MinLimit
}

// StartRuntimePoller makes the Go runtime open its own descriptors (an
// epoll instance and an eventfd, which it otherwise opens the first time it
// needs a timer, such as the garbage collector's, long into a session) now,
// while every number below lowest() is held by a placeholder, so that they
// too land out of the learner's way. The placeholders are closed again.
func StartRuntimePoller() {
	limit := lowest()
	var held []int
	if null, err := unix.Open("/dev/null", unix.O_RDONLY|unix.O_CLOEXEC, 0); err == nil {
		held = append(held, null)
		// Hold every free number below limit, and none at or above it: the
		// runtime's two must still find a free slot under the limit.
		for fd := null; fd < limit-1; {
			if fd, err = unix.Dup(null); err != nil {
				break
			}
			held = append(held, fd)
		}
		if null >= limit {
			unix.Close(null)
			held = nil
		}
	}
	// A timer is enough to make the runtime set up its poller.
	time.AfterFunc(time.Hour, func() {}).Stop()
	for _, fd := range held {
		unix.Close(fd)
	}
}

// Cause is what went wrong with a path, without the path and the
// operation (`is a directory`), for messages that name the file already.
func Cause(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
