package repl

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"sockrepl/internal/complete"
)

// readlineFits does readline's own arithmetic for a list of candidates
// (opCompleter.CompleteRefresh and getMatrixSize in chzyer/readline) and
// says what would go wrong with it.
func readlineFits(typed []rune, cands [][]rune, off, cols int) string {
	if off < 0 || off > len(typed) {
		return "offset outside the line"
	}
	if len(cands) < 2 {
		return ""
	}
	colWidth := 0
	for _, c := range cands {
		colWidth = max(colWidth, width(c))
	}
	colWidth += off + 1
	colNum := (cols - 1) / colWidth
	if colNum == 0 {
		return "no column fits: readline divides by zero"
	}
	colWidth += (cols - 1 - colWidth*colNum) / colNum
	same := width(typed[len(typed)-off:])
	for _, c := range cands {
		if colWidth-width(c)-same < 0 {
			return "negative padding: readline's bytes.Repeat panics"
		}
	}
	return ""
}

func TestFitList(t *testing.T) {
	rs := func(ss ...string) [][]rune {
		var out [][]rune
		for _, s := range ss {
			out = append(out, []rune(s))
		}
		return out
	}
	long := strings.Repeat("a", 91)
	for _, tc := range []struct {
		word  string
		rests [][]rune
		cols  int
		want  []string
		off   int
	}{
		// Room enough: as they are.
		{"so", rs("cket ", "urce "), 80, []string{"cket ", "urce "}, 2},
		// Too wide: cut, and equal cuts given once.
		{"", rs("SO_VM_SOCKETS_BUFFER_MAX_SIZE ", "SO_VM_SOCKETS_BUFFER_MIN_SIZE ", "SO_VM_SOCKETS_BUFFER_SIZE "), 30,
			[]string{"SO_VM_SOCKETS_BUFFER_MAX_SIZ", "SO_VM_SOCKETS_BUFFER_MIN_SIZ", "SO_VM_SOCKETS_BUFFER_SIZE "}, 0},
		{"", rs(long+"1 ", long+"2 "), 10, []string{"aaaaaaaa"}, 0},
		// A long typed word is left out of the list.
		{"/tmp/" + long, rs("1 ", "2 "), 80, []string{"1 ", "2 "}, 0},
		// Wide characters in the word: left out too.
		{"你好你", rs("好一 ", "好二 "), 80, []string{"好一 ", "好二 "}, 0},
		// No room at all: nothing shared, nothing offered.
		{"", rs("ab ", "cd "), 2, nil, 0},
		{"", rs("ab ", "cd "), 3, []string{"a", "c"}, 0},
		{"", rs("xab ", "xcd "), 2, []string{"x"}, 0},
		// One candidate is inserted whole, however long.
		{"", rs(long + " "), 10, []string{long + " "}, 0},
	} {
		got, off := fitList([]rune(tc.word), tc.rests, tc.cols, true)
		var gs []string
		for _, g := range got {
			gs = append(gs, string(g))
		}
		if strings.Join(gs, "|") != strings.Join(tc.want, "|") || off != tc.off {
			t.Errorf("fitList(%q, %d cols) = %q, %d; want %q, %d", tc.word, tc.cols, gs, off, tc.want, tc.off)
		}
	}
	// The first Tab of a shared prefix only inserts it: nothing is cut.
	got, _ := fitList(nil, rs(long+"1 ", long+"2 "), 30, false)
	if len(got) != 2 || len(got[0]) != 93 {
		t.Errorf("a shared prefix was cut before any list: %q", got)
	}
}

// FuzzCompleter: at any terminal width, whatever the completer hands
// readline can be laid out by readline without a panic. The seeds run
// with every `go test`; `make fuzz` explores further.
func FuzzCompleter(f *testing.F) {
	for _, seed := range []struct {
		line string
		cols uint8
	}{
		{"getsockopt s vsock ", 30}, {"getsockopt s vsock SO_VM", 20}, {"so", 4}, {"", 1},
		{"getsockopt s ", 12}, {"source /", 25}, {"setsockopt s tcp TCP_", 2}, {"errno E", 9},
		{"socket inet ", 15}, {"你好 ", 7}, {"bind s", 3}, {"recv s 10 ", 11}, {"x = socket ", 200},
	} {
		f.Add(seed.line, seed.cols)
	}
	c := &completer{view: view(false, complete.Handle{ID: 1, Name: "s"}, complete.Handle{ID: 2, Name: "srv_with_a_long_name"})}
	f.Fuzz(func(t *testing.T, line string, cols uint8) {
		if !utf8.ValidString(line) || cols == 0 {
			return
		}
		c.width = func() int { return int(cols) }
		c.listing = func() bool { return true }
		typed := []rune(line)
		out, off := c.Do(typed, len(typed))
		if msg := readlineFits(typed, out, off, int(cols)); msg != "" {
			t.Fatalf("Do(%q) at %d columns = %q, offset %d: %s", line, cols, out, off, msg)
		}
	})
}

var escape = regexp.MustCompile(`\x1b\[[0-9;]*[A-Za-z]`)

// FuzzHintPainter: at any width the painted line is the line itself, and
// what is added after it (a dimmed hint, cursor moves) never reaches the
// row's last column (it would wrap, and readline would not know) and
// holds no control character but the escape sequences it means.
func FuzzHintPainter(f *testing.F) {
	for _, seed := range []struct {
		line string
		pos  int
		cols uint8
	}{
		{"bind 1 ", 7, 80}, {"bind 1 ", 7, 19}, {"bind 1 ", 7, 30}, {"setsockopt s SO_REUSEADDR ", 26, 40},
		{"echo ab你好cd", 3, 80}, {"echo ab你好cd", 9, 12}, {"connect", 7, 5}, {"socket ", 7, 255},
		{"bind 1 ", 7, 17}, {"bind", 4, 1},
	} {
		f.Add(seed.line, seed.pos, seed.cols)
	}
	f.Fuzz(func(t *testing.T, line string, pos int, cols uint8) {
		if !utf8.ValidString(line) || cols == 0 {
			return
		}
		for _, r := range line {
			if r < 0x20 || r == 0x7f {
				return // readline draws control characters itself
			}
		}
		p := &hintPainter{view: view(true, complete.Handle{ID: 1, Name: "s"}), promptWidth: len(Prompt),
			screenWidth: func() int { return int(cols) }}
		rl := []rune(line)
		out := p.Paint(rl, pos)
		if len(out) < len(rl) || string(out[:len(rl)]) != line {
			t.Fatalf("Paint(%q, %d) changed the line: %q", line, pos, string(out))
		}
		added := string(out[len(rl):])
		visible := []rune(escape.ReplaceAllString(added, ""))
		for _, r := range visible {
			if r < 0x20 || r == 0x7f {
				t.Fatalf("Paint(%q, %d) adds a control character: %q", line, pos, added)
			}
		}
		if len(visible) > 0 && (len(Prompt)+width(rl))%int(cols)+width(visible) >= int(cols) {
			t.Fatalf("Paint(%q, %d) at %d columns adds %q, which wraps", line, pos, cols, added)
		}
	})
}
