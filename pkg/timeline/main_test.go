package timeline_test

import (
	"testing"
	"time"

	"github.com/gokernel/gokernel/pkg/mt"
	"go.uber.org/goleak"
)

// poolTask is the pool lesson's task: it runs in a worker process.
func poolTask(i int) int {
	time.Sleep(time.Duration(5+i%3*5) * time.Millisecond)
	return i
}

func TestMain(m *testing.M) {
	mt.Main(poolTask) // pool workers of TestPoolReusesWorkers run here and exit
	goleak.VerifyTestMain(m)
}
