import socket
a, b = socket.socketpair()
b.settimeout(0.05)
try:
    b.recv(10)
except socket.timeout:
    print('timed out, as asked')

a.send(b'late')
b.recv(10)
b.settimeout(-1)
a.close(); b.close()
