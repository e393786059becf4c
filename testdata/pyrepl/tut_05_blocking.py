import socket
a, b = socket.socketpair()
a.gettimeout()
a.setblocking(False)
a.gettimeout()
a.recv(10)
a.settimeout(0.05)
a.gettimeout()
a.recv(10)
a.settimeout(None)
a.gettimeout()
a.setblocking(True)
a.timeout
a.close(); b.close()
