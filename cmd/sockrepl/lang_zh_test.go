package main

import (
	"strings"
	"testing"

	"sockrepl/internal/render"
)

// TestChineseTerminal: a shell started under a Chinese locale speaks
// Chinese at the terminal: its hints, its ls table aligned by display
// width (a Chinese character takes two columns), and the cursor where
// the typed text ends on a line holding Chinese.
func TestChineseTerminal(t *testing.T) {
	tm := startTerm(t, sockreplBin(), "LANG=zh_CN.UTF-8", "NO_COLOR=1")

	tm.run("c = socket")
	out := tm.run("connect c 127.0.0.1:1")
	if !strings.Contains(out, "ECONNREFUSED (111) Connection refused") || !strings.Contains(out, "提示：那里没有程序在监听") {
		t.Fatalf("connect to a closed port: want the errno as the system says it and a Chinese hint, got:\n%s", out)
	}

	tm.run("srv = socket")
	tm.run("bind srv 127.0.0.1:0")
	out = tm.run("ls")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) < 3 || !strings.HasPrefix(lines[0], "#  名字") {
		t.Fatalf("ls: want a Chinese heading, got:\n%s", out)
	}
	// Every column starts at the same display column in every row.
	for _, col := range []string{"fd", "地址族", "状态", "本地地址"} {
		head := columnOf(lines[0], col)
		if head < 0 {
			t.Fatalf("ls heading lacks %q:\n%s", col, out)
		}
		for _, row := range lines[1:3] {
			if !startsAt(row, head) {
				t.Errorf("ls: column %q starts at display column %d in the heading, but row %q has no cell there", col, head, row)
			}
		}
	}

	// The cursor stands after the typed text, counted in display columns.
	tm.keys("-l", "echo 你好")
	want := render.Width("sockrepl> echo 你好")
	tm.waitCursor(want)
	tm.keys("Left")
	tm.waitCursor(want - 2)
	tm.keys("C-e")
	tm.waitCursor(want)
	tm.keys("-l", "x")
	tm.waitCursor(want + 1)
	tm.run("")
	if !strings.Contains(tm.screen(), "你好x") {
		t.Fatalf("the line typed around Chinese text is not what ran:\n%s", tm.screen())
	}
}

// columnOf is the display column at which text starts in line, or -1.
func columnOf(line, text string) int {
	i := strings.Index(line, text)
	if i < 0 {
		return -1
	}
	return render.Width(line[:i])
}

// startsAt reports whether a cell of row starts at display column col:
// a blank before it (or the line's start) and not a blank at it.
func startsAt(row string, col int) bool {
	w := 0
	prev := ' '
	for _, r := range row {
		if w == col {
			return prev == ' ' && r != ' '
		}
		w += render.RuneWidth(r)
		prev = r
	}
	return false
}

// TestChineseHintWhileTyping: the hint drawn after the cursor as a line is
// typed is Chinese too, and the cursor stays where the typed text ends.
func TestChineseHintWhileTyping(t *testing.T) {
	tm := startTerm(t, "env -u NO_COLOR "+sockreplBin(), "LANG=zh_CN.UTF-8")
	tm.run("c = socket")
	tm.keys("-l", "bind c ")
	tm.waitFor("如 127.0.0.1:8080", 1)
	tm.waitCursor(render.Width("sockrepl> bind c "))
	tm.keys("C-u")
	tm.keys("-l", "setsockopt c SO_REUSEADDR ")
	tm.waitFor("端口复用", 1)
}
