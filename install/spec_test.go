package install

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// decodeJSON decodes a kernel.json into a generic map, failing the test if
// it is not a JSON object.
func decodeJSON(t *testing.T, data []byte) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatalf("not a JSON object: %v\n%s", err, data)
	}
	return m
}

// findNull returns the path of a null anywhere in v, or "".
func findNull(v any, path string) string {
	switch v := v.(type) {
	case nil:
		return path
	case map[string]any:
		for k, e := range v {
			if p := findNull(e, path+"."+k); p != "" {
				return p
			}
		}
	case []any:
		for i, e := range v {
			if p := findNull(e, path+"["+strconv.Itoa(i)+"]"); p != "" {
				return p
			}
		}
	}
	return ""
}

func TestSpecJSON(t *testing.T) {
	exe := filepath.Join(t.TempDir(), "bin", "gokernel")
	data, err := specJSON(Spec(exe))
	if err != nil {
		t.Fatal(err)
	}
	m := decodeJSON(t, data)
	wantArgv := []any{exe, "kernel", "{connection_file}"}
	if !reflect.DeepEqual(m["argv"], wantArgv) {
		t.Errorf("argv = %v, want %v", m["argv"], wantArgv)
	}
	if a, _ := m["argv"].([]any); len(a) == 0 || !filepath.IsAbs(a[0].(string)) {
		t.Errorf("argv[0] is not absolute: %v", m["argv"])
	}
	for key, want := range map[string]any{
		"display_name":   "Go (gokernel)",
		"language":       "go",
		"interrupt_mode": "message",
		"metadata":       map[string]any{},
	} {
		if !reflect.DeepEqual(m[key], want) {
			t.Errorf("%s = %#v, want %#v", key, m[key], want)
		}
	}
	if _, ok := m["env"]; ok {
		t.Errorf("empty env is written: %s", data)
	}
	if p := findNull(m, "kernel.json"); p != "" {
		t.Errorf("%s is null:\n%s", p, data)
	}
	if strings.Contains(string(data), "encryption") {
		t.Errorf("kernel.json mentions encryption:\n%s", data)
	}
	if !strings.HasSuffix(string(data), "}\n") || !strings.Contains(string(data), "\n  \"argv\"") {
		t.Errorf("kernel.json is not indented with a final newline:\n%s", data)
	}
}

func TestKernelSpecMarshalJSON(t *testing.T) {
	tests := []struct {
		name string
		spec KernelSpec
		want map[string]any
	}{
		{"zero value has no null", KernelSpec{}, map[string]any{
			"argv": []any{}, "display_name": "", "language": "", "metadata": map[string]any{},
		}},
		{"env is written when set", KernelSpec{Argv: []string{"/k"}, Env: map[string]string{"GOKERNEL_X": "${HOME}"}}, map[string]any{
			"argv": []any{"/k"}, "display_name": "", "language": "",
			"env": map[string]any{"GOKERNEL_X": "${HOME}"}, "metadata": map[string]any{},
		}},
		{"html characters kept", KernelSpec{Argv: []string{"/a&b/<go>"}, Metadata: map[string]any{"x": 1.0}}, map[string]any{
			"argv": []any{"/a&b/<go>"}, "display_name": "", "language": "", "metadata": map[string]any{"x": 1.0},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := specJSON(tt.spec)
			if err != nil {
				t.Fatal(err)
			}
			if got := decodeJSON(t, data); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v\nwant %#v", got, tt.want)
			}
			if strings.Contains(string(data), `\u00`) {
				t.Errorf("HTML-escaped: %s", data)
			}
		})
	}
}

func TestSpecRoundTrip(t *testing.T) {
	want := Spec("/usr/local/bin/gokernel")
	data, err := json.Marshal(want)
	if err != nil {
		t.Fatal(err)
	}
	var got KernelSpec
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("round trip: got %#v, want %#v", got, want)
	}
}

func TestCheckName(t *testing.T) {
	tests := []struct {
		name, want string
		ok         bool
	}{
		{"gokernel", "gokernel", true},
		{"go-1.26_dev", "go-1.26_dev", true},
		{"GoKernel", "gokernel", true}, // Jupyter names are case-insensitive
		{"...", "...", true},
		{"", "", false},
		{".", "", false},
		{"..", "", false},
		{"go kernel", "", false},
		{"go/kernel", "", false},
		{`go\kernel`, "", false},
		{"gö", "", false},
		{"go~1", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := CheckName(tt.name)
			if (err == nil) != tt.ok || got != tt.want {
				t.Errorf("CheckName(%q) = %q, %v; want %q, ok=%v", tt.name, got, err, tt.want, tt.ok)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "install: ") {
				t.Errorf("error without package prefix: %v", err)
			}
		})
	}
}
