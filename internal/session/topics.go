package session

import (
	"fmt"
	"sort"
	"strings"

	"sockrepl/internal/names"
	"sockrepl/internal/render"
	"sockrepl/internal/sockopt"
)

// topics are the help pages that are not commands: `help modes`,
// `help families`, `help options tcp`… One table; help lists them.
var topics = []struct {
	name    string
	summary string
	lines   func(arg string) []string
}{
	{"modes", "blocking, non-blocking and timeouts, with an example", func(string) []string { return modesHelp }},
	{"families", "address families, socket types and protocols", func(string) []string { return familiesHelp() }},
	{"options", "socket options by level (help options tcp)", optionsHelp},
	{"flags", "message flags for send and recv", func(string) []string {
		return []string{"Message flags join with | (peek|dontwait); MSG_ prefix optional, any case:", "  " + strings.Join(names.MsgFlags.Words(), " ")}
	}},
	{"trace", "what set trace on shows", func(string) []string { return traceHelp }},
}

var modesHelp = []string{
	"A socket is in one of three modes, as in Python:",
	"  blocking (gettimeout None)   the default: a call waits as long as it must",
	"  non-blocking (0.0)           setblocking H false or settimeout H 0: a call that would",
	"                               wait fails at once with EAGAIN (connect: EINPROGRESS)",
	"  timeout (T seconds)          settimeout H 2.5: each call waits at most T, then fails",
	"                               with \"timed out\" (TimeoutError, no errno)",
	"setblocking H true is settimeout H none. With a timeout the fd is O_NONBLOCK underneath",
	"and the shell waits in poll, as CPython does. Ctrl-C ends any wait: `interrupted`, and the",
	"socket stays open in its mode. In a script, Ctrl-C stops the script (exit status 130).",
	"",
	"send may send less than asked; sendall loops until everything is out:",
	"  a, b = socketpair",
	"  setsockopt a SO_SNDBUF 4096",
	"  setblocking a false",
	"  send a \"x\"*1000000          ->  8064  sent 8064 of 1000000",
	"  send a \"x\"*1000000          ->  EAGAIN (11) Resource temporarily unavailable",
	"  settimeout a 0.5",
	"  sendall a \"x\"*1000000       ->  TimeoutError: timed out  (0 of 1000000 bytes went out before it)",
	"  recv b 1000000               (b reads; now there is room again)",
	"set trace on shows each send call, the poll behind each wait, and what it returned.",
}

var traceHelp = []string{
	"set trace on (or --trace) prints each system call a command makes, strace's style:",
	"  sendto(4, b\"hello\\n\", 6, MSG_DONTWAIT|MSG_NOSIGNAL, NULL, 0) = 6",
	"Every send carries MSG_NOSIGNAL: a closed peer gives EPIPE, never a SIGPIPE.",
	"On a blocking socket the shell tries first with MSG_DONTWAIT and, when the kernel would",
	"block, waits in poll instead, so that Ctrl-C can end the wait; a blocking connect is made",
	"non-blocking for the call (ioctl FIONBIO), finished with a second connect (so the socket ends",
	"as a blocking connect(2) leaves it), and put back. The extra fd in each poll (100 and",
	"up) is the shell's own Ctrl-C wake-up. Lookups made only to print addresses are not shown.",
}

func familiesHelp() []string {
	out := []string{"Families (socket FAMILY; C prefix optional, any case, or a number):"}
	for _, e := range names.Families.Entries {
		out = append(out, strings.TrimRight(fmt.Sprintf("  %-12s %-12s %s", names.Families.Short(e.Value), e.Name, strings.Join(e.Aliases, " ")), " "))
	}
	out = append(out, "Types (socket FAMILY TYPE; add |nonblock or |cloexec as in C):")
	for _, e := range names.Types.Entries {
		out = append(out, fmt.Sprintf("  %-12s %s", names.Types.Short(e.Value), e.Name))
	}
	out = append(out, "Protocols (socket FAMILY TYPE PROTO; 0 picks the family's default):")
	var protos []string
	seen := map[string]bool{}
	for _, e := range names.Protocols.Entries {
		if p := names.Protocols.Short(e.Value); !seen[p] {
			seen[p] = true
			protos = append(protos, p)
		}
	}
	out = append(out, "  "+strings.Join(protos, " ")+"   (for can: can_raw can_bcm)")
	out = append(out,
		"CAN and RDS need kernel modules: if socket answers EAFNOSUPPORT, the kernel lacks them",
		"(modprobe -a can can_raw vcan; ip link add vcan0 type vcan; modprobe rds).",
		"SOCK_RAW needs root (or CAP_NET_RAW); without it socket answers EPERM.")
	return out
}

func optionsHelp(level string) []string {
	var opts []sockopt.Option
	if level != "" {
		lv, err := sockopt.Levels.Lookup(level)
		if err != nil {
			return []string{err.Error()}
		}
		opts = sockopt.ForLevel(lv)
	} else {
		opts = sockopt.All()
	}
	sort.SliceStable(opts, func(i, j int) bool { return opts[i].Level < opts[j].Level })
	out := []string{"Options (getsockopt H [LEVEL] OPT; setsockopt H [LEVEL] OPT VALUE). LEVEL may be left out",
		"when the name says it. Values: a number, on/off, a structure's fields (SO_LINGER 1 5,",
		"SO_RCVTIMEO 2.5, TCP_CONGESTION reno, IP_ADD_MEMBERSHIP 224.0.0.251 0.0.0.0) or bytes (hex:…, b'…')."}
	last := -1
	for _, o := range opts {
		if o.Level != last {
			out = append(out, fmt.Sprintf("level %s (%s):", sockopt.Levels.Short(o.Level), sockopt.Levels.Name(o.Level)))
			last = o.Level
		}
		out = append(out, fmt.Sprintf("  %-28s %-8s %s", o.Name, strings.ToLower(o.Kind.String()), o.Doc))
	}
	if level == "" {
		out = append(out, "Example on a live connection: getsockopt conn TCP_INFO  -> state=ESTABLISHED … rtt=…us snd_cwnd=10 …")
	}
	return out
}

// helpTopic shows one topic page, or reports false.
func helpTopic(name, arg string) (*Result, bool) {
	for _, t := range topics {
		if t.name == name {
			r := result("None")
			for i, l := range t.lines(arg) {
				if i == 0 {
					r.parts = append(r.parts[:0], render.P(render.Plain, l))
					continue
				}
				r.line(render.P(render.Plain, l))
			}
			return r, true
		}
	}
	return nil, false
}
