import socket
with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
    s.bind(('127.0.0.1', 0))
    s.listen()
    print(s.getsockname()[0])

s.fileno()
s.listen()
