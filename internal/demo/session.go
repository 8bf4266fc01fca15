package demo

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"net/http"
	"strings"
)

// SessionCookie is the name of the cookie POST /login sets and /api/items
// requires.
const SessionCookie = "gust_session"

// newSecret draws the key that signs session cookies from the handler's
// random source, so a seeded handler issues the same cookies every run.
func (h *handler) newSecret() []byte {
	b := make([]byte, 32)
	for i := 0; i < len(b); i += 8 {
		binary.LittleEndian.PutUint64(b[i:], h.rand.Uint64())
	}
	return b
}

// sign returns the session token of user: the user and a MAC of it, so the
// server needs no session store.
func (h *handler) sign(user string) string {
	mac := hmac.New(sha256.New, h.secret)
	mac.Write([]byte(user))
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(user)) + "." + enc.EncodeToString(mac.Sum(nil))
}

// loggedIn reports whether r carries a session cookie this handler issued.
func (h *handler) loggedIn(r *http.Request) bool {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return false
	}
	userPart, _, ok := strings.Cut(c.Value, ".")
	user, err := base64.RawURLEncoding.DecodeString(userPart)
	if !ok || err != nil {
		return false
	}
	return hmac.Equal([]byte(c.Value), []byte(h.sign(string(user))))
}

// serveLogin answers POST /login (form fields user and password, any
// non-empty values) by setting the session cookie; empty fields get 400.
func (h *handler) serveLogin(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxBody)
	user, password := r.PostFormValue("user"), r.PostFormValue("password")
	if user == "" || password == "" {
		http.Error(w, "demo: login needs form fields user and password, both non-empty", http.StatusBadRequest)
		return
	}
	http.SetCookie(w, &http.Cookie{
		Name: SessionCookie, Value: h.sign(user), Path: "/",
		HttpOnly: true, SameSite: http.SameSiteLaxMode,
	})
	w.Header()["Content-Type"] = textPlain
	_, _ = w.Write(loginBody)
}

var loginBody = []byte("logged in\n")
