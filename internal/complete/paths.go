package complete

import (
	"io/fs"
	"os"
	"sort"
	"strings"

	"sockrepl/internal/rawfile"
)

// maxPaths bounds the candidates of one directory.
const maxPaths = 1000

// readDir lists a directory without Go's runtime poller: os.ReadDir would
// make the runtime open its epoll descriptors, which would then hold fd 3
// and 4 and a learner's first socket would not be fd 3.
func readDir(dir string) ([]fs.DirEntry, error) {
	f, err := rawfile.Open(dir)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return f.ReadDir(maxPaths)
}

// pathCandidates completes a file path; sigil is what stands before it in
// the word (@ for a data literal's file).
func pathCandidates(sigil, word string, env *Env) []string {
	if strings.ContainsAny(word, `'"`) {
		return nil
	}
	dir, base := "", word
	if i := strings.LastIndexByte(word, '/'); i >= 0 {
		dir, base = word[:i+1], word[i+1:]
	}
	list := dir
	if list == "" {
		list = "."
	}
	rd := env.ReadDir
	if rd == nil {
		rd = readDir
	}
	entries, err := rd(list)
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range entries {
		name := e.Name()
		if !strings.HasPrefix(name, base) || (strings.HasPrefix(name, ".") && !strings.HasPrefix(base, ".")) {
			continue
		}
		// A name that would need quoting is left out rather than broken.
		if strings.ContainsAny(name, " \t'\"#;\\") || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
			continue
		}
		cand := sigil + dir + name
		if isDir(e, list+"/"+name) {
			cand += "/"
		}
		out = append(out, cand)
	}
	sort.Strings(out)
	return out
}

func isDir(e fs.DirEntry, path string) bool {
	if e.IsDir() {
		return true
	}
	if e.Type()&fs.ModeSymlink != 0 {
		// stat(2) opens nothing.
		if fi, err := os.Stat(path); err == nil {
			return fi.IsDir()
		}
	}
	return false
}
