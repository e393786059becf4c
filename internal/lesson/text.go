package lesson

import "sockrepl/internal/msg"

// What the lesson command itself says, in the catalog. The lessons' own
// texts are in their files.
var (
	msgListHead = msg.New("lesson.list-head",
		"lessons (lesson N or lesson NAME starts one; lesson FILE runs a teacher's file):",
		"课程（lesson N 或 lesson 名称 开始一课；lesson 文件 运行老师写的课程文件）：")
	msgListRow = msg.New("lesson.list-row",
		"({done}/{total} steps done)",
		"（已完成 {done}/{total} 步）")
	msgStart = msg.New("lesson.start",
		"lesson {name}: {title} ({total} steps; lesson repeats a step, lesson next|back|stop move)",
		"课程 {name}：{title}（共 {total} 步；lesson 重复当前步骤，lesson next|back|stop 前进、后退、停止）")
	msgDoneBefore = msg.New("lesson.done-before",
		"done before: steps {steps}",
		"以前已完成：第 {steps} 步")
	msgStep = msg.New("lesson.step",
		"step {n}/{total}",
		"第 {n}/{total} 步")
	msgDo = msg.New("lesson.do",
		"do:",
		"操作：")
	msgWhy = msg.New("lesson.why",
		"why:",
		"说明：")
	msgPython = msg.New("lesson.python",
		"python:",
		"Python：")
	msgWaiting = msg.New("lesson.waiting",
		"waiting for:",
		"还差：")
	msgPass = msg.New("lesson.pass",
		"[✓] step {n}/{total} done",
		"[✓] 第 {n}/{total} 步完成")
	msgFinished = msg.New("lesson.finished",
		"lesson {name} done: {done}/{total} steps",
		"课程 {name} 结束：完成 {done}/{total} 步")
	msgStopped = msg.New("lesson.stopped",
		"lesson {name} stopped: {done}/{total} steps done",
		"课程 {name} 已停止：完成 {done}/{total} 步")
	msgNone = msg.New("lesson.none",
		"lesson: no lesson is running (lesson lists them, lesson N starts one)",
		"lesson：当前没有进行中的课程（lesson 列出课程，lesson N 开始一课）")
	msgNoNext = msg.New("lesson.no-next",
		"lesson: this is the last step (lesson stop ends the lesson)",
		"lesson：这已是最后一步（lesson stop 结束课程）")
	msgNoBack = msg.New("lesson.no-back",
		"lesson: this is the first step",
		"lesson：这已是第一步")
	msgCheckOK = msg.New("lesson.check-ok",
		"{file}: lesson {name}, {total} steps: ok",
		"{file}：课程 {name}，共 {total} 步：正确")
	msgCheckErrors = msg.New("lesson.check-errors",
		"lesson check: {n} {n|problem|problems} in {file}",
		"lesson check：{file} 中有 {n} 处问题")
	msgUnknown = msg.New("lesson.unknown",
		"lesson: no lesson {word}: give a number 1-{last}, a name ({names}) or a lesson file",
		"lesson：没有课程 {word}：请给出编号 1-{last}、名称（{names}）或课程文件")
	msgUnreadable = msg.New("lesson.unreadable",
		"lesson: cannot read {file}: {err}",
		"lesson：无法读取 {file}：{err}")
	msgNotRegular = msg.New("lesson.not-regular",
		"not a regular file",
		"不是普通文件")
	msgBadFile = msg.New("lesson.bad-file",
		"lesson: {file} is not a valid lesson file ({n} {n|problem|problems}; lesson check {file} lists them)",
		"lesson：{file} 不是有效的课程文件（{n} 处问题；lesson check {file} 会列出）")
	msgUsage = msg.New("lesson.usage",
		"lesson: {why} (usage: lesson [N|NAME|FILE|list|next|back|stop|check FILE])",
		"lesson：{why}（用法：lesson [N|名称|文件|list|next|back|stop|check 文件]）")
	msgCheckNeedsFile = msg.New("lesson.check-needs-file",
		"check needs a FILE",
		"check 需要一个文件")
	msgExtra = msg.New("lesson.extra",
		"unexpected {word}",
		"多余的 {word}")
)

// summaryLine is what a script that started a lesson ends with. It is the
// same in every language: a teacher's grading script reads it.
func summaryLine(name string, done, total int) string {
	return "lesson " + name + ": " + itoa(done) + "/" + itoa(total) + " steps done"
}
