package golden

import (
	"reflect"
	"testing"
)

func TestRoundTrip(t *testing.T) {
	t.Parallel()
	const data = "# comment\n\n-- cell --\nx := 1\n-- empty --\n-- value --\n1\n\n-- a -- b --\nline\r\n"
	comment, secs := Parse(data)
	want := []Section{{"cell", "x := 1\n"}, {"empty", ""}, {"value", "1\n\n"}, {"a -- b", "line\r\n"}}
	if comment != "# comment\n\n" || !reflect.DeepEqual(secs, want) {
		t.Fatalf("Parse = %q, %q", comment, secs)
	}
	if got := Format(comment, secs); got != data {
		t.Fatalf("Format = %q; want %q", got, data)
	}
	if _, secs := Parse("--  --\n-- x\n"); secs != nil {
		t.Errorf("not headers, parsed as %q", secs)
	}
	if got := Format("", []Section{{"cell", "no newline"}}); got != "-- cell --\nno newline\n" {
		t.Errorf("Format adds no final newline: %q", got)
	}
}
