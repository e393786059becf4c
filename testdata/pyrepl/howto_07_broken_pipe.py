import socket
a, b = socket.socketpair()
b.close()
a.send(b'x')
try:
    a.send(b'x')
except ConnectionError as e:
    print('connection error:', type(e).__name__)

a.recv(10)
a.close()
