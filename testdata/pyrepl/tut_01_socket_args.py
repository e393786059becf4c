# holds for python3 >=3.11: 3.10 writes family and type as numbers in a socket's repr
import socket
s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
s.family
s.type
s.proto
s.gettimeout()
s
u = socket.socket(family=socket.AF_INET, type=socket.SOCK_DGRAM, proto=0)
u.type
socket.AF_INET, socket.AF_INET6, socket.AF_UNIX
socket.SOCK_STREAM, socket.SOCK_DGRAM, socket.SOCK_RAW
print(socket.AF_INET, socket.SOCK_STREAM)
s.close()
s
s.fileno()
u.close()
