#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

/* A call that waited longer than its socket's timeout gives TIMED_OUT,
   as Python raises TimeoutError('timed out'). */
#define TIMED_OUT (-2L)
#define MAX_FDS 4096

/* Scratch space the calls share. */
long r;
struct sockaddr_storage a;
socklen_t alen;
char *buf;
size_t buf_size;
int optval;
int pair[2];

void die(const char *what, const char *how, const char *saw)
{
	fflush(stdout);
	fprintf(stderr, "unexpected outcome: %s: %s, the session's call %s\n", what, how, saw);
	exit(1);
}

/* Python's timeout of each socket: < 0 none (blocking), 0 non-blocking,
   else the seconds a call may wait. */
double timeouts[MAX_FDS];

void made(int fd)
{
	if (fd >= 0 && fd < MAX_FDS)
		timeouts[fd] = -1;
}

double timeout_of(int fd)
{
	return fd >= 0 && fd < MAX_FDS ? timeouts[fd] : -1;
}

/* settimeout: O_NONBLOCK unless the socket blocks, as in CPython. */
long set_timeout(int fd, double seconds)
{
	int fl = fcntl(fd, F_GETFL);
	if (fl < 0)
		return -1;
	fl = seconds < 0 ? fl & ~O_NONBLOCK : fl | O_NONBLOCK;
	if (fcntl(fd, F_SETFL, fl) < 0)
		return -1;
	if (fd < MAX_FDS)
		timeouts[fd] = seconds;
	return 0;
}

/* ready waits, on a socket with a timeout, until the call can go on:
   0 when the time ran out. */
int ready(int fd, short events)
{
	double t = timeout_of(fd);
	if (t <= 0)
		return 1;
	struct pollfd p = { .fd = fd, .events = events };
	int n;
	do
		n = poll(&p, 1, (int)(t * 1000));
	while (n < 0 && errno == EINTR);
	return n != 0;
}

/* again: a call on a socket with a timeout found nothing after all. */
int again(int fd, long res)
{
	return res < 0 && (errno == EAGAIN || errno == EWOULDBLOCK) && timeout_of(fd) > 0;
}

/* connect_wait connects as Python does: with a timeout, it waits for the
   handshake and reads the outcome from SO_ERROR. */
long connect_wait(int fd, const struct sockaddr *sa, socklen_t len)
{
	if (connect(fd, sa, len) == 0)
		return 0;
	if (errno != EINPROGRESS || timeout_of(fd) <= 0)
		return -1;
	if (!ready(fd, POLLOUT))
		return TIMED_OUT;
	int err = 0;
	socklen_t elen = sizeof err;
	if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &elen) < 0)
		return -1;
	errno = err;
	return err ? -1 : 0;
}

/* send_all sends until all of data is out, as Python's sendall. */
long send_all(int fd, const char *data, size_t len, int flags)
{
	size_t sent = 0;
	while (sent < len) {
		long n;
		do
			n = ready(fd, POLLOUT) ? send(fd, data + sent, len - sent, flags) : TIMED_OUT;
		while (again(fd, n));
		if (n < 0)
			return n;
		sent += (size_t)n;
	}
	return 0;
}

/* scratch is buf, at least n bytes of it: what a receive gave. */
char *scratch(size_t n)
{
	if (n > buf_size) {
		free(buf);
		buf = malloc(n);
		if (buf == NULL) {
			perror("malloc");
			exit(1);
		}
		buf_size = n;
	}
	return buf;
}

/* Files made by makefile: Python's buffered reader and writer over the
   socket (8192 bytes at a time), each file with buffers of its own. A
   file's variable is its index here. While files are open on a socket,
   closing the socket leaves its fd open, as Python's reference count
   does. A text file is read and written as its UTF-8 bytes: the newline
   translation of Python's text mode is not made here. */
#define FILE_CHUNK 8192
#define MAX_FILES 256

