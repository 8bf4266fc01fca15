package wire

import (
	"bytes"
	"encoding/hex"
	"errors"
	"reflect"
	"testing"
	"time"
)

const pyID = "vm_3400d24b68644a7f9301a401d82a3846"

// Frames written by Python's msgpack.dumps((type, data, node_id)), the way
// Locust 2.12.1 and later serialise messages.
const (
	pyClientReadyEmpty   = "93ac636c69656e745f7265616479a0d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyClientReadyMinus1  = "93ac636c69656e745f7265616479ffd923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyClientReadyVersion = "93ac636c69656e745f7265616479a6322e34362e33d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyAck                = "93a361636b81a5696e64657800d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyAckNone            = "93a361636bc0d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyHeartbeatWorker    = "93a968656172746265617483a57374617465a57265616479b163757272656e745f6370755f7573616765cb0000000000000000b463757272656e745f6d656d6f72795f7573616765ce035cf000d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyHeartbeatIntCPU    = "93a968656172746265617483a57374617465a772756e6e696e67b163757272656e745f6370755f757361676500b463757272656e745f6d656d6f72795f7573616765ce035cf000d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyHeartbeatMaster    = "93a9686561727462656174c0ab6d61737465725f30313233"
	pySpawn              = "93a5737061776e85a974696d657374616d70cb41dac08d933ae1c3b2757365725f636c61737365735f636f756e7481a75765625573657203a4686f7374c0ac73746f705f74696d656f7574c0ae7061727365645f6f7074696f6e7386aa6c6f6375737466696c65ad6c6f6375737466696c652e7079a96e756d5f757365727306aa737061776e5f72617465cb4008000000000000a474616773c0a8686561646c657373c3ac6578636c7564655f7461677391a4736c6f77d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pySpawningComplete   = "93b1737061776e696e675f636f6d706c65746582b2757365725f636c61737365735f636f756e7481a75765625573657203aa757365725f636f756e7403d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyException          = "93a9657863657074696f6e82a36d7367b67461736b20657863657074696f6e206578616d706c65a974726163656261636bbe202046696c652022782e7079222c206c696e6520312c20696e2072756e0ad923766d5f3334303064323462363836343461376639333031613430316438326133383436"
	pyStop               = "93a473746f70c0d923766d5f3334303064323462363836343461376639333031613430316438326133383436"
)

