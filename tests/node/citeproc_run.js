// Formats CSL-JSON items with citeproc-js and an official CSL style: the oracle the citation tests
// compare the edition's own strings with. Reads {style, locales, lang, items, cites} as JSON on stdin
// (style: a .csl file; locales: a folder of locales-xx-XX.xml; cites: [{id, locator?, label?}]) and
// prints [{citation, bibliography}] as JSON, one per cite, each formatted by a fresh engine.
"use strict";
const fs = require("fs");
const path = require("path");
const CSL = require("citeproc");

const input = JSON.parse(fs.readFileSync(0, "utf8"));
const style = fs.readFileSync(input.style, "utf8");
const items = Object.fromEntries(input.items.map((item) => [item.id, item]));
const sys = {
  retrieveLocale: (lang) => {
    const file = path.join(input.locales, `locales-${lang}.xml`);
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : false;
  },
  retrieveItem: (id) => items[id],
};
const out = input.cites.map((cite) => {
  const engine = new CSL.Engine(sys, style, input.lang || "en-US", true);
  engine.setOutputFormat("text");
  engine.updateItems([cite.id]);
  const item = {id: cite.id};
  if (cite.locator) { item.locator = cite.locator; item.label = cite.label || "paragraph"; }
  const [, citations] = engine.processCitationCluster(
    {citationItems: [item], properties: {noteIndex: 1}}, [], []);
  const bibliography = engine.makeBibliography();
  return {citation: citations[0][1], bibliography: bibliography ? bibliography[1].join("").trim() : ""};
});
process.stdout.write(JSON.stringify(out));
