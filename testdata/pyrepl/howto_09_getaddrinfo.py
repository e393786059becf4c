import socket
socket.getaddrinfo('127.0.0.1', 80, socket.AF_INET, socket.SOCK_STREAM)
info = socket.getaddrinfo('localhost', 8080, socket.AF_INET, socket.SOCK_DGRAM)
family, type, proto, canonname, sockaddr = info[0]
family, type, proto, canonname, sockaddr
try:
    socket.getaddrinfo('no.such.host.invalid', 80)
except socket.gaierror as e:
    print('gaierror')

