package session

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"unicode/utf8"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/render"
	"sockrepl/internal/sock"
)

// fileChunk is how much a file asks the socket for at a time, as Python's
// io.DEFAULT_BUFFER_SIZE.
const fileChunk = 8192

// File is what Python's s.makefile(mode) returns: a buffered reader and
// writer over the socket, in text or binary mode.
type File struct {
	sock   *Handle
	mode   string
	read   bool
	write  bool
	binary bool
	rbuf   []byte // received, not yet read
	// wbuf is Python's BufferedWriter buffer: written, not yet sent, at
	// most fileChunk bytes.
	wbuf []byte
	// pending is what a text file's write encoded and TextIOWrapper holds
	// before it hands it to the buffer (at fileChunk bytes, or flush).
	pending []byte
	eof     bool
	closed  bool
	// pendingCR: text mode saw \r last and does not know yet whether \n
	// follows.
	pendingCR bool
	// timedOut: a read timed out, and Python's socket file then refuses
	// every later read (the buffer may hold part of a line).
	timedOut bool
}

// className is the class io.open gives a file of this mode, as
// makefile's: TextIOWrapper, BufferedReader, BufferedWriter or
// BufferedRWPair.
func (f *File) className() string {
	switch {
	case !f.binary:
		return "TextIOWrapper"
	case f.read && f.write:
		return "BufferedRWPair"
	case f.write:
		return "BufferedWriter"
	}
	return "BufferedReader"
}

// parseMode checks a makefile mode as Python does.
func parseMode(mode string) (*File, error) {
	f := &File{mode: mode}
	for _, c := range mode {
		switch c {
		case 'r':
			f.read = true
		case 'w':
			f.write = true
		case 'b':
			f.binary = true
		default:
			return nil, pyErr("ValueError", "invalid mode %s (only r, w, b allowed)", pyrepr.Str(mode))
		}
	}
	if !f.read && !f.write {
		f.read = true
	}
	return f, nil
}

func cmdMakefile(s *Session, a *args) (*Result, error) {
	h, mode := a.sock(), a.get("MODE").s
	f, err := parseMode(mode)
	if err != nil {
		return nil, err
	}
	// On a closed socket Python still makes the file; its reads and writes
	// then fail with EBADF from the kernel.
	f.sock = h
	h.files++
	fh := a.add(nil, f, true)
	r := result(fh.ref)
	kind := msgTextFile
	if f.binary {
		kind = msgBinaryFile
	}
	r.parts = append(r.parts[:0], render.P(render.Handle, handleText(fh)), render.P(render.Note, "  "+kind.S(msg.A("ref", h.ref), msg.A("mode", pyrepr.Str(mode)))))
	return r, nil
}

// file reads a handle that must be an open file.
func (a *args) file() *File { return a.get("F").h.File }

// fill receives one more chunk into the read buffer.
func (s *Session) fill(f *File) error {
	b, _, err := s.Sys.Recv(f.sock.Sock, fileChunk, 0)
	if errors.Is(err, sock.ErrTimeout) {
		f.timedOut = true
	}
	if err != nil {
		return err
	}
	if len(b) == 0 {
		f.eof = true
	}
	if f.binary {
		f.rbuf = append(f.rbuf, b...)
		return nil
	}
	// Text mode reads with Python's universal newlines: \r\n and \r become
	// \n. A \r at the end of a chunk waits to see whether \n follows.
	if f.pendingCR {
		b = append([]byte{'\r'}, b...)
		f.pendingCR = false
	}
	if !f.eof && len(b) > 0 && b[len(b)-1] == '\r' {
		b = b[:len(b)-1]
		f.pendingCR = true
	}
	b = bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	b = bytes.ReplaceAll(b, []byte("\r"), []byte("\n"))
	f.rbuf = append(f.rbuf, b...)
	return nil
}

// take removes n bytes from the read buffer.
func (f *File) take(n int) []byte {
	if n == len(f.rbuf) {
		// All of it, as after a large read: no second copy.
		out := f.rbuf
		f.rbuf = nil
		return out
	}
	out := append([]byte(nil), f.rbuf[:n]...)
	f.rbuf = f.rbuf[n:]
	return out
}

// charCursor finds where the first n characters of a growing text buffer
// end. It remembers how far it has counted, so that a read that gathers
// chunk after chunk decodes each byte once (counting again from the start
// at every chunk made `read F N` quadratic).
type charCursor struct {
	pos, chars int // the first chars characters end at byte pos
}

// end is the byte length of the first n characters of b, which holds
// what it held at the last call and maybe more, or -1 when it does not
// hold that many complete characters yet.
func (c *charCursor) end(b []byte, n int) int {
	for c.chars < n {
		if c.pos >= len(b) || !utf8.FullRune(b[c.pos:]) {
			return -1
		}
		_, size := utf8.DecodeRune(b[c.pos:])
		c.pos += size
		c.chars++
	}
	return c.pos
}

