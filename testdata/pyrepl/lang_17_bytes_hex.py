b'hi'.hex()
bytes.fromhex('6869')
bytes([104, 105])
list(b'hi')
b'hi'[0]
