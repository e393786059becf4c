for m in ['isalnum', 'isalpha', 'isdigit', 'isspace', 'islower', 'isupper']:
    print(m, [hex(c) for c in range(0x1000) if getattr(chr(c), m)()])

for m in ['isalnum', 'isalpha', 'isdigit', 'isspace', 'islower', 'isupper']:
    print(m, [hex(c) for c in range(0xa000, 0xa7f0) if getattr(chr(c), m)()])

for m in ['isalnum', 'isalpha', 'isdigit', 'isspace', 'islower', 'isupper']:
    print(m, bytes(b for b in range(256) if getattr(bytes([b]), m)()))

for m in ['isalnum', 'isalpha', 'isdigit', 'isspace', 'islower', 'isupper']:
    print(m, [getattr(s, m)() for s in ['', 'a', 'A', 'aA', 'ǅ', 'aǅ', 'a1', 'A1', '1', ' ', 'a b', 'ª', 'Ⅷ', 'ⅷ', '²', '½', '٣', '\udcff', 'a\udcff']])

for m in ['isalnum', 'isalpha', 'isdigit', 'isspace', 'islower', 'isupper']:
    print(m, [getattr(s, m)() for s in [b'', b'a', b'A', b'aA', b'a1', b'1', b' \x1c', b'\t\n\x0b\x0c\r ', b'\xc3\xa9', b'a\xc3\xa9', b'\xb2']])

for m in ['upper', 'lower', 'title', 'capitalize']:
    print(m, getattr(bytes(range(0x40, 0x100)), m)())

for m in ['upper', 'lower', 'title', 'capitalize']:
    print(m, [getattr(s, m)() for s in [b'', b'hello world', b'HELLO wORLD', b'\xc3\xa9t\xc3\xa9 ok', b'a1b2 c3', b"it's", b'\xe9a']])

for m in ['upper', 'lower', 'title', 'capitalize']:
    print(m, [getattr(s, m)() for s in ['', 'hello world', 'HELLO wORLD', 'été ok', 'a1b2 c3', "it's", 'ǆa']])

b'ab'.title(1)
b'ab'.isspace(1)

[s.title() for s in ['一a', 'a一b', 'ǆǆ', 'ªa', 'ab ǅx', "they're bill's", '1st 2nd', 'x\u0301y', 'ΑΒΓ δ', 'é\udcffé', 'Ⅷa', 'ⅷa']]
[s.capitalize() for s in ['一a', 'ǆǆ', 'ªA', 'ǅX', 'éÉ', '\udcffA', 'ⅷA']]
[s.title() for s in [b'a1b', b'\xe9a', b"it's", b'x y']]
