// Command bench times sockrepl against Python and C on the same socket
// workloads, side by side, and checks the project's performance targets.
//
//	make bench                      # builds bin/sockrepl, then runs this
//	go run ./bench -bin bin/sockrepl [-n 7] [-only a,b,c,d] [-v]
//
// Each workload is written three ways into a temporary directory: a
// sockrepl script, a Python script (run by the interpreter binary itself,
// sys.executable, not a version manager's shim) and a C program (compiled
// here with the system's cc -O2). Every variant runs once untimed to check
// that it works, then N times, round-robin, each as a child process; the
// wall time is from start to reaping, the peak memory is the child's
// ru_maxrss from wait. The table shows medians.
//
// Everything is on loopback, every child runs under a time limit, and the
// program stops by itself.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"time"
)

var (
	flagBin   = flag.String("bin", "bin/sockrepl", "the sockrepl binary to time")
	flagRuns  = flag.Int("n", 7, "timed runs of each variant (the median is shown)")
	flagOnly  = flag.String("only", "a,b,c,d,s,w", "workloads to run, comma-separated (s: CPU per statement by spelling; w: the wire view on vs off)")
	flagV     = flag.Bool("v", false, "print every run")
	flagLimit = flag.Duration("timeout", 120*time.Second, "time limit of one child process")
	flagNetns = flag.Bool("netns", true, "run each child of (a) in a network namespace of its own (needs root)")
)

// variant is one of the three ways of running a workload.
type variant int

const (
	vSockrepl variant = iota
	vPython
	vC
	nVariants
)

var variantNames = [nVariants]string{"sockrepl", "python", "c"}

// env is what every workload needs: where things are and how to run them.
type env struct {
	dir      string // scratch directory, removed at the end
	sockrepl string // absolute path of the binary under test
	python   string // the real interpreter (sys.executable)
	cc       string
	runner   string                   // the launcher that times each child (runnerC)
	netns    bool                     // the launcher can make network namespaces (root)
	startup  [nVariants]time.Duration // median start-up, for per-command costs
	// startupCPU is sockrepl's median start-up cpu time.
	startupCPU time.Duration
}

// sample is one timed run.
type sample struct {
	wall   time.Duration
	maxRSS int64         // KiB
	cpu    time.Duration // user + system
}

// stats are the medians of several runs of one variant.
type stats struct {
	wall   time.Duration
	maxRSS int64
	cpu    time.Duration
}

func median(xs []sample) stats {
	w := make([]time.Duration, len(xs))
	c := make([]time.Duration, len(xs))
	m := make([]int64, len(xs))
	for i, x := range xs {
		w[i], c[i], m[i] = x.wall, x.cpu, x.maxRSS
	}
	slices.Sort(w)
	slices.Sort(c)
	slices.Sort(m)
	var st stats
	if n := len(xs); n > 0 {
		st.wall = w[n/2]
		st.cpu = c[n/2]
		st.maxRSS = m[n-1] // peak: the largest seen
	}
	return st
}

// runnerC is the launcher every timed child goes through. Go starts
// processes with vfork (CLONE_VM): the child then runs on the parent's
// memory until it execs, and the kernel folds the parent's peak RSS into
// the child's ru_maxrss, so an empty C program would show this program's
// megabytes. The launcher is small; it fork()s for real, execs the
// command, reaps it with wait4 and writes the wall time (from just before
// fork to the reaping) and the child's ru_maxrss to its result file. It
// kills the child after the time limit. With NETNS 1 it first moves into
// a network namespace of its own with loopback up (before the clock
// starts), so that the TIME_WAIT sockets earlier runs left behind, up to
// the kernel's limit of 131,072, do not change what the next run costs.
const runnerC = `#define _GNU_SOURCE
#include <net/if.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static pid_t child;
static volatile sig_atomic_t timedout;
static void onalarm(int sig) { (void)sig; timedout = 1; kill(child, SIGKILL); }

static int fresh_netns(void) {
	if (unshare(CLONE_NEWNET) < 0) { perror("unshare(CLONE_NEWNET)"); return -1; }
	int s = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	struct ifreq ifr;
	memset(&ifr, 0, sizeof ifr);
	strcpy(ifr.ifr_name, "lo");
	if (s < 0 || ioctl(s, SIOCGIFFLAGS, &ifr) < 0) { perror("lo"); return -1; }
	ifr.ifr_flags |= IFF_UP;
	if (ioctl(s, SIOCSIFFLAGS, &ifr) < 0) { perror("lo up"); return -1; }
	close(s);
	return 0;
}

int main(int argc, char **argv) {
	if (argc < 5) { fprintf(stderr, "usage: runner RESULT SECONDS NETNS CMD...\n"); return 2; }
	FILE *res = fopen(argv[1], "we");
	if (!res) { perror(argv[1]); return 2; }
	unsigned limit = (unsigned)atoi(argv[2]);
	if (atoi(argv[3]) && fresh_netns() < 0) return 2;
	argv++; /* the command now starts at argv[3] */
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	child = fork();
	if (child < 0) { perror("fork"); return 2; }
	if (child == 0) {
		execv(argv[3], argv + 3);
		perror(argv[3]);
		_exit(127);
	}
	signal(SIGALRM, onalarm);
	alarm(limit);
	int status;
	struct rusage ru;
	while (wait4(child, &status, 0, &ru) < 0) {}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	long long ns = (t1.tv_sec - t0.tv_sec) * 1000000000LL + (t1.tv_nsec - t0.tv_nsec);
	long long cpu = (ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000LL + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
	fprintf(res, "%lld %ld %d %d %lld\n", ns, ru.ru_maxrss, status, (int)timedout, cpu);
	fclose(res);
	return 0;
}
`

