/* Draws the funding charts from the JSON embedded in the page (no inline script anywhere).
   Each <div data-kim-chart="ID"> gets the figure from <script type="application/json" id="ID">.

   plotly.js (the site's own bundle, 440 KB gzipped) and its stylesheet are fetched only when a
   chart comes onto the screen, and each chart is drawn only then: a reader on a slow phone who
   reads the text and tables at the top of the page never pays for them, and the page paints and
   responds before plotly.js is parsed (drawing every chart at once blocks a cheap phone for
   about a second). The URLs come from this script's data-plotly and data-plotly-css attributes. */
(function () {
  "use strict";
  var config = { responsive: true, displayModeBar: false, displaylogo: false, scrollZoom: false };
  var me = document.currentScript;
  var bundle = me && me.getAttribute("data-plotly");
  var styles = me && me.getAttribute("data-plotly-css");
  var loading = false;
  var wanted = [];

  function figureOf(target) {
    var source = document.getElementById(target.getAttribute("data-kim-chart"));
    if (!source) { return null; }
    try { return JSON.parse(source.textContent); } catch (e) { return null; }
  }

  function draw(target) {
    if (target.getAttribute("data-kim-drawn")) { return; }
    var figure = figureOf(target);
    if (!figure) { return; }
    target.setAttribute("data-kim-drawn", "1");
    window.Plotly.newPlot(target, figure.data, figure.layout, config);
  }

  function loadPlotly() {
    if (loading || !bundle) { return; }
    loading = true;
    if (styles) {
      /* The id and class tell plotly.js that its style rules are there already: it cannot
         inject them under a Content-Security-Policy without 'unsafe-inline' styles. */
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.id = "plotly.js-style-global";
      link.className = "no-inline-styles";
      link.href = styles;
      document.head.appendChild(link);
    }
    var script = document.createElement("script");
    script.src = bundle;
    script.async = true;
    script.onload = function () { wanted.splice(0).forEach(draw); };
    document.head.appendChild(script);
  }

  function want(target) {
    if (window.Plotly) { draw(target); return; }
    wanted.push(target);
    loadPlotly();
  }

  function start() {
    var targets = Array.prototype.slice.call(document.querySelectorAll("[data-kim-chart]"));
    targets.forEach(function (target) {
      /* Reserve the chart's own height before it is drawn, so nothing below it jumps. */
      var height = parseInt(target.getAttribute("data-kim-height"), 10);
      if (height > 0) { target.style.minHeight = height + "px"; }
    });
    if (!("IntersectionObserver" in window)) { targets.forEach(want); return; }
    var observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          want(entry.target);
        }
      });
    });
    targets.forEach(function (target) { observer.observe(target); });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
  /* Print: every chart that plotly.js can still draw, at the width of the printed page; charts
     it cannot (not loaded yet) are left out by the print styles and their tables print. */
  function resize() {
    if (!window.Plotly) { return; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-kim-chart]"), draw);
    Array.prototype.forEach.call(document.querySelectorAll("[data-kim-drawn]"), function (target) {
      window.Plotly.Plots.resize(target);
    });
  }
  window.addEventListener("beforeprint", resize);
  window.addEventListener("afterprint", resize);
})();
