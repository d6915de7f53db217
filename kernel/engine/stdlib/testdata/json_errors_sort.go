package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
)

type point struct {
	X    int    `json:"x"`
	Y    int    `json:"y,omitempty"`
	Name string `json:"name"`
}

type byLen []string

func (s byLen) Len() int           { return len(s) }
func (s byLen) Less(i, j int) bool { return len(s[i]) < len(s[j]) }
func (s byLen) Swap(i, j int)      { s[i], s[j] = s[j], s[i] }

func main() {
	out, err := json.Marshal([]point{{X: 1, Name: "a"}, {X: 2, Y: 3, Name: "b"}})
	fmt.Println(string(out), err)
	var back []point
	err = json.Unmarshal(out, &back)
	fmt.Println(back, err)
	var m map[string]any
	json.Unmarshal([]byte(`{"k":[1,"two",true]}`), &m)
	fmt.Println(m["k"])

	e1 := errors.New("first")
	_, e2 := os.Open("/definitely/not/here")
	joined := errors.Join(e1, e2)
	fmt.Println(errors.Is(joined, e1), errors.Is(joined, fs.ErrNotExist), errors.Is(joined, os.ErrExist))

	words := byLen{"ccc", "a", "bb"}
	sort.Sort(words)
	fmt.Println(words)
	nums := []int{3, 1, 2}
	sort.Slice(nums, func(i, j int) bool { return nums[i] > nums[j] })
	fmt.Println(nums, sort.SearchInts([]int{1, 3, 5}, 3))
}

// Output:
// [{"x":1,"name":"a"},{"x":2,"y":3,"name":"b"}] <nil>
// [{1 0 a} {2 3 b}] <nil>
// [1 two true]
// true true false
// [a bb ccc]
// [3 2 1] 1
