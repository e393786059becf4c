package session

import _ "embed"

// cPrelude is what every saved C program has before main: the headers and
// small helpers its calls use. The helpers keep Python's model where C
// has none: a timeout per socket (O_NONBLOCK underneath, and a poll before
// each call that waits, as CPython does), sendall's loop, close on a
// closed socket doing nothing, and values printed as Python's repr prints
// them, so that the program prints what the saved .py program prints.
// Every call's outcome is checked against the session's; the first that
// differs ends the program with status 1. Functions are not static, so
// that those a program does not use draw no warning.
//
//go:embed csrc/prelude.c
var cPrelude string
