/* KIM-Portal search: one full-text index per language, fetched only when the reader searches.
 *
 * The index (<language root>/search/index.json, built by macros/search_index.py) is inverted:
 * docs (title, URL, short text, German flags), the sorted normalised vocabulary and per word
 * the pages it occurs in. A query word matches every vocabulary word it is a prefix of and,
 * from five letters on, every word within one typo (one letter added, dropped, changed or two
 * swapped) of the query word or of a prefix of it. Every query word must match. The query is
 * kept in the URL (?q=), so reload, back and shared links restore it. No framework, no inline
 * script, no other host; results are built with DOM methods and textContent only.
 */
(function () {
  "use strict";

  var root = document.querySelector("[data-kim-search]");
  var toggle = document.getElementById("__search");
  if (!root || !toggle || !window.fetch) return;
  var input = root.querySelector(".md-search__input");
  var form = root.querySelector("form");
  var meta = root.querySelector(".md-search-result__meta");
  var list = root.querySelector(".md-search-result__list");
  var indexUrl = new URL(root.getAttribute("data-kim-index"), document.baseURI);
  var siteRoot = new URL("../", indexUrl);
  var MAX_SHOWN = 25;
  var FUZZY_FROM = 5; // letters a query word needs before one typo is allowed
  var PARAM = "q";
  var index = null; // {docs, titles, words, postings, decoded}
  var loading = null;

  // Material's CSS hides the search under html.no-js; with this script it works, so show it.
  document.documentElement.classList.add("kim-search");
  list.id = list.id || "kim-search-results";
  input.setAttribute("aria-controls", list.id);

  // Counts in the page's own digits (data-kim-locale, data-kim-numbering from babel).
  var numbers = window.Intl ? new Intl.NumberFormat(root.getAttribute("data-kim-locale") || "de",
    { numberingSystem: root.getAttribute("data-kim-numbering") || "latn" }) : null;
  function say(key, count) {
    var text = root.getAttribute("data-kim-" + key) || "";
    return text.replace("{count}", numbers ? numbers.format(count) : String(count));
  }

  // --- normalisation: the rules of macros/search_index.py normalise() ----------------------
  var VARIANTS = {
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06d2": "\u064a", // alef maksura, Farsi yeh -> yeh
    "\u06a9": "\u0643", // keheh (Farsi kaf) -> kaf
    "\u0629": "\u0647", // teh marbuta -> heh
    "\u0671": "\u0627", // alef wasla -> alef
    "\u00df": "ss", // German sharp s
    "\u0131": "i" // Turkish dotless i
  };
  var VARIANT_RE = /[\u0649\u06cc\u06d2\u06a9\u0629\u0671\u00df\u0131]/g;
  // Hamza forms (أ إ آ ؤ ئ), ё/й/ї, umlauts and accents decompose under NFKD into a base letter
  // plus combining marks, which are dropped together with Arabic short vowels (tashkeel).
  var MARKS = /[\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
  var JOINERS = /[\u0640\u200c\u200d\u200e\u200f]/g; // tatweel, ZWNJ/ZWJ, direction marks
  var SPLIT = /[^\p{L}\p{N}]+/u; // words of any script
  var ARTICLE = /^(?:\u0648\u0627\u0644|\u0628\u0627\u0644|\u0643\u0627\u0644|\u0641\u0627\u0644|\u0644\u0644|\u0627\u0644)(?=..)/;

  function digits(s) {
    return s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, function (d) {
      var c = d.charCodeAt(0);
      return String(c >= 0x06f0 ? c - 0x06f0 : c - 0x0660);
    });
  }

  function normalise(s) {
    return digits(s.normalize("NFKD").replace(MARKS, "").replace(JOINERS, "").toLowerCase()
      .replace(VARIANT_RE, function (ch) { return VARIANTS[ch]; }));
  }

  function tokens(s) {
    return normalise(s).split(SPLIT).filter(Boolean);
  }

  function words(s) { // as indexed: Arabic words without their article
    return tokens(s).map(function (w) { return w.replace(ARTICLE, ""); });
  }

  // --- loading the index, once -----------------------------------------------------------
  function load() {
    if (loading) return loading;
    meta.textContent = say("loading");
    loading = fetch(indexUrl.href, { credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        index = {
          docs: data.docs,
          titles: data.docs.map(function (doc) { return words(doc.t); }),
          words: data.words ? data.words.split(" ") : [],
          postings: data.postings || [],
          decoded: {}
        };
        search();
      })
      .catch(function () {
        loading = null;
        meta.textContent = say("failed");
      });
    return loading;
  }

  function pagesOf(i) { // the page numbers of vocabulary word i (base-36 gaps, decoded once)
    if (!index.decoded[i]) {
      var at = 0;
      index.decoded[i] = index.postings[i].split(",").map(function (gap) {
        at += parseInt(gap, 36);
        return at;
      });
    }
    return index.decoded[i];
  }

  // --- matching ---------------------------------------------------------------------------
  // True when a and b differ by at most one letter added, dropped, changed, or two neighbours
  // swapped.
  function oneEdit(a, b) {
    var la = a.length, lb = b.length;
    if (Math.abs(la - lb) > 1) return false;
    var i = 0;
    while (i < la && i < lb && a[i] === b[i]) i++;
    if (i === la || i === lb) return true; // equal, or one letter added at the end
    if (la === lb) {
      if (a.slice(i + 1) === b.slice(i + 1)) return true; // changed
      return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
    }
    return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
  }

  // How well vocabulary word w matches query word t: 3 the same, 2 a prefix, 1 one typo
  // (in the word or in a prefix of it), 0 not at all.
  function quality(w, t) {
    if (w.lastIndexOf(t, 0) === 0) return w.length === t.length ? 3 : 2;
    if (t.length < FUZZY_FROM || w.length < t.length - 1) return 0;
    for (var n = t.length - 1; n <= t.length + 1 && n <= w.length; n++) {
      if (oneEdit(t, w.slice(0, n))) return 1;
    }
    return 0;
  }

  // For one query word: {page number: best quality} and the set of vocabulary words it matched.
  function matchWord(t) {
    var pages = {}, matched = {};
    for (var i = 0; i < index.words.length; i++) {
      var q = quality(index.words[i], t);
      if (!q) continue;
      matched[index.words[i]] = true;
      var found = pagesOf(i);
      for (var k = 0; k < found.length; k++) {
        if ((pages[found[k]] || 0) < q) pages[found[k]] = q;
      }
    }
    return { pages: pages, matched: matched };
  }

  function find(terms) {
    var matches = terms.map(matchWord);
    var matched = {};
    matches.forEach(function (m) { Object.assign(matched, m.matched); });
    var found = [];
    Object.keys(matches[0].pages).forEach(function (key) {
      var n = Number(key), total = 0;
      for (var j = 0; j < matches.length; j++) {
        var q = matches[j].pages[n];
        if (!q) return; // every word of the query must occur
        var inTitle = index.titles[n].some(function (w) { return matches[j].matched[w]; });
        total += q + (inTitle ? 5 : 0);
      }
      found.push({ doc: index.docs[n], score: total });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.doc.t < b.doc.t ? -1 : 1); });
    return { found: found, matched: matched };
  }

  // --- showing results --------------------------------------------------------------------
  function german(el) { // text shown in German for want of a translation
    el.setAttribute("lang", "de");
    el.setAttribute("dir", "ltr");
  }

  function snippet(text, matched) {
    var p = document.createElement("p");
    text.split(/\s+/).forEach(function (word, i) {
      if (i) p.appendChild(document.createTextNode(" "));
      var hit = words(word).some(function (w) { return matched[w]; });
      if (hit) {
        var mark = document.createElement("mark");
        mark.textContent = word;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(word));
      }
    });
    return p;
  }

  function render(found, matched) {
    list.textContent = "";
    found.slice(0, MAX_SHOWN).forEach(function (item) {
      var doc = item.doc;
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = new URL(doc.u, siteRoot).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var h = document.createElement("h1");
      h.textContent = doc.t;
      if (doc.g & 1) german(h);
      article.appendChild(h);
      if (doc.x) {
        var p = snippet(doc.x, matched);
        if (doc.g & 2) german(p);
        article.appendChild(p);
      }
      a.appendChild(article);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function search() {
    if (!index) return;
    var terms = words(input.value);
    if (!terms.length) {
      list.textContent = "";
      meta.textContent = say("prompt");
      return;
    }
    var result = find(terms);
    render(result.found, result.matched);
    var n = result.found.length;
    meta.textContent = n === 0 ? say("none") : n === 1 ? say("one", 1) : say("many", n);
  }

  // --- the query in the URL (?q=) ---------------------------------------------------------
  var remembered = null;

  function remember() {
    var url = new URL(window.location.href);
    var query = input.value.trim();
    if (query) url.searchParams.set(PARAM, query); else url.searchParams.delete(PARAM);
    if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
  }

  function rememberSoon() {
    window.clearTimeout(remembered);
    remembered = window.setTimeout(remember, 300);
  }

  // --- opening, closing, keyboard --------------------------------------------------------
  function open() {
    if (!toggle.checked) toggle.checked = true;
    load();
  }

  function forget() { // a closed search keeps its query in the field, not in the URL
    window.clearTimeout(remembered);
    var url = new URL(window.location.href);
    url.searchParams.delete(PARAM);
    if (url.href !== window.location.href) window.history.replaceState(null, "", url.href);
  }

  function close() {
    toggle.checked = false;
    input.blur();
    forget();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () { open(); search(); rememberSoon(); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      input.focus();
      remember();
    } else {
      forget();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.clearTimeout(remembered);
    remember();
    var first = links()[0];
    if (first) first.focus();
  });
  root.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[Math.min(at + 1, all.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus(); else all[at - 1].focus();
    }
  });

  // A page opened with ?q= (a shared link, reload, or the form sent before this script ran)
  // opens the search with that query.
  var initial = new URL(window.location.href).searchParams.get(PARAM);
  if (initial) {
    input.value = initial;
    toggle.checked = true;
    input.focus();
    load();
  }
})();
