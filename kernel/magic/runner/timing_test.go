package runner

import (
	"testing"
	"time"
)

func TestFormatSeconds(t *testing.T) {
	for _, tc := range []struct {
		s    float64
		want string
	}{
		{0, "0 ns"},
		{1.5, "1.5 s"},
		{0.5, "500 ms"},
		{0.0123, "12.3 ms"},
		{0.00123, "1.23 ms"},
		{1.234e-6, "1.23 µs"},
		{5e-7, "500 ns"},
		{3e-11, "0.03 ns"},
		{59.9, "59.9 s"},
		{63, "1min 3s"},
		{3723, "1h 2min 3s"},
	} {
		if got := FormatSeconds(tc.s); got != tc.want {
			t.Errorf("FormatSeconds(%g) = %q, want %q", tc.s, got, tc.want)
		}
	}
	if got := FormatDuration(1500 * time.Microsecond); got != "1.5 ms" {
		t.Errorf("FormatDuration(1.5ms) = %q", got)
	}
}

func TestTimeitArgs(t *testing.T) {
	for _, tc := range []struct {
		in          string
		loops, runs int
		stmt        string
		bad         bool
	}{
		{"x++", 0, 7, "x++", false},
		{"-n 10 -r 3 f(-n)", 10, 3, "f(-n)", false},
		{"-n5 x -= 1", 5, 7, "x -= 1", false},
		{"-r two x", 0, 0, "", true},
	} {
		loops, runs, stmt, err := timeitArgs(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && (loops != tc.loops || runs != tc.runs || stmt != tc.stmt)) {
			t.Errorf("timeitArgs(%q) = %d, %d, %q, %v", tc.in, loops, runs, stmt, err)
		}
	}
	if got := thousands(1234567); got != "1,234,567" {
		t.Errorf("thousands = %q", got)
	}
}
