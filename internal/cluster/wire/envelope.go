package wire

import (
	"fmt"
)

// Message types of Locust's master/worker protocol (reference §5.3).
const (
	TypeClientReady      = "client_ready"      // W→M: ClientReady
	TypeAck              = "ack"               // M→W: Ack
	TypeSpawn            = "spawn"             // M→W: Spawn
	TypeSpawning         = "spawning"          // W→M: no data
	TypeSpawningComplete = "spawning_complete" // both: SpawningComplete
	TypeStats            = "stats"             // W→M: *StatsReport
	TypeHeartbeat        = "heartbeat"         // both: Heartbeat (empty from the master)
	TypeException        = "exception"         // W→M: Exception
	TypeStop             = "stop"              // M→W: no data
	TypeClientStopped    = "client_stopped"    // W→M: no data
	TypeQuit             = "quit"              // both: no data
	TypeReconnect        = "reconnect"         // M→W: no data
)

// Message is one envelope of the protocol, the msgpack array
// [type, data, node_id]. Data is the typed payload of Type (see the Type
// constants): ClientReady, Ack, Spawn, SpawningComplete, *StatsReport,
// Heartbeat, Exception, and gust's own Auth and Refused; nil for the types
// without data; and for any other (custom) type a generic value made of nil,
// bool, int64, float64, string, []byte, []any and maps.
type Message struct {
	Type   string
	Data   any
	NodeID string // the sender's node id (for a master, its own id)
}

// payload is implemented by the typed data of the known message types.
type payload interface {
	encode(w *writer)
}

// decoders turn a known type's generic data into its typed payload.
var decoders = map[string]func(any) (any, error){
	TypeClientReady:      decodeClientReady,
	TypeAck:              decodeAck,
	TypeSpawn:            decodeSpawn,
	TypeSpawningComplete: decodeSpawningComplete,
	TypeStats:            decodeStatsReport,
	TypeHeartbeat:        decodeHeartbeat,
	TypeException:        decodeException,
	TypeSpawning:         noData,
	TypeStop:             noData,
	TypeClientStopped:    noData,
	TypeQuit:             noData,
	TypeReconnect:        noData,
	TypeAuth:             decodeAuth,
	TypeRefused:          decodeRefused,
}

// noData ignores whatever data came with a type that carries none, as
// Locust does.
func noData(any) (any, error) { return nil, nil }

// Encode returns the msgpack bytes of m, exactly as Locust's Python side
// writes them: an array of 3, strings as str, integers in their smallest
// form, floats as float64.
func Encode(m Message) ([]byte, error) {
	w := newWriter()
	w.arrayLen(3)
	w.str(m.Type)
	if p, ok := m.Data.(payload); ok {
		p.encode(w)
	} else {
		w.value(m.Data)
	}
	w.str(m.NodeID)
	if w.err != nil {
		return nil, fmt.Errorf("gust: encode %s message: %w", m.Type, w.err)
	}
	return w.buf.Bytes(), nil
}

// Decode parses one frame. It accepts what Python's msgpack writes (ints or
// floats for numbers, int or float map keys, nil for None) and returns an
// error wrapping ErrMalformed, never a panic, for anything else: a frame
// that is not an array of 3, bytes left over, a str that is not UTF-8, a
// known type whose data lacks what the type requires. When only the data is
// at fault, the returned Message still has its Type and NodeID.
func Decode(b []byte) (Message, error) {
	rd := newReader(b)
	v, err := rd.value(0)
	if err == nil && rd.r.Len() > 0 {
		err = fmt.Errorf("%d bytes after the message", rd.r.Len())
	}
	if err != nil {
		return Message{}, fmt.Errorf("%w: %v", ErrMalformed, err)
	}
	m, err := envelope(v)
	if err != nil {
		return m, err
	}
	if dec := decoders[m.Type]; dec != nil {
		if m.Data, err = dec(m.Data); err != nil {
			m.Data = nil
		}
	}
	return m, err
}

// envelope checks the [type, data, node_id] array.
func envelope(v any) (Message, error) {
	a, ok := v.([]any)
	if !ok || len(a) != 3 {
		return Message{}, fmt.Errorf("%w: want an array of 3, got %T", ErrMalformed, v)
	}
	typ, ok := asString(a[0])
	if !ok || typ == "" {
		return Message{}, fmt.Errorf("%w: message type: want a string, got %T", ErrMalformed, a[0])
	}
	id, ok := asString(a[2])
	if !ok && a[2] != nil {
		return Message{}, fmt.Errorf("%w: %s: node_id: want a string, got %T", ErrMalformed, typ, a[2])
	}
	return Message{Type: typ, Data: a[1], NodeID: id}, nil
}
