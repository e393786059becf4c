range(10)[2:5]
range(10)[::-1]
range(0,10,3)[1:]
range(10)[5:2]
list(range(10)[::-3])
range(10)[-2:]
range(-5, 5, 2)[1::2]
len(range(10**12)[::7])
range(10)[2:5][1]
range(10)[::0]
range(10)["a":]
r = range(3, 30, 4)
r[1:4] == range(7, 19, 4)
r[-1], r[::-1][0]
