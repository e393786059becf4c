package session

import (
	"os"
	"path/filepath"
	"strings"

	"sockrepl/internal/msg"
	"sockrepl/internal/render"
)

// saveFormats is what `save FILE` writes, by FILE's extension.
var saveFormats = []struct {
	ext  string
	save func(s *Session, path string) (*Result, error)
}{
	{".sock", saveProgram((*Session).writeSock)},
	{".py", saveProgram((*Session).writePython)},
	{".c", saveProgram((*Session).writeC)},
	{".pcapng", saveWire},
}

var (
	msgSaveExt = msg.New("session.save-ext",
		"save: {file}: expected a file name ending in {exts}",
		"save：{file}：文件名应以 {exts} 结尾")
	msgSaveCannot = msg.New("session.save-cannot",
		"save: cannot write {file}: {err}",
		"save：无法写入 {file}：{err}")
	msgSaveNoWire = msg.New("session.save-no-wire",
		"save: no packets to save: the wire view has not been on (set wire on first)",
		"save：没有可保存的报文：wire 视图还没有打开过（先 set wire on）")
	msgSavedPackets = msg.New("session.saved-packets",
		"{n} {n|packet|packets} written to {file}, each with a comment naming its command",
		"{n} 个报文已写入 {file}，每个都带有注释，写明是哪条命令引起的")
	msgSavedLost = msg.New("session.saved-lost",
		"(the {n} oldest were not kept)",
		"（最早的 {n} 个没有保留）")
)

func cmdSave(s *Session, a *args) (*Result, error) {
	path := a.get("FILE").s
	var exts []string
	for _, f := range saveFormats {
		if strings.EqualFold(filepath.Ext(path), f.ext) {
			return f.save(s, path)
		}
		exts = append(exts, f.ext)
	}
	return nil, usageErr("%s", msgSaveExt.S(msg.A("file", quoteWord(path)), msg.A("exts", msg.List(msg.Current(), exts))))
}

// saveWire writes the wire view's packets as pcapng.
func saveWire(s *Session, path string) (*Result, error) {
	v := s.wireLast
	if s.wire != nil {
		v = s.wire.view
	}
	if v == nil {
		return nil, usageErr("%s", msgSaveNoWire.S())
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return nil, usageErr("%s", msgSaveCannot.S(msg.A("file", quoteWord(path)), msg.A("err", err)))
	}
	n, lost, err := v.WritePcapng(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, usageErr("%s", msgSaveCannot.S(msg.A("file", quoteWord(path)), msg.A("err", err)))
	}
	r := ok().add(render.P(render.Note, "  "+msgSavedPackets.S(msg.A("n", n), msg.A("file", path))))
	if lost > 0 {
		r.add(render.P(render.Note, " "+msgSavedLost.S(msg.A("n", lost))))
	}
	return r, nil
}
