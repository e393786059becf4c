import socket
path = b'\x00sockrepl-pyrepl-unix-11'
srv = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
srv.bind(path)
srv.listen()
srv.getsockname()
cli = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
cli.connect(path)
conn, addr = srv.accept()
cli.sendall(b'over unix')
conn.recv(100)
cli.getpeername()
cli.close(); conn.close(); srv.close()
