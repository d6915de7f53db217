// Package iter is the kernel's interpreted version of the standard iter
// package (see the gosrc package). Pull runs the sequence on a goroutine and hands
// its values over channels, where Go uses a coroutine switch: the values,
// their order, stop and a panic of the sequence (raised again by next or
// stop) behave as in Go, at the cost of a goroutine per Pull.
package iter

// Seq is a sequence of single values, pushed one by one to yield until it
// returns false.
type Seq[V any] func(yield func(V) bool)

// Seq2 is a sequence of pairs.
type Seq2[K, V any] func(yield func(K, V) bool)

// Pull turns the push sequence seq into a pull one: next returns its next
// value and true, or the zero value and false once it is exhausted or
// stopped; stop ends it (its yield returns false). Both may be called any
// number of times, from one goroutine at a time.
func Pull[V any](seq func(yield func(V) bool)) (func() (V, bool), func()) {
	// Written inline, without helper methods: yaegi v0.16.1 does not run
	// method calls of another type from an instantiated generic function.
	var started, done, stopping bool
	req := make(chan bool) // true: produce the next value; false: stop
	out := make(chan V)
	end := make(chan struct{})
	fail := make(chan any, 1)
	run := func() {
		defer close(end)
		defer func() {
			if r := recover(); r != nil {
				fail <- r
			}
		}()
		if !<-req {
			return
		}
		seq(func(v V) bool {
			if stopping {
				panic("iter.Pull: yield called after stop")
			}
			out <- v
			more := <-req
			return more
		})
	}
	finish := func() {
		done = true
		select {
		case r := <-fail:
			panic(r)
		default:
		}
	}
	next := func() (V, bool) {
		var zero V
		if done {
			return zero, false
		}
		if !started {
			started = true
			go run()
		}
		req <- true
		select {
		case v := <-out:
			return v, true
		case <-end:
			finish()
			return zero, false
		}
	}
	stop := func() {
		if done {
			return
		}
		done = true
		if !started {
			return
		}
		stopping = true
		req <- false
		<-end
		finish()
	}
	return next, stop
}

// Pull2 is Pull for a sequence of pairs.
func Pull2[K, V any](seq func(yield func(K, V) bool)) (func() (K, V, bool), func()) {
	var started, done, stopping bool
	req := make(chan bool)
	outK := make(chan K)
	outV := make(chan V)
	end := make(chan struct{})
	fail := make(chan any, 1)
	run := func() {
		defer close(end)
		defer func() {
			if r := recover(); r != nil {
				fail <- r
			}
		}()
		if !<-req {
			return
		}
		seq(func(k K, v V) bool {
			if stopping {
				panic("iter.Pull2: yield called after stop")
			}
			outK <- k
			outV <- v
			more := <-req
			return more
		})
	}
	finish := func() {
		done = true
		select {
		case r := <-fail:
			panic(r)
		default:
		}
	}
	next := func() (K, V, bool) {
		var zk K
		var zv V
		if done {
			return zk, zv, false
		}
		if !started {
			started = true
			go run()
		}
		req <- true
		select {
		case k := <-outK:
			v := <-outV
			return k, v, true
		case <-end:
			finish()
			return zk, zv, false
		}
	}
	stop := func() {
		if done {
			return
		}
		done = true
		if !started {
			return
		}
		stopping = true
		req <- false
		<-end
		finish()
	}
	return next, stop
}
