import socket
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
port = srv.getsockname()[1]
c = socket.socket()
c.connect_ex(('127.0.0.1', port))
srv.listen()
c2 = socket.socket()
c2.connect_ex(('127.0.0.1', port))
c3 = socket.socket()
c3.connect(('127.0.0.1', port))
c3.getpeername() == ('127.0.0.1', port)
c.close(); c2.close(); c3.close(); srv.close()
