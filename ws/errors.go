package ws

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/coder/websocket"
)

// dialError says why a handshake failed: the HTTP status when the server
// answered without upgrading, a timeout, or the transport's error.
func dialError(err error, resp *http.Response, ctx context.Context) error {
	switch {
	case resp != nil && resp.StatusCode != http.StatusSwitchingProtocols:
		return fmt.Errorf("handshake refused: HTTP %d", resp.StatusCode)
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return errors.New("connect: timeout")
	}
	return fmt.Errorf("connect: %w", err)
}

// readError says why a message did not arrive: the server closed the
// connection (with its status and reason), the wait timed out, or the
// connection was lost.
func readError(err error, ctx context.Context) error {
	var ce websocket.CloseError
	switch {
	case errors.As(err, &ce):
		return fmt.Errorf("closed by the server: %d %s", int(ce.Code), closeReason(ce))
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return errors.New("timeout: no message")
	}
	return fmt.Errorf("connection lost: %w", err)
}

// closeReason is the close frame's reason, or, when it gives none, what
// its status means ("policy violation"), as RFC 6455 names it.
func closeReason(ce websocket.CloseError) string {
	if ce.Reason != "" {
		return ce.Reason
	}
	if name, ok := statusNames[ce.Code]; ok {
		return name
	}
	return "(no reason)"
}

// statusNames are what the close statuses of RFC 6455 mean.
var statusNames = map[websocket.StatusCode]string{
	websocket.StatusNormalClosure:           "normal closure",
	websocket.StatusGoingAway:               "going away",
	websocket.StatusProtocolError:           "protocol error",
	websocket.StatusUnsupportedData:         "unsupported data",
	websocket.StatusNoStatusRcvd:            "no status",
	websocket.StatusAbnormalClosure:         "abnormal closure",
	websocket.StatusInvalidFramePayloadData: "invalid frame payload data",
	websocket.StatusPolicyViolation:         "policy violation",
	websocket.StatusMessageTooBig:           "message too big",
	websocket.StatusMandatoryExtension:      "mandatory extension",
	websocket.StatusInternalError:           "internal error",
	websocket.StatusServiceRestart:          "service restart",
	websocket.StatusTryAgainLater:           "try again later",
	websocket.StatusBadGateway:              "bad gateway",
	websocket.StatusTLSHandshake:            "TLS handshake",
}

// writeError says why a message could not be sent.
func writeError(err error, ctx context.Context) error {
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return errors.New("send: timeout")
	}
	return fmt.Errorf("send: %w", err)
}
