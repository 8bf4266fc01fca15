package web

import (
	"bufio"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// promSample is one parsed sample line.
type promSample struct {
	name   string
	labels map[string]string
	value  float64
}

var (
	metricName  = `[a-zA-Z_:][a-zA-Z0-9_:]*`
	helpLine    = regexp.MustCompile(`^# HELP (` + metricName + `) \S.*$`)
	typeLine    = regexp.MustCompile(`^# TYPE (` + metricName + `) (counter|gauge|histogram|summary|untyped)$`)
	sampleLine  = regexp.MustCompile(`^(` + metricName + `)(\{(.*)\})? (\S+)$`)
	labelPair   = regexp.MustCompile(`^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)`)
	suffixOfHis = regexp.MustCompile(`_(bucket|sum|count)$`)
)

// parseProm checks text against the Prometheus text format (0.0.4) by hand:
// every line is HELP, TYPE or a sample; every sample belongs to a family
// whose TYPE came first; names, labels and values are well formed; no
// family is declared twice.
func parseProm(text string) (map[string]string, []promSample, error) {
	types := map[string]string{}
	var samples []promSample
	sc := bufio.NewScanner(strings.NewReader(text))
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		switch {
		case helpLine.MatchString(line):
		case typeLine.MatchString(line):
			m := typeLine.FindStringSubmatch(line)
			if _, dup := types[m[1]]; dup {
				return nil, nil, fmt.Errorf("line %d: family %s declared twice", n, m[1])
			}
			types[m[1]] = m[2]
		case sampleLine.MatchString(line):
			s, err := parseSample(line, types)
			if err != nil {
				return nil, nil, fmt.Errorf("line %d: %v: %q", n, err, line)
			}
			samples = append(samples, s)
		default:
			return nil, nil, fmt.Errorf("line %d: not HELP, TYPE or a sample: %q", n, line)
		}
	}
	if !strings.HasSuffix(text, "\n") {
		return nil, nil, fmt.Errorf("the text does not end with a newline")
	}
	return types, samples, nil
}

