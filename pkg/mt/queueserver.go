package mt

import (
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"sync"
	"sync/atomic"
	"time"
)

// The ProcessQueue protocol: a child sends gob-encoded queueReq values over
// a Unix socket to the parent's queueServer and reads one queueResp per
// request.

// queueReq is one queue operation sent by a child.
type queueReq struct {
	Op      string // put, get, size, full
	V       any
	Block   bool
	Timeout time.Duration // with Block: 0 = no limit
}

type queueResp struct {
	V       any
	N       int
	Full    bool
	ErrType string
	ErrMsg  string
}

func (r queueResp) err() error {
	switch r.ErrType {
	case "":
		return nil
	case Empty.Type:
		return Empty
	case Full.Type:
		return Full
	}
	return &Error{Type: r.ErrType, Msg: r.ErrMsg}
}

// apply runs r on q (in the parent).
func (r queueReq) apply(ctx context.Context, q *Queue) queueResp {
	if r.Block && r.Timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, r.Timeout)
		defer cancel()
	}
	var resp queueResp
	var err error
	switch r.Op {
	case "put":
		if r.Block {
			if err = q.PutCtx(ctx, r.V); err != nil {
				err = ctxOr(err, Full)
			}
		} else {
			err = q.PutNowait(r.V)
		}
	case "get":
		if r.Block {
			if resp.V, err = q.GetCtx(ctx); err != nil {
				err = ctxOr(err, Empty)
			}
		} else {
			resp.V, err = q.GetNowait()
		}
	case "size":
		resp.N = q.Qsize()
	case "full":
		resp.Full = q.Full()
	default:
		err = fmt.Errorf("mt: unknown queue operation %q", r.Op)
	}
	var e *Error
	switch {
	case errors.As(err, &e):
		resp.ErrType, resp.ErrMsg = e.Type, e.Msg
	case err != nil:
		resp.ErrType, resp.ErrMsg = "RuntimeError", err.Error()
	}
	return resp
}

// ctxOr maps a timeout to the queue error and keeps cancellations.
func ctxOr(err error, timeout *Error) error {
	if errors.Is(err, context.DeadlineExceeded) {
		return timeout
	}
	return &Error{Type: "RuntimeError", Msg: err.Error()}
}

// queueServer serves one queue on a Unix socket: one goroutine per child
// connection, requests answered in order; a connection's blocked operation
// ends when the connection closes.
type queueServer struct {
	addr  string
	dir   string
	ln    net.Listener
	q     *Queue
	wg    sync.WaitGroup
	mu    sync.Mutex
	conns map[net.Conn]bool
}

var queueCounter atomic.Int64

func serveQueue(q *Queue) (*queueServer, error) {
	dir, err := os.MkdirTemp("", "mtq")
	if err != nil {
		return nil, fmt.Errorf("mt: process queue: %w", err)
	}
	addr := filepath.Join(dir, fmt.Sprintf("q%d.sock", queueCounter.Add(1)))
	ln, err := net.Listen("unix", addr)
	if err != nil {
		os.RemoveAll(dir)
		return nil, fmt.Errorf("mt: process queue: %w", err)
	}
	s := &queueServer{addr: addr, dir: dir, ln: ln, q: q, conns: map[net.Conn]bool{}}
	s.wg.Add(1)
	go s.accept()
	return s, nil
}

func (s *queueServer) accept() {
	defer s.wg.Done()
	for {
		c, err := s.ln.Accept()
		if err != nil {
			return
		}
		s.mu.Lock()
		if s.conns == nil {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conns[c] = true
		s.mu.Unlock()
		s.wg.Add(1)
		go s.serve(c)
	}
}

func (s *queueServer) serve(c net.Conn) {
	defer s.wg.Done()
	defer func() {
		s.mu.Lock()
		delete(s.conns, c)
		s.mu.Unlock()
		c.Close()
	}()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	reqs := make(chan queueReq)
	go func() { // reads requests; a read error (closed connection) cancels ctx
		defer cancel()
		defer close(reqs)
		dec := gob.NewDecoder(c)
		for {
			var r queueReq
			if dec.Decode(&r) != nil {
				return
			}
			select {
			case reqs <- r:
			case <-ctx.Done():
				return
			}
		}
	}()
	enc := gob.NewEncoder(c)
	for r := range reqs {
		if enc.Encode(r.apply(ctx, s.q)) != nil {
			return
		}
	}
}

func (s *queueServer) close() {
	s.ln.Close()
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.conns = nil
	s.mu.Unlock()
	s.wg.Wait()
	os.RemoveAll(s.dir)
}

// queueClient is a child's connection to its parent's queue; calls are
// serialised. A cancelled call drops the connection (the parent then
// abandons the operation) and the next call reconnects.
type queueClient struct {
	addr string
	mu   sync.Mutex
	conn net.Conn
	enc  *gob.Encoder
	dec  *gob.Decoder
}

func (c *queueClient) call(ctx context.Context, r queueReq) (queueResp, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn == nil {
		conn, err := net.Dial("unix", c.addr)
		if err != nil {
			return queueResp{}, fmt.Errorf("mt: process queue: %w", err)
		}
		c.conn, c.enc, c.dec = conn, gob.NewEncoder(conn), gob.NewDecoder(conn)
	}
	done := make(chan struct{})
	var resp queueResp
	var err error
	go func() {
		defer close(done)
		if err = c.enc.Encode(r); err == nil {
			err = c.dec.Decode(&resp)
		}
	}()
	select {
	case <-done:
	case <-ctx.Done():
		c.conn.Close()
		<-done
		c.conn = nil
		return queueResp{}, ctx.Err()
	}
	if err != nil {
		c.conn.Close()
		c.conn = nil
		return queueResp{}, fmt.Errorf("mt: process queue: %w", err)
	}
	return resp, nil
}

func (c *queueClient) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.conn != nil {
		c.conn.Close()
		c.conn = nil
	}
}
