#!/usr/bin/env python3
"""pyref: run a sockrepl script with Python's socket module.

    python3 -X utf8 testdata/pyref.py FILE

reads a sockrepl script (the subset of the language the sequences in
testdata/pycompare use), runs each statement with Python's socket module,
and writes the script back with `=> OUTCOME` after each statement, where
OUTCOME is what Python did:

  - an OSError with an errno: the errno's name (compared by number);
  - socket.timeout (TimeoutError without errno): `timeout`;
  - any other exception: its class name (ValueError, OverflowError; outside
    builtins and socket with its module: io.UnsupportedOperation);
  - a value that depends on the run (a new socket or file, a file
    descriptor, an address with an ephemeral port): `ok`;
  - otherwise the repr of the primary value (for a tuple, its first
    element), with addresses written as sockrepl prints them.

-X utf8 makes text-mode files (makefile H r) read and write UTF-8 whatever
the locale, as sockrepl's do.

`{TMP}` in the script stands for a scratch directory: $PYREF_TMP, or a new
one that is removed at the end. It is written back as `{TMP}`, so that the
caller can put its own directory there for the sockrepl run.
"""

import errno
import io
import os
import re
import shutil
import socket
import sys
import tempfile

PLACEHOLDER = "{TMP}"
TMP = ""  # set in main

FAMILIES = {"inet": socket.AF_INET, "ipv4": socket.AF_INET,
            "inet6": socket.AF_INET6, "ipv6": socket.AF_INET6,
            "unix": socket.AF_UNIX, "local": socket.AF_UNIX}
TYPES = {"stream": socket.SOCK_STREAM, "dgram": socket.SOCK_DGRAM,
         "seqpacket": socket.SOCK_SEQPACKET, "raw": socket.SOCK_RAW,
         "nonblock": socket.SOCK_NONBLOCK, "cloexec": socket.SOCK_CLOEXEC}
PROTOS = {"tcp": socket.IPPROTO_TCP, "udp": socket.IPPROTO_UDP}
LEVELS = {"socket": socket.SOL_SOCKET, "ip": socket.IPPROTO_IP,
          "ipv6": socket.IPPROTO_IPV6, "tcp": socket.IPPROTO_TCP,
          "udp": socket.IPPROTO_UDP}
SHUT = {"rd": socket.SHUT_RD, "wr": socket.SHUT_WR, "rdwr": socket.SHUT_RDWR}
BOOLS = {"true": True, "on": True, "yes": True, "1": True,
         "false": False, "off": False, "no": False, "0": False}
ESCAPES = {"n": b"\n", "r": b"\r", "t": b"\t", "\\": b"\\", '"': b'"',
           "'": b"'", "0": b"\0", "a": b"\a", "b": b"\b", "f": b"\f",
           "v": b"\v"}


def past_bufsize(v, n):
    """With MSG_TRUNC a datagram longer than BUFSIZE comes back at its full
    length, but the kernel wrote only BUFSIZE bytes: CPython leaves the rest
    as the allocator found it (zeros in 3.11.7, old heap bytes in 3.12.1).
    sockrepl gives zeros there, so that is what is compared."""
    if 0 <= n < len(v):
        return v[:n] + bytes(len(v) - n)
    return v


class Ok:
    """A value that depends on the run: written as `ok`."""


def num(word):
    """A whole number in the script; a bad one is the script's fault, not a
    ValueError of the call."""
    try:
        return int(word, 0)
    except ValueError:
        raise SyntaxError("not a number: %r" % word) from None


def lookup(table, word, prefix=""):
    """A name from a table: case ignored, C prefix optional, or a number."""
    w = word.lower()
    if prefix and w.startswith(prefix):
        w = w[len(prefix):]
    if w in table:
        return table[w]
    return num(word)


def name_flags(word, table, prefix):
    v = 0
    for part in word.split("|"):
        v |= lookup(table, part.strip(), prefix)
    return v


