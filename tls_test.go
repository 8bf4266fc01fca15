package gust

import (
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// selfSignedServer is an https server on 127.0.0.1 whose certificate no
// client trusts unless told to: httptest's own, self-signed. It answers
// with the protocol the request came in.
func selfSignedServer(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Fprint(w, "tls ", r.TLS != nil)
	}))
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the refused handshakes
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv
}

func TestInsecureSkipVerify(t *testing.T) {
	srv := selfSignedServer(t)
	tests := []struct {
		name    string
		lax     bool
		wantErr string // "" for success
	}{
		{"verified by default", false, "certificate"},
		{"skipped when asked", true, ""},
	}
	eachClient(t, func(t *testing.T, c Client) {
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				s, rec := newTestSession(t, c, srv, DefaultTimeout)
				s.lax = tt.lax
				r := s.Get("/")
				if len(rec.samples) != 1 {
					t.Fatalf("%d samples, want 1", len(rec.samples))
				}
				got := rec.samples[0].Err
				switch {
				case tt.wantErr == "" && (got != "" || string(r.Body) != "tls true"):
					t.Fatalf("recorded error %q, body %q: want a success over TLS", got, r.Body)
				case tt.wantErr != "" && !strings.Contains(got, tt.wantErr):
					t.Fatalf("recorded error %q, want a failure naming the %s", got, tt.wantErr)
				}
			})
		}
	})
}

func TestInsecureSkipVerifyCoversSessionClient(t *testing.T) {
	srv := selfSignedServer(t)
	for _, lax := range []bool{false, true} {
		s, _ := newTestSession(t, FastHTTP, srv, DefaultTimeout)
		s.lax = lax
		resp, err := s.Client().Get(srv.URL)
		if err == nil {
			resp.Body.Close()
		}
		if (err == nil) != lax {
			t.Fatalf("InsecureSkipVerify %v: Session.Client().Get error %v", lax, err)
		}
	}
}

// TestInsecureSkipTLSVerifyReachesTheUsers runs whole tests against a
// self-signed server: the option or the User field makes the requests
// succeed, without either they all fail on the certificate.
func TestInsecureSkipTLSVerifyReachesTheUsers(t *testing.T) {
	srv := selfSignedServer(t)
	netUser := func(lax bool) []User {
		return []User{{Name: "Browser", Host: srv.URL, InsecureSkipVerify: lax,
			Tasks: []Task{NewTask("home", 1, func(s *Session) { s.Get("/") })}}}
	}
	tests := []struct {
		name     string
		args     []string
		users    []User
		wantFail bool
	}{
		{"URL mode verifies", []string{srv.URL + "/"}, nil, true},
		{"URL mode with the option", []string{"--insecure-skip-tls-verify", srv.URL + "/"}, nil, false},
		{"net/http user verifies", nil, netUser(false), true},
		{"net/http user with the option", []string{"--insecure-skip-tls-verify"}, netUser(false), false},
		{"net/http user with the field", nil, netUser(true), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-u", "1", "-r", "100", "-t", "1s", "--only-summary", "--json"}, tt.args...)
			r := command(t, nil, args, tt.users...)
			rep := decodeJSON(t, r)
			total := rep.Total
			if total.NumRequests == 0 {
				t.Fatalf("no request was made\n%s", r.stderr)
			}
			switch {
			case !tt.wantFail && (total.NumFailures != 0 || r.code != 0):
				t.Fatalf("exit %d, %d of %d requests failed (%+v): want none", r.code, total.NumFailures, total.NumRequests, rep.Errors)
			case tt.wantFail && (total.NumFailures != total.NumRequests || len(rep.Errors) == 0 ||
				!strings.Contains(rep.Errors[0].Error, "certificate")):
				t.Fatalf("%d of %d requests failed (%+v): want all, on the certificate", total.NumFailures, total.NumRequests, rep.Errors)
			}
		})
	}
}
