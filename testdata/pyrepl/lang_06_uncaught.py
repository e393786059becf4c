1/0
b'a' + 'b'
print(x)
int('z')
[][1]
{}['k']
