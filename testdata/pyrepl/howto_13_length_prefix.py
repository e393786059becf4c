import socket
a, b = socket.socketpair()
msg = 'héllo'.encode('utf-8')
header = b'%04d' % len(msg)
a.sendall(header + msg)
n = int(b.recv(4))
n
b.recv(n).decode('utf-8')
a.close(); b.close()
