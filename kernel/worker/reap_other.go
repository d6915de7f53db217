//go:build !linux

package worker

// Outside Linux there is no subreaper: orphans of a killed worker are left
// to the system's init (see reap_linux.go).

func startReaper() {}

func startWorker(start func() (pid int, err error)) error {
	_, err := start()
	return err
}

func workerReaped(int) {}

func reapGroup(int) {}
