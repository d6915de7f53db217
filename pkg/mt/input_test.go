package mt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

func withStdin(t *testing.T, r io.Reader) {
	t.Helper()
	old := Stdin
	Stdin = r
	t.Cleanup(func() { Stdin = old; SetInputs() })
}

func TestInputScripted(t *testing.T) {
	stdout, _ := captureOutput(t)
	withStdin(t, strings.NewReader("from stdin\n"))
	SetInputs("test_dir", "no_such_dir")
	for _, want := range []string{"from stdin", "test_dir", "no_such_dir"} {
		got, err := Input("name: ")
		if err != nil || got != want {
			t.Errorf("Input = %q, %v; want %q", got, err, want)
		}
	}
	if _, err := Input("more: "); !errors.Is(err, EOFError) || err.Error() != "EOFError: EOF when reading a line" {
		t.Errorf("Input at EOF = %v", err)
	}
	if want := "name: name: test_dir\nname: no_such_dir\nmore: "; stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}
}

func TestInputStdinFails(t *testing.T) {
	captureOutput(t)
	withStdin(t, errReader{errors.New("stdin not allowed")})
	SetInputs("scripted")
	if got, err := Input("? "); got != "scripted" || err != nil {
		t.Errorf("Input = %q, %v", got, err)
	}
	if _, err := Input("? "); !errors.Is(err, EOFError) {
		t.Errorf("Input with no answers left = %v", err)
	}
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }

func TestInputReadsOnlyItsLine(t *testing.T) {
	captureOutput(t)
	r := strings.NewReader("one\r\ntwo\nrest")
	withStdin(t, r)
	tests := []struct{ want string }{{"one"}, {"two"}, {"rest"}}
	for _, tc := range tests {
		got, err := Input("")
		if err != nil || got != tc.want {
			t.Errorf("Input = %q, %v; want %q", got, err, tc.want)
		}
	}
}

func TestInputCtxCancelKeepsLine(t *testing.T) {
	captureOutput(t)
	pr, pw := io.Pipe()
	withStdin(t, pr)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := InputCtx(ctx, "? "); !errors.Is(err, context.Canceled) {
		t.Fatalf("InputCtx = %v", err)
	}
	go func() { _, _ = pw.Write([]byte("late\n")) }()
	if got, err := Input("? "); got != "late" || err != nil {
		t.Errorf("Input after cancel = %q, %v", got, err)
	}
	pw.Close()
}

// frontend is a LineReader like the kernel's stdin: it records each prompt
// and answers from lines, failing (stdin not allowed) once they run out.
type frontend struct {
	lines []string
	asked []string
}

func (f *frontend) Read([]byte) (int, error) { return 0, errors.New("frontend: use ReadLine") }

func (f *frontend) ReadLine(prompt string, password bool) (string, error) {
	f.asked = append(f.asked, fmt.Sprintf("%s|%v", prompt, password))
	if len(f.lines) == 0 {
		return "", errors.New("stdin is not available")
	}
	l := f.lines[0]
	f.lines = f.lines[1:]
	return l, nil
}

func TestInputLineReaderGetsPrompt(t *testing.T) {
	stdout, _ := captureOutput(t)
	fe := &frontend{lines: []string{"typed"}}
	withStdin(t, fe)
	SetInputs("test_dir", "s3cret")
	got1, err1 := Input("文件夹：")
	got2, err2 := Input("文件夹：")
	got3, err3 := GetPass("Password: ")
	if got1 != "typed" || got2 != "test_dir" || got3 != "s3cret" || err1 != nil || err2 != nil || err3 != nil {
		t.Errorf("answers = %q %v, %q %v, %q %v", got1, err1, got2, err2, got3, err3)
	}
	if want := []string{"文件夹：|false", "文件夹：|false", "Password: |true"}; fmt.Sprint(fe.asked) != fmt.Sprint(want) {
		t.Errorf("asked %q, want %q", fe.asked, want)
	}
	// The frontend showed the first prompt; the scripted ones read like a terminal.
	if want := "文件夹：test_dir\nPassword: \n"; stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}
	if _, err := Input("more: "); !errors.Is(err, EOFError) {
		t.Errorf("Input with no answers left = %v", err)
	}
	if want := "文件夹：test_dir\nPassword: \n"; stdout.String() != want {
		t.Errorf("stdout after a failed Input = %q, want %q", stdout.String(), want)
	}
}

func TestGetPassScriptedOnPlainStdin(t *testing.T) {
	stdout, _ := captureOutput(t)
	withStdin(t, strings.NewReader(""))
	SetInputs("hidden")
	if got, err := GetPass("Password: "); got != "hidden" || err != nil {
		t.Errorf("GetPass = %q, %v", got, err)
	}
	if want := "Password: \n"; stdout.String() != want {
		t.Errorf("stdout = %q, want %q", stdout.String(), want)
	}
}
