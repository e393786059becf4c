package addr

import (
	"math"
	"strings"

	"golang.org/x/sys/unix"
)

// Interface names and indexes are mapped with the SIOCGIFINDEX/SIOCGIFNAME
// ioctls on a throwaway socket, as glibc's if_nametoindex/if_indextoname do,
// rather than by reading /sys/class/net/NAME/ifindex: the ioctl answers for
// this process's network namespace and needs no sysfs, whereas in containers
// /sys may be absent or mounted from another namespace.

// ctlSocket opens the socket the ioctls are issued on.
func ctlSocket() (int, error) {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err == nil {
		return fd, nil
	}
	// Interface ioctls work on any socket; AF_UNIX exists even on kernels
	// built without IPv4.
	if fd, err2 := unix.Socket(unix.AF_UNIX, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0); err2 == nil {
		return fd, nil
	}
	return -1, err
}

// ifIndex returns the index of the named interface, or ENODEV.
func ifIndex(name string) (int, error) {
	if name == "" || strings.IndexByte(name, 0) >= 0 {
		return 0, unix.ENODEV
	}
	ifr, err := unix.NewIfreq(name)
	if err != nil {
		// Longer than IFNAMSIZ-1: no interface can have that name.
		return 0, unix.ENODEV
	}
	fd, err := ctlSocket()
	if err != nil {
		return 0, err
	}
	defer unix.Close(fd)
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFINDEX, ifr); err != nil {
		return 0, err
	}
	return int(ifr.Uint32()), nil
}

// ifName returns the name of the interface with the given index.
func ifName(index int) (string, bool) {
	if index <= 0 || index > math.MaxInt32 {
		return "", false
	}
	ifr, err := unix.NewIfreq("")
	if err != nil {
		return "", false
	}
	ifr.SetUint32(uint32(index))
	fd, err := ctlSocket()
	if err != nil {
		return "", false
	}
	defer unix.Close(fd)
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFNAME, ifr); err != nil {
		return "", false
	}
	return ifr.Name(), true
}

// InterfaceIndex is the index of the named network interface (ENODEV when
// there is none), through the same ioctl the C library uses.
func InterfaceIndex(name string) (int, error) { return ifIndex(name) }
