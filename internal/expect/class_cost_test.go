package expect

import "testing"

// TestClassSkipsErrnoSuggest: `=> EOFError` is a class, read without the
// errno did-you-mean search, which is error-path work (it allocates an
// edit-distance band per errno name).
func TestClassSkipsErrnoSuggest(t *testing.T) {
	for _, w := range []string{"EOFError", "EnvironmentError"} {
		x, err := Parse(w)
		if err != nil || x.Kind != Class || x.Class != w {
			t.Fatalf("Parse(%q) = %+v, %v; want the class", w, x, err)
		}
		if n := testing.AllocsPerRun(100, func() { Parse(w) }); n > 2 {
			t.Errorf("Parse(%q) makes %v allocations; the errno suggestion ran", w, n)
		}
	}
}
