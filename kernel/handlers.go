package kernel

import (
	"context"
	"encoding/json"
	"time"
)

// handler handles one request that arrived on ch; it sends its own reply
// (if the message type has one). dispatch publishes busy and idle around it.
type handler func(ctx context.Context, ch Channel, m *Message)

// shellHandlers maps the message types served on Shell to handlers.
func (k *Kernel) shellHandlers() map[string]handler {
	return map[string]handler{
		"kernel_info_request": k.kernelInfo,
		"execute_request":     k.execute,
		"is_complete_request": k.isComplete,
		"complete_request":    k.complete,
		"inspect_request":     k.inspect,
		"history_request":     k.history,
		"comm_info_request":   k.commInfo,
		"comm_open":           k.commOpen,
		"comm_msg":            func(context.Context, Channel, *Message) {},
		"comm_close":          func(context.Context, Channel, *Message) {},
		"interrupt_request":   k.interrupt,
		"shutdown_request":    k.shutdownRequest,
	}
}

// controlHandlers maps the message types served on Control to handlers
// (ipykernel's control_msg_types). Control has its own server so that an
// interrupt or a shutdown is answered while a cell runs; nothing here runs
// code, so no cell ever runs beside the one on Shell.
func (k *Kernel) controlHandlers() map[string]handler {
	return map[string]handler{
		"kernel_info_request": k.kernelInfo,
		"interrupt_request":   k.interrupt,
		"shutdown_request":    k.shutdownRequest,
	}
}

func (k *Kernel) kernelInfo(_ context.Context, ch Channel, m *Message) {
	info := k.cfg.Info
	links := make([]helpLink, 0, len(info.HelpLinks))
	for _, l := range info.HelpLinks {
		links = append(links, helpLink(l))
	}
	k.reply(ch, m, kernelInfoReply{
		Status:                "ok",
		ProtocolVersion:       ProtocolVersion,
		Implementation:        info.Implementation,
		ImplementationVersion: info.ImplementationVersion,
		LanguageInfo:          info.Language,
		Banner:                info.Banner,
		HelpLinks:             links,
		SupportedFeatures:     []string{},
	})
}

func (k *Kernel) isComplete(_ context.Context, ch Channel, m *Message) {
	var req isCompleteRequest
	if err := json.Unmarshal(m.Content, &req); err != nil {
		k.reply(ch, m, isCompleteReply{Status: "unknown"})
		return
	}
	status, indent := k.interp.IsComplete(req.Code)
	reply := isCompleteReply{Status: status}
	if status == "incomplete" {
		reply.Indent = &indent
	}
	k.reply(ch, m, reply)
}

// commInfo reports the open comms: there are none yet.
func (k *Kernel) commInfo(_ context.Context, ch Channel, m *Message) {
	k.reply(ch, m, commInfoReply{Status: "ok", Comms: map[string]any{}})
}

// commOpen refuses every comm target (none are registered) by closing it at
// once, as the protocol asks.
func (k *Kernel) commOpen(_ context.Context, _ Channel, m *Message) {
	var req commOpen
	if err := json.Unmarshal(m.Content, &req); err != nil || req.CommID == "" {
		return
	}
	k.publish(m, "comm_close", commClose{CommID: req.CommID, Data: map[string]any{}})
}

func (k *Kernel) interrupt(_ context.Context, ch Channel, m *Message) {
	k.Interrupt()
	k.reply(ch, m, statusOnly{Status: "ok"})
}

// shutdownRequest replies (on the channel the request came from and, like
// ipykernel, on IOPub) and stops Run. The manager restarts the process if it
// asked for a restart.
func (k *Kernel) shutdownRequest(_ context.Context, ch Channel, m *Message) {
	if sent, err := time.Parse(time.RFC3339Nano, m.Header.Date); err == nil && sent.Before(k.cfg.Started) {
		k.log.Printf("dropped shutdown_request %s dated %s, before this kernel started (%s): it was meant for an earlier kernel on these ports",
			m.Header.MsgID, m.Header.Date, k.cfg.Started.UTC().Format(timeFormat))
		return
	}
	var req shutdownRequest
	_ = json.Unmarshal(m.Content, &req)
	content := shutdownReply{Status: "ok", Restart: req.Restart}
	k.reply(ch, m, content)
	k.publish(m, "shutdown_reply", content)
	k.shutdown()
}
