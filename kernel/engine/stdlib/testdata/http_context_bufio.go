package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"time"
)

func main() {
	// net/http/httptest with an interpreted handler.
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Cell", "yes")
		fmt.Fprintf(w, "hello %s", r.URL.Query().Get("name"))
	}))
	defer srv.Close()
	resp, err := http.Get(srv.URL + "/?name=gopher")
	if err != nil {
		fmt.Println(err)
		return
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	fmt.Println(resp.StatusCode, resp.Header.Get("X-Cell"), string(body))

	rec := httptest.NewRecorder()
	http.NotFound(rec, httptest.NewRequest("GET", "/x", nil))
	fmt.Println(rec.Code)

	// context: cancel and deadline.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	<-ctx.Done()
	fmt.Println(ctx.Err(), errors.Is(ctx.Err(), context.Canceled))
	ctx, cancel = context.WithTimeout(context.Background(), time.Millisecond)
	defer cancel()
	<-ctx.Done()
	fmt.Println(errors.Is(ctx.Err(), context.DeadlineExceeded))

	// bufio: scanning words.
	sc := bufio.NewScanner(strings.NewReader("the quick  brown\nfox"))
	sc.Split(bufio.ScanWords)
	count := 0
	for sc.Scan() {
		count++
	}
	fmt.Println("words:", count, sc.Err())
	r := bufio.NewReader(strings.NewReader("line1\nline2\n"))
	line, _ := r.ReadString('\n')
	fmt.Printf("%q\n", line)
}

// Output:
// 200 yes hello gopher
// 404
// context canceled true
// true
// words: 4 <nil>
// "line1\n"
