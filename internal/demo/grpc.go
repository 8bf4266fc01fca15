package demo

import (
	"context"
	"time"

	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/health"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/reflection"
	"google.golang.org/grpc/status"

	"github.com/gustload/gust/internal/demo/demopb"
)

// Limits of the gRPC methods' arguments.
const (
	maxTicks     = 10000
	defaultTicks = 10
)

// demoService implements demopb.DemoServer.
type demoService struct {
	demopb.UnimplementedDemoServer
	rand *source
}

// NewGRPCServer returns a gRPC server with the demo service (see demo.proto:
// Echo and Ticks, with a delay and an error rate the caller chooses), the
// standard health service (reporting SERVING) and server reflection, so
// grpcurl and ghz can discover it. Serve it on a listener; Start does.
func NewGRPCServer(opts ...Option) *grpc.Server {
	return newGRPCServer(newConfig(opts))
}

// newGRPCServer builds the gRPC server with its services.
func newGRPCServer(c config) *grpc.Server {
	s := grpc.NewServer()
	demopb.RegisterDemoServer(s, &demoService{rand: newSource(c.seed)})
	hs := health.NewServer()
	hs.SetServingStatus(demopb.Demo_ServiceDesc.ServiceName, healthpb.HealthCheckResponse_SERVING)
	healthpb.RegisterHealthServer(s, hs)
	reflection.Register(s)
	return s
}

// Echo answers with the request's text after its delay, or fails with
// UNAVAILABLE with its error rate's probability.
func (d *demoService) Echo(ctx context.Context, req *demopb.EchoRequest) (*demopb.EchoReply, error) {
	if err := checkRPC("delay_ms", req.GetDelayMs(), req.GetErrorRate()); err != nil {
		return nil, err
	}
	if !sleep(ctx, time.Duration(req.GetDelayMs())*time.Millisecond) {
		return nil, status.FromContextError(ctx.Err()).Err()
	}
	if d.rand.Float64() < req.GetErrorRate() {
		return nil, status.Error(codes.Unavailable, "demo: failed on purpose (error_rate)")
	}
	return &demopb.EchoReply{Text: req.GetText()}, nil
}

// Ticks sends the requested ticks, one every interval, and ends the stream
// early with ABORTED after fail_after ticks, or UNAVAILABLE by chance.
func (d *demoService) Ticks(req *demopb.TicksRequest, stream grpc.ServerStreamingServer[demopb.Tick]) error {
	n := req.GetCount()
	if n == 0 {
		n = defaultTicks
	}
	if err := checkTicks(n, req); err != nil {
		return err
	}
	every := time.Duration(req.GetIntervalMs()) * time.Millisecond
	for seq := uint32(1); seq <= n; seq++ {
		if err := d.tick(stream, req, seq, every); err != nil {
			return err
		}
	}
	return nil
}

// tick waits for the interval (not before the first tick) and sends tick
// seq, or ends the stream as the request asks.
func (d *demoService) tick(stream grpc.ServerStreamingServer[demopb.Tick], req *demopb.TicksRequest, seq uint32, every time.Duration) error {
	ctx := stream.Context()
	if seq > 1 && !sleep(ctx, every) {
		return status.FromContextError(ctx.Err()).Err()
	}
	if f := req.GetFailAfter(); f > 0 && seq > f {
		return status.Errorf(codes.Aborted, "demo: stream ended after %d ticks (fail_after)", f)
	}
	if d.rand.Float64() < req.GetErrorRate() {
		return status.Error(codes.Unavailable, "demo: failed on purpose (error_rate)")
	}
	return stream.Send(&demopb.Tick{Seq: seq, UnixNano: time.Now().UnixNano()})
}

// checkRPC rejects a delay (the field named name) or an error rate out of
// range.
func checkRPC(name string, delayMS uint32, rate float64) error {
	if delayMS > maxDelayMS {
		return status.Errorf(codes.InvalidArgument, "demo: %s=%d is not valid: want 0 to %d", name, delayMS, maxDelayMS)
	}
	if !(rate >= 0 && rate <= 1) {
		return status.Errorf(codes.InvalidArgument, "demo: error_rate=%v is not valid: want 0 to 1", rate)
	}
	return nil
}

// checkTicks rejects a Ticks request out of range.
func checkTicks(n uint32, req *demopb.TicksRequest) error {
	if n > maxTicks {
		return status.Errorf(codes.InvalidArgument, "demo: count=%d is not valid: want 0 to %d", n, maxTicks)
	}
	return checkRPC("interval_ms", req.GetIntervalMs(), req.GetErrorRate())
}
