None
True and False
not b''
b'' or b'default'
1 if b'x' else 2
isinstance(b'x', bytes)
type(b'x')
type('x').__name__
