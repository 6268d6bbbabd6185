/* Offer overview filters (/angebote/). No framework, no inline code; loaded with defer.
 * Reads its strings from <script type="application/json" id="kim-offer-config">, fetches the
 * compact offer list of this language (angebote.json) and shows the matches page-wise.
 * The filter state lives in the URL: ?suche=&thema=&ort=&sprache=&gruppe=&seite= */
(function () {
  "use strict";
  var form = document.getElementById("kim-offer-filter");
  var configNode = document.getElementById("kim-offer-config");
  var app = document.getElementById("kim-offer-app");
  var itemTemplate = document.getElementById("kim-offer-item");
  if (!form || !configNode || !app || !itemTemplate) return;
  if (!window.fetch || !window.history.pushState || !itemTemplate.content) {
    form.hidden = true; app.hidden = true; // too old a browser: the browse links serve
    return;
  }
  var config = JSON.parse(configNode.textContent);
  var count = document.getElementById("kim-offer-count");
  var list = document.getElementById("kim-offer-results");
  var empty = document.getElementById("kim-offer-empty");
  var pager = document.getElementById("kim-offer-pages");
  var prev = document.getElementById("kim-offer-prev");
  var next = document.getElementById("kim-offer-next");
  var pageInfo = document.getElementById("kim-offer-pageinfo");
  var FIELDS = ["suche", "thema", "ort", "sprache", "gruppe"];
  var lang = document.documentElement.lang || "de";
  // Counts as the page's own: CLDR plural rules and the numbering system of the page's locale
  // (config.locale, config.numbering from babel; macros/formatting.py).
  var plural = window.Intl && Intl.PluralRules ? new Intl.PluralRules(config.locale) : null;
  var numbers = window.Intl ? new Intl.NumberFormat(config.locale,
                                                    { numberingSystem: config.numbering }) : null;
  function num(n) { return numbers ? numbers.format(n) : String(n); }
  var offers = null;
  var page = 1;

  function fold(text) {
    return (text || "").toLocaleLowerCase(lang).normalize("NFD").replace(/[\u0300-\u036f]/g, "");
  }

  function readUrl() {
    var params = new URLSearchParams(window.location.search);
    FIELDS.forEach(function (name) {
      var control = form.elements[name];
      if (!control) return;
      var value = params.get(name) || "";
      if (control.tagName === "SELECT" &&
          !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) {
        value = "";
      }
      control.value = value;
    });
    page = Math.max(1, parseInt(params.get("seite"), 10) || 1);
  }

  function writeUrl(push) {
    var params = new URLSearchParams();
    FIELDS.forEach(function (name) {
      var control = form.elements[name];
      if (control && control.value.trim()) params.set(name, control.value.trim());
    });
    if (page > 1) params.set("seite", String(page));
    var query = params.toString();
    var url = window.location.pathname + (query ? "?" + query : "");
    if (url === window.location.pathname + window.location.search) return;
    if (push) window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }

  // angebote.json: vocabularies plus one array per offer:
  // [id, name, topic indexes, town indexes, language indexes, group indexes, provider, german,
  //  region-wide, for whom (text), cost and languages (text)]
  function unpack(json) {
    var labels = {};
    ["thema", "ort", "sprache", "gruppe"].forEach(function (name) {
      var control = form.elements[name];
      if (control) Array.prototype.forEach.call(control.options, function (o) {
        if (o.value) labels[name + ":" + o.value] = o.textContent;
      });
    });
    function pick(list) { return function (i) { return list[i]; }; }
    return json.offers.map(function (r) {
      var offer = { i: r[0], n: r[1], t: r[2].map(pick(json.topics)), m: r[3].map(pick(json.towns)),
                    l: r[4].map(pick(json.languages)), g: r[5].map(pick(json.groups)), p: r[6],
                    de: (r[7] & 1) === 1, pde: (r[7] & 2) === 2, w: r[8] === 1, f: r[9] || "", x: r[10] || "" };
      var words = [offer.n, offer.p];
      offer.t.forEach(function (t) { words.push(labels["thema:" + t] || ""); });
      offer.m.forEach(function (m) { words.push(config.towns[m] || ""); });
      offer.text = fold(words.join(" "));
      return offer;
    });
  }

  function matches(offer, state) {
    if (state.thema && offer.t.indexOf(state.thema) < 0) return false;
    // An offer whose service area no document names is in no town's results.
    if (state.ort && !offer.w && offer.m.indexOf(state.ort) < 0) return false;
    if (state.sprache && offer.l.indexOf(state.sprache) < 0) return false;
    if (state.gruppe && offer.g.indexOf(state.gruppe) < 0) return false;
    for (var i = 0; i < state.words.length; i++) {
      if (offer.text.indexOf(state.words[i]) < 0) return false;
    }
    return true;
  }

  function countText(n) {
    var form_ = plural ? plural.select(n) : "other";
    var template = config.count[form_] || config.count.other;
    return template.replace("{n}", num(n));
  }

  // The result item's markup lives once, in the page's <template id="kim-offer-item"> (rendered
  // from the same partial as the results the HTML holds); it is cloned and filled with
  // textContent and attributes only, never with markup.
  function fill(li, selector, text) {
    var node = li.querySelector(selector);
    if (!node) return;
    if (text) node.textContent = text;
    else node.parentNode.removeChild(node);
  }

  function item(offer) {
    var li = itemTemplate.content.firstElementChild.cloneNode(true);
    var link = li.querySelector("a");
    var where = li.querySelector(".kim-offer-where");
    link.href = encodeURIComponent(offer.i) + "/";
    link.textContent = offer.n;
    if (offer.de) { link.lang = "de"; link.dir = "ltr"; }
    // Each line only where the data states it (the same texts as the page's own results).
    fill(li, ".kim-offer-pro", offer.g.indexOf("fachkraefte") >= 0 ? config.professional : "");
    fill(li, ".kim-offer-provider", offer.p);
    var provider = li.querySelector(".kim-offer-provider");
    if (provider && offer.pde) { provider.lang = "de"; provider.dir = "ltr"; }
    fill(li, ".kim-offer-for", offer.f);
    fill(li, ".kim-offer-facts", offer.x);
    if (offer.m.length) {
      // Town names are German: on another language's page marked as the page's own results are.
      var towns = offer.m.map(function (m) { return config.towns[m] || m; }).join(", ");
      if (lang === "de") where.textContent = towns;
      else {
        var span = document.createElement("span");
        span.lang = "de"; span.dir = "ltr"; span.textContent = towns;
        where.appendChild(span);
      }
    } else where.textContent = offer.w ? config.region_wide : config.area_unknown;
    return li;
  }

  function render() {
    if (!offers) return;
    var state = { words: fold(form.elements.suche.value).split(/\s+/).filter(Boolean) };
    FIELDS.slice(1).forEach(function (name) {
      state[name] = form.elements[name] ? form.elements[name].value : "";
    });
    var found = offers.filter(function (o) { return matches(o, state); });
    var size = config.page_size;
    var pages = Math.max(1, Math.ceil(found.length / size));
    if (page > pages) page = pages;
    list.textContent = "";
    found.slice((page - 1) * size, page * size).forEach(function (o) { list.appendChild(item(o)); });
    count.textContent = countText(found.length);
    empty.hidden = found.length > 0;
    pager.hidden = pages < 2;
    prev.disabled = page <= 1;
    next.disabled = page >= pages;
    pageInfo.textContent = config.page.replace("{page}", num(page)).replace("{pages}", num(pages));
  }

  function changed(push) {
    page = 1;
    writeUrl(push);
    render();
  }

  var typing = null;
  form.addEventListener("submit", function (event) { event.preventDefault(); changed(true); });
  form.addEventListener("change", function (event) {
    if (event.target.name === "suche") return; // committed on input/Enter below
    changed(true);
  });
  form.elements.suche.addEventListener("input", function () {
    window.clearTimeout(typing);
    typing = window.setTimeout(function () { changed(false); }, 250);
  });
  form.addEventListener("reset", function () {
    window.setTimeout(function () { changed(true); }, 0); // after the controls are reset
  });
  prev.addEventListener("click", function () { page -= 1; writeUrl(true); render(); count.focus(); });
  next.addEventListener("click", function () { page += 1; writeUrl(true); render(); count.focus(); });
  window.addEventListener("popstate", function () { readUrl(); render(); });

  count.tabIndex = -1;
  readUrl();
  fetch(config.data, { credentials: "same-origin" })
    .then(function (response) { return response.json(); })
    .then(function (json) { offers = unpack(json); render(); })
    .catch(function () { form.hidden = true; app.hidden = true; });
})();
