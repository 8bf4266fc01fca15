package demo_test

import (
	"fmt"
	"io"
	"log"
	"net/http"

	"github.com/gustload/gust/internal/demo"
)

// Start a demo server on a free loopback port, send it one request, and stop
// it.
func ExampleStart() {
	srv, err := demo.Start("127.0.0.1:0", demo.WithSeed(1))
	if err != nil {
		log.Fatal(err)
	}
	defer srv.Close()

	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	resp, err := client.Get(srv.URL + "/item?id=42")
	if err != nil {
		log.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status)
	fmt.Print(string(body))
	// Output:
	// 200 OK
	// {"id":42,"name":"item 42","price_cents":1654}
}
