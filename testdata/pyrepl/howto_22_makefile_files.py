# holds for python3 >=3.11: 3.10 writes family and type by name in a closed socket's repr
import socket
a, b = socket.socketpair()
for m in ['r','w','rw','rb','wb','rwb']:
    f = a.makefile(m)
    print(m, type(f).__name__, getattr(f,'mode','NO'), getattr(f,'name','NO'))

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(('127.0.0.1', 0))
srv.listen(5)
port = srv.getsockname()[1]
c = socket.create_connection(('127.0.0.1', port), timeout=2)
conn, addr = srv.accept()
addr[0]
f = conn.makefile('rwb')
c.sendall(b'line one\nline two\n')
f.readline()
f.readline()
w = conn.makefile('w')
w.write('hello\n')
w.flush()
c.recv(100)
f.mode
w.mode
f.name
c.getpeername()[0]
conn.shutdown(socket.SHUT_WR)
c.recv(10)
c.recv(10)
c.close()
conn.close()
srv.close()
srv
e = None
try:
    socket.create_connection(('127.0.0.1', port), timeout=1)
except ConnectionRefusedError as err:
    e = err

e.errno, e.strerror
isinstance(e, OSError)
e.args
str(e)
