package config

import (
	"math"
	"strings"
	"time"

	"github.com/gustload/gust/internal/shape"
	"github.com/gustload/gust/internal/threshold"
)

// option is one row of the option table: everything that flags, the
// environment, the config file and --help need to know about one option.
// Adding an option is adding a row.
type option struct {
	long   string // long flag name without dashes; also the config-file key
	short  string // one-letter flag, or ""
	group  group  // heading it is listed under in --help
	arg    string // placeholder for its value in --help; "" makes it a switch
	def    string // default in command-line syntax, applied through set
	help   string // what it does, for --help
	want   string // what a valid value looks like, for errors
	list   bool   // repeatable flag whose values accumulate, comma-separated
	noEnv  bool   // not read from the environment
	noFile bool   // not allowed in a config file
	set    setter // parses and checks one value and stores it in Options
	// explain, when set, says why set refused a value, in more detail than
	// want (which stage of --stages is wrong, and how).
	explain func(v string) error
}

// group is a heading of --help.
type group int

const (
	groupLoad group = iota
	groupModels
	groupSelection
	groupURLMode
	groupWeb
	groupOutput
	groupPrometheus
	groupThresholds
	groupDistributed
	groupLogging
	groupOther
)

// groupTitles are the --help headings, in the order they are printed.
var groupTitles = []string{
	groupLoad:        "Load",
	groupModels:      "Load shapes and arrival rate",
	groupSelection:   "Selection",
	groupURLMode:     "URL mode requests",
	groupWeb:         "Web UI",
	groupOutput:      "Output",
	groupPrometheus:  "Prometheus",
	groupThresholds:  "Pass/fail thresholds",
	groupDistributed: "Distributed",
	groupLogging:     "Logging",
	groupOther:       "Other",
}

const (
	wantBool     = "true or false (or yes/no, 1/0)"
	wantTimespan = "a timespan >= 0 such as 20 (seconds), 20s, 3m, 1h30m, 3h30m10s or 500ms"
	wantAny      = "any text"
)

