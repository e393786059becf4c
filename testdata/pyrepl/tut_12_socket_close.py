# The tutorial: fileno= gives back the same socket, not a copy, "which may
# help close a detached socket with socket.close()": socket.close(fd)
# closes a descriptor, once.
import socket
s = socket.socket()
s.bind(('127.0.0.1', 0))
fd = s.detach()
s
socket.close(fd)
socket.close(fd)
socket.close(-1)
socket.close('3')
socket.close()
t = socket.socket()
fd = t.detach()
u = socket.socket(fileno=fd)
u.getsockname()
u.close()
socket.close(fd)
socket.close
