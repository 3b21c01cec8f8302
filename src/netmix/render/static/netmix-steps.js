/* netmix report: the trainer's step-by-step mode. Explanations are set with textContent. */
(function () {
  "use strict";
  var STEPS = JSON.parse(document.getElementById("nm-steps-data").textContent);
  var frame = document.getElementById("nm-map");
  var text = document.getElementById("nm-step-text");
  var buttons = Array.prototype.slice.call(document.querySelectorAll("button.nm-step"));
  var current = -1;
  function go(i) {
    if (!STEPS.length) { return; }
    current = (i + STEPS.length) % STEPS.length;
    var st = STEPS[current];
    buttons.forEach(function (b, j) { b.setAttribute("aria-pressed", j === current ? "true" : "false"); });
    text.textContent = st.text;
    document.body.setAttribute("data-step", st.key);
    if (frame && frame.contentWindow) { frame.contentWindow.postMessage({ netmix: "step", step: st.key }, "*"); }
  }
  buttons.forEach(function (b, j) { b.addEventListener("click", function () { go(j); }); });
  document.getElementById("nm-prev").addEventListener("click", function () { go(current - 1); });
  document.getElementById("nm-next").addEventListener("click", function () { go(current + 1); });
  document.addEventListener("keydown", function (e) {
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    if (e.key === "ArrowRight") { go(current + 1); e.preventDefault(); }
    else if (e.key === "ArrowLeft") { go(current - 1); e.preventDefault(); }
  });
  window.netmixReport = { go: go, current: function () { return current; } };
})();