func parseSample(line string, types map[string]string) (promSample, error) {
	m := sampleLine.FindStringSubmatch(line)
	s := promSample{name: m[1], labels: map[string]string{}}
	family := s.name
	if _, ok := types[family]; !ok {
		family = suffixOfHis.ReplaceAllString(s.name, "")
		if types[family] != "histogram" {
			return s, fmt.Errorf("sample of undeclared family %s", s.name)
		}
	}
	for rest := m[3]; rest != ""; {
		lp := labelPair.FindStringSubmatch(rest)
		if lp == nil {
			return s, fmt.Errorf("bad labels %q", rest)
		}
		if _, dup := s.labels[lp[1]]; dup {
			return s, fmt.Errorf("label %s twice", lp[1])
		}
		s.labels[lp[1]] = strings.NewReplacer(`\\`, `\`, `\"`, `"`, `\n`, "\n").Replace(lp[2])
		rest = rest[len(lp[0]):]
	}
	v, err := strconv.ParseFloat(m[4], 64)
	if err != nil && m[4] != "+Inf" && m[4] != "-Inf" {
		return s, fmt.Errorf("bad value %q", m[4])
	}
	s.value = v
	return s, nil
}

func TestMetricsParse(t *testing.T) {
	snap := fixtureSnapshot()
	snap.Entries = append(snap.Entries, makeEntry("GET", "/odd \"name\"\\\nline", snap.Start, spread(3, time.Millisecond, time.Second), 0, 1))
	f := newFake(snap)
	f.state = StateRunning
	f.workers = []Worker{{ID: "w1", Users: 4, CPU: 30}, {ID: "w2", Users: 4, CPU: 97, Saturation: "CPU at 97%"}}
	s := newTestServer(t, f, Options{})
	w := get(s.Handler(), "/metrics")
	if !strings.HasPrefix(w.Header().Get("Content-Type"), "text/plain; version=0.0.4") {
		t.Errorf("Content-Type %q", w.Header().Get("Content-Type"))
	}
	types, samples, err := parseProm(w.Body.String())
	if err != nil {
		t.Fatalf("%v\n%s", err, w.Body)
	}
	for name, typ := range map[string]string{"gust_requests_total": "counter", "gust_failures_total": "counter",
		"gust_request_duration_seconds": "histogram", "gust_users": "gauge", "gust_worker_cpu_percent": "gauge"} {
		if types[name] != typ {
			t.Errorf("family %s has type %q, want %s", name, types[name], typ)
		}
	}
	checks := []struct {
		name   string
		labels map[string]string
		want   float64
	}{
		{"gust_requests_total", map[string]string{"method": "GET", "name": "/fast"}, 100},
		{"gust_failures_total", map[string]string{"method": "GET", "name": "/slow"}, 2},
		{"gust_requests_total", map[string]string{"method": "GET", "name": "/odd \"name\"\\\nline"}, 3},
		{"gust_request_duration_seconds_count", map[string]string{"method": "POST", "name": "/api/items"}, 20},
		{"gust_request_duration_seconds_bucket", map[string]string{"method": "GET", "name": "/slow", "le": "1"}, 2},
		{"gust_users", map[string]string{}, 10},
		{"gust_kind_users", map[string]string{"kind": "WebUser"}, 7},
		{"gust_state", map[string]string{"state": "running"}, 1},
		{"gust_state", map[string]string{"state": "stopped"}, 0},
		{"gust_worker_users", map[string]string{"worker": "w1"}, 4},
		{"gust_worker_saturated", map[string]string{"worker": "w1"}, 0},
		{"gust_worker_saturated", map[string]string{"worker": "w2"}, 1},
	}
	for _, c := range checks {
		if got, ok := find(samples, c.name, c.labels); !ok || got != c.want {
			t.Errorf("%s%v = %v (found %v), want %v", c.name, c.labels, got, ok, c.want)
		}
	}
	checkBuckets(t, samples)
}

// checkBuckets checks each histogram: le ascending and ending in +Inf,
// counts cumulative, +Inf equal to _count.
func checkBuckets(t *testing.T, samples []promSample) {
	t.Helper()
	type series struct {
		les    []float64
		counts []float64
	}
	byName := map[string]*series{}
	for _, s := range samples {
		if s.name != "gust_request_duration_seconds_bucket" {
			continue
		}
		key := s.labels["method"] + " " + s.labels["name"]
		if byName[key] == nil {
			byName[key] = &series{}
		}
		le, err := strconv.ParseFloat(s.labels["le"], 64)
		if err != nil {
			t.Fatalf("le %q", s.labels["le"])
		}
		byName[key].les = append(byName[key].les, le)
		byName[key].counts = append(byName[key].counts, s.value)
	}
	for key, s := range byName {
		if !slices.IsSorted(s.les) || !math.IsInf(s.les[len(s.les)-1], 1) || !slices.IsSorted(s.counts) {
			t.Errorf("%s: le %v, counts %v", key, s.les, s.counts)
		}
		method, name, _ := strings.Cut(key, " ")
		count, _ := find(samples, "gust_request_duration_seconds_count", map[string]string{"method": method, "name": name})
		if s.counts[len(s.counts)-1] != count {
			t.Errorf("%s: +Inf bucket %v, _count %v", key, s.counts[len(s.counts)-1], count)
		}
	}
	if len(byName) != 4 {
		t.Errorf("%d histograms, want 4", len(byName))
	}
}

func find(samples []promSample, name string, labels map[string]string) (float64, bool) {
	for _, s := range samples {
		if s.name != name || len(s.labels) != len(labels) {
			continue
		}
		match := true
		for k, v := range labels {
			match = match && s.labels[k] == v
		}
		if match {
			return s.value, true
		}
	}
	return 0, false
}
