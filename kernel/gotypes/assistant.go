package gotypes

import "github.com/gokernel/gokernel/kernel"

// Assistant is a Checker as the kernel's complete_request and
// inspect_request handlers see it.
type Assistant struct{ *Checker }

var _ kernel.Assistant = Assistant{}

// Complete implements kernel.Assistant.
func (a Assistant) Complete(code string, cursor int) kernel.Completion {
	c := a.Checker.Complete(code, cursor)
	out := kernel.Completion{Matches: make([]string, 0, len(c.Items)), Start: c.Start, End: c.End,
		Types: make([]kernel.CompletionType, 0, len(c.Items))}
	for _, it := range c.Items {
		out.Matches = append(out.Matches, it.Text)
		out.Types = append(out.Types, kernel.CompletionType{Start: c.Start, End: c.End, Text: it.Text,
			Type: it.Kind, Signature: it.Signature})
	}
	return out
}

// Inspect implements kernel.Assistant: Markdown with a plain-text fallback.
func (a Assistant) Inspect(code string, cursor, detail int) kernel.Inspection {
	in := a.Checker.Inspect(code, cursor, detail)
	if !in.Found {
		return kernel.Inspection{}
	}
	return kernel.Inspection{Found: true, Data: kernel.MIMEBundle{"text/plain": in.Text, "text/markdown": in.Markdown}}
}
