// Package slices is the kernel's interpreted version of the standard slices
// package (see the gosrc package). Its functions take []E where Go's take S ~[]E
// (yaegi v0.16.1 infers a type parameter only from an argument of that
// very type): a named slice type is accepted, but a result that Go would
// give the argument's named type is a plain []E. Sort, SortFunc and the
// Sorted functions are one stable merge sort, so elements that compare
// equal keep their order (Go's unstable pdqsort may reorder them in
// slices longer than 12).
package slices

import "cmp"

// All returns the index-value pairs of s in order.
func All[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i, v := range s {
			if !yield(i, v) {
				return
			}
		}
	}
}

// Backward returns the index-value pairs of s from the last to the first.
func Backward[E any](s []E) func(yield func(int, E) bool) {
	return func(yield func(int, E) bool) {
		for i := len(s) - 1; i >= 0; i-- {
			if !yield(i, s[i]) {
				return
			}
		}
	}
}

// Values returns the elements of s in order.
func Values[E any](s []E) func(yield func(E) bool) {
	return func(yield func(E) bool) {
		for _, v := range s {
			if !yield(v) {
				return
			}
		}
	}
}

// AppendSeq appends the values of seq to s.
func AppendSeq[E any](s []E, seq func(yield func(E) bool)) []E {
	seq(func(v E) bool {
		s = append(s, v)
		return true
	})
	return s
}

// Collect returns the values of seq in a new slice (nil if there are none).
func Collect[E any](seq func(yield func(E) bool)) []E {
	var s []E
	return AppendSeq(s, seq)
}

// Sorted collects the values of seq and sorts them.
func Sorted[E cmp.Ordered](seq func(yield func(E) bool)) []E {
	s := Collect(seq)
	Sort(s)
	return s
}

// SortedFunc collects the values of seq and sorts them by c.
func SortedFunc[E any](seq func(yield func(E) bool), c func(E, E) int) []E {
	s := Collect(seq)
	SortFunc(s, c)
	return s
}

// SortedStableFunc collects the values of seq and sorts them by c, keeping
// the order of equal elements.
func SortedStableFunc[E any](seq func(yield func(E) bool), c func(E, E) int) []E {
	s := Collect(seq)
	SortStableFunc(s, c)
	return s
}

// Chunk returns consecutive sub-slices of s of n elements (the last may
// be shorter). It panics if n < 1.
func Chunk[E any](s []E, n int) func(yield func([]E) bool) {
	if n < 1 {
		panic("cannot be less than 1")
	}
	return func(yield func([]E) bool) {
		for i := 0; i < len(s); i += n {
			end := i + n
			if end > len(s) {
				end = len(s)
			}
			if !yield(s[i:end:end]) {
				return
			}
		}
	}
}

// Sort sorts x in ascending order (NaNs first).
func Sort[E cmp.Ordered](x []E) {
	mergeSort(x, func(a, b E) int { return cmp.Compare(a, b) })
}

// SortFunc sorts x by c (negative: a before b).
func SortFunc[E any](x []E, c func(a, b E) int) { mergeSort(x, c) }

// SortStableFunc sorts x by c, keeping the order of equal elements.
func SortStableFunc[E any](x []E, c func(a, b E) int) { mergeSort(x, c) }

// mergeSort is a bottom-up stable merge sort of x by c, after an insertion
// sort of runs of 8.
func mergeSort[E any](x []E, c func(a, b E) int) {
	n := len(x)
	const run = 8
	for lo := 0; lo < n; lo += run {
		hi := lo + run
		if hi > n {
			hi = n
		}
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && c(x[j], x[j-1]) < 0; j-- {
				x[j], x[j-1] = x[j-1], x[j]
			}
		}
	}
	if n <= run {
		return
	}
	src, dst := x, make([]E, n)
	for w := run; w < n; w *= 2 {
		for lo := 0; lo < n; lo += 2 * w {
			mid, hi := lo+w, lo+2*w
			if mid > n {
				mid = n
			}
			if hi > n {
				hi = n
			}
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if c(src[j], src[i]) < 0 {
					dst[k] = src[j]
					j++
				} else {
					dst[k] = src[i]
					i++
				}
				k++
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
	}
	if &src[0] != &x[0] {
		copy(x, src)
	}
}

