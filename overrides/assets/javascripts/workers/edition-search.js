// The pages' search worker: Material's own (named in this script's query, ?material=search.<hash>.min.js),
// with phrase matches first. lunr scores the query's words one by one, so a unit that holds them apart
// could outrank the unit that holds the query as written (地方气候行动: ¶4 above ¶17). Of the results
// Material ranks, those whose text (or one of their keywords) holds the whole query come first, each group
// in Material's order; a title does not count (a unit's title is its section's name, shared by its units).
// It lives beside Material's worker because that worker loads lunr's languages from "../lunr", relative
// to the worker that was started (scripts/pipeline/material_fixes.py names both).
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3;  // Material's worker messages
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

  addEventListener("message", function (event) {
    var message = event.data || {};
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
    var wanted = message && message.type === RESULT && message.data && message.data.items ? phrase(query) : "";
    if (wanted) {
      var items = message.data.items;
      message.data.items = items.filter(function (group) { return holds(group, wanted); })
        .concat(items.filter(function (group) { return !holds(group, wanted); }));
    }
    post(message);
  };

  var material = new URLSearchParams(location.search).get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material)) throw new Error("no Material search worker named: " + material);
  importScripts(material);
})();
