package main

import (
	"bytes"
	"fmt"
	"strings"
)

// Non-generic functions that return iterators (Go 1.24) are in the tables;
// yaegi cannot range over a func, so call the iterator with a yield func.

func main() {
	strings.Lines("one\ntwo\nthree")(func(line string) bool {
		fmt.Printf("%q\n", line)
		return true
	})
	var fields []string
	strings.FieldsSeq("  a b\tc ")(func(f string) bool {
		fields = append(fields, f)
		return len(fields) < 2
	})
	fmt.Println(fields)
	n := 0
	bytes.SplitSeq([]byte("x,y,z"), []byte(","))(func(b []byte) bool {
		n++
		return true
	})
	k, v, found := strings.Cut("k=v", "=")
	fmt.Println(n, strings.ToUpper("go"), strings.Repeat("-", 3), k, v, found)
	var b strings.Builder
	fmt.Fprintf(&b, "%03d", 7)
	fmt.Println(b.String(), strings.EqualFold("Go", "GO"))
}

// Output:
// "one\n"
// "two\n"
// "three"
// [a b]
// 3 GO --- k v true
// 007 true
