package py

import (
	"maps"
	"slices"
)

// argForm is how CPython checks a built-in method's arguments; each form
// words its errors its own way, so a wrong call here says what Python's
// does.
type argForm int

const (
	formNoArgs     argForm = iota // METH_NOARGS: "str.upper() takes no arguments (1 given)"
	formOne                       // METH_O: "list.append() takes exactly one argument (0 given)"
	formPositional                // positional only, by Argument Clinic: "get expected at least 1 argument, got 0"
	formParseTuple                // PyArg_ParseTuple: "count() takes at least 1 argument (0 given)"
	formKeywords                  // Argument Clinic with keywords: "split() takes at most 2 arguments (3 given)"
	formAny                       // checks its own (str.format)
	formVarargs                   // counts positional ones as formPositional does; keywords are its own (dict.update, min)
)

// argShape is one method's form and how many positional arguments it
// takes (maxPos < 0: any number); names are a keywords form's
// parameters, the first maxPos of which may come by position and the
// first posOnly only so.
type argShape struct {
	form           argForm
	minPos, maxPos int
	names          []string
	posOnly        int
}

var (
	shapeNone     = argShape{form: formNoArgs}
	shapeOne      = argShape{form: formOne, minPos: 1, maxPos: 1}
	shapeFind     = argShape{form: formParseTuple, minPos: 1, maxPos: 3} // sub[, start[, end]]
	shapeStrip    = argShape{form: formPositional, maxPos: 1}
	shapeJustify  = argShape{form: formPositional, minPos: 1, maxPos: 2}
	shapeReplace  = argShape{form: formPositional, minPos: 2, maxPos: 3}
	shapeSplit    = argShape{form: formKeywords, maxPos: 2, names: []string{"sep", "maxsplit"}}
	shapeLines    = argShape{form: formKeywords, maxPos: 1, names: []string{"keepends"}}
	shapeCodec    = argShape{form: formKeywords, maxPos: 2, names: []string{"encoding", "errors"}}
	shapeKeyValue = argShape{form: formPositional, minPos: 1, maxPos: 2}
)

// textShapes are the methods str and bytes share.
var textShapes = map[string]argShape{
	"count": shapeFind, "endswith": shapeFind, "find": shapeFind, "index": shapeFind,
	"rfind": shapeFind, "startswith": shapeFind,
	"isalnum": shapeNone, "isalpha": shapeNone, "isdigit": shapeNone, "lower": shapeNone, "upper": shapeNone,
	"capitalize": shapeNone, "islower": shapeNone, "isspace": shapeNone, "isupper": shapeNone, "title": shapeNone,
	"join": shapeOne, "partition": shapeOne, "zfill": shapeOne,
	"center": shapeJustify, "ljust": shapeJustify, "rjust": shapeJustify,
	"strip": shapeStrip, "lstrip": shapeStrip, "rstrip": shapeStrip,
	"replace": shapeReplace, "split": shapeSplit, "rsplit": shapeSplit, "splitlines": shapeLines,
}

// methodShapes are the methods of each type sockrepl has, by type name.
var methodShapes = map[string]map[string]argShape{
	"str": with(textShapes, map[string]argShape{
		"encode": shapeCodec, "format": {form: formAny},
	}),
	"bytes": with(textShapes, map[string]argShape{
		"decode": shapeCodec,
		"hex":    {form: formKeywords, maxPos: 2, names: []string{"sep", "bytes_per_sep"}},
	}),
	"list": {
		"append": shapeOne, "count": shapeOne, "extend": shapeOne, "remove": shapeOne,
		"clear": shapeNone, "copy": shapeNone, "reverse": shapeNone,
		"index":  {form: formPositional, minPos: 1, maxPos: 3},
		"insert": {form: formPositional, minPos: 2, maxPos: 2},
		"pop":    {form: formPositional, maxPos: 1},
		"sort":   {form: formKeywords, names: []string{"key", "reverse"}},
	},
	"dict": {
		"clear": shapeNone, "copy": shapeNone, "items": shapeNone, "keys": shapeNone, "values": shapeNone,
		"get": shapeKeyValue, "pop": shapeKeyValue, "setdefault": shapeKeyValue,
		"update": {form: formVarargs, maxPos: 1},
	},
	"set": {"add": shapeOne, "discard": shapeOne, "remove": shapeOne},
}

func with(common, own map[string]argShape) map[string]argShape {
	out := maps.Clone(common)
	maps.Copy(out, own)
	return out
}

// methodNames are a type's method names, sorted, for completion and dir().
func methodNames(typeName string) []string {
	return slices.Sorted(maps.Keys(methodShapes[typeName]))
}

