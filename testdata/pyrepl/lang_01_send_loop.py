buffer = 'Hello world\n'
buffer = buffer.encode()
sent = []
while buffer:
    bytes = min(len(buffer), 5)
    sent.append(buffer[:bytes])
    buffer = buffer[bytes:]

sent
buffer
