package lesson

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
	"sockrepl/internal/pyrepr"
	"sockrepl/internal/rawfile"
	"sockrepl/internal/render"
	"sockrepl/internal/session"
)

// Tutor runs lessons in a session: it is the session's Tutor hook.
type Tutor struct {
	sess     *session.Session
	Lang     func() Lang // the language to speak: the session's (msg.Current)
	progress *Progress   // nil: progress is not kept (a script)
	cur      *run        // the running lesson, or nil
	started  []*run      // every lesson started in this session, in order
	lastMark int         // where the last statement's calls begin
}

// run is one lesson being taken.
type run struct {
	l     *Lesson
	step  int    // the current step, from 0
	done  []bool // the steps done in this session
	mark  int    // the calls since the current step began
	wrong []bool // which of the step's wrongs held after the last statement
	// scope: the handles made or named since the lesson began, the only
	// ones whose state its checks read.
	scope map[int]bool
}

// New makes a tutor for s and hooks it in. progress may be nil.
func New(s *session.Session, progress *Progress) *Tutor {
	t := &Tutor{sess: s, Lang: msg.Current, progress: progress}
	s.Tutor = t
	return t
}

func (t *Tutor) lang() Lang { return t.Lang() }

// Prompt is the step shown before the prompt.
func (t *Tutor) Prompt() string {
	if t.cur == nil {
		return ""
	}
	return "[" + strconv.Itoa(t.cur.step+1) + "/" + strconv.Itoa(len(t.cur.l.Steps)) + "] "
}

// Command runs `lesson ARGS…`.
func (t *Tutor) Command(args []string) error {
	defer func() { t.lastMark = t.sess.Mark() }()
	l := t.lang()
	if len(args) == 0 {
		if t.cur != nil {
			t.showStep(true)
			return nil
		}
		t.list()
		return nil
	}
	word := args[0]
	if word == "check" {
		if len(args) != 2 {
			if len(args) < 2 {
				return errors.New(msgUsage.In(l, msg.A("why", msgCheckNeedsFile.In(l))))
			}
			return errors.New(msgUsage.In(l, msg.A("why", msgExtra.In(l, msg.A("word", quote(args[2]))))))
		}
		return t.check(args[1])
	}
	if len(args) > 1 {
		return errors.New(msgUsage.In(l, msg.A("why", msgExtra.In(l, msg.A("word", quote(args[1]))))))
	}
	switch strings.ToLower(word) {
	case "list":
		t.list()
		return nil
	case "next", "back", "stop":
		if t.cur == nil {
			return errors.New(msgNone.In(l))
		}
		return t.move(strings.ToLower(word))
	}
	les, err := t.find(word)
	if err != nil {
		return err
	}
	t.start(les)
	return nil
}

// find is a built-in lesson by number or name, or a lesson file.
func (t *Tutor) find(word string) (*Lesson, error) {
	l := t.lang()
	all := Builtin()
	if n, err := strconv.Atoi(word); err == nil {
		if n >= 1 && n <= len(all) {
			return all[n-1], nil
		}
	}
	for _, les := range all {
		if strings.EqualFold(les.Name, word) {
			return les, nil
		}
	}
	src, err := readLessonFile(word)
	if errors.Is(err, os.ErrNotExist) && !strings.ContainsAny(word, "/.") {
		var ns []string
		for _, les := range all {
			ns = append(ns, les.Name)
		}
		return nil, errors.New(msgUnknown.In(l, msg.A("word", quote(word)), msg.A("last", len(all)), msg.A("names", msg.List(l, ns))))
	}
	if err != nil {
		return nil, errors.New(msgUnreadable.In(l, msg.A("file", word), msg.A("err", err)))
	}
	les, errs := Parse(src, word)
	if len(errs) > 0 {
		return nil, errors.New(msgBadFile.In(l, msg.A("file", word), msg.A("n", len(errs))))
	}
	return les, nil
}

// readLessonFile reads a teacher's lesson file: a regular file (not a FIFO
// or a device that would block or never end), of bounded size.
func readLessonFile(path string) ([]byte, error) {
	f, err := rawfile.Open(path)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			return nil, pe.Err
		}
		return nil, err
	}
	defer f.Close()
	var st unix.Stat_t
	if err := unix.Fstat(int(f.Fd()), &st); err != nil {
		return nil, err
	}
	if st.Mode&unix.S_IFMT != unix.S_IFREG {
		return nil, errors.New(msgNotRegular.S())
	}
	return io.ReadAll(io.LimitReader(f, maxFileSize+1))
}

