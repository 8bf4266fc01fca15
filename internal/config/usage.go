package config

import "strings"

const (
	usageWidth  = 100 // no line of Usage is longer
	usageIndent = 33  // column where the descriptions start
)

const usageHead = `Usage:
  gust [options] [URL[@weight]...] [UserKind...]
  gust demo [--serve] [options]
  gust compare [options] BASELINE.json CURRENT.json
  gust new DIR

gust load-tests HTTP services with simulated users, in the manner of Locust. Name URLs to
request them with no code at all, or name user kinds compiled into this binary to run those.
gust demo runs a short test against a built-in target server on 127.0.0.1; gust demo --serve
only serves that target (see gust demo --help). gust compare tells whether a run written with
--json got slower than an earlier one (exit 3 when it did; see gust compare --help). gust new
DIR writes a test program in Go to start from (see gust new --help).
`

const usageTail = `
Every option can also be set in the environment, as listed, or in a config file of
"key = value" lines keyed by long name (spawn-rate = 10, headless = true, tags = [A, B]),
read from --config FILE, else GUST_CONFIG, else ./gust.conf. Flags win over the
environment, which wins over the file.

Examples:
  gust -u 50 -r 10 -t 1m http://127.0.0.1:8080/ http://127.0.0.1:8080/search@3
  gust -u 200 -r 20 -t 10m --csv results/run1 Browser Buyer
  gust demo -u 100 -r 20 -t 30s
  gust --headless -u 20 -t 1m --json http://127.0.0.1:8080/ > run.json
  gust compare --tolerance 5% --junit compare.xml baseline.json run.json
`

// Usage returns the --help text: the usage lines, the positional arguments,
// then every option of the table under its heading, with its default and
// its environment variable.
func Usage() string {
	var b strings.Builder
	b.WriteString(usageHead)
	b.WriteString("\nArguments:\n")
	writeEntry(&b, "URL[@weight]", "An absolute http(s) URL to request; @N makes it N times as "+
		"frequent as a URL of weight 1.")
	writeEntry(&b, "UserKind", "The name of a user kind to run; all of them when none is named. "+
		keepTogether("(env "+userKindsEnv+")"))
	for g, title := range groupTitles {
		b.WriteString("\n" + title + ":\n")
		for i := range options {
			if opt := &options[i]; opt.group == group(g) {
				writeEntry(&b, opt.synopsis(), opt.help+opt.notes())
			}
		}
	}
	b.WriteString(usageTail)
	return b.String()
}

// synopsis is the left column of --help: "-u, --users N" or "    --json".
func (opt *option) synopsis() string {
	s := "    --" + opt.long
	if opt.short != "" {
		s = "-" + opt.short + ", --" + opt.long
	}
	if opt.arg != "" {
		s += " " + opt.arg
	}
	return s
}

// notes is " (default 1; env GUST_USERS)", or as much of it as applies, as
// one unbreakable word.
func (opt *option) notes() string {
	var parts []string
	if opt.def != "" {
		parts = append(parts, "default "+opt.def)
	}
	if env := opt.envName(); env != "" {
		parts = append(parts, "env "+env)
	}
	if len(parts) == 0 {
		return ""
	}
	return " " + keepTogether("("+strings.Join(parts, "; ")+")")
}

// keepTogether makes s one word for writeEntry, which never breaks it.
func keepTogether(s string) string { return strings.ReplaceAll(s, " ", "\x00") }

// writeEntry writes "  left   text", text wrapped to fit usageWidth in the
// column at usageIndent, starting on a line of its own if left is too wide.
func writeEntry(b *strings.Builder, left, text string) {
	line := "  " + left
	if len(line) > usageIndent-2 {
		b.WriteString(line + "\n")
		line = ""
	}
	line += strings.Repeat(" ", usageIndent-len(line))
	fresh := true // nothing after the indent yet
	for _, word := range strings.Fields(text) {
		switch {
		case fresh:
		case len(line)+1+len(word) > usageWidth:
			b.WriteString(strings.ReplaceAll(line, "\x00", " ") + "\n")
			line = strings.Repeat(" ", usageIndent)
		default:
			line += " "
		}
		line, fresh = line+word, false
	}
	b.WriteString(strings.ReplaceAll(line, "\x00", " ") + "\n")
}
