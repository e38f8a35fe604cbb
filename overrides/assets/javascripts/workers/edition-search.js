// The pages' search worker: Material's own (named in this script's query, ?material=search.<hash>.min.js),
// with phrase matches first. lunr scores the query's words one by one, so a unit that holds them apart
// could outrank the unit that holds the query as written (地方气候行动: ¶4 above ¶17). Of the results
// Material ranks, those whose text (or one of their keywords) holds the whole query come first, each group
// in Material's order; a title does not count (a unit's title is its section's name, shared by its units).
// It lives beside Material's worker because that worker loads lunr's languages from "../lunr", relative
// to the worker that was started (scripts/pipeline/material_fixes.py names both).
// Material's worker and the index's entries load when a reader first types a query, not with every page:
// Material's page script sends the setup of search/search_index.json, which holds the config alone and names
// where the entries are (config.edition_index, from the site root; scripts/generators/search_index.py). This
// worker answers that setup as ready, and on the first query imports Material's worker, fetches the entries,
// sets Material's worker up with them (it loads lunr's languages then), and asks the query.
(function () {
  "use strict";
  var SETUP = 0, READY = 1, QUERY = 2, RESULT = 3;  // Material's worker messages
  var held = null;  // the page's setup, until the entries are fetched
  var waiting = null;  // the newest query while they load
  var loading = false;
  var material = new URLSearchParams(location.search).get("material") || "";
  var imported = false;
  var fields = {};  // location → the entry's text and keywords as a reader sees them
  var query = "";

  // Index text as written: jieba's word cuts (U+200B) joined again, tags dropped, one space, lower case.
  function plain(text) {
    return String(text || "").replace(/\u200b/g, "").replace(/<[^>]*>/g, "")
      .replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&amp;/g, "&")
      .replace(/\s+/g, " ").toLowerCase();
  }

  // The query as the reader typed it, without lunr's operators; "" when it is one word (nothing to gain).
  function phrase(text) {
    var words = text.replace(/(^|\s)[+-]+/g, "$1").replace(/[*~^"]/g, "").toLowerCase().trim().split(/\s+/);
    var joined = words.join(" ");
    return words.length > 1 || /\p{sc=Han}{2}/u.test(joined) ? joined : "";
  }

  function holds(group, wanted) {
    return group.some(function (entry) {
      return (fields[entry.location] || []).some(function (field) { return field.indexOf(wanted) !== -1; });
    });
  }

  function deliver(message) {
    self.dispatchEvent(new MessageEvent("message", {data: message}));
  }

  function importMaterial() {  // its listener comes after this file's, which keeps seeing each message first
    if (imported) return;
    if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("no Material search worker named: " + material);
    importScripts(material);
    imported = true;
  }

  function fetchEntries() {
    loading = true;
    importMaterial();
    var root = new URL("../../../", location.href);  // this file is assets/javascripts/workers/ below the site root
    fetch(new URL(held.data.config.edition_index, root)).then(function (response) {
      if (!response.ok) throw new Error(response.url + ": " + response.status);
      return response.json();
    }).then(function (index) {
      deliver({type: SETUP, data: {config: held.data.config, docs: index.docs, options: held.data.options}});
    }).catch(function (error) {
      loading = false;
      console.error("search index:", error);
      post({type: RESULT, data: {items: []}});
    });
  }

  // Registered before Material's worker is imported: this listener sees each message first and may keep it.
  addEventListener("message", function (event) {
    var message = event.data || {};
    if (message.type === SETUP && !imported && message.data.docs.length) {  // a whole index: no waiting
      event.stopImmediatePropagation();
      importMaterial();
      deliver(message);
      return;
    }
    if (message.type === SETUP && message.data.config.edition_index && !message.data.docs.length) {
      event.stopImmediatePropagation();
      held = message;
      post({type: READY, data: true});
      return;
    }
    if (message.type === QUERY && held) {  // not set up with the entries yet
      event.stopImmediatePropagation();
      if (!String(message.data).trim()) {
        post({type: RESULT, data: {items: []}});  // what Material's worker answers before its setup
        return;
      }
      waiting = message;
      if (!loading) fetchEntries();
      return;
    }
    if (message.type === SETUP) {
      message.data.docs.forEach(function (doc) {
        fields[doc.location] = [plain(doc.text)].concat(
          String(doc.keywords || "").split("\u200b").map(plain));
      });
    } else if (message.type === QUERY) {
      query = String(message.data);
    }
  });

  var post = self.postMessage.bind(self);
  self.postMessage = function (message) {
    if (message && message.type === READY && held && loading) {  // set up with the entries: ask the query
      held = null;
      deliver(waiting);
      return;
    }
    var wanted = message && message.type === RESULT && message.data && message.data.items ? phrase(query) : "";
    if (wanted) {
      var items = message.data.items;
      message.data.items = items.filter(function (group) { return holds(group, wanted); })
        .concat(items.filter(function (group) { return !holds(group, wanted); }));
    }
    post(message);
  };
})();
