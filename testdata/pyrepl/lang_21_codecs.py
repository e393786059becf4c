# holds for python3 >=3.11.7: 3.10 and 3.11.2 call a bad \N{...} escape "incomplete input"
def dec(data, encoding, errors='strict'):
    try:
        return data.decode(encoding, errors)
    except UnicodeDecodeError as e:
        return 'UnicodeDecodeError: ' + str(e)
    except LookupError as e:
        return 'LookupError: ' + str(e)
    except TypeError as e:
        return 'TypeError: ' + str(e)

def enc(text, encoding, errors='strict'):
    try:
        return text.encode(encoding, errors)
    except UnicodeEncodeError as e:
        return 'UnicodeEncodeError: ' + str(e)
    except LookupError as e:
        return 'LookupError: ' + str(e)

codecs = ['utf-8', 'ascii', 'latin-1']
handlers = ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape', 'xmlcharrefreplace', 'bogus']
samples = [b'', b'abc', b'\xff', b'a\xffb', b'\xff\xfe', b'\xc3\xa9', b'\xc3', b'\xc3x', b'\xe2\x82', b'\xe2\x82x', b'\xe2\x82\xac', b'\xed\xa0\x80', b'\xed\xb3\xbf', b'\xf0\x9f\x98', b'\xf0\x9f\x98\x80', b'\xf4\x90\x80\x80', b'\xc0\x80', b'\xc1\xbf', b'\xf5', b'\x80\x80', b'\xe0\x80\x80', b'x\xf0\x9f', b'\xf0\x9fa\xf0']
for c in codecs:
    for h in handlers:
        if c != 'ascii' or h != 'surrogateescape':
            print(c, h, [dec(s, c, h) for s in samples])

[dec(s, 'ascii', 'surrogateescape') for s in [b'', b'abc', b'\xff', b'a\xffb', b'\xff\xfe', b'\xc3', b'\xc3x', b'\x80\x80']]

texts = ['', 'abc', 'é', 'ééé', 'aéb€c', '€', '😀', 'ÿ', 'ā', 'a\udcffb', '\udc80\udcff', 'a\udcffé\udc80', 'aé\udcff\udc80', 'x😀y😀']
for c in codecs:
    for h in handlers + ['surrogatepass']:
        print(c, h, [enc(t, c, h) for t in texts])

[dec(bytes([b]), 'utf-8') for b in range(256)]
[dec(bytes([b]), 'utf-8', 'replace') for b in range(256)]
[dec(bytes([b]), 'utf-8', 'surrogateescape') for b in range(256)]
[dec(bytes([b]), 'ascii', 'backslashreplace') for b in range(256)]
[bytes([b]).decode('latin-1') for b in range(256)]
[dec(bytes([b, 0x80]), 'utf-8') for b in range(0xc0, 0x100)]
[dec(bytes([b, 0x80, 0x80]), 'utf-8') for b in range(0xe0, 0xf0)]
[dec(bytes([b, 0x90, 0x80, 0x80]), 'utf-8') for b in range(0xf0, 0xf8)]
[dec(bytes([0xe0, b]), 'utf-8') for b in range(0x78, 0xc8, 8)]
[dec(bytes([0xed, b, 0x80]), 'utf-8', 'replace') for b in range(0x78, 0xc8, 8)]
[dec(bytes([0xf4, b, 0x80, 0x80]), 'utf-8', 'replace') for b in range(0x78, 0xc8, 8)]
''.join(chr(c) for c in range(256)).encode('latin-1') == bytes(range(256))
bytes(range(256)).decode('utf-8', 'surrogateescape').encode('utf-8', 'surrogateescape') == bytes(range(256))
bytes(range(256)).decode('ascii', 'surrogateescape').encode('ascii', 'surrogateescape') == bytes(range(256))
len(bytes(range(256)).decode('utf-8', 'surrogateescape'))

names = ['UTF-8', 'utf_8', 'U8', 'utf', 'utf8', 'cp65001', 'Latin 1', 'latin.1', 'L1', 'iso-8859-1', 'ISO8859_1', '8859', '646', 'US-ASCII', 'ansi_x3.4_1968', 'ANSI-X3.4-1968', ' ascii ', 'utf--8', 'no-such-codec', '']
[dec(b'\xe9', n) for n in names]
[enc('é', n) for n in names]
b''.decode('no-such-codec')
b'x'.decode('no-such-codec')
''.encode('no-such-codec')
b'\xff'.decode('ascii', 'ignore')
b'\xff'.decode()
b'a\xffb'.decode('utf-8', 'replace')
'é'.encode('ascii')
'ééé'.encode('ascii')
'aé€b'.encode('latin-1')
b'\xed\xb3\xbf'.decode('utf-8', 'surrogatepass')
'é'.encode('ascii', 1)
'é'.encode(None)
b'x'.decode('ascii', None)
b'x'.decode(errors=3)
str(b'\xff', errors='ignore')
str(b'\xff', 'latin-1')
str(b'a\xff', 'ascii', 'replace')
bytes('é', 'ascii', 'xmlcharrefreplace')
bytes('é€', 'latin-1', 'backslashreplace')
b'\xff'.decode('utf-8', 'xmlcharrefreplace')
'\udcff'.encode()
chr(0xdcff)
'\udc80' == chr(0xdc80)
s = b'a\xff\xfeb'.decode('utf-8', 'surrogateescape')
s
len(s)
ord(s[1])
list(s)
s[1:3]
[ord(c) for c in s]
s.upper()
s.lower()
s.title()
s.capitalize()
'\udcffab'.capitalize()
s.find('b')
s[::-1]
'%r' % s
f'{s!r}'
str([s])
'%c' % 0xdcff
'{:c}'.format(0xdcff)
'{:.2}'.format(s)
s.encode('utf-8', 'surrogateescape')
s.encode('latin-1', 'surrogateescape')
s.encode('ascii', 'backslashreplace')
s.encode('utf-8', 'xmlcharrefreplace')

try:
    b'a\xff'.decode()
except UnicodeDecodeError as e:
    err = e

err
err.args
str(err)
err.reason
err.start, err.end
err.encoding
err.object
isinstance(err, ValueError)
try:
    'aéé€b'.encode('ascii')
except UnicodeEncodeError as e:
    err = e

err
str(err)
err.object, err.start, err.end, err.reason
UnicodeDecodeError('ascii', b'xyz', 1, 3, 'bad')
str(UnicodeDecodeError('ascii', b'xyz', 1, 2, 'bad'))
str(UnicodeDecodeError('ascii', b'xyz', 5, 6, 'bad'))
str(UnicodeEncodeError('latin-1', 'x\U0001f600', 1, 2, 'no'))
raise UnicodeDecodeError('x', b'\x80', 0, 1, 'why')
raise UnicodeError('plain')

'%c' % 0x110000
'{:c}'.format(0x110000)
'%c' % -1
'{:c}'.format(-1)
'%c' % 0xe9
'{:c}'.format(0x1f600)
'{:>3c}'.format(65)
'%c' % 0xdcff
'\U00110000'
'\U0010ffff'
chr(0x10ffff)
chr(0x110000)
chr(-1)
'\udcff\udc80'
b'\xed\xb3\xbfa\xed\xb2\x80'.decode('utf-8','surrogatepass')
b'\xed\xb3'.decode('utf-8','surrogatepass')
