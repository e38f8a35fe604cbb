// Permanent links: copy buttons, and a language switch that keeps the reader on the same unit.
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("__config").textContent);
  var siteRoot = new URL(config.base.replace(/\/?$/, "/"), location.href);

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

  // The buttons are hidden in the HTML so that readers without JavaScript never see a dead control.
  document.querySelectorAll(".edition-copy").forEach(function (button) {
    var label = button.textContent;
    button.hidden = false;
    button.setAttribute("aria-live", "polite");
    button.addEventListener("click", function () {
      var url = new URL(button.getAttribute("data-permalink"), siteRoot).href;
      copyText(url).then(function () {
        button.textContent = document.documentElement.lang.indexOf("zh") === 0 ? "已复制" : "Copied";
        setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  });

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

  // The i18n plugin's language links drop the #fragment: add the current one as the reader leaves.
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a.md-select__link[hreflang]");
    if (link && location.hash) {
      link.href = link.href.split("#")[0] + location.hash;
    }
  }, true);
})();
