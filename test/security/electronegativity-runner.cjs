/**
 * Runs Electronegativity in its own process and writes its findings, with severity, as JSON.
 *
 * Why a separate CommonJS process: Electronegativity 1.10 parses TypeScript through
 * @typescript-eslint/typescript-estree 4, which npm hoists beside this project's TypeScript 7.
 * TypeScript 7 no longer ships the JavaScript compiler API, so the scanner crashes on start. It
 * brings its own TypeScript 4 in its nested node_modules; this process sends every `typescript`
 * require there, and the project's own TypeScript is left alone.
 *
 * Why not the CLI's report file: its SARIF carries no severity (`level` only says whether a
 * finding needs manual review), and its CSV writer races its own header. The documented
 * programmatic API returns the findings with severity and confidence.
 *
 * Why `got` is replaced: on start the scanner fetches translations from GitHub (1 s timeout, with
 * retries). A security gate should not depend on, or be steered by, the network; its built-in
 * English strings are enough.
 *
 * Usage: node electronegativity-runner.cjs <input dir> <sarif path> <electron version> <json path>
 */
const Module = require('node:module');
const { dirname } = require('node:path');
const { writeFileSync } = require('node:fs');

const scannerDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const scannerTypescript = require.resolve('typescript', { paths: [scannerDir] });
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function resolveToScannerTypescript(request, ...rest) {
  return resolveFilename.call(this, request === 'typescript' ? scannerTypescript : request, ...rest);
};

// The package's main is its runner: `module.exports = run`.
const gotPath = require.resolve('got', { paths: [scannerDir] });
const offlineGot = new Module(gotPath);
offlineGot.filename = gotPath;
offlineGot.loaded = true;
offlineGot.exports = () => Promise.reject(new Error('network disabled for the security gate'));
require.cache[gotPath] = offlineGot;
process.env.LANG = 'en-US';

const run = require('@doyensec/electronegativity');

const [input, sarifPath, electronVersion, jsonPath] = process.argv.slice(2);

run(
  {
    input,
    output: sarifPath,
    isSarif: true,
    isRelative: true,
    // Asks a server for newer Electron security fixes; Vigil's gate runs offline.
    excludeFromScan: ['availablesecurityfixesglobalcheck'],
    electronVersionOverride: electronVersion,
  },
  false,
).then(
  ({ issues, errors }) => {
    const findings = issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      manualReview: Boolean(issue.manualReview),
      file: issue.file,
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      description: issue.description,
    }));
    writeFileSync(jsonPath, JSON.stringify({ findings, errors }));
  },
  (error) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exitCode = 1;
  },
);
