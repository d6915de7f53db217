package nbscript

import "strings"

// goCellMagics are the cell magics whose body is Go code.
var goCellMagics = map[string]bool{"time": true, "timeit": true}

// commentMagics returns src with its magic and shell lines (%name …,
// !command …) turned into comments, and whether the whole cell is not Go (a
// cell magic such as %%bash or %%writefile, whose body is then commented out
// too). A line that starts with '!' continues a Go expression when the line
// before ends in an operator, an opening bracket or a comma; it is kept.
func commentMagics(src string) (out string, notGo bool) {
	lines := strings.SplitAfter(src, "\n")
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if t == "" {
			continue
		}
		if name, ok := strings.CutPrefix(t, "%%"); ok && i == firstCodeLine(lines) {
			name, _, _ = strings.Cut(name, " ")
			if !goCellMagics[name] {
				return commentAll(src, "cell magic %%"+name+": not Go"), true
			}
			lines[i] = "// " + l
			continue
		}
		if strings.HasPrefix(t, "%") || (strings.HasPrefix(t, "!") && !continues(lines[:i])) {
			lines[i] = "// " + l
		}
	}
	return strings.Join(lines, ""), false
}

// firstCodeLine returns the index of the first non-blank line.
func firstCodeLine(lines []string) int {
	for i, l := range lines {
		if strings.TrimSpace(l) != "" {
			return i
		}
	}
	return -1
}

// continues reports whether the last non-blank line of lines leaves an
// expression open, so that the next line continues it.
func continues(lines []string) bool {
	for i := len(lines) - 1; i >= 0; i-- {
		t := strings.TrimSpace(lines[i])
		if t == "" {
			continue
		}
		return strings.ContainsAny(t[len(t)-1:], "([{,&|=+-*/%<>!^:.")
	}
	return false
}

// commentAll returns src as line comments after a note line.
func commentAll(src, note string) string {
	var b strings.Builder
	b.WriteString("// " + note + ":\n")
	for _, l := range strings.Split(strings.TrimRight(src, "\n"), "\n") {
		if l == "" {
			b.WriteString("//\n")
			continue
		}
		b.WriteString("// " + l + "\n")
	}
	return b.String()
}
