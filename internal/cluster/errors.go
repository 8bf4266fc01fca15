package cluster

import "errors"

// ErrMalformed is wrapped by every error Decode returns for a message that
// is not a valid Locust envelope or whose payload does not have the shape its
// type requires. The receiver logs such a message and drops it.
var ErrMalformed = errors.New("gust: malformed cluster message")

// ErrClosed is returned by a Transport's Send and Recv once it is closed.
var ErrClosed = errors.New("gust: cluster transport closed")
