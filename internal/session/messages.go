package session

import "sockrepl/internal/msg"

// The session's messages that belong to no table row: results' notes,
// errors about arguments and handles, and the shell commands' output.
// Table rows (commands, settings, topics) carry their own.
var (
	msgDidYouMean = msg.New("session.did-you-mean",
		" (did you mean {word}?)",
		"（是不是想输入 {word}？）")
	msgOnOrOff = msg.New("session.on-or-off",
		"on or off",
		"on 或 off")
	msgOnOffValue = msg.New("session.on-off-value",
		"expected on or off, got {word}",
		"应为 on 或 off，而不是 {word}")
	msgPreviewRange = msg.New("session.preview-range",
		"expected a number of bytes from 0 to {max}, got {word}",
		"应为 0 到 {max} 之间的字节数，而不是 {word}")
	msgLangValue = msg.New("session.lang-value",
		"expected en or zh, got {word}",
		"应为 en 或 zh，而不是 {word}")
	msgSettings = msg.New("session.settings",
		"settings:",
		"设置：")
	msgSetValueFor = msg.New("session.set-value-for",
		"VALUE for {name} ({help})",
		"{name} 的值（{help}）")
	msgUnknownSetting = msg.New("session.unknown-setting",
		"set: unknown setting {word}: expected one of {known}",
		"set：没有 {word} 这项设置，可用的有 {known}")
	msgMissing = msg.New("session.missing",
		"{cmd}: missing {what} (usage: {usage})",
		"{cmd}：缺少{what}（用法：{usage}）")
	msgBadArg = msg.New("session.bad-arg",
		"{cmd}: {why} (usage: {usage})",
		"{cmd}：{why}（用法：{usage}）")
)
