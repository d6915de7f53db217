package main

import (
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"strconv"
	"strings"

	"github.com/gokernel/gokernel/kernel/worker/protocol"
	"github.com/gokernel/gokernel/kernel/zmq"
)

// maxMessageEnv caps one Jupyter message (every frame together), in MiB.
const maxMessageEnv = "GOKERNEL_MAX_MESSAGE"

// kernelArgs parses `gokernel kernel [flags] FILE`. Each flag sets the
// environment variable of its limit (so the worker sees it too), which is
// how a kernelspec's "env" sets the same limits.
func kernelArgs(args []string, stderr io.Writer) (connFile string, err error) {
	fs := flag.NewFlagSet("gokernel kernel", flag.ContinueOnError)
	fs.SetOutput(stderr)
	vars := map[string]string{}
	for _, f := range []struct {
		name, env, usage string
		least            int
	}{
		{"memory-limit", protocol.MemoryLimitEnv, fmt.Sprintf("the worker's memory limit in MiB; 0: none (default %d)",
			protocol.DefaultMemoryLimitMiB), 0},
		{"max-children", protocol.MaxChildrenEnv, fmt.Sprintf("live child processes a session may run; 0: no cap (default %d)",
			protocol.DefaultMaxChildren), 0},
		{"max-message", maxMessageEnv, fmt.Sprintf("largest message a client may send, in MiB (default %d)",
			zmq.DefaultLimits.MaxMessage>>20), 1},
	} {
		fs.Func(f.name, f.usage+"; or set "+f.env, func(v string) error {
			if n, err := strconv.Atoi(v); err != nil || n < f.least {
				return fmt.Errorf("want a whole number >= %d", f.least)
			}
			vars[f.env] = v
			return nil
		})
	}
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: gokernel kernel [flags] CONNECTION_FILE")
		fs.PrintDefaults()
	}
	// Flags may come before or after the file: a kernelspec's argv ends
	// in {connection_file}, and jupyter_client appends extra arguments.
	var files []string
	for {
		if err := fs.Parse(args); err != nil {
			return "", err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		args = fs.Args()[1:]
	}
	if len(files) != 1 {
		fs.Usage()
		return "", flag.ErrHelp
	}
	for k, v := range vars {
		os.Setenv(k, v)
	}
	if _, errs := protocol.LimitsFromEnv(os.Environ()); errs != nil {
		for _, e := range errs {
			log.Printf("gokernel: %v", e)
		}
	}
	return files[0], nil
}

// transportLimits are the guarded transport's limits with the message cap
// of $GOKERNEL_MAX_MESSAGE (MiB) when set: one frame and one message may
// each be at most that large.
func transportLimits() zmq.Limits {
	lim := zmq.DefaultLimits
	v, ok := os.LookupEnv(maxMessageEnv)
	if !ok {
		return lim
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n <= 0 {
		log.Printf("gokernel: ignoring %s=%q: not a number of MiB > 0", maxMessageEnv, v)
		return lim
	}
	lim.MaxMessage = n << 20
	lim.MaxFrame = n << 20
	return lim
}