struct sockfile {
	int fd;
	char *in, *out;
	size_t in_len, out_len;
} files[MAX_FILES];
int nfiles;
int file_refs[MAX_FDS]; /* files open on each fd */
int closing[MAX_FDS];   /* the socket was closed while files were open */

/* close_fd closes a socket once: closing a closed one does nothing, and
   calls on it then fail with EBADF, as in Python. */
long close_fd(int *fd)
{
	int fd0 = *fd;
	*fd = -1;
	if (fd0 >= 0 && fd0 < MAX_FDS && file_refs[fd0] > 0) {
		closing[fd0] = 1;
		return 0;
	}
	return fd0 < 0 ? 0 : close(fd0);
}

struct sockfile *file_of(int file)
{
	if (file < 0 || file >= nfiles || files[file].fd < 0) {
		errno = EBADF;
		return NULL;
	}
	return &files[file];
}

long file_open(int fd)
{
	if (fd < 0 || fd >= MAX_FDS || nfiles == MAX_FILES) {
		errno = fd < 0 ? EBADF : EMFILE;
		return -1;
	}
	files[nfiles].fd = fd;
	file_refs[fd]++;
	return nfiles++;
}

long file_fileno(int file)
{
	return file < 0 || file >= nfiles ? -1 : files[file].fd;
}

long file_flush(int file)
{
	struct sockfile *f = file_of(file);
	if (f == NULL)
		return -1;
	long n = send_all(f->fd, f->out, f->out_len, 0);
	if (n < 0)
		return n;
	f->out_len = 0;
	return 0;
}

long file_write(int file, const char *p, size_t n)
{
	struct sockfile *f = file_of(file);
	if (f == NULL)
		return -1;
	char *out = realloc(f->out, f->out_len + n + 1);
	if (out == NULL) {
		perror("realloc");
		exit(1);
	}
	f->out = out;
	memcpy(f->out + f->out_len, p, n);
	f->out_len += n;
	if (f->out_len >= FILE_CHUNK && file_flush(file) < 0)
		return -1;
	return (long)n;
}

/* file_fill receives once more into the file's buffer: 0 at the end. */
long file_fill(struct sockfile *f)
{
	char *in = realloc(f->in, f->in_len + FILE_CHUNK);
	if (in == NULL) {
		perror("realloc");
		exit(1);
	}
	f->in = in;
	long n;
	do
		n = ready(f->fd, POLLIN) ? recv(f->fd, f->in + f->in_len, FILE_CHUNK, 0) : TIMED_OUT;
	while (again(f->fd, n));
	if (n > 0)
		f->in_len += (size_t)n;
	return n;
}

/* file_take moves n bytes from the file's buffer to buf. */
long file_take(struct sockfile *f, size_t n)
{
	if (n > f->in_len)
		n = f->in_len;
	memcpy(scratch(n + 1), f->in, n);
	memmove(f->in, f->in + n, f->in_len - n);
	f->in_len -= n;
	return (long)n;
}

/* file_read: n bytes, or all to the end of the stream when n < 0. */
long file_read(int file, long n)
{
	struct sockfile *f = file_of(file);
	if (f == NULL)
		return -1;
	while (n < 0 || f->in_len < (size_t)n) {
		long got = file_fill(f);
		if (got < 0)
			return got;
		if (got == 0)
			break;
	}
	return file_take(f, n < 0 ? f->in_len : (size_t)n);
}

long file_readline(int file)
{
	struct sockfile *f = file_of(file);
	if (f == NULL)
		return -1;
	for (;;) {
		char *nl = f->in_len ? memchr(f->in, '\n', f->in_len) : NULL;
		if (nl != NULL)
			return file_take(f, (size_t)(nl - f->in) + 1);
		long got = file_fill(f);
		if (got < 0)
			return got;
		if (got == 0)
			return file_take(f, f->in_len);
	}
}

/* file_close flushes, and closes the fd if the socket was closed before
   and this was its last file. */