// result gives bytes in binary mode and a str in text mode.
func (s *Session) fileResult(f *File, b []byte) (*Result, error) {
	if f.binary {
		if len(b) == 0 {
			return s.bytesValue(b).say(msgEndOfFileStream), nil
		}
		return s.sayBytes(s.bytesValue(b), b), nil
	}
	if !utf8.Valid(b) {
		return nil, pyErr("UnicodeDecodeError", "'utf-8' codec can't decode the bytes received (%s); open the file in binary mode: makefile H rb", firstBad(b))
	}
	return s.strValue(b), nil
}

func firstBad(b []byte) string {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return msgBadByteAt.S(msg.A("byte", fmt.Sprintf("0x%02x", b[i])), msg.A("pos", i))
		}
		i += size
	}
	return msgIncompleteChar.S()
}

func cmdRead(s *Session, a *args) (*Result, error) {
	f, n := a.file(), a.get("N")
	if !n.given {
		n.n = -1 // to the end of the stream
	}
	if n.n > sockMaxRead {
		return nil, usageErr("%s", msgReadLimit.S(msg.A("max", sockMaxRead)))
	}
	if !f.binary {
		// TextIOWrapper hands what it holds for writing to the buffer
		// before it reads.
		if err := s.handOver(f); err != nil {
			return nil, err
		}
	}
	var chars charCursor
	for {
		if n.n >= 0 {
			end := n.n
			if !f.binary {
				end = chars.end(f.rbuf, n.n)
			} else if end > len(f.rbuf) {
				end = -1
			}
			if end >= 0 {
				return s.fileResult(f, f.take(end))
			}
		}
		if f.eof {
			return s.fileResult(f, f.take(len(f.rbuf)))
		}
		if len(f.rbuf) > sockMaxRead {
			return nil, usageErr("%s", msgReadTooMuch.S(msg.A("max", sockMaxRead)))
		}
		if err := s.fillMore(f); err != nil {
			return nil, err
		}
	}
}

// fillMore is fill for a read that gathers several chunks: while data
// keeps arriving the receive never waits, so Ctrl-C is looked for between
// chunks. What arrived stays in the file's buffer for the next read.
func (s *Session) fillMore(f *File) error {
	if s.Sys.Interrupted() {
		return sock.ErrInterrupted
	}
	return s.fill(f)
}

// sockMaxRead bounds what one read may gather.
const sockMaxRead = 64 << 20

func cmdReadline(s *Session, a *args) (*Result, error) {
	f := a.file()
	// searched: how much of the buffer is known to hold no newline, so
	// each chunk is searched once.
	if !f.binary {
		// TextIOWrapper hands what it holds for writing to the buffer
		// before it reads.
		if err := s.handOver(f); err != nil {
			return nil, err
		}
	}
	for searched := 0; ; {
		if i := bytes.IndexByte(f.rbuf[searched:], '\n'); i >= 0 {
			return s.fileResult(f, f.take(searched+i+1))
		}
		if f.eof {
			return s.fileResult(f, f.take(len(f.rbuf)))
		}
		if len(f.rbuf) > sockMaxRead {
			return nil, usageErr("%s", msgNoNewline.S(msg.A("max", sockMaxRead)))
		}
		searched = len(f.rbuf)
		if err := s.fillMore(f); err != nil {
			return nil, err
		}
	}
}

func cmdWrite(s *Session, a *args) (*Result, error) {
	f, data := a.file(), a.get("DATA").b
	n := len(data)
	var err error
	if f.binary {
		_, err = s.bufferedWrite(f, data)
	} else {
		n = utf8.RuneCount(data)
		err = s.textWrite(f, data)
	}
	if err != nil {
		return nil, err
	}
	r := val(strconv.Itoa(n))
	if held := len(f.pending) + len(f.wbuf); held > 0 {
		return r.say(msgBuffered, msg.A("n", held)), nil
	}
	return r.say(msgBufferFilled), nil
}

// blockingWrite is Python's BlockingIOError from a write or flush on a
// non-blocking socket that could not go on: errno EAGAIN, and
// characters_written, how much of the data the file took (sent, or kept
// in its buffer). The rest was not taken: write it again, and nothing is
// sent twice.
type blockingWrite struct{ written int }

func (e *blockingWrite) Error() string { return unix.EAGAIN.Error() }
func (e *blockingWrite) Unwrap() error { return unix.EAGAIN }

