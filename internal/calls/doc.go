// Package calls lets gust's protocol packages (gust/grpc, gust/ws) record
// their calls as the root package records an HTTP request: followed in
// flight to their host, recorded as a sample when they end, and, when the
// end of the test cuts one short, counted as interrupted in the phase it
// was in (Entry.Interrupted and stats.Waits.Interrupted), neither a request
// nor a failure. It also hands them the user's InsecureSkipVerify.
//
// A *gust.Session keeps its internals unexported, so the root package
// fills in Of when it is initialised; a protocol package calls Of once per
// user (or per connection) and keeps the *Session it returns. Nothing here
// is part of gust's public API.
//
// May import: internal/stats.
package calls
