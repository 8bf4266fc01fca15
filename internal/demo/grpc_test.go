package demo_test

import (
	"context"
	"io"
	"testing"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials/insecure"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	reflectionpb "google.golang.org/grpc/reflection/grpc_reflection_v1"
	"google.golang.org/grpc/status"

	"github.com/gustload/gust/internal/demo/demopb"
)

// dialGRPC connects to a started demo server's gRPC port.
func dialGRPC(t *testing.T) *grpc.ClientConn {
	t.Helper()
	srv := start(t, "127.0.0.1:0")
	cc, err := grpc.NewClient(srv.GRPCAddr, grpc.WithTransportCredentials(insecure.NewCredentials()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cc.Close() })
	return cc
}

func TestGRPCEcho(t *testing.T) {
	d := demopb.NewDemoClient(dialGRPC(t))
	tests := []struct {
		req  *demopb.EchoRequest
		code codes.Code
	}{
		{&demopb.EchoRequest{Text: "hi"}, codes.OK},
		{&demopb.EchoRequest{Text: "hi", DelayMs: 5}, codes.OK},
		{&demopb.EchoRequest{ErrorRate: 1}, codes.Unavailable},
		{&demopb.EchoRequest{DelayMs: 60001}, codes.InvalidArgument},
		{&demopb.EchoRequest{ErrorRate: 1.5}, codes.InvalidArgument},
	}
	for _, tt := range tests {
		reply, err := d.Echo(context.Background(), tt.req)
		if status.Code(err) != tt.code || (err == nil && reply.GetText() != tt.req.GetText()) {
			t.Errorf("Echo(%v) = %v, %v; want code %v and the text back", tt.req, reply, err, tt.code)
		}
	}
}

func TestGRPCTicks(t *testing.T) {
	d := demopb.NewDemoClient(dialGRPC(t))
	tests := []struct {
		req  *demopb.TicksRequest
		n    uint32
		code codes.Code
	}{
		{&demopb.TicksRequest{}, 10, codes.OK},
		{&demopb.TicksRequest{Count: 3, IntervalMs: 1}, 3, codes.OK},
		{&demopb.TicksRequest{Count: 5, FailAfter: 2}, 2, codes.Aborted},
		{&demopb.TicksRequest{Count: 5, ErrorRate: 1}, 0, codes.Unavailable},
		{&demopb.TicksRequest{Count: 10001}, 0, codes.InvalidArgument},
		{&demopb.TicksRequest{IntervalMs: 70000}, 0, codes.InvalidArgument},
	}
	for _, tt := range tests {
		n, err := countTicks(t, d, tt.req)
		if n != tt.n || status.Code(err) != tt.code {
			t.Errorf("Ticks(%v): %d ticks, %v; want %d and code %v", tt.req, n, err, tt.n, tt.code)
		}
	}
}

// countTicks reads a Ticks stream to its end, checking the sequence.
func countTicks(t *testing.T, d demopb.DemoClient, req *demopb.TicksRequest) (uint32, error) {
	st, err := d.Ticks(context.Background(), req)
	if err != nil {
		return 0, err
	}
	var n uint32
	for {
		tick, err := st.Recv()
		if err == io.EOF {
			return n, nil
		}
		if err != nil {
			return n, err
		}
		if n++; tick.GetSeq() != n || tick.GetUnixNano() == 0 {
			t.Errorf("tick %d = %v", n, tick)
		}
	}
}

// Health reports SERVING and reflection lists the services, so grpcurl and
// ghz can find them.
func TestGRPCHealthAndReflection(t *testing.T) {
	cc := dialGRPC(t)
	h, err := healthpb.NewHealthClient(cc).Check(context.Background(), &healthpb.HealthCheckRequest{Service: "gust.demo.Demo"})
	if err != nil || h.GetStatus() != healthpb.HealthCheckResponse_SERVING {
		t.Errorf("health of gust.demo.Demo = %v, %v; want SERVING", h, err)
	}
	st, err := reflectionpb.NewServerReflectionClient(cc).ServerReflectionInfo(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer st.CloseSend()
	req := &reflectionpb.ServerReflectionRequest{MessageRequest: &reflectionpb.ServerReflectionRequest_ListServices{}}
	if err := st.Send(req); err != nil {
		t.Fatal(err)
	}
	resp, err := st.Recv()
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, s := range resp.GetListServicesResponse().GetService() {
		names[s.GetName()] = true
	}
	if !names["gust.demo.Demo"] || !names["grpc.health.v1.Health"] {
		t.Errorf("reflection lists %v; want gust.demo.Demo and grpc.health.v1.Health", names)
	}
}
