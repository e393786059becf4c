package session

import (
	"errors"

	"sockrepl/internal/msg"
	"sockrepl/internal/names"
	"sockrepl/internal/sockopt"
)

// Every number a command passes to the kernel as a C int (families, types,
// protocols, flags, levels, option numbers and values, backlogs) is
// checked where it is read, and one that does not fit fails as it does in
// Python, with Python's class and words, and a note that says which
// number it was.

// cIntOverflow is Python's OverflowError for a number past a C int. Python
// words it two ways: arguments parsed by PyArg_ParseTuple ("i"), and
// those converted one by one (_PyLong_AsInt: socket(), fromfd(),
// shutdown()).
func cIntOverflow(cmd, what string) error {
	text := "signed integer is greater than maximum"
	switch cmd {
	case "socket", "fromfd", "shutdown":
		text = "Python int too large to convert to C int"
	}
	return &PyError{Class: "OverflowError", Msg: text,
		Note: msgCIntNote.S(msg.A("cmd", cmd), msg.A("what", what))}
}

// lookupErr is the error for a word a names table refused.
func (a *args) lookupErr(err error) error {
	return lookupErr(a.cmd.name, err)
}

func lookupErr(cmd string, err error) error {
	var re *names.RangeError
	if errors.As(err, &re) {
		return cIntOverflow(cmd, re.What+" "+re.Word)
	}
	return cmdErr(cmd, err)
}

// optionValueErr is the error for setsockopt's value words that Encode
// refused, or nil when it is an ordinary bad word.
func optionValueErr(o sockopt.Option, words []string, err error) error {
	var fe *sockopt.FieldRangeError
	switch {
	case errors.Is(err, sockopt.ErrIntRange):
		// Python's setsockopt passes an int only as a C int; any other
		// int makes it try the value as bytes.
		return &PyError{Class: "TypeError", Msg: "a bytes-like object is required, not 'int'",
			Note: msgOptionIntNote.S(msg.A("value", words[0]), msg.A("option", o.Name))}
	case errors.As(err, &fe):
		return &PyError{Class: "struct.error", Msg: fe.Error(),
			Note: msgFieldNote.S(msg.A("value", fe.Word), msg.A("option", o.Name))}
	}
	return nil
}