// IsSorted reports whether x is in ascending order.
func IsSorted[E cmp.Ordered](x []E) bool {
	for i := len(x) - 1; i > 0; i-- {
		if cmp.Less(x[i], x[i-1]) {
			return false
		}
	}
	return true
}

// IsSortedFunc reports whether x is sorted by c.
func IsSortedFunc[E any](x []E, c func(a, b E) int) bool {
	for i := len(x) - 1; i > 0; i-- {
		if c(x[i], x[i-1]) < 0 {
			return false
		}
	}
	return true
}

// BinarySearch finds target in the sorted x: the position where it is or
// would be inserted, and whether it is there.
func BinarySearch[E cmp.Ordered](x []E, target E) (int, bool) {
	lo, hi := 0, len(x)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if cmp.Less(x[m], target) {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(x) && cmp.Compare(x[lo], target) == 0
}

// BinarySearchFunc is BinarySearch with cmp(element, target).
func BinarySearchFunc[E, T any](x []E, target T, c func(E, T) int) (int, bool) {
	lo, hi := 0, len(x)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if c(x[m], target) < 0 {
			lo = m + 1
		} else {
			hi = m
		}
	}
	return lo, lo < len(x) && c(x[lo], target) == 0
}

// Index returns the first position of v in s, or -1.
func Index[E comparable](s []E, v E) int {
	for i := range s {
		if v == s[i] {
			return i
		}
	}
	return -1
}

// IndexFunc returns the first position where f holds, or -1.
func IndexFunc[E any](s []E, f func(E) bool) int {
	for i := range s {
		if f(s[i]) {
			return i
		}
	}
	return -1
}

// Contains reports whether v is in s.
func Contains[E comparable](s []E, v E) bool { return Index(s, v) >= 0 }

// ContainsFunc reports whether f holds for an element of s.
func ContainsFunc[E any](s []E, f func(E) bool) bool { return IndexFunc(s, f) >= 0 }

// Insert inserts vs at position i of s; it panics if i > len(s).
func Insert[E any](s []E, i int, vs ...E) []E {
	_ = s[i:] // bounds check
	out := make([]E, 0, len(s)+len(vs))
	out = append(out, s[:i]...)
	out = append(out, vs...)
	return append(out, s[i:]...)
}

// Delete removes s[i:j] and zeroes the freed tail; it panics if the range
// is out of bounds.
func Delete[E any](s []E, i, j int) []E {
	_ = s[i:j:len(s)] // bounds check
	if i == j {
		return s
	}
	n := len(s)
	s = append(s[:i], s[j:]...)
	zeroTail(s[:n], len(s))
	return s
}

// DeleteFunc removes the elements for which del holds and zeroes the
// freed tail.
func DeleteFunc[E any](s []E, del func(E) bool) []E {
	i := IndexFunc(s, del)
	if i == -1 {
		return s
	}
	for j := i + 1; j < len(s); j++ {
		if v := s[j]; !del(v) {
			s[i] = v
			i++
		}
	}
	zeroTail(s, i)
	return s[:i]
}

// zeroTail sets s[from:] to the zero value (Go's clear).
func zeroTail[E any](s []E, from int) {
	var zero E
	for k := from; k < len(s); k++ {
		s[k] = zero
	}
}

// Replace replaces s[i:j] by vs.
func Replace[E any](s []E, i, j int, vs ...E) []E {
	_ = s[i:j] // bounds check
	out := make([]E, 0, len(s)-(j-i)+len(vs))
	out = append(out, s[:i]...)
	out = append(out, vs...)
	out = append(out, s[j:]...)
	if len(out) <= len(s) {
		n := copy(s, out)
		zeroTail(s, n)
		return s[:n]
	}
	return out
}

// Equal reports whether s1 and s2 have the same length and elements.
func Equal[E comparable](s1, s2 []E) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if s1[i] != s2[i] {
			return false
		}
	}
	return true
}

// EqualFunc is Equal with eq comparing the elements.
func EqualFunc[E1, E2 any](s1 []E1, s2 []E2, eq func(E1, E2) bool) bool {
	if len(s1) != len(s2) {
		return false
	}
	for i := range s1 {
		if !eq(s1[i], s2[i]) {
			return false
		}
	}
	return true
}