// builtinShapes are the built-in functions' and types' shapes, where
// sockrepl's own argument reading does not already word its errors as
// CPython does.
var builtinShapes = map[string]argShape{
	"len": shapeOne, "ord": shapeOne, "chr": shapeOne, "abs": shapeOne, "hex": shapeOne,
	"oct": shapeOne, "bin": shapeOne, "repr": shapeOne, "ascii": shapeOne, "any": shapeOne,
	"all": shapeOne, "hash": shapeOne, "id": shapeOne, "callable": shapeOne,
	"float": shapeStrip, "bool": shapeStrip, "list": shapeStrip, "tuple": shapeStrip, "set": shapeStrip,
	"dict":     {form: formVarargs, maxPos: 1},
	"min":      {form: formVarargs, minPos: 1, maxPos: -1},
	"max":      {form: formVarargs, minPos: 1, maxPos: -1},
	"iter":     shapeKeyValue,
	"next":     shapeKeyValue,
	"format":   shapeKeyValue,
	"reversed": {form: formPositional, minPos: 1, maxPos: 1},
	"getattr":  {form: formPositional, minPos: 2, maxPos: 3},
	"dir":      shapeStrip,
	"sum":      {form: formKeywords, minPos: 1, maxPos: 2, posOnly: 1, names: []string{"iterable", "start"}},
	"pow":      {form: formKeywords, minPos: 2, maxPos: 3, names: []string{"base", "exp", "mod"}},
}

// withShape is f with its arguments checked against sh first; qual is
// the name CPython's messages give a METH_NOARGS or METH_O function
// (str.upper, len).
func withShape(qual, name string, sh argShape, f func(args []Value, kw []KW) (Value, error)) func(args []Value, kw []KW) (Value, error) {
	return func(args []Value, kw []KW) (Value, error) {
		if err := checkShape(qual, name, sh, args, kw); err != nil {
			return nil, err
		}
		return f(args, kw)
	}
}

// checkShape reports a call of name (qual with its type) with args and
// kw that its shape does not allow, worded as CPython words it.
func checkShape(qual, name string, sh argShape, args []Value, kw []KW) error {
	n := len(args)
	switch sh.form {
	case formAny:
		return nil
	case formVarargs:
		return checkPositional(name, sh, n)
	case formKeywords:
		return checkKeywords(name, sh, args, kw)
	}
	if len(kw) > 0 {
		return typeErr("%s() takes no keyword arguments", qual)
	}
	switch sh.form {
	case formNoArgs:
		if n > 0 {
			return typeErr("%s() takes no arguments (%d given)", qual, n)
		}
	case formOne:
		if n != 1 {
			return typeErr("%s() takes exactly one argument (%d given)", qual, n)
		}
	case formPositional:
		return checkPositional(name, sh, n)
	case formParseTuple:
		if n < sh.minPos {
			return typeErr("%s() takes %s %d argument%s (%d given)", name, atLeast(sh, "at least"), sh.minPos, plural(sh.minPos), n)
		}
		if n > sh.maxPos {
			return typeErr("%s() takes %s %d argument%s (%d given)", name, atLeast(sh, "at most"), sh.maxPos, plural(sh.maxPos), n)
		}
	}
	return nil
}

// checkPositional is _PyArg_CheckPositional: "get expected at least 1
// argument, got 0".
func checkPositional(name string, sh argShape, n int) error {
	if n < sh.minPos {
		return typeErr("%s expected %s%d argument%s, got %d", name, atLeast(sh, "at least "), sh.minPos, plural(sh.minPos), n)
	}
	if sh.maxPos >= 0 && n > sh.maxPos {
		return typeErr("%s expected %s%d argument%s, got %d", name, atLeast(sh, "at most "), sh.maxPos, plural(sh.maxPos), n)
	}
	return nil
}

// atLeast is the bound's word, or "exactly" where there is one count.
func atLeast(sh argShape, word string) string {
	if sh.minPos == sh.maxPos {
		if sh.form == formPositional || sh.form == formVarargs {
			return ""
		}
		return "exactly"
	}
	return word
}

// checkKeywords is Argument Clinic's _PyArg_UnpackKeywords: the count of
// all arguments, then of positional ones, then each keyword.
func checkKeywords(name string, sh argShape, args []Value, kw []KW) error {
	n, max := len(args), len(sh.names)
	if n+len(kw) > max {
		keyword := ""
		if n == 0 {
			keyword = "keyword "
		}
		return typeErr("%s() takes at most %d %sargument%s (%d given)", name, max, keyword, plural(max), n+len(kw))
	}
	if n > sh.maxPos {
		if sh.maxPos == 0 {
			return typeErr("%s() takes no positional arguments", name)
		}
		return typeErr("%s() takes at most %d positional argument%s (%d given)", name, sh.maxPos, plural(sh.maxPos), n)
	}
	for _, k := range kw {
		found := false
		for i, p := range sh.names {
			if p == k.Name {
				if i < n {
					return typeErr("argument for %s() given by name ('%s') and position (%d)", name, p, i+1)
				}
				found = true
			}
		}
		if !found {
			return typeErr("'%s' is an invalid keyword argument for %s()", k.Name, name)
		}
	}
	if n < sh.posOnly && n < sh.minPos {
		return typeErr("%s() takes %s %d positional argument%s (%d given)", name, atLeast(sh, "at least"), min(sh.posOnly, sh.minPos), plural(min(sh.posOnly, sh.minPos)), n)
	}
	for i := n; i < sh.minPos; i++ {
		if !hasKeyword(kw, sh.names[i]) {
			return typeErr("%s() missing required argument '%s' (pos %d)", name, sh.names[i], i+1)
		}
	}
	return nil
}

func hasKeyword(kw []KW, name string) bool {
	for _, k := range kw {
		if k.Name == name {
			return true
		}
	}
	return false
}
