package addr

import (
	"errors"
	"sockrepl/internal/msg"

	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

func inetHint(fam int) string {
	if fam == unix.AF_INET6 {
		return msgInet6Want.S()
	}
	return msgInetWant.S()
}

func parseInet(fam int, words []string) (unix.Sockaddr, int, error) {
	if len(words) == 0 {
		return nil, 0, errors.New(msgMissingAddress.S(msg.A("want", inetHint(fam))))
	}
	w := words[0]
	if isTuple(w) {
		sa, err := parseInetTuple(fam, w)
		return sa, 1, err
	}
	text, err := unquote(w)
	if err != nil {
		return nil, 0, err
	}
	host, portText, hasPort, err := splitHostPort(text)
	if err != nil {
		return nil, 0, badAddr(w, "%v; %s", err, inetHint(fam))
	}
	used := 1
	var port int
	if hasPort {
		if port, err = parsePort(portText); err != nil {
			return nil, used, badAddrErr(w, err)
		}
	} else {
		if len(words) < 2 {
			return nil, 0, badAddr(w, "%s", inetHint(fam))
		}
		portWord, err := unquote(words[1])
		if err == nil {
			port, err = parsePort(portWord)
		}
		if err != nil {
			return nil, 2, fmt.Errorf("%s: %w", msgBadPort.S(msg.A("word", strconv.Quote(words[1]))), err)
		}
		used = 2
	}
	ip, err := hostAddr(fam, host, w)
	if err != nil {
		return nil, 0, err
	}
	sa, err := inetSockaddr(fam, ip, port, w)
	if err != nil {
		return nil, 0, err
	}
	return sa, used, nil
}

// splitHostPort splits one word. hasPort is false when the port must come
// from the next word: a bare host, or a bare IPv6 literal, whose colons make
// a trailing :PORT ambiguous.
func splitHostPort(s string) (host, port string, hasPort bool, err error) {
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return "", "", false, errors.New(msgMissingBracket.S())
		}
		host, rest := s[1:end], s[end+1:]
		switch {
		case rest == "":
			return host, "", false, nil
		case rest[0] == ':':
			return host, rest[1:], true, nil
		}
		return "", "", false, errors.New(msgAfterBracket.S(msg.A("word", strconv.Quote(rest))))
	}
	switch strings.Count(s, ":") {
	case 0:
		return s, "", false, nil
	case 1:
		host, port, _ = strings.Cut(s, ":")
		return host, port, true, nil
	}
	return s, "", false, nil
}

func parsePort(s string) (int, error) {
	if s == "" {
		return 0, errors.New(msgMissingPort.S())
	}
	body := strings.TrimPrefix(s, "-")
	if body == "" {
		return 0, errors.New(msgPortNumber.S())
	}
	for _, c := range []byte(body) {
		if c < '0' || c > '9' {
			return 0, errors.New(msgPortNumber.S())
		}
	}
	// A whole number out of range is Python's OverflowError, a different
	// failure from a word that is no number at all.
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || n > 0xffff {
		return 0, ErrPortRange
	}
	return n, nil
}

// hostAddr turns the host part into an address of the socket's family. IP
// literals of the wrong family get a plain explanation rather than Python's
// terse EAI_ADDRFAMILY; names go to Resolve, whose GaiError is passed through
// unwrapped so its text is exactly Python's.
func hostAddr(fam int, host, word string) (netip.Addr, error) {
	switch host {
	case "":
		// Python's '' and a bare :PORT mean INADDR_ANY / in6addr_any.
		if fam == unix.AF_INET6 {
			return netip.IPv6Unspecified(), nil
		}
		return netip.IPv4Unspecified(), nil
	case "<broadcast>":
		if fam == unix.AF_INET {
			return netip.AddrFrom4([4]byte{255, 255, 255, 255}), nil
		}
		return netip.Addr{}, badAddr(word, "<broadcast> is only for AF_INET")
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		if why, other := OtherFamily(fam, ip, host); other {
			return netip.Addr{}, badAddr(word, "%s", why)
		}
		return ip, nil
	}
	if strings.ContainsAny(host, ":%") {
		return netip.Addr{}, badAddr(word, "%s", msgNotIPv6.S(msg.A("host", strconv.Quote(host))))
	}
	if strings.Trim(host, "0123456789.") == "" {
		// Don't let "1.2.3" fall through to a name lookup (or, as in libc,
		// to inet_aton's surprising 1.2.0.3).
		return netip.Addr{}, badAddr(word, "%s", msgNotIPv4.S(msg.A("host", strconv.Quote(host))))
	}
	addrs, err := Resolve(host, fam)
	if err != nil {
		return netip.Addr{}, err
	}
	return addrs[0], nil
}

