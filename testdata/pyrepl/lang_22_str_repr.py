# holds for python3 >=3.11 <3.13: what repr escapes follows each version's Unicode database
''.join(chr(c) for c in range(0x2000, 0x2100))
''.join(map(chr, range(0x80, 0x250)))
''.join(map(chr, range(0x370, 0x500)))
''.join(map(chr, range(0x3000, 0x3040)))
''.join(map(chr, range(0xe000, 0xe010)))
''.join(map(chr, range(0xfe00, 0x10000)))
''.join(map(chr, range(0x1f600, 0x1f650)))
''.join(map(chr, range(0xe0000, 0xe0080)))
''.join(map(chr, range(0xf0000, 0xf0004))) + chr(0x10fffd) + chr(0x10ffff)
[hex(c) for c in range(0xc00) if len(repr(chr(c))) > 3]
[hex(c) for c in range(0x2000, 0x3100) if len(repr(chr(c))) > 3]
[hex(c) for c in range(0xa000, 0x10000) if not 0xd800 <= c < 0xe000 and len(repr(chr(c))) > 3]
'a\u00a0b\u200bc\u2028d\u2029e\u3000f\ufeffg\ue000h\U0001f600i\U000e0001j\ufffd'
['\x00', '\x1f', ' ', '~', '\x7f', '\x80', '\x9f', '\xa0', '\xad', '\xff', '\u0100']
[repr(chr(c)) for c in [0x0, 0x9, 0xa, 0xd, 0x1b, 0x20, 0x85, 0xa0, 0x2007, 0x202f, 0x205f, 0x3000]]
'\udc80\udcff' + 'x'
['\udcff']
"it's"
'say "hi"'
'both \' and "'
ascii('é')
ascii(['é', b'\xe9', 'x\u2028', '😀', {'ü': 'ß'}])
ascii('plain')
ascii(1.5)
print(ascii('\udcff€'))
ascii(b'a\xffb'.decode('utf-8', 'surrogateescape'))
ascii('ǅ\x00\n')
