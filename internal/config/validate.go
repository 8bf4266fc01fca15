package config

// validate checks what no single value can: options that need each other.
// Each value was already checked when it was set.
func validate(o *Options) error {
	if o.CSVFullHistory && o.CSVPrefix == "" {
		return &UsageError{Option: "csv-full-history",
			Msg: "--csv-full-history needs --csv PREFIX: it adds rows to PREFIX_stats_history.csv"}
	}
	return nil
}
