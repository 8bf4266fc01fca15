package web

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/chromedp/chromedp"
)

// timeAxis is what the page reports of the time axis of a chart drawn
// for a known span: the tick labels, and the narrowest space in pixels
// left between two neighbouring labels (negative when they overlap).
type timeAxis struct {
	Labels []string `json:"labels"`
	Gap    float64  `json:"gap"`
}

// drawTimeAxis draws a users chart of span seconds, one point a second,
// in a 600-px box of its own on the current page.
const drawTimeAxis = `(function (span) {
	var box = document.createElement("div");
	box.style.cssText = "position:absolute;left:0;top:0;width:600px";
	document.body.appendChild(box);
	var c = new GustCharts.Charts(box, ["users"]), cols = { time: [], users: [] };
	for (var t = 0; t <= span; t++) { cols.time.push(1795830439 + t); cols.users.push(t %% 50); }
	c.set("users", cols);
	window.gustAxisCheck = { box: box, charts: c };
})(%d)`

// measureTimeAxis reads the ticks drawTimeAxis drew and removes its box.
const measureTimeAxis = `(function () {
	var c = window.gustAxisCheck.charts, u = c.plots.users, ticks = c.xTicks("users");
	var ctx = document.createElement("canvas").getContext("2d"), gap = 1e9;
	ctx.font = u.axes[0].font[0];
	var half = function (i) { return ctx.measureText(ticks[i].label).width / 2; };
	for (var i = 1; i < ticks.length; i++) {
		var dx = u.valToPos(ticks[i].at, "x") - u.valToPos(ticks[i - 1].at, "x");
		gap = Math.min(gap, dx - half(i) - half(i - 1));
	}
	window.gustAxisCheck.box.remove();
	delete window.gustAxisCheck;
	return { labels: ticks.map(function (t) { return t.label; }), gap: gap };
})()`

// checkTimeAxis checks that the time axis of a 30-second test and of an
// hour's history shows one-line, distinct, non-overlapping labels.
func (b *browserRun) checkTimeAxis() {
	b.t.Helper()
	for _, tc := range []struct {
		span int
		want *regexp.Regexp
	}{
		{30, regexp.MustCompile(`^\d\d:\d\d:\d\d$`)},
		{3600, regexp.MustCompile(`^\d\d:\d\d$`)},
	} {
		b.do("drawing a time axis", chromedp.Evaluate[chromedp.Void](fmt.Sprintf(drawTimeAxis, tc.span)))
		b.waitJS("the time axis ticks", `window.gustAxisCheck.charts.xTicks("users").length > 0`)
		got := eval[timeAxis](b, measureTimeAxis)
		if len(got.Labels) < 3 {
			b.t.Errorf("%d s: the time axis has %d labels %q, want at least 3", tc.span, len(got.Labels), got.Labels)
		}
		seen := map[string]bool{}
		for _, l := range got.Labels {
			if !tc.want.MatchString(l) || seen[l] {
				b.t.Errorf("%d s: time axis labels %q: %q is repeated or not like %s", tc.span, got.Labels, l, tc.want)
			}
			seen[l] = true
		}
		if got.Gap <= 0 {
			b.t.Errorf("%d s: time axis labels %q overlap (%.1f px apart)", tc.span, strings.Join(got.Labels, " "), got.Gap)
		}
	}
}
