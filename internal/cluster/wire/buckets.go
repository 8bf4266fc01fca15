package wire

// BucketMicros returns the response-time bucket, in whole milliseconds, that
// Locust files a response time of us microseconds under (Locust's
// bucket_response_time): below 100 ms rounded to 1 ms, below 1 s to 10 ms,
// below 10 s to 100 ms, and above that to 1 s, with Python's round-half-to-
// even. Working on integer microseconds gives exactly Python's result for the
// float number of milliseconds. A negative time counts as 0.
func BucketMicros(us int64) int64 {
	us = max(us, 0)
	var unit int64 // rounding unit in microseconds
	switch {
	case us < 100_000:
		unit = 1_000
	case us < 1_000_000:
		unit = 10_000
	case us < 10_000_000:
		unit = 100_000
	default:
		unit = 1_000_000
	}
	q, r := us/unit, us%unit
	if half := unit / 2; r > half || r == half && q%2 == 1 {
		q++
	}
	return q * unit / 1000
}
