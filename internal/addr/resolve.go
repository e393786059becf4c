package addr

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"sockrepl/internal/rawfile"

	"golang.org/x/sys/unix"
)

// getaddrinfo error codes, with glibc's values (they are libc's, not the
// kernel's, so x/sys/unix does not define them).
const (
	EAI_NONAME     = -2
	EAI_AGAIN      = -3
	EAI_FAMILY     = -6
	EAI_SERVICE    = -8
	EAI_ADDRFAMILY = -9
)

// GaiError is a name-resolution failure, shaped like Python's
// socket.gaierror so that the shell's output matches Python's.
type GaiError struct {
	Code int    // EAI_* value, e.g. -2
	Name string // symbolic name, e.g. "EAI_NONAME"
	Msg  string // glibc's gai_strerror text
}

// Error gives Python's text, e.g. "gaierror: [Errno -2] Name or service not known".
func (e *GaiError) Error() string {
	return fmt.Sprintf("gaierror: [Errno %d] %s", e.Code, e.Msg)
}

var gaiErrors = map[int]GaiError{
	EAI_NONAME:     {EAI_NONAME, "EAI_NONAME", "Name or service not known"},
	EAI_AGAIN:      {EAI_AGAIN, "EAI_AGAIN", "Temporary failure in name resolution"},
	EAI_FAMILY:     {EAI_FAMILY, "EAI_FAMILY", "ai_family not supported"},
	EAI_SERVICE:    {EAI_SERVICE, "EAI_SERVICE", "Servname not supported for ai_socktype"},
	EAI_ADDRFAMILY: {EAI_ADDRFAMILY, "EAI_ADDRFAMILY", "Address family for hostname not supported"},
}

// NewGaiError returns the GaiError for an EAI_* code.
func NewGaiError(code int) *GaiError {
	if e, ok := gaiErrors[code]; ok {
		return &e
	}
	return &GaiError{Code: code, Name: fmt.Sprintf("EAI_%d", code), Msg: "Unknown error"}
}

// hostsPath is a variable so tests can point it at a file of their own.
var hostsPath = "/etc/hosts"

// Resolve returns the addresses of host for family AF_INET, AF_INET6 or
// AF_UNSPEC (IPv6 first, then IPv4, as glibc's default ordering puts ::1
// before 127.0.0.1). IP literals are returned as they are; names are looked
// up in /etc/hosts only, never DNS, so the shell cannot leak queries.
// "localhost" always resolves (127.0.0.1 / ::1) even if the file lacks it.
// Hosts entries are re-read on every call so edits take effect at once.
func Resolve(host string, family int) ([]netip.Addr, error) {
	if family != unix.AF_UNSPEC && family != unix.AF_INET && family != unix.AF_INET6 {
		return nil, NewGaiError(EAI_FAMILY)
	}
	if host == "" {
		return nil, NewGaiError(EAI_NONAME)
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if (family == unix.AF_INET && !ip.Is4()) || (family == unix.AF_INET6 && ip.Is4()) {
			return nil, NewGaiError(EAI_ADDRFAMILY)
		}
		return []netip.Addr{ip}, nil
	}
	if b, ok := InetAton(host); ok {
		// glibc's getaddrinfo reads 127.1 and 0x7f.1 as inet_aton does.
		if family == unix.AF_INET6 {
			return nil, NewGaiError(EAI_ADDRFAMILY)
		}
		return []netip.Addr{netip.AddrFrom4(b)}, nil
	}
	var v4, v6 []netip.Addr
	for _, ip := range lookupHosts(host) {
		if ip.Is4() {
			v4 = appendNew(v4, ip)
		} else {
			v6 = appendNew(v6, ip)
		}
	}
	// localhost means loopback even when the hosts file forgets it; with no
	// family asked for, only what the file says counts, as in glibc.
	if strings.EqualFold(host, "localhost") {
		if len(v4) == 0 && (family == unix.AF_INET || len(v6) == 0) {
			v4 = append(v4, netip.AddrFrom4([4]byte{127, 0, 0, 1}))
		}
		if len(v6) == 0 && family == unix.AF_INET6 {
			v6 = append(v6, netip.IPv6Loopback())
		}
	}
	var out []netip.Addr
	if family != unix.AF_INET {
		out = append(out, v6...)
	}
	if family != unix.AF_INET6 {
		out = append(out, v4...)
	}
	if len(out) == 0 {
		// glibc says EAI_NONAME, not EAI_ADDRFAMILY, when a name exists only
		// for the other family; match it.
		return nil, NewGaiError(EAI_NONAME)
	}
	return out, nil
}

func appendNew(list []netip.Addr, ip netip.Addr) []netip.Addr {
	for _, have := range list {
		if have == ip {
			return list
		}
	}
	return append(list, ip)
}

// lookupHosts returns the addresses hosts(5) gives for name, in file order.
// An unreadable file just means no entries.
func lookupHosts(name string) []netip.Addr {
	data, err := rawfile.ReadFile(hostsPath)
	if err != nil {
		return nil
	}
	var out []netip.Addr
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		fields := strings.Fields(line)
		if len(fields) < 2 {
			continue
		}
		ip, err := netip.ParseAddr(fields[0])
		if err != nil {
			continue
		}
		for _, n := range fields[1:] {
			if strings.EqualFold(n, name) {
				out = append(out, ip)
				break
			}
		}
	}
	return out
}

// servicesPath is services(5), read by Service.
var servicesPath = "/etc/services"

// Service is the port of a service name (`http`) or a number, as
// getaddrinfo's service argument: from services(5), never the network.
func Service(name string) (int, error) {
	if n, err := strconv.Atoi(name); err == nil {
		if n < 0 || n > 65535 {
			return 0, NewGaiError(EAI_SERVICE)
		}
		return n, nil
	}
	data, err := rawfile.ReadFile(servicesPath)
	if err != nil {
		return 0, NewGaiError(EAI_SERVICE)
	}
	for _, line := range strings.Split(string(data), "\n") {
		line, _, _ = strings.Cut(line, "#")
		f := strings.Fields(line)
		if len(f) < 2 {
			continue
		}
		port, _, _ := strings.Cut(f[1], "/")
		for _, n := range append([]string{f[0]}, f[2:]...) {
			if strings.EqualFold(n, name) {
				if p, err := strconv.Atoi(port); err == nil {
					return p, nil
				}
			}
		}
	}
	return 0, NewGaiError(EAI_SERVICE)
}

// InetAton reads an IPv4 address as the C library's inet_aton does: one
// to four parts, each decimal, octal (0…) or hex (0x…), the last filling
// the bytes the others leave (127.1 is 127.0.0.1).
func InetAton(text string) ([4]byte, bool) {
	var out [4]byte
	parts := strings.Split(text, ".")
	if len(parts) > 4 {
		return out, false
	}
	var nums []uint64
	for _, p := range parts {
		n, err := strconv.ParseUint(p, 0, 32)
		if err != nil || p == "" || p[0] == '+' {
			return out, false
		}
		nums = append(nums, n)
	}
	last := nums[len(nums)-1]
	var v uint64
	for i, n := range nums[:len(nums)-1] {
		if n > 0xff {
			return out, false
		}
		v |= n << (24 - 8*i)
	}
	if last >= 1<<(32-8*(len(nums)-1)) {
		return out, false
	}
	v |= last
	out[0], out[1], out[2], out[3] = byte(v>>24), byte(v>>16), byte(v>>8), byte(v)
	return out, true
}
