/**
 * `npm test`: every check the project has, with one closing line CI reads:
 * `N passed, N failed, N skipped`, summed over every suite. Typecheck, lint, build and the security
 * gate count as one test each; Vitest and Playwright report their own counts through JSON.
 * Lint and build go first (the UI tests need the build); then typecheck, Vitest and Playwright run
 * side by side, since each leaves a core idle much of the time (Playwright waits on Chromium, tsc
 * is single-threaded), and the whole run must stay well inside CI's 15 minutes.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const results = join(root, 'test-results');
type Counts = { passed: number; failed: number; skipped: number };
type Step = { name: string; counts: Counts; seconds: number };

function run(command: string, args: string[]): { ok: boolean; output: string } {
  const child = spawnSync(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    env: process.env,
  });
  const output = `${child.stdout ?? ''}${child.stderr ?? ''}`;
  process.stdout.write(output);
  return { ok: child.status === 0, output };
}

/** Like `run`, without blocking: the output is printed whole when the command ends, under its step's name. */
function runInBackground(name: string, command: string, args: string[]): Promise<{ ok: boolean; output: string }> {
  return new Promise((done) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString('utf8');
    });
    child.on('close', (status) => {
      console.log(`\n━━ ${name} (output) ━━`);
      process.stdout.write(output);
      done({ ok: status === 0, output });
    });
  });
}

const one = (ok: boolean): Counts => ({ passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 });

function readJson(path: string): unknown {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

function vitestCounts(ok: boolean): Counts {
  const report = readJson(join(results, 'vitest.json')) as
    | { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }
    | undefined;
  if (!report) return one(false);
  const counts = {
    passed: report.numPassedTests,
    failed: report.numFailedTests,
    skipped: report.numPendingTests + report.numTodoTests,
  };
  // A suite that failed to load reports no failed test but exits non-zero: count it.
  if (!ok && counts.failed === 0) counts.failed = 1;
  return counts;
}

function playwrightCounts(ok: boolean): Counts {
  const report = readJson(join(results, 'e2e.json')) as
    | { stats: { expected: number; unexpected: number; flaky: number; skipped: number } }
    | undefined;
  if (!report) return one(false);
  const counts = {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
  };
  if (!ok && counts.failed === 0) counts.failed = 1;
  return counts;
}

const steps: Step[] = [];
function step(name: string, body: () => Counts) {
  console.log(`\n━━ ${name} ━━`);
  const started = performance.now();
  const counts = body();
  steps.push({ name, counts, seconds: (performance.now() - started) / 1000 });
}

/** A step whose command runs beside others; its counts are taken when it ends. */
async function backgroundStep(
  name: string,
  command: string[],
  counts: (result: { ok: boolean; output: string }) => Counts,
): Promise<Step> {
  const started = performance.now();
  const [program = npx, ...args] = command;
  const result = await runInBackground(name, program, args);
  return { name, counts: counts(result), seconds: (performance.now() - started) / 1000 };
}

rmSync(results, { recursive: true, force: true });
mkdirSync(results, { recursive: true });

const npx = 'npx';
step('lint', () => one(run(npx, ['biome', 'ci', '.']).ok));
let built = false;
step('build', () => {
  built = run(npx, ['electron-vite', 'build']).ok;
  return one(built);
});
console.log('\n━━ typecheck, unit and database tests, end-to-end tests in Chromium: side by side ━━');
const parallel = await Promise.all([
  backgroundStep('typecheck', [npx, 'tsc', '--noEmit', '-p', 'tsconfig.json'], ({ ok }) => one(ok)),
  backgroundStep(
    'unit and database tests',
    [
      npx,
      'vitest',
      'run',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${join(results, 'vitest.json')}`,
    ],
    ({ ok }) => vitestCounts(ok),
  ),
  built
    ? backgroundStep('end-to-end tests in Chromium', [npx, 'playwright', 'test'], ({ ok }) => playwrightCounts(ok))
    : Promise.resolve({ name: 'end-to-end tests in Chromium', counts: one(false), seconds: 0 }),
]);
steps.push(...parallel);
step('security gate (Electronegativity)', () => {
  const { ok, output } = run(npx, ['tsx', 'test/security/electronegativity.ts']);
  return one(ok && /SECURITY_SUMMARY passed=1 failed=0/.test(output));
});
step('security gate (npm audit)', () => {
  const { ok, output } = run(npx, ['tsx', 'test/security/npm-audit.ts']);
  // An unreachable advisory endpoint is a skip with its reason, not a pass (nothing was checked).
  const summary = output.match(/AUDIT_SUMMARY passed=(\d) failed=(\d) skipped=(\d)/);
  if (!ok || !summary) return one(false);
  return { passed: Number(summary[1]), failed: Number(summary[2]), skipped: Number(summary[3]) };
});

const total = steps.reduce(
  (sum, s) => ({
    passed: sum.passed + s.counts.passed,
    failed: sum.failed + s.counts.failed,
    skipped: sum.skipped + s.counts.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log('\n━━ summary ━━');
for (const s of steps) {
  const { passed, failed, skipped } = s.counts;
  console.log(
    `${s.name.padEnd(36)} ${String(passed).padStart(4)} passed ${String(failed).padStart(3)} failed ${String(skipped).padStart(3)} skipped  ${s.seconds.toFixed(1)} s`,
  );
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 ? 1 : 0);
