# A method named without its parentheses is not called: Python shows what
# it is, and so must sockrepl (the tutorial's table writes s.bind(), s.close()).
import socket
s = socket.socket()
s.bind
s.close
s.makefile
s.accept
s.recv
socket.socketpair
socket.fromfd
socket.gethostname
a, b = socket.socketpair()
f = a.makefile('rwb')
f
type(f)
f.read
r = a.makefile('rb')
type(r)
r.readline
t = a.makefile('r')
type(t)
t.readline
w = a.makefile('wb')
type(w)
'abc'.upper
b'abc'.decode
[1].append
print
def handle(conn):
    return conn.recv(1024)

handle
lambda x: x
object()
s.close()
s.close
f.close(); r.close(); t.close(); w.close(); a.close(); b.close()
