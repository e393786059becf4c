package py

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Python's str.upper, lower, title and capitalize use Unicode's full
// case mappings (SpecialCasing.txt, unconditional part): one character
// may become several (ß upper is SS), which Go's unicode.To* cannot
// say. These tables hold those characters; every other one maps as
// unicode.To* maps it. Capital sigma lowers to final sigma at the end
// of a word (Final_Sigma), as in Python.

// upperFull are the characters whose upper case is several.
var upperFull = map[rune]string{
	0xdf: "SS", 0x149: "\u02bcN", 0x1f0: "J\u030c", 0x390: "\u0399\u0308\u0301",
	0x3b0: "\u03a5\u0308\u0301", 0x587: "\u0535\u0552", 0x1e96: "H\u0331", 0x1e97: "T\u0308",
	0x1e98: "W\u030a", 0x1e99: "Y\u030a", 0x1e9a: "A\u02be", 0x1f50: "\u03a5\u0313",
	0x1f52: "\u03a5\u0313\u0300", 0x1f54: "\u03a5\u0313\u0301", 0x1f56: "\u03a5\u0313\u0342",
	0x1f80: "\u1f08\u0399", 0x1f81: "\u1f09\u0399", 0x1f82: "\u1f0a\u0399", 0x1f83: "\u1f0b\u0399",
	0x1f84: "\u1f0c\u0399", 0x1f85: "\u1f0d\u0399", 0x1f86: "\u1f0e\u0399", 0x1f87: "\u1f0f\u0399",
	0x1f88: "\u1f08\u0399", 0x1f89: "\u1f09\u0399", 0x1f8a: "\u1f0a\u0399", 0x1f8b: "\u1f0b\u0399",
	0x1f8c: "\u1f0c\u0399", 0x1f8d: "\u1f0d\u0399", 0x1f8e: "\u1f0e\u0399", 0x1f8f: "\u1f0f\u0399",
	0x1f90: "\u1f28\u0399", 0x1f91: "\u1f29\u0399", 0x1f92: "\u1f2a\u0399", 0x1f93: "\u1f2b\u0399",
	0x1f94: "\u1f2c\u0399", 0x1f95: "\u1f2d\u0399", 0x1f96: "\u1f2e\u0399", 0x1f97: "\u1f2f\u0399",
	0x1f98: "\u1f28\u0399", 0x1f99: "\u1f29\u0399", 0x1f9a: "\u1f2a\u0399", 0x1f9b: "\u1f2b\u0399",
	0x1f9c: "\u1f2c\u0399", 0x1f9d: "\u1f2d\u0399", 0x1f9e: "\u1f2e\u0399", 0x1f9f: "\u1f2f\u0399",
	0x1fa0: "\u1f68\u0399", 0x1fa1: "\u1f69\u0399", 0x1fa2: "\u1f6a\u0399", 0x1fa3: "\u1f6b\u0399",
	0x1fa4: "\u1f6c\u0399", 0x1fa5: "\u1f6d\u0399", 0x1fa6: "\u1f6e\u0399", 0x1fa7: "\u1f6f\u0399",
	0x1fa8: "\u1f68\u0399", 0x1fa9: "\u1f69\u0399", 0x1faa: "\u1f6a\u0399", 0x1fab: "\u1f6b\u0399",
	0x1fac: "\u1f6c\u0399", 0x1fad: "\u1f6d\u0399", 0x1fae: "\u1f6e\u0399", 0x1faf: "\u1f6f\u0399",
	0x1fb2: "\u1fba\u0399", 0x1fb3: "\u0391\u0399", 0x1fb4: "\u0386\u0399", 0x1fb6: "\u0391\u0342",
	0x1fb7: "\u0391\u0342\u0399", 0x1fbc: "\u0391\u0399", 0x1fc2: "\u1fca\u0399",
	0x1fc3: "\u0397\u0399", 0x1fc4: "\u0389\u0399", 0x1fc6: "\u0397\u0342",
	0x1fc7: "\u0397\u0342\u0399", 0x1fcc: "\u0397\u0399", 0x1fd2: "\u0399\u0308\u0300",
	0x1fd3: "\u0399\u0308\u0301", 0x1fd6: "\u0399\u0342", 0x1fd7: "\u0399\u0308\u0342",
	0x1fe2: "\u03a5\u0308\u0300", 0x1fe3: "\u03a5\u0308\u0301", 0x1fe4: "\u03a1\u0313",
	0x1fe6: "\u03a5\u0342", 0x1fe7: "\u03a5\u0308\u0342", 0x1ff2: "\u1ffa\u0399",
	0x1ff3: "\u03a9\u0399", 0x1ff4: "\u038f\u0399", 0x1ff6: "\u03a9\u0342",
	0x1ff7: "\u03a9\u0342\u0399", 0x1ffc: "\u03a9\u0399", 0xfb00: "FF", 0xfb01: "FI", 0xfb02: "FL",
	0xfb03: "FFI", 0xfb04: "FFL", 0xfb05: "ST", 0xfb06: "ST", 0xfb13: "\u0544\u0546",
	0xfb14: "\u0544\u0535", 0xfb15: "\u0544\u053b", 0xfb16: "\u054e\u0546", 0xfb17: "\u0544\u053d",
}

