package display

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
)

// Show displays each value as its own display_data output: a Bundle as it
// is, a rich value (see the package documentation) as its MIME types,
// anything else as its %v text.
//
// Show, New, Update and Clear return nothing, as fmt.Println's error is
// ignored: a cell ending in a display shows no value, and a Host that
// fails (the kernel is gone) loses the display.
func Show(values ...any) {
	for _, v := range values {
		b := Of(v)
		publish(Message{Kind: KindDisplay, Data: b.Data, Metadata: b.Metadata})
	}
}

// Handle is a display that can be replaced in place. Its methods are safe
// for concurrent use.
type Handle struct {
	id string
}

// New displays v, as Show does, with a new display id, and returns the
// Handle that updates it.
func New(v any) *Handle {
	h := &Handle{id: newID()}
	b := Of(v)
	publish(Message{Kind: KindDisplay, Data: b.Data, Metadata: b.Metadata, DisplayID: h.id})
	return h
}

// ID returns the display id (transient.display_id of the messages).
func (h *Handle) ID() string { return h.id }

// Update replaces the display's content with v, wherever the display is
// shown (update_display_data).
func (h *Handle) Update(v any) {
	b := Of(v)
	publish(Message{Kind: KindUpdate, Data: b.Data, Metadata: b.Metadata, DisplayID: h.id})
}

// String describes the handle.
func (h *Handle) String() string { return "display " + h.id }

// Clear clears the output of the running cell (clear_output). With wait,
// the frontend clears only when the next output arrives, which avoids
// flicker in animations that clear and redraw. The default host ignores it.
func Clear(wait bool) {
	publish(Message{Kind: KindClear, Wait: wait})
}

// Of returns v as a complete Bundle (with text/plain): Rich's Bundle for a
// rich value, else text/plain alone with v's %v form.
func Of(v any) Bundle {
	if b, ok := Rich(v); ok {
		return b
	}
	return Bundle{Data: map[string]any{MIMEText: fmt.Sprintf("%v", v)}, Metadata: map[string]any{}}
}

func newID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
