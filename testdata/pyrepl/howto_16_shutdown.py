import socket
a, b = socket.socketpair()
a.shutdown(socket.SHUT_WR)
b.recv(10)
a.send(b'x')
b.send(b'still works')
a.recv(100)
a.close(); b.close()
