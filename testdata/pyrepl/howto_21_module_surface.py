# holds for python3 >=3.11: 3.10 names a flag's members highest bit first
import socket
socket.error is OSError
socket.timeout is TimeoutError
socket.herror
socket.SO_REUSEADDR
socket.SOL_SOCKET
socket.IPPROTO_TCP
socket.TCP_NODELAY
socket.MSG_PEEK
socket.MSG_PEEK | socket.MSG_DONTWAIT
socket.SHUT_RDWR
socket.INADDR_ANY
socket.SOMAXCONN
socket.has_ipv6
a, b = socket.socketpair()
a.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, True)
a.getsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE)
a.getsockopt(socket.SOL_SOCKET, socket.SO_LINGER, 8)
a.settimeout(2)
a.type
a.gettimeout()
a.getblocking()
b.setblocking(False)
a.gettimeout()
try:
    b.recv(1)
except BlockingIOError as e:
    print(e.errno, e.strerror, repr(e))

a.setblocking(True)
try:
    b.recv(1)
except OSError as e:
    print(type(e).__name__, e.errno, e.args)

a.send(b'hey')
b.recv(10)
a.close()
b.recv(10)
b.close()
str(a)
a.fileno()
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.settimeout(0.2)
s.connect_ex(('127.0.0.1', 1))
s.close()
with socket.socket() as t:
    t.bind(('127.0.0.1', 0))
    t.listen()
    print(t.getsockname()[0])

t
a2, b2 = socket.socketpair()
a2.getblocking()
a2.settimeout(1.5)
a2.getblocking()
a2.setblocking(False)
a2.getblocking()
a2.getblocking(1)
socket.htonl(socket.INADDR_LOOPBACK)
a2.close()
b2.close()
socket.MSG_PEEK | socket.MSG_DONTWAIT
socket.MSG_PEEK | 1
1 | socket.MSG_PEEK
socket.MSG_PEEK & 0
socket.MSG_PEEK & socket.MSG_PEEK
socket.MSG_PEEK ^ socket.MSG_PEEK
socket.MSG_PEEK | 0x10000000
socket.SOCK_STREAM | socket.SOCK_NONBLOCK
socket.AF_INET | 1
str(socket.MSG_PEEK|socket.MSG_OOB)
socket.MSG_PEEK + 1
socket.MSG_PEEK * 2
socket.MSG_PEEK | True
