/* netmix map: filters, search, neighbourhood highlight, trainer steps.
   Safety: every piece of data reaches the page through textContent, option.text, canvas
   fillText or vis-network's plain-text tooltips — never through HTML parsing. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("nm-data").textContent);
  var S = DATA.strings;
  var DIM = "#E4E4E4";

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var byId = {};
  DATA.nodes.forEach(function (n) { byId[n.id] = n; });

  var state = { spheres: {}, accounts: {}, cluster: "", highlight: null, hullAlpha: 0.07 };
  DATA.spheres.forEach(function (s) { state.spheres[s.key] = true; });
  DATA.accounts.forEach(function (a) { state.accounts[a.name] = true; });

  function visible(n) {
    if (!state.spheres[n.sphere]) { return false; }
    if (state.cluster && n.cluster !== state.cluster) { return false; }
    if (n.accounts && n.accounts.length) {
      var any = false;
      for (var i = 0; i < n.accounts.length; i++) { if (state.accounts[n.accounts[i]]) { any = true; break; } }
      if (!any) { return false; }
    }
    return true;
  }
  var view = new vis.DataView(nodes, { filter: visible });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  /* ---- side panel, built from data with textContent only ---- */
  var sph = document.getElementById("nm-spheres");
  DATA.spheres.forEach(function (s) {
    var row = el("label", null, "nm-row");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = s.key;
    box.setAttribute("data-sphere", s.key);
    box.addEventListener("change", function () { state.spheres[s.key] = box.checked; refresh(); });
    var sw = el("span", null, "nm-swatch"); sw.style.background = s.color;
    row.appendChild(box); row.appendChild(sw); row.appendChild(el("span", s.label + " (" + s.count + ")"));
    sph.appendChild(row);
  });
  var sel = document.getElementById("nm-cluster");
  var all = el("option", S["map.clusters.all"]); all.value = ""; sel.appendChild(all);
  DATA.clusters.forEach(function (c) {
    var o = el("option", c.label + " (" + c.size + ")"); o.value = c.key; sel.appendChild(o);
  });
  sel.addEventListener("change", function () { state.cluster = sel.value; refresh(); });
  var acc = document.getElementById("nm-accounts");
  DATA.accounts.forEach(function (a) {
    var row = el("label", null, "nm-row");
    var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = a.name;
    box.setAttribute("data-account", a.name);
    box.addEventListener("change", function () { state.accounts[a.name] = box.checked; refresh(); });
    row.appendChild(box);
    row.appendChild(el("span", a.name, "nm-chip"));
    row.appendChild(el("span", a.label + " · " + a.count));
    acc.appendChild(row);
  });
  if (DATA.note) {
    var note = document.getElementById("nm-note"); note.textContent = DATA.note; note.hidden = false;
  }
  var count = document.getElementById("nm-count");

  /* ---- the network ---- */
  var container = document.getElementById("nm-graph");
  var network = new vis.Network(container, { nodes: view, edges: edges }, DATA.options);

  function hullPath(ctx, pts) {
    ctx.beginPath();
    ctx.moveTo(pts[0][0], pts[0][1]);
    for (var i = 1; i < pts.length; i++) { ctx.lineTo(pts[i][0], pts[i][1]); }
    ctx.closePath();
  }
  network.on("beforeDrawing", function (ctx) {
    DATA.hulls.forEach(function (h) {
      if (state.cluster && h.key !== state.cluster) { return; }
      ctx.save();
      ctx.globalAlpha = state.hullAlpha;
      ctx.fillStyle = h.color;
      hullPath(ctx, h.points);
      ctx.fill();
      ctx.globalAlpha = Math.min(0.6, state.hullAlpha * 4);
      ctx.strokeStyle = h.color; ctx.lineWidth = 2;
      ctx.stroke();
      ctx.globalAlpha = 0.85;
      ctx.fillStyle = "#333"; ctx.font = "bold 18px sans-serif"; ctx.textAlign = "center";
      ctx.fillText(h.label, h.labelAt[0], h.labelAt[1]);
      ctx.restore();
    });
  });

  /* ---- labels: painted by netmix where they fit — biggest persons first, none over another ---- */
  var shown = {};
  var bySize = DATA.nodes.slice().sort(function (a, b) { return (b.size - a.size) || (a.id < b.id ? -1 : 1); });
  var widths = {};
  function paintLabels(ctx) {
    var scale = network.getScale();
    var px = 12 / scale, pad = 3 / scale, placed = [], grid = {}, cell = 120 / scale;
    var topLeft = network.DOMtoCanvas({ x: 0, y: 0 });
    var bottomRight = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    ctx.save();
    ctx.font = "12px system-ui, sans-serif";
    ctx.textAlign = "center"; ctx.textBaseline = "top";
    var count = 0;
    for (var i = 0; i < bySize.length && count < 400; i++) {
      var n = bySize[i];
      if (!shown[n.id] || (state.highlight && !state.highlightSet[n.id])) { continue; }
      if (n.size * scale < 5 && scale < 1.4) { continue; }  /* small dots get a name once zoomed in */
      if (n.x < topLeft.x || n.x > bottomRight.x || n.y < topLeft.y || n.y > bottomRight.y) { continue; }
      var label = n.label;
      if (!label || label === " ") { continue; }
      if (widths[n.id] === undefined) { widths[n.id] = ctx.measureText(label).width; }
      var w = widths[n.id] / scale, x0 = n.x - w / 2 - pad, y0 = n.y + n.size + pad, x1 = x0 + w + 2 * pad, y1 = y0 + px + pad;
      var gx0 = Math.floor(x0 / cell), gx1 = Math.floor(x1 / cell), gy0 = Math.floor(y0 / cell), gy1 = Math.floor(y1 / cell), clash = false;
      for (var gx = gx0; gx <= gx1 && !clash; gx++) {
        for (var gy = gy0; gy <= gy1 && !clash; gy++) {
          var bucket = grid[gx + ":" + gy] || [];
          for (var k = 0; k < bucket.length; k++) {
            var b = bucket[k];
            if (x0 < b[2] && b[0] < x1 && y0 < b[3] && b[1] < y1) { clash = true; break; }
          }
        }
      }
      if (clash) { continue; }
      var box = [x0, y0, x1, y1];
      for (gx = gx0; gx <= gx1; gx++) { for (gy = gy0; gy <= gy1; gy++) { (grid[gx + ":" + gy] = grid[gx + ":" + gy] || []).push(box); } }
      placed.push([label, n.x, y0 + pad / 2]);
      count++;
    }
    ctx.scale(1 / scale, 1 / scale);
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.9)"; ctx.fillStyle = "#222";
    placed.forEach(function (p) { ctx.strokeText(p[0], p[1] * scale, p[2] * scale); ctx.fillText(p[0], p[1] * scale, p[2] * scale); });
    ctx.restore();
  }
  network.on("afterDrawing", paintLabels);

  function refresh() {
    view.refresh();
    shown = {};
    view.getIds().forEach(function (id) { shown[id] = true; });
    count.textContent = S["map.shown"].replace("{shown}", view.length).replace("{total}", DATA.total);
  }

  /* highlight: the given ids keep their colours, everything else is greyed */
  function highlight(ids) {
    var keep = {};
    (ids || []).forEach(function (id) { keep[id] = true; });
    var upd = [];
    DATA.nodes.forEach(function (n) {
      if (!ids || keep[n.id]) { upd.push({ id: n.id, color: n.color }); }
      else { upd.push({ id: n.id, color: { background: DIM, border: DIM } }); }
    });
    nodes.update(upd);
    state.highlight = ids ? ids.slice() : null;
    state.highlightSet = keep;
  }
  function neighbourhood(id) {
    var ids = network.getConnectedNodes(id).slice();
    ids.push(id);
    highlight(ids);
  }
  network.on("click", function (p) {
    if (p.nodes && p.nodes.length) { neighbourhood(p.nodes[0]); }
    else { highlight(null); }
  });

  /* ---- search (accent and case insensitive) ---- */
  function fold(s) { return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); }
  var folded = DATA.nodes.map(function (n) { return [fold(n.name), n]; });
  var input = document.getElementById("nm-search");
  var results = document.getElementById("nm-results");
  function choose(id) {
    network.selectNodes([id]);
    network.focus(id, { scale: 1.2, animation: false });
    neighbourhood(id);
  }
  input.addEventListener("input", function () {
    while (results.firstChild) { results.removeChild(results.firstChild); }
    var q = fold(input.value.trim());
    if (!q) { return; }
    var hits = [];
    for (var i = 0; i < folded.length && hits.length < 30; i++) {
      if (folded[i][0].indexOf(q) !== -1) { hits.push(folded[i][1]); }
    }
    if (!hits.length) { results.appendChild(el("li", S["map.search.none"])); return; }
    hits.forEach(function (n) {
      var li = el("li", n.name); li.tabIndex = 0; li.setAttribute("data-node", n.id);
      li.addEventListener("click", function () { choose(n.id); });
      li.addEventListener("keydown", function (e) { if (e.key === "Enter") { choose(n.id); } });
      results.appendChild(li);
    });
  });
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && results.firstChild && results.firstChild.getAttribute("data-node")) {
      choose(results.firstChild.getAttribute("data-node"));
    }
  });

  document.getElementById("nm-reset").addEventListener("click", function () {
    state.cluster = ""; sel.value = "";
    Array.prototype.forEach.call(document.querySelectorAll("#nm-side input[type=checkbox]"), function (b) { b.checked = true; });
    Object.keys(state.spheres).forEach(function (k) { state.spheres[k] = true; });
    Object.keys(state.accounts).forEach(function (k) { state.accounts[k] = true; });
    state.hullAlpha = 0.07;
    highlight(null); refresh(); network.fit({ animation: false });
  });

  /* ---- trainer steps (driven by the report through postMessage) ---- */
  function step(name) {
    state.hullAlpha = 0.07;
    if (name === "doubles") { highlight(DATA.nodes.filter(function (n) { return n.double; }).map(function (n) { return n.id; })); }
    else if (name === "clusters") { state.hullAlpha = 0.22; highlight(null); }
    else if (name === "exclusions") { highlight(DATA.nodes.filter(function (n) { return n.excluded; }).map(function (n) { return n.id; })); }
    else if (name === "bridges") {  /* the ten best bridges, and both halves of the possible ones that would rank there */
      highlight(DATA.nodes.filter(function (n) { return (n.bridge > 0 && n.bridge <= 10) || (n.possible > 0 && n.possible <= 10); }).map(function (n) { return n.id; }));
    }
    else { highlight(null); }
    network.redraw();
  }
  /* the picture of the map, for the report's print version */
  function snapshot() {
    if (window.parent === window) { return; }
    var canvas = container.querySelector("canvas");
    if (canvas) { window.parent.postMessage({ netmix: "snapshot", url: canvas.toDataURL("image/png") }, "*"); }
  }
  window.addEventListener("message", function (e) {
    if (e.source !== window.parent || !e.data || typeof e.data !== "object") { return; }
    if (e.data.netmix === "step") { step(String(e.data.step)); }
    else if (e.data.netmix === "snapshot") { snapshot(); }
  });

  var ready = false;
  network.once("afterDrawing", function () {
    network.fit({ animation: false });  /* the canvas has its size now */
    ready = true;
    window.netmix.readyAt = performance.now();
    /* the first task after the first frame: the page can react to input from here on */
    setTimeout(function () { window.netmix.interactiveAt = performance.now(); }, 0);
    setTimeout(snapshot, 400);
    document.body.setAttribute("data-ready", "1");
  });
  refresh();
  window.netmix = { nodes: nodes, edges: edges, view: view, network: network, step: step,
    highlight: highlight, isReady: function () { return ready; } };
})();