long file_close(int *file)
{
	struct sockfile *f = file_of(*file);
	*file = -1;
	if (f == NULL)
		return 0;
	long r = f->out_len ? file_flush((int)(f - files)) : 0;
	int fd = f->fd;
	f->fd = -1;
	if (--file_refs[fd] == 0 && closing[fd]) {
		closing[fd] = 0;
		close(fd);
	}
	return r;
}

/* repeat is unit written times times over, as "x"*1000, in a buffer
   that the next repeat reuses. */
char *data;
size_t data_size;

char *repeat(const char *unit, size_t n, size_t times)
{
	if (n * times > data_size) {
		free(data);
		data = malloc(n * times);
		if (data == NULL) {
			perror("malloc");
			exit(1);
		}
		data_size = n * times;
	}
	for (size_t i = 0; i < times; i++)
		memcpy(data + i * n, unit, n);
	return data;
}

socklen_t make_inet(struct sockaddr_storage *sa, int family, const char *host, int port)
{
	memset(sa, 0, sizeof *sa);
	if (family == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)sa;
		in6->sin6_family = AF_INET6;
		in6->sin6_port = htons((unsigned short)port);
		inet_pton(AF_INET6, host, &in6->sin6_addr);
		return sizeof *in6;
	}
	struct sockaddr_in *in = (struct sockaddr_in *)sa;
	in->sin_family = AF_INET;
	in->sin_port = htons((unsigned short)port);
	inet_pton(AF_INET, host, &in->sin_addr);
	return sizeof *in;
}

/* make_unix: a path, an abstract name (starting with a NUL byte), or with
   len 0 no name (the kernel picks one on bind). */
socklen_t make_unix(struct sockaddr_storage *sa, const char *path, size_t len)
{
	struct sockaddr_un *un = (struct sockaddr_un *)sa;
	memset(sa, 0, sizeof *sa);
	un->sun_family = AF_UNIX;
	if (len > sizeof un->sun_path)
		len = sizeof un->sun_path;
	memcpy(un->sun_path, path, len);
	return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len);
}

/* addr_of is a socket's own address, for $srv. */
socklen_t addr_of(int fd, struct sockaddr_storage *sa, const char *what)
{
	socklen_t len = sizeof *sa;
	if (getsockname(fd, (struct sockaddr *)sa, &len) < 0)
		die(what, strerror(errno), "had the address");
	return len;
}

/* print_repr writes bytes (or a str, as text) as Python's repr does. */
void print_repr(const char *p, long n, int bytes)
{
	char q = '\'';
	if (memchr(p, '\'', (size_t)n) != NULL && memchr(p, '"', (size_t)n) == NULL)
		q = '"';
	printf("%s%c", bytes ? "b" : "", q);
	for (long i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c == '\\' || c == (unsigned char)q)
			printf("\\%c", c);
		else if (c == '\t')
			printf("\\t");
		else if (c == '\n')
			printf("\\n");
		else if (c == '\r')
			printf("\\r");
		else if (c < 0x20 || c == 0x7f || (bytes && c >= 0x80))
			printf("\\x%02x", c);
		else
			putchar(c);
	}
	putchar(q);
}

/* print_addr writes an address as Python's tuple (or path) for it. */
void print_addr(const struct sockaddr_storage *sa, socklen_t len)
{
	char host[INET6_ADDRSTRLEN];
	if (len == 0) {
		printf("None");
	} else if (sa->ss_family == AF_INET) {
		const struct sockaddr_in *in = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
		printf("('%s', %d)", host, ntohs(in->sin_port));
	} else if (sa->ss_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
		printf("('%s', %d, %u, %u)", host, ntohs(in6->sin6_port), (unsigned)ntohl(in6->sin6_flowinfo), (unsigned)in6->sin6_scope_id);
	} else if (sa->ss_family == AF_UNIX) {
		const struct sockaddr_un *un = (const struct sockaddr_un *)sa;
		long n = (long)len - (long)offsetof(struct sockaddr_un, sun_path);
		if (n > 0 && un->sun_path[0] == 0)
			print_repr(un->sun_path, n, 1);
		else
			print_repr(un->sun_path, n > 0 ? (long)strnlen(un->sun_path, (size_t)n) : 0, 0);
	} else {
		printf("(%d, ...)", sa->ss_family);
	}
}