// run runs argv through the launcher with stdin from /dev/null and stdout
// to out (nil: /dev/null), and returns its wall time and peak RSS. stderr
// is kept and shown on failure. ownNet runs it in a network namespace of
// its own when the bench may make one (e.netns).
func run(e *env, argv []string, out *os.File, ownNet bool) (sample, error) {
	null, err := os.OpenFile(os.DevNull, os.O_RDWR, 0)
	if err != nil {
		return sample{}, err
	}
	defer null.Close()
	if out == nil {
		out = null
	}
	errf, err := os.CreateTemp(e.dir, "stderr-")
	if err != nil {
		return sample{}, err
	}
	defer os.Remove(errf.Name())
	defer errf.Close()
	resName := errf.Name() + ".result"
	defer os.Remove(resName)

	secs := int(flagLimit.Seconds())
	netns := "0"
	if ownNet && e.netns {
		netns = "1"
	}
	full := append([]string{e.runner, resName, strconv.Itoa(secs), netns}, argv...)
	p, err := os.StartProcess(e.runner, full, &os.ProcAttr{Files: []*os.File{null, out, errf}})
	if err != nil {
		return sample{}, err
	}
	// Should the launcher itself hang; the pidfd-based Kill cannot hit a
	// reused pid.
	timer := time.AfterFunc(*flagLimit+10*time.Second, func() { p.Kill() })
	ps, err := p.Wait()
	timer.Stop()
	if err != nil {
		return sample{}, err
	}
	raw, rerr := os.ReadFile(resName)
	var ns, rss, cpu int64
	var status, timedOut int
	if _, err := fmt.Sscan(string(raw), &ns, &rss, &status, &timedOut, &cpu); err != nil || rerr != nil || !ps.Success() {
		msg, _ := os.ReadFile(errf.Name())
		return sample{}, fmt.Errorf("launcher failed on %s: %s\n%s", strings.Join(argv, " "), ps, tail(string(msg), 2000))
	}
	s := sample{wall: time.Duration(ns), maxRSS: rss, cpu: time.Duration(cpu) * time.Microsecond}
	ws := syscall.WaitStatus(status)
	if timedOut != 0 || !ws.Exited() || ws.ExitStatus() != 0 {
		msg, _ := os.ReadFile(errf.Name())
		why := fmt.Sprintf("exit status %d", ws.ExitStatus())
		switch {
		case timedOut != 0:
			why = fmt.Sprintf("killed after %v", *flagLimit)
		case ws.Signaled():
			why = "killed by " + ws.Signal().String()
		}
		return s, fmt.Errorf("%s: %s\n%s", strings.Join(argv, " "), why, tail(string(msg), 2000))
	}
	return s, nil
}

