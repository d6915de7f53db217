// Command gokernel is a Jupyter kernel for Go: it runs Go cells with the
// yaegi interpreter in a supervised worker process.
//
//	gokernel install [--user | --sys-prefix | --prefix DIR] [--name NAME] [--display-name TEXT] [--env KEY VALUE]
//	gokernel kernel [flags] CONNECTION_FILE   (what Jupyter runs; flags set limits)
//	gokernel script [NOTEBOOK]         (a notebook as one Go program)
//	gokernel version
//	gokernel help
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"path/filepath"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"github.com/gokernel/gokernel/install"
	"github.com/gokernel/gokernel/internal/trim"
	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/engine/pkgsyms"
	"github.com/gokernel/gokernel/kernel/gotypes"
	"github.com/gokernel/gokernel/kernel/history"
	"github.com/gokernel/gokernel/kernel/worker"
	"github.com/gokernel/gokernel/kernel/worker/serve"
	"github.com/gokernel/gokernel/kernel/zmq"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "0.1.0-dev"

const usage = `gokernel runs Go cells in Jupyter (JupyterLab, Notebook, nbconvert, papermill).

Usage:
  gokernel install [--user | --sys-prefix | --prefix DIR] [--name NAME]
                   [--display-name TEXT] [--env KEY VALUE]...
                             write the "gokernel" kernelspec (default --user;
                             --user honours JUPYTER_DATA_DIR); also spelled
                             gokernel --install (GoNB); see install --help
  gokernel kernel [flags] FILE
                             run the kernel on a Jupyter connection file;
                             --memory-limit MiB, --max-children N and
                             --max-message MiB set the session's limits
                             (see gokernel kernel -h)
  gokernel script [NB]       print notebook NB (or stdin) as a Go program for
                             go run (what jupyter nbconvert --to script uses)
  gokernel version           print the version
  gokernel help              print this help

Remove the kernelspec with: jupyter kernelspec remove gokernel
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	switch args[0] {
	case "kernel":
		file, err := kernelArgs(args[1:], stderr)
		if err != nil {
			return 2
		}
		if err := runKernel(file); err != nil {
			fmt.Fprintln(stderr, "gokernel:", err)
			return 1
		}
	case "worker":
		if err := serve.Serve(); err != nil {
			fmt.Fprintln(stderr, "gokernel worker:", err)
			return 1
		}
	case "uninstall", "--uninstall", "remove":
		fmt.Fprintln(stderr, "gokernel: remove the kernelspec with: jupyter kernelspec remove gokernel (or the --name you installed it under)")
		return 2
	case "install", "--install", "-install": // --install: GoNB's spelling
		exe, err := executable()
		if err == nil {
			err = install.Run(args[1:], exe, stdout)
		}
		if err != nil {
			fmt.Fprintln(stderr, "gokernel install:", err)
			return 1
		}
	case "script":
		return runScript(args[1:], os.Stdin, stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintf(stdout, "gokernel %s (%s, yaegi v0.16.1)\n", version, runtime.Version())
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "gokernel: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	return 0
}

// executable returns the absolute path of this binary.
func executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", err
	}
	if p, err := filepath.EvalSymlinks(exe); err == nil {
		exe = p
	}
	return filepath.Abs(exe)
}

// processStarted is when this process started, as near as Go can tell.
var processStarted = time.Now()

// runKernel serves one Jupyter session until shutdown_request or SIGTERM.
// SIGINT (Jupyter's "signal" interrupt mode, and what shutdown sends first)
// interrupts the running cell instead of killing the kernel.
func runKernel(connFile string) error {
	info, err := kernel.ReadConnectionFile(connFile)
	if err != nil {
		return err
	}
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, syscall.SIGHUP)
	defer stop()
	ctx = withParent(ctx)
	tr, err := zmq.ListenLimits(ctx, info, transportLimits())
	if err != nil {
		return err
	}
	sup := &worker.Supervisor{}
	checker := gotypes.New(sup, pkgsyms.Preload())
	if typeCheckCells() {
		sup.Checker = checker
	}
	k, err := kernel.New(kernel.Config{
		Transport:       tr,
		Interpreter:     sup,
		Assistant:       gotypes.Assistant{Checker: checker},
		Key:             []byte(info.Key),
		SignatureScheme: info.SignatureScheme,
		Info:            kernelInfo(),
		Log:             log.New(os.Stderr, "gokernel: ", log.LstdFlags),
		History:         openHistory(),
		StreamRate:      streamRate(),
		Started:         processStarted,
	})
	if err != nil {
		tr.Close()
		return err
	}
	sigint := make(chan os.Signal, 1)
	signal.Notify(sigint, os.Interrupt)
	go func() {
		for range sigint {
			k.Interrupt()
		}
	}()
	// The kernel process needs little of the binary that it shares with the
	// worker, once package inits have run; give the rest back (see
	// internal/trim).
	trim.Binary()
	return k.Run(ctx)
}

// withParent returns a context that ends when the process that started the
// kernel dies: jupyter_client names itself in JPY_PARENT_PID, and a kernel
// whose client was killed would otherwise live on, with its worker, until
// the machine stops (ipykernel polls its parent the same way). When the
// parent dies the kernel is re-parented, so getppid changes.
func withParent(ctx context.Context) context.Context {
	parent, err := strconv.Atoi(os.Getenv("JPY_PARENT_PID"))
	if err != nil || parent <= 1 || os.Getppid() != parent {
		return ctx // not started by a Jupyter client we can watch
	}
	ctx, cancel := context.WithCancel(ctx)
	go func() {
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
				if os.Getppid() != parent {
					log.Printf("gokernel: parent process %d is gone; shutting down", parent)
					cancel()
					return
				}
			}
		}
	}()
	return ctx
}

// serverStreamRate keeps stream output under jupyter_server's default IOPub
// data rate limit, above which the server drops output: at most 3 MB of
// message frames in any 3 s. The pacer allows a quarter-second burst, so the
// worst 3 s window carries 3.25 × 700 kB = 2.3 MB, leaving room for a server
// that reads late and then all at once.
const serverStreamRate = 700_000

// typeCheckCells reports whether cells are type-checked before they run
// (kernel/gotypes.Precheck): yes unless $GOKERNEL_TYPECHECK is "off".
func typeCheckCells() bool { return os.Getenv("GOKERNEL_TYPECHECK") != "off" }

// streamRate is the stream output limit in bytes per second: $GOKERNEL_STREAM_RATE
// if set (0 for none); else serverStreamRate when a Jupyter server started
// the kernel for a notebook or console (it sets JPY_SESSION_NAME); else no
// limit (nbclient, papermill and jupyter_client read IOPub directly).
func streamRate() int {
	if v, ok := os.LookupEnv("GOKERNEL_STREAM_RATE"); ok {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 {
			return n
		}
		log.Printf("gokernel: ignoring GOKERNEL_STREAM_RATE=%q: not a number of bytes per second", v)
	}
	if os.Getenv("JPY_SESSION_NAME") != "" {
		return serverStreamRate
	}
	return 0
}

func kernelInfo() kernel.Info {
	goVersion := runtime.Version()
	if len(goVersion) > 2 && goVersion[:2] == "go" {
		goVersion = goVersion[2:]
	}
	return kernel.Info{
		Implementation:        "gokernel",
		ImplementationVersion: version,
		Banner: fmt.Sprintf("gokernel %s — Go %s cells interpreted by yaegi v0.16.1 in a supervised worker process",
			version, goVersion),
		Language: kernel.LanguageInfo{
			Name:           "go",
			Version:        goVersion,
			Mimetype:       "text/x-go",
			FileExtension:  ".go",
			PygmentsLexer:  "go",
			CodemirrorMode: "go",
			// python/gokernel_jupyter registers it: the notebook as a Go program.
			NbconvertExporter: "gokernel",
		},
		HelpLinks: []kernel.HelpLink{
			{Text: "Go language specification", URL: "https://go.dev/ref/spec"},
			{Text: "Go standard library", URL: "https://pkg.go.dev/std"},
			{Text: "yaegi interpreter", URL: "https://github.com/traefik/yaegi"},
		},
	}
}

// openHistory opens this session's history in the user's Jupyter data
// directory (gokernel/history.jsonl), or returns nil, after saying why on
// stderr, when it cannot: the kernel then answers history requests empty.
func openHistory() *history.Store {
	dir, err := install.UserDataDir()
	if err == nil {
		var h *history.Store
		if h, err = history.Open(filepath.Join(dir, "gokernel"), history.Options{}); err == nil {
			return h
		}
	}
	fmt.Fprintln(os.Stderr, "gokernel: no history:", err)
	return nil
}
