#!/usr/bin/env python3
"""pyrepl: what Python's interactive console prints for a session.

    python3 -X utf8 testdata/pyrepl.py FILE

feeds FILE's lines, one by one, to an interactive console (the REPL's own
rules: a block goes on until a blank line) and prints what the REPL
prints: the repr of each expression statement's value (nothing for None)
and, for an uncaught exception, the last line of its traceback. The
prompts are not printed. sockrepl must print the same for the same lines.
"""

import builtins
import code
import sys
import traceback


def last_line():
    t, v, _ = sys.exc_info()
    lines = traceback.format_exception_only(t, v)
    sys.stdout.write(lines[-1].rstrip("\n").splitlines()[-1] + "\n")


class Console(code.InteractiveConsole):
    def showtraceback(self):
        last_line()

    def showsyntaxerror(self, filename=None, **kwargs):
        # 3.13 passes source= as well.
        last_line()


def display(value):
    if value is None:
        return
    builtins._ = value
    sys.stdout.write(repr(value) + "\n")


def main():
    sys.displayhook = display
    console = Console()
    with open(sys.argv[1], encoding="utf-8") as f:
        lines = f.read().split("\n")
    for line in lines:
        console.push(line)
    console.push("")
    sys.stdout.flush()


main()
