package kernel

import (
	"encoding/json"
	"fmt"
)

// Display message types (Jupyter protocol 5.3, IOPub).
const (
	DisplayData       = "display_data"
	UpdateDisplayData = "update_display_data"
	ClearOutput       = "clear_output"
)

// Display is a rich output message an Interpreter publishes through
// Host.Display.
type Display struct {
	// Type is DisplayData, UpdateDisplayData or ClearOutput.
	Type string
	// Data and Metadata are the output of a display or update. A missing
	// text/plain gets an empty one; nil maps are sent as {}.
	Data     MIMEBundle
	Metadata map[string]any
	// DisplayID (transient.display_id) names the display; an update needs
	// it.
	DisplayID string
	// Wait (clear_output) clears when the next output arrives.
	Wait bool
}

// content returns d's message content, or an error for a message the
// protocol does not allow.
func (d *Display) content() (any, error) {
	switch d.Type {
	case ClearOutput:
		return clearOutput{Wait: d.Wait}, nil
	case DisplayData, UpdateDisplayData:
	default:
		return nil, fmt.Errorf("unknown display message type %q", d.Type)
	}
	if d.Type == UpdateDisplayData && d.DisplayID == "" {
		return nil, fmt.Errorf("update_display_data without a display_id")
	}
	data := make(MIMEBundle, len(d.Data)+1)
	for k, v := range d.Data {
		data[k] = v
	}
	if _, ok := data["text/plain"].(string); !ok {
		data["text/plain"] = ""
	}
	md := d.Metadata
	if md == nil {
		md = map[string]any{}
	}
	transient := map[string]any{}
	if d.DisplayID != "" {
		transient["display_id"] = d.DisplayID
	}
	return displayData{Data: data, Metadata: md, Transient: transient}, nil
}

// Display publishes d to the running request after the stream output
// buffered so far. A malformed message is logged and dropped.
func (h *host) Display(d *Display) {
	k := (*Kernel)(h)
	content, err := d.content()
	if err == nil {
		var b []byte
		if b, err = json.Marshal(content); err == nil {
			k.streams.flushThen(func() {
				// Counted against the Jupyter server's data rate limit
				// like stream output (an image is large).
				const framesOverhead = 700
				k.pace.wait(len(b) + framesOverhead)
				k.publish(k.currentParent(), d.Type, json.RawMessage(b))
			})
			return
		}
	}
	k.log.Printf("iopub: dropped %s: %v", d.Type, err)
}
