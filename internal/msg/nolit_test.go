package msg_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// printingDirs are the packages whose strings may reach a learner: all
// of the program's but the catalog itself (its own errors are for the
// developer who declares a message).
func printingDirs(t *testing.T) []string {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "internal", "*"))
	if err != nil {
		t.Fatal(err)
	}
	dirs = append(dirs, filepath.Join("..", "..", "repl"))
	var out []string
	for _, d := range dirs {
		switch filepath.Base(d) {
		case "msg":
		case "py":
			// The Python interpreter: its exception texts are Python's
			// own words, which stay as Python says them (SPEC,
			// Languages). Its few sentences of sockrepl's own (what
			// its Python leaves out) are in its messages.go.
		default:
			out = append(out, d)
		}
	}
	return out
}

// prose is what a sentence for a learner looks like: two lower-case words
// in a row, or Chinese.
var prose = regexp.MustCompile(`[a-z]{2,}[ ,;:]+[a-z]{2,}`)

func isProse(s string) bool {
	if prose.MatchString(s) {
		return true
	}
	for _, r := range s {
		if unicode.Is(unicode.Han, r) {
			return true
		}
	}
	return false
}

// notProse are struct fields and call arguments whose strings are not
// sentences for a learner: C prototypes, Python calls, command examples,
// table keys, Python's own error texts, format verbs of traces.
var notProseFields = map[string]bool{
	"c": true, "python": true, "example": true, "args": true, "Name": true,
	"Word": true, "Prefix": true, "Kind": true, "What": true, "Example": true, "Doc": true,
}

// notProseCalls: calls whose string arguments are not the catalog's.
// pyErr, py.TypeErr and py.Excf carry what Python says (ValueError: I/O
// operation on closed file), which never changes with the language;
// msg.New declares messages.
var notProseCalls = map[string]bool{
	"msg.New": true, "pyErr": true, "py.TypeErr": true, "py.Excf": true, "regexp.MustCompile": true,
	// The C code of a program save writes, and its comments, which are
	// English only (session/cprogram.go).
	"a.line": true, "a.waiting": true, "a.show": true, "g.stmt": true, "cComment": true, "cLine": true,
}

// allowed are single literals that look like prose but are not: each
// with why. Keep it short.
var allowed = map[string]string{
	"getsockopt buflen out of range":                          "Python's words (OSError)",
	"'i' format requires -2147483648 <= number <= 2147483647": "Python's words (struct.error)",
	"'I' format requires 0 <= number <= 4294967295":           "Python's words (struct.error)",
	// Python's own words for a bad address (getsockaddrarg and friends).
	"AF_UNIX path too long (an abstract name of %d bytes after the @, the limit is %d)": "Python's words",
	"AF_UNIX path too long (%d bytes, the limit is %d)":                                 "Python's words",
	"AF_CAN address must be a tuple (interface,)":                                       "Python's words",
	"AF_PACKET address must be a tuple (ifname, proto[, pkttype[, hatype[, addr]]])":    "Python's words",
	"AF_NETLINK address must be a pair (pid, groups)":                                   "Python's words",
	"AF_INET address must be a pair (host, port)":                                       "Python's words",
	"AF_INET6 address must be a tuple (host, port[, flowinfo[, scope_id]])":             "Python's words",
	"%s must be 0-%d":                                                "Python's words (getsockaddrarg)",
	"addr must be bytes of at most %d":                               "Python's words",
	"pid and groups must be 0-4294967295":                            "Python's words",
	"port must be 0-65535":                                           "Python's words (OverflowError)",
	"port must be an integer, not a string":                          "Python's words (TypeError)",
	"<broadcast> is only for AF_INET":                                "Python's words",
	"host must be a string, e.g. '127.0.0.1'":                        "Python's words (TypeError)",
	"flowinfo must be 0-1048575":                                     "Python's words",
	"scope_id must be 0-4294967295":                                  "Python's words",
	"signed integer is greater than maximum":                         "Python's words (OverflowError)",
	"Python int too large to convert to C int":                       "Python's words (OverflowError)",
	"a bytes-like object is required, not 'int'":                     "Python's words (TypeError)",
	"TimeoutError: timed out":                                        "Python's words",
	"<_io.BufferedRWPair object at %#x>":                             "Python's repr",
	"AttributeError: type object 'socket' has no attribute 'socket'": "Python's words",
	"timeout (TimeoutError: timed out)":                              "an outcome as => writes it",
	"timed out":                                                      "a spelling => accepts",
	// Python code around the calls of a saved program (session/save.go).
	"import os\nimport socket\n\n": "Python code",
	"try:\n    %s\nexcept Exception as e:\n    print(f'{type(e).__name__}: {e}')\n": "Python code",
	// The C library's words.
	"Name or service not known":                 "gai_strerror",
	"Temporary failure in name resolution":      "gai_strerror",
	"ai_family not supported":                   "gai_strerror",
	"Servname not supported for ai_socktype":    "gai_strerror",
	"Address family for hostname not supported": "gai_strerror",
	"Unknown error":                             "gai_strerror",
	"Unknown error %d":                          "strerror",
	"Memory page has hardware error":            "strerror",
	// What the flag package says, matched to say it in the language.
	"flag provided but not defined: ": "the flag package's words, matched",
	"flag needs an argument: ":        "the flag package's words, matched",
	// Python's words at the Python prompt, and its reprs.
	"SyntaxError: line too long":                                    "Python's words",
	"Missing parentheses in call to 'print'":                        "Python's words, matched",
	"<_io.BufferedRWPair object>":                                   "a Python repr",
	"<_io.TextIOWrapper name=%d mode=%s encoding='utf-8'>":          "a Python repr",
	"AF_INET address must be tuple, not %s":                         "Python's words",
	"AF_INET6 address must be tuple, not %s":                        "Python's words",
	"a bytes-like object is required, not '%s'":                     "Python's words",
	"'float' object cannot be interpreted as an integer":            "Python's words",
	"'%s' object cannot be interpreted as an integer":               "Python's words",
	"'%s' object cannot be interpreted as an integer or float":      "Python's words",
	"makefile() argument 'mode' must be str, not %s":                "Python's words",
	"write() argument must be str, not bytes":                       "Python's words",
	"a bytes-like object is required, not 'str'":                    "Python's words",
	"write() argument must be str, not %s":                          "Python's words",
	"getaddrinfo() argument 1 must be string or None":               "Python's words",
	"Int or String expected":                                        "Python's words",
	"create_connection() address must be a (host, port) tuple":      "Python's words",
	"(Python's one blocking call, made by the shell's calls above)": "a trace line's mark, in the trace's own (strace's) English",
	// Not shown to a learner.
	"built-in lesson %s: %v":           "a panic for a broken built-in lesson, caught by its tests",
	": more parameters than maxParams": "a panic at start-up for a command row the binder cannot hold",
	": no reader for ":                 "a panic at start-up for a command row without a reader",
	"%s declares no %s parameter":      "a panic for a command asking for a value it does not declare",
	"line %d: %s has no .%s text":      "Lesson.Missing, for the built-in lessons' tests",
	"the title":                        "Lesson.Missing, for the built-in lessons' tests",
	" steps done":                      "lesson NAME: K/M steps done, fixed for grading scripts (SPEC)",
	"line too long":                    "a sentinel matched with errors.Is",
	"interrupted at the prompt":        "a sentinel matched with errors.Is",
	"socket type flag":                 "a names table's Kind, a key of its kinds messages",
	"\n**%s**\n\n| command | Python | what it does |\n|---|---|---|\n": "the English README's table",
}

