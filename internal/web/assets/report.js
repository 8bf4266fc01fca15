/* gust report: draws the charts from the history embedded in the page. */
(function () {
  "use strict";
  var el = document.getElementById("history");
  var root = document.getElementById("charts");
  if (!el || !root || typeof uPlot === "undefined") return;
  var cols = JSON.parse(el.textContent);
  if (!cols.time || cols.time.length === 0) {
    root.textContent = "No history was recorded.";
    return;
  }
  var charts = new GustCharts.Charts(root, ["rps", "latency", "users"]);
  ["rps", "latency", "users"].forEach(function (id) { charts.set(id, cols); });
  window.addEventListener("resize", function () { charts.resize(); });
})();
