package literal

import (
	"bytes"
	"encoding/hex"
	"errors"
	"testing"

	"sockrepl/internal/pyrepr"
)

// fuzzMax keeps fuzzed repeat counts from allocating much.
const fuzzMax = 1 << 12

// fuzzMaxWord caps the input length: nothing here depends on long words, and
// the fuzzer's minimizer is quadratic in the input length, so long
// "interesting" inputs stall fuzzing for up to a minute each.
const fuzzMaxWord = 512

// fuzzRead stands in for the file system: no fuzz input touches real files.
func fuzzRead(path string) ([]byte, error) {
	switch path {
	case "big":
		return make([]byte, fuzzMax+1), nil
	case "missing":
		return nil, errors.New("no such file\n\x1b[31m")
	}
	return []byte(path), nil
}

func fuzzSeeds(f *testing.F) {
	for _, s := range []string{
		`"hello world\n"*3`, `'a\'b'`, `b'\x00\xff'*2`, `B"x"`, `hex:68656c6c6f*2`,
		`@f*2`, `@"my file"`, `@big`, `@missing`, `2*3`, `"x"*99999999999999999999`,
		`"\012"`, `"abc`, `"a"x`, `hex:abc`, "b'caf\xc3\xa9'", "\"\\\x00\"",
	} {
		f.Add(s)
	}
}

// checkErr asserts the error contract: an *Error with a safe one-line text.
func checkErr(t *testing.T, word string, err error) {
	t.Helper()
	var e *Error
	if !errors.As(err, &e) {
		t.Fatalf("%q: error %T is not *Error", word, err)
	}
	if e.Pos < 0 || e.Pos > len(word) {
		t.Fatalf("%q: Pos %d out of range", word, e.Pos)
	}
	checkSafe(t, err.Error())
}

func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, word string) {
		if len(word) > fuzzMaxWord {
			return
		}
		opt := Options{MaxSize: fuzzMax, ReadFile: fuzzRead}
		out, err := Parse(word, opt)
		if err != nil {
			checkErr(t, word, err)
		} else if len(out) > fuzzMax {
			t.Fatalf("Parse(%q) gave %d bytes, over %d", word, len(out), fuzzMax)
		}

		// Any bytes quoted by pyrepr.Bytes parse back to themselves, also
		// as a "text" word, with a repeat, and in hex.
		data := []byte(word)
		q := pyrepr.Bytes(data)
		for i := 0; i < len(q); i++ {
			if q[i] < 0x20 || q[i] >= 0x7f {
				t.Fatalf("pyrepr.Bytes(%q) = %q holds a raw byte", data, q)
			}
		}
		big := Options{MaxSize: 2*len(data) + 1}
		if got, err := Parse(q, big); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("Parse(%s) = %q, %v; want %q", q, got, err, data)
		}
		if got, err := Parse(q[1:], big); err != nil || !bytes.Equal(got, data) {
			t.Fatalf("Parse(%s) = %q, %v; want %q", q[1:], got, err, data)
		}
		if got, err := Parse(q+"*2", big); err != nil || !bytes.Equal(got, append(data, data...)) {
			t.Fatalf("Parse(%s*2) = %q, %v", q, got, err)
		}
		if len(data) > 0 {
			h := "hex:" + hex.EncodeToString(data)
			if got, err := Parse(h, big); err != nil || !bytes.Equal(got, data) {
				t.Fatalf("Parse(%s) = %q, %v; want %q", h, got, err, data)
			}
		}
	})
}

func FuzzUnquote(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, word string) {
		if len(word) > fuzzMaxWord {
			return
		}
		s, err := Unquote(word)
		switch {
		case err != nil:
			checkErr(t, word, err)
		case !IsQuoted(word) && s != word:
			t.Fatalf("Unquote(%q) = %q; a bare word must stay as is", word, s)
		case len(s) > len(word):
			t.Fatalf("Unquote(%q) = %q is longer than the word", word, s)
		}

		q := pyrepr.Bytes([]byte(word))[1:]
		if got, err := Unquote(q); err != nil || got != word {
			t.Fatalf("Unquote(%s) = %q, %v; want %q", q, got, err, word)
		}
	})
}
