// The portal's own plotly.js bundle: only the trace types the funding charts draw.
// Built by `make install` (npm ci + esbuild) into build/assets/js/plotly-kim.min.js.
import Plotly from "plotly.js/lib/core";
import bar from "plotly.js/lib/bar";
import sankey from "plotly.js/lib/sankey";

Plotly.register([bar, sankey]);
window.Plotly = Plotly;
