package kernel

import (
	"context"
	"encoding/json"

	"github.com/gokernel/gokernel/kernel/history"
)

// historyRequest is the content of history_request.
type historyRequest struct {
	Output         bool   `json:"output"`
	Raw            bool   `json:"raw"`
	HistAccessType string `json:"hist_access_type"`
	Session        int    `json:"session"`
	Start          int    `json:"start"`
	Stop           int    `json:"stop"`
	N              int    `json:"n"`
	Pattern        string `json:"pattern"`
	Unique         bool   `json:"unique"`
}

// history answers history_request from Config.History: tail, range
// (session 0 is this one, negative ones count back) and search (a glob,
// unique, n), each entry [session, line, input] or, with output,
// [session, line, [input, output]].
func (k *Kernel) history(_ context.Context, ch Channel, m *Message) {
	var req historyRequest
	if err := json.Unmarshal(m.Content, &req); err != nil || k.cfg.History == nil {
		k.reply(ch, m, historyReply{Status: "ok", History: []any{}})
		return
	}
	h := k.cfg.History
	var es []history.Entry
	var err error
	switch req.HistAccessType {
	case "tail":
		es, err = h.Tail(req.N)
	case "range":
		es, err = h.Range(req.Session, req.Start, req.Stop)
	case "search":
		n := req.N
		if n < 0 {
			n = 0
		}
		es, err = h.Search(req.Pattern, n, req.Unique)
	}
	if err != nil {
		k.log.Printf("history_request: %v", err)
	}
	out := make([]any, 0, len(es))
	for _, e := range es {
		var input any = e.Source
		if req.Output {
			input = []any{e.Source, e.Output}
		}
		out = append(out, []any{e.Session, e.Line, input})
	}
	k.reply(ch, m, historyReply{Status: "ok", History: out})
}

// storeInput records cell n's code in the history, if there is one.
func (k *Kernel) storeInput(n int, code string) {
	if k.cfg.History == nil {
		return
	}
	if err := k.cfg.History.Add(n, code); err != nil {
		k.log.Printf("history: %v", err)
	}
}

// storeOutput records cell n's text/plain result in the history.
func (k *Kernel) storeOutput(n int, text string) {
	if k.cfg.History == nil {
		return
	}
	if err := k.cfg.History.AddOutput(n, text); err != nil {
		k.log.Printf("history: %v", err)
	}
}