func tail(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// workload is one row group of the table.
type workload struct {
	key   string
	title string
	// prepare writes the three variants and returns how to run them; sizes
	// are the problem sizes (one table row each).
	prepare func(e *env) ([]sized, error)
	// ownNet: each child runs in a fresh network namespace (see runnerC).
	ownNet bool
	// after runs after each child (the sink of (c) checks its bytes); nil:
	// nothing.
	after func(v variant) error
}

// sized is one problem size of a workload: its three command lines.
type sized struct {
	label string
	argv  [nVariants][]string
	// check looks at the output of the untimed first run; nil: exit
	// status only.
	check    func(v variant, out string) error
	commands int // statements sockrepl runs, for per-command cost (0: none)
	res      [nVariants]stats
}

func main() {
	flag.Parse()
	if err := mainErr(); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func mainErr() error {
	bin, err := filepath.Abs(*flagBin)
	if err != nil {
		return err
	}
	if _, err := os.Stat(bin); err != nil {
		return fmt.Errorf("%v (run make build first, or give -bin)", err)
	}
	e := &env{sockrepl: bin}
	if e.python, err = realPython(); err != nil {
		return err
	}
	if e.cc, err = exec.LookPath("cc"); err != nil {
		return fmt.Errorf("a C compiler (cc) is needed: %v", err)
	}
	if e.dir, err = os.MkdirTemp("", "sockrepl-bench-"); err != nil {
		return err
	}
	defer os.RemoveAll(e.dir)
	if e.runner, err = compileC(e, "runner", runnerC); err != nil {
		return err
	}
	// Children inherit the raised descriptor limit (15,000 sockets in (b)).
	// Calling Setrlimit also stops the runtime from putting the original
	// soft limit back for them.
	var rl syscall.Rlimit
	if err := syscall.Getrlimit(syscall.RLIMIT_NOFILE, &rl); err == nil {
		rl.Cur = rl.Max
		syscall.Setrlimit(syscall.RLIMIT_NOFILE, &rl)
	}

	// A fresh network namespace per run needs CAP_SYS_ADMIN; without it
	// every run shares this one.
	_, probeErr := run(e, []string{"/bin/true"}, nil, false)
	e.netns = *flagNetns
	if _, err := run(e, []string{"/bin/true"}, nil, true); err != nil || probeErr != nil {
		e.netns = false
	}

	printEnv(e, rl)
	only := map[string]bool{}
	for _, k := range strings.Split(*flagOnly, ",") {
		only[strings.TrimSpace(k)] = true
	}
	var results []*workloadResult
	// Start-up always runs first: (b) subtracts it from its totals.
	for _, w := range allWorkloads() {
		if !only[w.key] && !(w.key == "d" && only["b"]) {
			continue
		}
		fmt.Fprintf(os.Stderr, "== (%s) %s\n", w.key, w.title)
		r, err := runWorkload(e, w)
		if err != nil {
			return fmt.Errorf("(%s) %s: %w", w.key, w.title, err)
		}
		if w.key == "d" {
			for v := range nVariants {
				e.startup[v] = r.sizes[0].res[v].wall
			}
			e.startupCPU = r.sizes[0].res[vSockrepl].cpu
			if !only["d"] {
				continue
			}
		}
		results = append(results, r)
	}
	report(os.Stdout, e, results)
	if only["s"] {
		fmt.Fprintln(os.Stderr, "== (s) CPU per statement by spelling")
		if err := runSpellings(e, os.Stdout); err != nil {
			return fmt.Errorf("(s) spellings: %w", err)
		}
	}
	if only["w"] {
		fmt.Fprintln(os.Stderr, "== (w) the wire view on vs off")
		if err := runWire(e, os.Stdout); err != nil {
			return fmt.Errorf("(w) wire: %w", err)
		}
	}
	if l := loadavg(); l != "" {
		fmt.Printf("\nload average at the end: %s\n", l)
	}
	return nil
}

// loadavg is /proc/loadavg's first three numbers: a busy machine stretches
// wall times (the cpu column much less), so the table says how busy it was.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return ""
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return ""
	}
	return strings.Join(f[:3], " ")
}

type workloadResult struct {
	w     *workload
	sizes []sized
}

