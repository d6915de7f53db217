package zmq_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/go-zeromq/zmq4"
	"go.uber.org/goleak"

	"github.com/gokernel/gokernel/kernel"
	"github.com/gokernel/gokernel/kernel/zmq"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m, goleak.IgnoreAnyFunction("github.com/go-zeromq/zmq4.(*pubMWriter).run"))
}

// freePorts returns n TCP ports that were free a moment ago.
func freePorts(t *testing.T, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

func connInfo(t *testing.T) *kernel.ConnectionInfo {
	p := freePorts(t, 5)
	return &kernel.ConnectionInfo{Transport: "tcp", IP: "127.0.0.1", ShellPort: p[0], ControlPort: p[1],
		StdinPort: p[2], IOPubPort: p[3], HBPort: p[4], Key: "k", SignatureScheme: "hmac-sha256"}
}

// echoInterp prints its code and returns it as the value.
type echoInterp struct{ host kernel.Host }

func (e *echoInterp) Start(_ context.Context, h kernel.Host) error { e.host = h; return nil }
func (e *echoInterp) Execute(_ context.Context, x *kernel.Execution) *kernel.Result {
	fmt.Fprint(e.host.Stdout(), x.Code)
	return &kernel.Result{Data: kernel.MIMEBundle{"text/plain": x.Code}}
}
func (e *echoInterp) IsComplete(string) (string, string) { return "complete", "" }
func (e *echoInterp) Close() error                       { return nil }

func TestKernelOverZMQ(t *testing.T) {
	ci := connInfo(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tr, err := zmq.Listen(ctx, ci)
	if err != nil {
		t.Fatal(err)
	}
	k, err := kernel.New(kernel.Config{Transport: tr, Interpreter: &echoInterp{}, Key: []byte(ci.Key)})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- k.Run(ctx) }()
	defer func() { cancel(); <-done }()

	cctx, ccancel := context.WithCancel(context.Background())
	defer ccancel()
	shell := zmq4.NewDealer(cctx, zmq4.WithID(zmq4.SocketIdentity("client")))
	defer shell.Close()
	iopub := zmq4.NewSub(cctx)
	defer iopub.Close()
	hb := zmq4.NewReq(cctx)
	defer hb.Close()
	for _, c := range []struct {
		s    zmq4.Socket
		port int
	}{{shell, ci.ShellPort}, {iopub, ci.IOPubPort}, {hb, ci.HBPort}} {
		if err := c.s.Dial(ci.Addr(c.port)); err != nil {
			t.Fatal(err)
		}
	}
	iopub.SetOption(zmq4.OptionSubscribe, "")

	// Heartbeat echoes exactly.
	if err := hb.Send(zmq4.NewMsgString("ping-42")); err != nil {
		t.Fatal(err)
	}
	if m, err := hb.Recv(); err != nil || string(m.Frames[0]) != "ping-42" {
		t.Fatalf("heartbeat: %v %v", m, err)
	}

	signer, _ := kernel.NewSigner("hmac-sha256", []byte(ci.Key))
	send := func(msgType string, content any) string {
		m, _ := kernel.NewMessage("s1", msgType, nil, content)
		frames, _ := signer.Encode(m)
		if err := shell.SendMulti(zmq4.NewMsgFrom(frames...)); err != nil {
			t.Fatal(err)
		}
		return m.Header.MsgID
	}
	// Nudge with kernel_info until IOPub delivers its idle (the
	// subscription races with the first messages, as in real clients).
	deadline := time.Now().Add(10 * time.Second)
	gotIdle := false
	ids := map[string]bool{}
	go func() { // drain replies until the socket closes
		for {
			if _, err := shell.Recv(); err != nil {
				return
			}
		}
	}()
	for !gotIdle {
		if time.Now().After(deadline) {
			t.Fatal("no idle on iopub")
		}
		ids[send("kernel_info_request", map[string]any{})] = true
		m, err := recvTimeout(iopub, 100*time.Millisecond)
		for err == nil {
			dm, derr := signer.Decode(m.Frames)
			if derr != nil {
				t.Fatalf("iopub message does not verify: %v", derr)
			}
			if !strings.HasPrefix(string(m.Frames[0]), "kernel.") {
				t.Errorf("topic %q", m.Frames[0])
			}
			if dm.Header.MsgType == "status" && strings.Contains(string(dm.Content), "idle") {
				gotIdle = true
				break
			}
			m, err = recvTimeout(iopub, 100*time.Millisecond)
		}
	}
}

// recvTimeout receives from s, giving up after d.
func recvTimeout(s zmq4.Socket, d time.Duration) (zmq4.Msg, error) {
	type res struct {
		m   zmq4.Msg
		err error
	}
	c := make(chan res, 1)
	go func() { m, err := s.Recv(); c <- res{m, err} }()
	select {
	case r := <-c:
		return r.m, r.err
	case <-time.After(d):
		return zmq4.Msg{}, fmt.Errorf("timeout")
	}
}

func TestListenFailsOnBusyPort(t *testing.T) {
	ci := connInfo(t)
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", ci.IOPubPort))
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	if _, err := zmq.Listen(context.Background(), ci); err == nil || !strings.Contains(err.Error(), "iopub") {
		t.Errorf("Listen = %v, want an error naming the iopub socket", err)
	}
}
