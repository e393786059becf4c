package py

import (
	"strings"
	"testing"
)

// TestStepChars: slicing a str with a step, walked in place, gives what
// taking the same indices of its code points gives, for every start, stop
// and step, over text with wide characters and escaped bytes.
func TestStepChars(t *testing.T) {
	for _, s := range []string{"", "a", "héllo", "日本語テキスト", "a\xffb\xfe€😀", "\xed\xa0\x80x", "x\xf0\x9f"} {
		var cps []rune // the reference: s as code points
		for i := 0; i < len(s); {
			r, n := charAt(s, i)
			cps = append(cps, r)
			i += n
		}
		n := len(cps)
		for st := -n - 2; st <= n+2; st++ {
			if st == 0 {
				continue
			}
			for a := -1; a <= n; a++ {
				for b := -1; b <= n; b++ {
					if st > 0 && (a < 0 || b < 0) || st < 0 && a >= n {
						continue // sliceIndices never gives these
					}
					var want strings.Builder
					pick(a, b, st, func(i int) { appendChar(&want, cps[i]) })
					if got := stepChars(s, a, b, st); got != want.String() {
						t.Fatalf("stepChars(%q, %d, %d, %d) = %q, want %q", s, a, b, st, got, want.String())
					}
				}
			}
		}
	}
}
