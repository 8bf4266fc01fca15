package demo

import (
	"math/rand/v2"
	"sync"
)

// Option configures a demo handler or server; pass options to NewHandler or
// Start.
type Option func(*config)

// config is what the options fill in.
type config struct {
	seed     uint64
	seeded   bool
	grpcAddr string
}

// WithGRPCAddr makes Start serve gRPC on addr (a loopback host:port) rather
// than on a free port of the HTTP server's host. NewHandler ignores it.
func WithGRPCAddr(addr string) Option {
	return func(c *config) { c.grpcAddr = addr }
}

// WithSeed makes the random endpoints (/latency, /flaky) and the session
// secret deterministic: two handlers built with the same seed give the same
// sequence of answers to the same sequence of requests. Without it the seed
// is random.
func WithSeed(seed int64) Option {
	return func(c *config) { c.seed, c.seeded = uint64(seed), true }
}

// newConfig applies opts over the defaults.
func newConfig(opts []Option) config {
	var c config
	for _, opt := range opts {
		opt(&c)
	}
	if !c.seeded {
		c.seed = rand.Uint64()
	}
	return c
}

// source is a random number generator safe for concurrent use. It is only on
// the random endpoints' path, where a short critical section is cheap next to
// the delay that follows.
type source struct {
	mu sync.Mutex
	r  *rand.Rand
}

// newSource returns a generator seeded with seed.
func newSource(seed uint64) *source {
	return &source{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))}
}

// Float64 returns a uniform number in [0, 1).
func (s *source) Float64() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.Float64()
}

// NormFloat64 returns a standard normal number.
func (s *source) NormFloat64() float64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.NormFloat64()
}

// Uint64 returns a uniform 64-bit number.
func (s *source) Uint64() uint64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.r.Uint64()
}