func runWorkload(e *env, w *workload) (*workloadResult, error) {
	sizes, err := w.prepare(e)
	if err != nil {
		return nil, err
	}
	once := func(v variant, sz *sized, out *os.File) (sample, error) {
		s, err := run(e, sz.argv[v], out, w.ownNet)
		if err != nil {
			return s, err
		}
		if w.after != nil {
			if err := w.after(v); err != nil {
				return s, fmt.Errorf("%s: %w", variantNames[v], err)
			}
		}
		return s, nil
	}
	for i := range sizes {
		sz := &sizes[i]
		// One untimed run each: it must work, and it warms the caches.
		for v := range nVariants {
			out, err := os.CreateTemp(e.dir, "out-")
			if err != nil {
				return nil, err
			}
			_, err = once(v, sz, out)
			out.Close()
			if err != nil {
				return nil, err
			}
			text, _ := os.ReadFile(out.Name())
			os.Remove(out.Name())
			if sz.check != nil {
				if err := sz.check(v, string(text)); err != nil {
					return nil, fmt.Errorf("%s %s: %w", sz.label, variantNames[v], err)
				}
			}
		}
		runs := *flagRuns
		if w.key == "d" {
			runs *= 3 // cheap, and noisier
		}
		var samples [nVariants][]sample
		for r := 0; r < runs; r++ {
			for v := range nVariants {
				s, err := once(v, sz, nil)
				if err != nil {
					return nil, err
				}
				samples[v] = append(samples[v], s)
				if *flagV {
					fmt.Fprintf(os.Stderr, "   %-28s %-8s run %d: %8.2f ms wall %8.2f ms cpu %6.1f MiB\n", sz.label, variantNames[v], r+1, ms(s.wall), ms(s.cpu), mib(s.maxRSS))
				}
			}
		}
		for v := range nVariants {
			sz.res[v] = median(samples[v])
		}
	}
	return &workloadResult{w: w, sizes: sizes}, nil
}

// realPython resolves python3 to the interpreter itself: a version
// manager's shim (pyenv) is a shell script that adds tens of milliseconds
// to every start.
func realPython() (string, error) {
	out, err := exec.Command("python3", "-c", "import sys; print(sys.executable)").Output()
	if err != nil {
		return "", fmt.Errorf("python3 is needed for the comparison: %v", err)
	}
	p := strings.TrimSpace(string(out))
	if p == "" {
		return "", fmt.Errorf("python3 did not say where its interpreter is")
	}
	return p, nil
}

func printEnv(e *env, rl syscall.Rlimit) {
	pyv, _ := exec.Command(e.python, "-c", "import sys; print(sys.version.split()[0])").Output()
	ccv, _ := exec.Command(e.cc, "--version").Output()
	ccLine, _, _ := strings.Cut(string(ccv), "\n")
	var uts syscall.Utsname
	syscall.Uname(&uts)
	fmt.Printf("sockrepl benchmark: %s, %d CPUs, Linux %s, %s\n", runtime.GOARCH, runtime.NumCPU(), cstr(uts.Release[:]), runtime.Version())
	fmt.Printf("  sockrepl: %s\n  python:   %s (%s)\n  c:        %s -O2 (%s)\n  runs:     %d per variant (start-up: %d), median; RLIMIT_NOFILE %d\n  netns:    %s\n  load:     %s at the start\n\n",
		e.sockrepl, e.python, strings.TrimSpace(string(pyv)), e.cc, ccLine, *flagRuns, *flagRuns*3, rl.Cur, netnsText(e), loadavg())
}

func netnsText(e *env) string {
	if e.netns {
		return "a fresh network namespace for each run of (a)"
	}
	return "one shared network namespace (making one per run of (a) needs root)"
}

func cstr(b []int8) string {
	var s []byte
	for _, c := range b {
		if c == 0 {
			break
		}
		s = append(s, byte(c))
	}
	return string(s)
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
func mib(kib int64) float64      { return float64(kib) / 1024 }

// writeFile writes a generated source into the scratch directory.
func writeFile(e *env, name, text string) (string, error) {
	p := filepath.Join(e.dir, name)
	return p, os.WriteFile(p, []byte(text), 0o644)
}

// pyAndC writes a workload's Python variant and compiles its C one.
func pyAndC(e *env, name, py, c string) (pyPath, exe string, err error) {
	if pyPath, err = writeFile(e, name+".py", py); err != nil {
		return "", "", err
	}
	exe, err = compileC(e, name, c)
	return pyPath, exe, err
}

// compileC writes and compiles a C program with cc -O2.
func compileC(e *env, name, src string) (string, error) {
	c, err := writeFile(e, name+".c", src)
	if err != nil {
		return "", err
	}
	exe := filepath.Join(e.dir, name)
	out, err := exec.Command(e.cc, "-O2", "-o", exe, c).CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("cc -O2 %s: %v\n%s", c, err, out)
	}
	return exe, nil
}

// target is one line of the verdict.
type target struct {
	what string
	got  string
	pass bool
}

