package wire

import (
	"bytes"
	"cmp"
	"fmt"
	"maps"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/vmihailenco/msgpack/v5"
)

// writer encodes msgpack as Python's msgpack does for Locust: strings as str,
// integers in their smallest form, floats as float64.
type writer struct {
	buf bytes.Buffer
	e   *msgpack.Encoder
	err error
}

func newWriter() *writer {
	w := &writer{}
	w.e = msgpack.NewEncoder(&w.buf)
	return w
}

// keep records the first error; later writes are skipped.
func (w *writer) keep(err error) {
	if w.err == nil {
		w.err = err
	}
}

func (w *writer) str(s string) {
	if w.err == nil {
		if !utf8.ValidString(s) {
			s = strings.ToValidUTF8(s, "\uFFFD") // a Python peer could not decode it
		}
		w.keep(w.e.EncodeString(s))
	}
}

func (w *writer) int(n int64) {
	if w.err == nil {
		w.keep(w.e.EncodeInt(n))
	}
}

func (w *writer) float(f float64) {
	if w.err == nil {
		w.keep(w.e.EncodeFloat64(f))
	}
}

func (w *writer) nil() {
	if w.err == nil {
		w.keep(w.e.EncodeNil())
	}
}

func (w *writer) arrayLen(n int) {
	if w.err == nil {
		w.keep(w.e.EncodeArrayLen(n))
	}
}

func (w *writer) mapLen(n int) {
	if w.err == nil {
		w.keep(w.e.EncodeMapLen(n))
	}
}

// optFloat writes *f, or nil for Python's None.
func (w *writer) optFloat(f *float64) {
	if f == nil {
		w.nil()
		return
	}
	w.float(*f)
}

// number writes a float that holds a whole number as an integer, as Python
// writes an int-valued dict key.
func (w *writer) number(f float64) {
	if f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		w.int(int64(f))
		return
	}
	w.float(f)
}

// counts writes a map of integer keys to counts, keys in ascending order.
func (w *writer) counts(m map[int64]int64) {
	writeSorted(w, m, w.int, w.int)
}

// userCounts writes user kinds and counts, kinds in ascending order.
func (w *writer) userCounts(m map[string]int) {
	writeSorted(w, m, w.str, func(n int) { w.int(int64(n)) })
}

// writeSorted writes the map m, its keys in ascending order (Python keeps
// a dict's order; sorting makes gust's output stable), each key with key
// and each value with value.
func writeSorted[K cmp.Ordered, V any](w *writer, m map[K]V, key func(K), value func(V)) {
	w.mapLen(len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		key(k)
		value(m[k])
	}
}

// field is one key of a payload of type T: put writes its value, and omit,
// when set, says whether the key is left out.
type field[T any] struct {
	key  string
	put  func(w *writer, v *T)
	omit func(v *T) bool
}

// writeFields writes v as a map of those of fields that are not omitted,
// in their order.
func writeFields[T any](w *writer, v *T, fields []field[T]) {
	n := 0
	for _, f := range fields {
		if f.omit == nil || !f.omit(v) {
			n++
		}
	}
	w.mapLen(n)
	for _, f := range fields {
		if f.omit == nil || !f.omit(v) {
			w.str(f.key)
			f.put(w, v)
		}
	}
}

// value writes a generic value, such as the data of a custom message or a
// spawn's parsed options. Map keys are written in a stable order.
func (w *writer) value(v any) {
	switch v := v.(type) {
	case nil:
		w.nil()
	case bool:
		w.keep(w.e.EncodeBool(v))
	case int:
		w.int(int64(v))
	case int64:
		w.int(v)
	case uint64:
		w.keep(w.e.EncodeUint(v))
	case float64:
		w.float(v)
	case string:
		w.str(v)
	case []byte:
		w.keep(w.e.EncodeBytes(v))
	case []string:
		w.arrayLen(len(v))
		for _, s := range v {
			w.str(s)
		}
	case []any:
		w.arrayLen(len(v))
		for _, x := range v {
			w.value(x)
		}
	default:
		w.mapValue(v)
	}
}

func (w *writer) mapValue(v any) {
	switch v := v.(type) {
	case map[string]any:
		writeSorted(w, v, w.str, w.value)
	case map[any]any:
		w.mapLen(len(v))
		keys := slices.SortedFunc(maps.Keys(v), func(a, b any) int {
			return strings.Compare(fmt.Sprintf("%T%v", a, a), fmt.Sprintf("%T%v", b, b))
		})
		for _, k := range keys {
			w.value(k)
			w.value(v[k])
		}
	case map[string]int:
		w.userCounts(v)
	default:
		w.keep(fmt.Errorf("cannot encode %T", v))
	}
}
