package timeline

// State is what an actor is doing from one event to its next.
type State uint8

// The states of an actor, and Print, a mark that does not change the state.
const (
	Run       State = iota // running (holds the CPU or, for tasks, the hub)
	Sleep                  // sleeping (time.Sleep, coro.Sleep)
	WaitLock               // waiting to acquire a lock
	WaitQueue              // waiting on a queue (Get on empty, Put on full) or for work
	WaitChan               // waiting on a channel or an event
	WaitJoin               // waiting for another actor to end (Join, Await, Gather)
	Wait                   // waiting for something else (a future, a yield)
	End                    // ended: nothing is drawn after it
	Print                  // printed a line (a mark; the state does not change)
	numStates
)

var stateNames = [numStates]string{"run", "sleep", "wait lock", "wait queue", "wait channel", "wait join", "wait", "end", "print"}

// String returns the state's short English name ("wait lock").
func (s State) String() string {
	if s < numStates {
		return stateNames[s]
	}
	return "state?"
}

// colours of the states in the chart; End and Print have none.
var stateColours = [numStates]string{
	Run:       "#43a047",
	Sleep:     "#90caf9",
	WaitLock:  "#e53935",
	WaitQueue: "#ffb300",
	WaitChan:  "#8e24aa",
	WaitJoin:  "#8d6e63",
	Wait:      "#bdbdbd",
}
