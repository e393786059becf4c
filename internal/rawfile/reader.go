package rawfile

import (
	"sockrepl/internal/msg"

	"errors"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// Wait waits until fd has something to read (data, its end or an error).
// It returns an error, such as the shell's "interrupted", when the read
// must not happen. The session's wait is a poll beside the Ctrl-C eventfd,
// the one every socket call waits in.
type Wait func(fd int) error

// Reader reads a file the shell reads for itself: a script, a sourced
// file, a data literal's file. It never blocks in the kernel: before each
// read it waits in Wait, so that Ctrl-C can end a read from a FIFO with no
// writer, a terminal or a pipe.
//
// Read errors are *os.PathError; an error from Wait is returned as it is.
type Reader struct {
	fd    int
	path  string
	wait  Wait
	owned bool
}

// OpenReader opens path read-only, close-on-exec and non-blocking: opening
// a FIFO then does not wait in open(2) for a writer (the first read waits,
// in wait, instead). A nil wait waits in poll without a way out.
func OpenReader(path string, wait Wait) (*Reader, error) {
	fd, err := unix.Open(path, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK, 0)
	if err != nil {
		return nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	return &Reader{fd: MoveHigh(fd), path: path, wait: wait, owned: true}, nil
}

// NewReader reads a descriptor the shell did not open, such as standard
// input; Close leaves it open, and its flags are not changed (another
// program may share it).
func NewReader(fd int, name string, wait Wait) *Reader {
	return &Reader{fd: fd, path: name, wait: wait}
}

// Fd is the descriptor read.
func (r *Reader) Fd() int { return r.fd }

// Read reads once, after waiting until the file can be read. Waiting first
// matters for a FIFO: a non-blocking read before any writer came says
// end of file, while poll waits for one.
func (r *Reader) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	for {
		if err := r.waitReadable(); err != nil {
			return 0, err
		}
		n, err := unix.Read(r.fd, p)
		switch {
		case err == unix.EAGAIN || err == unix.EINTR:
			// Someone else sharing the file took what was there.
			continue
		case err != nil:
			return 0, &os.PathError{Op: "read", Path: r.path, Err: err}
		case n == 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

func (r *Reader) waitReadable() error {
	if r.wait != nil {
		return r.wait(r.fd)
	}
	pfd := []unix.PollFd{{Fd: int32(r.fd), Events: unix.POLLIN}}
	for {
		_, err := unix.Poll(pfd, -1)
		if err != unix.EINTR {
			return nil
		}
	}
}

// Close closes a file OpenReader opened.
func (r *Reader) Close() error {
	if !r.owned || r.fd < 0 {
		return nil
	}
	err := unix.Close(r.fd)
	r.fd = -1
	return err
}

// TooBigError is a file with more than the limit a read allowed. Size is
// the file's size when it is a regular file, or -1 when the limit tripped
// while reading (a pipe, a device, a file that grew).
type TooBigError struct {
	Size  int64
	Limit int64
}

func (e *TooBigError) Error() string {
	if e.Size >= 0 {
		return msgFileOverLimit.S(msg.A("n", e.Size), msg.A("max", e.Limit))
	}
	return msgFileLargerThanLimit.S(msg.A("max", e.Limit))
}

// Chunks of a file of unknown size start at minChunk bytes and double up
// to maxChunk.
const minChunk, maxChunk = 64 << 10, 8 << 20

// ReadAll reads to the end of the file but never holds more than limit+1
// bytes (limit < math.MaxInt64): a regular file larger than limit is
// refused from its size without a read, and any other file (a pipe,
// /dev/zero) as soon as one byte more than limit has arrived.
func (r *Reader) ReadAll(limit int64) ([]byte, error) {
	var st unix.Stat_t
	if err := unix.Fstat(r.fd, &st); err != nil {
		return nil, &os.PathError{Op: "stat", Path: r.path, Err: err}
	}
	if st.Mode&unix.S_IFMT == unix.S_IFREG && st.Size > 0 {
		if st.Size > limit {
			return nil, &TooBigError{Size: st.Size, Limit: limit}
		}
		// One byte more than the size sees the end, or that it grew.
		buf := make([]byte, st.Size+1)
		n, err := io.ReadFull(r, buf)
		switch {
		case err == nil:
			// It grew: read on, in chunks, within the limit.
			rest, err := r.readChunks(limit-int64(n), n)
			if err != nil {
				return nil, err
			}
			return append(buf, rest...), nil
		case errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF):
			return buf[:n], nil
		}
		return nil, err
	}
	return r.readChunks(limit, 0)
}

// readChunks reads a file of unknown size (a pipe, a device, a /proc file)
// into chunks, so that the memory held never passes limit+1 bytes on the
// way: a buffer doubled as it fills would hold up to twice the limit (and
// its old copies). The chunks are joined at the end. before is what the
// caller read already, for the size in a TooBigError.
func (r *Reader) readChunks(limit int64, before int) ([]byte, error) {
	var chunks [][]byte
	total := int64(0)
	size := int64(minChunk)
	for {
		chunk := make([]byte, min(size, limit+1-total))
		n, err := io.ReadFull(r, chunk)
		chunks = append(chunks, chunk[:n])
		total += int64(n)
		if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if total > limit {
			return nil, &TooBigError{Size: -1, Limit: limit + int64(before)}
		}
		size = min(2*size, maxChunk)
	}
	out := make([]byte, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}
