package config

import (
	"errors"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/threshold"
)

// Setters of the load-model and threshold options, whose values are small
// languages: they are parsed when set, and a bad value is explained by the
// parser's own message (see option.explain).

// Endless is the duration of the one stage of a constant --arrival-rate: it
// lasts until -t/--run-time or a stop ends the test.
const Endless = time.Duration(math.MaxInt64)

const (
	wantStages      = "duration:users[:rate] stages separated by commas, such as 1m:100:10,5m:100,1m:0"
	wantArrivalRate = "iterations per second such as 500 (or 30/m), or duration:rate stages separated " +
		"by commas, such as 30s:100,1m:500,30s:0"
	wantThreshold = "[METHOD NAME:]metric operator limit, such as p95<300ms, fail_ratio<0.01 or " +
		"GET /api/items:p99<500ms"
)

// stagesValue stores --stages.
func stagesValue(field func(*Options) *shape.Stages) setter {
	return func(o *Options, v string) bool {
		s, err := parseStages(v)
		if err == nil {
			*field(o) = s
		}
		return err == nil
	}
}

// parseStages reads --stages. An empty value is an error, not "no
// stages": --stages "$STAGES" with the variable unset would otherwise run
// a closed test of one user, without end.
func parseStages(v string) (shape.Stages, error) {
	if strings.TrimSpace(v) == "" {
		return nil, errors.New("gust: no stages given: want " + wantStages + ", or leave --stages out")
	}
	return shape.ParseStages(v)
}

// arrivalValue stores --arrival-rate.
func arrivalValue(field func(*Options) *shape.RateStages) setter {
	return func(o *Options, v string) bool {
		s, err := parseArrivalOption(v)
		if err == nil {
			*field(o) = s
		}
		return err == nil
	}
}

// parseArrivalOption reads --arrival-rate as ParseArrivalRate does, but an
// empty value is an error, not "no arrival rate", for the reason
// parseStages gives.
func parseArrivalOption(v string) (shape.RateStages, error) {
	if strings.TrimSpace(v) == "" {
		return nil, errors.New("gust: no rate given: want " + wantArrivalRate + ", or leave --arrival-rate out")
	}
	return ParseArrivalRate(v)
}

// ParseArrivalRate reads an --arrival-rate: a constant rate, "500", "500/s",
// "30/m" or "2/h", which becomes a jump to that rate held for Endless; or
// stages, "30s:100,1m:500,30s:0", as shape.ParseRateStages reads them. ""
// is no arrival rate (nil).
func ParseArrivalRate(v string) (shape.RateStages, error) {
	switch {
	case v == "":
		return nil, nil
	case strings.Contains(v, ":"):
		return shape.ParseRateStages(v)
	}
	// "1s:" gives the rate shape's parser and units; a constant rate is
	// then the jump to it, held without end.
	one, err := shape.ParseRateStages("1s:" + v)
	if err != nil || one[0].Rate <= 0 {
		return nil, &UsageError{Option: "arrival-rate", Msg: "the rate " + strconv.Quote(v) +
			" is not a number of iterations per second above zero; want " + wantArrivalRate}
	}
	return shape.RateStages{{Rate: one[0].Rate}, {Duration: Endless, Rate: one[0].Rate}}, nil
}

// ArrivalTarget describes an arrival rate as it would be written: "500/s"
// for a constant rate, the stages otherwise.
func ArrivalTarget(s shape.RateStages) string {
	if len(s) == 2 && s[0].Duration == 0 && s[1].Duration == Endless && s[0].Rate == s[1].Rate {
		return strconv.FormatFloat(s[0].Rate, 'g', -1, 64) + "/s"
	}
	return s.String()
}

// thresholdValue replaces the thresholds with those of v, separated by
// commas (a flag given several times has its values joined by commas).
func thresholdValue(field func(*Options) *[]threshold.Threshold) setter {
	return func(o *Options, v string) bool {
		ts, err := parseThresholds(v)
		if err == nil {
			*field(o) = ts
		}
		return err == nil
	}
}

// parseThresholds parses thresholds separated by commas; blank items are
// skipped, but a value with no threshold at all ("" or ",") is an error, so
// that a threshold lost to shell quoting is not ignored in silence. The
// error is the first bad threshold's.
func parseThresholds(v string) ([]threshold.Threshold, error) {
	if strings.Trim(v, ", \t") == "" {
		return nil, errNoThreshold
	}
	var ts []threshold.Threshold
	for _, s := range strings.Split(v, ",") {
		if s = strings.TrimSpace(s); s == "" {
			continue
		}
		t, err := threshold.Parse(s)
		if err != nil {
			return nil, err
		}
		ts = append(ts, t)
	}
	return ts, nil
}

// errNoThreshold explains a --threshold with nothing in it.
var errNoThreshold = errors.New("gust: the value holds no threshold: give one such as p95<300ms, or leave --threshold out")

// explainer returns an option's explain function from a parser.
func explainer[T any](parse func(string) (T, error)) func(string) error {
	return func(v string) error {
		_, err := parse(v)
		return err
	}
}

// explanation is the message of a parser's error without its "gust: "
// prefix and, where the parser repeats it, the value itself, which the
// caller's message already quotes.
func explanation(err error, v string) string {
	msg := strings.TrimPrefix(err.Error(), "gust: ")
	if _, rest, ok := strings.Cut(msg, strconv.Quote(v)+": "); ok {
		return rest
	}
	return msg
}
