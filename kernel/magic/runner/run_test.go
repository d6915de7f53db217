package runner

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/gokernel/gokernel/kernel/engine"
	"github.com/gokernel/gokernel/kernel/magic"
)

// runner is a Runner on a real engine session whose stdout lines arrive on
// a channel.
type runner struct {
	*Runner
	lines chan string
}

func newRunner(t *testing.T) *runner {
	t.Helper()
	outR, outW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	sess, err := engine.New(engine.Options{Stdout: outW, Stderr: outW})
	if err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 1000)
	done := make(chan struct{})
	go func() {
		defer close(done)
		sc := bufio.NewScanner(outR)
		for sc.Scan() {
			lines <- sc.Text()
		}
	}()
	t.Cleanup(func() { outW.Close(); <-done; outR.Close() })
	return &runner{Runner: &Runner{Sess: sess, Stdout: outW, Stderr: outW}, lines: lines}
}

// run runs a cell and fails the test if it fails.
func (r *runner) run(t *testing.T, src string) (*engine.Outcome, *magic.State) {
	t.Helper()
	out, st := r.Run(context.Background(), "cell[1]", src)
	if out.Err != nil {
		t.Fatalf("%q failed: %s: %s", src, out.Err.Name, out.Err.Value)
	}
	return out, st
}

// next returns the next line of output.
func (r *runner) next(t *testing.T) string {
	t.Helper()
	return <-r.lines
}

func TestRunnerEnvCdAndRestore(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses sh")
	}
	t.Chdir(t.TempDir())
	t.Setenv("GK_MAGIC_A", "old")
	t.Setenv("GK_MAGIC_GONE", "x")
	dir := t.TempDir()
	r := newRunner(t)

	_, st := r.run(t, "%env GK_MAGIC_A=new value")
	if got := r.next(t); got != "env: GK_MAGIC_A=new value" {
		t.Errorf("%%env set printed %q", got)
	}
	if st == nil || st.Env["GK_MAGIC_A"] != "new value" {
		t.Errorf("magic.State after %%env = %+v", st)
	}
	out, _ := r.run(t, "%env GK_MAGIC_A")
	if out.Value == nil || out.Value.Text != `"new value"` {
		t.Errorf("%%env get = %+v", out.Value)
	}
	r.run(t, "%env -u GK_MAGIC_GONE")
	r.next(t)
	_, st = r.run(t, "%cd "+dir)
	want, _ := filepath.EvalSymlinks(dir)
	if got := r.next(t); got != want && got != dir {
		t.Errorf("%%cd printed %q, want %q", got, dir)
	}
	out, _ = r.run(t, "%pwd")
	if out.Value == nil || !strings.Contains(out.Value.Text, filepath.Base(dir)) {
		t.Errorf("%%pwd = %+v", out.Value)
	}
	// Cell code and shell commands see both.
	r.run(t, "!echo $GK_MAGIC_A; pwd; echo ${GK_MAGIC_GONE-unset}")
	if got := r.next(t); got != "new value" {
		t.Errorf("!echo $GK_MAGIC_A printed %q", got)
	}
	if got := r.next(t); filepath.Base(got) != filepath.Base(dir) {
		t.Errorf("!pwd printed %q, want %s", got, dir)
	}
	if got := r.next(t); got != "unset" {
		t.Errorf("unset variable printed %q", got)
	}

	// A later worker: another process in life, here the same process put
	// back where it started, then given the State.
	os.Chdir(os.TempDir())
	os.Setenv("GK_MAGIC_A", "old")
	os.Setenv("GK_MAGIC_GONE", "x")
	fresh := newRunner(t)
	if fails := fresh.Restore(*st); len(fails) > 0 {
		t.Fatalf("Restore: %v", fails)
	}
	if os.Getenv("GK_MAGIC_A") != "new value" {
		t.Errorf("Restore left GK_MAGIC_A=%q", os.Getenv("GK_MAGIC_A"))
	}
	if _, ok := os.LookupEnv("GK_MAGIC_GONE"); ok {
		t.Error("Restore left GK_MAGIC_GONE set")
	}
	if wd, _ := os.Getwd(); filepath.Base(wd) != filepath.Base(dir) {
		t.Errorf("Restore left the directory %s, want %s", wd, dir)
	}
}

