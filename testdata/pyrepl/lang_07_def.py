def send_all(data, chunk=4):
    out = []
    while data:
        out.append(data[:chunk])
        data = data[chunk:]
    return out

send_all(b'0123456789')
send_all(b'abc', chunk=1)
