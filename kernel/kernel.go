package kernel

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"log"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gokernel/gokernel/kernel/history"
)

// Config configures a Kernel.
type Config struct {
	Transport   Transport
	Interpreter Interpreter
	// Key and SignatureScheme come from the connection file.
	Key             []byte
	SignatureScheme string
	// Info describes the implementation in kernel_info_reply.
	Info Info
	// Log receives protocol problems (dropped messages, send errors). nil
	// logs to stderr.
	Log *log.Logger
	// StreamRate limits published stream output to this many bytes per
	// second (0: no limit). Under a Jupyter server, whose default IOPub
	// data rate limit is 1 MB/s, a limit below it keeps output from being
	// dropped: writers are slowed instead.
	StreamRate int
	// Assistant, if set, answers complete_request and inspect_request;
	// without one they are answered with no matches.
	Assistant Assistant
	// History stores executed cells and answers history_request (nil:
	// history replies are empty).
	History *history.Store
	// Started is when this kernel's process started (zero: when New ran). A
	// shutdown_request dated before it was sent to a kernel that listened on
	// these ports earlier (jupyter_client queues one for a dead kernel it
	// restarts, and its socket delivers it on reconnect) and is dropped.
	Started time.Time
}

// Info is what kernel_info_reply says about the kernel.
type Info struct {
	Implementation        string
	ImplementationVersion string
	Banner                string
	Language              LanguageInfo
	HelpLinks             []HelpLink
}

// HelpLink is an entry of the frontend's Help menu.
type HelpLink struct{ Text, URL string }

// Kernel answers Jupyter requests. Create it with New and call Run.
//
// Ownership (see Run for the shutdown order): one receiver goroutine per
// ROUTER channel owns its Recv side and queues decoded requests; one server
// goroutine each for Shell and Control owns its queue and runs handlers from
// that channel's own table, one at a time (a third serves the Shell requests
// that must not wait for a running cell: assistTypes); the IOPub goroutine owns the IOPub
// socket and drains k.iopub, which only the servers and the stream flusher
// write to. Run closes k.iopub once both have stopped, and the transport last.
type Kernel struct {
	cfg    Config
	signer *Signer
	sess   session
	log    *log.Logger
	interp Interpreter
	tr     Transport

	iopub    chan *Message
	sendMu   [IOPub]sync.Mutex
	streams  *streams
	pace     *pacer
	shellQ   chan request
	controlQ chan request
	assistQ  chan request // Shell requests served beside a running cell (assistTypes)
	input    *inputBroker

	// shellRecvd counts the shell messages taken from the transport; a
	// request's seq is its place in that count. abortThrough (owned by the
	// shell server) is the count when the last failed cell replied: the
	// execute_requests received up to then are aborted (stop_on_error).
	shellRecvd   atomic.Uint64
	abortThrough uint64

	// statusMu orders the status messages: busyWith is the Shell server's
	// request being handled (nil between requests), whose busy is published
	// again after the idle of a request answered beside it (see dispatch).
	statusMu sync.Mutex
	busyWith *Message

	mu        sync.Mutex
	parent    *Message           // request whose output is being produced
	cancelRun context.CancelFunc // cancels the running execution, if any
	stopping  bool               // Run is shutting down: start no execution
	count     int                // execution counter

	handlers [Stdin]map[string]handler // per ROUTER channel that runs handlers
	shutdown context.CancelFunc
}

// request is a decoded message from a ROUTER channel and, on Shell, its
// receive sequence number (1 for the first shell message received).
type request struct {
	m   *Message
	seq uint64
}

// New returns a kernel ready to Run.
func New(cfg Config) (*Kernel, error) {
	if cfg.Transport == nil || cfg.Interpreter == nil {
		return nil, errors.New("kernel: Config needs a Transport and an Interpreter")
	}
	signer, err := NewSigner(cfg.SignatureScheme, cfg.Key)
	if err != nil {
		return nil, err
	}
	logger := cfg.Log
	if logger == nil {
		logger = log.New(os.Stderr, "gokernel: ", log.LstdFlags)
	}
	if cfg.Started.IsZero() {
		cfg.Started = time.Now()
	}
	k := &Kernel{
		cfg:    cfg,
		signer: signer,
		sess:   session{id: newMsgID(), username: "kernel"},
		log:    logger,
		interp: cfg.Interpreter,
		tr:     cfg.Transport,
		iopub:  make(chan *Message, 1024),

		shellQ:   make(chan request, 256),
		controlQ: make(chan request, 16),
		assistQ:  make(chan request, 64),
	}
	k.streams = newStreams(k.publishStream)
	k.pace = newPacer(cfg.StreamRate)
	k.input = newInputBroker(k)
	k.handlers[Shell] = k.shellHandlers()
	k.handlers[Control] = k.controlHandlers()
	return k, nil
}

