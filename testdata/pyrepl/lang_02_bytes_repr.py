b'Hello world\n'
b'\x00\xff\t\r"\''
'it\'s'
"a\"b"
b'ab' * 3
b'x' + b'y'
len(b'hello')
