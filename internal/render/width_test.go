package render

import "testing"

func TestWidth(t *testing.T) {
	for s, want := range map[string]int{
		"":           0,
		"ls":         2,
		"套接字":        6,
		"fd=3 套接字":   11,
		"，：（）":       8,
		"\u3000":     2,
		"“quoted”":   8,
		"e\u0301":    1,
		"b'\\xe4'":   7,
		"已绑定到 :8080": 14,
	} {
		if got := Width(s); got != want {
			t.Errorf("Width(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestColumnsAlignByWidth(t *testing.T) {
	got := Columns([][]string{{"#", "名称", "fd"}, {"1", "srv", "3"}, {"2", "服务端套接字", "4"}}, 2)
	want := []string{
		"#  名称          fd",
		"1  srv           3",
		"2  服务端套接字  4",
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("row %d: got %q, want %q", i, got[i], want[i])
		}
	}
}
