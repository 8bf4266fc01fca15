package config_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

func TestPrometheusOptions(t *testing.T) {
	conf := writeConf(t, "prometheus-remote-write = http://127.0.0.1:9090/api/v1/write\nprometheus-label = team=web\n")
	o := mustParse(t, []string{"--config", conf, "--prometheus-label", "testid=nightly-42", "--prometheus-push-interval", "2s",
		"--metrics-listen", ":9646", "--junit", "out.xml"},
		map[string]string{"GUST_PROMETHEUS_BEARER_TOKEN": "s3cret", "GUST_PROMETHEUS_LABEL": "env=ci=1"})
	want := []config.Label{{"team", "web"}, {"env", "ci=1"}, {"testid", "nightly-42"}}
	if !reflect.DeepEqual(o.PrometheusLabels, want) {
		t.Errorf("labels %v, want %v (file, environment, flags add up)", o.PrometheusLabels, want)
	}
	if o.PrometheusRemoteWrite != "http://127.0.0.1:9090/api/v1/write" || o.PrometheusBearerToken != "s3cret" ||
		o.PrometheusPushInterval != 2*time.Second || o.MetricsListen != ":9646" || o.JUnit != "out.xml" {
		t.Errorf("options %+v", o)
	}
}

func TestPrometheusOptionErrors(t *testing.T) {
	url := []string{"--prometheus-remote-write", "http://127.0.0.1:9090/api/v1/write"}
	tests := []struct {
		args  []string
		wants []string
	}{
		{[]string{"--prometheus-remote-write", "127.0.0.1:9090"}, []string{"--prometheus-remote-write", "http(s) URL"}},
		{append(url, "--prometheus-label", "testid"), []string{"--prometheus-label", "name=value"}},
		{append(url, "--prometheus-label", "name=x"), []string{"--prometheus-label", "not method, name"}},
		{append(url, "--prometheus-label", "__name__=x"), []string{"--prometheus-label"}},
		{append(url, "--prometheus-label", "9x=y"), []string{"--prometheus-label"}},
		{append(url, "--prometheus-push-interval", "0"), []string{"--prometheus-push-interval", "> 0"}},
		{append(url, "--prometheus-basic-auth", ":pw"), []string{"--prometheus-basic-auth"}},
		{append(url, "--prometheus-basic-auth", "u:p", "--prometheus-bearer-token", "t"), []string{"give one of them"}},
		{[]string{"--prometheus-label", "a=b"}, []string{"give the URL too"}},
		{[]string{"--metrics-listen", "9646"}, []string{"--metrics-listen", "host:port"}},
		{[]string{"--metrics-listen", "127.0.0.1:99999"}, []string{"--metrics-listen"}},
	}
	for _, tt := range tests {
		_, err := config.Parse(tt.args, env(nil))
		if err == nil {
			t.Errorf("Parse(%q) accepted", tt.args)
			continue
		}
		usageError(t, err, tt.wants...)
	}
}
