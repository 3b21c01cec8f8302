/* netmix report: paged, sortable, filterable tables; the decision controls; print.
   Safety: the rows come from one JSON block and reach the page through textContent,
   option.text and attribute setters only — never through HTML parsing. */
(function () {
  "use strict";
  performance.mark("nm-start");
  var DATA = JSON.parse(document.getElementById("nm-report-data").textContent);
  performance.mark("nm-parsed");
  var S = DATA.strings;
  var REVIEW = DATA.review;
  Object.keys(REVIEW.values).forEach(function (k) {
    REVIEW.rows.forEach(function (r) { r[k] = REVIEW.values[k][r[k]]; });
  });
  var STORE = "netmix-decisions:" + REVIEW.key;

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function fill(s, values) {
    return String(s).replace(/\{(\w+)\}/g, function (m, k) { return values[k] !== undefined ? values[k] : m; });
  }
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var collator = new Intl.Collator(document.documentElement.lang || "en", { numeric: true, sensitivity: "base" });

  /* ---- decisions: the reader's choices, kept in localStorage under this run's key ---- */
  var choices = {};
  try { choices = JSON.parse(window.localStorage.getItem(STORE) || "{}") || {}; } catch (e) { choices = {}; }
  function keep() {
    try { window.localStorage.setItem(STORE, JSON.stringify(choices)); } catch (e) { /* private mode: the page still works */ }
    var n = Object.keys(choices).length;
    var out = document.getElementById("nm-saved");
    if (out) { out.textContent = fill(S["decide.saved"], { n: n }); }
  }
  function options(row) {
    var out = [["", S["decide.opt.none"]], ["same", S["decide.opt.same"]], ["not same", S["decide.opt.not same"]],
      ["keep", S["decide.opt.keep"]]];
    row.accounts.forEach(function (a) { out.push(["remove:" + a, fill(S["decide.opt.remove"], { account: a })]); });
    return out;
  }
  function control(row, tr) {
    var sel = el("select");
    sel.setAttribute("aria-label", S["decide.choice"] + " — " + row.name);
    sel.setAttribute("data-review", row.id);
    options(row).forEach(function (o) { var op = el("option", o[1]); op.value = o[0]; sel.appendChild(op); });
    var start = choices[row.id] !== undefined ? choices[row.id] : (row.decision === "remove" ? "" : row.decision);
    sel.value = start || "";
    tr.className = sel.value ? "nm-chosen" : "";
    sel.addEventListener("change", function () {
      if (sel.value) { choices[row.id] = sel.value; } else { delete choices[row.id]; }
      tr.className = sel.value ? "nm-chosen" : "";
      keep();
    });
    return sel;
  }

  /* a CSV cell: quoted, and neutralised when a spreadsheet would read it as a formula */
  function cell(v) {
    var s = String(v === undefined || v === null ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) { s = "'" + s; }
    return /[",;\n\r]/.test(s) ? '"' + s.replace(/"/g, '""') + '"' : s;
  }
  function decisionsCsv() {
    var lines = [REVIEW.columns.join(",")];
    REVIEW.rows.forEach(function (r) {
      var v = choices[r.id];
      if (!v) { return; }
      var decision = v, cids = r.contact_ids, keys = r.source_keys;
      if (v.indexOf("remove:") === 0) {
        var acc = v.slice(7);
        decision = "remove";
        cids = cids.filter(function (c) { return c.indexOf(acc + ":") === 0; });
        keys = keys.filter(function (k) { return k.indexOf(acc + "|") === 0; });
      }
      var rec = { person_id: r.person_id, name: r.name, accounts: r.accounts.join(";"), decision: decision, note: "",
        band: r.band, confidence: r.confidence, suggestion: r.suggestion, contact_ids: cids.join(";"), source_keys: keys.join(";") };
      lines.push(REVIEW.columns.map(function (c) { return cell(rec[c]); }).join(","));
    });
    return "\ufeff" + lines.join("\r\n") + "\r\n";
  }
  function save() {
    var blob = new Blob([decisionsCsv()], { type: "text/csv;charset=utf-8" });
    var a = el("a");
    a.href = URL.createObjectURL(blob);
    a.download = "decisions.csv";
    document.body.appendChild(a); a.click(); document.body.removeChild(a);
    setTimeout(function () { URL.revokeObjectURL(a.href); }, 10000);
  }

  /* ---- tables ---- */
  var REVIEW_TABLE = {
    columns: REVIEW.labels.map(function (l, i) { return { label: l, num: i === 3 }; }),
    rows: REVIEW.rows.map(function (r) { return [r, r.name, r.accounts.join(", "), r.confidence, r.evidence, r.suggestion]; }),
    page: 10
  };
  /* columns of repeated words arrive once, as "values"; cells are indices into them */
  function decode(spec) {
    spec.columns.forEach(function (c, j) {
      if (!c.values) { return; }
      spec.rows.forEach(function (r) { r[j] = c.values[r[j]]; });
      delete c.values;
    });
    return spec;
  }
  function Table(box, spec) {
    this.box = box; this.spec = spec; this.rows = spec.rows; this.shown = spec.rows;
    this.page = 0; this.size = spec.page || 25; this.sortCol = -1; this.sortDir = 1; this.all = false;
    this.build();
  }
  Table.prototype.build = function () {
    var self = this;
    var tools = el("div", null, "nm-tools");
    var search = el("input"); search.type = "search"; search.placeholder = S["table.search"];
    search.setAttribute("aria-label", S["table.search"]);
    var timer = null;
    search.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(function () { self.filter(search.value); }, 120); });
    this.count = el("span");
    tools.appendChild(search); tools.appendChild(this.count); tools.appendChild(el("span", S["table.sort"]));
    this.table = el("table");
    var head = el("thead"), tr = el("tr");
    this.heads = this.spec.columns.map(function (c, i) {
      var th = el("th", c.label, "nm-sort" + (c.num ? " num" : ""));
      th.tabIndex = 0; th.setAttribute("aria-sort", "none");
      th.addEventListener("click", function () { self.sort(i); });
      th.addEventListener("keydown", function (e) { if (e.key === "Enter") { self.sort(i); } });
      tr.appendChild(th); return th;
    });
    head.appendChild(tr); this.table.appendChild(head);
    this.body = el("tbody"); this.table.appendChild(this.body);
    var pager = el("div", null, "nm-tools nm-pager");
    this.prev = el("button", S["table.prev"]); this.prev.type = "button";
    this.next = el("button", S["table.next"]); this.next.type = "button";
    this.where = el("span");
    this.prev.addEventListener("click", function () { self.go(self.page - 1); });
    this.next.addEventListener("click", function () { self.go(self.page + 1); });
    pager.appendChild(this.prev); pager.appendChild(this.where); pager.appendChild(this.next);
    this.box.appendChild(tools); this.box.appendChild(this.table); this.box.appendChild(pager);
    this.go(0);
  };
  Table.prototype.text = function (row) {
    if (!row.__fold) { row.__fold = fold(row.map(function (c) { return typeof c === "object" ? c.name : c; }).join(" ")); }
    return row.__fold;
  };
  Table.prototype.filter = function (q) {
    var f = fold(q.trim()), self = this;
    this.shown = f ? this.rows.filter(function (r) { return self.text(r).indexOf(f) !== -1; }) : this.rows;
    this.go(0);
  };
  Table.prototype.sort = function (i) {
    var num = !!this.spec.columns[i].num;
    this.sortDir = this.sortCol === i ? -this.sortDir : 1; this.sortCol = i;
    var dir = this.sortDir;
    function key(r) { var v = r[i]; return typeof v === "object" && v !== null ? (choices[v.id] || "") : v; }
    var cmp = function (a, b) {
      var x = key(a), y = key(b);
      if (num) { return dir * ((parseFloat(x) || 0) - (parseFloat(y) || 0)); }
      return dir * collator.compare(String(x), String(y));
    };
    this.rows = this.rows.slice().sort(cmp);
    this.shown = this.shown.slice().sort(cmp);
    var self = this;
    this.heads.forEach(function (th, j) { th.setAttribute("aria-sort", j === i ? (self.sortDir > 0 ? "ascending" : "descending") : "none"); });
    this.go(0);
  };
  Table.prototype.go = function (p) {
    var pages = Math.max(1, Math.ceil(this.shown.length / this.size));
    this.page = Math.min(Math.max(p, 0), pages - 1);
    var from = this.all ? 0 : this.page * this.size, to = this.all ? this.shown.length : from + this.size;
    var body = el("tbody"), cols = this.spec.columns;
    this.shown.slice(from, to).forEach(function (row) {
      var tr = el("tr");
      row.forEach(function (v, j) {
        var td = el("td", null, cols[j].num ? "num" : "");
        if (typeof v === "object" && v !== null) { td.appendChild(control(v, tr)); }
        else { td.textContent = cols[j].num ? String(v).replace(".", S["table.decimal"]) : String(v); }  /* 0,95 in French: shown so, sorted and saved as data */
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    this.table.replaceChild(body, this.body); this.body = body;
    this.count.textContent = fill(S["table.rows"], { n: this.shown.length });
    this.where.textContent = fill(S["table.page"], { p: this.page + 1, pages: pages });
    this.prev.disabled = this.page === 0; this.next.disabled = this.page >= pages - 1;
  };

  var tables = {};
  Array.prototype.forEach.call(document.querySelectorAll("div.nm-table[data-table]"), function (box) {
    var name = box.getAttribute("data-table");
    var spec = name === "review" ? REVIEW_TABLE : (DATA.tables[name] && decode(DATA.tables[name]));
    if (spec) { tables[name] = new Table(box, spec); }
  });
  var saveButton = document.getElementById("nm-save");
  if (saveButton) { saveButton.addEventListener("click", save); keep(); }
  var clear = document.getElementById("nm-clear");
  if (clear) {
    clear.addEventListener("click", function () { choices = {}; keep(); if (tables.review) { tables.review.go(tables.review.page); } });
  }

  /* ---- print: every row of every table, the map as a picture ---- */
  var frame = document.getElementById("nm-map"), picture = document.getElementById("nm-map-print");
  window.addEventListener("message", function (e) {
    if (!frame || e.source !== frame.contentWindow || !e.data || e.data.netmix !== "snapshot") { return; }
    var url = String(e.data.url || "");
    if (url.indexOf("data:image/png;base64,") === 0) { picture.src = url; }
  });
  function askSnapshot() { if (frame && frame.contentWindow) { frame.contentWindow.postMessage({ netmix: "snapshot" }, "*"); } }
  var opened = [];
  window.addEventListener("beforeprint", function () {
    askSnapshot();
    Array.prototype.forEach.call(document.querySelectorAll("details.nm-fold"), function (d) { if (!d.open) { d.open = true; opened.push(d); } });
    Object.keys(tables).forEach(function (k) { tables[k].all = true; tables[k].go(0); });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.open = false; }); opened = [];
    Object.keys(tables).forEach(function (k) { tables[k].all = false; tables[k].go(0); });
  });

  window.netmixReport = window.netmixReport || {};
  window.netmixReport.tables = tables;
  window.netmixReport.decisionsCsv = decisionsCsv;
  window.netmixReport.snapshot = askSnapshot;
  performance.mark("nm-ready");
  document.body.setAttribute("data-report-ready", "1");
  /* the first task after the tables are built: the page answers input from here on */
  setTimeout(function () {
    window.netmixReport.interactiveAt = performance.now();
    document.body.setAttribute("data-report-interactive", "1");
    /* then the map: its page (a JSON string) becomes the sandboxed frame's document */
    var doc = document.getElementById("nm-map-doc");
    if (frame && doc) { frame.srcdoc = JSON.parse(doc.textContent); }
  }, 0);
})();
