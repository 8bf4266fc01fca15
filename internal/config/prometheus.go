package config

import (
	"net"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// reservedLabels are the label names gust's own series use: a
// --prometheus-label may not take one.
var reservedLabels = []string{"method", "name", "le", "kind", "state", "worker"}

var reservedLabelList = strings.Join(reservedLabels, ", ")

var labelName = regexp.MustCompile(`^[a-zA-Z_][a-zA-Z0-9_]*$`)

// labelValue adds a "name=value" label: labels from the config file, the
// environment and the command line add up.
func labelValue(field func(*Options) *[]Label) setter {
	return func(o *Options, v string) bool {
		name, value, ok := strings.Cut(v, "=")
		name = strings.TrimSpace(name)
		if !ok || !labelName.MatchString(name) || strings.HasPrefix(name, "__") || slices.Contains(reservedLabels, name) {
			return false
		}
		*field(o) = append(*field(o), Label{Name: name, Value: value})
		return true
	}
}

// isBasicAuth accepts user:password with a non-empty user.
func isBasicAuth(s string) bool {
	user, _, ok := strings.Cut(s, ":")
	return ok && user != ""
}

// isListenAddr accepts host:port or :port with a port from 0 to 65535.
func isListenAddr(s string) bool {
	_, port, err := net.SplitHostPort(s)
	if err != nil {
		return false
	}
	n, err := strconv.Atoi(port)
	return err == nil && n >= 0 && n <= 65535
}