// Compare compares s1 and s2 element by element, then by length.
func Compare[E cmp.Ordered](s1, s2 []E) int {
	for i := 0; i < len(s1) && i < len(s2); i++ {
		if c := cmp.Compare(s1[i], s2[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(s1), len(s2))
}

// CompareFunc is Compare with c comparing the elements.
func CompareFunc[E1, E2 any](s1 []E1, s2 []E2, c func(E1, E2) int) int {
	for i := 0; i < len(s1) && i < len(s2); i++ {
		if r := c(s1[i], s2[i]); r != 0 {
			return r
		}
	}
	return cmp.Compare(len(s1), len(s2))
}

// Compact replaces runs of equal elements by one and zeroes the freed
// tail.
func Compact[E comparable](s []E) []E {
	return CompactFunc(s, func(a, b E) bool { return a == b })
}

// CompactFunc is Compact with eq telling equal elements.
func CompactFunc[E any](s []E, eq func(E, E) bool) []E {
	if len(s) < 2 {
		return s
	}
	k := 1
	for i := 1; i < len(s); i++ {
		if !eq(s[k-1], s[i]) {
			s[k] = s[i]
			k++
		}
	}
	zeroTail(s, k)
	return s[:k]
}

// Clone returns a copy of s (nil for nil).
func Clone[E any](s []E) []E {
	if s == nil {
		return nil
	}
	return append([]E{}, s...)
}

// Clip removes the unused capacity of s.
func Clip[E any](s []E) []E { return s[:len(s):len(s)] }

// Grow makes room for n more elements without another allocation; it
// panics if n is negative.
func Grow[E any](s []E, n int) []E {
	if n < 0 {
		panic("cannot be negative")
	}
	if n -= cap(s) - len(s); n > 0 {
		s = append(s[:cap(s)], make([]E, n)...)[:len(s)]
	}
	return s
}

// Concat returns the slices joined in a new slice. The first is a
// parameter of its own (see cmp.Or).
func Concat[E any](first []E, more ...[]E) []E {
	ss := append([][]E{first}, more...)
	n := 0
	for _, s := range ss {
		n += len(s)
	}
	if n == 0 {
		return nil
	}
	out := make([]E, 0, n)
	for _, s := range ss {
		out = append(out, s...)
	}
	return out
}

// Repeat returns s repeated count times; it panics if count is negative.
func Repeat[E any](s []E, count int) []E {
	if count < 0 {
		panic("cannot be negative")
	}
	out := make([]E, 0, len(s)*count)
	for i := 0; i < count; i++ {
		out = append(out, s...)
	}
	return out
}

// Reverse reverses s in place.
func Reverse[E any](s []E) {
	for i, j := 0, len(s)-1; i < j; i, j = i+1, j-1 {
		s[i], s[j] = s[j], s[i]
	}
}

// Max returns the largest element of x (a NaN if there is one); it panics
// on an empty slice.
func Max[E cmp.Ordered](x []E) E {
	if len(x) < 1 {
		panic("slices.Max: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if x[i] != x[i] {
			return x[i]
		}
		if x[i] > m {
			m = x[i]
		}
	}
	return m
}

// MaxFunc returns the first largest element of x by c.
func MaxFunc[E any](x []E, c func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MaxFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if c(x[i], m) > 0 {
			m = x[i]
		}
	}
	return m
}

// Min returns the smallest element of x (a NaN if there is one); it panics
// on an empty slice.
func Min[E cmp.Ordered](x []E) E {
	if len(x) < 1 {
		panic("slices.Min: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if x[i] != x[i] {
			return x[i]
		}
		if x[i] < m {
			m = x[i]
		}
	}
	return m
}

// MinFunc returns the first smallest element of x by c.
func MinFunc[E any](x []E, c func(a, b E) int) E {
	if len(x) < 1 {
		panic("slices.MinFunc: empty list")
	}
	m := x[0]
	for i := 1; i < len(x); i++ {
		if c(x[i], m) < 0 {
			m = x[i]
		}
	}
	return m
}
