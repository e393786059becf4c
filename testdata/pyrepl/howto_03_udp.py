import socket
server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(('127.0.0.1', 0))
client = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
client.sendto(b'ping', server.getsockname())
data, address = server.recvfrom(1024)
data
address == client.getsockname()
server.sendto(data.upper(), address)
client.recvfrom(1024)[0]
client.close(); server.close()
