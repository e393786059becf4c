import socket
sock, peer = socket.socketpair()
sock.sendall('Hello world\n')
sock.sendall(b'Hello world\n')
peer.recv(100)
buffer = 'Hello world\n'
buffer = buffer.encode()
while buffer:
    bytes = sock.send(buffer)
    buffer = buffer[bytes:]

peer.recv(100)
buffer
sock.close(); peer.close()
