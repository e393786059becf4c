# holds for python3 <3.13: 3.13 says "argument 1 must be str"
import socket
socket.inet_aton('127.0.0.1')
socket.inet_aton('127.1')
socket.inet_aton('0x7f.0.0.1')
socket.inet_aton('1.2.3')
socket.inet_aton('256.1.1.1')
socket.inet_aton('')
socket.inet_aton(7)
socket.inet_aton('10.0.0.1')[0]