def msg_flags(word):
    v = 0
    for part in word.split("|"):
        part = part.strip()
        if part[:1].isdigit():
            v |= num(part)
        else:
            name = part.upper()
            v |= getattr(socket, name if name.startswith("MSG_") else "MSG_" + name)
    return v


# --- words and data ----------------------------------------------------------

def split_words(text):
    """Words split on blanks; quotes group and are kept, as sockrepl does."""
    words, i = [], 0
    while i < len(text):
        if text[i].isspace():
            i += 1
            continue
        j = i
        while j < len(text) and not text[j].isspace():
            if text[j] in "'\"":
                j = end_quote(text, j)
            else:
                j += 1
        words.append(text[i:j])
        i = j
    return words


def end_quote(text, i):
    q, j = text[i], i + 1
    while j < len(text):
        if text[j] == "\\":
            j += 2
            continue
        if text[j] == q:
            return j + 1
        j += 1
    raise SyntaxError("unterminated quote in %r" % text)


def unquote(body):
    """A quoted literal's body with escapes; \\xHH is one byte."""
    out, i = bytearray(), 0
    while i < len(body):
        c = body[i]
        if c == "\\" and i + 1 < len(body):
            e = body[i + 1]
            if e == "x":
                out.append(int(body[i + 2:i + 4], 16))
                i += 4
                continue
            out += ESCAPES[e]
            i += 2
            continue
        out += c.encode()
        i += 1
    return bytes(out)


def data(word):
    """A data literal: "text", 'text', b'bytes', hex:…, with *N; a bare word."""
    m = re.fullmatch(r"""(b?)(["'])(.*)\2(?:\*(\d+))?""", word, re.S)
    if m:
        return unquote(m.group(3)) * int(m.group(4) or 1)
    m = re.fullmatch(r"hex:([0-9a-fA-F]*)(?:\*(\d+))?", word)
    if m:
        return bytes.fromhex(m.group(1)) * int(m.group(2) or 1)
    return word.encode()


def text(word):
    m = re.fullmatch(r"""(["'])(.*)\1""", word, re.S)
    return unquote(m.group(2)).decode() if m else word


# --- addresses ---------------------------------------------------------------

def show_addr(a):
    """An address as sockrepl prints it."""
    if isinstance(a, tuple):
        host, port = a[0], a[1]
        return ("[%s]:%d" if ":" in host else "%s:%d") % (host, port)
    if isinstance(a, bytes):  # Linux's abstract namespace
        return "@" + a[1:].decode() if a[:1] == b"\0" else a.decode()
    if a == "":
        return "''"
    return a


def addr_value(a):
    """An address as an expectation: ok when it holds an ephemeral port."""
    if isinstance(a, tuple) and a[1] != 0:
        return Ok
    return show_addr(a).replace(TMP, PLACEHOLDER)


def parse_addr(family, words):
    """An address in the socket's family from the front of words; returns it
    and how many words it took."""
    if family == socket.AF_UNIX:
        if not words:
            return "", 0
        w = text(words[0])
        return ("\0" + w[1:] if w.startswith("@") else w), 1
    w = words[0]
    if len(words) > 1 and re.fullmatch(r"-?\d+", words[1]) and not w.endswith("]") and w.count(":") != 1:
        return (w, num(words[1])), 2
    if w.startswith("["):
        host, _, port = w[1:].partition("]:")
        return (host, num(port)), 1
    host, _, port = w.rpartition(":")
    return (host, num(port)), 1


# --- the interpreter ---------------------------------------------------------

