import socket
s = socket.socket()
s.bind(('127.0.0.1', 0))
t = socket.socket()
t.bind(s.getsockname())
s.listen()
c = socket.socket()
c.connect(('127.0.0.1', 1))
s.close()
s.recv(10)
s.fileno()
try:
    c.connect(('127.0.0.1', 1))
except OSError as e:
    print(type(e).__name__, e.errno)

t.close(); c.close()
