import socket
a, b = socket.socketpair()
def recv_exact(sock, n):
    buf = b''
    while len(buf) < n:
        chunk = sock.recv(n - len(buf))
        if chunk == b'':
            raise RuntimeError('socket connection broken')
        buf += chunk
    return buf

a.sendall(b'abcdefghij')
recv_exact(b, 4)
recv_exact(b, 6)
a.close()
recv_exact(b, 1)
b.close()
