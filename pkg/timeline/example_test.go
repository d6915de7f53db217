package timeline_test

import (
	"fmt"

	"github.com/gokernel/gokernel/pkg/mt"
	"github.com/gokernel/gokernel/pkg/timeline"
)

func ExampleRecord() {
	r, _ := timeline.Record(func() {
		t := mt.NewThreadOpts(mt.ThreadOpts{Target: func() {}, Name: "Thread-1"})
		t.Start()
		t.Join()
	})
	fmt.Println(r.Lanes())
	for _, e := range r.Events() {
		if r.Lanes()[e.Lane] == "Thread-1" {
			fmt.Println(e.State)
		}
	}
	// Output:
	// [main Thread-1]
	// run
	// end
}