// check validates a lesson file and says what is wrong, line by line.
func (t *Tutor) check(path string) error {
	l := t.lang()
	src, err := readLessonFile(path)
	if err != nil {
		return errors.New(msgUnreadable.In(l, msg.A("file", path), msg.A("err", err)))
	}
	les, errs := Parse(src, path)
	if len(errs) > 0 {
		for _, e := range errs {
			t.sess.Out.Line(render.P(render.Error, path+":"+strconv.Itoa(e.Line)+": "+e.Msg))
		}
		return errors.New(msgCheckErrors.In(l, msg.A("n", len(errs)), msg.A("file", path)))
	}
	t.sess.Out.Line(render.P(render.Good, msgCheckOK.In(l, msg.A("file", path), msg.A("name", les.Name), msg.A("total", len(les.Steps)))))
	return nil
}

// list shows the built-in lessons and the progress kept for each.
func (t *Tutor) list() {
	l := t.lang()
	t.sess.Out.Line(render.P(render.Note, msgListHead.In(l)))
	for i, les := range Builtin() {
		done := t.doneSteps(les)
		t.sess.Out.Line(render.P(render.Value, fmt.Sprintf("  %d %-10s ", i+1, les.Name)), render.P(render.Plain, les.Title.In(l)),
			render.P(render.Note, "  "+msgListRow.In(l, msg.A("done", len(done)), msg.A("total", len(les.Steps)))))
	}
}

// doneSteps are the steps of les done in this session or kept from before,
// counted from 1.
func (t *Tutor) doneSteps(les *Lesson) []int {
	var out []int
	r := t.runOf(les)
	for i := range les.Steps {
		if r != nil && r.done[i] || t.progress.Done(les.Name, i+1) {
			out = append(out, i+1)
		}
	}
	return out
}

func (t *Tutor) runOf(les *Lesson) *run {
	for _, r := range t.started {
		if r.l.Name == les.Name && r.l.Source == les.Source {
			return r
		}
	}
	return nil
}

// start begins a lesson at its first step (what the steps build on is made
// again in this session); steps done before are named.
func (t *Tutor) start(les *Lesson) {
	l := t.lang()
	r := t.runOf(les)
	if r == nil {
		r = &run{l: les, done: make([]bool, len(les.Steps))}
		t.started = append(t.started, r)
	}
	r.step = 0
	r.scope = map[int]bool{}
	t.cur = r
	t.sess.Watch(true)
	t.sess.Out.Line(render.P(render.Handle, msgStart.In(l, msg.A("name", les.Name), msg.A("title", les.Title.In(l)), msg.A("total", len(les.Steps)))))
	var before []string
	for i := range les.Steps {
		if t.progress.Done(les.Name, i+1) {
			before = append(before, strconv.Itoa(i+1))
		}
	}
	if len(before) > 0 && les.Source == builtinSource {
		t.sess.Out.Line(render.P(render.Note, msgDoneBefore.In(l, msg.A("steps", msg.List(l, before)))))
	}
	t.beginStep()
}

// beginStep shows the current step and starts watching from now.
func (t *Tutor) beginStep() {
	r := t.cur
	r.mark = t.sess.Mark()
	r.wrong = make([]bool, len(r.l.Steps[r.step].Wrongs))
	t.showStep(false)
}

// showStep prints the current step; again: `lesson` asked for it, so what
// the step still waits for is said too.
func (t *Tutor) showStep(again bool) {
	l, r := t.lang(), t.cur
	st := r.l.Steps[r.step]
	out := t.sess.Out
	out.Line(render.P(render.Handle, msgStep.In(l, msg.A("n", r.step+1), msg.A("total", len(r.l.Steps)))+"  "), render.P(render.Note, r.l.Name))
	t.labelled(msgDo.In(l), st.Do.In(l), render.Plain)
	if !st.Why.empty() {
		t.labelled(msgWhy.In(l), st.Why.In(l), render.Note)
	}
	if st.Python != "" {
		t.labelled(msgPython.In(l), st.Python, render.Value)
	}
	if again {
		w := &world{sess: t.sess, mark: r.mark, events: t.sess.EventsSince(r.mark), scope: r.scope}
		var missing []string
		for _, p := range st.Checks {
			if !p.holds(w) {
				missing = append(missing, p.wanted(l))
			}
		}
		if len(missing) > 0 {
			t.labelled(msgWaiting.In(l), strings.Join(missing, "; "), render.Hint)
		}
	}
}

