package coro

import "testing"

// BenchmarkGeneratorNext measures one resume: Next switching to the body,
// which yields a preallocated value and switches back.
func BenchmarkGeneratorNext(b *testing.B) {
	var v any = 1
	g := NewGenerator(func(y *Yielder) any {
		for {
			y.Yield(v)
		}
	})
	defer g.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := g.Next(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds()/1e6, "Mresumes/s")
}

// BenchmarkGeneratorSend measures one Send round trip.
func BenchmarkGeneratorSend(b *testing.B) {
	var v any = 1
	g := NewGenerator(func(y *Yielder) any {
		for {
			y.Yield(v)
		}
	})
	defer g.Close()
	g.Next()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := g.Send(v); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGreenletSwitch measures a round trip main -> greenlet -> main
// (two switches, two goroutine hand-offs).
func BenchmarkGreenletSwitch(b *testing.B) {
	main := CurrentGreenlet()
	g := NewGreenlet(func() {
		for {
			main.Switch()
		}
	})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		g.Switch()
	}
	b.StopTimer()
	g.Kill()
}

// BenchmarkSpawnJoin100k spawns 100,000 cooperative tasks and joins them
// all; one op is the whole batch.
func BenchmarkSpawnJoin100k(b *testing.B) {
	for i := 0; i < b.N; i++ {
		tasks := make([]*Task, 100000)
		for j := range tasks {
			tasks[j] = Spawn(func() {})
		}
		JoinAll(tasks...)
	}
}

// BenchmarkSpawnJoin100kSleeping is the same with every task sleeping once
// (all 100,000 suspended at the same time).
func BenchmarkSpawnJoin100kSleeping(b *testing.B) {
	for i := 0; i < b.N; i++ {
		tasks := make([]*Task, 100000)
		for j := range tasks {
			tasks[j] = Spawn(func() { Sleep(0) })
		}
		JoinAll(tasks...)
	}
}