// titleFull are the characters whose title case is several.
var titleFull = map[rune]string{
	0xdf: "Ss", 0x149: "\u02bcN", 0x1f0: "J\u030c", 0x390: "\u0399\u0308\u0301",
	0x3b0: "\u03a5\u0308\u0301", 0x587: "\u0535\u0582", 0x1e96: "H\u0331", 0x1e97: "T\u0308",
	0x1e98: "W\u030a", 0x1e99: "Y\u030a", 0x1e9a: "A\u02be", 0x1f50: "\u03a5\u0313",
	0x1f52: "\u03a5\u0313\u0300", 0x1f54: "\u03a5\u0313\u0301", 0x1f56: "\u03a5\u0313\u0342",
	0x1fb2: "\u1fba\u0345", 0x1fb4: "\u0386\u0345", 0x1fb6: "\u0391\u0342",
	0x1fb7: "\u0391\u0342\u0345", 0x1fc2: "\u1fca\u0345", 0x1fc4: "\u0389\u0345",
	0x1fc6: "\u0397\u0342", 0x1fc7: "\u0397\u0342\u0345", 0x1fd2: "\u0399\u0308\u0300",
	0x1fd3: "\u0399\u0308\u0301", 0x1fd6: "\u0399\u0342", 0x1fd7: "\u0399\u0308\u0342",
	0x1fe2: "\u03a5\u0308\u0300", 0x1fe3: "\u03a5\u0308\u0301", 0x1fe4: "\u03a1\u0313",
	0x1fe6: "\u03a5\u0342", 0x1fe7: "\u03a5\u0308\u0342", 0x1ff2: "\u1ffa\u0345",
	0x1ff4: "\u038f\u0345", 0x1ff6: "\u03a9\u0342", 0x1ff7: "\u03a9\u0342\u0345", 0xfb00: "Ff",
	0xfb01: "Fi", 0xfb02: "Fl", 0xfb03: "Ffi", 0xfb04: "Ffl", 0xfb05: "St", 0xfb06: "St",
	0xfb13: "\u0544\u0576", 0xfb14: "\u0544\u0565", 0xfb15: "\u0544\u056b", 0xfb16: "\u054e\u0576",
	0xfb17: "\u0544\u056d",
}

// lowerFull is the one character whose lower case is several.
var lowerFull = map[rune]string{0x130: "i\u0307"}

// caseIgnorable is Unicode's Case_Ignorable beyond categories Mn, Me,
// Cf, Lm and Sk: the Word_Break MidLetter, MidNumLet and Single_Quote
// characters.
var caseIgnorable = map[rune]bool{
	0x27: true, 0x2e: true, 0x3a: true, 0xb7: true, 0x387: true, 0x55f: true, 0x5f4: true,
	0x2018: true, 0x2019: true, 0x2024: true, 0x2027: true, 0xfe13: true, 0xfe52: true,
	0xfe55: true, 0xff07: true, 0xff0e: true, 0xff1a: true,
}