/* show_* print a call's value on a line, as Python's print does. */
void show_bytes(const char *p, long n)
{
	print_repr(p, n, 1);
	putchar('\n');
}

/* show_addr: print writes a str (a unix path) as it is, not its repr. */
void show_addr(const struct sockaddr_storage *sa, socklen_t len)
{
	const struct sockaddr_un *un = (const struct sockaddr_un *)sa;
	long n = (long)len - (long)offsetof(struct sockaddr_un, sun_path);
	if (len > 0 && sa->ss_family == AF_UNIX && !(n > 0 && un->sun_path[0] == 0))
		printf("%.*s\n", (int)(n > 0 ? strnlen(un->sun_path, (size_t)n) : 0), un->sun_path);
	else {
		print_addr(sa, len);
		putchar('\n');
	}
}

/* show_from: recvfrom's (data, address). */
void show_from(const char *p, long n, const struct sockaddr_storage *sa, socklen_t len)
{
	putchar('(');
	print_repr(p, n, 1);
	printf(", ");
	print_addr(sa, len);
	printf(")\n");
}

/* show_timeout: gettimeout's value, None or a float as Python writes it
   (the shortest digits that read back the same). */
void show_timeout(int fd)
{
	double t = timeout_of(fd);
	char s[40];
	if (t < 0) {
		printf("None\n");
		return;
	}
	for (int prec = 1; prec <= 17; prec++) {
		snprintf(s, sizeof s, "%.*g", prec, t);
		if (strtod(s, NULL) == t)
			break;
	}
	printf("%s%s\n", s, strpbrk(s, ".e") ? "" : ".0");
}

/* show_chars: a str read from a text file, as print writes it. */
void show_chars(const char *p, long n)
{
	printf("%.*s\n", (int)n, p);
}

/* show_text: a str, as print writes it. */
void show_text(const char *s)
{
	printf("%s\n", s);
}

/* The checks: what the session saw, else the end of the program. */
void want_ok(long res, const char *what)
{
	if (res == TIMED_OUT)
		die(what, "timed out", "succeeded");
	if (res < 0)
		die(what, strerror(errno), "succeeded");
}

void want_errno(long res, int e, const char *name, const char *class, const char *what, int show)
{
	char saw[128];
	snprintf(saw, sizeof saw, "failed with %s", name);
	if (res == TIMED_OUT)
		die(what, "timed out", saw);
	if (res >= 0)
		die(what, "succeeded", saw);
	if (errno != e)
		die(what, strerror(errno), saw);
	if (show)
		printf("%s: [Errno %d] %s\n", class, e, strerror(e));
}

/* want_errno_file: os.unlink's failure names the file, as Python's does. */
void want_errno_file(long res, int e, const char *name, const char *class, const char *what, int show, const char *file)
{
	want_errno(res, e, name, class, what, 0);
	if (show) {
		printf("%s: [Errno %d] %s: ", class, e, strerror(e));
		print_repr(file, (long)strlen(file), 0);
		putchar('\n');
	}
}

void want_timeout(long res, const char *what, int show)
{
	if (res != TIMED_OUT)
		die(what, res < 0 ? strerror(errno) : "succeeded", "timed out");
	if (show)
		printf("TimeoutError: timed out\n");
}

/* connect_ex's value: the errno, or 0. */
void want_value_errno(long res, int e, const char *name, const char *what)
{
	int got = res == TIMED_OUT ? EAGAIN : res < 0 ? errno : 0;
	if (got != e) {
		char saw[128];
		snprintf(saw, sizeof saw, "gave %s", name);
		die(what, got ? strerror(got) : "gave 0", saw);
	}
}