// rawWrite is SocketIO.write: one send in the socket's mode. It reports
// EAGAIN as blocked, as SocketIO.write returns None.
func (s *Session) rawWrite(f *File, data []byte) (n int, blocked bool, err error) {
	n, err = s.Sys.Send(f.sock.Sock, data, 0)
	if errors.Is(err, unix.EAGAIN) {
		return n, true, nil
	}
	return n, false, err
}

// bufferedWrite is Python's BufferedWriter.write: data that fits goes into
// the buffer; otherwise the buffer is sent first, then the data itself
// until what is left fits. On a non-blocking socket that fills, as much as
// fits is buffered and a *blockingWrite says how much was taken. The
// buffer never holds more than fileChunk bytes.
func (s *Session) bufferedWrite(f *File, data []byte) (int, error) {
	if len(f.wbuf)+len(data) <= fileChunk {
		f.wbuf = append(f.wbuf, data...)
		return len(data), nil
	}
	if err := s.flushBuffer(f); err != nil {
		var blocked *blockingWrite
		if !errors.As(err, &blocked) {
			return 0, err
		}
		avail := fileChunk - len(f.wbuf)
		if len(data) <= avail {
			f.wbuf = append(f.wbuf, data...)
			return len(data), nil
		}
		f.wbuf = append(f.wbuf, data[:avail]...)
		return avail, &blockingWrite{written: avail}
	}
	written := 0
	for len(data)-written > fileChunk {
		n, blocked, err := s.rawWrite(f, data[written:])
		written += n
		if blocked {
			f.wbuf = append(f.wbuf[:0], data[written:written+fileChunk]...)
			written += fileChunk
			return written, &blockingWrite{written: written}
		}
		if err != nil {
			return written, err
		}
	}
	f.wbuf = append(f.wbuf[:0], data[written:]...)
	return len(data), nil
}

// flushBuffer sends the buffer, as BufferedWriter's flush: what went out
// leaves it; on a non-blocking socket that fills, a *blockingWrite with
// nothing written.
func (s *Session) flushBuffer(f *File) error {
	for len(f.wbuf) > 0 {
		n, blocked, err := s.rawWrite(f, f.wbuf)
		f.wbuf = f.wbuf[:copy(f.wbuf, f.wbuf[n:])]
		if blocked {
			return &blockingWrite{}
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// textWrite is TextIOWrapper.write on the file's buffer: the encoded text
// waits until fileChunk bytes are pending, then goes to the buffer.
// Python empties what is pending before it hands it over, so on a failure
// that text is lost, as it is there.
func (s *Session) textWrite(f *File, data []byte) error {
	if len(f.pending)+len(data) > fileChunk {
		if err := s.handOver(f); err != nil {
			return err
		}
	}
	if len(f.pending) == 0 {
		f.pending = data
	} else {
		f.pending = append(f.pending, data...)
	}
	if len(f.pending) >= fileChunk {
		return s.handOver(f)
	}
	return nil
}

// handOver gives a text file's pending bytes to the buffer.
func (s *Session) handOver(f *File) error {
	if len(f.pending) == 0 {
		return nil
	}
	b := f.pending
	f.pending = nil
	_, err := s.bufferedWrite(f, b)
	return err
}

// flushFile is the file's flush: a text file's pending bytes go to the
// buffer, and the buffer is sent.
func (s *Session) flushFile(f *File) error {
	if err := s.handOver(f); err != nil {
		return err
	}
	return s.flushBuffer(f)
}

func cmdFlush(s *Session, a *args) (*Result, error) {
	f := a.file()
	held := len(f.pending) + len(f.wbuf)
	if err := s.flushFile(f); err != nil {
		return nil, err
	}
	return ok().say(msgFlushed, msg.A("n", held)), nil
}

// closeFile flushes and closes a file; the last file of a closed socket
// closes its descriptor.
func (s *Session) closeFile(h *Handle) (*Result, error) {
	f := h.File
	if f.closed {
		return ok().say(msgAlreadyClosed), nil
	}
	err := s.flushFile(f)
	f.closed = true
	sk := f.sock
	sk.files--
	r := ok()
	if sk.files == 0 && sk.closing {
		sk.closing = false
		if cerr := s.Sys.Close(sk.Sock); cerr != nil && err == nil {
			err = cerr
		}
		r.say(msgLastFile, msg.A("ref", sk.ref))
	}
	if err != nil {
		return nil, err
	}
	return r, nil
}

// fileBuffers says what a file holds for ls: bytes read ahead and bytes
// written but not flushed.
func fileBuffers(f *File) string {
	held := len(f.pending) + len(f.wbuf)
	if f.closed || (len(f.rbuf) == 0 && held == 0) {
		return "-"
	}
	return msgFileBuffered.S(msg.A("read", len(f.rbuf)), msg.A("write", held))
}
