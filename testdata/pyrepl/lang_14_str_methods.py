'a b c'.split()
'-'.join(['a', 'b'])
'abc'.startswith('a')
'hello world'.replace('world', 'there')
'abc'[::-1]
'abc'.find('c')
b'GET / HTTP/1.0\r\n\r\n'.split(b'\r\n')
str(b'x')
