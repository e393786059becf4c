// The runtime otherwise keeps two cgroup files open for the whole run (to
// follow CPU limits), which would push the learner's first socket off fd 3.
// A shell that makes one call at a time has no use for that.

//go:debug containermaxprocs=0
//go:debug updatemaxprocs=0

// Command sockrepl is an interactive shell for exploring BSD sockets by hand.
package main

import (
	"os"

	"sockrepl/internal/cli"
)

func main() { os.Exit(cli.Main(os.Args[1:], cli.OS())) }
