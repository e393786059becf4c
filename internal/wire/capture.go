package wire

import (
	"fmt"
	"sync/atomic"
	"time"
	"unsafe"

	"golang.org/x/sys/unix"

	"sockrepl/internal/rawfile"
)

// The ring the kernel copies packets into: ringFrames frames of frameSize
// bytes each, in blocks of blockSize. A frame keeps the packet's first
// ~440 bytes (headers and the start of the payload), enough for the
// ladder's preview and for a saved capture; the rest is counted, not kept.
// 2 MiB bound what the capture can hold between two looks.
const (
	frameSize  = 512
	blockSize  = 1 << 16
	ringBlocks = 32
	ringFrames = ringBlocks * blockSize / frameSize
)

// Offsets in a TPACKET_V2 frame: the header, then struct sockaddr_ll.
const (
	sllOffset     = (unix.SizeofTpacket2Hdr + unix.TPACKET_ALIGNMENT - 1) &^ (unix.TPACKET_ALIGNMENT - 1)
	pkttypeOffset = sllOffset + 10
)

// capture is an AF_PACKET socket on the loopback interface with a
// TPACKET_V2 receive ring: reading what arrived costs no system call, only
// a look at each frame's status word, which the kernel and the shell pass
// back and forth.
type capture struct {
	fd    int
	ring  []byte
	next  int // the frame to look at next
	drops uint64
}

// raw is one captured frame, copied out of the ring.
type raw struct {
	time time.Time
	data []byte // the Ethernet frame as captured (maybe cut short)
	len  int    // its length on the wire
}

// errNoCapture wraps why capturing is impossible.
var errNoCapture error = &noCapture{}

// noCapture is errNoCapture's type: matched with errors.Is, printed in
// the current language.
type noCapture struct{}

func (*noCapture) Error() string { return msgCaptureFailed.S() }

// openCapture opens the capture on the interface named ifname ("lo").
func openCapture(ifname string) (*capture, error) {
	fd, err := unix.Socket(unix.AF_PACKET, unix.SOCK_RAW|unix.SOCK_CLOEXEC|unix.SOCK_NONBLOCK, 0)
	if err != nil {
		return nil, fmt.Errorf("%w: socket(AF_PACKET): %w", errNoCapture, err)
	}
	fd = rawfile.MoveHigh(fd)
	c := &capture{fd: fd}
	fail := func(what string, err error) (*capture, error) {
		c.close()
		return nil, fmt.Errorf("%w: %s: %w", errNoCapture, what, err)
	}
	prog := filter()
	if err := unix.SetsockoptSockFprog(fd, unix.SOL_SOCKET, unix.SO_ATTACH_FILTER, &unix.SockFprog{Len: uint16(len(prog)), Filter: &prog[0]}); err != nil {
		return fail("SO_ATTACH_FILTER", err)
	}
	if err := unix.SetsockoptInt(fd, unix.SOL_PACKET, unix.PACKET_VERSION, unix.TPACKET_V2); err != nil {
		return fail("PACKET_VERSION", err)
	}
	req := unix.TpacketReq{Block_size: blockSize, Block_nr: ringBlocks, Frame_size: frameSize, Frame_nr: ringFrames}
	if err := unix.SetsockoptTpacketReq(fd, unix.SOL_PACKET, unix.PACKET_RX_RING, &req); err != nil {
		return fail("PACKET_RX_RING", err)
	}
	ring, err := unix.Mmap(fd, 0, ringBlocks*blockSize, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		return fail("mmap", err)
	}
	c.ring = ring
	ifr, err := unix.NewIfreq(ifname)
	if err != nil {
		return fail(ifname, err)
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFINDEX, ifr); err != nil {
		return fail("SIOCGIFINDEX "+ifname, err)
	}
	sll := unix.SockaddrLinklayer{Protocol: htons(unix.ETH_P_ALL), Ifindex: int(ifr.Uint32())}
	if err := unix.Bind(fd, &sll); err != nil {
		return fail("bind "+ifname, err)
	}
	return c, nil
}

func htons(v uint16) uint16 { return v<<8 | v>>8 }

func (c *capture) close() {
	if c.ring != nil {
		unix.Munmap(c.ring)
		c.ring = nil
	}
	if c.fd >= 0 {
		unix.Close(c.fd)
		c.fd = -1
	}
}

// status is the frame's status word, shared with the kernel.
func (c *capture) status(i int) *uint32 {
	return (*uint32)(unsafe.Pointer(&c.ring[c.offset(i)]))
}

func (c *capture) offset(i int) int {
	const perBlock = blockSize / frameSize
	return (i/perBlock)*blockSize + (i%perBlock)*frameSize
}