func TestRunnerWritefileWhoTime(t *testing.T) {
	t.Chdir(t.TempDir())
	r := newRunner(t)
	r.run(t, "%%writefile notes.txt\nline 1\nline 2\n")
	if got := r.next(t); got != "Writing notes.txt" {
		t.Errorf("%%%%writefile printed %q", got)
	}
	r.run(t, "%%writefile -a notes.txt\nline 3\n")
	if got := r.next(t); got != "Appending to notes.txt" {
		t.Errorf("%%%%writefile -a printed %q", got)
	}
	b, err := os.ReadFile("notes.txt")
	if err != nil || string(b) != "line 1\nline 2\nline 3\n" {
		t.Errorf("notes.txt = %q, %v", b, err)
	}

	r.run(t, "n := 42\nvar s = \"hi\"\nfunc f() int { return n }")
	r.run(t, "%who")
	if got := r.next(t); got != "f\tn\ts\t" {
		t.Errorf("%%who printed %q", got)
	}
	r.run(t, "%whos var")
	var table []string
	for range 4 {
		table = append(table, strings.Join(strings.Fields(r.next(t)), " "))
	}
	if want := []string{"Name Kind Type Value", "---- ---- ---- -----", "n var int 42", `s var string "hi"`}; strings.Join(table, "|") != strings.Join(want, "|") {
		t.Errorf("%%whos var printed\n%s\nwant\n%s", strings.Join(table, "\n"), strings.Join(want, "\n"))
	}

	out, _ := r.run(t, "%time f() + 1")
	if out.Value == nil || out.Value.Text != "43" {
		t.Errorf("%%time value = %+v", out.Value)
	}
	if got := r.next(t); !strings.HasPrefix(got, "CPU times: user ") {
		t.Errorf("%%time printed %q", got)
	}
	if got := r.next(t); !strings.HasPrefix(got, "Wall time: ") {
		t.Errorf("%%time printed %q", got)
	}
	// %%time's body may have magics of its own.
	dir := t.TempDir()
	_, st := r.run(t, "%%time\n%cd "+dir+"\n!echo in body")
	if st == nil || st.Dir == "" {
		t.Errorf("%%%%time with %%cd inside reported magic.State %+v", st)
	}
	for _, want := range []string{"", "in body", "CPU times: ", "Wall time: "} {
		if got := r.next(t); !strings.HasPrefix(got, want) {
			t.Errorf("%%%%time with magics printed %q, want %q…", got, want)
		}
	}
	r.run(t, "count := 0")
	r.run(t, "%timeit -n 4 -r 3 count++")
	if got := r.next(t); !strings.Contains(got, " ± ") || !strings.HasSuffix(got, "per loop (mean ± std. dev. of 3 runs, 4 loops each)") {
		t.Errorf("%%timeit printed %q", got)
	}
	// Three runs of no loop measure the overhead, then 3 runs of 4.
	if out, _ := r.run(t, "count"); out.Value == nil || out.Value.Text != "12" {
		t.Errorf("count after %%timeit = %+v, want 12", out.Value)
	}
}

func TestRunnerErrors(t *testing.T) {
	r := newRunner(t)
	for _, tc := range []struct{ src, name, msg string }{
		{"x := 1\n%time x", "UsageError", "cell[1]:2: %time is a magic command"},
		{"%nosuch", "UsageError", "Line magic function `%nosuch` not found"},
		{"%%nosuch\nx", "UsageError", "Cell magic function `%%nosuch` not found"},
		{"%time", "UsageError", "%time needs a statement"},
		{"%reset", "UsageError", "%reset must be alone in its cell"},
		{"%time undefinedName", "CompileError", "undefined: undefinedName"},
		{"%env NOPE_NOT_SET_ANYWHERE", "UsageError", "environment does not have key"},
	} {
		out, _ := r.Run(context.Background(), "cell[1]", tc.src)
		if out.Err == nil || out.Err.Name != tc.name || !strings.Contains(out.Err.Value, tc.msg) {
			t.Errorf("%q: err = %+v, want %s containing %q", tc.src, out.Err, tc.name, tc.msg)
		}
	}
}

func TestRunnerShellInterrupt(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("uses sh")
	}
	r := newRunner(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan *engine.Outcome)
	go func() {
		out, _ := r.Run(ctx, "cell[1]", "!echo started; sleep 300; echo not reached")
		done <- out
	}()
	if got := r.next(t); got != "started" {
		t.Fatalf("printed %q", got)
	}
	cancel()
	out := <-done
	if out.Err != nil {
		t.Errorf("interrupted shell: %+v (the worker names the interrupt)", out.Err)
	}
	r.run(t, `!echo after`)
	if got := r.next(t); got != "after" {
		t.Errorf("after the interrupt printed %q, want after", got)
	}
}

func TestRunnerNoShell(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := newRunner(t)
	out, _ := r.Run(context.Background(), "cell[1]", "%%bash\necho hi")
	if out.Err == nil || out.Err.Name != "NoShell" || !strings.Contains(out.Err.Value, "bash was not found on PATH") {
		t.Errorf("%%%%bash without bash: %+v", out.Err)
	}
}
