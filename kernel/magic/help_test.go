package magic

import (
	"strings"
	"testing"
)

func TestHelpListsEveryMagic(t *testing.T) {
	all, err := Help("")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range specs {
		if !strings.Contains(all, s.Usage) {
			t.Errorf("%%help does not list %s", s.Name)
		}
		for _, arg := range []string{s.Name} {
			one, err := Help(arg)
			if err != nil {
				t.Errorf("%%help %s: %v", arg, err)
				continue
			}
			if !strings.HasPrefix(one, s.Usage+"\n") {
				t.Errorf("%%help %s = %q, want it to start with %q", arg, one, s.Usage)
			}
		}
	}
	if _, err := Help("nosuch"); err == nil || !strings.Contains(err.Error(), "no magic nosuch") {
		t.Errorf("%%help nosuch: err = %v", err)
	}
}

func TestLookupPrefersLineMagic(t *testing.T) {
	if s, _ := find("time"); s.Name != "%time" {
		t.Errorf("find(time) = %s", s.Name)
	}
	if s, _ := find("%%time"); s.Name != "%%time" {
		t.Errorf("find(%%%%time) = %s", s.Name)
	}
	if s, _ := find("bash"); s.Name != "%%bash" {
		t.Errorf("find(bash) = %s", s.Name)
	}
}
