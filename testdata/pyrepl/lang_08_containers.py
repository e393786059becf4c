[x * 2 for x in range(4)]
{'a': 1, 'b': [1, 2]}
(1,)
()
(1, 'a', b'b', None, True, 2.5)
d = {}
d['k'] = b'v'
d
list(range(3))
