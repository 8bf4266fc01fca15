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

  function dataOf(spec, cols) {
    var time = (cols && cols.time) || [];
    var out = [time];
    spec.series.forEach(function (s) {
      var col = (cols && cols[s[1]]) || [];
      out.push(col.length === time.length ? col : time.map(function () { return null; }));
    });
    return out;
  }

  function optionsOf(spec, width) {
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
      axes: [axis, Object.assign({ size: 56, values: function (u, vs) {
        return vs.map(function (v) { return number(v, ""); }); } }, axis)],
      cursor: { drag: { x: true, y: false } }
    };
  }

  // Charts draws the charts named in ids into root, one div each; root may
  // lay them out in a grid, each chart takes the width of its div.
  function Charts(root, ids) {
    this.boxes = {};
    this.plots = {};
    var self = this;
    ids.forEach(function (id) {
      var box = document.createElement("div");
      box.className = "chart chart-" + id;
      root.appendChild(box);
      self.boxes[id] = box;
    });
    ids.forEach(function (id) {
      self.plots[id] = new uPlot(optionsOf(SPECS[id], self.width(id)), dataOf(SPECS[id], null), self.boxes[id]);
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

  // resize fits every chart to the width of root.
  Charts.prototype.resize = function () {
    for (var id in this.plots) this.plots[id].setSize({ width: this.width(id), height: 240 });
  };

  return { Charts: Charts };
})();
