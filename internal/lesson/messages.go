package lesson

import "sockrepl/internal/msg"

// Lesson files' errors, for a teacher.
var (
	msgFileTooBig = msg.New("lesson.file-too-big",
		"the file is {n} bytes; a lesson file may have at most {max}",
		"文件有 {n} 字节；课程文件最多 {max} 字节")
	msgNoContinue = msg.New("lesson.no-continue",
		"a | line continues the value of the line above, but there is none to continue",
		"| 行接续上一行的值，但上面没有可接续的值")
	msgSecondLesson = msg.New("lesson.second-lesson",
		"a second lesson line: one file holds one lesson",
		"第二个 lesson 行：一个文件只能写一课")
	msgLessonName = msg.New("lesson.lesson-name",
		"lesson takes one word, the lesson's name (letters, digits, - and _), not {value}",
		"lesson 后面是一个词，即课程名（字母、数字、- 和 _），而不是 {value}")
	msgStepNothing = msg.New("lesson.step-nothing",
		"step takes nothing after it (the step's texts follow on their own lines)",
		"step 后面不跟任何内容（这一步的文字写在随后的各行）")
	msgTooManySteps = msg.New("lesson.too-many-steps",
		"more than {max} steps",
		"超过 {max} 步")
	msgBeforeFirstStep = msg.New("lesson.before-first-step",
		"{key} before the first step line",
		"{key} 出现在第一个 step 行之前")
	msgNeedsValue = msg.New("lesson.needs-value",
		"{key} needs a value",
		"{key} 需要一个值")
	msgSecondPython = msg.New("lesson.second-python",
		"a second python line in one step: continue the first with | lines",
		"一步里出现了第二个 python 行：请用 | 行接续第一个")
	msgKeyErr = msg.New("lesson.key-err",
		"{key}: {err}",
		"{key}：{err}")
	msgNeedsLanguage = msg.New("lesson.needs-language",
		"{key} needs its language: {base}.en or {base}.zh",
		"{key} 需要注明语言：{base}.en 或 {base}.zh")
	msgTitleFirst = msg.New("lesson.title-first",
		"the title goes before the first step",
		"标题要写在第一步之前")
	msgFollowWrong = msg.New("lesson.follow-wrong",
		"{key} must follow a wrong line: it is what to tell a learner who did that",
		"{key} 必须跟在 wrong 行后面：它是对犯了这个错误的学习者说的话")
	msgNeedsText = msg.New("lesson.needs-text",
		"{key} needs a text",
		"{key} 需要一段文字")
	msgSecondKey = msg.New("lesson.second-key",
		"a second {key} here: continue the first with | lines",
		"这里出现了第二个 {key}：请用 | 行接续第一个")
	msgUnknownKey = msg.New("lesson.unknown-key",
		"unknown key {key}: expected lesson, title.en|zh, step, do.en|zh, why.en|zh, python, check, wrong or hint.en|zh",
		"没有 {key} 这个键：应为 lesson、title.en|zh、step、do.en|zh、why.en|zh、python、check、wrong 或 hint.en|zh")
	msgNoLessonLine = msg.New("lesson.no-lesson-line",
		"no lesson line: a lesson file names its lesson (lesson NAME)",
		"没有 lesson 行：课程文件要写明课程名（lesson NAME）")
	msgNoTitle = msg.New("lesson.no-title",
		"no title: give title.en and title.zh",
		"没有标题：请给出 title.en 和 title.zh")
	msgNoSteps = msg.New("lesson.no-steps",
		"no steps: a lesson has at least one step line",
		"没有步骤：一课至少要有一个 step 行")
	msgNothingToDo = msg.New("lesson.nothing-to-do",
		"this step says nothing to do: give do.en and do.zh",
		"这一步没有说要做什么：请给出 do.en 和 do.zh")
	msgNoCheck = msg.New("lesson.no-check",
		"this step has no check: give at least one check line, or it could never be done",
		"这一步没有检查：至少给出一个 check 行，否则这一步永远无法完成")
	msgWrongNoHint = msg.New("lesson.wrong-no-hint",
		"this wrong has no hint: follow it with hint.en and hint.zh",
		"这个 wrong 没有提示：在它后面给出 hint.en 和 hint.zh")
	msgDidYouMean = msg.New("lesson.did-you-mean",
		" (did you mean {word}?)",
		"（是不是想输入 {word}？）")
	msgUnknownCheck = msg.New("lesson.unknown-check",
		"unknown check {word}{suggestion}; the checks are {checks}",
		"没有 {word} 这个检查{suggestion}；可用的检查有 {checks}")
	msgDoesNotTake = msg.New("lesson.does-not-take",
		"{check} does not take {word} ({doc})",
		"{check} 不接受 {word}（{doc}）")
	msgTakesNoValue = msg.New("lesson.takes-no-value",
		"{check}: {key} takes no value",
		"{check}：{key} 不带值")
	msgNeedsFirstWord = msg.New("lesson.needs-first-word",
		"{check} needs its first word ({doc})",
		"{check} 缺少第一个词（{doc}）")
	msgValueMissing = msg.New("lesson.value-missing",
		"a value is missing after =",
		"= 后面缺少值")
	msgNotANumber = msg.New("lesson.not-a-number",
		"{value} is not a number",
		"{value} 不是数字")
	msgUnknownErrno = msg.New("lesson.unknown-errno",
		"unknown errno {value}",
		"没有 {value} 这个错误码")
	msgNotACommand = msg.New("lesson.not-a-command",
		"{value} is not a command (help lists them)",
		"{value} 不是命令（help 列出所有命令）")
	msgBadPort = msg.New("lesson.bad-port",
		"port is ephemeral, fixed or a number 0-65535, not {value}",
		"port 应为 ephemeral、fixed 或 0-65535 的数字，而不是 {value}")
	msgBadPeerKind = msg.New("lesson.bad-peer-kind",
		"to is a peer's kind ({kinds}), not {value}",
		"to 应为 peer 的种类（{kinds}），而不是 {value}")
	msgBadMode = msg.New("lesson.bad-mode",
		"a mode is blocking, nonblocking or timeout, not {value}",
		"模式应为 blocking、nonblocking 或 timeout，而不是 {value}")
	msgBadFD = msg.New("lesson.bad-fd",
		"fd is same or dup, not {value}",
		"fd 应为 same 或 dup，而不是 {value}")
)
