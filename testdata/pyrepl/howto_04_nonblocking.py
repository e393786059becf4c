import socket
a, b = socket.socketpair()
b.setblocking(False)
try:
    b.recv(1024)
except BlockingIOError as e:
    print('nothing yet:', e.errno, e.strerror)

a.send(b'now')
try:
    data = b.recv(1024)
except BlockingIOError:
    data = None

data
isinstance(BlockingIOError(11, 'x'), OSError)
a.close(); b.close()
