import socket
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
srv.listen(1)
cli = socket.create_connection(srv.getsockname())
conn, addr = srv.accept()
for msg in [b'one', b'two', b'three']:
    cli.sendall(msg + b'\n')

cli.shutdown(socket.SHUT_WR)
received = b''
while True:
    data = conn.recv(4)
    if not data:
        break
    received += data

received
received.split(b'\n')
conn.close(); cli.close(); srv.close()
