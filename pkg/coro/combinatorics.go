package coro

// Combinatoric iterators of itertools, in CPython's output order (the same
// index algorithms as CPython's documentation). Each pool is read in full
// first, as Python does; every result is a new Tuple.

// pool reads x into a slice, raising its error.
func pool(x any) []any {
	l, err := List(x)
	if err != nil {
		raise(err)
	}
	return l
}

func pick(p []any, idx []int) Tuple {
	t := make(Tuple, len(idx))
	for i, j := range idx {
		t[i] = p[j]
	}
	return t
}

// Product is product(xs...): the cartesian product of the xs, as Tuples,
// rightmost element advancing fastest.
func Product(xs ...any) Seq { return ProductRepeat(1, xs...) }

// ProductRepeat is product(xs..., repeat=n).
func ProductRepeat(repeat int, xs ...any) Seq {
	return func(yield func(any) bool) {
		var pools [][]any
		for _, x := range xs {
			pools = append(pools, pool(x))
		}
		var all [][]any
		for i := 0; i < repeat; i++ {
			all = append(all, pools...)
		}
		for _, p := range all {
			if len(p) == 0 {
				return
			}
		}
		idx := make([]int, len(all))
		for {
			t := make(Tuple, len(all))
			for i, j := range idx {
				t[i] = all[i][j]
			}
			if !yield(t) {
				return
			}
			i := len(idx) - 1
			for ; i >= 0; i-- {
				idx[i]++
				if idx[i] < len(all[i]) {
					break
				}
				idx[i] = 0
			}
			if i < 0 {
				return
			}
		}
	}
}

// Permutations is permutations(x[, r]): r-length orderings of the values of
// x (r defaults to len(x)), in lexicographic order of positions.
func Permutations(x any, r ...int) Seq {
	return func(yield func(any) bool) {
		p := pool(x)
		n := len(p)
		k := n
		if len(r) > 0 {
			k = r[0]
		}
		if k < 0 {
			raise(raisef(ValueError, "r must be non-negative"))
		}
		if k > n {
			return
		}
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		cycles := make([]int, k)
		for i := range cycles {
			cycles[i] = n - i
		}
		if !yield(pick(p, idx[:k])) {
			return
		}
		for n > 0 {
			i := k - 1
			for ; i >= 0; i-- {
				cycles[i]--
				if cycles[i] == 0 {
					first := idx[i]
					copy(idx[i:], idx[i+1:])
					idx[n-1] = first
					cycles[i] = n - i
					continue
				}
				j := cycles[i]
				idx[i], idx[n-j] = idx[n-j], idx[i]
				if !yield(pick(p, idx[:k])) {
					return
				}
				break
			}
			if i < 0 {
				return
			}
		}
	}
}

// Combinations is combinations(x, r): r-length subsequences of x's values
// in sorted order of positions, without repeats.
func Combinations(x any, r int) Seq {
	return func(yield func(any) bool) {
		p := pool(x)
		n := len(p)
		if r < 0 {
			raise(raisef(ValueError, "r must be non-negative"))
		}
		if r > n {
			return
		}
		idx := make([]int, r)
		for i := range idx {
			idx[i] = i
		}
		if !yield(pick(p, idx)) {
			return
		}
		for {
			i := r - 1
			for ; i >= 0 && idx[i] == i+n-r; i-- {
			}
			if i < 0 {
				return
			}
			idx[i]++
			for j := i + 1; j < r; j++ {
				idx[j] = idx[j-1] + 1
			}
			if !yield(pick(p, idx)) {
				return
			}
		}
	}
}

// CombinationsWithReplacement is combinations_with_replacement(x, r): like
// Combinations, but each value may repeat.
func CombinationsWithReplacement(x any, r int) Seq {
	return func(yield func(any) bool) {
		p := pool(x)
		n := len(p)
		if r < 0 {
			raise(raisef(ValueError, "r must be non-negative"))
		}
		if n == 0 && r > 0 {
			return
		}
		idx := make([]int, r)
		if !yield(pick(p, idx)) {
			return
		}
		for {
			i := r - 1
			for ; i >= 0 && idx[i] == n-1; i-- {
			}
			if i < 0 {
				return
			}
			v := idx[i] + 1
			for j := i; j < r; j++ {
				idx[j] = v
			}
			if !yield(pick(p, idx)) {
				return
			}
		}
	}
}
