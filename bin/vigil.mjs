#!/usr/bin/env node
// @ts-check
/**
 * `npx vigil verify <file.pdf>` from a checkout after `npm ci`: no build step and no app. tsx
 * (a dev dependency, as for the export worker's source entry) compiles the verifier on the fly;
 * the verifier reads only the file and needs no data folder.
 */
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../electron/core/signing/cli.ts');
process.exitCode = await runCli(process.argv.slice(2), {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
});