// options is the table of every option gust understands.
var options = []option{
	{long: "users", short: "u", group: groupLoad, arg: "N", def: "1",
		help: "Peak number of concurrent users.",
		want: "a whole number >= 0",
		set:  intValue(func(o *Options) *int { return &o.Users }, 0, math.MaxInt)},
	{long: "spawn-rate", short: "r", group: groupLoad, arg: "RATE", def: "1",
		help: "Users started (or stopped) per second.",
		want: "a number > 0 such as 1, 10 or 0.5",
		set:  positiveValue(func(o *Options) *float64 { return &o.SpawnRate })},
	{long: "run-time", short: "t", group: groupLoad, arg: "TIMESPAN", def: "0",
		help: "Stop after this long (20, 20s, 3m, 1h30m, 500ms); 0 runs until stopped.",
		want: wantTimespan,
		set:  spanValue(func(o *Options) *time.Duration { return &o.RunTime })},
	{long: "stop-timeout", short: "s", group: groupLoad, arg: "TIMESPAN", def: "0",
		help: "How long running tasks may take to finish once the test stops.",
		want: wantTimespan,
		set:  spanValue(func(o *Options) *time.Duration { return &o.StopTimeout })},
	{long: "host", short: "H", group: groupLoad, arg: "URL",
		help: "Base URL that overrides every user kind's host, such as http://127.0.0.1:8080.",
		want: "an absolute http(s) URL with a host (and a port from 1 to 65535, if any), such as http://127.0.0.1:8080",
		set:  stringValue(func(o *Options) *string { return &o.Host }, isHTTPURL)},
	{long: "max-body", group: groupLoad, arg: "SIZE", def: "16MB",
		help: "Keep at most this much of each response body in memory (16MB, 512KB, 100000); the rest is " +
			"read, counted in the sizes and dropped. 0 keeps no body. A user kind's MaxBody wins over it.",
		want: "a size >= 0 such as 16MB, 512KB, 1GB or 100000 (bytes)",
		set:  sizeValue(func(o *Options) *int64 { return &o.MaxBody })},
	{long: "insecure-skip-tls-verify", group: groupLoad,
		help: "Accept any certificate from an https target, for test targets with self-signed " +
			"certificates; without it certificates are verified and a bad one fails the request.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.InsecureSkipTLSVerify })},
	{long: "headless", group: groupLoad,
		help: "Run without the web UI and start at once.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.Headless })},

	{long: "stages", group: groupModels, arg: "STAGES",
		help: "Drive the user count by stages instead of -u/-r: duration:users[:rate] separated by " +
			"commas, such as 1m:100:10,5m:100,1m:0 (a stage without a rate ramps over its duration); " +
			"the test ends with the last stage.",
		want: wantStages,
		set:  stagesValue(func(o *Options) *shape.Stages { return &o.Stages }), explain: explainer(parseStages)},
	{long: "arrival-rate", group: groupModels, arg: "RATE",
		help: "Open model: start this many task iterations per second whatever the target's speed " +
			"(500, 30/m), or ramp by duration:rate stages (30s:100,1m:500,30s:0); -u users start " +
			"first and the pool grows as needed.",
		want: wantArrivalRate,
		set:  arrivalValue(func(o *Options) *shape.RateStages { return &o.ArrivalRate }), explain: explainer(parseArrivalOption)},
	{long: "max-users", group: groupModels, arg: "N", def: "1000",
		help: "The most users the --arrival-rate pool may grow to (at least -u); past it, due " +
			"iterations wait, then are dropped.",
		want: "a whole number >= 1",
		set:  intValue(func(o *Options) *int { return &o.MaxUsers }, 1, math.MaxInt)},

	{long: "tags", short: "T", group: groupSelection, arg: "TAGS", list: true,
		help: "Run only tasks with one of these tags (comma-separated, repeatable).",
		want: "tag names separated by commas",
		set:  listValue(func(o *Options) *[]string { return &o.Tags })},
	{long: "exclude-tags", short: "E", group: groupSelection, arg: "TAGS", list: true,
		help: "Never run tasks with one of these tags; wins over --tags.",
		want: "tag names separated by commas",
		set:  listValue(func(o *Options) *[]string { return &o.ExcludeTags })},
	{long: "list", short: "l", group: groupSelection,
		help: "Print the user kinds and exit.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.List })},

	{long: "method", group: groupURLMode, arg: "METHOD",
		help: "The request method URL mode sends to every URL, such as POST (default GET).",
		want: "an HTTP method such as GET, POST, PUT or DELETE",
		set:  methodValue(func(o *Options) *string { return &o.Method })},
	{long: "header", group: groupURLMode, arg: "'NAME: VALUE'",
		help: "A header URL mode sends with every request, such as " + keepTogether("'Authorization: Bearer x'") + ". " +
			"Repeatable (-H is --host, as in Locust).",
		want: "a header as 'Name: value'",
		set:  headerValue(func(o *Options) *[]Header { return &o.Headers })},
	{long: "body", group: groupURLMode, arg: "TEXT|@FILE",
		help: "The body URL mode sends with every request: the text, or with @ the contents of a " +
			"file (give its type with " + keepTogether("--header 'Content-Type: application/json'") + ").",
		want: "text, or @FILE naming a readable file",
		set:  bodyValue(func(o *Options) *[]byte { return &o.Body })},
	{long: "http2", group: groupURLMode,
		help: "Make URL mode's requests over HTTP/2 (Go's net/http), one connection per user: h2 by " +
			"ALPN for https URLs, h2c with prior knowledge for http URLs. The default is HTTP/1.1 " +
			"(fasthttp).",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.HTTP2 })},

	{long: "wait", group: groupURLMode, arg: "TIME[-TIME]",
		help: "How long each user of URL mode waits after a request: a time (1s) or a range to pick from at " +
			"random (0.5s-1.5s, Locust's between). Without it users do not wait: each sends its next request " +
			"as soon as the last one is answered.",
		want: wantWait,
		set:  waitValue(func(o *Options) *WaitRange { return &o.Wait })},

	{long: "autostart", group: groupWeb,
		help: "Start the test at once and keep the web UI (a -t run time also starts at once).",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.Autostart })},
	{long: "autoquit", group: groupWeb, arg: "SECONDS", def: "-1",
		help: "Quit this many seconds after a test that started at once has ended; -1 never " +
			"(the default with --autostart), 0 at once (the default with -t alone).",
		want: "a whole number of seconds >= -1",
		set:  intValue(func(o *Options) *int { return &o.Autoquit }, -1, math.MaxInt32)},
	{long: "web-host", group: groupWeb, arg: "ADDR", def: "127.0.0.1",
		help: "Interface the web UI listens on; 0.0.0.0 opens it to every interface (then set " +
			"--web-login).",
		want: "an IP address or host name, such as 127.0.0.1 or 0.0.0.0",
		set:  stringValue(func(o *Options) *string { return &o.WebHost }, nonEmpty)},
	{long: "web-port", short: "P", group: groupWeb, arg: "PORT", def: "8089",
		help: "Port of the web UI.",
		want: "a port number from 0 to 65535",
		set:  intValue(func(o *Options) *int { return &o.WebPort }, 0, 65535)},
	{long: "class-picker", group: groupWeb,
		help: "Let the web UI's start form choose which user kinds a test runs.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.ClassPicker })},
	{long: "web-base-path", group: groupWeb, arg: "PATH",
		help: "Serve the web UI under this path, such as /gust, for a reverse proxy that forwards the " +
			"path unchanged (one that strips it needs none: the page's links are relative).",
		want: "a path that starts with /, such as /gust",
		set:  stringValue(func(o *Options) *string { return &o.WebBasePath }, isBasePath)},
	{long: "web-login", group: groupWeb, arg: "USER:PASSWORD",
		help: "Protect every page and endpoint of the web UI: user:password (HTTP Basic), or a " +
			"token (as a Bearer token or any user's password).",
		want: "user:password with both parts non-empty, or a token without a colon",
		set:  stringValue(func(o *Options) *string { return &o.WebLogin }, isLogin)},
	{long: "tls-cert", group: groupWeb, arg: "FILE",
		help: "Serve the web UI over HTTPS with this certificate (needs --tls-key).",
		want: "the name of a PEM certificate file",
		set:  stringValue(func(o *Options) *string { return &o.TLSCert }, nil)},
	{long: "tls-key", group: groupWeb, arg: "FILE",
		help: "The private key for --tls-cert.",
		want: "the name of a PEM key file",
		set:  stringValue(func(o *Options) *string { return &o.TLSKey }, nil)},

	{long: "html", group: groupOutput, arg: "FILE",
		help: "Write a self-contained HTML report to FILE at the end.",
		want: wantAny,
		set:  stringValue(func(o *Options) *string { return &o.HTML }, nil)},
	{long: "csv", group: groupOutput, arg: "PREFIX",
		help: "Write PREFIX_stats.csv, PREFIX_stats_history.csv, PREFIX_failures.csv and " +
			"PREFIX_exceptions.csv.",
		want: wantAny,
		set:  stringValue(func(o *Options) *string { return &o.CSVPrefix }, nil)},
	{long: "csv-full-history", group: groupOutput,
		help: "Add a row per request name, not only the total, to the history CSV each second. " +
			"Needs --csv.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.CSVFullHistory })},
	{long: "json", group: groupOutput,
		help: "Print the final statistics as JSON to standard output.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.JSON })},
	{long: "only-summary", group: groupOutput,
		help: "Print only the final summary, not the table every few seconds.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.OnlySummary })},
	{long: "print-stats", group: groupOutput,
		help: "Print the periodic statistics table even when not headless.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.PrintStats })},
	{long: "reset-stats", group: groupOutput,
		help: "Reset the statistics once all users have been spawned.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.ResetStats })},
	{long: "junit", group: groupOutput, arg: "FILE",
		help: "Write the thresholds' results to FILE as JUnit XML test cases, for CI systems to show.",
		want: wantAny,
		set:  stringValue(func(o *Options) *string { return &o.JUnit }, nil)},
	{long: "exit-code-on-error", group: groupOutput, arg: "CODE", def: "1",
		help: "Exit code when any request failed or any task panicked.",
		want: "a whole number from 0 to 255",
		set:  intValue(func(o *Options) *int { return &o.ExitCodeOnError }, 0, 255)},

	{long: "prometheus-remote-write", group: groupPrometheus, arg: "URL",
		help: "Push the metrics of /metrics to this Prometheus remote-write endpoint while the test runs, " +
			"and once more at the end with the final totals (headless, web UI and master alike), such as " +
			keepTogether("http://127.0.0.1:9090/api/v1/write") + ". A push that fails is dropped and counted; the test goes on.",
		want: "an http(s) URL such as http://127.0.0.1:9090/api/v1/write",
		set:  stringValue(func(o *Options) *string { return &o.PrometheusRemoteWrite }, isHTTPURL)},
	{long: "prometheus-label", group: groupPrometheus, arg: "NAME=VALUE",
		help: "A label added to every pushed series, such as testid=nightly-42. Repeatable.",
		want: "name=value with a Prometheus label name (letters, digits, _; not " + reservedLabelList + ")",
		set:  labelValue(func(o *Options) *[]Label { return &o.PrometheusLabels })},
	{long: "prometheus-push-interval", group: groupPrometheus, arg: "TIMESPAN", def: "5s",
		help: "How often to push to --prometheus-remote-write.",
		want: "a timespan > 0 such as 5s or 15s",
		set:  positiveSpanValue(func(o *Options) *time.Duration { return &o.PrometheusPushInterval })},
	{long: "prometheus-basic-auth", group: groupPrometheus, arg: "USER:PASSWORD",
		help: "HTTP Basic credentials for --prometheus-remote-write; best set through GUST_PROMETHEUS_BASIC_AUTH.",
		want: "user:password with a non-empty user",
		set:  stringValue(func(o *Options) *string { return &o.PrometheusBasicAuth }, isBasicAuth)},
	{long: "prometheus-bearer-token", group: groupPrometheus, arg: "TOKEN",
		help: "A bearer token for --prometheus-remote-write; best set through GUST_PROMETHEUS_BEARER_TOKEN.",
		want: "any non-empty text",
		set:  stringValue(func(o *Options) *string { return &o.PrometheusBearerToken }, nonEmpty)},
	{long: "metrics-listen", group: groupPrometheus, arg: "ADDR",
		help: "Serve /metrics at ADDR (such as 127.0.0.1:9646, or :9646 for loopback) in headless runs " +
			"too, for Prometheus to scrape; answers only to loopback names unless bound beyond loopback, " +
			"and asks for --web-login when set.",
		want: "host:port or :port, such as 127.0.0.1:9646 or :9646",
		set:  stringValue(func(o *Options) *string { return &o.MetricsListen }, isListenAddr)},

	{long: "threshold", group: groupThresholds, arg: "EXPR", list: true,
		help: "Fail the run (exit 3) unless this holds at the end: p95<300ms, p99.9<=1s, avg<200ms, " +
			"fail_ratio<0.01, rps>100, " + keepTogether("GET /api/items:p99<500ms") + ". Repeatable, or " +
			"separate with commas.",
		want: wantThreshold,
		set:  thresholdValue(func(o *Options) *[]threshold.Threshold { return &o.Thresholds }), explain: explainer(parseThresholds)},
	{long: "threshold-abort", group: groupThresholds,
		help: "Check the thresholds every second and stop the test at the first breach.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.ThresholdAbort })},

	{long: "master", group: groupDistributed,
		help: "Run as the master of workers (gust or Locust): they run the users; the master paces " +
			"them and its tables, CSV, UI and exit code cover the cluster.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.Master })},
	{long: "worker", group: groupDistributed,
		help: "Run as a worker of the master at --master-host: users, spawn rate, host and run time " +
			"come from the master (-u, -r and -t are ignored); no web UI.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.Worker })},
	{long: "master-host", group: groupDistributed, arg: "ADDR", def: "127.0.0.1",
		help: "Host name or IP address of the master, for --worker.",
		want: "a host name or IP address, such as 127.0.0.1 or master.example",
		set:  stringValue(func(o *Options) *string { return &o.MasterHost }, nonEmpty)},
	{long: "master-port", group: groupDistributed, arg: "PORT", def: "5557",
		help: "Port of the master, for --worker.",
		want: "a port number from 1 to 65535",
		set:  intValue(func(o *Options) *int { return &o.MasterPort }, 1, 65535)},
	{long: "master-bind-host", group: groupDistributed, arg: "ADDR", def: "127.0.0.1",
		help: "Interface the master listens on for workers; 0.0.0.0 opens it to every interface " +
			"(Locust's default): keep that port on a private network and set --cluster-token.",
		want: "an IP address or host name, such as 127.0.0.1 or 0.0.0.0",
		set:  stringValue(func(o *Options) *string { return &o.MasterBindHost }, nonEmpty)},
	{long: "master-bind-port", group: groupDistributed, arg: "PORT", def: "5557",
		help: "Port the master listens on for workers; 0 picks a free one.",
		want: "a port number from 0 to 65535",
		set:  intValue(func(o *Options) *int { return &o.MasterBindPort }, 0, 65535)},
	{long: "expect-workers", group: groupDistributed, arg: "N", def: "1",
		help: "A headless master waits for this many workers before it starts the test.",
		want: "a whole number >= 1",
		set:  intValue(func(o *Options) *int { return &o.ExpectWorkers }, 1, math.MaxInt32)},
	{long: "expect-workers-max-wait", group: groupDistributed, arg: "TIMESPAN", def: "0",
		help: "How long a headless master waits for --expect-workers before it gives up (exit 1); " +
			"0 waits for ever.",
		want: wantTimespan,
		set:  spanValue(func(o *Options) *time.Duration { return &o.ExpectWorkersMaxWait })},
	{long: "cluster-token", group: groupDistributed, arg: "TOKEN",
		help: "Shared secret: the master refuses workers that do not prove they know it, and gust " +
			"workers present it. Best set through GUST_CLUSTER_TOKEN. Locust workers cannot present one.",
		want: "any non-empty text",
		set:  stringValue(func(o *Options) *string { return &o.ClusterToken }, nonEmpty)},
	{long: "worker-timeout", group: groupDistributed, arg: "TIMESPAN", def: "5s",
		help: "Master: a worker silent this long is marked missing and its users go to the others.",
		want: "a timespan > 0 such as 5s or 30s",
		set:  positiveSpanValue(func(o *Options) *time.Duration { return &o.WorkerTimeout })},
	{long: "master-timeout", group: groupDistributed, arg: "TIMESPAN", def: "10s",
		help: "Worker: stop the users and exit (code 1) after this long without a heartbeat or a " +
			"connection from the master (Locust waits 60s).",
		want: "a timespan > 0 such as 10s or 1m",
		set:  positiveSpanValue(func(o *Options) *time.Duration { return &o.MasterTimeout })},

	{long: "loglevel", short: "L", group: groupLogging, arg: "LEVEL", def: "INFO",
		help: "DEBUG, INFO, WARNING, ERROR or CRITICAL (any case).",
		want: "one of " + strings.Join(logLevels, ", ") + " (any case)",
		set:  levelValue(func(o *Options) *string { return &o.LogLevel })},
	{long: "logfile", group: groupLogging, arg: "FILE",
		help: "Write the log to FILE instead of standard error.",
		want: wantAny,
		set:  stringValue(func(o *Options) *string { return &o.LogFile }, nil)},

	{long: "config", group: groupOther, arg: "FILE", noFile: true,
		help: "Read options from FILE (default ./gust.conf when it exists).",
		want: "the name of a readable file",
		set:  stringValue(func(o *Options) *string { return &o.ConfigFile }, nil)},
	{long: "version", short: "V", group: groupOther, noEnv: true, noFile: true,
		help: "Print the version and exit.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.Version })},
	{long: "help", short: "h", group: groupOther, noEnv: true, noFile: true,
		help: "Print this help and exit.",
		want: wantBool,
		set:  boolValue(func(o *Options) *bool { return &o.Help })},
}

// lookup returns the row whose long name is name, or nil.
func lookup(name string) *option {
	for i := range options {
		if options[i].long == name {
			return &options[i]
		}
	}
	return nil
}

// flagName is how --help and errors write the option: "-u/--users" or "--json".
func (opt *option) flagName() string {
	if opt.short == "" {
		return "--" + opt.long
	}
	return "-" + opt.short + "/--" + opt.long
}

// envName is the environment variable that sets the option: GUST_SPAWN_RATE.
func (opt *option) envName() string {
	if opt.noEnv {
		return ""
	}
	return "GUST_" + strings.ToUpper(strings.ReplaceAll(opt.long, "-", "_"))
}
