package coro

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestFetchIsCooperative(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/missing" {
			http.NotFound(w, r)
			return
		}
		time.Sleep(20 * time.Millisecond)
		w.Write([]byte("body of " + r.URL.Path))
	}))
	defer srv.Close()
	defer http.DefaultClient.CloseIdleConnections()
	var r recorder
	get := func(path string) (string, error) {
		r.add("get %s", path)
		b, err := Fetch(srv.URL + path)
		r.add("got %s", path)
		return string(b), err
	}
	res, err := Run(func() ([]any, error) { return Gather(Async(get, "/a"), Async(get, "/b")) })
	if err != nil || Repr(res) != "['body of /a', 'body of /b']" {
		t.Fatalf("Gather(Fetch) = %v, %v", Repr(res), err)
	}
	if !strings.HasPrefix(r.String(), "get /a get /b") {
		t.Fatalf("requests did not overlap: %q", r.String())
	}
	if _, err := Fetch(srv.URL + "/missing"); err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("404: %v", err)
	}
}

func TestGenExpr(t *testing.T) {
	g := GenExpr(func(x int) int { return x * 2 }, Range(5))
	if !strings.HasPrefix(g.String(), "<generator object <genexpr> at ") {
		t.Fatalf("String = %s", g)
	}
	if l := MustList(g); l.String() != "[0, 2, 4, 6, 8]" {
		t.Fatalf("got %v", l)
	}
}
