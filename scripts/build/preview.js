// The live preview's reload (served by scripts/build/serve.py, never part of the site): reload the page when
// a newer build is ready; while the last build failed, show its one-line error above the page.
(function () {
  var seen = null;
  var banner = document.createElement("div");
  banner.setAttribute("role", "alert");
  banner.className = "edition-preview-error";
  banner.hidden = true;
  document.body.prepend(banner);
  function poll() {
    fetch("/__preview__/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen !== null && state.version !== seen) { location.reload(); return; }
        seen = state.version;
        banner.textContent = state.error;
        banner.hidden = !state.error;
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