// Run serves requests until a shutdown_request arrives or ctx is done. It
// closes the interpreter and the transport before returning.
//
// Shutdown goes in this order, each step once: no new execution starts and
// the running one is interrupted; the interpreter is closed (so its output
// goroutines end); the Shell and Control servers return; the streams are
// flushed a last time and closed (later writes are dropped); k.iopub is
// closed and the IOPub goroutine sends what is left; the transport is closed,
// which ends the receivers.
func (k *Kernel) Run(ctx context.Context) error {
	ctx, cancel := context.WithCancel(ctx)
	k.shutdown = cancel
	defer cancel()

	iopubDone := make(chan struct{})
	go func() { defer close(iopubDone); k.iopubLoop() }()

	k.publish(nil, "status", statusContent{ExecutionState: "starting"})
	if err := k.interp.Start(ctx, (*host)(k)); err != nil {
		k.streams.close()
		close(k.iopub)
		<-iopubDone
		k.tr.Close()
		return err
	}
	var receivers, servers sync.WaitGroup
	for _, ch := range []Channel{Shell, Control, Stdin} {
		receivers.Go(func() { k.recvLoop(ctx, ch) })
	}
	servers.Go(func() { k.serve(ctx, Shell, k.shellQ) })
	servers.Go(func() { k.serve(ctx, Control, k.controlQ) })
	servers.Go(func() { k.serve(ctx, Shell, k.assistQ) })

	<-ctx.Done()
	k.mu.Lock()
	k.stopping = true
	k.mu.Unlock()
	k.Interrupt()
	err := k.interp.Close()
	servers.Wait()
	k.streams.close()
	close(k.iopub)
	<-iopubDone
	k.tr.Close() // unblocks the receivers
	receivers.Wait()
	return err
}

// Interrupt cancels the running execution, if any. It is what
// interrupt_request and SIGINT do.
func (k *Kernel) Interrupt() {
	k.mu.Lock()
	cancel := k.cancelRun
	k.mu.Unlock()
	if cancel != nil {
		cancel()
	}
}

// recvLoop decodes messages from one ROUTER channel until the transport is
// closed and queues them for the channel's server (Stdin replies go to the
// input broker). Bad messages are logged and dropped.
func (k *Kernel) recvLoop(ctx context.Context, ch Channel) {
	for {
		frames, err := k.tr.Recv(ch)
		if err != nil {
			if ctx.Err() == nil {
				k.log.Printf("%s: receive failed, channel closed: %v", ch, err)
			}
			return
		}
		var seq uint64
		if ch == Shell {
			seq = k.shellRecvd.Add(1)
		}
		m, err := k.signer.Decode(frames)
		if err != nil {
			k.log.Printf("%s: dropped message: %v", ch, err)
			continue
		}
		q := k.shellQ
		switch {
		case ch == Shell && assistTypes[m.Header.MsgType]:
			q = k.assistQ
		case ch == Control:
			q = k.controlQ
		case ch == Stdin:
			k.input.deliver(m)
			continue
		}
		select {
		case q <- request{m: m, seq: seq}:
		case <-ctx.Done():
			return
		}
	}
}

// serve handles the requests of one channel one at a time, in order, until
// ctx is done. On Shell, an execute_request received before a failed cell
// replied is aborted instead (stop_on_error).
func (k *Kernel) serve(ctx context.Context, ch Channel, q <-chan request) {
	for {
		select {
		case r := <-q:
			if ctx.Err() != nil {
				return
			}
			if ch == Shell && r.m.Header.MsgType == "execute_request" && r.seq <= k.abortThrough {
				k.abort(r.m)
				continue
			}
			k.dispatch(ctx, ch, r.m)
		case <-ctx.Done():
			return
		}
	}
}

// dispatch handles one request: busy, the handler (which sends the reply),
// idle. Every request gets busy and idle, even unknown ones.
func (k *Kernel) dispatch(ctx context.Context, ch Channel, m *Message) {
	k.begin(ch, m)
	defer k.end(m)
	h, ok := k.handlers[ch][m.Header.MsgType]
	if !ok {
		k.log.Printf("%s: no handler for %q; ignored", ch, m.Header.MsgType)
		return
	}
	defer func() {
		if r := recover(); r != nil {
			k.log.Printf("%s: handler for %s panicked: %v", ch, m.Header.MsgType, r)
		}
	}()
	h(ctx, ch, m)
}

