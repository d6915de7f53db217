package worker

import "github.com/gokernel/gokernel/kernel/gotypes"

var _ gotypes.Session = (*Supervisor)(nil)

// Declarations returns the session's declarations as logged for replay, in
// order, and a number that changes whenever they change (gotypes.Session).
// It is safe to call while a cell runs.
func (s *Supervisor) Declarations() (uint64, []gotypes.Decl) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]gotypes.Decl, len(s.decls))
	for i, d := range s.decls {
		out[i] = gotypes.Decl{Kind: d.Kind, Names: d.Names, Src: d.Src}
	}
	return s.gen, out
}

// CellSource returns the text of an executed cell whose declarations are
// logged, by the name its positions use ("cell[3]").
func (s *Supervisor) CellSource(name string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	src, ok := s.sources[name]
	return src, ok
}
