package worker

import "github.com/gokernel/gokernel/kernel/worker/protocol"

// The supervisor's short names for the worker protocol (kernel/worker/protocol,
// shared with the worker process's kernel/worker/serve).
type (
	request    = protocol.Request
	reply      = protocol.Reply
	replyOp    = protocol.ReplyOp
	decl       = protocol.Decl
	displayMsg = protocol.Display
)

// The messages the supervisor sends and those it awaits.
const (
	opExec      = protocol.OpExec
	opReplay    = protocol.OpReplay
	opAnswer    = protocol.OpAnswer
	opInterrupt = protocol.OpInterrupt
	opState     = protocol.OpState

	opReady        = protocol.OpReady
	opResult       = protocol.OpResult
	opReplayed     = protocol.OpReplayed
	opAsk          = protocol.OpAsk
	opInterrupting = protocol.OpInterrupting
	opDisplay      = protocol.OpDisplay
	opStated       = protocol.OpStated
)
