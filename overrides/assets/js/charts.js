/* Draws the funding charts from the JSON embedded in the page (no inline script anywhere).
   Each <div data-kim-chart="ID"> gets the figure from <script type="application/json" id="ID">.
   Loaded with `defer` after the site's own plotly.js bundle, only on pages with charts. */
(function () {
  "use strict";
  var config = { responsive: true, displayModeBar: false, displaylogo: false, scrollZoom: false };

  function draw(root) {
    if (!window.Plotly) { return; }
    var targets = root.querySelectorAll("[data-kim-chart]");
    Array.prototype.forEach.call(targets, function (target) {
      if (target.getAttribute("data-kim-drawn")) { return; }
      var source = document.getElementById(target.getAttribute("data-kim-chart"));
      if (!source) { return; }
      var figure;
      try { figure = JSON.parse(source.textContent); } catch (e) { return; }
      target.setAttribute("data-kim-drawn", "1");
      window.Plotly.newPlot(target, figure.data, figure.layout, config);
    });
  }

  function start() { draw(document); }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  /* Print: redraw at the width of the printed page, and back afterwards. */
  function resize() {
    if (!window.Plotly) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-kim-drawn]"), function (target) {
      window.Plotly.Plots.resize(target);
    });
  }
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
  /* Material's instant navigation swaps content without running scripts. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { draw(document); });
  }
})();
