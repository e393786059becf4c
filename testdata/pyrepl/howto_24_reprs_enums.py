# holds for python3 >=3.11: 3.10 writes family and type by name in a socket's repr
import socket
s = socket.socket()
s
s.bind(('127.0.0.1', 0))
s.listen()
c = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM)
c
c.bind(('::1', 0))
c.getsockname()[0]
u = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
u
u.family
u.type
s.type
s.proto
s.timeout
s.settimeout(3)
s.timeout
s.type
n = socket.socket(socket.AF_INET, socket.SOCK_STREAM | socket.SOCK_NONBLOCK)
n.type
n.gettimeout()
n.close()
print(s.family, s.type)
str(s.family)
int(s.family)
s.family.name
s.family.value
socket.AddressFamily.AF_INET
socket.AF_INET == 2
socket.SOCK_DGRAM in (1, 2)
[f for f in (socket.AF_INET, socket.AF_INET6)]
s.close()
c.close()
u.close()
socket.AddressFamily
socket.AddressFamily(2)
socket.SocketKind.SOCK_DGRAM
socket.MsgFlag(66)
socket.AddressFamily(2000)
(socket.MSG_PEEK|socket.MSG_OOB).name
socket.MsgFlag(0).name
socket.AF_UNIX.name, socket.SOCK_STREAM.value
