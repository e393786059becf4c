// Package lab runs the whole shell in a network namespace of its own
// (sockrepl --lab): a loopback interface that only the session uses, where
// the wire view sees no other program's traffic. When sockrepl is not
// root, the namespace is made inside an unprivileged user namespace, in
// which the shell is root and may capture packets.
//
// A Go program cannot unshare a user namespace once it runs threads (and
// the runtime always does), so the shell runs itself again as a child
// made with the clone flags set, and waits for it.
package lab

import (
	"errors"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"

	"golang.org/x/sys/unix"

	"sockrepl/internal/msg"
	"sockrepl/internal/rawfile"
)

// envMark tells the child that it is the lab: it brings loopback up and
// runs the session.
const envMark = "SOCKREPL_LAB"

// Inside reports whether this process is the lab's shell.
func Inside() bool { return os.Getenv(envMark) == "1" }

// Run runs this program again with args in new network (and, unless
// root, user) namespaces, forwarding the terminal's signals, and returns
// its exit status.
func Run(args []string) (int, error) {
	// The running program itself, under the name it was run as.
	cmd := &exec.Cmd{Path: "/proc/self/exe", Args: append([]string{os.Args[0]}, args...)}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = append(os.Environ(), envMark+"=1")
	attr := &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNET}
	if os.Geteuid() != 0 {
		attr.Cloneflags |= syscall.CLONE_NEWUSER
		attr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Geteuid(), Size: 1}}
		attr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getegid(), Size: 1}}
		attr.GidMappingsEnableSetgroups = false
	}
	cmd.SysProcAttr = attr
	// Ctrl-C reaches the child from the terminal; the parent only waits.
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT)
	defer signal.Stop(sigs)
	if err := cmd.Start(); err != nil {
		return 0, refusal(err)
	}
	go func() {
		for s := range sigs {
			if s != os.Interrupt {
				cmd.Process.Signal(s)
			}
		}
	}()
	err := cmd.Wait()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		if ws, ok := exit.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal()), nil
		}
		return exit.ExitCode(), nil
	}
	if err != nil {
		return 0, err
	}
	return 0, nil
}

// Setup brings the namespace's loopback interface up (a new network
// namespace has it down), as `ip link set lo up` does.
func Setup() error {
	fd, err := unix.Socket(unix.AF_INET, unix.SOCK_DGRAM|unix.SOCK_CLOEXEC, 0)
	if err != nil {
		return err
	}
	defer unix.Close(fd)
	ifr, err := unix.NewIfreq("lo")
	if err != nil {
		return err
	}
	if err := unix.IoctlIfreq(fd, unix.SIOCGIFFLAGS, ifr); err != nil {
		return err
	}
	ifr.SetUint16(ifr.Uint16() | unix.IFF_UP)
	return unix.IoctlIfreq(fd, unix.SIOCSIFFLAGS, ifr)
}

var (
	msgCannotLab = msg.New("lab.cannot",
		"--lab: cannot make a network namespace of its own ({err}): {why}",
		"--lab：无法创建自己的网络命名空间（{err}）：{why}")
	msgUsernsOff = msg.New("lab.userns-off",
		"this system forbids unprivileged user namespaces ({setting}); an administrator can allow them, or run sockrepl --lab as root",
		"本系统禁止非特权用户命名空间（{setting}）；管理员可以允许它们，或者以 root 运行 sockrepl --lab")
	msgUsernsUnknown = msg.New("lab.userns-unknown",
		"the system refused the user and network namespaces (a container or a security module may forbid them); run sockrepl --lab as root, or where user namespaces are allowed",
		"系统拒绝了用户命名空间和网络命名空间（容器或安全模块可能禁止它们）；以 root 运行 sockrepl --lab，或者在允许用户命名空间的地方运行")
)

// refusal says why the namespaces could not be made, and what would help.
func refusal(err error) error {
	why := msgUsernsUnknown.S()
	if s := forbiddenBy(); s != "" {
		why = msgUsernsOff.S(msg.A("setting", s))
	}
	return errors.New(msgCannotLab.S(msg.A("err", err.Error()), msg.A("why", why)))
}

// forbiddenBy names the setting that forbids unprivileged user
// namespaces here, if one does.
func forbiddenBy() string {
	for _, c := range []struct{ path, off, setting string }{
		{"/proc/sys/kernel/unprivileged_userns_clone", "0", "kernel.unprivileged_userns_clone = 0"},
		{"/proc/sys/user/max_user_namespaces", "0", "user.max_user_namespaces = 0"},
		{"/proc/sys/kernel/apparmor_restrict_unprivileged_userns", "1", "kernel.apparmor_restrict_unprivileged_userns = 1"},
	} {
		if b, err := rawfile.ReadFile(c.path); err == nil && strings.TrimSpace(string(b)) == c.off {
			return c.setting
		}
	}
	return ""
}
