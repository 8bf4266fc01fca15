package wire

import "errors"

// ErrMalformed is wrapped by every error Decode returns for a message that
// is not a valid Locust envelope or whose payload does not have the shape its
// type requires. The receiver logs such a message and drops it.
var ErrMalformed = errors.New("gust: malformed cluster message")
