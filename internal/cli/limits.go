package cli

import (
	"fmt"
	"log/slog"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/gustload/gust/internal/client"
	"github.com/gustload/gust/internal/config"
)

// spareFiles are the open files gust needs besides one per user: standard
// streams, the web UI and its clients, log and report files.
const spareFiles = 100

// portRangeFile is where Linux keeps the range of local (ephemeral) ports.
const portRangeFile = "/proc/sys/net/ipv4/ip_local_port_range"

// checkLimits makes sure users can each hold a connection: it raises the
// open-file limit to its hard limit and warns, saying what to raise, when
// the open files or the local ports (to dests target addresses) fall short.
// A shortfall is a warning, not an error: the users that fit still run, and
// the others' connection failures are recorded.
func checkLimits(users, dests int, log *slog.Logger) {
	files, hard, ok := raiseFileLimit(uint64(users + spareFiles))
	if ok {
		if msg := filesProblem(users, files, hard); msg != "" {
			log.Warn(msg)
		}
	}
	if lo, hi, ok := portRange(); ok {
		if msg := portsProblem(users, dests, lo, hi); msg != "" {
			log.Warn(msg)
		}
	}
}

// filesProblem says what to raise when users need more open files than the
// limit allows, or "" when they fit.
func filesProblem(users int, limit, hard uint64) string {
	need := uint64(users + spareFiles)
	if limit >= need {
		return ""
	}
	return fmt.Sprintf("gust: %d users need about %d open files (one connection each) but this process may open "+
		"only %d (hard limit %d): raise the limit (ulimit -n %d in the shell; nofile in /etc/security/limits.conf, "+
		"LimitNOFILE= for a systemd service, --ulimit nofile=%d for a container) or split the users over several "+
		"processes; the users past the limit will fail to connect", users, need, limit, hard, need, need)
}

// portsProblem says what to raise when users connecting to dests addresses
// need more local ports per address than the range [lo, hi] has, or "".
func portsProblem(users, dests, lo, hi int) string {
	ports := hi - lo + 1
	perDest := (users + max(dests, 1) - 1) / max(dests, 1)
	if ports <= 0 || perDest <= ports {
		return ""
	}
	return fmt.Sprintf("gust: %d users on %d target address(es) need %d local ports to each, but "+
		"net.ipv4.ip_local_port_range gives %d (%d-%d): widen it (sysctl -w net.ipv4.ip_local_port_range=\"1024 65535\") "+
		"or spread the users over more target addresses (127.0.0.2, 127.0.0.3, ... are loopback too)",
		users, max(dests, 1), perDest, ports, lo, hi)
}

// portRange reads the local port range, where the system tells it.
func portRange() (lo, hi int, ok bool) {
	b, err := os.ReadFile(portRangeFile)
	if err != nil {
		return 0, 0, false
	}
	return parsePortRange(string(b))
}

func parsePortRange(s string) (lo, hi int, ok bool) {
	f := strings.Fields(s)
	if len(f) != 2 {
		return 0, 0, false
	}
	lo, err1 := strconv.Atoi(f[0])
	hi, err2 := strconv.Atoi(f[1])
	return lo, hi, err1 == nil && err2 == nil && lo <= hi
}

// destinations counts the distinct target addresses the test is known to
// use: the URLs of URL mode and the kinds' hosts.
func destinations(opts *config.Options, kinds []*kind) int {
	seen := map[string]bool{}
	for _, t := range opts.URLs {
		if u, err := url.Parse(t.Raw); err == nil {
			seen[client.HostPort(u)] = true
		}
	}
	for _, k := range kinds {
		if h := k.host.Load(); h != nil {
			seen[client.HostPort(h)] = true
		}
	}
	return len(seen)
}
