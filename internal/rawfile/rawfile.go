// Package rawfile opens files for reading without Go's runtime poller.
//
// os.Open registers every file with the runtime's epoll instance, and the
// first such call makes the runtime open two descriptors of its own. The
// shell keeps those out of the low numbers, so that the first socket a
// learner makes is fd 3, exactly as in Python and in the tutorial.
package rawfile

import (
	"io"
	"os"

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
	// The shell's own descriptors live at 100 and up, out of the learner's
	// way (a script being read must not be fd 3).
	if high, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, High); err == nil {
		unix.Close(fd)
		fd = high
	}
	// A blocking descriptor is not added to the poller by NewFile.
	return os.NewFile(uintptr(fd), path), nil
}

// ReadFile reads a whole file, as os.ReadFile.
func ReadFile(path string) ([]byte, error) {
	f, err := Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return io.ReadAll(f)
}
