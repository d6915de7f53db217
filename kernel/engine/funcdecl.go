package engine

// funcDeclFunc returns, for cell.Options.FuncDecl, a function giving the
// source of the latest declaration of a function by an earlier cell, or "".
// It reads the declaration log once.
func (s *Session) funcDeclFunc() func(string) string {
	var srcs map[string]string
	return func(name string) string {
		if srcs == nil {
			srcs = map[string]string{}
			for _, d := range s.log.decls() {
				if d.Kind == "func" && len(d.Names) == 1 {
					srcs[d.Names[0]] = d.Src
				}
			}
		}
		return srcs[name]
	}
}
