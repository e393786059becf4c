import socket
a, b = socket.socketpair()
a.send(b'hello')
b.recv(1024)
a.sendall(b'hello world\n')
b.recv(5)
b.recv(100)
a.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
a.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR)
a.getsockopt(socket.SOL_SOCKET, socket.SO_TYPE)
a.family
a.close()
b.recv(10)
b.close()
