package cli

import "sockrepl/internal/msg"

// The command line's messages: --help and what goes wrong with flags and
// files.
var (
	msgUsage = msg.New("cli.usage",
		`usage: sockrepl [flags] [FILE...]

  sockrepl                 interactive when stdin is a terminal
  sockrepl FILE...         run each file in order, then exit
  sockrepl < FILE          the same from standard input (no prompt)
  sockrepl -c 'CMD; CMD'   run these commands, then exit
  sockrepl -i FILE         run FILE, then stay interactive

flags:
  -e              stop at the first command that fails unexpectedly (exit 1)
  -q              do not echo commands in script mode
  -c CMDS         run CMDS (separated by ; or newlines)
  -i FILE         run FILE first, then the files, standard input or the prompt
  --color=WHEN    auto (only on a terminal, and not with NO_COLOR), always, never
  --trace         print the system calls each command makes
  --timeout=SECS  stop a script that runs longer (exit 124); not the prompt
  --lang=LANG     en or zh (default: from LC_ALL, LC_MESSAGES or LANG)
  --wire          show the packets under each call (set wire on)
  --lab           run in a network namespace of its own, with its own
                  loopback (inside a user namespace when not root), where
                  any user may capture and no other program's traffic shows
  --version       print the version
  --help          print this help

Exit status: 0 when every expectation held (with -e: and nothing failed);
1 when an expectation failed, -e stopped the run, or a lesson the run
started has steps not done; 2 for a usage error, an
unreadable file, standard output that cannot be written (the run stops) or
an open-file limit (ulimit -n) too low to start; 130 when Ctrl-C stopped a
script (with -i at a terminal, Ctrl-C stops FILE and the prompt follows);
124 when --timeout ran out.
Type help in the shell for the commands.
`,
		`用法：sockrepl [选项] [文件...]

  sockrepl                 标准输入是终端时，进入交互模式
  sockrepl 文件...         依次运行每个文件，然后退出
  sockrepl < 文件          同上，命令来自标准输入（不显示提示符）
  sockrepl -c 'CMD; CMD'   运行这几条命令，然后退出
  sockrepl -i 文件         先运行该文件，再进入交互模式

选项：
  -e              遇到第一条意外失败的命令就停止（退出状态 1）
  -q              脚本模式下不回显命令
  -c CMDS         运行 CMDS（用 ; 或换行分隔）
  -i FILE         先运行 FILE，再运行其余文件、标准输入或进入提示符
  --color=WHEN    auto（仅在终端上，且未设置 NO_COLOR 时）、always、never
  --trace         打印每条命令发出的系统调用
  --timeout=秒数  脚本运行超过这个时间就停止（退出状态 124）；不限制提示符
  --lang=LANG     en 或 zh（默认取自 LC_ALL、LC_MESSAGES 或 LANG）
  --wire          在每个调用下显示经过的报文（set wire on）
  --lab           在自己的网络命名空间里运行，有自己的回环接口（非 root 时
                  位于用户命名空间中），任何用户都能抓包，也看不到其他程序的流量
  --version       打印版本号
  --help          打印本帮助

退出状态：所有期望都成立时为 0（带 -e 时还要求没有命令失败）；
有期望不成立、-e 中止了运行或运行中开始的课程有步骤未完成时为 1；用法错误、文件无法读取、标准输出无法写入
（运行随即停止）或打开文件数上限（ulimit -n）太低无法启动时为 2；
脚本被 Ctrl-C 中止时为 130（带 -i 在终端上时，Ctrl-C 只停止该文件，随后进入提示符）；
--timeout 到时为 124。
进入 shell 后输入 help 查看所有命令。
`)
	msgBadColor = msg.New("cli.bad-color",
		"--color takes auto, always or never, not {value}",
		"--color 只接受 auto、always 或 never，而不是 {value}")
	msgLabLoopback = msg.New("cli.lab-loopback",
		"--lab: the lab's loopback interface could not be brought up: {err}",
		"--lab：无法启用实验用网络命名空间里的回环接口：{err}")
	msgBadLang = msg.New("cli.bad-lang",
		"--lang takes en or zh, not {value}",
		"--lang 只接受 en 或 zh，而不是 {value}")
	msgCommandsOrFiles = msg.New("cli.commands-or-files",
		"-c runs its commands instead of files; give either -c or files",
		"-c 运行给出的命令而不是文件；-c 和文件只能二选一")
	msgCannotRead = msg.New("cli.cannot-read",
		"cannot read {file}: {cause}",
		"无法读取 {file}：{cause}")
	msgLimitTooLow = msg.New("cli.limit-too-low",
		"the open-file limit (ulimit -n) is {limit}; the shell needs at least {need}: standard input, output and error, {own} descriptors of its own and 1 for a socket; raise it with `ulimit -n {need}` or more",
		"打开文件数上限（ulimit -n）是 {limit}；shell 至少需要 {need} 个：标准输入、标准输出和标准错误，它自己的 {own} 个文件描述符，再加 1 个给套接字；请用 `ulimit -n {need}` 或更大的值提高上限")
	msgCannotWrite = msg.New("cli.cannot-write",
		"cannot write standard output: {cause}",
		"无法写入标准输出：{cause}")
	msgStdin = msg.New("cli.stdin",
		"standard input",
		"标准输入")
	msgBadTimeout = msg.New("cli.bad-timeout",
		"--timeout takes a number of seconds greater than 0, such as 30 or 2.5, not {value}",
		"--timeout 需要一个大于 0 的秒数，例如 30 或 2.5，而不是 {value}")
	msgTimedOut = msg.New("cli.timed-out",
		"--timeout: the run took longer than {secs} s and was stopped; its handles are closed (exit status 124)",
		"--timeout：运行超过了 {secs} 秒，已被停止；它的句柄都已关闭（退出状态 124）")
	msgInitStopped = msg.New("cli.init-stopped",
		"Ctrl-C stopped {file}; its handles stay (ls lists them)",
		"Ctrl-C 停止了 {file}；它创建的句柄都还在（ls 列出它们）")
	msgStoppedAtFailure = msg.New("cli.stopped",
		"stopped at the first failure (-e)",
		"在第一个失败处停止（-e）")
	msgExpectations = msg.New("cli.expectations",
		"expectations: {held} held, {failed} failed",
		"期望：{held} 条成立，{failed} 条不成立")
	msgFlagUnknown = msg.New("cli.flag-unknown",
		"flag provided but not defined: {flag}",
		"没有这个选项：{flag}")
	msgFlagNeedsArg = msg.New("cli.flag-needs-arg",
		"flag needs an argument: {flag}",
		"选项需要一个参数：{flag}")
)
