package stdlib_test

import (
	"bytes"
	"os"
	"runtime"
	"testing"
)

// TestProcesses runs cells that start and signal processes: the tables hold
// the real os/exec, os/signal and syscall.
func TestProcesses(t *testing.T) {
	cases := []struct {
		name string
		skip string // reason to skip, if any
		prog string
		want string
	}{
		{
			name: "echo",
			skip: missing("/bin/echo"),
			prog: `package main

import (
	"fmt"
	"os/exec"
)

func main() {
	out, err := exec.Command("/bin/echo", "hi").Output()
	fmt.Printf("%q %v\n", out, err)
}`,
			want: "\"hi\\n\" <nil>\n",
		},
		{
			// The test binary prints its arguments when GOKERNEL_STDLIB_CHILD=echo.
			name: "self",
			prog: `package main

import (
	"fmt"
	"os"
	"os/exec"
	"strings"
)

func main() {
	cmd := exec.Command(os.Args[0], "from", "a", "cell")
	cmd.Env = append(os.Environ(), "GOKERNEL_STDLIB_CHILD=echo")
	var out strings.Builder
	cmd.Stdout = &out
	err := cmd.Run()
	fmt.Printf("%q %v %d\n", out.String(), err, cmd.ProcessState.ExitCode())
}`,
			want: "\"from a cell\\n\" <nil> 0\n",
		},
		{
			name: "signal",
			skip: skipOn("windows", "plan9"),
			prog: `package main

import (
	"fmt"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	c := make(chan os.Signal, 1)
	signal.Notify(c, syscall.SIGUSR1)
	defer signal.Stop(c)
	if err := syscall.Kill(os.Getpid(), syscall.SIGUSR1); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(<-c)
}`,
			want: "user defined signal 1\n",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if c.skip != "" {
				t.Skip(c.skip)
			}
			var out bytes.Buffer
			i := newInterp(t, &out)
			if _, err := i.Eval(c.prog); err != nil {
				t.Fatalf("Eval: %v\n%s", err, out.String())
			}
			if out.String() != c.want {
				t.Errorf("output %q, want %q", out.String(), c.want)
			}
		})
	}
}

// missing returns a skip reason if file does not exist.
func missing(file string) string {
	if _, err := os.Stat(file); err != nil {
		return file + " not available"
	}
	return ""
}

// skipOn returns a skip reason if the test runs on one of goos.
func skipOn(goos ...string) string {
	for _, g := range goos {
		if runtime.GOOS == g {
			return "not supported on " + g
		}
	}
	return ""
}
