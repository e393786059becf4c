import socket
from socket import *
AF_INET
SOCK_DGRAM
socket.SOL_SOCKET, socket.SO_REUSEADDR, socket.SO_RCVBUF
IPPROTO_TCP, IPPROTO_UDP
SHUT_RDWR
AF_INET == 2
int(SOCK_STREAM)
