package display

import "github.com/gokernel/gokernel/pkg/timeline"

// Timeline runs fn while recording what every mt thread, coro task, pool
// worker process and goroutine does (runs, sleeps, waits on a lock, queue,
// channel or join, prints, ends), then shows the recording under the cell
// as an SVG swim-lane chart: a time axis, one lane per actor named as the
// program names it (the calling goroutine is "main", a thread "Thread-1
// (f)", a task its call "f(5)", a pool worker "pid 4242"), a colour per
// state, and a mark per printed line whose text shows on hover. Actors
// still running when fn returns are drawn up to that moment.
//
//	display.Timeline(func() {
//		t1 := mt.NewThread(work, "a")
//		t2 := mt.NewThread(work, "b")
//		t1.Start(); t2.Start()
//		t1.Join(); t2.Join()
//	})
//
// Recording costs a few hundred nanoseconds per event (0.24–0.31 µs on an
// idle 2-core machine, go test -bench Event ./pkg/timeline), and a single atomic load
// per hook while no timeline is active. Only one timeline records at a
// time: a Timeline inside another runs fn and shows a text note instead.
// A panic in fn stops the recording, shows the chart so far, and goes on.
func Timeline(fn func()) {
	r, err := timeline.Start()
	if err != nil {
		fn()
		Show(Text(err.Error()))
		return
	}
	defer func() {
		r.Stop()
		Show(TimelineChart(r))
	}()
	fn()
}

// TimelineChart returns a recording's chart as a Bundle: the SVG, the same
// markup as text/html (frontends and nbconvert put HTML inline, where the
// marks' <title> shows on hover; an image/svg+xml output often becomes an
// <img>, where it does not) and a text summary (one line per lane) as its
// text/plain.
func TimelineChart(r *timeline.Recording) Bundle {
	svg := r.SVG()
	b := SVG(svg)
	b.Data[MIMEHTML] = svg
	b.Data[MIMEText] = r.Text()
	return b
}
