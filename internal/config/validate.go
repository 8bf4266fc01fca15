package config

import (
	"strings"

	"github.com/gustload/gust/internal/capacity"
)

// validate checks what no single value can: options that need each other,
// and user counts against what this machine holds. Each value was already
// checked when it was set.
func validate(o *Options) error {
	if err := checkCapacity(o, capacity.Machine()); err != nil {
		return err
	}
	switch {
	case o.CSVFullHistory && o.CSVPrefix == "":
		return &UsageError{Option: "csv-full-history",
			Msg: "--csv-full-history needs --csv PREFIX: it adds rows to PREFIX_stats_history.csv"}
	case (o.TLSCert == "") != (o.TLSKey == ""):
		return &UsageError{Option: "tls-cert",
			Msg: "--tls-cert and --tls-key go together: give both files, or neither for plain HTTP"}
	case o.Stages != nil && o.ArrivalRate != nil:
		return &UsageError{Option: "arrival-rate",
			Msg: "--stages (a number of users over time) and --arrival-rate (iterations per second) " +
				"are two load models: give one of them"}
	case o.Master && o.Worker:
		return &UsageError{Option: "worker",
			Msg: "--master and --worker are two roles: give one of them (a master drives workers, a worker runs users for a master)"}
	case len(o.URLs) == 0 && o.RequestOptionsGiven():
		return &UsageError{Option: "method",
			Msg: "--method, --header and --body shape the requests of URL mode: give URLs too " +
				"(gust --method POST --body '{}' http://127.0.0.1:8080/api); in Go, pass gust.Header to a request"}
	case len(o.URLs) == 0 && o.Wait.Max > 0:
		return &UsageError{Option: "wait",
			Msg: "--wait paces the users of URL mode: give URLs too (gust --wait 1s http://127.0.0.1:8080/); " +
				"in Go, set gust.User's Wait (gust.Between(...))"}
	case o.PrometheusBasicAuth != "" && o.PrometheusBearerToken != "":
		return &UsageError{Option: "prometheus-bearer-token",
			Msg: "--prometheus-basic-auth and --prometheus-bearer-token are two ways to log in: give one of them"}
	case o.PrometheusRemoteWrite == "" && (o.PrometheusBasicAuth != "" || o.PrometheusBearerToken != "" || len(o.PrometheusLabels) > 0):
		return &UsageError{Option: "prometheus-remote-write",
			Msg: "--prometheus-label, --prometheus-basic-auth and --prometheus-bearer-token go with --prometheus-remote-write URL: give the URL too"}
	case o.Headless && o.Autostart:
		return &UsageError{Option: "autostart",
			Msg: "--autostart keeps the web UI, --headless has none: give one of them"}
	}
	return nil
}

// checkCapacity refuses user counts past b: -u, --max-users and the highest
// stage of --stages.
func checkCapacity(o *Options, b capacity.Bound) error {
	peak := 0
	for _, st := range o.Stages {
		peak = max(peak, st.Users)
	}
	for _, c := range []struct {
		option string
		n      int
	}{{"users", o.Users}, {"max-users", o.MaxUsers}, {"stages", peak}} {
		if err := capacity.CheckBound(b, "--"+c.option, c.n); err != nil {
			return &UsageError{Option: c.option, Msg: strings.TrimPrefix(err.Error(), "gust: ")}
		}
	}
	return nil
}