// TestNoProseOutsideCatalog walks the printing packages' syntax and fails
// on a string literal that reads as a sentence anywhere but in a message
// declaration (msg.New) or a place listed above.
func TestNoProseOutsideCatalog(t *testing.T) {
	var found []string
	for _, d := range printingDirs(t) {
		dir := filepath.ToSlash(d)[len("../../"):]
		files, _ := filepath.Glob(filepath.Join(d, "*.go"))
		for _, path := range files {
			// messages.go files are the catalog: their texts are msg.New's
			// or beside it.
			if strings.HasSuffix(path, "_test.go") || filepath.Base(path) == "messages.go" {
				continue
			}
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, src, 0)
			if err != nil {
				t.Fatal(err)
			}
			found = append(found, proseIn(fset, f, dir)...)
		}
	}
	sort.Strings(found)
	for _, f := range found {
		t.Errorf("user-facing text outside the catalog (declare it with msg.New): %s", f)
	}
}

// catalogVars hold texts whose other language is declared beside them
// (sockopt's option table: its Doc column is registered as messages with
// docZH) or that are never printed.
var catalogVars = map[string]bool{
	"internal/sockopt.table":      true,
	"internal/sockopt.notOptions": true, // documentation for the tests
	"internal/session.cReserved":  true, // C's keywords, for names in a saved C program
}

func proseIn(fset *token.FileSet, f *ast.File, dir string) []string {
	var out []string
	var skip func(n ast.Node) bool
	skip = func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.ImportSpec:
			return true
		case *ast.ValueSpec:
			for _, id := range n.Names {
				if catalogVars[dir+"."+id.Name] {
					return true
				}
			}
		case *ast.KeyValueExpr:
			if id, ok := n.Key.(*ast.Ident); ok && notProseFields[id.Name] {
				return true
			}
		case *ast.CallExpr:
			if notProseCalls[callName(n.Fun)] {
				return true
			}
		case *ast.BasicLit:
			if n.Kind != token.STRING {
				return false
			}
			s, err := strconv.Unquote(n.Value)
			if err != nil || !isProse(s) {
				return false
			}
			if _, ok := allowed[s]; ok {
				return false
			}
			p := fset.Position(n.Pos())
			out = append(out, filepath.ToSlash(p.Filename)[len("../../"):]+":"+strconv.Itoa(p.Line)+": "+n.Value)
		}
		return false
	}
	ast.Inspect(f, func(n ast.Node) bool { return n == nil || !skip(n) })
	return out
}

func callName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Ident:
		return e.Name
	case *ast.SelectorExpr:
		if x, ok := e.X.(*ast.Ident); ok {
			return x.Name + "." + e.Sel.Name
		}
	}
	return ""
}
