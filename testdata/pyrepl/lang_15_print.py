print('a', 'b', sep='-', end='!\n')
print(b'bytes', 1, None)
print()
x = print('x')
x