// drain hands every frame the kernel has filled to fn, in order, and gives
// the frames back. It makes no system call and never waits.
func (c *capture) drain(fn func(raw)) int {
	n := 0
	for ; n < ringFrames; n++ {
		st := c.status(c.next)
		if atomic.LoadUint32(st)&unix.TP_STATUS_USER == 0 {
			break
		}
		off := c.offset(c.next)
		f := c.ring[off : off+frameSize]
		hdr := (*unix.Tpacket2Hdr)(unsafe.Pointer(&f[0]))
		// Outgoing copies are filtered out in the kernel; this is only a
		// guard should the filter let one through.
		if f[pkttypeOffset] != unix.PACKET_OUTGOING && int(hdr.Mac)+int(hdr.Snaplen) <= frameSize {
			data := make([]byte, hdr.Snaplen)
			copy(data, f[hdr.Mac:])
			fn(raw{time: time.Unix(int64(hdr.Sec), int64(hdr.Nsec)), data: data, len: int(hdr.Len)})
		}
		atomic.StoreUint32(st, unix.TP_STATUS_KERNEL)
		c.next = (c.next + 1) % ringFrames
	}
	return n
}

// wait waits until a frame arrives or d passes, whichever comes first, or
// wake (the shell's Ctrl-C eventfd, -1 for none) becomes readable. It
// reports whether a frame is there.
func (c *capture) wait(d time.Duration, wake int) bool {
	if atomic.LoadUint32(c.status(c.next))&unix.TP_STATUS_USER != 0 {
		return true
	}
	ts := unix.NsecToTimespec(int64(d))
	fds := []unix.PollFd{{Fd: int32(c.fd), Events: unix.POLLIN}, {Fd: int32(wake), Events: unix.POLLIN}}
	if wake < 0 {
		fds = fds[:1]
	}
	for {
		_, err := unix.Ppoll(fds, &ts, nil)
		if err != unix.EINTR {
			break
		}
	}
	return atomic.LoadUint32(c.status(c.next))&unix.TP_STATUS_USER != 0
}

// dropped is how many packets the kernel could not put in the ring since
// the last call (the ring was full).
func (c *capture) dropped() uint64 {
	st, err := unix.GetsockoptTpacketStats(c.fd, unix.SOL_PACKET, unix.PACKET_STATISTICS)
	if err != nil {
		return 0
	}
	return uint64(st.Drops)
}

// Classic BPF, as the kernel runs it on each packet before it is copied.
const (
	skfAdOff     = -0x1000
	skfAdPkttype = 4
)

func stmt(code uint16, k uint32) unix.SockFilter { return unix.SockFilter{Code: code, K: k} }
func jump(code uint16, k uint32, jt, jf uint8) unix.SockFilter {
	return unix.SockFilter{Code: code, Jt: jt, Jf: jf, K: k}
}

// filter keeps IPv4 and IPv6 packets carrying TCP, UDP or ICMP that
// arrive on the interface, and drops the copy of each packet that loopback
// shows as it leaves (the same packet arrives right after), so each packet
// is seen once, as tcpdump shows it.
func filter() []unix.SockFilter {
	const (
		ldAbsW  = unix.BPF_LD | unix.BPF_W | unix.BPF_ABS
		ldAbsH  = unix.BPF_LD | unix.BPF_H | unix.BPF_ABS
		ldAbsB  = unix.BPF_LD | unix.BPF_B | unix.BPF_ABS
		jeq     = unix.BPF_JMP | unix.BPF_JEQ | unix.BPF_K
		ret     = unix.BPF_RET | unix.BPF_K
		pkttype = uint32(1<<32 + skfAdOff + skfAdPkttype)
	)
	return []unix.SockFilter{
		/* 0 */ stmt(ldAbsW, pkttype),
		/* 1 */ jump(jeq, unix.PACKET_OUTGOING, 12, 0),
		/* 2 */ stmt(ldAbsH, 12), // EtherType
		/* 3 */ jump(jeq, unix.ETH_P_IP, 0, 5),
		/* 4 */ stmt(ldAbsB, 14+9), // IPv4 protocol
		/* 5 */ jump(jeq, unix.IPPROTO_TCP, 9, 0),
		/* 6 */ jump(jeq, unix.IPPROTO_UDP, 8, 0),
		/* 7 */ jump(jeq, unix.IPPROTO_ICMP, 7, 0),
		/* 8 */ stmt(ret, 0),
		/* 9 */ jump(jeq, unix.ETH_P_IPV6, 0, 4),
		/* 10 */ stmt(ldAbsB, 14+6), // IPv6 next header
		/* 11 */ jump(jeq, unix.IPPROTO_TCP, 3, 0),
		/* 12 */ jump(jeq, unix.IPPROTO_UDP, 2, 0),
		/* 13 */ jump(jeq, unix.IPPROTO_ICMPV6, 1, 0),
		/* 14 */ stmt(ret, 0),
		/* 15 */ stmt(ret, 0xffff),
	}
}