// OtherFamily says why an IP literal host does not go with a socket of
// family fam (an IPv6 address on AF_INET, an IPv4 one on AF_INET6), and
// whether it does not.
func OtherFamily(fam int, ip netip.Addr, host string) (string, bool) {
	switch {
	case fam == unix.AF_INET && !ip.Is4():
		return msgIPv6OnInet.S(msg.A("host", host)), true
	case fam == unix.AF_INET6 && ip.Is4():
		return msgIPv4OnInet6.S(msg.A("host", host)), true
	}
	return "", false
}

func inetSockaddr(fam int, ip netip.Addr, port int, word string) (unix.Sockaddr, error) {
	if fam == unix.AF_INET {
		return &unix.SockaddrInet4{Port: port, Addr: ip.As4()}, nil
	}
	sa := &unix.SockaddrInet6{Port: port, Addr: ip.As16()}
	if zone := ip.Zone(); zone != "" {
		id, err := zoneID(zone, word)
		if err != nil {
			return nil, err
		}
		sa.ZoneId = id
	}
	return sa, nil
}

// zoneID accepts a scope as an interface index or name, as getaddrinfo does.
func zoneID(zone, word string) (uint32, error) {
	if zone[0] >= '0' && zone[0] <= '9' {
		n, err := strconv.ParseUint(zone, 10, 32)
		if err != nil {
			return 0, badAddr(word, "%s", msgScopeRange.S())
		}
		return uint32(n), nil
	}
	if strings.Contains(zone, ":") {
		// Most likely an unbracketed HOST%ZONE:PORT. Checked before the
		// lookup because the kernel would strip ":..." as an alias label.
		return 0, badAddr(word, "%s", msgNoIfaceBrackets.S(msg.A("zone", strconv.Quote(zone))))
	}
	idx, err := ifIndex(zone)
	if err == nil {
		return uint32(idx), nil
	}
	if err == unix.ENODEV {
		return 0, badAddr(word, "%s", msgNoIface.S(msg.A("zone", strconv.Quote(zone))))
	}
	return 0, badAddr(word, "%s", msgCannotLookUpZone.S(msg.A("zone", strconv.Quote(zone)), msg.A("err", err)))
}

// parseInetTuple reads Python's (host, port) and (host, port, flowinfo,
// scope_id) tuples.
func parseInetTuple(fam int, w string) (unix.Sockaddr, error) {
	items, err := parseTuple(w)
	if err != nil {
		return nil, badAddr(w, "%v", err)
	}
	if fam == unix.AF_INET && len(items) != 2 {
		return nil, badAddr(w, "AF_INET address must be a pair (host, port)")
	}
	if fam == unix.AF_INET6 && (len(items) < 2 || len(items) > 4) {
		return nil, badAddr(w, "AF_INET6 address must be a tuple (host, port[, flowinfo[, scope_id]])")
	}
	if items[0].kind != pyStr {
		return nil, badAddr(w, "host must be a string, e.g. '127.0.0.1'")
	}
	if items[1].kind != pyInt {
		return nil, badAddrErr(w, ErrPortType)
	}
	if items[1].n < 0 || items[1].n > 0xffff {
		return nil, badAddrErr(w, ErrPortRange)
	}
	var scope uint32
	if len(items) > 2 {
		f := items[2]
		if f.kind != pyInt || f.n < 0 || f.n > 0xfffff {
			return nil, badAddr(w, "flowinfo must be 0-1048575")
		}
		if f.n != 0 {
			// x/sys/unix's SockaddrInet6 has no flowinfo field and always
			// sends zero, so a nonzero value cannot be honoured.
			return nil, badAddr(w, "%s", msgFlowinfo.S(msg.A("n", f.n)))
		}
	}
	if len(items) > 3 {
		s := items[3]
		if s.kind != pyInt || s.n < 0 || s.n > 0xffffffff {
			return nil, badAddr(w, "scope_id must be 0-4294967295")
		}
		scope = uint32(s.n)
	}
	ip, err := hostAddr(fam, items[0].s, w)
	if err != nil {
		return nil, err
	}
	sa, err := inetSockaddr(fam, ip, int(items[1].n), w)
	if err != nil {
		return nil, err
	}
	if s6, ok := sa.(*unix.SockaddrInet6); ok && scope != 0 {
		// An explicit nonzero scope_id wins over a %zone in the host.
		s6.ZoneId = scope
	}
	return sa, nil
}
