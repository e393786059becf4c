import socket
srv = socket.socket()
srv.bind(('127.0.0.1', 0))
srv.listen()
srv.settimeout(0.05)
srv.accept()
try:
    srv.accept()
except socket.timeout as e:
    print('timeout:', e)

try:
    srv.accept()
except TimeoutError:
    print('TimeoutError too')

srv.close()
