try:
    raise OSError(111, 'Connection refused')
except OSError as e:
    print(e.errno, e.strerror)
    print(e)

try:
    1/0
except ZeroDivisionError as e:
    print('caught', e)
finally:
    print('done')

