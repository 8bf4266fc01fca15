package promwrite

import (
	"slices"
	"strings"

	"github.com/gustload/gust/internal/metrics"
	"github.com/gustload/gust/internal/promwrite/prompb"
)

// request turns the families into one remote-write request: a time series
// per sample, its labels sorted with __name__ among them and extra added,
// every sample stamped ms (Unix milliseconds).
func request(fams []metrics.Family, extra []metrics.Label, ms int64) *prompb.WriteRequest {
	req := &prompb.WriteRequest{}
	for _, f := range fams {
		req.Metadata = append(req.Metadata, &prompb.MetricMetadata{Type: metricType(f.Type),
			MetricFamilyName: f.Name, Help: f.Help})
		for _, s := range f.Samples {
			req.Timeseries = append(req.Timeseries, &prompb.TimeSeries{
				Labels:  labels(s, extra),
				Samples: []*prompb.Sample{{Value: s.Value, Timestamp: ms}},
			})
		}
	}
	return req
}

func labels(s metrics.Sample, extra []metrics.Label) []*prompb.Label {
	ls := make([]*prompb.Label, 0, 1+len(s.Labels)+len(extra))
	ls = append(ls, &prompb.Label{Name: "__name__", Value: s.Name})
	for _, l := range append(slices.Clip(s.Labels), extra...) {
		ls = append(ls, &prompb.Label{Name: l.Name, Value: l.Value})
	}
	slices.SortFunc(ls, func(a, b *prompb.Label) int { return strings.Compare(a.Name, b.Name) })
	return ls
}

func metricType(t string) prompb.MetricMetadata_MetricType {
	switch t {
	case "counter":
		return prompb.MetricMetadata_COUNTER
	case "gauge":
		return prompb.MetricMetadata_GAUGE
	case "histogram":
		return prompb.MetricMetadata_HISTOGRAM
	}
	return prompb.MetricMetadata_UNKNOWN
}
