package magic

// State is what worker magics changed in the worker process that a later
// worker must have too: its working directory and environment variables.
type State struct {
	Dir   string            `json:"dir,omitempty"`
	Env   map[string]string `json:"env,omitempty"`   // set by %env
	Unset []string          `json:"unset,omitempty"` // unset by %env -u
	Pins  map[string]string `json:"pins,omitempty"`  // module versions set by %go get
}
