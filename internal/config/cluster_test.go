package config_test

import (
	"errors"
	"testing"
	"time"

	"github.com/gustload/gust/internal/config"
)

// clusterDefaults fills in the defaults of the distributed-mode options.
func clusterDefaults(o *config.Options) *config.Options {
	o.MasterHost, o.MasterPort, o.MasterBindHost, o.MasterBindPort = "127.0.0.1", 5557, "127.0.0.1", 5557
	o.ExpectWorkers, o.WorkerTimeout, o.MasterTimeout = 1, 5*time.Second, 10*time.Second
	return o
}

func TestClusterOptions(t *testing.T) {
	o := mustParse(t, []string{"--worker", "--master-host", "10.0.0.5", "--master-port", "6000",
		"--master-timeout", "3s"}, map[string]string{"GUST_CLUSTER_TOKEN": "s3cret"})
	if !o.Worker || o.MasterHost != "10.0.0.5" || o.MasterPort != 6000 || o.MasterTimeout != 3*time.Second || o.ClusterToken != "s3cret" {
		t.Errorf("worker options: %+v", o)
	}
	o = mustParse(t, []string{"--master", "--master-bind-host", "0.0.0.0", "--master-bind-port", "0",
		"--expect-workers", "3", "--expect-workers-max-wait", "1m", "--worker-timeout", "2s"}, nil)
	if !o.Master || o.MasterBindHost != "0.0.0.0" || o.MasterBindPort != 0 || o.ExpectWorkers != 3 ||
		o.ExpectWorkersMaxWait != time.Minute || o.WorkerTimeout != 2*time.Second {
		t.Errorf("master options: %+v", o)
	}
}

func TestClusterOptionErrors(t *testing.T) {
	tests := []struct {
		args   []string
		option string
	}{
		{[]string{"--master", "--worker"}, "worker"},
		{[]string{"--master-port", "0"}, "master-port"},
		{[]string{"--expect-workers", "0"}, "expect-workers"},
		{[]string{"--worker-timeout", "0"}, "worker-timeout"},
	}
	for _, tt := range tests {
		_, err := config.Parse(tt.args, func(string) (string, bool) { return "", false })
		var ue *config.UsageError
		if !errors.As(err, &ue) || ue.Option != tt.option || ue.ExitCode() != 2 {
			t.Errorf("Parse(%v) = %v, want a usage error about --%s", tt.args, err, tt.option)
		}
	}
}
