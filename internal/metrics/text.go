package metrics

import (
	"bufio"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// ContentType is the media type of the text format WriteText writes.
const ContentType = "text/plain; version=0.0.4; charset=utf-8"

// WriteText writes fams in the Prometheus text exposition format (0.0.4).
func WriteText(w io.Writer, fams []Family) error {
	bw := bufio.NewWriter(w)
	for _, f := range fams {
		bw.WriteString("# HELP " + f.Name + " " + f.Help + "\n# TYPE " + f.Name + " " + f.Type + "\n")
		for _, s := range f.Samples {
			bw.WriteString(s.Name)
			if len(s.Labels) > 0 {
				bw.WriteString("{" + labelText(s.Labels) + "}")
			}
			bw.WriteString(" " + FormatFloat(s.Value) + "\n")
		}
	}
	return bw.Flush()
}

// Handler serves GET /metrics: the families of the Run that run returns at
// each request. Counters restart from zero when the statistics are reset,
// which Prometheus' rate() treats as a counter reset.
func Handler(run func() Run) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ContentType)
		w.Header().Set("Cache-Control", "no-store")
		_ = WriteText(w, Families(run()))
	})
}

// labelEscaper escapes a label value: backslash, double quote and newline.
var labelEscaper = strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)

func labelText(ls []Label) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		parts[i] = l.Name + `="` + labelEscaper.Replace(l.Value) + `"`
	}
	return strings.Join(parts, ",")
}

// FormatFloat writes v as the text format does: shortest, "+Inf" for
// infinity.
func FormatFloat(v float64) string {
	return strconv.FormatFloat(v, 'g', -1, 64)
}
