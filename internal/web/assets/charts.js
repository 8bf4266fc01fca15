/* gust charts: draws chart histories (columns of Unix seconds and values)
   with uPlot. Shared by the live UI and the HTML report. */
var GustCharts = (function () {
  "use strict";

  // Each chart: its title, the unit of its values and its series as
  // [label, column, CSS colour variable].
  var SPECS = {
    rps: { title: "Requests per second", unit: "/s",
      series: [["RPS", "rps", "--c-ok"], ["Failures/s", "fail_ps", "--c-fail"]] },
    latency: { title: "Response times (ms)", unit: "ms",
      series: [["50%", "p50", "--c-p50"], ["95%", "p95", "--c-p95"], ["99%", "p99", "--c-p99"]] },
    users: { title: "Users", unit: "",
      series: [["Users", "users", "--c-users"]] }
  };

  function cssVar(name, fallback) {
    var v = getComputedStyle(document.documentElement).getPropertyValue(name).trim();
    return v || fallback;
  }

  function number(v, unit) {
    if (v == null) return "";
    var s = Math.abs(v) >= 100 ? Math.round(v).toString() : (Math.round(v * 100) / 100).toString();
    return unit === "ms" ? s + " ms" : s;
  }

  // The x axis steps through whole seconds, minutes, hours and days only,
  // so that a label never needs a fraction of a second.
  var X_INCRS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
    3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800];

  function pad2(n) { return (n < 10 ? "0" : "") + n; }

  // timeLabel formats a tick at Unix second t, incr seconds from the next
  // one, on one line: HH:MM:SS under a minute, HH:MM under a day (the date
  // at midnight when ticks are hours apart), MM-DD from a day on.
  function timeLabel(t, incr) {
    var d = new Date(t * 1000), hm = pad2(d.getHours()) + ":" + pad2(d.getMinutes());
    var date = pad2(d.getMonth() + 1) + "-" + pad2(d.getDate());
    if (incr < 60) return hm + ":" + pad2(d.getSeconds());
    if (incr >= 86400 || (incr >= 3600 && hm === "00:00")) return date;
    return hm;
  }

  // xAxis is the time axis; it hands the ticks it draws to record.
  function xAxis(axis, record) {
    return Object.assign({ space: 70, size: 36, incrs: X_INCRS,
      values: function (u, splits, i, space, incr) {
        var labels = splits.map(function (t) { return timeLabel(t, incr); });
        record(splits, labels);
        return labels;
      } }, axis);
  }

  function dataOf(spec, cols) {
    var time = (cols && cols.time) || [];
    var out = [time];
    spec.series.forEach(function (s) {
      var col = (cols && cols[s[1]]) || [];
      out.push(col.length === time.length ? col : time.map(function () { return null; }));
    });
    return out;
  }

  function optionsOf(spec, width, record) {
    var fg = cssVar("--fg", "#222"), grid = cssVar("--grid", "#ddd");
    var axis = { stroke: fg, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid, width: 1 } };
    var series = [{}];
    spec.series.forEach(function (s) {
      series.push({ label: s[0], stroke: cssVar(s[2], "#888"), width: 1.5, points: { show: false },
        value: function (u, v) { return number(v, spec.unit); } });
    });
    return {
      title: spec.title, width: width, height: 240, series: series,
      scales: { x: { time: true }, y: { range: function (u, lo, hi) { return [0, hi > 0 ? hi * 1.05 : 1]; } } },
      axes: [xAxis(axis, record), Object.assign({ size: 56, values: function (u, vs) {
        return vs.map(function (v) { return number(v, ""); }); } }, axis)],
      cursor: { drag: { x: true, y: false } }
    };
  }

  // Charts draws the charts named in ids into root, one div each; root may
  // lay them out in a grid, each chart takes the width of its div.
  function Charts(root, ids) {
    this.boxes = {};
    this.plots = {};
    this.ticks = {};
    var self = this;
    ids.forEach(function (id) {
      var box = document.createElement("div");
      box.className = "chart chart-" + id;
      root.appendChild(box);
      self.boxes[id] = box;
    });
    ids.forEach(function (id) {
      var record = function (at, labels) {
        self.ticks[id] = at.map(function (t, i) { return { at: t, label: labels[i] }; });
      };
      self.plots[id] = new uPlot(optionsOf(SPECS[id], self.width(id), record), dataOf(SPECS[id], null), self.boxes[id]);
    });
  }

  Charts.prototype.width = function (id) {
    return Math.max(280, Math.floor(this.boxes[id].clientWidth || 600));
  };

  // set replaces the data of one chart.
  Charts.prototype.set = function (id, cols) {
    var p = this.plots[id];
    if (p) p.setData(dataOf(SPECS[id], cols));
  };

  // xTicks returns the ticks last drawn under chart id, each as its Unix
  // second and its label.
  Charts.prototype.xTicks = function (id) {
    return (this.ticks[id] || []).slice();
  };

  // resize fits every chart to the width of root.
  Charts.prototype.resize = function () {
    for (var id in this.plots) this.plots[id].setSize({ width: this.width(id), height: 240 });
  };

  return { Charts: Charts };
})();
