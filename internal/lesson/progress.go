package lesson

import (
	"io"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
)

// Progress is which steps of which lessons were done, kept in a file
// beside the history: one line a lesson, `NAME 1 2 4`. The file is the
// user's alone (mode 0600), like the history. A nil *Progress keeps
// nothing.
type Progress struct {
	path string
	done map[string][]int
}

// maxProgress bounds what is read of the file.
const maxProgress = 64 << 10

// ProgressPath is where progress is kept for a history file: the file
// `lessons` in the same directory. "" (no history) keeps none.
func ProgressPath(history string) string {
	if history == "" {
		return ""
	}
	return filepath.Join(filepath.Dir(history), "lessons")
}

// OpenProgress reads the progress kept at path; a missing or unreadable
// file is no progress yet. "" keeps none (nil).
func OpenProgress(path string) *Progress {
	if path == "" {
		return nil
	}
	p := &Progress{path: path, done: map[string][]int{}}
	f, err := rawfile.Open(path)
	if err != nil {
		return p
	}
	defer f.Close()
	var st unix.Stat_t
	if unix.Fstat(int(f.Fd()), &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return p
	}
	b, _ := io.ReadAll(io.LimitReader(f, maxProgress))
	for _, ln := range strings.Split(string(b), "\n") {
		f := strings.Fields(ln)
		if len(f) < 2 || !isWord(f[0]) {
			continue
		}
		for _, w := range f[1:] {
			if n, err := strconv.Atoi(w); err == nil && n >= 1 && n <= maxSteps && !slices.Contains(p.done[f[0]], n) {
				p.done[f[0]] = append(p.done[f[0]], n)
			}
		}
	}
	return p
}

// Done reports whether step n (from 1) of the lesson named was done.
func (p *Progress) Done(name string, n int) bool {
	return p != nil && slices.Contains(p.done[name], n)
}

// Mark records step n of a built-in lesson as done and saves the file.
// A teacher's lessons are not kept: their names are theirs to reuse.
func (p *Progress) Mark(l *Lesson, n int) {
	if p == nil || l.Source != builtinSource || p.Done(l.Name, n) {
		return
	}
	p.done[l.Name] = append(p.done[l.Name], n)
	sort.Ints(p.done[l.Name])
	p.save()
}

// save writes the whole file anew (a temporary file renamed over it), so
// that a crash leaves the old one or the new one. Failing to save loses
// only progress.
func (p *Progress) save() {
	var b strings.Builder
	names := make([]string, 0, len(p.done))
	for n := range p.done {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b.WriteString(n)
		for _, s := range p.done[n] {
			b.WriteString(" " + strconv.Itoa(s))
		}
		b.WriteByte('\n')
	}
	if err := os.MkdirAll(filepath.Dir(p.path), 0o700); err != nil {
		return
	}
	tmp := p.path + ".tmp"
	fd, err := unix.Open(tmp, unix.O_WRONLY|unix.O_CREAT|unix.O_TRUNC|unix.O_CLOEXEC|unix.O_NOFOLLOW, 0o600)
	if err != nil {
		return
	}
	fd = rawfile.MoveHigh(fd)
	data := []byte(b.String())
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err != nil {
			unix.Close(fd)
			unix.Unlink(tmp)
			return
		}
		data = data[n:]
	}
	unix.Fchmod(fd, 0o600)
	unix.Close(fd)
	if unix.Rename(tmp, p.path) != nil {
		unix.Unlink(tmp)
	}
}
