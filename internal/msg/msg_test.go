package msg

import "testing"

func TestFormatNamedArguments(t *testing.T) {
	m := New("test.sent", "sent {n} of {total} {total|byte|bytes}", "已发送 {total} 字节中的 {n} 字节")
	if err := m.Check(); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		l    Lang
		args []Arg
		want string
	}{
		{EN, []Arg{A("n", 3), A("total", 10)}, "sent 3 of 10 bytes"},
		{EN, []Arg{A("total", 1), A("n", 0)}, "sent 0 of 1 byte"},
		{ZH, []Arg{A("n", 3), A("total", 10)}, "已发送 10 字节中的 3 字节"},
		{EN, []Arg{A("n", 3)}, "sent 3 of {total} {total|byte|bytes}"},
	} {
		if got := m.In(c.l, c.args...); got != c.want {
			t.Errorf("%v %v: got %q, want %q", c.l, c.args, got, c.want)
		}
	}
}

func TestBracesAndPlainText(t *testing.T) {
	m := New("test.braces", "a {{dict}} and }}", "一个 {{dict}}")
	if got := m.In(EN); got != "a {dict} and }" {
		t.Errorf("got %q", got)
	}
	if got := m.In(ZH); got != "一个 {dict}" {
		t.Errorf("got %q", got)
	}
}

func TestCheckFindsMismatchedArguments(t *testing.T) {
	for _, m := range []*M{
		{id: "x", text: [numLangs]string{"{a} {b}", "{a}"}},
		{id: "x", text: [numLangs]string{"{a}", "{a} {c}"}},
		{id: "x", text: [numLangs]string{"{a", "{a}"}},
		{id: "x", text: [numLangs]string{"a}", "a"}},
		{id: "x", text: [numLangs]string{"{n|one}", "{n}"}},
		{id: "x", text: [numLangs]string{"text", ""}},
		{id: "x", text: [numLangs]string{"{1x}", "{1x}"}},
	} {
		if m.Check() == nil {
			t.Errorf("%q: Check found nothing wrong", m.text)
		}
	}
}

func TestSetAndCurrent(t *testing.T) {
	defer Set(Current())
	m := New("test.lang", "hello", "你好")
	Set(ZH)
	if m.S() != "你好" || m.String() != "你好" {
		t.Errorf("ZH: got %q", m.S())
	}
	Set(EN)
	if m.S() != "hello" {
		t.Errorf("EN: got %q", m.S())
	}
}

func TestParse(t *testing.T) {
	for s, want := range map[string]Lang{
		"zh": ZH, "zh_CN": ZH, "zh_SG": ZH, "zh_TW": ZH, "zh_HK": ZH, "zh-Hant": ZH,
		"zh_CN.UTF-8": ZH, "zh_TW.Big5@stroke": ZH, "ZH": ZH,
		"en": EN, "en_US.UTF-8": EN, "C": EN, "POSIX": EN, "C.UTF-8": EN,
	} {
		if got, ok := Parse(s); !ok || got != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", s, got, ok, want)
		}
	}
	for _, s := range []string{"fr_FR", "klingon!", "", "de"} {
		if _, ok := Parse(s); ok {
			t.Errorf("Parse(%q) accepted a language sockrepl does not speak", s)
		}
	}
}

func TestFromEnvPrecedence(t *testing.T) {
	for _, c := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ZH},
		{map[string]string{"LANG": "zh_HK.UTF-8"}, ZH},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_TW.UTF-8"}, ZH},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_MESSAGES": "C"}, EN},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, EN},
		{map[string]string{"LC_ALL": "zh_SG.UTF-8", "LC_MESSAGES": "C", "LANG": "C"}, ZH},
		{map[string]string{"LC_ALL": "", "LANG": "zh"}, ZH},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, EN},
		{map[string]string{}, EN},
	} {
		if got := FromEnv(func(k string) string { return c.env[k] }); got != c.want {
			t.Errorf("%v: got %v, want %v", c.env, got, c.want)
		}
	}
}

func TestChineseSetsLatinWordsOff(t *testing.T) {
	m := New("test.blank", "missing {what}: {n} left", "缺少{what}：剩下{n}个，共 {n} 个")
	if got := m.In(ZH, A("what", "lang 的值"), A("n", 3)); got != "缺少 lang 的值：剩下 3 个，共 3 个" {
		t.Errorf("got %q", got)
	}
	if got := m.In(ZH, A("what", "句柄"), A("n", 3)); got != "缺少句柄：剩下 3 个，共 3 个" {
		t.Errorf("got %q", got)
	}
	if got := m.In(EN, A("what", "x"), A("n", 3)); got != "missing x: 3 left" {
		t.Errorf("got %q", got)
	}
}

// A list is written with the language's comma: Chinese enumerates with
// 、, never with the ASCII comma between Chinese words.
func TestList(t *testing.T) {
	items := []string{"1", "2", "3"}
	if got := List(EN, items); got != "1, 2, 3" {
		t.Errorf("List(EN) = %q, want %q", got, "1, 2, 3")
	}
	if got := List(ZH, items); got != "1、2、3" {
		t.Errorf("List(ZH) = %q, want %q", got, "1、2、3")
	}
	if got := List(ZH, nil); got != "" {
		t.Errorf("List(ZH, nil) = %q, want empty", got)
	}
}
