import socket
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
srv.listen(5)
srv.getsockname()
cli = socket.socket()
cli.connect(srv.getsockname())
conn, addr = srv.accept()
addr == cli.getsockname()
conn.getpeername() == cli.getsockname()
conn.family
for s in (conn, cli, srv):
    s.close()

