package cell

import (
	"fmt"
	"testing"
)

func TestDepOrder(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		deps [][]int
		want string
	}{
		{"no dependencies keep their order", [][]int{nil, nil, nil}, "[{[0] []} {[1] []} {[2] []}]"},
		{"a dependency goes first", [][]int{{2}, nil, nil}, "[{[1] []} {[2] []} {[0] [1]}]"},
		{"a cycle is one component", [][]int{{1}, {0}, {0, 2}}, "[{[0 1] []} {[2] [0]}]"},
		{"ties by smallest node", [][]int{{3}, {3}, nil, nil}, "[{[2] []} {[3] []} {[0] [1]} {[1] [1]}]"},
		{"a cycle waits for its dependency", [][]int{{1, 2}, {0}, nil}, "[{[2] []} {[0 1] [0]}]"},
	}
	for _, c := range cases {
		got := fmt.Sprint(DepOrder(len(c.deps), func(i int) []int { return c.deps[i] }))
		if got != c.want {
			t.Errorf("%s: %s; want %s", c.name, got, c.want)
		}
	}
}
