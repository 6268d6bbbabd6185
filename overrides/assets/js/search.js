/* KIM-Portal search: one small index per language, fetched only when the reader opens search.
 *
 * The index (<language root>/search/index.json, built by macros/search_index.py) holds title,
 * URL and a short text per page. Matching is case-folded, diacritic-free word-prefix matching
 * with Arabic/Persian letter variants unified, so it works for every language, including those
 * lunr has no stemmer for (Ukrainian, Farsi). No framework, no inline script, no other host.
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
  var docs = null;
  var loading = null;

  // Material's CSS hides the search under html.no-js; with this script it works, so show it.
  document.documentElement.classList.add("kim-search");
  list.id = list.id || "kim-search-results";
  input.setAttribute("aria-controls", list.id);

  function say(key, count) {
    var text = root.getAttribute("data-kim-" + key) || "";
    return text.replace("{count}", String(count));
  }

  // --- normalisation: case, diacritics, letter variants ------------------------------------
  var VARIANTS = {
    "\u0649": "\u064a", "\u06cc": "\u064a", "\u06d2": "\u064a", // alef maksura, Farsi yeh -> yeh
    "\u06a9": "\u0643", // keheh (Farsi kaf) -> kaf
    "\u0629": "\u0647", // teh marbuta -> heh
    "\u0671": "\u0627", // alef wasla -> alef
    "\u00df": "ss"
  };
  var VARIANT_RE = /[\u0649\u06cc\u06d2\u06a9\u0629\u0671\u00df]/g;
  // Hamza forms (أ إ آ ؤ ئ), ё/й/ї and Latin accents decompose under NFKD into a base letter
  // plus combining marks, which are dropped together with Arabic short vowels (harakat).
  var MARKS = /[\u0300-\u036f\u0483-\u0489\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]/g;
  var JOINERS = /[\u0640\u200c\u200d\u200e\u200f]/g; // tatweel, ZWNJ/ZWJ, direction marks
  var SPLIT = /[^\p{L}\p{N}]+/u; // words of any script

  function digits(s) {
    return s.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, function (d) {
      var c = d.charCodeAt(0);
      return String((c >= 0x06f0 ? c - 0x06f0 : c - 0x0660));
    });
  }

  function normalise(s) {
    return digits(s.normalize("NFKD").replace(MARKS, "").replace(JOINERS, "").toLowerCase())
      .replace(VARIANT_RE, function (ch) { return VARIANTS[ch]; });
  }

  function tokens(s) {
    return normalise(s).split(SPLIT).filter(Boolean);
  }

  // Arabic writes the article and some particles onto the word (البلدية, والمساعدة): index the
  // bare word as well, so a search for بلدية or مساعدة finds them.
  var ARTICLE = /^(?:\u0648\u0627\u0644|\u0628\u0627\u0644|\u0643\u0627\u0644|\u0641\u0627\u0644|\u0644\u0644|\u0627\u0644)(?=..)/;

  function indexTokens(s) {
    var words = tokens(s);
    var out = words.slice();
    words.forEach(function (w) {
      var bare = w.replace(ARTICLE, "");
      if (bare !== w) out.push(bare);
    });
    return out;
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
      .then(function (index) {
        docs = index.docs.map(function (doc) {
          return { doc: doc, title: indexTokens(doc.t), text: indexTokens(doc.x) };
        });
        search();
      })
      .catch(function () {
        loading = null;
        meta.textContent = say("failed");
      });
    return loading;
  }

  // --- matching and ranking --------------------------------------------------------------
  function hits(words, term) {
    var n = 0;
    for (var i = 0; i < words.length; i++) {
      if (words[i].lastIndexOf(term, 0) === 0) n += words[i].length === term.length ? 2 : 1;
    }
    return n;
  }

  function score(entry, terms) {
    var total = 0;
    for (var i = 0; i < terms.length; i++) {
      var inTitle = hits(entry.title, terms[i]);
      var inText = hits(entry.text, terms[i]);
      if (!inTitle && !inText) return 0; // every word of the query must occur
      total += inTitle * 5 + inText;
    }
    return total;
  }

  function snippet(text, terms) {
    var words = text.split(/\s+/);
    var first = -1;
    var marked = words.map(function (word, i) {
      var norm = indexTokens(word);
      var match = norm.some(function (w) {
        return terms.some(function (t) { return w.lastIndexOf(t, 0) === 0; });
      });
      if (match && first < 0) first = i;
      return { word: word, match: match };
    });
    var start = Math.max(0, first - 8);
    var slice = marked.slice(start, start + 30);
    var p = document.createElement("p");
    if (start > 0) p.appendChild(document.createTextNode("… "));
    slice.forEach(function (part, i) {
      if (i) p.appendChild(document.createTextNode(" "));
      if (part.match) {
        var mark = document.createElement("mark");
        mark.textContent = part.word;
        p.appendChild(mark);
      } else {
        p.appendChild(document.createTextNode(part.word));
      }
    });
    if (start + 30 < words.length) p.appendChild(document.createTextNode(" …"));
    return p;
  }

  function render(found, terms) {
    list.textContent = "";
    found.slice(0, MAX_SHOWN).forEach(function (item) {
      var li = document.createElement("li");
      li.className = "md-search-result__item";
      var a = document.createElement("a");
      a.className = "md-search-result__link";
      a.href = new URL(item.doc.u, siteRoot).href;
      var article = document.createElement("article");
      article.className = "md-search-result__article md-typeset";
      var h = document.createElement("h1");
      h.textContent = item.doc.t;
      article.appendChild(h);
      if (item.doc.x) article.appendChild(snippet(item.doc.x, terms));
      a.appendChild(article);
      li.appendChild(a);
      list.appendChild(li);
    });
  }

  function search() {
    var terms = tokens(input.value);
    if (!docs) return;
    if (!terms.length) {
      list.textContent = "";
      meta.textContent = say("prompt");
      return;
    }
    var found = [];
    docs.forEach(function (entry) {
      var s = score(entry, terms);
      if (s) found.push({ doc: entry.doc, score: s });
    });
    found.sort(function (a, b) { return b.score - a.score || (a.doc.t < b.doc.t ? -1 : 1); });
    render(found, terms);
    meta.textContent = found.length === 0 ? say("none")
      : found.length === 1 ? say("one", 1) : say("many", found.length);
  }

  // --- opening, closing, keyboard --------------------------------------------------------
  function open() {
    if (!toggle.checked) toggle.checked = true;
    load();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a"));
  }

  input.addEventListener("focus", open);
  input.addEventListener("input", function () { open(); search(); });
  toggle.addEventListener("change", function () {
    if (toggle.checked) {
      load();
      input.focus();
    }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
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
})();
