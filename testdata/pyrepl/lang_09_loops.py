for i in range(3):
    if i == 1:
        continue
    print(i)

n = 0
while True:
    n += 1
    if n > 3:
        break

n
