package lesson

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
	"sockrepl/internal/render"
	"sockrepl/internal/session"
)

// Tutor runs lessons in a session: it is the session's Tutor hook.
type Tutor struct {
	sess     *session.Session
	Lang     func() Lang // the language to speak; Language by default
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
}

// New makes a tutor for s and hooks it in. progress may be nil.
func New(s *session.Session, progress *Progress) *Tutor {
	t := &Tutor{sess: s, Lang: Language, progress: progress}
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
				return errors.New(msg(l, "usage", msg(l, "check.need")))
			}
			return errors.New(msg(l, "usage", msg(l, "extra", args[2])))
		}
		return t.check(args[1])
	}
	if len(args) > 1 {
		return errors.New(msg(l, "usage", msg(l, "extra", args[1])))
	}
	switch strings.ToLower(word) {
	case "list":
		t.list()
		return nil
	case "next", "back", "stop":
		if t.cur == nil {
			return errors.New(msg(l, "none"))
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
		return nil, fmt.Errorf(msg(l, "unknown"), word, len(all), strings.Join(ns, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf(msg(l, "unreadable"), word, err)
	}
	les, errs := Parse(src, word)
	if len(errs) > 0 {
		return nil, fmt.Errorf(msg(l, "bad.file"), word, len(errs), word)
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
		return nil, errors.New("not a regular file")
	}
	return io.ReadAll(io.LimitReader(f, maxFileSize+1))
}

// check validates a lesson file and says what is wrong, line by line.
func (t *Tutor) check(path string) error {
	l := t.lang()
	src, err := readLessonFile(path)
	if err != nil {
		return fmt.Errorf(msg(l, "unreadable"), path, err)
	}
	les, errs := Parse(src, path)
	if len(errs) > 0 {
		for _, e := range errs {
			t.sess.Out.Line(render.P(render.Error, path+":"+strconv.Itoa(e.Line)+": "+e.Msg))
		}
		return fmt.Errorf(msg(l, "check.errors"), len(errs), path)
	}
	t.sess.Out.Line(render.P(render.Good, fmt.Sprintf(msg(l, "check.ok"), path, les.Name, len(les.Steps))))
	return nil
}

// list shows the built-in lessons and the progress kept for each.
func (t *Tutor) list() {
	l := t.lang()
	t.sess.Out.Line(render.P(render.Note, msg(l, "list.head")))
	for i, les := range Builtin() {
		done := t.doneSteps(les)
		t.sess.Out.Line(render.P(render.Value, fmt.Sprintf("  %d %-10s ", i+1, les.Name)), render.P(render.Plain, les.Title.In(l)),
			render.P(render.Note, "  ("+fmt.Sprintf(msg(l, "list.row"), len(done), len(les.Steps))+")"))
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
	t.cur = r
	t.sess.Out.Line(render.P(render.Handle, fmt.Sprintf(msg(l, "start"), les.Name, les.Title.In(l), len(les.Steps))))
	var before []string
	for i := range les.Steps {
		if t.progress.Done(les.Name, i+1) {
			before = append(before, strconv.Itoa(i+1))
		}
	}
	if len(before) > 0 && les.Source == builtinSource {
		t.sess.Out.Line(render.P(render.Note, fmt.Sprintf(msg(l, "done.before"), strings.Join(before, ", "))))
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
	out.Line(render.P(render.Handle, fmt.Sprintf(msg(l, "step"), r.step+1, len(r.l.Steps))+"  "), render.P(render.Note, r.l.Name))
	t.labelled(msg(l, "do"), st.Do.In(l), render.Plain)
	if !st.Why.empty() {
		t.labelled(msg(l, "why"), st.Why.In(l), render.Note)
	}
	if st.Python != "" {
		t.labelled(msg(l, "python"), st.Python, render.Value)
	}
	if again {
		w := &world{sess: t.sess, mark: r.mark, events: t.sess.EventsSince(r.mark)}
		var missing []string
		for _, p := range st.Checks {
			if !p.holds(w) {
				missing = append(missing, p.def.want.In(l))
			}
		}
		if len(missing) > 0 {
			t.labelled(msg(l, "waiting"), strings.Join(missing, "; "), render.Hint)
		}
	}
}

// labelled prints a text after a label, the labels padded to one width
// and the text's further lines indented to line up.
func (t *Tutor) labelled(label, text string, style render.Style) {
	l := t.lang()
	col := 0
	for _, k := range []string{"do", "why", "python"} {
		col = max(col, width(msg(l, k))+1)
	}
	label += strings.Repeat(" ", max(1, col-width(label)))
	pad := strings.Repeat(" ", 2+width(label))
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
			return errors.New(msg(l, "no.next"))
		}
		r.step++
	case "back":
		if r.step == 0 {
			return errors.New(msg(l, "no.back"))
		}
		r.step--
	case "stop":
		t.sess.Out.Line(render.P(render.Note, fmt.Sprintf(msg(l, "stopped"), r.l.Name, r.count(), len(r.l.Steps))))
		t.cur = nil
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
	w := &world{sess: t.sess, mark: r.mark, events: t.sess.EventsSince(r.mark)}
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
		t.sess.Out.Line(render.P(render.Good, fmt.Sprintf(msg(l, "pass"), r.step+1, len(r.l.Steps))))
		if r.step+1 < len(r.l.Steps) {
			r.step++
			t.beginStep()
			return
		}
		t.sess.Out.Line(render.P(render.Good, fmt.Sprintf(msg(l, "finished"), r.l.Name, r.count(), len(r.l.Steps))))
		t.cur = nil
		return
	}
	// The wrongs look at the last statement: its calls, and the sockets it
	// named or made. One is said when it starts to hold, not again after
	// every statement while it does.
	last := &world{sess: t.sess, mark: since, events: t.sess.EventsSince(since), states: w.states, read: w.read}
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
			t.sess.Out.Line(render.P(render.Bad, msg(l, "fail")), render.P(render.Hint, wr.Hint.In(l)))
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
		lines = append(lines, msg(t.lang(), "summary", r.l.Name, r.count(), len(r.l.Steps)))
		if r.count() < len(r.l.Steps) {
			allDone = false
		}
	}
	return lines, allDone
}
