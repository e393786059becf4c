# A name that was never bound, typed alone, is Python's NameError once
# Python is in use: the tutorial's conn after an accept that Ctrl-C ended,
# or a socket whose creation failed.
import socket
conn
addr
s = socket.socket()
s
del s
s
data = b'x'
data
