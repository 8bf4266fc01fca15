/* gust web UI: polls /stats/requests every 2 s and renders the header, the
   tabs and the charts. Plain JavaScript, no build step. */
(function () {
  "use strict";

  var POLL_MS = 2000;
  var MAX_POINTS = 4000; // client-side history bound; older points are thinned
  var HISTORY_KEYS = ["time", "users", "rps", "fail_ps", "p50", "p95", "p99"];

  var args = JSON.parse(document.getElementById("gust-args").textContent);
  function $(id) { return document.getElementById(id); }

  var ui = {
    data: null,                       // the last /stats/requests body
    tab: "stats",
    sort: { key: null, dir: -1 },
    history: columnsOf(args.history),
    start: args.start,                // when the statistics started, to notice a reset
    endpoint: "",                     // the selected endpoint as JSON [method, name]; "" for all
    endpointCols: null,
    endpointsKey: "",
    charts: null,
    showForm: false,                  // "New test" was pressed
    openTraces: {},                   // tracebacks the user unfolded
    lastExceptions: "",
    spawnRate: args.spawn_rate || 1,
    model: args.load_model || "users", // the load model: users, shape, stages or arrival-rate
    target: args.load_target || "",
    corrected: false,                 // the table shows the corrected percentiles
    pollFailed: false,
    timer: 0
  };

  // ---- formatting ----

  var ESC = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
  function esc(s) { return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) { return ESC[c]; }); }
  function fmtMs(v) {
    if (v == null) return "";
    if (v >= 100) return Math.round(v).toString();
    return v >= 10 ? v.toFixed(1) : v.toFixed(2);
  }
  function fmtRate(v) { return v >= 10 ? v.toFixed(1) : v.toFixed(2); }
  function fmtLag(ms) { return ms >= 1000 ? (ms / 1000).toFixed(2) + " s" : fmtMs(ms) + " ms"; }
  // modelLabel says which load model drives the test; "" for users.
  function modelLabel(model, target) {
    if (model === "arrival-rate") return target && target.indexOf(":") < 0 ? "arrival " + target : "arrival stages";
    return model === "users" ? "" : model;
  }
  function fmtPct(ratio) { return (100 * ratio).toFixed(ratio > 0 && ratio < 0.001 ? 3 : 1) + "%"; }
  function pad(n) { return n < 10 ? "0" + n : "" + n; }
  function fmtTime(unix) {
    if (!unix) return "";
    var d = new Date(unix * 1000);
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()) + " " +
      pad(d.getHours()) + ":" + pad(d.getMinutes()) + ":" + pad(d.getSeconds());
  }

  // ---- requests ----

  function request(method, url, body) {
    var opts = { method: method, credentials: "same-origin", headers: { "Accept": "application/json" } };
    if (body) opts.body = body;
    return fetch(url, opts).catch(function () {
      throw new Error("No answer from gust: is it still running? Retrying every 2 s.");
    }).then(function (r) {
      var type = r.headers.get("Content-Type") || "";
      var parse = type.indexOf("json") >= 0 ? r.json() : r.text();
      return parse.then(function (b) {
        if (r.status === 401) throw new Error("Login required: reload the page to sign in.");
        if (!r.ok) throw new Error((b && b.message) || String(b) || r.statusText);
        return b;
      });
    });
  }

  function showError(err) {
    var box = $("error");
    box.textContent = err ? String(err.message || err) : "";
    box.hidden = !err;
  }

  // ---- history ----

  function columnsOf(h) {
    var c = {};
    HISTORY_KEYS.forEach(function (k) { c[k] = (h && h[k]) ? h[k].slice() : []; });
    return c;
  }

  function lastTime() {
    var t = ui.history.time;
    return t.length ? t[t.length - 1] : 0;
  }

  function appendHistory(h) {
    if (!h || !h.time) return;
    var last = lastTime();
    for (var i = 0; i < h.time.length; i++) {
      if (h.time[i] <= last) continue;
      HISTORY_KEYS.forEach(function (k) { ui.history[k].push(h[k] ? h[k][i] : null); });
    }
    if (ui.history.time.length > MAX_POINTS) thin(ui.history);
  }

  // thin keeps every other point of the older half, like the server does.
  function thin(c) {
    var half = Math.floor(c.time.length / 2);
    HISTORY_KEYS.forEach(function (k) {
      c[k] = c[k].filter(function (_, i) { return i >= half || i % 2 === 0; });
    });
  }

  // ---- polling ----

  function poll() {
    return request("GET", "stats/requests?since=" + lastTime()).then(function (d) {
      if (ui.pollFailed) showError(null);
      ui.pollFailed = false;
      receive(d);
    }).catch(function (err) {
      ui.pollFailed = true;
      showError(err);
    }).then(function () {
      clearTimeout(ui.timer);
      ui.timer = setTimeout(poll, POLL_MS);
    });
  }

  function receive(d) {
    if (ui.start && d.start !== ui.start) {
      ui.history = columnsOf(null); // the statistics were reset: the old points are gone on the server too
      ui.endpointCols = null;
    }
    ui.start = d.start;
    appendHistory(d.history);
    ui.data = d;
    renderHeader(d);
    renderTab();
  }

  // ---- header and controls ----

  function renderHeader(d) {
    var host = d.host || args.targets || "";
    $("s-host").textContent = host || "(none)";
    $("s-host").title = host;
    var st = $("s-state");
    st.textContent = d.state;
    st.className = d.state;
    $("s-users").textContent = d.user_count;
    var workers = d.workers || [];
    $("s-workers-box").hidden = workers.length === 0;
    $("s-workers").textContent = workers.length;
    document.querySelector('[data-tab="workers"]').hidden = workers.length === 0;
    $("s-rps").textContent = fmtRate(d.current_rps);
    $("s-fail").textContent = fmtPct(d.fail_ratio);
    $("saturation").hidden = !d.saturated;
    $("saturation").textContent = d.saturated ?
      (d.saturation_detail || "gust is its own bottleneck: response times may include its own delay.") : "";
    $("n-failures").textContent = d.errors.length ? d.errors.length : "";
    renderModel(d.load_model || ui.model, d.load_target || "");
    renderThresholdsBadge(d);
    var active = d.state === "running" || d.state === "spawning";
    $("b-edit").hidden = !active || ui.model !== "users";
    $("b-stop").hidden = !active;
    $("b-new").hidden = d.state !== "stopped" || ui.showForm;
    $("b-reset").hidden = d.state === "ready";
    var form = d.state === "ready" || (ui.showForm && !active);
    if (form && $("start").hidden) fillStartForm(d);
    $("start").hidden = !form;
    $("b-start-cancel").hidden = d.state === "ready";
  }

  // renderModel shows the load model in the header and fits the start form
  // to it: a shape decides the users and the ramp, an arrival rate the ramp.
  function renderModel(model, target) {
    ui.model = model;
    ui.target = target;
    var label = modelLabel(model, target);
    $("s-model-box").hidden = !label;
    $("s-model").textContent = label;
    $("s-model").title = model + (target ? " " + target : "");
    var shaped = model === "shape" || model === "stages", arrival = model === "arrival-rate";
    var f = $("start-form").elements;
    f.user_count.disabled = shaped;
    f.spawn_rate.disabled = shaped || arrival;
    $("f-users").hidden = shaped;
    $("f-rate").hidden = shaped || arrival;
    $("f-users").firstElementChild.textContent = arrival ?
      "Users to start with (the pool grows as iterations need more)" : "Number of users (peak concurrency)";
    $("f-model").hidden = !label;
    $("f-model").textContent = shaped ?
      "A load shape" + (target ? " (" + target + ")" : "") + " decides the users and the ramp of this test." :
      arrival ? "Iterations start at " + target + " however fast the target answers." : "";
  }

  function fillStartForm(d) {
    var f = $("start-form").elements;
    if (!f.user_count.value) f.user_count.value = args.num_users || "";
    if (!f.spawn_rate.value) f.spawn_rate.value = args.spawn_rate || "";
    if (!f.host.value) f.host.value = d.host || args.host || "";
    if (!f.run_time.value) f.run_time.value = args.run_time || "";
  }

  function swarm(fields) {
    return request("POST", "swarm", new URLSearchParams(fields)).then(function (r) {
      if (!r.success) throw new Error(r.message);
      showError(null);
      return r;
    });
  }

  function onStart(e) {
    e.preventDefault();
    var f = e.target.elements;
    var fields = {};
    if (!f.user_count.disabled) fields.user_count = f.user_count.value;
    if (!f.spawn_rate.disabled) fields.spawn_rate = f.spawn_rate.value;
    if (f.host.value) fields.host = f.host.value;
    if (f.run_time.value) fields.run_time = f.run_time.value;
    var params = new URLSearchParams(fields);
    e.target.querySelectorAll('input[name="user_classes"]:checked').forEach(function (c) {
      params.append("user_classes", c.value);
    });
    swarm(params).then(function () {
      ui.showForm = false;
      if (fields.spawn_rate) ui.spawnRate = fields.spawn_rate;
      $("start").hidden = true;
      poll();
    }).catch(showError);
  }

  function onEdit() {
    var f = $("edit-form").elements;
    f.user_count.value = ui.data ? ui.data.user_count : "";
    f.spawn_rate.value = ui.spawnRate;
    $("edit-dialog").showModal();
  }

  function onUpdate(e) {
    e.preventDefault();
    var f = e.target.elements;
    var fields = { user_count: f.user_count.value, spawn_rate: f.spawn_rate.value };
    swarm(fields).then(function () {
      ui.spawnRate = fields.spawn_rate;
      $("edit-dialog").close();
      poll();
    }).catch(function (err) { $("edit-dialog").close(); showError(err); });
  }

  function onStop() { request("GET", "stop").then(function () { showError(null); poll(); }).catch(showError); }

  function onReset() {
    request("GET", "stats/reset").then(function () {
      ui.history = columnsOf(null);
      ui.endpointCols = null;
      showError(null);
      poll();
    }).catch(showError);
  }

  function onNew() {
    ui.showForm = true;
    if (ui.data) renderHeader(ui.data);
    $("start-form").elements.user_count.focus();
  }

  function onCancelStart() {
    ui.showForm = false;
    if (ui.data) renderHeader(ui.data);
  }

  // ---- tabs ----

  function selectTab(name) {
    ui.tab = name;
    document.querySelectorAll(".tabs button").forEach(function (b) {
      b.setAttribute("aria-selected", b.dataset.tab === name ? "true" : "false");
    });
    document.querySelectorAll(".panel").forEach(function (p) { p.hidden = p.id !== "tab-" + name; });
    renderTab();
  }

  function renderTab() {
    var d = ui.data;
    if (!d) return;
    switch (ui.tab) {
      case "stats": renderStats(d); break;
      case "thresholds": renderThresholds(d); break;
      case "charts": renderCharts(d); break;
      case "failures": renderFailures(d); break;
      case "exceptions": loadExceptions(); break;
      case "ratio": loadRatio(); break;
      case "workers": renderWorkers(d); break;
    }
  }

  // ---- statistics ----

  var STAT_CELLS = [
    ["num_requests", String], ["num_failures", String], ["median_response_time", fmtMs],
    ["response_time_percentile_0.95", fmtMs], ["response_time_percentile_0.99", fmtMs],
    ["avg_response_time", fmtMs], ["min_response_time", fmtMs], ["max_response_time", fmtMs],
    ["avg_content_length", function (v) { return Math.round(v).toString(); }],
    ["current_rps", fmtRate], ["current_fail_per_sec", fmtRate]
  ];

  // CORRECTED_CELLS follow the 99th percentile when any entry has response
  // times corrected for coordinated omission.
  var CORRECTED_CELLS = [
    ["corrected_response_time_percentile_0.95", fmtMs], ["corrected_response_time_percentile_0.99", fmtMs]
  ];
  // INTERRUPTED_CELL follows # Fails when any entry had requests cut short
  // by the end of the test.
  var INTERRUPTED_CELL = ["interrupted", function (v) { return String(v || 0); }];

  function statCells() {
    var cells = STAT_CELLS.slice(0, 2);
    if (ui.interrupted) cells.push(INTERRUPTED_CELL);
    cells = cells.concat(STAT_CELLS.slice(2, 5));
    if (ui.corrected) cells = cells.concat(CORRECTED_CELLS);
    return cells.concat(STAT_CELLS.slice(5));
  }

  function statRow(r) {
    var cells = statCells();
    var html = "<tr><td class=\"text\">" + esc(r.method) + "</td><td class=\"wrap\">" + esc(r.name) + "</td>";
    for (var i = 0; i < cells.length; i++) html += "<td>" + cells[i][1](r[cells[i][0]]) + "</td>";
    return html + "</tr>";
  }

  function showCorrected(d) {
    ui.corrected = d.stats.some(function (r) { return r["corrected_response_time_percentile_0.95"] != null; });
    document.querySelectorAll("#stats-table th.corr").forEach(function (th) { th.hidden = !ui.corrected; });
    $("corr-note").hidden = !ui.corrected;
    ui.interrupted = d.stats.some(function (r) { return r.interrupted > 0; });
    document.querySelectorAll("#stats-table th.intr").forEach(function (th) { th.hidden = !ui.interrupted; });
  }

  function renderStats(d) {
    renderArrival(d.arrival);
    showCorrected(d);
    var rows = d.stats.slice(0, -1);
    var total = d.stats[d.stats.length - 1];
    var k = ui.sort.key, dir = ui.sort.dir;
    if (k) {
      rows.sort(function (a, b) {
        var x = a[k], y = b[k];
        if (typeof x === "string") return dir * x.localeCompare(y);
        if (x == null || y == null) return (x == null) - (y == null);
        return dir * (x - y);
      });
    }
    var table = $("stats-table");
    table.tBodies[0].innerHTML = rows.map(statRow).join("");
    table.tFoot.innerHTML = total ? statRow(total) : "";
    var note = $("stats-note");
    note.hidden = !d.truncated_entries;
    note.textContent = d.truncated_entries ?
      d.truncated_entries + " quieter endpoints are not shown; the CSV has them all." : "";
  }

  function onSort(e) {
    var th = e.target.closest("th[data-key]");
    if (!th) return;
    var key = th.dataset.key;
    ui.sort.dir = ui.sort.key === key ? -ui.sort.dir : (key === "name" || key === "method" ? 1 : -1);
    ui.sort.key = key;
    th.parentNode.querySelectorAll("th").forEach(function (h) { h.classList.remove("sorted-asc", "sorted-desc"); });
    th.classList.add(ui.sort.dir > 0 ? "sorted-asc" : "sorted-desc");
    if (ui.data) renderStats(ui.data);
  }

  // ---- arrival rate and thresholds ----

  function renderArrival(a) {
    $("arrival").hidden = !a;
    if (!a) return;
    $("a-target").textContent = a.target;
    $("a-requested").textContent = fmtRate(a.requested_rate) + "/s";
    $("a-achieved").textContent = fmtRate(a.achieved_rate) + "/s";
    $("a-dropped").textContent = a.dropped;
    $("a-late").textContent = a.late;
    $("a-lag").textContent = fmtLag(a.lag);
    $("a-maxlag").textContent = fmtLag(a.max_lag);
    $("a-users").textContent = a.users + " of " + a.max_users;
    $("a-dropped").className = a.dropped > 0 ? "bad" : "";
    $("a-late").className = a.late > 0 ? "bad" : "";
    $("a-achieved").className = a.behind ? "bad" : "";
    $("a-note").textContent = a.behind ? "gust could not keep the schedule: " + a.dropped + " of " + a.due +
      " iterations were dropped and " + a.late + " started late. Raise --max-users, or give gust more CPU." :
      "Started " + a.started + " of " + a.due + " iterations due, on time.";
  }

  // thresholdStatus is pass, fail, error (it could not be evaluated, which
  // fails too), or waiting while a live test has nothing to measure for it.
  function thresholdStatus(r, state) {
    if (r.pass) return "pass";
    if (r.pending && state !== "stopped") return "waiting";
    return r.error ? "error" : "fail";
  }
  function failing(s) { return s === "fail" || s === "error"; }

  var VERDICT_VERBS = { fail: ["failed", "failed"], waiting: ["waits for data", "wait for data"], pass: ["passes", "pass"] };

  // verdictText says how k of n thresholds stand, as the report does.
  function verdictText(cls, k, n) {
    var verbs = VERDICT_VERBS[cls];
    if (n === 1) return "The threshold " + verbs[0];
    if (cls === "pass") return "All " + n + " thresholds " + verbs[1];
    return k + " of " + n + " thresholds " + verbs[1];
  }

  function renderThresholdsBadge(d) {
    var t = d.thresholds;
    document.querySelector('[data-tab="thresholds"]').hidden = !t;
    // A new test after the one a threshold stopped is not stopped by it.
    $("aborted").hidden = !(t && t.aborted) || d.state === "running" || d.state === "spawning";
    var failed = t ? t.results.filter(function (r) { return failing(thresholdStatus(r, d.state)); }).length : 0;
    $("n-thresholds").textContent = failed ? failed : "";
  }

  function renderThresholds(d) {
    var t = d.thresholds;
    if (!t) return;
    var st = t.results.map(function (r) { return thresholdStatus(r, d.state); });
    var failed = st.filter(failing).length;
    var waiting = st.filter(function (s) { return s === "waiting"; }).length;
    var cls = failed ? "fail" : waiting ? "waiting" : "pass";
    var v = $("t-verdict");
    v.className = "verdict " + cls;
    v.textContent = verdictText(cls, failed || waiting || st.length, st.length) +
      (t.aborted ? "; a breach stopped the test early (--threshold-abort)." : ".");
    $("thresholds-table").tBodies[0].innerHTML = t.results.map(function (r, i) {
      var cls = failing(st[i]) ? "fail" : st[i];
      return "<tr><td class=\"text " + cls + "\">" + (cls === "fail" ? st[i].toUpperCase() : st[i]) + "</td><td class=\"text\">" +
        esc(r.threshold) + "</td><td>" + esc(r.actual) + "</td><td class=\"wrap\">" + esc(r.error || "") + "</td></tr>";
    }).join("");
  }

  // ---- charts ----

  function renderCharts(d) {
    if (!ui.charts) {
      ui.charts = new GustCharts.Charts($("charts"), ["rps", "latency", "users"]);
      var pending = false;
      window.addEventListener("resize", function () {
        if (pending) return;
        pending = true;
        requestAnimationFrame(function () { pending = false; ui.charts.resize(); });
      });
    }
    updateEndpoints(d);
    if (!ui.endpoint) return drawCharts();
    var ep = JSON.parse(ui.endpoint);
    var url = "stats/history?method=" + encodeURIComponent(ep[0]) + "&name=" + encodeURIComponent(ep[1]);
    request("GET", url).then(function (cols) { ui.endpointCols = cols; drawCharts(); }).catch(showError);
  }

  function drawCharts() {
    var cols = ui.endpoint ? (ui.endpointCols || columnsOf(null)) : ui.history;
    ui.charts.set("rps", cols);
    ui.charts.set("latency", cols);
    ui.charts.set("users", ui.history);
    var caption = $("chart-caption");
    caption.dataset.points = cols.time.length;
    caption.textContent = ui.endpoint ?
      "Requests/s and response times of " + JSON.parse(ui.endpoint).join(" ") + ", sampled every few seconds." :
      "All requests; response times are over the last 5 to 10 seconds.";
  }

  function updateEndpoints(d) {
    var rows = d.stats.slice(0, -1);
    var key = rows.map(function (r) { return r.method + " " + r.name; }).join("\n");
    if (key === ui.endpointsKey) return;
    ui.endpointsKey = key;
    var html = "<option value=\"\">All requests (aggregated)</option>";
    rows.forEach(function (r) {
      var v = JSON.stringify([r.method, r.name]);
      html += "<option value=\"" + esc(v) + "\"" + (v === ui.endpoint ? " selected" : "") + ">" +
        esc(r.method + " " + r.name) + "</option>";
    });
    $("endpoint").innerHTML = html;
  }

  function onEndpoint(e) {
    ui.endpoint = e.target.value;
    ui.endpointCols = null;
    if (ui.data) renderCharts(ui.data);
  }

  // ---- failures, exceptions, ratio, workers ----

  function renderFailures(d) {
    $("failures-table").tBodies[0].innerHTML = d.errors.map(function (e) {
      return "<tr><td>" + e.occurrences + "</td><td class=\"text\">" + esc(e.method) + "</td><td class=\"wrap\">" +
        esc(e.name) + "</td><td class=\"wrap\">" + esc(e.error) + "</td><td>" + fmtTime(e.first_seen) +
        "</td><td>" + fmtTime(e.last_seen) + "</td></tr>";
    }).join("");
  }

  function loadExceptions() {
    request("GET", "exceptions").then(function (b) {
      var text = JSON.stringify(b.exceptions);
      if (text === ui.lastExceptions) return;
      ui.lastExceptions = text;
      var body = $("exceptions-table").tBodies[0];
      body.querySelectorAll("details").forEach(function (el) { ui.openTraces[el.dataset.i] = el.open; });
      body.innerHTML = b.exceptions.map(function (x, i) {
        return "<tr><td>" + x.count + "</td><td class=\"wrap\">" + esc(x.msg) + "</td><td class=\"wrap\"><details data-i=\"" +
          i + "\"" + (ui.openTraces[i] ? " open" : "") + "><summary>stack</summary><pre>" + esc(x.traceback) +
          "</pre></details></td><td class=\"text\">" + esc(x.nodes) + "</td></tr>";
      }).join("");
    }).catch(showError);
  }

  function treeHTML(m) {
    var names = Object.keys(m || {}).sort(function (a, b) { return m[b].ratio - m[a].ratio || a.localeCompare(b); });
    if (!names.length) return "";
    return "<ul class=\"tree\">" + names.map(function (n) {
      return "<li><b>" + (100 * m[n].ratio).toFixed(1) + "%</b>" + esc(n) + treeHTML(m[n].tasks) + "</li>";
    }).join("") + "</ul>";
  }

  function loadRatio() {
    request("GET", "tasks").then(function (t) {
      $("ratio-per-class").innerHTML = treeHTML(t.per_class) || "<p class=\"note\">No user kinds.</p>";
      $("ratio-total").innerHTML = treeHTML(t.total) || "<p class=\"note\">No user kinds.</p>";
    }).catch(showError);
  }

  function renderWorkers(d) {
    $("workers-table").tBodies[0].innerHTML = (d.workers || []).map(function (w) {
      var state = w.saturation ?
        "<td class=\"text fail\" title=\"" + esc(w.saturation) + "\">" + esc(w.state) + ", saturated</td>" :
        "<td class=\"text\">" + esc(w.state) + "</td>";
      return "<tr><td class=\"text\">" + esc(w.id) + "</td>" + state + "<td>" +
        w.user_count + "</td><td>" + w.cpu_usage.toFixed(1) + "</td><td>" +
        (w.memory_usage / 1048576).toFixed(1) + "</td></tr>";
    }).join("");
  }

  // ---- wiring ----

  $("start-form").addEventListener("submit", onStart);
  $("edit-form").addEventListener("submit", onUpdate);
  $("b-edit").addEventListener("click", onEdit);
  $("b-edit-cancel").addEventListener("click", function () { $("edit-dialog").close(); });
  $("b-stop").addEventListener("click", onStop);
  $("b-reset").addEventListener("click", onReset);
  $("b-new").addEventListener("click", onNew);
  $("b-start-cancel").addEventListener("click", onCancelStart);
  $("endpoint").addEventListener("change", onEndpoint);
  $("stats-table").tHead.addEventListener("click", onSort);
  document.querySelector(".tabs").addEventListener("click", function (e) {
    var b = e.target.closest("button[data-tab]");
    if (b) selectTab(b.dataset.tab);
  });

  renderHeader({
    host: args.host, state: args.state, user_count: args.user_count, workers: [], current_rps: 0,
    fail_ratio: 0, saturated: false, errors: [], load_model: args.load_model, load_target: args.load_target
  });
  poll();
})();
