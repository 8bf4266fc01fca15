package report_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/gustload/gust/internal/report"
	"github.com/gustload/gust/internal/stats"
)

func TestJSONKeepsTheFirstExampleOfAGroupedFailure(t *testing.T) {
	rec := stats.NewRecorder()
	raw := "read tcp 127.0.0.1:40001->127.0.0.1:8080: read: connection reset by peer"
	rec.Record(0, stats.Sample{Method: "GET", Name: "/", Err: raw})
	rec.Record(0, stats.Sample{Method: "GET", Name: "/", Interrupted: true})
	var b bytes.Buffer
	if err := report.WriteJSON(&b, rec.Snapshot(time.Now())); err != nil {
		t.Fatal(err)
	}
	var r report.JSONReport
	if err := json.Unmarshal(b.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Errors) != 1 || r.Errors[0].Error != "read tcp 127.0.0.1:8080: read: connection reset by peer" || r.Errors[0].Example != raw {
		t.Errorf("errors %+v, want the grouped text with the first example", r.Errors)
	}
	if r.Total.Interrupted != 1 || len(r.Stats) != 1 || r.Stats[0].Interrupted != 1 {
		t.Errorf("interrupted: total %d, stats %+v; want 1 and 1", r.Total.Interrupted, r.Stats)
	}
}
