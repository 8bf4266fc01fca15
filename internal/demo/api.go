package demo

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// firstCreatedID is the id POST /api/items gives the first item it creates;
// the fixed list of GET /api/items uses smaller ids.
const firstCreatedID = 1001

// item is one entry of the demo catalogue.
type item struct {
	ID         int    `json:"id"`
	Name       string `json:"name"`
	PriceCents int    `json:"price_cents"`
}

// itemByID returns the catalogue entry with that id: every id exists and
// always has the same name and price.
func itemByID(id int) item {
	return item{ID: id, Name: "item " + strconv.Itoa(id), PriceCents: 100 + id*37%9900}
}

// itemList returns the body of GET /api/items: the first ten items.
func itemList() []byte {
	list := make([]item, 10)
	for i := range list {
		list[i] = itemByID(i + 1)
	}
	b, _ := json.Marshal(list)
	return append(b, '\n')
}

// serveItem answers GET /item?id=N with item N as JSON.
func serveItem(w http.ResponseWriter, r *http.Request) {
	id, err := parseInt("id", r.URL.Query().Get("id"), 0, 1<<31-1)
	if err != nil {
		badRequest(w, err)
		return
	}
	it := itemByID(id)
	b := make([]byte, 0, 64)
	b = fmt.Appendf(b, `{"id":%d,"name":%q,"price_cents":%d}`+"\n", it.ID, it.Name, it.PriceCents)
	w.Header()["Content-Type"] = appJSON
	_, _ = w.Write(b)
}

// serveItems answers GET /api/items with the item list, or 401 without a
// valid session cookie.
func (h *handler) serveItems(w http.ResponseWriter, r *http.Request) {
	if !h.loggedIn(r) {
		unauthorized(w)
		return
	}
	w.Header()["Content-Type"] = appJSON
	_, _ = w.Write(h.items)
}

// serveCreate answers POST /api/items (a JSON object) with 201 and the same
// object given a new "id", or 401 without a valid session cookie. Nothing is
// stored, so the server's memory stays bounded however long a test runs.
func (h *handler) serveCreate(w http.ResponseWriter, r *http.Request) {
	if !h.loggedIn(r) {
		unauthorized(w)
		return
	}
	var obj map[string]any
	body := http.MaxBytesReader(w, r.Body, maxBody)
	if err := json.NewDecoder(body).Decode(&obj); err != nil || obj == nil {
		http.Error(w, "demo: body is not valid: want a JSON object of at most 1 MiB, like {\"name\":\"pen\"}", http.StatusBadRequest)
		return
	}
	_, _ = io.Copy(io.Discard, body)
	obj["id"] = h.nextID.Add(1)
	w.Header()["Content-Type"] = appJSON
	w.WriteHeader(http.StatusCreated)
	_ = json.NewEncoder(w).Encode(obj)
}

// unauthorized answers 401 saying how to log in.
func unauthorized(w http.ResponseWriter) {
	http.Error(w, "demo: not logged in: POST /login with form fields user and password first", http.StatusUnauthorized)
}
