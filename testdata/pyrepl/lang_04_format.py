'%s:%d' % ('127.0.0.1', 8080)
host, port = '127.0.0.1', 8080
'{}:{}'.format(host, port)
f'{host}:{port}'
print(f"Connected by {(host, port)}")
print('Received', repr(b'hi'))
