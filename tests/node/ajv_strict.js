// Compiles a JSON Schema (draft 2020-12) with ajv in strict mode, with ajv-formats, and validates a
// document against it: argv[2] the schema, argv[3] the document. Prints the errors; exit 1 on any.
"use strict";
const fs = require("fs");
const Ajv2020 = require("ajv/dist/2020");
const addFormats = require("ajv-formats");

const ajv = new Ajv2020({strict: true, allErrors: true});
addFormats(ajv);
let validate;
try {
  validate = ajv.compile(JSON.parse(fs.readFileSync(process.argv[2], "utf8")));
} catch (error) {
  console.log(String(error.message));
  process.exit(1);
}
if (!validate(JSON.parse(fs.readFileSync(process.argv[3], "utf8")))) {
  console.log(JSON.stringify(validate.errors, null, 1));
  process.exit(1);
}
