package mt

import (
	"context"
	"errors"
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
