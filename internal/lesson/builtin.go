package lesson

import (
	"embed"
	"fmt"
	"sort"
	"sync"
)

// The built-in lessons are files in the same format as a teacher's, in
// the tutorial's order (their names sort in it), inside the binary.
//
//go:embed builtin/*.lesson
var builtinFiles embed.FS

const builtinSource = "built-in"

// Builtin returns the built-in lessons in order. A built-in file that does
// not parse is a bug the tests catch; it panics here.
var Builtin = sync.OnceValue(func() []*Lesson {
	ents, err := builtinFiles.ReadDir("builtin")
	if err != nil {
		panic(err)
	}
	sort.Slice(ents, func(i, j int) bool { return ents[i].Name() < ents[j].Name() })
	var out []*Lesson
	for _, e := range ents {
		src, err := builtinFiles.ReadFile("builtin/" + e.Name())
		if err != nil {
			panic(err)
		}
		l, errs := Parse(src, builtinSource)
		if len(errs) > 0 {
			panic(fmt.Sprintf("built-in lesson %s: %v", e.Name(), errs))
		}
		out = append(out, l)
	}
	return out
})

// BuiltinFiles is the built-in lessons' source, by file name, for tests.
func BuiltinFiles() map[string][]byte {
	ents, _ := builtinFiles.ReadDir("builtin")
	m := map[string][]byte{}
	for _, e := range ents {
		m[e.Name()], _ = builtinFiles.ReadFile("builtin/" + e.Name())
	}
	return m
}
