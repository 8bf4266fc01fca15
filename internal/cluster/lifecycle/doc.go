// Package lifecycle tracks the goroutines of a cluster node (a Master, and
// the Router and Dealer sockets under the transport) so that closing the
// node cancels them and waits until every one has returned, and gives them
// a Sleep that ends with their context.
//
// May import: no other gust package.
package lifecycle
