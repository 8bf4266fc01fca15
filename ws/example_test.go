package ws_test

import (
	"fmt"
	"log"

	"github.com/gustload/gust"
	"github.com/gustload/gust/ws"
)

// A user that times an echo and a message from a room, on its own
// connection to the user's Host.
func Example() {
	echo, err := ws.New("/ws/echo")
	if err != nil {
		log.Fatal(err)
	}
	user := gust.User{
		Name: "Chatter",
		Host: "http://127.0.0.1:8080",
		Tasks: []gust.Task{gust.NewTask("say", 1, func(s *gust.Session) {
			c, err := echo.Conn(s)
			if err != nil {
				return // recorded as a failed connect
			}
			c.ExchangeText("say hello", "hello")
		})},
	}
	fmt.Println(user.Name, "records as", ws.Type)
	// In a test program: gust.Main(user)
	// Output: Chatter records as WS
}

// A URL that is neither a path nor a WebSocket URL is refused at once.
func ExampleNew() {
	_, err := ws.New("ftp://127.0.0.1/room")
	fmt.Println(err)
	// Output: gustws: URL "ftp://127.0.0.1/room" has scheme "ftp": want ws, wss, http or https
}
