# holds for python3 >=3.11: the predicates follow each version's Unicode database
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

[s.upper() for s in ['ß', 'straße', 'ŉ', 'ǰ', 'ﬀ', 'ﬁx', 'ΐ', 'և', 'ẞ', 'İ', 'a\udcffb']]
[s.lower() for s in ['İ', 'ΑΣ', 'ΑΣ Β', 'Σ', 'ΑΣ.', "ΑΣ'Α", 'ΑΣΑ', 'Α\u0301Σ', 'ΑΣ\u0301', 'ΣΑ', 'a\udcffB', 'ẞ']]
[s.title() for s in ['ß', 'ﬁx', 'straße ok', 'ǆǆ', 'ΑΣ ΒΣ', 'ŉa', "o'neill", 'a\udcffb']]
[s.capitalize() for s in ['ß', 'ﬁX', 'ΑΣ', 'ǆǆ', 'İİ', '\udcffA', 'ŉA']]
''.join(chr(c) for c in range(0x80, 0x250)).upper()
''.join(chr(c) for c in range(0x80, 0x250)).lower()
''.join(chr(c) for c in range(0x80, 0x250)).title()
''.join(chr(c) for c in range(0x370, 0x500)).upper()
''.join(chr(c) for c in range(0x370, 0x500)).lower()
''.join(chr(c) for c in range(0x1e00, 0x2000)).upper()
''.join(chr(c) for c in range(0x1e00, 0x2000)).title()
''.join(chr(c) for c in range(0xfb00, 0xfb20)).upper()
''.join(chr(c) for c in range(0xfb00, 0xfb20)).title()
[s.upper() for s in [b'stra\xc3\x9fe', b'abc xyz']]
[s.title() for s in [b'hello wORLD', b'a1b \xe9c']]
[s.capitalize() for s in [b'hELLO', b'\xe9A', b'']]