class Interp:
    def __init__(self):
        self.handles = []  # sockets and files, handle N at index N-1
        self.names = {}
        self.last_addr = {}  # handle number -> last local address seen

    def handle(self, ref):
        ref = ref[1:] if ref.startswith("#") else ref
        if ref.isdigit():
            return self.handles[int(ref) - 1]
        return self.handles[self.names[ref] - 1]

    def number(self, ref):
        ref = ref[1:] if ref.startswith("#") else ref
        return int(ref) if ref.isdigit() else self.names[ref]

    def ref(self, m):
        sigil, name, field = m.group(1), m.group(2), m.group(3)
        obj = self.handle(name)
        if sigil == "%":
            return str(obj.fileno())
        a = self.last_addr[self.number(name)]
        if field == ".port":
            return str(a[1])
        if field == ".host":
            return a[0]
        return show_addr(a)

    def expand(self, word):
        """$H, $H.port, $H.host and %H, at a word's start or after `=`."""
        if word[:1] in "'\"":
            return word
        return re.sub(r"(?:^|(?<==))([$%])#?(\d+|[A-Za-z_]\w*)(\.port|\.host)?",
                      self.ref, word)

    def new(self, *objs):
        for o in objs:
            self.handles.append(o)
        return len(self.handles) - len(objs) + 1

    def remember(self):
        for i, h in enumerate(self.handles, 1):
            if isinstance(h, socket.socket) and h.fileno() >= 0:
                try:
                    self.last_addr[i] = h.getsockname()
                except OSError:
                    pass

    def run(self, names, words):
        """Runs one statement and returns its primary value."""
        cmd, args = words[0].lower(), [self.expand(w) for w in words[1:]]
        value = getattr(self, "cmd_" + cmd)(*args)
        if isinstance(value, NewHandles):
            for name, n in zip(names, value.nums):
                self.names[name] = n
            value = Ok
        return value

    # Making sockets.
    def cmd_socket(self, *a):
        fileno = [num(w[7:]) for w in a if w.startswith("fileno=")]
        a = [w for w in a if not w.startswith("fileno=")]
        if fileno:  # family, type and proto come from the fd
            return NewHandles(self.new(socket.socket(fileno=fileno[0])))
        family, typ, proto = socket.AF_INET, socket.SOCK_STREAM, 0
        if len(a) > 0:
            family = lookup(FAMILIES, a[0], "af_")
        if len(a) > 1:
            typ = name_flags(a[1], TYPES, "sock_")
        if len(a) > 2:
            proto = lookup(PROTOS, a[2], "ipproto_")
        return NewHandles(self.new(socket.socket(family, typ, proto)))

    def cmd_fromfd(self, fd, family, typ, proto="0"):
        s = socket.fromfd(num(fd), lookup(FAMILIES, family, "af_"),
                          name_flags(typ, TYPES, "sock_"), lookup(PROTOS, proto, "ipproto_"))
        return NewHandles(self.new(s))

    def cmd_socketpair(self, *a):
        family = lookup(FAMILIES, a[0], "af_") if a else socket.AF_UNIX
        typ = name_flags(a[1], TYPES, "sock_") if len(a) > 1 else socket.SOCK_STREAM
        x, y = socket.socketpair(family, typ)
        n = self.new(x, y)
        return NewHandles(n, n + 1)

    def cmd_dup(self, h):
        return NewHandles(self.new(self.handle(h).dup()))

    def cmd_accept(self, h):
        conn, _ = self.handle(h).accept()
        return NewHandles(self.new(conn))

    def cmd_makefile(self, h, mode="r"):
        return NewHandles(self.new(self.handle(h).makefile(text(mode))))

    # Calls on sockets.
    def cmd_bind(self, h, *a):
        s = self.handle(h)
        return s.bind(parse_addr(s.family, a)[0])

    def cmd_listen(self, h, backlog=None):
        s = self.handle(h)
        return s.listen() if backlog is None else s.listen(num(backlog))

    def cmd_connect(self, h, *a):
        s = self.handle(h)
        return s.connect(parse_addr(s.family, a)[0])

    def cmd_connect_ex(self, h, *a):
        s = self.handle(h)
        return s.connect_ex(parse_addr(s.family, a)[0])

    def bufsize_flags(self, a):
        a = list(a)
        n = num(a.pop(0)) if a and re.fullmatch(r"[-+]?\d+", a[0]) else 65536
        return n, (msg_flags(a[0]) if a else 0)

    def cmd_recv(self, h, *a):
        n, flags = self.bufsize_flags(a)
        return past_bufsize(self.handle(h).recv(n, flags), n)

    def cmd_recvfrom(self, h, *a):
        n, flags = self.bufsize_flags(a)
        v, addr = self.handle(h).recvfrom(n, flags)
        return past_bufsize(v, n), addr

    def cmd_send(self, h, d, flags="0"):
        return self.handle(h).send(data(d), msg_flags(flags))

    def cmd_sendall(self, h, d, flags="0"):
        return self.handle(h).sendall(data(d), msg_flags(flags))

    def cmd_sendto(self, h, d, *a):
        s = self.handle(h)
        address, used = parse_addr(s.family, a)
        flags = msg_flags(a[used]) if len(a) > used else 0
        return s.sendto(data(d), flags, address)

    def cmd_shutdown(self, h, how):
        return self.handle(h).shutdown(lookup(SHUT, how, "shut_"))

    def cmd_getsockname(self, h):
        return Address(self.handle(h).getsockname())

    def cmd_getpeername(self, h):
        return Address(self.handle(h).getpeername())

    def option(self, a):
        """[LEVEL] OPT: the level may be left out for a named option."""
        if len(a) == 1:
            name = a[0].upper()
            level = {"SO": socket.SOL_SOCKET, "TCP": socket.IPPROTO_TCP,
                     "IP": socket.IPPROTO_IP, "IPV6": socket.IPPROTO_IPV6}[name.split("_")[0]]
            return level, getattr(socket, name)
        level = lookup(LEVELS, a[0], "sol_")
        return level, (num(a[1]) if a[1].isdigit() else getattr(socket, a[1].upper()))

    def cmd_getsockopt(self, h, *a):
        # LEVEL OPT BUFLEN: the raw bytes.
        buflen = [num(a[2])] if len(a) == 3 else []
        return self.handle(h).getsockopt(*self.option(a[:2]), *buflen)

    def cmd_setsockopt(self, h, *a):
        v = a[-1]
        if v.lower() in BOOLS:
            value = int(BOOLS[v.lower()])
        elif v[:2].lower() in ("b'", 'b"') or v.lower().startswith("hex:"):
            value = data(v)
        else:
            value = num(v)
        return self.handle(h).setsockopt(*self.option(a[:-1]), value)

    def cmd_setblocking(self, h, flag):
        return self.handle(h).setblocking(BOOLS[flag.lower()])

    def cmd_settimeout(self, h, t):
        if t.lower() == "none":
            return self.handle(h).settimeout(None)
        try:
            seconds = float(t)
        except ValueError:
            raise SyntaxError("not a number of seconds: %r" % t) from None
        return self.handle(h).settimeout(seconds)

    def cmd_gettimeout(self, h):
        return self.handle(h).gettimeout()

    def cmd_fileno(self, h):
        return Fd(self.handle(h).fileno())

    def cmd_detach(self, h):
        return Fd(self.handle(h).detach())

    def cmd_close(self, h):
        return self.handle(h).close()

    # Files made by makefile.
    def cmd_read(self, f, n=None):
        f = self.handle(f)
        return f.read() if n is None else f.read(num(n))

    def cmd_readline(self, f):
        return self.handle(f).readline()

    def cmd_write(self, f, d):
        f = self.handle(f)
        b = data(d)
        return f.write(b.decode() if isinstance(f, io.TextIOBase) else b)

    def cmd_flush(self, f):
        return self.handle(f).flush()

    # The system underneath.
    def cmd_unlink(self, path):
        return os.unlink(text(path))


