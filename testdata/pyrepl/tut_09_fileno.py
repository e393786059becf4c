import socket
s = socket.socket()
fd = s.fileno()
fd > 2
s2 = socket.socket(fileno=fd)
s2.family
s3 = socket.fromfd(fd, socket.AF_INET, socket.SOCK_STREAM)
s3.fileno() != fd
s3.close()
s2.detach() == fd
s.close()
