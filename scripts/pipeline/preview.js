// The live preview's reload (served by scripts/pipeline/serve.py, never part of the site): reload the page when
// a newer build is ready; while the last build failed, show its error, whole, in a banner over the top of the
// page that an editor cannot miss (styled here: the preview's pages carry no Content-Security-Policy).
(function () {
  var seen = null;
  var banner = document.createElement("div");
  banner.setAttribute("role", "alert");
  banner.className = "edition-preview-error";
  banner.hidden = true;
  var title = document.createElement("strong");
  title.textContent = "The last build failed; this page is from the build before. Fix this and save:";
  var message = document.createElement("pre");
  banner.append(title, message);
  Object.assign(banner.style, {
    position: "fixed", top: "0", left: "0", right: "0", zIndex: "1000", maxHeight: "60vh", overflow: "auto",
    padding: "0.75rem 1rem", background: "#b00020", color: "#fff", borderBottom: "4px solid #5c0011",
    boxShadow: "0 4px 12px rgba(0, 0, 0, 0.4)", font: "600 16px/1.4 system-ui, sans-serif"
  });
  Object.assign(message.style, {
    margin: "0.5rem 0 0", whiteSpace: "pre-wrap", overflowWrap: "anywhere", color: "#fff", background: "none",
    font: "15px/1.4 ui-monospace, monospace"
  });
  document.body.prepend(banner);
  function poll() {
    fetch("/__preview__/state", { cache: "no-store" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (seen !== null && state.version !== seen) { location.reload(); return; }
        seen = state.version;
        message.textContent = state.error;
        banner.hidden = !state.error;
      })
      .catch(function () {})
      .then(function () { setTimeout(poll, 500); });
  }
  poll();
})();
