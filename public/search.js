/* pipedocs search: a search box for the site, in the page.
   Progressive: the box exists only once this script runs, so a page read
   without JavaScript shows none. The index (search-index.js, beside this
   file) is loaded with a script element on first use, which works from
   file:// too; render/search documents its format and its tokenizer,
   which queryWords below must match. No dependencies, no WebAssembly. */
(function () {
  "use strict";
  var script = document.currentScript;
  var host = document.querySelector("[data-search]") || document.querySelector(".site-header .wrap");
  if (!script || !host || !window.URL) return;
  var root = new URL("./", script.src);
  var MAX = 10;

  var form = document.createElement("form");
  form.className = "search";
  form.setAttribute("role", "search");
  form.innerHTML =
    '<input type="search" id="search-input" placeholder="Search" aria-label="Search the site (press /)" ' +
    'autocomplete="off" spellcheck="false" role="combobox" aria-autocomplete="list" aria-expanded="false" ' +
    'aria-controls="search-results"><kbd class="search-key" aria-hidden="true">/</kbd>' +
    '<ul id="search-results" class="search-results" role="listbox" aria-label="Search results" hidden></ul>';
  host.appendChild(form);
  var input = form.querySelector("input");
  var list = form.querySelector("ul");
  var index = null, loading = false, active = -1;

  function load() {
    if (index || loading) return;
    loading = true;
    var s = document.createElement("script");
    s.src = new URL("search-index.js", root).href;
    s.onload = function () { index = prepare(window.pipedocsSearch); show(); };
    s.onerror = function () { loading = false; message("Search is not available"); };
    document.head.appendChild(s);
  }

  var DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

  function prepare(x) {
    x.stopSet = {};
    x.stop.forEach(function (w) { x.stopSet[w] = true; });
    x.decoded = new Map();
    return x;
  }

  // postings decodes term i's posts string (render/search's doc.go) into
  // [page, score, page, score, ...].
  function postings(i) {
    var got = index.decoded.get(i);
    if (got) return got;
    var s = index.posts[i], out = [], page = 0;
    for (var k = 0; k < s.length;) {
      var n = 0, shift = 0, d;
      while ((d = DIGITS.indexOf(s[k++])) >= 32) { n += (d - 32) * Math.pow(2, shift); shift += 5; }
      page += n + d * Math.pow(2, shift);
      out.push(page, DIGITS.indexOf(s[k++]));
    }
    index.decoded.set(i, out);
    return out;
  }

  // queryWords splits a query as render/search splits text into words.
  function queryWords(q) {
    var out = [];
    (q.match(/[\p{L}\p{N}_.]+/gu) || []).forEach(function (w) {
      w = w.replace(/^\.+|\.+$/g, "").toLowerCase();
      if (w.length >= 2 && !index.stopSet[w] && out.indexOf(w) < 0) out.push(w);
    });
    return out;
  }

  // lowerBound is the first index of a word not before w.
  function lowerBound(words, w) {
    var lo = 0, hi = words.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (words[mid] < w) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // scoreWord returns page → score for one query word, which matches each
  // term it is a prefix of: fully when equal, less the more is missing.
  function scoreWord(w) {
    var scores = new Map(), n = index.pages.length;
    for (var i = lowerBound(index.words, w); i < index.words.length && index.words[i].startsWith(w); i++) {
      var term = index.words[i], post = postings(i);
      var fit = term === w ? 1 : 0.3 + 0.4 * w.length / term.length;
      var idf = Math.log(1 + n / (post.length / 2));
      for (var j = 0; j < post.length; j += 2) {
        var s = post[j + 1] * fit * idf;
        if (!(scores.get(post[j]) >= s)) scores.set(post[j], s);
      }
    }
    return scores;
  }

  // scoreQueryWord is scoreWord, and for a dotted word such as unix.pipe2
  // half the score of each of its parts on the pages it matched: of two
  // pages calling unix.Pipe2 as often, the one about pipe2 comes first.
  function scoreQueryWord(w) {
    var scores = scoreWord(w);
    w.split(/[._]/).forEach(function (part) {
      if (part === w || part.length < 2 || index.stopSet[part]) return;
      scoreWord(part).forEach(function (s, page) {
        if (scores.has(page)) scores.set(page, scores.get(page) + s / 2);
      });
    });
    return scores;
  }

  // search ranks the pages that match every word.
  function search(words) {
    var perWord = words.map(scoreQueryWord), results = [];
    perWord[0].forEach(function (s, page) {
      var total = s;
      for (var k = 1; k < perWord.length; k++) {
        var t = perWord[k].get(page);
        if (!t) return;
        total += t;
      }
      results.push({ page: page, score: total });
    });
    results.sort(function (a, b) { return b.score - a.score || a.page - b.page; });
    return results.slice(0, MAX).map(function (r) { r.heading = bestHeading(r.page, words); return r; });
  }

  // bestHeading is the heading of page whose words the most query words
  // start, as [id, text], or null when none does.
  function bestHeading(page, words) {
    var heads = index.pages[page][4], best = null, top = 0;
    for (var i = 0; i < heads.length; i += 2) {
      var text = heads[i + 1].toLowerCase();
      var hw = (text.match(/[\p{L}\p{N}_]+/gu) || []).concat(text.match(/[\p{L}\p{N}_.]+/gu) || []);
      var hits = words.filter(function (w) {
        return hw.some(function (h) { return h.startsWith(w); });
      }).length;
      if (hits > top) { top = hits; best = [heads[i], heads[i + 1]]; }
    }
    return best;
  }

  function href(page, heading) {
    var u = index.pages[page][0];
    if (root.protocol === "file:" && /\/$/.test(u)) u += "index.html";
    var url = new URL(u, root);
    if (heading) url.hash = heading[0];
    return url.href;
  }

  // highlight appends text to el with each query word that starts a word
  // of the text wrapped in <mark>; nothing is parsed as HTML.
  function highlight(el, text, re) {
    var last = 0;
    text.replace(re, function (m, _, offset) {
      el.appendChild(document.createTextNode(text.slice(last, offset)));
      var mark = document.createElement("mark");
      mark.textContent = m;
      el.appendChild(mark);
      last = offset + m.length;
      return m;
    });
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  function span(cls, text, re) {
    var s = document.createElement("span");
    s.className = cls;
    highlight(s, text, re);
    return s;
  }

  function show() {
    list.textContent = "";
    active = -1;
    input.removeAttribute("aria-activedescendant");
    var q = input.value.trim();
    if (!q) return open(false);
    if (!index) return load();
    var words = queryWords(q);
    var results = words.length ? search(words) : [];
    if (!results.length) return message("No results for \u201c" + q + "\u201d");
    var re = new RegExp("(?<![\\p{L}\\p{N}_])(" + words.slice().sort(function (a, b) { return b.length - a.length; })
      .map(function (w) { return w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"); }).join("|") + ")", "giu");
    results.forEach(function (r, i) {
      var p = index.pages[r.page];
      var li = document.createElement("li"), a = document.createElement("a");
      li.id = "search-result-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      a.href = href(r.page, r.heading);
      a.tabIndex = -1;
      var title = span("search-title", p[1], re);
      if (r.heading) title.appendChild(span("search-heading", " \u203a " + r.heading[1], re));
      a.appendChild(title);
      if (p[2]) a.appendChild(span("search-section", p[2], re));
      if (p[3]) a.appendChild(span("search-summary", p[3], re));
      li.appendChild(a);
      list.appendChild(li);
    });
    open(true);
  }

  function message(text) {
    var li = document.createElement("li");
    li.className = "search-empty";
    li.textContent = text;
    list.textContent = "";
    list.appendChild(li);
    open(true);
  }

  function open(on) {
    list.hidden = !on;
    input.setAttribute("aria-expanded", on ? "true" : "false");
  }

  function select(i) {
    var items = list.querySelectorAll("[role=option]");
    if (!items.length) return;
    active = (i + items.length) % items.length;
    items.forEach(function (li, k) { li.setAttribute("aria-selected", k === active ? "true" : "false"); });
    input.setAttribute("aria-activedescendant", items[active].id);
    items[active].scrollIntoView({ block: "nearest" });
  }

  input.addEventListener("focus", load);
  input.addEventListener("input", show);
  input.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { e.preventDefault(); select(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(active - 1); }
    else if (e.key === "Escape") { if (input.value) { input.value = ""; show(); } else input.blur(); }
    else if (e.key === "Enter") {
      e.preventDefault();
      var items = list.querySelectorAll("[role=option] a");
      if (items.length) location.href = items[Math.max(active, 0)].href;
    }
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("focusout", function (e) {
    if (!form.contains(e.relatedTarget)) open(false);
  });
  input.addEventListener("focus", function () { if (input.value.trim()) show(); });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    var t = e.target;
    if (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) return;
    e.preventDefault();
    input.focus();
  });
})();
