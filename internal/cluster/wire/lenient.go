package wire

import (
	"fmt"
	"math"
)

// asInt reads a whole number that Python may have sent as an int or a float
// (a float is truncated toward zero).
func asInt(v any) (int64, bool) {
	switch v := v.(type) {
	case int64:
		return v, true
	case float64:
		if math.IsNaN(v) || v < math.MinInt64 || v >= math.MaxInt64 {
			return 0, false
		}
		return int64(v), true
	}
	return 0, false
}

// asFloat reads a finite number sent as an int or a float.
func asFloat(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, !math.IsNaN(v) && !math.IsInf(v, 0)
	}
	return 0, false
}

// asString reads a str (or bin) value.
func asString(v any) (string, bool) {
	switch v := v.(type) {
	case string:
		return v, true
	case []byte:
		return string(v), true
	}
	return "", false
}

// fields reads the keys of one decoded map, remembering the first problem so
// that a payload's decoder reads like a list of fields and checks once.
type fields struct {
	what string // the payload, for error messages
	m    map[any]any
	err  error
}

// fieldsOf starts reading v, which must be a map.
func fieldsOf(what string, v any) *fields {
	f := &fields{what: what}
	m, ok := v.(map[any]any)
	if !ok {
		f.fail("", "a map", v)
	}
	f.m = m
	return f
}

func (f *fields) fail(key, want string, got any) {
	if f.err == nil {
		where := f.what
		if key != "" {
			where += "." + key
		}
		f.err = fmt.Errorf("%w: %s: want %s, got %T", ErrMalformed, where, want, got)
	}
}

// get returns the value of key and whether it is present and not nil. A
// missing required key is an error.
func (f *fields) get(key string, required bool) (any, bool) {
	v, ok := f.m[key]
	if !ok && required {
		f.fail(key, "a value", nil)
	}
	return v, ok && v != nil
}

// int reads an optional whole number (0 when missing or nil).
func (f *fields) int(key string) int64 {
	v, ok := f.get(key, false)
	if !ok {
		return 0
	}
	n, ok := asInt(v)
	if !ok {
		f.fail(key, "a number", v)
	}
	return n
}

// float reads an optional number (0 when missing or nil).
func (f *fields) float(key string) float64 {
	if p := f.optFloat(key); p != nil {
		return *p
	}
	return 0
}

// optFloat reads a number that may be nil (Python's None) or missing.
func (f *fields) optFloat(key string) *float64 {
	v, ok := f.get(key, false)
	if !ok {
		return nil
	}
	x, ok := asFloat(v)
	if !ok {
		f.fail(key, "a finite number", v)
		return nil
	}
	return &x
}

// bytes reads an optional binary value (nil when missing or nil).
func (f *fields) bytes(key string) []byte {
	v, ok := f.get(key, false)
	if !ok {
		return nil
	}
	b, ok := v.([]byte)
	if !ok {
		f.fail(key, "bytes", v)
	}
	return b
}

// str reads a string; nil counts as "" (Locust 2.12's total had method None).
func (f *fields) str(key string, required bool) string {
	v, ok := f.get(key, required)
	if !ok {
		return ""
	}
	s, ok := asString(v)
	if !ok {
		f.fail(key, "a string", v)
	}
	return s
}

// object reads a map; missing or nil gives nil.
func (f *fields) object(key string, required bool) map[any]any {
	v, ok := f.get(key, required)
	if !ok {
		return nil
	}
	m, ok := v.(map[any]any)
	if !ok {
		f.fail(key, "a map", v)
	}
	return m
}

// list reads an array; missing or nil gives nil.
func (f *fields) list(key string, required bool) []any {
	v, ok := f.get(key, required)
	if !ok {
		return nil
	}
	l, ok := v.([]any)
	if !ok {
		f.fail(key, "an array", v)
	}
	return l
}

// userCounts reads {"UserKind": count}.
func (f *fields) userCounts(key string, required bool) map[string]int {
	m := f.object(key, required)
	if m == nil {
		return nil
	}
	out := make(map[string]int, len(m))
	for k, v := range m {
		name, ok := asString(k)
		n, okN := asInt(v)
		if !ok || !okN || n < 0 || n > math.MaxInt32 {
			f.fail(key, "user kind names to counts", v)
			return nil
		}
		out[name] = int(n)
	}
	return out
}

// counts reads {int: count} such as num_reqs_per_sec, accepting int or
// float keys.
func (f *fields) counts(key string) map[int64]int64 {
	return countsBy(f, key, "integer keys to counts", asInt)
}

// buckets reads response_times: {milliseconds: count} with int or float
// keys (Locust up to 2.43 sent float keys from 100 ms up).
func (f *fields) buckets(key string) map[float64]int64 {
	return countsBy(f, key, "milliseconds to counts", asFloat)
}

// countsBy reads an optional map of keys (read by asKey) to counts, adding
// up the counts of keys that read the same (1 and 1.0). A key asKey refuses
// or a count that is not a whole number of at least 0 fails the field as
// not want.
func countsBy[K comparable](f *fields, key, want string, asKey func(any) (K, bool)) map[K]int64 {
	m := f.object(key, false)
	out := make(map[K]int64, len(m))
	for k, v := range m {
		x, okK := asKey(k)
		n, okV := asInt(v)
		if !okK || !okV || n < 0 {
			f.fail(key, want, v)
			return nil
		}
		out[x] += n
	}
	return out
}