func isCaseIgnorable(r rune) bool {
	return caseIgnorable[r] || unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}

func isCased(r rune) bool { return classOf(r)&(charLower|charUpper|charTitle) != 0 }

// caseText is a str being case-mapped: its text, read a character at a
// time by byte offset (never copied as code points, four bytes each),
// and where each one's mapping goes.
type caseText struct {
	s   string
	out strings.Builder
	// counting: the first pass of a big str only counts the bytes the
	// mapping makes (n), so that it is bounded before it is built.
	counting bool
	n        int
}

// put writes m, or counts it.
func (t *caseText) put(m string) {
	if t.counting {
		t.n += len(m)
		return
	}
	t.out.WriteString(m)
}

// putChar writes the character r, or counts its bytes.
func (t *caseText) putChar(r rune) {
	if !t.counting {
		appendChar(&t.out, r)
		return
	}
	if isEscapedByte(r) {
		t.n++
		return
	}
	t.n += utf8.RuneLen(r)
}

// write writes r as mapped: by table where it has r, else by simple.
func (t *caseText) write(r rune, table map[rune]string, simple func(rune) rune) {
	if m, ok := table[r]; ok {
		t.put(m)
		return
	}
	t.putChar(simple(r))
}

func (t *caseText) upper(r rune) { t.write(r, upperFull, unicode.ToUpper) }
func (t *caseText) title(r rune) { t.write(r, titleFull, unicode.ToTitle) }

// lower writes the lower case of r, the character at s[i:end].
func (t *caseText) lower(r rune, i, end int) {
	if r == 0x3a3 && t.finalSigma(i, end) {
		t.putChar(0x3c2)
		return
	}
	t.write(r, lowerFull, unicode.ToLower)
}

// finalSigma is Unicode's Final_Sigma for the character at s[i:end]: a
// cased letter before it, and none after it, case-ignorable characters
// skipped.
func (t *caseText) finalSigma(i, end int) bool {
	j := i
	for j > 0 {
		r, n := charBefore(t.s, j)
		if !isCaseIgnorable(r) {
			if !isCased(r) {
				return false
			}
			break
		}
		j -= n
	}
	if j == 0 {
		return false
	}
	for j = end; j < len(t.s); {
		r, n := charAt(t.s, j)
		if !isCaseIgnorable(r) {
			return !isCased(r)
		}
		j += n
	}
	return true
}

// charBefore is the code point that ends at s[j] and its size, as charAt
// reads it forwards: an invalid byte is the surrogate that stands for it.
func charBefore(s string, j int) (rune, int) {
	r, n := utf8.DecodeLastRuneInString(s[:j])
	if r == utf8.RuneError && n == 1 {
		return 0xdc00 + rune(s[j-1]), 1
	}
	return r, n
}

// caseMap is str.upper, lower, title or capitalize (name) of s. A mapping
// may make a str longer (upper('ΐ') is three characters): a big one is
// measured first, and refused before it is made if it would not fit.
func caseMap(name, s string) (string, error) {
	t := caseText{s: s}
	if len(s) >= bigValue {
		t.counting = true
		t.run(name)
		if err := Reserve(t.n); err != nil {
			return "", err
		}
		t.counting = false
	}
	t.out.Grow(max(t.n, len(s)))
	t.run(name)
	return t.out.String(), nil
}

// run maps every character of the str.
func (t *caseText) run(name string) {
	s := t.s
	prevCased := false
	for i, k := 0, 0; i < len(s); k++ {
		r, n := charAt(s, i)
		end := i + n
		switch {
		case name == "upper":
			t.upper(r)
		case name == "lower":
			t.lower(r, i, end)
		case name == "capitalize" && k == 0:
			t.title(r)
		case name == "capitalize":
			t.lower(r, i, end)
		case prevCased: // title: a word goes on
			t.lower(r, i, end)
		default: // title: a word starts
			t.title(r)
		}
		prevCased = isCased(r)
		i = end
	}
}
