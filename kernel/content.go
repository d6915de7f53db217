package kernel

import "encoding/json"

// Typed message contents. Slices and maps that the protocol wants as [] or {}
// are always non-nil when sent; constructors below make sure of it.

// MIMEBundle maps MIME types to data ("text/plain" → string).
type MIMEBundle map[string]any

// ExecuteRequest is the content of execute_request.
type ExecuteRequest struct {
	Code            string          `json:"code"`
	Silent          bool            `json:"silent"`
	StoreHistory    *bool           `json:"store_history,omitempty"`
	UserExpressions json.RawMessage `json:"user_expressions,omitempty"`
	AllowStdin      *bool           `json:"allow_stdin,omitempty"`
	StopOnError     *bool           `json:"stop_on_error,omitempty"`
}

// storeHistory applies the protocol defaults: store_history defaults to
// !silent and is forced false when silent.
func (r *ExecuteRequest) storeHistory() bool {
	if r.Silent {
		return false
	}
	return r.StoreHistory == nil || *r.StoreHistory
}

func (r *ExecuteRequest) allowStdin() bool  { return r.AllowStdin == nil || *r.AllowStdin }
func (r *ExecuteRequest) stopOnError() bool { return r.StopOnError == nil || *r.StopOnError }

type executeReply struct {
	Status          string         `json:"status"`
	ExecutionCount  int            `json:"execution_count"`
	UserExpressions map[string]any `json:"user_expressions"`
	Payload         []any          `json:"payload"`
}

type errorReply struct {
	Status         string   `json:"status"`
	ExecutionCount int      `json:"execution_count"`
	Ename          string   `json:"ename"`
	Evalue         string   `json:"evalue"`
	Traceback      []string `json:"traceback"`
}

type abortedReply struct {
	Status string `json:"status"`
}

type executeInput struct {
	Code           string `json:"code"`
	ExecutionCount int    `json:"execution_count"`
}

type executeResult struct {
	ExecutionCount int            `json:"execution_count"`
	Data           MIMEBundle     `json:"data"`
	Metadata       map[string]any `json:"metadata"`
}

type errorContent struct {
	Ename     string   `json:"ename"`
	Evalue    string   `json:"evalue"`
	Traceback []string `json:"traceback"`
}

type streamContent struct {
	Name string `json:"name"`
	Text string `json:"text"`
}

type statusContent struct {
	ExecutionState string `json:"execution_state"`
}

type displayData struct {
	Data      MIMEBundle     `json:"data"`
	Metadata  map[string]any `json:"metadata"`
	Transient map[string]any `json:"transient"`
}

type clearOutput struct {
	Wait bool `json:"wait"`
}

type helpLink struct {
	Text string `json:"text"`
	URL  string `json:"url"`
}

// LanguageInfo is kernel_info_reply.language_info.
type LanguageInfo struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	Mimetype       string `json:"mimetype"`
	FileExtension  string `json:"file_extension"`
	PygmentsLexer  string `json:"pygments_lexer"`
	CodemirrorMode string `json:"codemirror_mode"`
	// NbconvertExporter names the exporter `jupyter nbconvert --to script`
	// delegates to (an entry point of the "nbconvert.exporters" group).
	NbconvertExporter string `json:"nbconvert_exporter,omitempty"`
}

type kernelInfoReply struct {
	Status                string       `json:"status"`
	ProtocolVersion       string       `json:"protocol_version"`
	Implementation        string       `json:"implementation"`
	ImplementationVersion string       `json:"implementation_version"`
	LanguageInfo          LanguageInfo `json:"language_info"`
	Banner                string       `json:"banner"`
	HelpLinks             []helpLink   `json:"help_links"`
	Debugger              bool         `json:"debugger"`
	SupportedFeatures     []string     `json:"supported_features"`
}

type isCompleteRequest struct {
	Code string `json:"code"`
}

// isCompleteReply carries indent exactly when Status is "incomplete" (then
// always, even when empty, as the spec asks); nil leaves it out.
type isCompleteReply struct {
	Status string  `json:"status"`
	Indent *string `json:"indent,omitempty"`
}

type shutdownRequest struct {
	Restart bool `json:"restart"`
}

type shutdownReply struct {
	Status  string `json:"status"`
	Restart bool   `json:"restart"`
}

type statusOnly struct {
	Status string `json:"status"`
}

type commInfoReply struct {
	Status string         `json:"status"`
	Comms  map[string]any `json:"comms"`
}

type completeRequest struct {
	Code      string `json:"code"`
	CursorPos int    `json:"cursor_pos"`
}

type completeReply struct {
	Status      string         `json:"status"`
	Matches     []string       `json:"matches"`
	CursorStart int            `json:"cursor_start"`
	CursorEnd   int            `json:"cursor_end"`
	Metadata    map[string]any `json:"metadata"`
}

type inspectReply struct {
	Status   string         `json:"status"`
	Found    bool           `json:"found"`
	Data     MIMEBundle     `json:"data"`
	Metadata map[string]any `json:"metadata"`
}

type historyReply struct {
	Status  string `json:"status"`
	History []any  `json:"history"`
}

type inputRequest struct {
	Prompt   string `json:"prompt"`
	Password bool   `json:"password"`
}

type inputReply struct {
	Value string `json:"value"`
}

type commClose struct {
	CommID string         `json:"comm_id"`
	Data   map[string]any `json:"data"`
}

type commOpen struct {
	CommID     string `json:"comm_id"`
	TargetName string `json:"target_name"`
}
