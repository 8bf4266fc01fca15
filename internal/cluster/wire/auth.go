package wire

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
)

// gust's own message types, which Locust does not know (a Locust master logs
// "Unknown message type" for them and carries on).
const (
	// TypeAuth (W→M, Auth) proves that a gust worker knows the cluster
	// token. It is sent just before every client_ready, when a token is set.
	TypeAuth = "gust_auth"
	// TypeRefused (M→W, Refused) tells a worker why the master will not
	// take it; a quit follows.
	TypeRefused = "gust_refused"
)

// Auth is the data of gust_auth: an HMAC-SHA256 of the worker's node id
// keyed with the cluster token (AuthMAC), so the token itself never crosses
// the network. Locust's workers cannot send it.
type Auth struct {
	MAC string // hex
}

func (a Auth) encode(w *writer) {
	w.mapLen(1)
	w.str("mac")
	w.str(a.MAC)
}

func decodeAuth(v any) (any, error) {
	f := fieldsOf(TypeAuth, v)
	a := Auth{MAC: f.str("mac", true)}
	return a, f.err
}

// Refused is the data of gust_refused: why the master refused the worker.
type Refused struct {
	Reason string
}

func (r Refused) encode(w *writer) {
	w.mapLen(1)
	w.str("reason")
	w.str(r.Reason)
}

func decodeRefused(v any) (any, error) {
	f := fieldsOf(TypeRefused, v)
	r := Refused{Reason: f.str("reason", false)}
	return r, f.err
}

// AuthMAC is the proof a worker with node id presents for token.
func AuthMAC(token, id string) string {
	h := hmac.New(sha256.New, []byte(token))
	h.Write([]byte("gust cluster auth v1\x00"))
	h.Write([]byte(id))
	return hex.EncodeToString(h.Sum(nil))
}

// ValidAuth reports whether mac proves that the worker id knows token.
func ValidAuth(token, id, mac string) bool {
	want, _ := hex.DecodeString(AuthMAC(token, id))
	got, err := hex.DecodeString(mac)
	return err == nil && hmac.Equal(got, want)
}
