package nbscript

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
)

// Cell is one code cell of a notebook, as Convert reads it.
type Cell struct {
	// Source is the cell's text.
	Source string
	// Tags are metadata.tags (skip-execution, raises-exception, …).
	Tags []string
	// HasResult says the saved notebook shows an execute_result for it.
	HasResult bool
	// ID is the cell id, if any.
	ID string
}

// tagged reports whether c carries tag.
func (c Cell) tagged(tag string) bool { return slices.Contains(c.Tags, tag) }

// multiline is a notebook text field: a string or a list of strings.
type multiline string

func (m *multiline) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err == nil {
		*m = multiline(s)
		return nil
	}
	var list []string
	if err := json.Unmarshal(b, &list); err != nil {
		return fmt.Errorf("source: want a string or a list of strings: %w", err)
	}
	*m = multiline(strings.Join(list, ""))
	return nil
}

// ReadNotebook returns the code cells of an nbformat 4 notebook, in order.
func ReadNotebook(data []byte) ([]Cell, error) {
	var nb struct {
		NBFormat int `json:"nbformat"`
		Cells    []struct {
			CellType string    `json:"cell_type"`
			ID       string    `json:"id"`
			Source   multiline `json:"source"`
			Metadata struct {
				Tags []string `json:"tags"`
			} `json:"metadata"`
			Outputs []struct {
				OutputType string `json:"output_type"`
			} `json:"outputs"`
		} `json:"cells"`
	}
	if err := json.Unmarshal(data, &nb); err != nil {
		return nil, fmt.Errorf("nbscript: not a notebook: %w", err)
	}
	if nb.NBFormat != 4 {
		return nil, fmt.Errorf("nbscript: nbformat %d, want 4", nb.NBFormat)
	}
	var cells []Cell
	for _, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		cell := Cell{Source: string(c.Source), Tags: c.Metadata.Tags, ID: c.ID}
		for _, o := range c.Outputs {
			cell.HasResult = cell.HasResult || o.OutputType == "execute_result"
		}
		cells = append(cells, cell)
	}
	return cells, nil
}
