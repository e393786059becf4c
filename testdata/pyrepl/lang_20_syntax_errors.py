# holds for python3 >=3.11.7: 3.10 and 3.11.2 call some finished bad lines "incomplete input"
def f(:
x = = 1
print 'hi'