class NewHandles:
    def __init__(self, *nums):
        self.nums = nums


class Address:
    def __init__(self, a):
        self.a = a


class Fd(int):
    """A file descriptor: it depends on the run, except -1."""


def outcome(value):
    """The expectation that says what a call returned."""
    if isinstance(value, tuple):
        value = value[0]
    if value is Ok or isinstance(value, (socket.socket, NewHandles)):
        return "ok"
    if isinstance(value, Address):
        v = addr_value(value.a)
        return "ok" if v is Ok else v
    if isinstance(value, Fd):
        return "-1" if value == -1 else "ok"
    return repr(value)


def failure(e):
    """The expectation that says how a call failed."""
    if isinstance(e, socket.gaierror):
        return "gaierror"
    if isinstance(e, OSError) and e.errno:
        return errno.errorcode.get(e.errno, str(e.errno))
    if isinstance(e, TimeoutError):
        return "timeout"
    cls = type(e)
    if cls.__module__ in ("builtins", "socket", "_socket"):
        return cls.__name__
    return cls.__module__ + "." + cls.__name__  # io.UnsupportedOperation


def split_comment(line):
    """The statements of a line and its trailing comment (`#` outside quotes,
    not followed by a digit)."""
    i = 0
    while i < len(line):
        c = line[i]
        if c in "'\"":
            i = end_quote(line, i)
            continue
        if c == "#" and not line[i + 1:i + 2].isdigit():
            return line[:i], line[i:]
        i += 1
    return line, ""


