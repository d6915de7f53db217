package kernel

import (
	"context"
	"encoding/json"
)

// Assistant answers complete_request and inspect_request. The kernel calls
// it from its own goroutine, also while a cell runs (see assistTypes), so
// it must be safe to call concurrently with the Interpreter.
type Assistant interface {
	// Complete returns the completions at cursor (in Unicode code points)
	// of code.
	Complete(code string, cursor int) Completion
	// Inspect describes what is at cursor (code points) of code; detail
	// is the request's detail_level (0 or 1).
	Inspect(code string, cursor, detail int) Inspection
}

// Completion is the content of a complete_reply: Start and End (code
// points) bound the text the matches replace.
type Completion struct {
	Matches    []string
	Start, End int
	// Types, if not nil, go to metadata._jupyter_types_experimental, one
	// per match: JupyterLab shows them as type icons and signatures.
	Types []CompletionType
}

// CompletionType describes one match for JupyterLab.
type CompletionType struct {
	Start     int    `json:"start"`
	End       int    `json:"end"`
	Text      string `json:"text"`
	Type      string `json:"type"`
	Signature string `json:"signature"`
}

// Inspection is the content of an inspect_reply.
type Inspection struct {
	Found bool
	Data  MIMEBundle
}

// assistTypes are the Shell requests served beside the running cell, by
// their own server: JupyterLab sends completions and inspections (Tab,
// Shift+Tab, the contextual help panel) on Shell even while a cell runs,
// and a reply that waits for the cell to finish comes too late to be shown.
// None of them runs code.
var assistTypes = map[string]bool{
	"complete_request":    true,
	"inspect_request":     true,
	"is_complete_request": true,
}

type inspectRequest struct {
	Code        string `json:"code"`
	CursorPos   int    `json:"cursor_pos"`
	DetailLevel int    `json:"detail_level"`
}

// complete answers complete_request with the Assistant's completions, or
// with none when there is no Assistant.
func (k *Kernel) complete(_ context.Context, ch Channel, m *Message) {
	var req completeRequest
	_ = json.Unmarshal(m.Content, &req)
	rep := completeReply{Status: "ok", Matches: []string{},
		CursorStart: req.CursorPos, CursorEnd: req.CursorPos, Metadata: map[string]any{}}
	if a := k.cfg.Assistant; a != nil {
		c := a.Complete(req.Code, req.CursorPos)
		if c.Matches != nil {
			rep.Matches = c.Matches
		}
		rep.CursorStart, rep.CursorEnd = c.Start, c.End
		if c.Types != nil {
			rep.Metadata["_jupyter_types_experimental"] = c.Types
		}
	}
	k.reply(ch, m, rep)
}

// inspect answers inspect_request with the Assistant's description of the
// name at the cursor ("found": false when there is none).
func (k *Kernel) inspect(_ context.Context, ch Channel, m *Message) {
	var req inspectRequest
	_ = json.Unmarshal(m.Content, &req)
	rep := inspectReply{Status: "ok", Found: false, Data: MIMEBundle{}, Metadata: map[string]any{}}
	if a := k.cfg.Assistant; a != nil {
		in := a.Inspect(req.Code, req.CursorPos, req.DetailLevel)
		if in.Found {
			rep.Found, rep.Data = true, in.Data
		}
	}
	k.reply(ch, m, rep)
}
