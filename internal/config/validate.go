package config

// validate checks what no single value can: options that need each other.
// Each value was already checked when it was set.
func validate(o *Options) error {
	switch {
	case o.CSVFullHistory && o.CSVPrefix == "":
		return &UsageError{Option: "csv-full-history",
			Msg: "--csv-full-history needs --csv PREFIX: it adds rows to PREFIX_stats_history.csv"}
	case (o.TLSCert == "") != (o.TLSKey == ""):
		return &UsageError{Option: "tls-cert",
			Msg: "--tls-cert and --tls-key go together: give both files, or neither for plain HTTP"}
	case o.Headless && o.Autostart:
		return &UsageError{Option: "autostart",
			Msg: "--autostart keeps the web UI, --headless has none: give one of them"}
	}
	return nil
}