// begin publishes m's busy; a request of the Shell server (not one of
// assistTypes, which are served beside it) is then the one the kernel is
// busy with until its end.
func (k *Kernel) begin(ch Channel, m *Message) {
	k.statusMu.Lock()
	defer k.statusMu.Unlock()
	if ch == Shell && !assistTypes[m.Header.MsgType] {
		k.busyWith = m
	}
	k.publish(m, "status", statusContent{ExecutionState: "busy"})
}

// end publishes m's idle. A request answered while the Shell server is busy
// with another (a completion or an interrupt_request during a running cell)
// still gets its own busy/idle pair, as the protocol asks, but the running
// request's busy follows its idle: a frontend that shows the latest status
// whatever its parent (JupyterLab's status bar) would otherwise show "idle"
// until the cell ends. The running request's own idle ends it as usual.
func (k *Kernel) end(m *Message) {
	k.statusMu.Lock()
	defer k.statusMu.Unlock()
	k.publish(m, "status", statusContent{ExecutionState: "idle"})
	switch k.busyWith {
	case nil:
	case m:
		k.busyWith = nil
	default:
		k.publish(k.busyWith, "status", statusContent{ExecutionState: "busy"})
	}
}

// reply sends content as the reply to m on channel ch.
func (k *Kernel) reply(ch Channel, m *Message, content any) {
	r, err := k.sess.newMessage(m, replyType(m.Header.MsgType), content)
	if err != nil {
		k.log.Printf("%s: cannot encode reply to %s: %v", ch, m.Header.MsgType, err)
		return
	}
	k.send(ch, r)
}

// send encodes and sends r on a ROUTER channel.
func (k *Kernel) send(ch Channel, r *Message) {
	frames, err := k.signer.Encode(r)
	if err != nil {
		k.log.Printf("%s: %v", ch, err)
		return
	}
	k.sendMu[ch].Lock()
	err = k.tr.Send(ch, frames)
	k.sendMu[ch].Unlock()
	if err != nil {
		k.log.Printf("%s: send %s: %v", ch, r.Header.MsgType, err)
	}
}

// publish queues an IOPub message caused by parent (nil for none).
func (k *Kernel) publish(parent *Message, msgType string, content any) {
	m, err := k.sess.newMessage(parent, msgType, content)
	if err != nil {
		k.log.Printf("iopub: cannot encode %s: %v", msgType, err)
		return
	}
	m.Identities = [][]byte{[]byte("kernel." + k.sess.id + "." + msgType)}
	k.iopub <- m
}

// iopubLoop owns the IOPub socket: it sends queued messages in order.
func (k *Kernel) iopubLoop() {
	for m := range k.iopub {
		frames, err := k.signer.Encode(m)
		if err == nil {
			err = k.tr.Send(IOPub, frames)
		}
		if err != nil {
			k.log.Printf("iopub: send %s: %v", m.Header.MsgType, err)
		}
	}
}

// publishStream publishes one stream message to the current parent.
func (k *Kernel) publishStream(name, text string) {
	content, err := json.Marshal(streamContent{Name: name, Text: text})
	if err != nil {
		k.log.Printf("iopub: cannot encode stream: %v", err)
		return
	}
	// Jupyter servers count every frame of a message; the header, parent
	// header and signature of a stream message add about this much.
	const framesOverhead = 700
	k.pace.wait(len(content) + framesOverhead)
	k.publish(k.currentParent(), "stream", json.RawMessage(content))
}

func (k *Kernel) currentParent() *Message {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.parent
}

// setParent makes m the request that receives output from now on. Output
// buffered so far goes to the previous one.
func (k *Kernel) setParent(m *Message) {
	k.streams.Flush()
	k.mu.Lock()
	k.parent = m
	k.mu.Unlock()
}

// host is the Kernel as an Interpreter sees it.
type host Kernel

func (h *host) Stdout() io.Writer { return streamWriter{h.streams, "stdout"} }
func (h *host) Stderr() io.Writer { return streamWriter{h.streams, "stderr"} }
func (h *host) Flush()            { h.streams.Flush() }
func (h *host) Input(ctx context.Context, prompt string, password bool) (string, error) {
	return h.input.request(ctx, prompt, password)
}
