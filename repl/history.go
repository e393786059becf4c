package repl

import (
	"errors"
	"sockrepl/internal/msg"

	"bytes"
	"io"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
)

// maxHistory is how many lines the history keeps. The file may grow to
// twice that before it is cut back at the next start.
const maxHistory = 1000

// maxHistoryRead bounds what is read of the file at start: only its end
// matters.
const maxHistoryRead = 1 << 20

// maxHistoryLine: longer lines (a pasted payload) are not saved.
const maxHistoryLine = 4096

// HistoryPath is where interactive history is kept: $SOCKREPL_HISTORY if
// it is set (set and empty: nowhere), else $XDG_STATE_HOME/sockrepl/history,
// else ~/.local/state/sockrepl/history. "" means no history file.
func HistoryPath() string {
	if p, ok := os.LookupEnv("SOCKREPL_HISTORY"); ok {
		return p
	}
	if d := os.Getenv("XDG_STATE_HOME"); filepath.IsAbs(d) {
		return filepath.Join(d, "sockrepl", "history")
	}
	home, err := os.UserHomeDir()
	if err != nil || home == "" {
		return ""
	}
	return filepath.Join(home, ".local", "state", "sockrepl", "history")
}

// history appends the lines typed at the prompt to the history file. The
// file is opened by the shell itself: mode 0600 (it holds what was typed,
// addresses and payloads included), and at fd 100 and up without the
// runtime poller, so that the learner's first socket is still fd 3.
type history struct {
	f    *os.File
	last string
}

// openHistory opens (creating it if need be) the history file and returns
// its last lines, oldest first.
func openHistory(path string) (*history, []string, error) {
	if fi, err := os.Stat(path); err == nil && !fi.Mode().IsRegular() {
		return nil, nil, errors.New(msgNotRegular.S(msg.A("path", path)))
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return nil, nil, err
	}
	fd, err := unix.Open(path, unix.O_RDWR|unix.O_CREAT|unix.O_APPEND|unix.O_CLOEXEC|unix.O_NONBLOCK, 0o600)
	if err != nil {
		return nil, nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	if high, err := unix.FcntlInt(uintptr(fd), unix.F_DUPFD_CLOEXEC, rawfile.High); err == nil {
		unix.Close(fd)
		fd = high
	}
	var st unix.Stat_t
	if err := unix.Fstat(fd, &st); err != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		unix.Close(fd)
		return nil, nil, errors.New(msgNotRegular.S(msg.A("path", path)))
	}
	// A blocking descriptor stays out of the runtime poller (see rawfile).
	if err := unix.SetNonblock(fd, false); err != nil {
		unix.Close(fd)
		return nil, nil, &os.PathError{Op: "open", Path: path, Err: err}
	}
	// An older file, or one made by another program, may be readable by
	// others: history is private.
	if st.Mode&0o777 != 0o600 {
		if err := unix.Fchmod(fd, 0o600); err != nil {
			unix.Close(fd)
			return nil, nil, &os.PathError{Op: "chmod", Path: path, Err: err}
		}
	}
	f := os.NewFile(uintptr(fd), path)
	lines, total, err := readHistory(f, st.Size)
	if err != nil {
		f.Close()
		return nil, nil, err
	}
	h := &history{f: f}
	if len(lines) > 0 {
		h.last = lines[len(lines)-1]
	}
	if total > 2*maxHistory {
		h.rewrite(lines)
	}
	return h, lines, nil
}

// readHistory reads the file's last lines (at most maxHistory) and says
// how many lines it read in all.
func readHistory(f *os.File, size int64) ([]string, int, error) {
	var off int64
	if size > maxHistoryRead {
		off = size - maxHistoryRead
	}
	b, err := io.ReadAll(io.NewSectionReader(f, off, size-off))
	if err != nil {
		return nil, 0, err
	}
	if off > 0 {
		// The first line read is cut; drop it.
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		}
	}
	var lines []string
	total := 0
	for _, l := range strings.Split(string(b), "\n") {
		l = strings.TrimRight(l, "\r")
		if strings.TrimSpace(l) == "" {
			continue
		}
		total++
		lines = append(lines, l)
	}
	if off > 0 {
		total = 2*maxHistory + 1 // cut it back
	}
	if len(lines) > maxHistory {
		lines = lines[len(lines)-maxHistory:]
	}
	return lines, total, nil
}

// rewrite replaces the file's contents with lines.
func (h *history) rewrite(lines []string) {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	if err := h.f.Truncate(0); err != nil {
		return
	}
	// O_APPEND: the write goes to the (new) end.
	h.f.WriteString(b.String())
}

// add saves one line typed at the prompt: not blank lines, not the line
// just saved again, not huge pastes. The blank a completion leaves at the
// end is dropped.
func (h *history) add(line string) {
	line = strings.TrimRight(line, " \t")
	if h == nil || strings.TrimSpace(line) == "" || line == h.last || len(line) > maxHistoryLine || strings.ContainsAny(line, "\n\r") {
		return
	}
	h.last = line
	// One write(2) of a whole line: two shells appending to one file do
	// not mix their lines. A failed write loses only this line.
	h.f.WriteString(line + "\n")
}

func (h *history) close() {
	if h != nil {
		h.f.Close()
	}
}
