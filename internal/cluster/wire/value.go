package wire

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"unicode/utf8"

	"github.com/vmihailenco/msgpack/v5"
	"github.com/vmihailenco/msgpack/v5/msgpcode"
)

// maxDepth bounds the nesting of arrays and maps in a decoded message, so a
// hostile frame cannot exhaust the stack.
const maxDepth = 32

// reader decodes generic msgpack values from one frame. Every value comes out
// as nil, bool, int64, uint64 (only above math.MaxInt64), float64, string
// (always UTF-8), []byte, []any or map[any]any, whose keys are strings,
// integers, floats, bools or nil, as Python's msgpack with
// strict_map_key=False allows.
type reader struct {
	r *bytes.Reader
	d *msgpack.Decoder
}

func newReader(b []byte) *reader {
	r := bytes.NewReader(b)
	return &reader{r: r, d: msgpack.NewDecoder(r)}
}

// value decodes the next value, nested at most maxDepth deep.
func (rd *reader) value(depth int) (any, error) {
	if depth > maxDepth {
		return nil, errors.New("nested too deep")
	}
	c, err := rd.d.PeekCode()
	if err != nil {
		return nil, err
	}
	switch {
	case c == msgpcode.Nil:
		return nil, rd.d.DecodeNil()
	case c == msgpcode.False || c == msgpcode.True:
		return rd.d.DecodeBool()
	case c == msgpcode.Uint64:
		return rd.uint64()
	case msgpcode.IsFixedNum(c) || c >= msgpcode.Uint8 && c <= msgpcode.Int64:
		return rd.d.DecodeInt64()
	case c == msgpcode.Float || c == msgpcode.Double:
		return rd.d.DecodeFloat64()
	case msgpcode.IsString(c):
		return rd.string()
	case msgpcode.IsBin(c):
		return rd.bytes()
	case msgpcode.IsFixedArray(c) || c == msgpcode.Array16 || c == msgpcode.Array32:
		return rd.array(depth)
	case msgpcode.IsFixedMap(c) || c == msgpcode.Map16 || c == msgpcode.Map32:
		return rd.object(depth)
	}
	return nil, fmt.Errorf("unsupported msgpack code 0x%02x", c)
}

// uint64 keeps values above math.MaxInt64 as uint64 and the rest as int64.
func (rd *reader) uint64() (any, error) {
	n, err := rd.d.DecodeUint64()
	if n > math.MaxInt64 {
		return n, err
	}
	return int64(n), err
}

// bytes reads a str or bin value, checking its length first: the msgpack
// decoder would allocate whatever length a bin header declares.
func (rd *reader) bytes() ([]byte, error) {
	n, err := rd.d.DecodeBytesLen()
	if err == nil {
		err = rd.length(n, 1)
	}
	if err != nil {
		return nil, err
	}
	b := make([]byte, n)
	return b, rd.d.ReadFull(b)
}

// string reads a str value, which must be UTF-8 as Python requires.
func (rd *reader) string() (string, error) {
	b, err := rd.bytes()
	if err == nil && !utf8.Valid(b) {
		err = errors.New("string is not UTF-8")
	}
	return string(b), err
}

// length checks a declared length against what is left of the frame (every
// element takes at least per bytes), so no claim allocates beyond the input.
func (rd *reader) length(n, per int) error {
	if n < 0 || n > rd.r.Len()/per {
		return fmt.Errorf("length %d exceeds the %d bytes left", n, rd.r.Len())
	}
	return nil
}

func (rd *reader) array(depth int) ([]any, error) {
	n, err := rd.d.DecodeArrayLen()
	if err == nil {
		err = rd.length(n, 1)
	}
	if err != nil {
		return nil, err
	}
	out := make([]any, n)
	for i := range out {
		if out[i], err = rd.value(depth + 1); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (rd *reader) object(depth int) (map[any]any, error) {
	n, err := rd.d.DecodeMapLen()
	if err == nil {
		err = rd.length(n, 2)
	}
	if err != nil {
		return nil, err
	}
	out := make(map[any]any, n)
	for range n {
		k, err := rd.key(depth)
		if err != nil {
			return nil, err
		}
		if out[k], err = rd.value(depth + 1); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// key decodes a map key, which must be a scalar that can key a Go map.
func (rd *reader) key(depth int) (any, error) {
	k, err := rd.value(depth + 1)
	if err != nil {
		return nil, err
	}
	switch k := k.(type) {
	case []byte:
		if !utf8.Valid(k) {
			return nil, errors.New("bin map key is not UTF-8")
		}
		return string(k), nil
	case float64:
		if math.IsNaN(k) {
			return nil, errors.New("NaN map key")
		}
		return k, nil
	case []any, map[any]any:
		return nil, errors.New("map key is an array or a map")
	}
	return k, nil
}
