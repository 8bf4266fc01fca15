package compare

import (
	"math"
	"math/rand/v2"
	"sort"

	"github.com/HdrHistogram/hdrhistogram-go"
)

// dist is a histogram as its non-empty buckets in ascending order, each
// standing for its highest equivalent value, in microseconds.
type dist struct {
	values []float64
	cum    []int64 // cumulative count up to and including each bucket
	n      int64
	mean   float64
	stddev float64
}

func newDist(h *hdrhistogram.Histogram) dist {
	d := dist{mean: h.Mean(), stddev: h.StdDev()}
	for _, b := range h.Distribution() {
		if b.Count == 0 {
			continue
		}
		d.n += b.Count
		d.values = append(d.values, float64(b.To))
		d.cum = append(d.cum, d.n)
	}
	return d
}

// rank is the rank (1-based) of the q-quantile among n values: the
// smallest value with at least a fraction q of the values at or below it.
func rank(q float64, n int64) int64 {
	return min(max(int64(math.Ceil(q*float64(n)-1e-9)), 1), n) // 1e-9: 0.95*2000 is 1900.0000000000002
}

// at returns the value of rank r.
func (d dist) at(r int64) float64 {
	i := sort.Search(len(d.cum), func(i int) bool { return d.cum[i] >= r })
	return d.values[min(i, len(d.values)-1)]
}

// quantile is the q-quantile of the histogram (the average for q = 0).
func (d dist) quantile(q float64) float64 {
	if q == 0 {
		return d.mean
	}
	return d.at(rank(q, d.n))
}

// draw is one bootstrap replicate of the q-quantile (or of the mean for
// q = 0): the k-th smallest of n values resampled from d is d's value at
// the fraction U(k), the k-th order statistic of n uniforms, which is
// Beta(k, n-k+1) distributed. The mean of a resample is near normal by the
// central limit theorem; with the standard deviation estimated from the
// same n values, its error over the standard error is Student's t with
// n-1 degrees of freedom, a little wider than normal when n is small.
func (d dist) draw(r *rand.Rand, q float64) float64 {
	if q == 0 {
		sd := d.stddev * math.Sqrt(float64(d.n)/float64(max(d.n-1, 1))) // of the sample, not the population
		return d.mean + studentT(r, d.n-1)*sd/math.Sqrt(float64(d.n))
	}
	k := rank(q, d.n)
	u := beta(r, float64(k), float64(d.n-k+1))
	return d.at(max(int64(math.Ceil(u*float64(d.n))), 1))
}

// studentT draws from Student's t with df degrees of freedom (normal when
// df < 2): Z / sqrt(V/df) with V chi-squared, 2 * Gamma(df/2).
func studentT(r *rand.Rand, df int64) float64 {
	z := r.NormFloat64()
	if df < 2 {
		return z
	}
	return z / math.Sqrt(2*gamma(r, float64(df)/2)/float64(df))
}

// beta draws from Beta(a, b), a, b >= 1, as X/(X+Y) of two gamma variates.
func beta(r *rand.Rand, a, b float64) float64 {
	x := gamma(r, a)
	return x / (x + gamma(r, b))
}

// gamma draws from Gamma(a, 1), a >= 1, by Marsaglia and Tsang's method
// ("A simple method for generating gamma variables", 2000).
func gamma(r *rand.Rand, a float64) float64 {
	d := a - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := r.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := r.Float64()
		if math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}
