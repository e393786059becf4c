package lesson

import (
	"fmt"
	"os"
	"strings"
)

// Language picks the language lessons speak: the locale (LC_ALL, then
// LC_MESSAGES, then LANG; zh… is Chinese), English otherwise. It is the one
// place to switch to the session's own language setting.
func Language() Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if l := os.Getenv(v); l != "" {
			if strings.HasPrefix(strings.ToLower(l), "zh") {
				return ZH
			}
			return EN
		}
	}
	return EN
}

// msgs is what the lesson command itself says, in both languages.
var msgs = map[string]Text{
	"list.head":    {"lessons (lesson N or lesson NAME starts one; lesson FILE runs a teacher's file):", "课程（lesson N 或 lesson 名称 开始一课；lesson 文件 运行老师写的课程文件）："},
	"list.row":     {"%d/%d steps done", "已完成 %d/%d 步"},
	"start":        {"lesson %s: %s (%d steps; lesson repeats a step, lesson next|back|stop move)", "课程 %s：%s（共 %d 步；lesson 重复当前步骤，lesson next|back|stop 前进、后退、停止）"},
	"done.before":  {"done before: steps %s", "以前已完成：第 %s 步"},
	"step":         {"step %d/%d", "第 %d/%d 步"},
	"do":           {"do:", "做："},
	"why":          {"why:", "为什么："},
	"python":       {"python:", "Python："},
	"waiting":      {"waiting for:", "等待："},
	"pass":         {"[✓] step %d/%d done", "[✓] 第 %d/%d 步完成"},
	"fail":         {"[✗] ", "[✗] "},
	"finished":     {"lesson %s done: %d/%d steps", "课程 %s 结束：完成 %d/%d 步"},
	"stopped":      {"lesson %s stopped: %d/%d steps done", "课程 %s 已停止：完成 %d/%d 步"},
	"none":         {"no lesson is running: lesson lists them, lesson N starts one", "当前没有进行中的课程：lesson 列出课程，lesson N 开始一课"},
	"no.next":      {"this is the last step: lesson stop ends the lesson", "这已是最后一步：lesson stop 结束课程"},
	"no.back":      {"this is the first step", "这已是第一步"},
	"check.ok":     {"%s: lesson %s, %d steps: ok", "%s：课程 %s，共 %d 步：正确"},
	"check.errors": {"lesson check: %d problem(s) in %s", "lesson check：%[2]s 中有 %[1]d 处问题"},
	"unknown":      {"lesson: no lesson %q: give a number 1-%d, a name (%s) or a lesson file", "lesson：没有课程 %q：请给出编号 1-%d、名称（%s）或课程文件"},
	"unreadable":   {"lesson: cannot read %s: %v", "lesson：无法读取 %s：%v"},
	"bad.file":     {"lesson: %s is not a valid lesson file (%d problem(s); lesson check %s lists them)", "lesson：%s 不是有效的课程文件（%d 处问题；lesson check %s 会列出）"},
	"usage":        {"lesson: %s (usage: lesson [N|NAME|FILE|next|back|stop|list|check FILE])", "lesson：%s（用法：lesson [N|名称|文件|next|back|stop|list|check 文件]）"},
	"summary":      {"lesson %s: %d/%d steps done", "lesson %s: %d/%d steps done"},
	"check.need":   {"check needs a FILE", "check 需要一个文件"},
	"extra":        {"unexpected %q", "多余的 %q"},
}

// msg formats one of msgs in l. The summary line keeps one wording in
// both languages: a teacher's grading script reads it.
func msg(l Lang, key string, a ...any) string {
	t, ok := msgs[key]
	if !ok {
		panic("lesson: no message " + key)
	}
	if len(a) == 0 {
		return t.In(l)
	}
	return fmt.Sprintf(t.In(l), a...)
}

// width is how many terminal columns text takes: Chinese characters and
// full-width punctuation take two.
func width(text string) int {
	n := 0
	for _, r := range text {
		n++
		if r >= 0x2E80 && r <= 0xA4CF || r >= 0xAC00 && r <= 0xD7A3 || r >= 0xF900 && r <= 0xFAFF || r >= 0xFF00 && r <= 0xFF60 || r >= 0xFFE0 && r <= 0xFFE6 {
			n++
		}
	}
	return n
}
