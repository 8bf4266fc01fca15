package config

// ParseConfigText parses text as the config file name and applies it to the
// defaults, as Parse would, without touching the file system.
func ParseConfigText(name, text string) (*Options, error) {
	settings, err := parseConfigFile(name, text)
	if err != nil {
		return nil, err
	}
	o := Defaults()
	if err := applyAll(o, settings); err != nil {
		return nil, err
	}
	return o, nil
}
