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
ab = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ab.bind('\0sockrepl-pyrepl-at-path-abstract')
ab.getsockname()
ab
a, b = socket.socketpair()
a
a.close(); b.close(); ab.close(); c.close(); s.close()
