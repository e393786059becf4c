# holds for python3 >=3.11: 3.10 writes family and type as numbers in a socket's repr
import socket
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind('@sockrepl-at')
s.getsockname()
s
c = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
c.sendto(b'hi', '@sockrepl-at')
s.recvfrom(10)
c.bind(b'@sockrepl-at-2')
c.sendto(b'yo', '@sockrepl-at')
s.recvfrom(10)
c.connect('@sockrepl-at')
c
c.getpeername()
a, b = socket.socketpair()
a
a.close(); b.close(); c.close(); s.close()