func report(w io.Writer, e *env, results []*workloadResult) {
	fmt.Fprintln(w, "wall time: median; s/C, s/Py: sockrepl's wall time over C's and Python's; cpu: median user+system")
	fmt.Fprintf(w, "%-30s %10s %10s %10s %7s %7s   %-26s %s\n", "workload", "sockrepl", "python", "c", "s/C", "s/Py", "cpu ms (s / py / c)", "peak RSS MiB (s / py / c)")
	var targets []target
	for _, r := range results {
		for _, sz := range r.sizes {
			s, p, c := sz.res[vSockrepl], sz.res[vPython], sz.res[vC]
			fmt.Fprintf(w, "%-30s %10s %10s %10s %6.2fx %6.2fx   %-26s %5.1f / %5.1f / %5.1f\n",
				"("+r.w.key+") "+sz.label, dur(s.wall), dur(p.wall), dur(c.wall),
				ratio(s.wall, c.wall), ratio(s.wall, p.wall),
				fmt.Sprintf("%.1f / %.1f / %.1f", ms(s.cpu), ms(p.cpu), ms(c.cpu)),
				mib(s.maxRSS), mib(p.maxRSS), mib(c.maxRSS))
		}
		targets = append(targets, verdicts(e, r)...)
	}
	fmt.Fprintln(w)
	for _, t := range targets {
		mark := "MISS"
		if t.pass {
			mark = "PASS"
		}
		fmt.Fprintf(w, "  %s  %-46s %s\n", mark, t.what, t.got)
	}
}

func dur(d time.Duration) string {
	if d < 10*time.Millisecond {
		return fmt.Sprintf("%.2f ms", ms(d))
	}
	return fmt.Sprintf("%.1f ms", ms(d))
}

func ratio(a, b time.Duration) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// verdicts checks a workload's results against the targets.
func verdicts(e *env, r *workloadResult) []target {
	sz := r.sizes
	switch r.w.key {
	case "a":
		s, p, c := sz[0].res[vSockrepl], sz[0].res[vPython], sz[0].res[vC]
		out := []target{
			{what: "(a) sockrepl <= 1.5x C", got: fmt.Sprintf("%.2fx", ratio(s.wall, c.wall)), pass: ratio(s.wall, c.wall) <= 1.5},
			{what: "(a) sockrepl <= 0.5x Python", got: fmt.Sprintf("%.2fx", ratio(s.wall, p.wall)), pass: ratio(s.wall, p.wall) <= 0.5},
			{what: "(a) sockrepl peak memory <= 20 MiB", got: fmt.Sprintf("%.1f MiB", mib(s.maxRSS)), pass: s.maxRSS <= 20*1024},
		}
		if len(sz) > 1 {
			// The same calls written as the README writes them.
			w, c := sz[1].res[vSockrepl], sz[1].res[vC]
			out = append(out,
				target{what: "(a) README spelling <= 1.5x C", got: fmt.Sprintf("%.2fx (cpu %.2fx)", ratio(w.wall, c.wall), ratio(w.cpu, c.cpu)), pass: ratio(w.wall, c.wall) <= 1.5},
				target{what: "(a) README spelling <= 1.5x short spelling", got: fmt.Sprintf("%.2fx (cpu %.2fx)", ratio(w.wall, s.wall), ratio(w.cpu, s.cpu)), pass: ratio(w.wall, s.wall) <= 1.5})
		}
		return out
	case "b":
		small, big := sz[0], sz[1]
		per := func(x sized) float64 {
			return float64(x.res[vSockrepl].wall-e.startup[vSockrepl]) / float64(x.commands)
		}
		perCPU := func(x sized) float64 {
			return float64(x.res[vSockrepl].cpu-e.startupCPU) / float64(x.commands)
		}
		ps, pb := per(small), per(big)
		return []target{{
			what: "(b) per command at 15,000 <= 1.3x at 1,500",
			got: fmt.Sprintf("%.2fx (%.1f us vs %.1f us a command, start-up taken off; cpu %.2fx)",
				pb/ps, pb/1e3, ps/1e3, perCPU(big)/perCPU(small)),
			pass: pb/ps <= 1.3,
		}}
	case "c":
		s, c := sz[0].res[vSockrepl], sz[0].res[vC]
		th := func(d time.Duration) float64 { return float64(sinkBytes) / (1 << 20) / d.Seconds() }
		return []target{{
			what: "(c) sendall throughput >= 0.9x C",
			got:  fmt.Sprintf("%.2fx (%.0f MiB/s vs %.0f MiB/s, whole process)", th(s.wall)/th(c.wall), th(s.wall), th(c.wall)),
			pass: th(s.wall)/th(c.wall) >= 0.9,
		}}
	case "d":
		s := sz[0].res[vSockrepl]
		return []target{{what: "(d) start-up <= 5 ms", got: dur(s.wall), pass: s.wall <= 5*time.Millisecond}}
	}
	return nil
}
