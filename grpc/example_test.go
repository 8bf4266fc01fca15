package gustgrpc_test

import (
	"fmt"
	"log"

	"github.com/gustload/gust"
	gustgrpc "github.com/gustload/gust/grpc"
	"github.com/gustload/gust/internal/demo/demopb"
)

// A user that calls a unary method and reads a server stream to its end;
// each user has its own connection, and every call is recorded.
func Example() {
	demo, err := gustgrpc.New("127.0.0.1:50051")
	if err != nil {
		log.Fatal(err)
	}
	user := gust.User{
		Name: "Caller",
		Tasks: []gust.Task{
			gust.NewTask("echo", 3, func(s *gust.Session) {
				c := demopb.NewDemoClient(demo.Conn(s))
				c.Echo(s.Context(), &demopb.EchoRequest{Text: "hello", DelayMs: 10})
			}),
			gust.NewTask("ticks", 1, func(s *gust.Session) {
				c := demopb.NewDemoClient(demo.Conn(s))
				stream, err := c.Ticks(s.Context(), &demopb.TicksRequest{Count: 5, IntervalMs: 20})
				for err == nil {
					_, err = stream.Recv() // io.EOF at the end
				}
			}),
		},
	}
	fmt.Println(user.Name, "records as", gustgrpc.Type)
	// In a test program: gust.Main(user)
	// Output: Caller records as GRPC
}

// New with no target calls each user's Host: -H http://127.0.0.1:50051 in
// plaintext, https:// over TLS.
func ExampleNew_host() {
	_, err := gustgrpc.New("", gustgrpc.WithMessages(gustgrpc.Both))
	fmt.Println(err)
	// Output: <nil>
}
