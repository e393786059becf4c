import socket
srv = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
srv.bind(('127.0.0.1', 0))
addr = srv.getsockname()
cli = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
cli.sendto(b'ping', addr)
data, peer = srv.recvfrom(1024)
peer == cli.getsockname()
peer[0]
srv.sendto(data.upper(), peer)
cli.recvfrom(1024)[0]
cli.close()
srv.close()
