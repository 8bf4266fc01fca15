// Package gustgrpc records gRPC calls in a gust load test: a user gets a
// *grpc.ClientConn (google.golang.org/grpc) from a Client, makes calls with
// its own generated stubs, and every call is timed and recorded with no
// further code. Its import path is github.com/gustload/gust/grpc; the
// package is named gustgrpc so that it sits beside google.golang.org/grpc
// without renaming either.
//
//	greeter, err := gustgrpc.New("127.0.0.1:50051")
//	if err != nil {
//		log.Fatal(err)
//	}
//	user := gust.User{
//		Name: "Caller",
//		Tasks: []gust.Task{gust.NewTask("hello", 1, func(s *gust.Session) {
//			c := pb.NewGreeterClient(greeter.Conn(s))
//			c.SayHello(s.Context(), &pb.HelloRequest{Name: "gust"})
//		})},
//	}
//	gust.Main(user)
//
// # Connections
//
// Each user has its own connection, made on the first Conn of the user and
// closed when it stops; gRPC connects it lazily, with the first call, and
// reconnects it by itself after a failure. New takes a gRPC target
// (host:port, dns:///host:port, unix:///path), not a URL. A Client made
// with an empty
// target calls each user's Host (User.Host, or -H on the command line):
// http://host:port in plaintext, https://host:port over TLS. Over TLS, the
// server's certificate is verified unless the user accepts any
// (User.InsecureSkipVerify, --insecure-skip-tls-verify); a tls.Config given
// with WithTLS, or credentials with WithDialOptions, are used as they are.
//
// # What is recorded
//
// Every sample has the request type "GRPC" (Type), in every table, CSV,
// JSON and HTML report, the web UI and distributed mode, and can be named in
// a threshold: "GRPC /gust.demo.Demo/Echo:p99<50ms".
//
//	Sample                  Name                    Time                               Size
//	----------------------- ----------------------- ---------------------------------- -----------------
//	a unary call            /pkg.Service/Method     the call                           the reply's bytes
//	a stream's opening      /pkg.Service/M [open]   until the stream is open           0
//	each message received   /pkg.Service/M [recv]   since the previous one (or open)   its bytes
//	each message sent       /pkg.Service/M [send]   the call to SendMsg                its bytes
//	a stream's life         /pkg.Service/M          from its opening to its end        bytes received
//
// A call or a stream fails with its status: the failure reads as the code's
// name and grpc-go's message, such as "DeadlineExceeded: context deadline
// exceeded", or, for a server that cannot be reached, "Unavailable:
// connection error: desc = ..." with the cause in the quotes ("...
// connect: connection refused", "... tls: ..."), so that each cause has a
// row of its own. The Name call option
// records a call under another name; WithMessages chooses whether the
// messages received, those sent, both or none are recorded one by one.
//
// A stream's life is recorded when it ends: when RecvMsg returns io.EOF (a
// normal end) or an error (its status is the failure), or when the reply of
// a client-streaming call arrives. Read a stream to its end, or cancel its
// context: a cancellation by your own context is a normal end, recorded
// when you cancel, whether or not you read the stream again (a deadline of
// your own that passes is the failure DeadlineExceeded). Call a
// stream's methods from the user's own goroutine (or from goroutines that
// end before the task returns), as for every method of a Session.
//
// # Deadlines
//
// Every call ends when the test ends (the Session's context), whatever
// context it was given. A unary call whose context has no deadline gets
// gust.DefaultTimeout (60 s), or what WithTimeout says. Pass s.Context()
// to your calls.
//
// A call, a stream's opening, a message sent or a stream's life that the
// end of the test cut short is counted as interrupted, as an HTTP request
// in flight is: neither a request nor a failure, shown in the summary's
// "Interrupted" table and the JSON report, and grouped under the target
// and what it was doing ("connecting" while the connection was not ready,
// "sending the request" for an opening or a message sent, "waiting for a
// response" for a unary call or a stream's life) in the line a run with
// no request completed ends with. Unary calls, openings and messages sent
// are followed in flight, so a target that keeps them waiting is warned
// about; a stream's life, which goes at the server's pace, is not.
//
// # Timing with coordinated omission
//
// Samples go through gust.Session.Record, so they are counted, merged
// across workers and corrected for coordinated omission in a paced or
// arrival-rate test like any HTTP request.
//
// May import: gust, internal/calls.
package gustgrpc
