package history

// Tail returns the last n cells of all sessions, oldest first (n <= 0:
// none).
func (s *Store) Tail(n int) ([]Entry, error) {
	if n <= 0 {
		return nil, nil
	}
	return s.entries(nil, n)
}

// Range returns the cells of a session with start <= line < stop (stop <=
// 0: to the end). session 0 is this session, a negative one counts back
// from it (-1: the one before), as IPython's history does.
func (s *Store) Range(session, start, stop int) ([]Entry, error) {
	if session <= 0 {
		session += s.session
	}
	es, err := s.entries(func(n int) bool { return n == session }, 0)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, e := range es {
		if e.Line >= start && (stop <= 0 || e.Line < stop) {
			out = append(out, e)
		}
	}
	return out, nil
}

// Search returns the cells whose source matches glob pattern (Match), all
// sessions, oldest first. unique keeps only the latest cell of each
// source; n > 0 keeps the last n.
func (s *Store) Search(pattern string, n int, unique bool) ([]Entry, error) {
	es, err := s.entries(nil, 0)
	if err != nil {
		return nil, err
	}
	var out []Entry
	for _, e := range es {
		if Match(pattern, e.Source) {
			out = append(out, e)
		}
	}
	if unique {
		seen := map[string]bool{}
		kept := make([]Entry, 0, len(out))
		for i := len(out) - 1; i >= 0; i-- {
			if !seen[out[i].Source] {
				seen[out[i].Source] = true
				kept = append(kept, out[i])
			}
		}
		for i, j := 0, len(kept)-1; i < j; i, j = i+1, j-1 {
			kept[i], kept[j] = kept[j], kept[i]
		}
		out = kept
	}
	if n > 0 && len(out) > n {
		out = out[len(out)-n:]
	}
	return out, nil
}

// Match reports whether s matches glob pattern as SQLite's GLOB (which
// IPython's history search uses) matches: `*` any text (newlines
// included), `?` one character, `[abc]`, `[a-z]` and `[^a-z]` a set;
// case-sensitive. A malformed set matches nothing.
func Match(pattern, s string) bool {
	p, t := []rune(pattern), []rune(s)
	// Iterative matching with backtracking to the last star.
	pi, ti := 0, 0
	star, mark := -1, 0
	for ti < len(t) {
		if pi < len(p) {
			switch p[pi] {
			case '*':
				star, mark = pi, ti
				pi++
				continue
			case '?':
				pi++
				ti++
				continue
			case '[':
				if end, ok := matchSet(p[pi:], t[ti]); end > 0 && ok {
					pi += end
					ti++
					continue
				} else if end == 0 {
					return false
				}
			default:
				if p[pi] == t[ti] {
					pi++
					ti++
					continue
				}
			}
		}
		if star < 0 {
			return false
		}
		pi, mark = star+1, mark+1
		ti = mark
	}
	for pi < len(p) && p[pi] == '*' {
		pi++
	}
	return pi == len(p)
}

// matchSet matches c against the set at the start of p ("[...]"). It
// returns the set's length (0 if it is not closed) and whether c is in it.
func matchSet(p []rune, c rune) (int, bool) {
	i := 1
	negate := false
	if i < len(p) && p[i] == '^' {
		negate, i = true, i+1
	}
	in := false
	first := true
	for ; i < len(p); i++ {
		if p[i] == ']' && !first {
			return i + 1, in != negate
		}
		first = false
		lo := p[i]
		if i+2 < len(p) && p[i+1] == '-' && p[i+2] != ']' {
			if lo <= c && c <= p[i+2] {
				in = true
			}
			i += 2
			continue
		}
		if lo == c {
			in = true
		}
	}
	return 0, false
}