func unhex(t testing.TB, s string) []byte {
	t.Helper()
	b, err := hex.DecodeString(s)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

var pyMessages = []struct {
	name    string
	hex     string
	want    Message
	sameHex bool // gust encodes want to exactly these bytes
}{
	{"client_ready from Debian's Locust", pyClientReadyEmpty, Message{TypeClientReady, ClientReady{}, pyID}, true},
	{"client_ready -1", pyClientReadyMinus1, Message{TypeClientReady, ClientReady{SkipVersionCheck}, pyID}, true},
	{"client_ready version", pyClientReadyVersion, Message{TypeClientReady, ClientReady{"2.46.3"}, pyID}, true},
	{"ack", pyAck, Message{TypeAck, Ack{Index: 0}, pyID}, true},
	{"ack from an old master", pyAckNone, Message{TypeAck, Ack{Index: -1}, pyID}, false},
	{"worker heartbeat", pyHeartbeatWorker, Message{TypeHeartbeat, Heartbeat{State: "ready", MemoryUsage: 56422400}, pyID}, true},
	{"worker heartbeat with an int CPU", pyHeartbeatIntCPU, Message{TypeHeartbeat, Heartbeat{State: "running", MemoryUsage: 56422400}, pyID}, false},
	{"master heartbeat", pyHeartbeatMaster, Message{TypeHeartbeat, Heartbeat{}, "master_0123"}, true},
	{"spawn from a Locust master", pySpawn, Message{TypeSpawn, Spawn{
		Timestamp:        1795307084.9200294,
		UserClassesCount: map[string]int{"WebUser": 3},
		ParsedOptions: map[string]any{"locustfile": "locustfile.py", "num_users": int64(6), "spawn_rate": 3.0,
			"tags": nil, "headless": true, "exclude_tags": []any{"slow"}},
	}, pyID}, false},
	{"spawning_complete", pySpawningComplete, Message{TypeSpawningComplete, SpawningComplete{map[string]int{"WebUser": 3}, 3}, pyID}, true},
	{"exception", pyException, Message{TypeException, Exception{"task exception example", "  File \"x.py\", line 1, in run\n", 1}, pyID}, true},
	{"stop", pyStop, Message{TypeStop, nil, pyID}, true},
}

func TestDecodePythonFrames(t *testing.T) {
	for _, tt := range pyMessages {
		got, err := Decode(unhex(t, tt.hex))
		if err != nil {
			t.Errorf("%s: Decode: %v", tt.name, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Decode =\n%#v\nwant\n%#v", tt.name, got, tt.want)
		}
	}
}

func TestEncodeMatchesPython(t *testing.T) {
	for _, tt := range pyMessages {
		if !tt.sameHex {
			continue
		}
		if got := hex.EncodeToString(mustEncode(t, tt.want)); got != tt.hex {
			t.Errorf("%s: Encode =\n%s\nPython writes\n%s", tt.name, got, tt.hex)
		}
	}
}

func TestEncodeDecodeRoundTrip(t *testing.T) {
	msgs := []Message{
		{TypeClientReady, ClientReady{SkipVersionCheck}, "w_1"},
		{TypeAck, Ack{Index: 7}, "m_1"},
		{TypeSpawn, Spawn{Timestamp: 1795307084.25, UserClassesCount: map[string]int{"A": 2, "B": 0},
			Host: "http://127.0.0.1:8080", StopTimeout: 1500 * time.Millisecond,
			ParsedOptions: map[string]any{"tags": []any{"a", "b"}, "custom": int64(3)}}, "m_1"},
		{TypeSpawning, nil, "w_1"},
		{TypeSpawningComplete, SpawningComplete{map[string]int{"A": 2}, 2}, "w_1"},
		{TypeSpawningComplete, SpawningComplete{UserCount: 9}, "m_1"},
		{TypeHeartbeat, Heartbeat{State: "running", CPUUsage: 12.5, MemoryUsage: 1 << 30}, "w_1"},
		{TypeHeartbeat, Heartbeat{State: "running", CPUUsage: 99, MemoryUsage: 1 << 30, Saturation: "CPU at 99%"}, "w_2"},
		{TypeHeartbeat, Heartbeat{}, "m_1"},
		{TypeException, Exception{Msg: "boom", Traceback: "tb", Count: 4}, "w_1"},
		{TypeStop, nil, "m_1"},
		{TypeClientStopped, nil, "w_1"},
		{TypeQuit, nil, "w_1"},
		{TypeReconnect, nil, "m_1"},
		{"custom", map[any]any{"k": []any{int64(1), 2.5, "s", nil, true}, int64(3): []byte{1, 2}}, "m_1"},
	}
	for _, m := range msgs {
		got, err := Decode(mustEncode(t, m))
		if err != nil {
			t.Errorf("%s: Decode(Encode): %v", m.Type, err)
			continue
		}
		if !reflect.DeepEqual(got, m) {
			t.Errorf("%s: round trip =\n%#v\nwant\n%#v", m.Type, got, m)
		}
	}
}

// The first 40 bytes of a stats frame captured from Locust 2.12.1 (reference
// Appendix A): fixarray(3), "stats", fixmap(5) {"stats": fixarray(4)
// [fixmap(14) {"name": "/missing", "method": "GE…
const capturedStatsPrefix = "93a5737461747385a5737461747394" + "8ea46e616d65a82f6d697373696e67a66d6574686f64a34745"

func TestEncodeStatsMatchesCapture(t *testing.T) {
	entry := func(method, name string) StatsEntry {
		return StatsEntry{Name: name, Method: method, StartTime: 1795307050.5,
			ResponseTimes: map[float64]int64{}, NumReqsPerSec: map[int64]int64{}, NumFailPerSec: map[int64]int64{}}
	}
	r := &StatsReport{
		Stats:            []StatsEntry{entry("GET", "/missing"), entry("GET", "/item?id=[id]"), entry("GET", "/"), entry("GET", "/slow")},
		Total:            entry("", "Aggregated"),
		Errors:           map[string]StatsError{},
		UserClassesCount: map[string]int{"WebUser": 3},
		UserCount:        3,
	}
	b := mustEncode(t, Message{TypeStats, r, pyID})
	if got := hex.EncodeToString(b[:40]); got != capturedStatsPrefix {
		t.Errorf("first 40 bytes of a stats frame =\n%s\ncaptured from Locust:\n%s", got, capturedStatsPrefix)
	}
}

func TestDecodeMalformed(t *testing.T) {
	tests := []struct {
		name string
		b    []byte
	}{
		{"empty", nil},
		{"not an array", []byte{0xa1, 'x'}},
		{"array of 2", []byte{0x92, 0xa1, 'x', 0xc0}},
		{"type not a string", []byte{0x93, 0x01, 0xc0, 0xa0}},
		{"empty type", []byte{0x93, 0xa0, 0xc0, 0xa0}},
		{"node_id a number", []byte{0x93, 0xa4, 's', 't', 'o', 'p', 0xc0, 0x05}},
		{"truncated", unhex(t, pyAck)[:10]},
		{"trailing bytes", append(unhex(t, pyStop), 0xc0)},
		{"array length beyond input", []byte{0x93, 0xa1, 'x', 0xdd, 0xff, 0xff, 0xff, 0xff, 0xa0}},
		{"map length beyond input", []byte{0x93, 0xa1, 'x', 0xdf, 0x7f, 0xff, 0xff, 0xff, 0xa0}},
		{"string length beyond input", []byte{0x93, 0xa1, 'x', 0xdb, 0x7f, 0xff, 0xff, 0xff, 0xa0}},
		{"ext type", []byte{0x93, 0xa1, 'x', 0xd4, 0x01, 0x02, 0xa0}},
		{"unused code 0xc1", []byte{0x93, 0xa1, 'x', 0xc1, 0xa0}},
		{"array as map key", []byte{0x93, 0xa1, 'x', 0x81, 0x90, 0xc0, 0xa0}},
		{"nested too deep", deepArray(100)},
		{"spawn without user_classes_count", mustEncode(t, Message{TypeSpawn, map[string]any{"timestamp": 1.0}, "m"})},
		{"spawn without timestamp", mustEncode(t, Message{TypeSpawn, map[string]any{"user_classes_count": map[string]any{}}, "m"})},
		{"spawn with a string count", mustEncode(t, Message{TypeSpawn, map[string]any{"timestamp": 1.0, "user_classes_count": map[string]any{"A": "3"}}, "m"})},
		{"heartbeat with a string cpu", mustEncode(t, Message{TypeHeartbeat, map[string]any{"state": "ready", "current_cpu_usage": "x"}, "w"})},
		{"client_ready with a map", mustEncode(t, Message{TypeClientReady, map[string]any{}, "w"})},
		{"exception not a map", mustEncode(t, Message{TypeException, "boom", "w"})},
		{"stats without stats_total", mustEncode(t, Message{TypeStats, map[string]any{"stats": []any{}, "errors": map[string]any{}}, "w"})},
		{"stats entry without name", mustEncode(t, Message{TypeStats, map[string]any{"stats": []any{map[string]any{"method": "GET"}},
			"stats_total": map[string]any{"name": "Aggregated", "method": ""}, "errors": map[string]any{}}, "w"})},
		{"stats with negative occurrences", mustEncode(t, Message{TypeStats, map[string]any{"stats": []any{},
			"stats_total": map[string]any{"name": "Aggregated", "method": ""},
			"errors":      map[string]any{"k": map[string]any{"name": "/", "method": "GET", "error": "e", "occurrences": -1}}}, "w"})},
	}
	for _, tt := range tests {
		_, err := Decode(tt.b)
		if !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: Decode(% x) error = %v, want ErrMalformed", tt.name, tt.b, err)
		}
	}
}

// deepArray nests n single-element arrays inside a stop message's data.
func deepArray(n int) []byte {
	b := []byte{0x93, 0xa1, 'x'}
	b = append(b, bytes.Repeat([]byte{0x91}, n)...)
	return append(b, 0xc0, 0xa0)
}

func TestEncodeRejectsUnknownData(t *testing.T) {
	if _, err := Encode(Message{Type: "custom", Data: struct{}{}, NodeID: "w"}); err == nil {
		t.Error("Encode of a struct that is not a payload succeeded, want an error")
	}
}

func TestEncodeSanitisesUTF8(t *testing.T) {
	m, err := Decode(mustEncode(t, Message{TypeException, Exception{Msg: "bad \xff byte", Count: 1}, "w"}))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.Data.(Exception).Msg; got != "bad \uFFFD byte" {
		t.Errorf("Msg = %q, want invalid UTF-8 replaced by U+FFFD", got)
	}
}

func TestDecodeRejectsInvalidUTF8(t *testing.T) {
	frames := map[string][]byte{
		"type":       {0x93, 0xa2, 0xff, 0xfe, 0xc0, 0xa0},
		"string":     {0x93, 0xa1, 'x', 0xa1, 0xff, 0xa0},
		"bin as key": {0x93, 0xa1, 'x', 0x81, 0xc4, 0x01, 0xff, 0xc0, 0xa0},
	}
	for name, b := range frames {
		if _, err := Decode(b); !errors.Is(err, ErrMalformed) {
			t.Errorf("%s: Decode error = %v, want ErrMalformed (Python rejects invalid UTF-8 in str)", name, err)
		}
	}
}
