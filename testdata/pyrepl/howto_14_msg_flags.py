import socket
a, b = socket.socketpair()
a.sendall(b'peek at me')
b.recv(4, socket.MSG_PEEK)
b.recv(100)
socket.MSG_PEEK
b.setblocking(False)
b.recv(1, socket.MSG_DONTWAIT)
a.close(); b.close()
