s = 'héllo wörld, 日本語テキスト 😀!'
s[::2]
s[::-1]
s[20:3:-3]
s[-3::-2]
s[1:100:7]
s[::-1][::-1] == s
'a€b😀c'[::-2]
b'caf\xc3\xa9'.decode('utf-8', 'surrogateescape')[::-1].encode('utf-8', 'surrogateescape')
''.join(reversed(s)) == s[::-1]
