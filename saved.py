# Python program saved from a sockrepl session
import os
import socket

[python3>=3.11.7] exec python3 saved.py
[python3>=3.11.7] cmp stdout py.out
[python3>=3.11.7] ! stderr .
[!exec:cc] skip 'no C compiler (cc): scripts/install-test-deps installs gcc'
-- session.sock --
u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(('127.0.0.1', 0))
print(u.sendto(b'pong', ('127.0.0.1', u.getsockname()[1])))
print(u.sendto(b'pong', ('127.0.0.1', u.getsockname()[1])))
print(u.sendto(b'pong', u.getsockname()))
print(u.sendto(b'pong', (u.getsockname()[0], u.getsockname()[1])))
print(u.sendto(b'pong', (("127.0.0.1", u.getsockname()[1]))))
print(u.sendto(b'pong', ("127.0.0.1", u.getsockname()[1])))
print(u.sendto(b'pong', (u.getsockname())))
try:
    u.sendto(b'pong', ('127.0.0.1', 99999))
except OverflowError as e:
    print(f'{type(e).__name__}: {e}')
else:
    raise SystemExit("expected OverflowError: u.sendto(b'pong', ('127.0.0.1', 99999))")
try:
    u.sendto(b'pong', ('127.0.0.1', 99999))
except OverflowError as e:
    print(f'{type(e).__name__}: {e}')
else:
    raise SystemExit("expected OverflowError: u.sendto(b'pong', ('127.0.0.1', 99999))")
try:
    u.sendto(b'pong', ('127.0.0.1', -1))
except OverflowError as e:
    print(f'{type(e).__name__}: {e}')
else:
    raise SystemExit("expected OverflowError: u.sendto(b'pong', ('127.0.0.1', -1))")
try:
    u.sendto(b'pong', ('127.0.0.1', 'x'))
except TypeError as e:
    print(f'{type(e).__name__}: {e}')
else:
    raise SystemExit("expected TypeError: u.sendto(b'pong', ('127.0.0.1', 'x'))")
v = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
v.bind(('::1', 0, 0, 0))
print(v.sendto(b'hi', ('::1', v.getsockname()[1])))
try:
    v.settimeout(float('nan'))
except ValueError as e:
    print(f'{type(e).__name__}: {e}')
else:
    raise SystemExit("expected ValueError: v.settimeout(float('nan'))")
