// Permanent links: copy buttons, and a language switch that keeps the reader on the same unit.
(function () {
  "use strict";

  var root = document.currentScript.getAttribute("data-root").replace(/\/?$/, "/");
  var siteRoot = new URL(root, location.href);
  // Copied links and citations name the published address (the page's canonical link, which only a build
  // that knows it writes), not a mirror's, localhost's or a file:// copy's.
  var canonical = document.querySelector('link[rel="canonical"]');
  var citeRoot = canonical ? new URL(root, canonical.href) : siteRoot;
  var copyFailed = document.currentScript.getAttribute("data-copy-failed");

  // Browser print: each sheet's foot names the page's permanent address (edition.css's @page reads the
  // custom property; the CSSOM sets it, which the page's Content-Security-Policy allows).
  var printAddress = document.querySelector('meta[name="edition-print-address"]');
  if (printAddress) {
    document.documentElement.style.setProperty("--edition-page-address", JSON.stringify(printAddress.content));
  }

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // file:// and plain http: the old way still works there.
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var done = document.execCommand("copy");
    document.body.removeChild(area);
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  // One status region for the page: what a copy did, said to screen readers and shown for a moment.
  var status = document.createElement("div");
  status.className = "edition-status-message";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.appendChild(status);
  var statusTimer = null;
  function announce(message, failed) {
    status.textContent = message;
    status.classList.toggle("edition-status-message--failed", Boolean(failed));
    status.classList.add("edition-status-message--shown");
    clearTimeout(statusTimer);
    statusTimer = setTimeout(function () { status.classList.remove("edition-status-message--shown"); }, 4000);
  }

  // A copy button: shown (it is hidden in the HTML, so that readers without JavaScript never see a
  // dead control), saying "Copied" (its data-copied) for two seconds once it has copied: in its words
  // (a text button) or by its colour (an icon button); the status region says it for every reader. A
  // refused clipboard says so, with the text to copy by hand.
  function copyButton(button, text) {
    var words = button.querySelector("span") || (button.querySelector("svg") ? null : button);
    var label = words && words.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      var value = text();
      copyText(value).then(function () {
        if (words) words.textContent = button.getAttribute("data-copied");
        button.classList.add("edition-tool--done");
        announce(button.getAttribute("data-copied"));
        setTimeout(function () {
          if (words) words.textContent = label;
          button.classList.remove("edition-tool--done");
        }, 2000);
      }, function () {
        announce(copyFailed + " " + value, true);
      });
    });
  }

  document.querySelectorAll(".edition-copy").forEach(function (button) {
    copyButton(button, function () { return new URL(button.getAttribute("data-permalink"), citeRoot).href; });
  });

  // Citations: the reader's access date in each slot, and a copy button per format.
  var today = new Date();
  var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                "October", "November", "December"];
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  var iso = today.getFullYear() + "-" + pad(today.getMonth() + 1) + "-" + pad(today.getDate());
  var forms = {
    iso: iso,
    ris: iso.replace(/-/g, "/") + "/",
    long: months[today.getMonth()] + " " + today.getDate() + ", " + today.getFullYear(),
    zh: today.getFullYear() + "年" + (today.getMonth() + 1) + "月" + today.getDate() + "日",
    year: String(today.getFullYear()),
    month: String(today.getMonth() + 1),
    day: String(today.getDate())
  };
  document.querySelectorAll(".edition-accessed").forEach(function (slot) {
    slot.textContent = forms[slot.getAttribute("data-form")];
  });
  document.querySelectorAll(".edition-cite-copy").forEach(function (button) {
    copyButton(button, function () { return document.getElementById(button.getAttribute("data-copy")).textContent; });
  });

  // Quote links: words selected inside one unit get a link to the unit with a text fragment
  // (#p6:~:text=…), which opens the page with those words in view and highlighted, and a citation.
  var quoteTools = document.querySelector(".edition-quote-tools");
  var quoteData = document.getElementById("edition-quote");
  var quoted = null;  // {text, url, lang, pin} of the current selection
  function fragmentText(text) {
    // The text directive's own delimiters (, - &) must be escaped inside its terms.
    return encodeURIComponent(text).replace(/-/g, "%2D").replace(/,/g, "%2C");
  }
  // The unit's text as a reader sees it, without annotation marks: its characters, and where marks stood.
  function unitText(body, range) {
    var walker = document.createTreeWalker(body, NodeFilter.SHOW_TEXT);
    var text = "", marks = [], start = -1, end = -1, node, inMark = false;
    while ((node = walker.nextNode())) {
      var mark = node.parentElement.closest("[data-annotation]");
      if (mark && body.contains(mark)) {
        if (!inMark || marks[marks.length - 1] !== text.length) marks.push(text.length);
        inMark = true;
        continue;
      }
      inMark = false;
      if (range.intersectsNode(node)) {
        if (start < 0) start = text.length + (node === range.startContainer ? range.startOffset : 0);
        end = text.length + (node === range.endContainer ? range.endOffset : node.data.length);
      }
      text += node.data;
    }
    return {text: text, marks: marks, start: start, end: end};
  }
  // Word boundaries as Chromium's text-fragment matching finds them (ICU, here through Intl.Segmenter).
  function wordBounds(text, lang) {
    var bounds = [0];
    Array.from(new Intl.Segmenter(lang === "zh" ? "zh-Hans" : "en", {granularity: "word"}).segment(text))
      .forEach(function (part) { bounds.push(part.index + part.segment.length); });
    return bounds;
  }
  // A selection that cuts a word grows to the whole words; one that crosses a note mark becomes
  // textStart,textEnd around the marks (the marks' digits are on the page, not in the quote).
  function quoteOf(unit, lang) {
    var bounds = wordBounds(unit.text, lang);
    var start = Math.max.apply(null, bounds.filter(function (b) { return b <= unit.start; }));
    var end = Math.min.apply(null, bounds.filter(function (b) { return b >= unit.end; }));
    var cuts = unit.marks.filter(function (m) { return m > start && m < end; });
    var pieces = [], from = start;
    cuts.concat([end]).forEach(function (to) { pieces.push(unit.text.slice(from, to)); from = to; });
    pieces = pieces.map(function (piece) { return piece.replace(/\s+/g, " ").trim(); })
      .filter(function (piece) { return piece; });
    return {text: pieces.join(lang === "zh" ? "" : " "), pieces: pieces, bounds: bounds};
  }
  function clip(piece, lang, fromEnd) {
    // The first (or last) few words of a piece: 5 words, or about 12 characters in Chinese.
    var bounds = wordBounds(piece, lang), limit = lang === "zh" ? 12 : 0, words = 0, at;
    if (!fromEnd) {
      for (at = 1; at < bounds.length; at++) {
        if (/\S/.test(piece.slice(bounds[at - 1], bounds[at]))) words++;
        if (lang === "zh" ? bounds[at] >= limit : words >= 5) return piece.slice(0, bounds[at]).trim();
      }
      return piece;
    }
    for (at = bounds.length - 2; at >= 0; at--) {
      if (/\S/.test(piece.slice(bounds[at], bounds[at + 1]))) words++;
      if (lang === "zh" ? piece.length - bounds[at] >= limit : words >= 5) return piece.slice(bounds[at]).trim();
    }
    return piece;
  }
  function textDirective(quote, lang) {
    var pieces = quote.pieces;
    if (pieces.length === 1 && pieces[0].length <= 60) return "text=" + fragmentText(pieces[0]);
    // A long quote, or one across note marks: its first and last words as textStart,textEnd.
    return "text=" + fragmentText(clip(pieces[0], lang, false)) + "," +
      fragmentText(clip(pieces[pieces.length - 1], lang, true));
  }
  function selectedQuote() {
    var selection = window.getSelection();
    if (!selection || selection.isCollapsed || !selection.rangeCount) return null;
    var range = selection.getRangeAt(0);
    var start = range.startContainer.parentElement, end = range.endContainer.parentElement;
    var body = start && start.closest(".edition-body");
    if (!body || !end || end.closest(".edition-body") !== body) return null;
    var unit = body.closest("[data-unit]");
    var lang = (body.closest("[lang]") || document.documentElement).getAttribute("lang").indexOf("zh") === 0 ? "zh" : "en";
    var text = unitText(body, range);
    if (text.start < 0 || text.end <= text.start) return null;
    var quote = quoteOf(text, lang);
    if (!quote.text) return null;
    var url = new URL(unit.getAttribute("data-url-" + lang), citeRoot).href + ":~:" + textDirective(quote, lang);
    return {text: quote.text, url: url, lang: lang, pin: unit.getAttribute("data-pin-" + lang), range: range};
  }
  if (quoteTools && quoteData) {
    var templates = JSON.parse(quoteData.textContent);
    var usingTools = false;  // a click on a tool may collapse the selection it is about
    quoteTools.addEventListener("pointerdown", function () { usingTools = true; });
    quoteTools.addEventListener("focusout", function () { usingTools = false; });
    document.addEventListener("selectionchange", function () {
      var current = selectedQuote();
      if (!current) {
        if (!usingTools && !quoteTools.contains(document.activeElement)) quoteTools.hidden = true;
        return;
      }
      quoted = current;
      var box = quoted.range.getBoundingClientRect();
      document.body.appendChild(quoteTools);
      quoteTools.hidden = false;
      quoteTools.style.top = box.bottom + window.scrollY + 8 + "px";
      quoteTools.style.left = Math.max(8, Math.min(box.left + window.scrollX,
        window.scrollX + document.documentElement.clientWidth - quoteTools.offsetWidth - 8)) + "px";
    });
    var lastQuote = function () { return quoted; };
    copyButton(quoteTools.querySelector(".edition-quote-link"), function () { return lastQuote().url; });
    copyButton(quoteTools.querySelector(".edition-quote-cite"), function () {
      var q = lastQuote(), template = templates[q.lang === "zh" ? "zh-Hans" : "en"];
      return template.replace("{quote}", q.text).replace("{unit}", q.pin).replace("{url}", q.url)
        .replace(/\{accessed:(iso|ris|long|zh|year|month|day)\}/g, function (_, form) { return forms[form]; });
    });
  }

  // The unit tools' buttons that open a panel of the unit (cite, note, translator's note, history): each
  // says whether it is open (aria-expanded) and shows or hides the panel it controls.
  function setOpen(toggle, open) {
    var panel = document.getElementById(toggle.getAttribute("aria-controls"));
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
  }
  document.querySelectorAll(".edition-toggle").forEach(function (toggle) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      setOpen(toggle, toggle.getAttribute("aria-expanded") !== "true");
    });
  });
  // A link into a closed panel (a footnote's way back to its mark in a note) opens the panel first.
  function openAround(target) {
    var panel = target && target.closest(".edition-margin-part[hidden], .edition-cite[hidden], .edition-history[hidden]");
    var toggle = panel && document.querySelector('[aria-controls="' + panel.id + '"]');
    if (toggle) {
      setOpen(toggle, true);
      target.scrollIntoView({block: "center"});
    }
  }
  function openForFragment() {
    if (location.hash.length > 1) openAround(document.getElementById(decodeURIComponent(location.hash.slice(1))));
  }
  openForFragment();
  window.addEventListener("hashchange", openForFragment);

  // Wide screens: the notes beside the text (edition.css) no longer hold each unit back until its note
  // ends. Each note starts beside its paragraph's first line, or lower when the note before it runs on, so
  // that notes never overlap; but no lower than its paragraph's last line or DRIFT lines under its first,
  // whichever is lower. Where the note before runs on further, it is folded, with a button that shows
  // the whole (and a link in it, reached by the keyboard, unfolds it too); only where a fold would leave less
  // than FOLD_MIN px of it, or the reader has unfolded it, does the next paragraph move down. Without this
  // script each unit waits for its note (a gap, never an overlap).
  var wide = window.matchMedia("screen and (min-width: 76.25em)");
  var placed = document.querySelectorAll(".edition-unit--margin");
  var NOTE_GAP = 12;  // px between one note's end and the next note
  var DRIFT = 0;  // lines: a note never starts beside the next paragraph (a typographer found ¶24(1)'s note beside ¶24(2))
  var FOLD_MIN = 96;  // px of a folded note left in view, its button included
  function clearNotes() {
    placed.forEach(function (unit) {
      unit.style.removeProperty("--edition-room");
      unit.style.removeProperty("--edition-room-after");
      var note = unit.querySelector(":scope > .edition-margin");
      if (!note) return;
      note.style.removeProperty("--edition-note-top");
      note.style.removeProperty("--edition-fold");
      note.classList.remove("edition-margin--folded");
      var more = note.querySelector(":scope > .edition-note-more");
      if (more) more.hidden = true;
    });
  }
  function fold(note, height) {
    var more = note.querySelector(":scope > .edition-note-more");
    if (!more || note.getAttribute("data-unfolded") || height < FOLD_MIN) return false;
    note.style.setProperty("--edition-fold", height + "px");
    note.classList.add("edition-margin--folded");
    more.hidden = false;
    return true;
  }
  function unfold(note) {
    if (!note.classList.contains("edition-margin--folded")) return;
    note.setAttribute("data-unfolded", "true");
    var more = note.querySelector(":scope > .edition-note-more");
    if (more === document.activeElement) {  // the button goes: the keyboard stays in the note
      note.setAttribute("tabindex", "-1");
      note.focus({preventScroll: true});
    }
    placeNotes();
  }
  // The unit a permanent URL opened stays where the reader sees it while the notes are placed again (folds
  // above it make the page shorter there).
  function placeNotes() {
    var id = location.hash.length > 1 && decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    var before = target ? target.getBoundingClientRect().top : NaN;
    placeAll();
    if (before >= 0 && before < window.innerHeight) window.scrollBy(0, target.getBoundingClientRect().top - before);
  }
  function placeAll() {
    document.documentElement.classList.toggle("edition-notes-placed", wide.matches);
    clearNotes();
    if (!wide.matches) return;
    var floor = -Infinity, last = null, previous = null, previousTop = 0;
    placed.forEach(function (unit) {
      var note = unit.querySelector(":scope > .edition-margin");
      if (!note) return;
      var main = unit.querySelector(":scope > .edition-unit-main");
      var text = main.querySelector(":scope > .edition-text");
      var line = parseFloat(getComputedStyle(text).lineHeight);
      var latest = function () {
        return Math.max(text.getBoundingClientRect().bottom - line, main.getBoundingClientRect().top + DRIFT * line);
      };
      // A fold is made as high as leaves FOLD_MIN of the note before, so that this note starts as near its
      // paragraph's first line as it can (and the notes after it find room in turn).
      if (previous && floor > latest() + 0.5) {
        var start = main.getBoundingClientRect().top - NOTE_GAP - previousTop;
        if (fold(previous, Math.min(latest() - NOTE_GAP - previousTop, Math.max(start, FOLD_MIN)))) {
          floor = previousTop + previous.getBoundingClientRect().height + NOTE_GAP;
        }
      }
      // The room is a margin, which may collapse with the one before it: add until the text has moved.
      for (var room = 0, tries = 0; floor > latest() + 0.5 && tries < 3; tries++) {
        room += floor - latest();
        unit.style.setProperty("--edition-room", room + "px");
      }
      var top = Math.max(main.getBoundingClientRect().top, floor);
      var base = note.getBoundingClientRect().top;  // where it stands at --edition-note-top: 0
      note.style.setProperty("--edition-note-top", (top - base) + "px");
      floor = top + note.getBoundingClientRect().height + NOTE_GAP;
      last = unit;
      previous = note;
      previousTop = top;
    });
    // The last note ends inside the units' block, before what follows it (the footnotes).
    if (last) {
      var outer = placed[placed.length - 1];
      while (outer.parentElement.closest(".edition-unit--margin")) outer = outer.parentElement.closest(".edition-unit--margin");
      var after = floor - NOTE_GAP - outer.getBoundingClientRect().bottom;
      if (after > 0) outer.style.setProperty("--edition-room-after", after + "px");
    }
  }
  document.querySelectorAll(".edition-note-more").forEach(function (more) {
    var note = more.parentElement;
    more.addEventListener("click", function () { unfold(note); });
    note.addEventListener("focusin", function (event) { if (event.target !== more) unfold(note); });
  });
  if (placed.length) {
    var pending = false;
    var schedule = function () {
      if (pending) return;
      pending = true;
      requestAnimationFrame(function () { pending = false; placeNotes(); });
    };
    placeNotes();
    wide.addEventListener("change", schedule);
    if (document.fonts) document.fonts.ready.then(schedule);
    // A panel opened or closed, a font loaded, the window resized: the units' heights change.
    if (window.ResizeObserver) {
      var observer = new ResizeObserver(schedule);
      document.querySelectorAll(".edition-unit--margin > :is(.edition-unit-main, .edition-margin)")
        .forEach(function (part) { observer.observe(part); });
    }
    window.addEventListener("resize", schedule);
  }

  // Opened from a local folder (file://), a directory link shows a listing: point it at index.html.
  if (location.protocol === "file:") {
    document.querySelectorAll("a[href]").forEach(function (link) {
      var parts = link.getAttribute("href").match(/^([^#?]*)(.*)$/);
      var path = parts[1];
      if (!path || /^[a-z]+:/i.test(path)) return;
      if (/(^|\/)\.\.?$/.test(path)) path += "/";
      if (path.endsWith("/")) link.setAttribute("href", path + "index.html" + parts[2]);
    });
  }

  // Glossary terms: their explanation (the tooltip the term's aria-describedby names) on hover and
  // focus; on touch the first tap shows it, the second follows the link to the glossary.
  var shownFor = null;
  function tipOf(term) {
    return document.getElementById(term.getAttribute("aria-describedby"));
  }
  function hideTip() {
    if (shownFor) tipOf(shownFor).hidden = true;
    shownFor = null;
  }
  function showTip(term) {
    hideTip();
    var tip = tipOf(term), box = term.getBoundingClientRect();
    document.body.appendChild(tip);
    tip.hidden = false;
    var left = Math.min(box.left + window.scrollX, window.scrollX + document.documentElement.clientWidth - tip.offsetWidth - 8);
    tip.style.left = Math.max(8, left) + "px";
    tip.style.top = box.bottom + window.scrollY + 6 + "px";
    shownFor = term;
  }
  // The pointer may move from the term onto its tip (WCAG 1.4.13): the tip hides only when the pointer
  // has left both, or on Escape.
  var hideTimer = null;
  function hideSoon() {
    clearTimeout(hideTimer);
    hideTimer = setTimeout(hideTip, 300);
  }
  document.querySelectorAll(".edition-tip").forEach(function (tip) {
    tip.addEventListener("mouseenter", function () { clearTimeout(hideTimer); });
    tip.addEventListener("mouseleave", hideSoon);
  });
  document.querySelectorAll("a.edition-term").forEach(function (term) {
    term.addEventListener("mouseenter", function () { clearTimeout(hideTimer); showTip(term); });
    term.addEventListener("mouseleave", hideSoon);
    term.addEventListener("focus", function () { showTip(term); });
    term.addEventListener("blur", hideTip);
    term.addEventListener("pointerdown", function (event) {
      term.dataset.touchFirst = event.pointerType === "touch" && shownFor !== term ? "1" : "";
    });
    term.addEventListener("click", function (event) {
      if (term.dataset.touchFirst === "1") {
        event.preventDefault();
        term.dataset.touchFirst = "";
        showTip(term);
      }
    });
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") hideTip();
  });

  // Search results for units come as page/?u=<id> (scripts/generators/search_index.py): make each link the
  // unit's permanent URL, page/#<id>, before the reader follows it.
  var results = document.querySelector(".md-search-result__list");
  if (results) {
    new MutationObserver(function () {
      results.querySelectorAll('a.md-search-result__link[href*="?u="]').forEach(function (link) {
        var url = new URL(link.href);
        var id = url.searchParams.get("u");
        url.search = "";
        url.hash = id;
        link.href = url.href;
      });
    }).observe(results, { childList: true, subtree: true });
  }

  // Search: full-width letters, digits and signs (ＣＯＰ２８, １．５) typed as their ASCII forms.
  var query = document.querySelector("input.md-search__input");
  if (query) {
    query.addEventListener("input", function () {
      var normal = query.value.normalize("NFKC");
      if (normal !== query.value) {
        var at = query.selectionStart;
        query.value = normal;
        query.setSelectionRange(at, at);
      }
    }, true);
  }

  // The i18n plugin's language links drop the #fragment: each carries the current one in its href, so
  // that a click, a middle-click and "open in new tab" all keep the reader on the same unit.
  function languageLinksKeepTheFragment() {
    document.querySelectorAll("a.md-select__link[hreflang]").forEach(function (link) {
      link.href = link.href.split("#")[0] + location.hash;
    });
  }
  languageLinksKeepTheFragment();
  window.addEventListener("hashchange", languageLinksKeepTheFragment);
})();
