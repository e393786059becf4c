package wire

import (
	"testing"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
	"sockrepl/internal/render"
)

// TestArrowWidth: the arrow between the endpoints takes the same columns
// whatever it carries, in every language, so the right-hand endpoints of
// a ladder line up (the Chinese "(no flags)" is wider than its runes).
func TestArrowWidth(t *testing.T) {
	t.Cleanup(func() { msg.Set(msg.EN) })
	for _, lang := range msg.Langs {
		msg.Set(lang)
		for _, flags := range []uint8{0, flagACK} {
			for _, fromA := range []bool{true, false} {
				p := &Packet{Proto: unix.IPPROTO_TCP, Flags: flags, fromA: fromA}
				parts := (&Report{}).line(p, "a", "b")
				if got := render.Width(parts[3].Text); got != arrowBody+1 {
					t.Errorf("%s, flags %#x, fromA %v: the arrow %q takes %d columns, want %d", lang, flags, fromA, parts[3].Text, got, arrowBody+1)
				}
			}
		}
	}
}

// TestCut: a label longer than its room is cut to that many columns.
func TestCut(t *testing.T) {
	for _, tc := range []struct {
		in   string
		w    int
		want string
	}{
		{"short", 12, "short"},
		{"averyverylongname", 12, "averyverylo…"},
		{"对端对端对端对端", 12, "对端对端对…"},
	} {
		if got := cut(tc.in, tc.w); got != tc.want || render.Width(got) > tc.w {
			t.Errorf("cut(%q, %d) = %q, want %q", tc.in, tc.w, got, tc.want)
		}
	}
}
