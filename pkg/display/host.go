package display

import (
	"fmt"
	"io"
	"os"

	"github.com/gokernel/gokernel/internal/hostslot"
)

// Message kinds, as the Jupyter protocol names the IOPub messages.
const (
	KindDisplay = "display_data"
	KindUpdate  = "update_display_data"
	KindClear   = "clear_output"
)

// Message is one display message for a Host.
type Message struct {
	// Kind is KindDisplay, KindUpdate or KindClear.
	Kind string
	// Data and Metadata are the output (display and update); Data always
	// holds a text/plain string. Both are non-nil for those kinds.
	Data     map[string]any
	Metadata map[string]any
	// DisplayID names the display an update replaces; a display made by
	// New has one too, so that later updates find it. Empty otherwise.
	DisplayID string
	// Wait (clear) asks the frontend to clear only when new output comes.
	Wait bool
}

// Host shows display messages. Publish is called from any goroutine; a
// Host keeps the messages of one goroutine in order with each other and
// with that goroutine's earlier writes to os.Stdout and os.Stderr.
type Host interface {
	Publish(m Message) error
}

var host hostslot.Slot[Host]

// SetHost makes h the Host of every later display; nil restores the
// default host, which writes the text/plain fallback of each display to
// os.Stdout. It is meant to be called once, by the program that embeds a
// kernel, before any cell runs.
func SetHost(h Host) { host.Set(h) }

// publish sends m to the Host, or writes its text to os.Stdout.
func publish(m Message) error {
	if h := host.Get(nil); h != nil {
		return h.Publish(m)
	}
	return writeText(os.Stdout, m)
}

// writeText is the default host: the text fallback on a line of its own;
// clear_output has no text form.
func writeText(w io.Writer, m Message) error {
	if m.Kind == KindClear {
		return nil
	}
	s, _ := m.Data[MIMEText].(string)
	_, err := fmt.Fprintln(w, s)
	return err
}
