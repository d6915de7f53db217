package magic

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		name, src string
		magics    []Line
		code      string
	}{
		{"plain Go", "x := 1\nfmt.Println(x)", nil, "x := 1\nfmt.Println(x)"},
		{"empty", "", nil, ""},
		{"line magic", "%time x := f()", []Line{{Name: "time", Args: "x := f()", LineNo: 1, Col: 7}}, ""},
		{"shell", "  !ls -l  ", []Line{{Name: "!", Args: "ls -l", LineNo: 1, Col: 4}}, ""},
		{"header then Go, lines kept", "// setup\n%cd /tmp\n!ls\nx := 1\ny := 2",
			[]Line{{Name: "cd", Args: "/tmp", LineNo: 2, Col: 5}, {Name: "!", Args: "ls", LineNo: 3, Col: 2}},
			"\n\n\nx := 1\ny := 2"},
		{"cell magic", "\n%%writefile -a out.txt\nline 1\n%not a magic\n", []Line{{Name: "writefile", Args: "-a out.txt",
			Cell: true, Body: "line 1\n%not a magic\n", LineNo: 2, Col: 13}}, ""},
		{"magic without args", "%pwd", []Line{{Name: "pwd", LineNo: 1, Col: 5}}, ""},
		{"not-equal is Go", "!= 3", nil, "!= 3"},
		{"percent in raw string", "fmt.Printf(`\n%d items\n`, 3)", nil, "fmt.Printf(`\n%d items\n`, 3)"},
		{"percent in block comment", "/*\n%time\n*/\nx := 1", nil, "/*\n%time\n*/\nx := 1"},
		{"not in composite literal", "x := []bool{\n!b}", nil, "x := []bool{\n!b}"},
		{"not after operator", "ok := a &&\n!b", nil, "ok := a &&\n!b"},
		{"not in for clause", "for i := 0;\n!done; i++ {}", nil, "for i := 0;\n!done; i++ {}"},
		{"remainder operator", "x := 7 %\n3", nil, "x := 7 %\n3"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := Parse(tc.src)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tc.src, err)
			}
			if !reflect.DeepEqual(c.Magics, tc.magics) {
				t.Errorf("Parse(%q).Magics =\n%+v\nwant\n%+v", tc.src, c.Magics, tc.magics)
			}
			if c.Code != tc.code {
				t.Errorf("Parse(%q).Code = %q, want %q", tc.src, c.Code, tc.code)
			}
		})
	}
}

func TestPlain(t *testing.T) {
	for src, want := range map[string]bool{
		"x := 1\nfmt.Println(x)": true,
		"":                       true,
		"x := 7 %\n3":            true,
		"  %time f()":            false,
		"x := 1\n\t!ls":          false,
		"fmt.Printf(`\n%d`, 1)":  false, // Parse decides: Go, not a magic
	} {
		if got := Plain(src); got != want {
			t.Errorf("Plain(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestParseMisplaced(t *testing.T) {
	for _, tc := range []struct {
		src  string
		line int
		msg  string
	}{
		{"x := 1\n%time f()", 2, "%time is a magic command"},
		{"x := 1\n\n  %%bash\necho", 3, "%%bash is a magic command"},
		{"x := 1\n!ls", 2, "!shell line must come before"},
		{"f()\n!ls -l", 2, "!shell line"},
		{"%cd /tmp\nx := 1\n%env A=1", 3, "%env is a magic command"},
		{"%pwd\n%%time\nx", 2, "cell magic %%time must be the first line"},
	} {
		_, err := Parse(tc.src)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("Parse(%q) = %v, want an *Error", tc.src, err)
			continue
		}
		if pe.LineNo != tc.line || !strings.Contains(pe.Msg, tc.msg) {
			t.Errorf("Parse(%q) = line %d %q, want line %d containing %q", tc.src, pe.LineNo, pe.Msg, tc.line, tc.msg)
		}
	}
}

func TestIsComplete(t *testing.T) {
	goComplete := func(src string) (string, string) {
		if strings.HasSuffix(strings.TrimSpace(src), "{") {
			return "incomplete", "\t"
		}
		return "complete", ""
	}
	for _, tc := range []struct{ src, want string }{
		{"%time x", "complete"},
		{"%%bash\necho hi", "incomplete"},
		{"%%bash\necho hi\n\n", "complete"},
		{"%cd /tmp\nfor {", "incomplete"},
		{"x := 1\n%pwd", "invalid"},
		{"func f() {", "incomplete"},
	} {
		if got, _ := IsComplete(tc.src, goComplete); got != tc.want {
			t.Errorf("IsComplete(%q) = %s, want %s", tc.src, got, tc.want)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"%time x", "!ls\nx := 1", "%%bash\necho", "x := `\n%d`", "a &&\n!b", "x\n%y", "`\n`%", "x := `a\n` % 2", "/*\n*/%", "/* c\n*/ !x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		c, err := Parse(src)
		if Plain(src) && (err != nil || len(c.Magics) > 0) {
			t.Fatalf("Plain(%q) but Parse found magics: %v", src, err)
		}
		if err != nil {
			var pe *Error
			if !errors.As(err, &pe) || pe.LineNo < 1 || pe.LineNo > strings.Count(src, "\n")+1 {
				t.Fatalf("Parse(%q): bad error %v", src, err)
			}
			return
		}
		if c.Code != "" && strings.Count(c.Code, "\n") != strings.Count(src, "\n") {
			t.Fatalf("Parse(%q).Code %q does not keep the cell's lines", src, c.Code)
		}
	})
}
