package wire

import (
	"reflect"
	"testing"
)

// The example entry of the reference (§5.7), decoded from a real Locust
// 2.12.1 worker, as Python's msgpack.dumps writes it.
const pyExampleEntry = "8ea46e616d65a82f6d697373696e67a66d6574686f64a3474554b66c6173745f726571756573745f74696d657374616d70cb41dac08d8b15467caa73746172745f74696d65cb41dac08d8aa4edafac6e756d5f726571756573747304b16e756d5f6e6f6e655f726571756573747300ac6e756d5f6661696c7572657304b3746f74616c5f726573706f6e73655f74696d65cb40436afc2656bd00b16d61785f726573706f6e73655f74696d65cb403dbf97353b5200b16d696e5f726573706f6e73655f74696d65cb400128997c3e5400b4746f74616c5f636f6e74656e745f6c656e67746810ae726573706f6e73655f74696d6573831e0102020501b06e756d5f726571735f7065725f73656383ce6b02362a01ce6b02362b02ce6b02362c01b06e756d5f6661696c5f7065725f73656383ce6b02362a01ce6b02362b02ce6b02362c01"

// An entry as Locust 2.12.1 sent it for a slow page: float bucket keys.
const pySlowEntryFloatKeys = "8ea46e616d65a52f736c6f77a66d6574686f64a3474554b66c6173745f726571756573745f74696d657374616d70cb41dac08d8b200000aa73746172745f74696d65cb41dac08d8aa00000ac6e756d5f726571756573747303b16e756d5f6e6f6e655f726571756573747300ac6e756d5f6661696c7572657300b3746f74616c5f726573706f6e73655f74696d65cb4080e20000000000b16d61785f726573706f6e73655f74696d65cb4069300000000000b16d696e5f726573706f6e73655f74696d65cb4065000000000000b4746f74616c5f636f6e74656e745f6c656e6774681eae726573706f6e73655f74696d657382cb406900000000000001cb406540000000000002b06e756d5f726571735f7065725f73656381ce6b02362b03b06e756d5f6661696c5f7065725f73656380"

// The first stats report of a Locust 2.12.1 worker (Appendix A): no
// entries, and a total whose method is None.
const pyStatsEmpty212 = "93a5737461747385a5737461747390ab73746174735f746f74616c8ea46e616d65aa41676772656761746564a66d6574686f64c0b66c6173745f726571756573745f74696d657374616d70c0aa73746172745f74696d65cb41dac08d8a7acf10ac6e756d5f726571756573747300b16e756d5f6e6f6e655f726571756573747300ac6e756d5f6661696c7572657300b3746f74616c5f726573706f6e73655f74696d6500b16d61785f726573706f6e73655f74696d6500b16d696e5f726573706f6e73655f74696d65c0b4746f74616c5f636f6e74656e745f6c656e67746800ae726573706f6e73655f74696d657380b06e756d5f726571735f7065725f73656380b06e756d5f6661696c5f7065725f73656380a66572726f727380b2757365725f636c61737365735f636f756e7481a75765625573657200aa757365725f636f756e7400d923766d5f3334303064323462363836343461376639333031613430316438326133383436"

// decodeEntry decodes one StatsEntryDict frame.
func decodeEntry(t *testing.T, h string) StatsEntry {
	t.Helper()
	v, err := newReader(unhex(t, h)).value(0)
	if err != nil {
		t.Fatal(err)
	}
	var e StatsEntry
	if err := e.decode("entry", v); err != nil {
		t.Fatal(err)
	}
	return e
}

func TestDecodeExampleEntry(t *testing.T) {
	want := StatsEntry{
		Name: "/missing", Method: "GET",
		LastRequestTimestamp: ptr(1795307052.332427),
		StartTime:            1795307050.577007,
		NumRequests:          4,
		NumFailures:          4,
		TotalResponseTime:    38.83582000003116,
		MaxResponseTime:      29.748401000006197,
		MinResponseTime:      ptr(2.1448240000268015),
		TotalContentLength:   16,
		ResponseTimes:        map[float64]int64{30: 1, 2: 2, 5: 1},
		NumReqsPerSec:        map[int64]int64{1795307050: 1, 1795307051: 2, 1795307052: 1},
		NumFailPerSec:        map[int64]int64{1795307050: 1, 1795307051: 2, 1795307052: 1},
	}
	if got := decodeEntry(t, pyExampleEntry); !reflect.DeepEqual(got, want) {
		t.Errorf("decoded entry =\n%+v\nwant\n%+v", got, want)
	}
}

func TestDecodeFloatBucketKeys(t *testing.T) {
	e := decodeEntry(t, pySlowEntryFloatKeys)
	if want := map[float64]int64{200: 1, 170: 2}; !reflect.DeepEqual(e.ResponseTimes, want) {
		t.Errorf("ResponseTimes = %v, want %v", e.ResponseTimes, want)
	}
	if e.MinResponseTime == nil || *e.MinResponseTime != 168 {
		t.Errorf("MinResponseTime = %v, want 168", e.MinResponseTime)
	}
}

func TestDecodeEmptyReport212(t *testing.T) {
	m, err := Decode(unhex(t, pyStatsEmpty212))
	if err != nil {
		t.Fatal(err)
	}
	r, ok := m.Data.(*StatsReport)
	if !ok {
		t.Fatalf("Data is %T, want *StatsReport", m.Data)
	}
	if len(r.Stats) != 0 || len(r.Errors) != 0 {
		t.Errorf("report has %d entries and %d errors, want none", len(r.Stats), len(r.Errors))
	}
	if r.Total.Name != "Aggregated" || r.Total.Method != "" || r.Total.MinResponseTime != nil || r.Total.LastRequestTimestamp != nil {
		t.Errorf("total = %+v, want an empty Aggregated entry with method None read as \"\"", r.Total)
	}
	if !reflect.DeepEqual(r.UserClassesCount, map[string]int{"WebUser": 0}) || r.UserCount != 0 {
		t.Errorf("users = %v, %d; want WebUser: 0, 0", r.UserClassesCount, r.UserCount)
	}
}

func TestStatsReportRoundTrip(t *testing.T) {
	r := &StatsReport{
		Stats: []StatsEntry{decodeEntry(t, pyExampleEntry), decodeEntry(t, pySlowEntryFloatKeys)},
		Total: StatsEntry{Name: "Aggregated", StartTime: 1795307050.5, ResponseTimes: map[float64]int64{2.5: 1},
			NumReqsPerSec: map[int64]int64{}, NumFailPerSec: map[int64]int64{}, Hist: []byte{1, 2, 3}},
		Errors: map[string]StatsError{
			"k1": {Name: "/missing", Method: "GET", Error: "HTTPError('404')", Occurrences: 4},
			"k2": {Name: "/", Method: "GET", Error: "boom", Occurrences: 1, FirstSeen: ptr(1795307050.25), LastSeen: ptr(1795307051.75)},
		},
		UserClassesCount: map[string]int{"WebUser": 3},
		UserCount:        3,
	}
	m, err := Decode(mustEncode(t, Message{TypeStats, r, "w"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Data.(*StatsReport); !reflect.DeepEqual(got, r) {
		t.Errorf("round trip =\n%+v\nwant\n%+v", got, r)
	}
}
