import socket
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
srv.listen()
c = socket.socket()
c.setblocking(False)
try:
    c.connect(srv.getsockname())
except BlockingIOError as e:
    print('in progress', e.errno)

conn, addr = srv.accept()
c.getpeername() == srv.getsockname()
c.close(); conn.close(); srv.close()
