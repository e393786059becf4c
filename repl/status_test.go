package repl

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"sockrepl/internal/msg"
	"sockrepl/internal/render"
)

// TestStatusLineFitsItsRow: the status line is cut to the terminal's row
// by the columns the terminal draws, so a Chinese one, whose full-width
// （）and ，take two columns each, never wraps onto a second row (where
// the next redraw's \r could not reach it, and each second left a line).
func TestStatusLineFitsItsRow(t *testing.T) {
	defer msg.Set(msg.Current())
	for _, lang := range []msg.Lang{msg.EN, msg.ZH} {
		msg.Set(lang)
		for cols := 12; cols <= 90; cols++ {
			var out bytes.Buffer
			l := NewStatusLine(&out)
			l.width = func() int { return cols }
			l.Waiting("accept srv：正在等待（127.0.0.1:42705）上的连接，客户端 connect 之后返回")
			l.mu.Lock()
			gen := l.gen
			l.mu.Unlock()
			l.draw(gen, time.Now())
			l.Running("")
			drawn := strings.Split(out.String(), "\r\x1b[K")
			if len(drawn) < 2 || drawn[1] == "" {
				t.Fatalf("%v, %d columns: nothing drawn: %q", lang, cols, out.String())
			}
			if w := render.Width(drawn[1]); w > cols-1 {
				t.Errorf("%v, %d columns: the status line takes %d: %q", lang, cols, w, drawn[1])
			}
		}
	}
}