def split_statements(code):
    out, start, i = [], 0, 0
    while i < len(code):
        if code[i] in "'\"":
            i = end_quote(code, i)
            continue
        if code[i] == ";":
            out.append(code[start:i])
            start = i + 1
        i += 1
    out.append(code[start:])
    return [s.strip() for s in out if s.strip()]


# Errors in the script or in this interpreter, not outcomes of a call.
SCRIPT_ERRORS = (KeyError, IndexError, AttributeError, TypeError, SyntaxError, NameError)


def annotate(interp, stmt):
    """Runs one statement and returns it with `=> OUTCOME`."""
    stmt = re.split(r"\s*=>", stmt, maxsplit=1)[0].strip()  # a stale expectation
    names, body = [], stmt
    m = re.match(r"([A-Za-z_]\w*(?:\s*,\s*[A-Za-z_]\w*)*)\s*=(?!>)\s*(.*)", stmt)
    if m:
        names = [n.strip() for n in m.group(1).split(",")]
        body = m.group(2)
    words = split_words(body.replace(PLACEHOLDER, TMP))
    try:
        result = outcome(interp.run(names, words))
    except TypeError as e:
        # setsockopt with an int that is no C int tries it as bytes: an
        # outcome of the call, not a fault of the script.
        if "a bytes-like object is required, not 'int'" not in str(e):
            raise SystemExit("pyref: cannot run %r: %r" % (stmt, e)) from e
        result = "TypeError"
    except SCRIPT_ERRORS as e:
        raise SystemExit("pyref: cannot run %r: %r" % (stmt, e)) from e
    except Exception as e:  # pylint: disable=broad-except
        result = failure(e)
    interp.remember()
    return "%s => %s" % (stmt, result)


def main():
    global TMP
    if len(sys.argv) != 2:
        sys.exit("usage: pyref.py FILE")
    own = "PYREF_TMP" not in os.environ
    TMP = tempfile.mkdtemp(prefix="pyref") if own else os.environ["PYREF_TMP"]
    interp = Interp()
    out = []
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            for line in f.read().splitlines():
                code, comment = split_comment(line)
                stmts = split_statements(code)
                if not stmts:
                    out.append(line)
                    continue
                done = "; ".join(annotate(interp, s) for s in stmts)
                out.append(done + ("  " + comment if comment else ""))
    finally:
        if own:
            shutil.rmtree(TMP, ignore_errors=True)
    sys.stdout.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
