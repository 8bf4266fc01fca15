package config

import (
	"time"

	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/threshold"
)

// Options is the single source of truth for how a test runs. Flags, GUST_*
// environment variables and a gust.conf file fill it in, in the precedence
// file < environment < flags.
type Options struct {
	// Load
	Users       int           // -u/--users: peak number of concurrent users
	SpawnRate   float64       // -r/--spawn-rate: users started (or stopped) per second
	RunTime     time.Duration // -t/--run-time: stop after this long; 0 runs until stopped
	StopTimeout time.Duration // -s/--stop-timeout: how long running tasks may finish on stop
	Host        string        // -H/--host: base URL that overrides every user kind's host
	ResetStats  bool          // --reset-stats: reset statistics when spawning completes

	// InsecureSkipTLSVerify is --insecure-skip-tls-verify: accept any
	// certificate from an https target, for test targets with self-signed
	// certificates (sets User.InsecureSkipVerify for every user kind).
	InsecureSkipTLSVerify bool

	// Load models
	Stages      shape.Stages     // --stages: the user count over time, instead of -u/-r
	ArrivalRate shape.RateStages // --arrival-rate: iterations per second (open model); nil for users
	MaxUsers    int              // --max-users: the cap of the arrival-rate pool of users
	MaxBody     int64            // --max-body: bytes of a response body kept; 0 keeps none

	// Selection
	UserKinds   []string // positional names of user kinds to run (all when empty)
	URLs        []URL    // positional URLs: URL mode, no code needed
	Method      string   // --method: URL mode's request method, upper case; "" is GET
	Headers     []Header // --header: URL mode's request headers, in the order given
	Body        []byte   // --body: URL mode's request body; nil for none
	HTTP2       bool     // --http2: URL mode speaks HTTP/2 (h2 over TLS, h2c in cleartext)
	Tags        []string // -T/--tags: run only tasks with one of these tags
	ExcludeTags []string // -E/--exclude-tags: never run tasks with one of these tags
	List        bool     // -l/--list: print the user kinds and exit

	// Wait is --wait: how long URL mode's users wait after each request;
	// the zero value is no wait.
	Wait WaitRange

	// Mode and web UI
	Headless  bool   // --headless: no web UI, start at once
	Autostart bool   // --autostart: start at once and keep the web UI
	Autoquit  int    // --autoquit: quit N s after an autostarted test ends; -1 never
	WebHost   string // --web-host: interface of the web UI (127.0.0.1)
	WebPort   int    // -P/--web-port: port of the web UI (8089)
	WebLogin  string // --web-login: user:password protecting the web UI
	TLSCert   string // --tls-cert: serve the web UI over HTTPS
	TLSKey    string // --tls-key: the key for --tls-cert
	// WebBasePath is --web-base-path: the path the web UI is served under.
	WebBasePath string
	// ClassPicker is --class-picker: the start form chooses the user kinds.
	ClassPicker bool

	// Output
	HTML            string // --html: write a self-contained HTML report at the end
	CSVPrefix       string // --csv: write PREFIX_stats.csv and friends
	CSVFullHistory  bool   // --csv-full-history: a history row per entry each second
	JSON            bool   // --json: print the final statistics as JSON to stdout
	OnlySummary     bool   // --only-summary: no periodic table, only the final summary
	PrintStats      bool   // --print-stats: periodic table even when not headless
	ExitCodeOnError int    // --exit-code-on-error: exit code when any failure was recorded
	JUnit           string // --junit: write the thresholds as JUnit XML test cases

	// Prometheus
	PrometheusRemoteWrite  string        // --prometheus-remote-write: the remote-write endpoint
	PrometheusLabels       []Label       // --prometheus-label: labels added to every pushed series
	PrometheusPushInterval time.Duration // --prometheus-push-interval: between pushes (5s)
	PrometheusBasicAuth    string        // --prometheus-basic-auth: user:password for the endpoint
	PrometheusBearerToken  string        // --prometheus-bearer-token: a bearer token for it
	MetricsListen          string        // --metrics-listen: serve /metrics there, headless too

	// Pass/fail
	Thresholds     []threshold.Threshold // --threshold: checked at the end; a breach exits 3
	ThresholdAbort bool                  // --threshold-abort: check every second, stop at a breach

	// Distributed mode
	Master               bool          // --master: drive workers instead of running users
	Worker               bool          // --worker: run users for the master at MasterHost
	MasterHost           string        // --master-host: the master a worker connects to
	MasterPort           int           // --master-port: its port (5557)
	MasterBindHost       string        // --master-bind-host: the interface a master listens on (127.0.0.1)
	MasterBindPort       int           // --master-bind-port: the port it listens on (5557)
	ExpectWorkers        int           // --expect-workers: a headless master waits for this many
	ExpectWorkersMaxWait time.Duration // --expect-workers-max-wait: for at most this long; 0 for ever
	ClusterToken         string        // --cluster-token: the shared secret of master and workers
	WorkerTimeout        time.Duration // --worker-timeout: a silent worker is missing after this
	MasterTimeout        time.Duration // --master-timeout: a worker quits after this without its master

	// Logging
	LogLevel string // -L/--loglevel: DEBUG, INFO, WARNING, ERROR or CRITICAL
	LogFile  string // --logfile: write the log there instead of stderr

	// Meta
	ConfigFile string // --config: the configuration file that was read, if any
	Version    bool   // -V/--version: print the version and exit
	Help       bool   // -h/--help: print the usage and exit
}

// Label is one --prometheus-label: name=value.
type Label struct{ Name, Value string }

// URL is one target of URL mode: gust http://h/a@3 requests /a three times as
// often as a URL of weight 1.
type URL struct {
	Raw    string // the URL without its weight suffix
	Weight int    // relative share, 1 unless given with @N
}
