issubclass(ConnectionRefusedError, OSError)
issubclass(BlockingIOError, OSError)
issubclass(TimeoutError, OSError)
e = ConnectionRefusedError(111, 'Connection refused')
e
str(e)
e.errno
raise e
