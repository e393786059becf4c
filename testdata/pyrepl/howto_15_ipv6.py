import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
s.bind(('::1', 0))
s.listen()
s.family
c = socket.socket(socket.AF_INET6)
c.connect(s.getsockname()[:2])
conn, addr = s.accept()
addr[0]
len(addr)
c.close(); conn.close(); s.close()