// labelled prints a text after a label, the labels padded to one width
// and the text's further lines indented to line up.
func (t *Tutor) labelled(label, text string, style render.Style) {
	l := t.lang()
	col := 0
	for _, m := range []*msg.M{msgDo, msgWhy, msgPython} {
		col = max(col, render.Width(m.In(l))+1)
	}
	label += strings.Repeat(" ", max(1, col-render.Width(label)))
	pad := strings.Repeat(" ", 2+render.Width(label))
	for i, ln := range strings.Split(text, "\n") {
		if i == 0 {
			t.sess.Out.Line(render.P(render.Note, "  "+label), render.P(style, ln))
			continue
		}
		t.sess.Out.Line(render.P(render.Note, pad), render.P(style, ln))
	}
}

// move is lesson next, back and stop.
func (t *Tutor) move(how string) error {
	l, r := t.lang(), t.cur
	switch how {
	case "next":
		if r.step+1 >= len(r.l.Steps) {
			return errors.New(msgNoNext.In(l))
		}
		r.step++
	case "back":
		if r.step == 0 {
			return errors.New(msgNoBack.In(l))
		}
		r.step--
	case "stop":
		t.sess.Out.Line(render.P(render.Note, msgStopped.In(l, msg.A("name", r.l.Name), msg.A("done", r.count()), msg.A("total", len(r.l.Steps)))))
		t.cur = nil
		t.sess.Watch(false)
		return nil
	}
	t.beginStep()
	return nil
}

func (r *run) count() int {
	n := 0
	for _, d := range r.done {
		if d {
			n++
		}
	}
	return n
}

// After checks the current step against what the last statement did.
func (t *Tutor) After() {
	since := t.lastMark
	t.lastMark = t.sess.Mark()
	r := t.cur
	if r == nil {
		return
	}
	l := t.lang()
	st := r.l.Steps[r.step]
	lastEvents := t.sess.EventsSince(since)
	for _, e := range lastEvents {
		for _, id := range append(e.Handles, e.Created...) {
			r.scope[id] = true
		}
	}
	w := &world{sess: t.sess, mark: r.mark, events: t.sess.EventsSince(r.mark), scope: r.scope}
	passed := true
	for _, p := range st.Checks {
		if !p.holds(w) {
			passed = false
			break
		}
	}
	if passed {
		r.done[r.step] = true
		t.progress.Mark(r.l, r.step+1)
		t.sess.Out.Line(render.P(render.Good, msgPass.In(l, msg.A("n", r.step+1), msg.A("total", len(r.l.Steps)))))
		if r.step+1 < len(r.l.Steps) {
			r.step++
			t.beginStep()
			return
		}
		t.sess.Out.Line(render.P(render.Good, msgFinished.In(l, msg.A("name", r.l.Name), msg.A("done", r.count()), msg.A("total", len(r.l.Steps)))))
		t.cur = nil
		t.sess.Watch(false)
		return
	}
	// The wrongs look at the last statement: its calls, and the sockets it
	// named or made. One is said when it starts to hold, not again after
	// every statement while it does.
	last := &world{sess: t.sess, mark: since, events: lastEvents, states: w.states, read: w.read, scope: r.scope}
	last.only = map[int]bool{}
	for _, e := range last.events {
		for _, id := range append(e.Handles, e.Created...) {
			last.only[id] = true
		}
	}
	said := false
	for i, wr := range st.Wrongs {
		holds := wr.Pred.holds(last)
		if holds && !r.wrong[i] && !said {
			t.sess.Out.Line(render.P(render.Bad, "[✗] "), render.P(render.Hint, wr.Hint.In(l)))
			said = true
		}
		r.wrong[i] = holds
	}
}

// Summary is one line for each lesson started in this session, and whether
// every step of each was done.
func (t *Tutor) Summary() (lines []string, allDone bool) {
	allDone = true
	for _, r := range t.started {
		lines = append(lines, summaryLine(r.l.Name, r.count(), len(r.l.Steps)))
		if r.count() < len(r.l.Steps) {
			allDone = false
		}
	}
	return lines, allDone
}

// quote writes a word the learner typed, escaped as Python would.
func quote(w string) string { return pyrepr.Str(w) }

func itoa(n int) string { return strconv.Itoa(n) }
